"""The client's screening status in plain words for their own dashboard: whether they may
stretch and when the next screening is due, never the answers behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from stretchkit.attention import DUE_SOON_DAYS
from stretchkit.catalog import Catalog
from stretchkit.screening import screen
from stretchkit.store import Store

__all__ = ["ClientStatus", "client_status"]

StatusKind = Literal["ok", "due", "stop"]

_NOT_SCREENED = "Your trainer will screen you before your first session."
_HEALTH_CHANGED = (
    "You reported pain, numbness or tingling, or a change in your health. Please don't stretch "
    "until your trainer has screened you again, and seek professional guidance if it persists."
)
_REFUSED = {
    "needs-clearance": (
        "Before you start, your trainer needs a go-ahead from your doctor or physiotherapist."
    ),
    "do-not-stretch": "Please don't do partner stretching for now: talk to your trainer first.",
}


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
    return f"{day.day} {day:%B %Y}"


def _cleared(status: str, expires_on: date, today: date) -> ClientStatus:
    """Allowed to stretch: until when, and whether the re-screen is due soon."""
    adapted = " Some stretches are adapted for you." if status == "cleared-with-cautions" else ""
    if expires_on - today <= timedelta(days=DUE_SOON_DAYS):
        return ClientStatus(
            "due",
            f"Cleared to stretch.{adapted} Re-screen due by {_nice(expires_on)}: ask your "
            "trainer at your next visit.",
        )
    return ClientStatus("ok", f"Cleared to stretch until {_nice(expires_on)}.{adapted}")


def client_status(store: Store, catalog: Catalog, client_id: int, today: date) -> ClientStatus:
    """The plain-words status: cleared until a day, re-screen due soon, or please wait."""
    saved = store.screenings.latest(client_id)
    if saved is None:
        return ClientStatus("stop", _NOT_SCREENED)
    valid = store.screenings.validity_of(saved, today)
    if valid.state == "health-changed":
        return ClientStatus("stop", _HEALTH_CHANGED)
    if valid.state == "expired":
        return ClientStatus(
            "stop",
            f"Re-screen due: your screening ran out on {_nice(valid.expires_on)}. Please see "
            "your trainer before you stretch again.",
        )
    status = screen(saved.intake, catalog).status
    refused = _REFUSED.get(status)
    if refused is not None:
        return ClientStatus("stop", refused)
    return _cleared(status, valid.expires_on, today)
