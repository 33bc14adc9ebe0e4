"""The client's screening status in plain words for their own dashboard: whether they may
stretch and when the next screening is due, never the answers behind it: a screening that
ends early (a clearance, the next trimester, a due date) reads as its day only, since a
personal link may be read over a client's shoulder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from stretchkit.catalog import Catalog
from stretchkit.i18n import N_, _
from stretchkit.i18n.formatting import format_day
from stretchkit.progress.attention import DUE_SOON_DAYS
from stretchkit.screening import NOTHING_ALLOWED, Ending, Screening, Validity, screen
from stretchkit.services.access_record import logged
from stretchkit.services.symptom_flags import after_flags
from stretchkit.store.protocol import ProgressStore

__all__ = ["ROUTINE_EXCLUDED", "ClientStatus", "client_status"]

StatusKind = Literal["ok", "due", "stop"]

_NOT_SCREENED = N_("Your trainer will screen you before your first session.")
_HEALTH_CHANGED = N_(
    "You reported pain, numbness, tingling or weakness, or a change in your health. Please "
    "don't stretch until your trainer has screened you again, and seek professional guidance "
    "if it persists."
)
_NERVE_CLEARANCE = N_(
    "Numbness, tingling or weakness was reported: please don't stretch until your trainer has "
    "a written go-ahead from your doctor or physiotherapist, dated since then."
)
_SEE_TRAINER = N_("Please see your trainer before you stretch again.")
_RESCREEN_NOW = N_("Re-screen due: your screening has ended.")
_REFUSED = {
    "needs-clearance": N_(
        "Before you start, your trainer needs a go-ahead from your doctor or physiotherapist."
    ),
    "do-not-stretch": N_("Please don't do partner stretching for now: talk to your trainer first."),
}
ROUTINE_EXCLUDED = N_(
    "No stretch is planned for you for now: your screening has changed what suits you. "
    "Please see your trainer before you stretch."
)
"""Said when the screening allows some stretches but none of the client's routine."""
_NONE_ALLOWED = N_(
    "No stretch is planned for you for now: your screening leaves none that suits you. "
    "Please see your trainer before you stretch."
)


@dataclass(frozen=True)
class ClientStatus:
    """One sentence or two, and whether it allows stretching at home."""

    kind: StatusKind
    text: str

    @property
    def may_stretch(self) -> bool:
        """True when the screening allows a session today."""
        return self.kind != "stop"


def _nice(day: date) -> str:
    return format_day(day)


def _rescreen_by(ending: Ending) -> str:
    """'Re-screen due by 5 January 2027', whatever ends the screening."""
    return _("Re-screen due by {day}").format(day=_nice(ending.on))


def _cleared(status: str, ending: Ending, today: date) -> ClientStatus:
    """Allowed to stretch: until when, and whether the re-screen is due soon."""
    adapted = (
        " " + _("Some stretches are adapted for you.") if status == "cleared-with-cautions" else ""
    )
    if ending.on - today <= timedelta(days=DUE_SOON_DAYS):
        said = _("Cleared to stretch.{adapted} {rescreen}: ask your trainer at your next visit.")
        return ClientStatus("due", said.format(adapted=adapted, rescreen=_rescreen_by(ending)))
    said = _("Cleared to stretch until {day}.{adapted}")
    return ClientStatus("ok", said.format(day=_nice(ending.on), adapted=adapted))


def _ended(valid: Validity, today: date) -> ClientStatus | None:
    """Stop when the screening has ended: a change in health, its end day, the pregnancy."""
    ending = valid.ending
    if valid.state == "health-changed":
        return ClientStatus("stop", _(_HEALTH_CHANGED))
    if valid.state == "expired":
        said = _("Re-screen due: your screening ran out on {day}.").format(day=_nice(ending.on))
        return ClientStatus("stop", f"{said} {_(_SEE_TRAINER)}")
    if valid.state == "pregnancy-moved-on":
        return ClientStatus("stop", f"{_(_RESCREEN_NOW)} {_(_SEE_TRAINER)}")
    return None


@logged("screening-read")
def client_status(
    store: ProgressStore, catalog: Catalog, client_id: int, today: date
) -> ClientStatus:
    """The plain-words status: cleared until a day, re-screen due soon, or please wait (also
    when the screening allows stretching in general but no single stretch)."""
    saved = store.screenings.latest(client_id)
    if saved is None:
        return ClientStatus("stop", _(_NOT_SCREENED))
    valid = store.screenings.validity_of(saved, today)
    ended = _ended(valid, today)
    if ended is not None:
        return ended
    if after_flags(store, saved):
        return ClientStatus("stop", _(_NERVE_CLEARANCE))
    result = screen(saved.intake, catalog)
    refused = _refused(result)
    if refused is not None:
        return ClientStatus("stop", _(refused))
    return _cleared(result.status, valid.ending, today)


def _refused(result: Screening) -> str | None:
    """Why this screening allows no session: none of the stretches is left (said before its
    'do not stretch'), a clearance is needed, or no stretch at all; None when one may stretch."""
    if any(f.rule == NOTHING_ALLOWED for f in result.findings):
        return _NONE_ALLOWED
    refused = _REFUSED.get(result.status)
    if refused is None and not result.allowed():
        return _NONE_ALLOWED
    return refused
