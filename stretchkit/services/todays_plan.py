"""Today's session for a client: their current routine, fitted to their current screening,
with each hold target moved as the log suggests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.i18n import N_, _
from stretchkit.planning.planner import fit_template
from stretchkit.planning.read_back import read_back
from stretchkit.planning.routine import Routine
from stretchkit.screening import Screening
from stretchkit.services.access_record import logged
from stretchkit.services.readiness import readiness
from stretchkit.session.targets import (
    Suggestion,
    apply_suggestions,
    next_targets,
    results_by_stretch,
)
from stretchkit.store.protocol import ProgressStore

__all__ = ["EXCLUDES_EVERY_STRETCH", "NO_ROUTINE_YET", "TodaysPlan", "todays_plan"]

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
    results = results_by_stretch(store.sessions.client_holds(client_id, saved.id))
    suggestions = next_targets(fitted, results)
    notes = " ".join(read_back(n) for n in fitted.notes)
    return TodaysPlan(
        apply_suggestions(fitted, suggestions),
        saved.id,
        suggestions,
        f"{ready.message} {notes}".strip(),
        ready.screening,
    )
