"""Today's session for a client: their current routine, fitted to their current screening,
with each hold target moved as the log suggests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.i18n import N_, _
from stretchkit.planning.planner import fit_template
from stretchkit.planning.prescription import Side
from stretchkit.planning.read_back import read_back
from stretchkit.planning.routine import Routine
from stretchkit.screening import Screening
from stretchkit.services.access_record import logged
from stretchkit.services.readiness import readiness
from stretchkit.session.targets import (
    SessionResult,
    Suggestion,
    apply_suggestions,
    decided_since,
    next_targets,
    results_by_stretch,
)
from stretchkit.store.protocol import ProgressStore

__all__ = [
    "EXCLUDES_EVERY_STRETCH",
    "NO_ROUTINE_YET",
    "RECENT_DAYS",
    "TodaysPlan",
    "todays_plan",
]

NO_ROUTINE_YET = N_("No routine yet: plan one in the routine planner.")
EXCLUDES_EVERY_STRETCH = N_("The current screening excludes every planned stretch.")


@dataclass(frozen=True)
class TodaysPlan:
    """The routine to run today (targets from progression), or why there is none."""

    routine: Routine | None
    routine_id: int | None
    suggestions: tuple[Suggestion, ...]
    message: str
    screening: Screening | None = None
    """The current screening the plan was fitted to (None when there is no plan)."""


RECENT_DAYS = 14
"""Days of sessions read first for progression: only when they do not decide every target
(a stretch not done lately, a long gap) is the routine's whole log read."""


def _results(
    store: ProgressStore, client_id: int, routine_id: int, routine: Routine
) -> dict[tuple[str, Side], list[SessionResult]]:
    """The routine's logged results, as far back as progression needs them for `routine`."""
    recent = store.sessions.recent_holds(client_id, routine_id, RECENT_DAYS)
    results = results_by_stretch(recent.holds)
    keys = [(i.stretch_id, t.side) for i in routine.items for t in i.prescription.targets]
    if recent.complete_from is None or decided_since(results, keys, recent.complete_from):
        return results
    return results_by_stretch(store.sessions.client_holds(client_id, routine_id))


@logged("routine-read")
def todays_plan(store: ProgressStore, catalog: Catalog, client_id: int, today: date) -> TodaysPlan:
    """The client's current routine, fitted to their current screening, with each target
    moved as the log suggests. No plan when the client must be (re-)screened or has none."""
    ready = readiness(store, catalog, client_id, today)
    if not ready.ready or ready.screening is None:
        return TodaysPlan(None, None, (), ready.message)
    saved = store.routines.current(client_id)
    if saved is None:
        return TodaysPlan(None, None, (), _(NO_ROUTINE_YET))
    fitted = fit_template(saved.routine, ready.screening, catalog)
    if not fitted.items:
        return TodaysPlan(None, None, (), _(EXCLUDES_EVERY_STRETCH))
    suggestions = next_targets(fitted, _results(store, client_id, saved.id, fitted))
    notes = " ".join(read_back(n) for n in fitted.notes)
    return TodaysPlan(
        apply_suggestions(fitted, suggestions),
        saved.id,
        suggestions,
        f"{ready.message} {notes}".strip(),
        ready.screening,
    )
