"""Pain, numbness, tingling or weakness "during or after stretching", reported once a session
has ended: by the trainer in the workbook, or by the client on their dashboard. Each symptom is
a health change with the same effect as a session flag: the client's screening ends, the next
one starts with that answer ticked, and numbness, tingling or weakness needs a written
clearance dated since (upper back article: "Consult a healthcare professional if you experience
persistent pain, numbness, tingling, or weakness during or after stretching")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Literal

from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.i18n import N_, _
from stretchkit.screening.symptoms import (
    REPORT_SOURCES,
    SYMPTOM_TEXT,
    SYMPTOMS,
    Symptom,
    report_note,
)
from stretchkit.services.access_record import logged
from stretchkit.store.protocol import ProgressStore

__all__ = [
    "CLIENT_THANKS",
    "LINK_NOT_VALID",
    "LinkNotValidError",
    "Reporter",
    "report_symptoms",
]

Reporter = Literal["trainer", "client"]
LINK_NOT_VALID = N_("This link is no longer valid: nothing was saved.")
CLIENT_THANKS = N_(
    "Thank you: your trainer has been told. Please don't stretch until your trainer has "
    "screened you again, and consult a healthcare professional if it persists."
)
MAX_DETAIL = 500
"""The longest detail a report keeps (stretchkit's own default)."""


class LinkNotValidError(StretchkitError):
    """The dashboard's link was revoked (or never valid): nothing is saved."""


def _checked(symptoms: Sequence[str]) -> tuple[Symptom, ...]:
    if not symptoms:
        raise ValidationError("symptoms", tuple(symptoms), _("tick at least one of them"))
    for symptom in symptoms:
        if symptom not in SYMPTOMS:
            raise ValidationError("symptoms", symptom, f"must be one of {SYMPTOMS}")
    return tuple(s for s in SYMPTOMS if s in symptoms)


@logged("symptoms-reported")
def report_symptoms(
    store: ProgressStore,
    client_id: int,
    symptoms: Sequence[str],
    day: date,
    by: Reporter,
    *,
    detail: str = "",
    link_valid: Callable[[], bool] = lambda: True,
) -> str:
    """Record each symptom as a health change reported on `day` by the trainer or the client
    and say what happens now; a dashboard whose link is no longer valid saves nothing."""
    chosen = _checked(symptoms)
    if len(detail) > MAX_DETAIL:
        raise ValidationError("what happened", detail[:40] + "...", f"at most {MAX_DETAIL} letters")
    if not link_valid():
        raise LinkNotValidError(LINK_NOT_VALID)
    for symptom in chosen:
        note = report_note(symptom, detail)
        store.screenings.report_health_change(client_id, day, note, REPORT_SOURCES[by])
    if by == "client":
        return _(CLIENT_THANKS)
    said = ", ".join(_(SYMPTOM_TEXT[s]).lower() for s in chosen)
    recorded = _(
        "Recorded: {symptoms} during or after stretching. Screen the client again before any "
        "stretch."
    )
    return recorded.format(symptoms=said)
