"""Planning a client's routine as use cases: what the planner opens on, planning from goals
or a template, adding a stretch, and saving the routine or a template. Every step asks the
client's current screening first, so nothing the screening excludes is planned or saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.i18n import N_
from stretchkit.planning.planner import add_stretch, fit_template, plan
from stretchkit.planning.routine import DEFAULT_BUDGET_MIN, DEFAULT_DAYS_PER_WEEK, Routine
from stretchkit.screening import Screening
from stretchkit.services.access_record import logged
from stretchkit.services.events import ClientEvents, announce
from stretchkit.services.readiness import Readiness, readiness
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.values import SavedRoutine

__all__ = [
    "NotReadyError",
    "PlanSettings",
    "PlanningStart",
    "add_to_routine",
    "addable_stretches",
    "plan_routine",
    "ready_screening",
    "routine_from_template",
    "routine_history",
    "save_routine",
    "save_template",
    "start_planning",
    "template_names",
]


class NotReadyError(StretchkitError):
    """The client's screening does not allow planning today; the message says why."""

    field = "client"


@dataclass(frozen=True)
class PlanningStart:
    """What the planner shows for a client: their readiness, the routine to edit (their
    saved one, when their screening allows planning) and their saved routines."""

    readiness: Readiness
    routine: Routine | None
    history: tuple[SavedRoutine, ...]


@dataclass(frozen=True)
class PlanSettings:
    """The trainer's choices for a new plan (validated by the planner)."""

    goals: tuple[str, ...] = ()
    budget_min: int = DEFAULT_BUDGET_MIN
    days_per_week: int = DEFAULT_DAYS_PER_WEEK
    warm_up_min: int = 5


@logged("routine-read")
def start_planning(
    store: ProgressStore, catalog: Catalog, client_id: int, today: date
) -> PlanningStart:
    """The client's readiness today, their current routine if they may be planned for, and
    their routine history, as the store has them now."""
    status = readiness(store, catalog, client_id, today)
    saved = store.routines.current(client_id)
    routine = saved.routine if saved is not None and status.ready else None
    return PlanningStart(status, routine, tuple(store.routines.history(client_id)))


@logged("routine-read")
def routine_history(store: ProgressStore, client_id: int) -> tuple[SavedRoutine, ...]:
    """The client's saved routines, newest first."""
    return tuple(store.routines.history(client_id))


def template_names(store: ProgressStore) -> tuple[str, ...]:
    """The names of the kept templates."""
    return tuple(t.name for t in store.routines.templates())


@logged("screening-read")
def ready_screening(
    store: ProgressStore, catalog: Catalog, client_id: int, today: date
) -> Screening:
    """The client's current screening when it allows planning; otherwise NotReadyError."""
    status = readiness(store, catalog, client_id, today)
    if status.screening is None or not status.ready:
        raise NotReadyError(status.message)
    return status.screening


@logged("screening-read")
def plan_routine(
    store: ProgressStore, catalog: Catalog, client_id: int, today: date, settings: PlanSettings
) -> Routine:
    """A routine planned from the goals, budget and days, for the client's current screening."""
    screening = ready_screening(store, catalog, client_id, today)
    return plan(
        screening,
        catalog,
        goals=settings.goals,
        budget_min=settings.budget_min,
        days_per_week=settings.days_per_week,
        warm_up_min=settings.warm_up_min,
    )


@logged("screening-read")
def routine_from_template(
    store: ProgressStore, catalog: Catalog, client_id: int, today: date, name: str
) -> Routine:
    """The named template made this client's, fitted to their current screening."""
    screening = ready_screening(store, catalog, client_id, today)
    chosen = next((t for t in store.routines.templates() if t.name == name), None)
    if chosen is None:
        raise ValidationError("template", name, N_("choose a template first"))
    return fit_template(chosen.routine, screening, catalog)


@logged("screening-read")
def add_to_routine(
    store: ProgressStore,
    catalog: Catalog,
    client_id: int,
    today: date,
    routine: Routine,
    *,
    stretch_id: str,
) -> Routine:
    """The routine with one more stretch, refused when the screening excludes it."""
    screening = ready_screening(store, catalog, client_id, today)
    return add_stretch(routine, stretch_id, screening, catalog)


def addable_stretches(screening: Screening | None, routine: Routine | None) -> tuple[str, ...]:
    """The ids of the stretches the screening allows that the routine does not hold yet."""
    planned = routine.stretch_ids if routine is not None else ()
    allowed = screening.allowed() if screening is not None else ()
    return tuple(sid for sid in allowed if sid not in planned)


@logged("routine-saved")
def save_routine(
    store: ProgressStore,
    catalog: Catalog,
    client_id: int,
    today: date,
    routine: Routine,
    *,
    events: ClientEvents | None = None,
) -> SavedRoutine:
    """Save the routine as the client's current one (earlier ones are kept) and announce it;
    refused when the client's current screening does not allow every stretch in it."""
    screening = ready_screening(store, catalog, client_id, today)
    allowed = set(screening.allowed())
    for sid in routine.stretch_ids:
        if sid not in allowed:
            raise ValidationError("stretch", sid, N_("is not allowed by the client's screening"))
    saved = store.routines.save(client_id, routine)
    announce(events, client_id, "routine saved")
    return saved


def save_template(store: ProgressStore, name: str, routine: Routine) -> SavedRoutine:
    """Keep the routine as a named template for other clients."""
    return store.routines.save_template(name, routine)
