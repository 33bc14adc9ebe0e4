"""What the access log holds: who did what to which client's record, when and from where.

An entry names the client by number only, never by name, contact or health data, so the
entry left when a client is deleted says nothing about them. The words shown for each kind
and place are here, so the workbook, the CLI and the client's own copy say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from stretchkit.errors import ValidationError

__all__ = [
    "KINDS",
    "STUDIO_KINDS",
    "AccessEntry",
    "Actor",
    "Place",
    "Recording",
    "Who",
]

Who = Literal["trainer", "admin", "dashboard", "cli", "studio"]
"""Who acted: a trainer, an admin, the client's dashboard (through one link), a command run
at the studio's computer, or the studio's own tools (backups, copies)."""
Place = Literal["workbook", "dashboard", "cli", "hub"]
"""From where: the trainer's workbook, the client's dashboard, the command line, or the
workbook served by the studio's JupyterHub."""

KINDS: dict[str, str] = {
    "client-added": "client added",
    "client-viewed": "client details viewed",
    "client-edited": "client details changed",
    "client-archived": "client archived",
    "client-restored": "client restored",
    "client-deleted": "client deleted",
    "client-handed-over": "client handed over",
    "screening-read": "screening read",
    "screening-saved": "screening saved",
    "health-change": "health change reported",
    "progress-viewed": "progress viewed",
    "measure-saved": "field test or back rating saved",
    "routine-read": "routine read",
    "routine-saved": "routine saved",
    "session-logged": "session logged",
    "symptoms-reported": "symptoms reported",
    "pdf-exported": "PDF exported",
    "csv-exported": "CSV exported",
    "csv-imported": "CSV imported",
    "calendar-exported": "calendar exported",
    "data-exported": "client's own copy exported",
    "link-made": "link made",
    "link-revoked": "link revoked",
    "links-listed": "links listed",
    "log-pruned": "old entries removed (retention)",
}
"""Every kind of entry (as kept) and the words it is shown with."""

STUDIO_KINDS = frozenset(
    {
        "pdf-exported",
        "csv-exported",
        "calendar-exported",
        "data-exported",
        "client-deleted",
        "log-pruned",
    }
)
"""The kinds an admin's studio-wide view lists: what left the studio, and what was deleted."""


@dataclass
class Recording:
    """The entry a service is about to leave: its client may be learnt on the way (a new
    client's number), its detail added; `written` once it is in the log."""

    kind: str
    client_id: int | None
    detail: str = ""
    written: bool = False


_WHO: tuple[str, ...] = get_args(Who)
_PLACES: tuple[str, ...] = get_args(Place)


@dataclass(frozen=True)
class Actor:
    """Who acts on a client's record and from where: a trainer's login name (or an admin's),
    the dashboard's link number (never its key), the command's user."""

    who: Who
    name: str
    place: Place
    trainer_id: int | None = None

    def __post_init__(self) -> None:
        if self.who not in _WHO:
            raise ValidationError("who", self.who, f"must be one of {', '.join(_WHO)}")
        if self.place not in _PLACES:
            raise ValidationError("place", self.place, f"must be one of {', '.join(_PLACES)}")
        if not self.name.strip():
            raise ValidationError("actor", self.name, "must name who acted")

    @classmethod
    def dashboard(cls, link_id: int | None) -> Actor:
        """The client's dashboard, opened through the link with this number."""
        return cls("dashboard", "link" if link_id is None else f"link #{link_id}", "dashboard")

    @property
    def shown(self) -> str:
        """Who, in words: 'trainer alice', 'the dashboard via link #4'."""
        if self.who == "dashboard":
            return f"the client's dashboard via {self.name}"
        if self.who == "studio":
            return f"the studio's tools ({self.name})"
        return f"{self.who} {self.name}"


@dataclass(frozen=True)
class AccessEntry:
    """One entry of the access log: its number, when, what, which client (by number), who,
    from where, and a short detail naming no client's data."""

    id: int
    at: datetime
    kind: str
    client_id: int | None
    actor: Actor
    detail: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValidationError("kind", self.kind, "is not a kind of access-log entry")
        if self.at.utcoffset() is None:
            raise ValidationError("at", self.at, "must carry its UTC offset")

    @property
    def what(self) -> str:
        """The kind in words, with the detail when there is one."""
        words = KINDS[self.kind]
        return f"{words} ({self.detail})" if self.detail else words

    @property
    def when(self) -> str:
        """When, in UTC, to the second: '2026-12-01 09:30:00 UTC'."""
        return self.at.strftime("%Y-%m-%d %H:%M:%S UTC")
