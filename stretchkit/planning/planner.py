"""Plan a routine from a screening, goals, a time budget and the days per week.

Only stretches the screening allows are ever planned (cautions are carried along). Stretches
for the chosen goals come first, then stretches of movements not yet covered, for balance, as
long as the session fits the budget. The routine is grouped by position (seated, supine,
standing) so the client changes position as few times as possible.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from stretchkit.catalog import MOVEMENT_LABELS, POSITIONS, Catalog, Stretch
from stretchkit.errors import ValidationError
from stretchkit.i18n import N_, _
from stretchkit.planning.prescription import Prescription, prescribe
from stretchkit.planning.read_back import (
    ADDS_MOVEMENT,
    EXCLUDED,
    FILLS_TIME,
    FOR_GOALS,
    NO_STRETCH,
    NOT_PLANNED,
    NOT_PLANNED_TIME,
    ONE_OF,
)
from stretchkit.planning.routine import (
    DEFAULT_BUDGET_MIN,
    DEFAULT_DAYS_PER_WEEK,
    Routine,
    RoutineItem,
)
from stretchkit.planning.timeline import PhaseTimes, session_timeline
from stretchkit.screening.model import Screening, StretchDecision

__all__ = [
    "GOALS",
    "Goal",
    "add_stretch",
    "fit_template",
    "goals_heading",
    "plan",
    "session_minutes",
]


@dataclass(frozen=True)
class Goal:
    """Something a client wants from stretching, and the stretches that serve it."""

    id: str
    name: str
    regions: frozenset[str]
    movements: frozenset[str]

    def serves(self, stretch: Stretch) -> bool:
        """True when the stretch works this goal's region with one of its movements."""
        return stretch.region in self.regions and stretch.movement in self.movements


GOALS: tuple[Goal, ...] = (
    Goal(
        "posture",
        N_("Posture and upper-back stiffness"),
        frozenset({"upper-back", "mid-back"}),
        frozenset({"flexion", "extension", "retraction"}),
    ),
    Goal(
        "rotation",
        N_("Rotation"),
        frozenset({"upper-back", "mid-back"}),
        frozenset({"rotation"}),
    ),
    Goal(
        "lower-back",
        N_("Lower-back flexibility"),
        frozenset({"lower-back"}),
        frozenset({"flexion"}),
    ),
    Goal(
        "chest-opening",
        N_("Chest opening"),
        frozenset({"upper-back", "front-of-trunk"}),
        frozenset({"retraction", "extension"}),
    ),
)
_GOALS = {g.id: g for g in GOALS}


def goals_heading(chosen: Sequence[str]) -> str:
    """The planner's goals heading: 'Goals', saying what no goal means until one is chosen."""
    return _("Goals") if chosen else _("Goals (none chosen: a balanced routine)")


def _goals(ids: Sequence[str]) -> tuple[Goal, ...]:
    for goal_id in ids:
        if goal_id not in _GOALS:
            raise ValidationError("goal", goal_id, ONE_OF.format(choices=tuple(_GOALS)))
    return tuple(_GOALS[i] for i in dict.fromkeys(ids))


def _cautions(decision: StretchDecision) -> tuple[str, ...]:
    if decision.decision != "caution":
        return ()
    return tuple(dict.fromkeys(r.modification or r.text for r in decision.reasons))


def _why(stretch: Stretch, goals: tuple[Goal, ...], covered: AbstractSet[str]) -> str:
    served = [g.name for g in goals if g.serves(stretch)]
    if served:
        return FOR_GOALS.format(goals=" and ".join(served).lower(), purpose=stretch.purpose)
    if stretch.movement not in covered:
        label = MOVEMENT_LABELS[stretch.movement].lower()
        return ADDS_MOVEMENT.format(movement=label, purpose=stretch.purpose)
    return FILLS_TIME.format(purpose=stretch.purpose)


def _rank(candidates: list[Stretch], goals: tuple[Goal, ...]) -> list[Stretch]:
    """Goal stretches first, then uncovered movements, then the rest; article order breaks
    ties."""
    left, ranked, covered = list(candidates), [], set[str]()
    while left:
        best = min(
            left,
            key=lambda s: (
                -sum(g.serves(s) for g in goals),
                s.movement in covered,
                left.index(s),
            ),
        )
        ranked.append(best)
        covered.add(best.movement)
        left.remove(best)
    return ranked


def session_minutes(routine: Routine, catalog: Catalog, times: PhaseTimes | None = None) -> float:
    """How long the routine's session takes, warm-up included, in minutes."""
    timeline = session_timeline(routine.planned(), catalog, routine.warm_up_min, times)
    return timeline.total_s / 60


def _fits(routine: Routine, catalog: Catalog, times: PhaseTimes | None) -> bool:
    return session_minutes(routine, catalog, times) <= routine.budget_min


def _try_add(
    routine: Routine, item: RoutineItem, catalog: Catalog, times: PhaseTimes | None
) -> Routine | None:
    """The routine with the item (at fewer repetitions if needed), or None if it cannot fit."""
    rx = item.prescription
    for reps in range(rx.reps, rx.rep_range.min_reps - 1, -1):
        trial = routine.with_items((*routine.items, replace(item, prescription=rx.with_reps(reps))))
        if _fits(trial, catalog, times):
            return trial
    return None


def _by_position(routine: Routine, catalog: Catalog) -> Routine:
    items = sorted(
        routine.items, key=lambda i: POSITIONS.index(catalog.stretch(i.stretch_id).position)
    )
    return routine.with_items(tuple(items))


def _excluded_notes(screening: Screening, catalog: Catalog) -> list[str]:
    notes = []
    for d in screening.decisions:
        if d.decision == "excluded":
            reason = d.reasons[0].text if d.reasons else "excluded"
            notes.append(NOT_PLANNED.format(name=catalog.stretch(d.stretch_id).name, reason=reason))
    return notes


def _require_allowed(screening: Screening) -> None:
    if not screening.allowed():
        raise ValidationError(
            "screening", screening.status, NO_STRETCH.format(headline=screening.headline)
        )


def plan(
    screening: Screening,
    catalog: Catalog,
    *,
    goals: Sequence[str] = (),
    budget_min: int = DEFAULT_BUDGET_MIN,
    days_per_week: int = DEFAULT_DAYS_PER_WEEK,
    warm_up_min: int = 5,
    times: PhaseTimes | None = None,
) -> Routine:
    """The routine that best serves the goals within the budget, with a reason for each
    stretch and a note for each one left out."""
    chosen = _goals(goals)
    routine = Routine((), tuple(g.id for g in chosen), budget_min, days_per_week, warm_up_min)
    _require_allowed(screening)
    allowed = [catalog.stretch(i) for i in screening.allowed()]
    notes = _excluded_notes(screening, catalog)
    for stretch in _rank(allowed, chosen):
        covered = {catalog.stretch(i).movement for i in routine.stretch_ids}
        item = RoutineItem(
            prescribe(stretch, screening.intake, catalog),
            _why(stretch, chosen, covered),
            _cautions(screening.decision(stretch.id)),
        )
        bigger = _try_add(routine, item, catalog, times)
        if bigger is None:
            notes.append(NOT_PLANNED_TIME.format(name=stretch.name, minutes=budget_min))
        else:
            routine = bigger
    if not routine.items:
        raise ValidationError(
            "time budget", budget_min, "is too short for the warm-up and one stretch"
        )
    return replace(_by_position(routine, catalog), notes=tuple(notes))


def _checked_item(stretch_id: str, screening: Screening, catalog: Catalog, why: str) -> RoutineItem:
    stretch = catalog.stretch(stretch_id)
    decision = screening.decision(stretch_id)
    if decision.decision == "excluded":
        reason = decision.reasons[0].text if decision.reasons else ""
        raise ValidationError("stretch", stretch.name, EXCLUDED.format(reason=reason))
    return RoutineItem(prescribe(stretch, screening.intake, catalog), why, _cautions(decision))


def add_stretch(
    routine: Routine, stretch_id: str, screening: Screening, catalog: Catalog
) -> Routine:
    """The routine with one more stretch at the end; an excluded stretch is refused."""
    if stretch_id in routine.stretch_ids:
        raise ValidationError("stretch", stretch_id, "is already in the routine")
    item = _checked_item(stretch_id, screening, catalog, "Added by the trainer.")
    return routine.with_items((*routine.items, item))


def _fitted(rx: Prescription, template: Prescription) -> Prescription:
    """The template's holds, repetitions and rest, brought within this client's safe range."""
    for side in rx.sides:
        wanted = template.hold_for(side) if side in template.sides else rx.hold_for(side)
        rx = rx.with_hold(side, min(max(wanted, rx.bounds.min_s), rx.bounds.max_s))
    reps = min(max(template.reps, rx.rep_range.min_reps), rx.rep_range.max_reps)
    return replace(rx.with_reps(reps), rest_s=template.rest_s)


def fit_template(template: Routine, screening: Screening, catalog: Catalog) -> Routine:
    """A template made this client's: excluded stretches left out (with a note), holds brought
    within their safe range, cautions from their screening."""
    _require_allowed(screening)
    items, notes = [], []
    for item in template.items:
        try:
            fitted = _checked_item(item.stretch_id, screening, catalog, item.why)
        except ValidationError as e:
            notes.append(NOT_PLANNED.format(name=e.value, reason=e.problem))
            continue
        items.append(replace(fitted, prescription=_fitted(fitted.prescription, item.prescription)))
    return replace(template, items=tuple(items), notes=tuple(notes))
