"""Clients of a trainer: who they are and how to reach them (pure values)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from stretchkit.errors import ValidationError
from stretchkit.i18n import LANGUAGES, N_, _, ngettext
from stretchkit.plurals import counted

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
PRIVATE_NOTES_LABEL = N_("Private notes")
PRIVATE_NOTES_HINT = N_(
    "Only for you: never shown to the client, never on their page, handout or download."
)
CLIENT_NOTE_LABEL = N_("Note for the client")
CLIENT_NOTE_HINT = N_("Shown to the client on their page and handout.")
"""The labels and hints of the notes' fields, in English (translated where shown, `_()`)."""


def _at_most(characters: int) -> str:
    """'at most 120 characters', in the reader's language."""
    said = ngettext("at most %(num)d character", "at most %(num)d characters", characters)
    return said % {"num": characters}


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
                raise ValidationError(field, getattr(self, field), N_("must be text"))
        name = self.name.strip()
        if not name:
            raise ValidationError("name", self.name, N_("a client needs a name"))
        if len(name) > MAX_NAME_LENGTH:
            raise ValidationError("name", self.name, _at_most(MAX_NAME_LENGTH))
        if len(self.contact) > MAX_NAME_LENGTH * 2:
            raise ValidationError("contact", self.contact, N_("too long"))
        for field in ("notes", "client_note"):
            text = getattr(self, field)
            if len(text) > MAX_NOTES_LENGTH:
                raise ValidationError(field, text[:40], _at_most(MAX_NOTES_LENGTH))
        if self.language not in ("", *LANGUAGES):
            one_of = _("must be one of {languages}, or none")
            raise ValidationError(
                "language", self.language, one_of.format(languages=", ".join(LANGUAGES))
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
        for count, word in (
            (self.screenings, "screening"),
            (self.routines, "routine"),
            (self.sessions, "session"),
            (self.field_tests, "field test"),
            (self.back_ratings, "back rating"),
            (self.links, "dashboard link"),
        ):
            if not count:
                continue
            if word == "session":
                parts.append(_sessions_with_holds(count, self.holds))
            elif word == "dashboard link":
                said = ngettext("%(num)d dashboard link", "%(num)d dashboard links", count)
                parts.append(said % {"num": count})
            else:
                parts.append(counted(count, word))
        return ", ".join(parts) if parts else _("nothing logged yet")


def _sessions_with_holds(sessions: int, holds: int) -> str:
    """'14 sessions with 96 logged holds', in the reader's language."""
    logged = ngettext("%(num)d logged hold", "%(num)d logged holds", holds) % {"num": holds}
    # TRANSLATORS: '14 sessions' with '96 logged holds' (what deleting a client deletes).
    said = _("{sessions} with {holds}")
    return said.format(sessions=counted(sessions, "session"), holds=logged)
