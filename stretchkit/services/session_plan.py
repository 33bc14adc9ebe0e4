"""A running session follows the current screening: the timeline rebuilt from today's plan at
*Start*, and the phases still to come brought within the current screening before each phase
(holds never longer than it allows, its cautions in "Watch for", no "go further" prompt where
it keeps the stretch gentle), with what changed and why said in words."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import N_, _
from stretchkit.i18n.formatting import format_day
from stretchkit.planning.end_range import planned_today
from stretchkit.planning.planner import fit_template
from stretchkit.planning.read_back import read_back
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import (
    Phase,
    PhaseTimes,
    Timeline,
    asks_further,
    session_timeline,
    without_end_range,
)
from stretchkit.screening import Screening

__all__ = [
    "HoldChange",
    "Reference",
    "changed_detail",
    "changes_text",
    "day_text",
    "hold_changes",
    "reference",
    "rescreen_text",
    "revised_holds",
    "timeline_for",
]

PhaseKey = tuple[str, str, str, int]


@dataclass(frozen=True)
class HoldChange:
    """One stretch whose hold target the current screening moved."""

    stretch_id: str
    was_s: int
    now_s: int


def day_text(day: date) -> str:
    """'6 Dec 2026'."""
    return f"{day.day} {day:%b %Y}"


def timeline_for(
    routine: Routine, screening: Screening, catalog: Catalog, times: PhaseTimes | None
) -> Timeline:
    """The session's timeline for a routine fitted to a screening, with end-range prompts only
    where going further is safe for this client."""
    planned = planned_today(routine, screening.intake, catalog)
    return session_timeline(planned, catalog, routine.warm_up_min, times)


def _key(phase: Phase) -> PhaseKey:
    return (phase.kind, phase.stretch_id, phase.side, phase.rep)


class Reference:
    """The phases the current screening allows, to bring a running timeline within."""

    def __init__(self, timeline: Timeline) -> None:
        self.phases = {_key(p): p for p in timeline.phases if p.stretch_id}

    def fit(self, phase: Phase) -> Phase:
        """The phase within the reference: hold no longer, its cautions, no end-range prompt
        where the reference has none (a phase the reference lacks is left as it is)."""
        ref = self.phases.get(_key(phase))
        if ref is None:
            return phase
        fitted = replace(phase, watch_for=ref.watch_for)
        if phase.kind == "hold":
            fitted = replace(fitted, duration_s=min(phase.duration_s, ref.duration_s))
        return fitted if asks_further(ref) else without_end_range(fitted)


def reference(
    routine: Routine, screening: Screening, catalog: Catalog, times: PhaseTimes | None
) -> tuple[Routine, Reference]:
    """What the current screening allows of this routine: the routine fitted to it, and its
    timeline as a reference."""
    fitted = fit_template(routine, screening, catalog)
    return fitted, Reference(timeline_for(fitted, screening, catalog, times))


def hold_changes(before: Timeline, after: Timeline) -> tuple[HoldChange, ...]:
    """Each stretch whose longest hold differs between two timelines (in session order)."""
    was = _longest(before)
    now = _longest(after)
    return tuple(
        HoldChange(stretch, was[stretch], held)
        for stretch, held in now.items()
        if stretch in was and was[stretch] != held
    )


def revised_holds(revised: list[tuple[Phase, Phase]]) -> tuple[HoldChange, ...]:
    """Each stretch whose holds still to come were shortened (longest before and after)."""
    was: dict[str, int] = {}
    now: dict[str, int] = {}
    for before, after in revised:
        if before.kind == "hold" and before.duration_s != after.duration_s:
            was[before.stretch_id] = max(was.get(before.stretch_id, 0), before.duration_s)
            now[after.stretch_id] = max(now.get(after.stretch_id, 0), after.duration_s)
    return tuple(HoldChange(stretch, was[stretch], now[stretch]) for stretch in was)


def _longest(timeline: Timeline) -> dict[str, int]:
    out: dict[str, int] = {}
    for phase in timeline.holds():
        out[phase.stretch_id] = max(out.get(phase.stretch_id, 0), phase.duration_s)
    return out


def _why(
    screening: Screening, before: Routine, after: Routine, changes: tuple[HoldChange, ...]
) -> str:
    """What moved the holds: the new plan's hold reasons the old plan did not give."""
    said: list[str] = []
    for change in changes:
        old = _basis(before, change.stretch_id)
        said += [
            read_back(line).rstrip(".")
            for line in _basis(after, change.stretch_id)
            if line not in old
        ]
    return "; ".join(dict.fromkeys(said)) or read_back(screening.headline)


def _basis(routine: Routine, stretch_id: str) -> tuple[str, ...]:
    return next((i.prescription.basis for i in routine.items if i.stretch_id == stretch_id), ())


def changes_text(
    head: str,
    screening: Screening,
    plans: tuple[Routine, Routine],
    changes: tuple[HoldChange, ...],
    catalog: Catalog,
) -> str:
    """In the reader's language: 'Hold targets changed since this page opened: the screening
    of 6 December 2026 says
    Hypermobility ...: Seated Thoracic Rotation now 20 s (was 30 s).' (`plans`: the plan
    before and after the change)."""
    moved = "; ".join(
        _("{name} now {now} s (was {was} s)").format(
            name=catalog_text(catalog.stretch(c.stretch_id).name), now=c.now_s, was=c.was_s
        )
        for c in changes
    )
    day = format_day(screening.intake.taken_on)
    return _("{head}: the screening of {day} says {why}: {moved}.").format(
        head=_(head), day=day, why=_why(screening, *plans, changes), moved=moved
    )


RESCREEN_CHANGED = N_("Today's plan changed with the new screening")
"""How the Session tab opens what a screening saved while it was open changed."""


def rescreen_text(
    before: tuple[Routine, Screening], after: tuple[Routine, Screening], catalog: Catalog
) -> str:
    """What a new screening changed in today's plan, in the words a session uses when it
    starts on a changed plan ('' when no hold moved): each plan is a routine with the
    screening it was fitted to."""
    old = timeline_for(before[0], before[1], catalog, None)
    new = timeline_for(after[0], after[1], catalog, None)
    moves = hold_changes(old, new)
    if not moves:
        return ""
    plans = (before[0], after[0])
    return changes_text(RESCREEN_CHANGED, after[1], plans, moves, catalog)


def changed_detail(screening: Screening, changes: tuple[HoldChange, ...]) -> str:
    """The change in a few words for the session's log (its note stays short): 'the
    screening of 6 Dec 2026: 2 stretches re-targeted'."""
    count = len(changes)
    return (
        f"the screening of {day_text(screening.intake.taken_on)}: {count} "
        f"stretch{'es' if count != 1 else ''} re-targeted"
    )
