"""Saving a screening and reading a client's screening history: what the screening form calls.

A screening that answers 'no' to numbness, tingling or weakness while a flag of it is not yet
settled is refused, naming the flag (see `stretchkit.screening.symptoms`); readiness applies the
same rule to any screening in the store, however it was saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.errors import AnswerRefusedError
from stretchkit.screening import Validity, screen
from stretchkit.screening.answers import changes, declared
from stretchkit.screening.intake import Intake
from stretchkit.screening.symptoms import SYMPTOM_FIELD, SymptomFlag, answer_refusal
from stretchkit.services.access_record import logged
from stretchkit.services.symptom_flags import pending_flags
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.values import SavedScreening

__all__ = [
    "HistoryRow",
    "ScreeningHistory",
    "report_health_change",
    "save_screening",
    "screening_history",
    "unanswered_flag",
]

HistoryRow = tuple[date, str, list[str], list[str] | None]
"""A saved screening: its day, status, what was declared, what changed since the one before
(None for the first)."""


@dataclass(frozen=True)
class ScreeningHistory:
    """A client's screenings, newest first, and whether the newest still holds today."""

    rows: tuple[HistoryRow, ...]
    current: Validity | None


def unanswered_flag(intake: Intake, flags: tuple[SymptomFlag, ...]) -> AnswerRefusedError | None:
    """The error for the first nerve flag this intake answers 'no', naming its answer."""
    for flag in flags:
        field = SYMPTOM_FIELD[flag.symptom]
        if flag.nerve and not getattr(intake, field):
            return AnswerRefusedError(field.replace("_", " "), False, answer_refusal(flag))
    return None


@logged("screening-saved")
def save_screening(
    store: ProgressStore, catalog: Catalog, client_id: int, intake: Intake
) -> SavedScreening:
    """Screen the intake and add it to the client's history (never overwriting); refused
    when it answers 'no' to a numbness, tingling or weakness flag not yet settled."""
    refused = unanswered_flag(intake, pending_flags(store, client_id))
    if refused is not None:
        raise refused
    return store.screenings.add(client_id, screen(intake, catalog))


@logged("screening-read")
def screening_history(
    store: ProgressStore, catalog: Catalog, client_id: int, today: date
) -> ScreeningHistory:
    """Every screening of the client with what it declared and what changed since the one
    before it, and the validity of the newest today."""
    history = store.screenings.history(client_id)
    before: list[Intake | None] = [*(s.intake for s in history[1:]), None][: len(history)]
    rows = tuple(
        (
            s.taken_on,
            s.status,
            declared(s.intake, catalog),
            None if older is None else changes(older, s.intake, catalog),
        )
        for s, older in zip(history, before, strict=True)
    )
    current = store.screenings.validity_of(history[0], today) if history else None
    return ScreeningHistory(rows, current)


@logged("health-change")
def report_health_change(store: ProgressStore, client_id: int, day: date, note: str) -> None:
    """The trainer records that the client's health changed: their screening is due again
    (a note naming numbness, tingling or weakness is a flag of it)."""
    store.screenings.report_health_change(client_id, day, note)
