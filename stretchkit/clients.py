"""Clients of a trainer: who they are and how to reach them (pure values)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from stretchkit.errors import ValidationError

__all__ = ["MAX_NAME_LENGTH", "MAX_NOTES_LENGTH", "Client", "ClientDetails"]

MAX_NAME_LENGTH = 120
MAX_NOTES_LENGTH = 4000


@dataclass(frozen=True)
class ClientDetails:
    """What a trainer types about a client: name, contact and free notes."""

    name: str
    contact: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        for field in ("name", "contact", "notes"):
            if not isinstance(getattr(self, field), str):
                raise ValidationError(field, getattr(self, field), "must be text")
        name = self.name.strip()
        if not name:
            raise ValidationError("name", self.name, "a client needs a name")
        if len(name) > MAX_NAME_LENGTH:
            raise ValidationError("name", self.name, f"at most {MAX_NAME_LENGTH} characters")
        if len(self.contact) > MAX_NAME_LENGTH * 2:
            raise ValidationError("contact", self.contact, "too long")
        if len(self.notes) > MAX_NOTES_LENGTH:
            raise ValidationError(
                "notes", self.notes[:40], f"at most {MAX_NOTES_LENGTH} characters"
            )
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "contact", self.contact.strip())


@dataclass(frozen=True)
class Client:
    """A client as stored: details plus the store's id and the creation time (UTC)."""

    id: int
    details: ClientDetails
    created: datetime

    @property
    def name(self) -> str:
        """The client's name."""
        return self.details.name
