"""Clients of a trainer: who they are and how to reach them (pure values)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from stretchkit.errors import ValidationError
from stretchkit.i18n import LANGUAGES
from stretchkit.plurals import plural

__all__ = [
    "CLIENT_NOTE_HINT",
    "CLIENT_NOTE_LABEL",
    "MAX_NAME_LENGTH",
    "MAX_NOTES_LENGTH",
    "PRIVATE_NOTES_HINT",
    "PRIVATE_NOTES_LABEL",
    "Client",
    "ClientDetails",
    "ClientFootprint",
]

MAX_NAME_LENGTH = 120
MAX_NOTES_LENGTH = 4000
PRIVATE_NOTES_LABEL = "Private notes"
PRIVATE_NOTES_HINT = (
    "Only for you: never shown to the client, never on their page, handout or download."
)
CLIENT_NOTE_LABEL = "Note for the client"
CLIENT_NOTE_HINT = "Shown to the client on their page and handout."


@dataclass(frozen=True)
class ClientDetails:
    """What a trainer types about a client: name, contact, private notes (the trainer's own,
    never shown to the client), a note for the client (shown on their page and handout) and
    the language of their page, handout and calendar ('' for none: their page follows their
    phone)."""

    name: str
    contact: str = ""
    notes: str = ""
    client_note: str = ""
    language: str = ""

    def __post_init__(self) -> None:
        for field in ("name", "contact", "notes", "client_note", "language"):
            if not isinstance(getattr(self, field), str):
                raise ValidationError(field, getattr(self, field), "must be text")
        name = self.name.strip()
        if not name:
            raise ValidationError("name", self.name, "a client needs a name")
        if len(name) > MAX_NAME_LENGTH:
            raise ValidationError("name", self.name, f"at most {MAX_NAME_LENGTH} characters")
        if len(self.contact) > MAX_NAME_LENGTH * 2:
            raise ValidationError("contact", self.contact, "too long")
        for field in ("notes", "client_note"):
            text = getattr(self, field)
            if len(text) > MAX_NOTES_LENGTH:
                raise ValidationError(field, text[:40], f"at most {MAX_NOTES_LENGTH} characters")
        if self.language not in ("", *LANGUAGES):
            raise ValidationError(
                "language", self.language, f"must be one of {', '.join(LANGUAGES)}, or none"
            )
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "contact", self.contact.strip())


@dataclass(frozen=True)
class Client:
    """A client as stored: details plus the store's id, the creation time (UTC) and, for an
    archived client, when they were archived."""

    id: int
    details: ClientDetails
    created: datetime
    archived: datetime | None = None

    @property
    def name(self) -> str:
        """The client's name."""
        return self.details.name


@dataclass(frozen=True)
class ClientFootprint:
    """How much the store holds about one client: what deleting them deletes."""

    screenings: int = 0
    routines: int = 0
    sessions: int = 0
    holds: int = 0
    field_tests: int = 0
    back_ratings: int = 0
    links: int = 0

    def described(self) -> str:
        """The counts in words, e.g. "2 screenings, 14 sessions with 96 holds"; "nothing
        logged yet" when there is nothing."""
        parts = []
        for count, one, many in (
            (self.screenings, "screening", "screenings"),
            (self.routines, "routine", "routines"),
            (self.sessions, "session", "sessions"),
            (self.field_tests, "field test", "field tests"),
            (self.back_ratings, "back rating", "back ratings"),
            (self.links, "dashboard link", "dashboard links"),
        ):
            if count:
                text = f"{count} {one if count == 1 else many}"
                if one == "session":
                    text += f" with {self.holds} logged {plural(self.holds, 'hold')}"
                parts.append(text)
        return ", ".join(parts) if parts else "nothing logged yet"
