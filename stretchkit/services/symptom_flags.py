"""The symptoms a client's store records (session flags, reports after a session, a trainer's
note of a change in health) and those no screening has settled yet: what the next screening
must answer, and why a screening does not make the client ready (see
`stretchkit.screening.symptoms`)."""

from __future__ import annotations

from collections.abc import Iterator

from stretchkit.screening.symptoms import (
    REPORT_SOURCES,
    Origin,
    Screened,
    SymptomFlag,
    flag_problems,
    open_flags,
    symptoms_in,
)
from stretchkit.services.access_record import logged
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.sessions import FLAG_SOURCE
from stretchkit.store.values import HealthChange, SavedScreening

__all__ = ["after_flags", "pending_flags", "symptom_flags"]

_ORIGIN_OF: dict[str, Origin] = {
    FLAG_SOURCE: "session",
    **{source: origin for origin, source in REPORT_SOURCES.items()},
}


def _flags_of(change: HealthChange) -> Iterator[SymptomFlag]:
    origin = _ORIGIN_OF.get(change.source, "change")
    for symptom in symptoms_in(change.note):
        yield SymptomFlag(symptom, change.reported_on, change.created, origin)


@logged("screening-read")
def symptom_flags(
    store: ProgressStore, client_id: int, ignore: frozenset[int] = frozenset()
) -> tuple[SymptomFlag, ...]:
    """Every symptom the client's health changes name (but those whose ids are in `ignore`)."""
    changes = store.screenings.health_changes(client_id)
    return tuple(flag for c in changes if c.id not in ignore for flag in _flags_of(c))


@logged("screening-read")
def pending_flags(
    store: ProgressStore, client_id: int, ignore: frozenset[int] = frozenset()
) -> tuple[SymptomFlag, ...]:
    """The flags and reports no screening has settled yet, oldest first."""
    history = [
        Screened(s.taken_on, s.created, s.intake) for s in store.screenings.history(client_id)
    ]
    return open_flags(symptom_flags(store, client_id, ignore), history)


@logged("screening-read", client="saved.client_id")
def after_flags(
    store: ProgressStore, saved: SavedScreening, ignore: frozenset[int] = frozenset()
) -> tuple[str, ...]:
    """Why this saved screening cannot make its client ready after an unsettled numbness,
    tingling or weakness flag; empty when nothing stands in the way."""
    return flag_problems(saved.intake, pending_flags(store, saved.client_id, ignore))
