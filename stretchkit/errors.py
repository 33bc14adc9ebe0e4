"""The package's own exceptions: every message names the bad value and where it came from."""

from __future__ import annotations

from datetime import date, datetime

__all__ = [
    "AnswerRefusedError",
    "CatalogError",
    "DamagedStoreError",
    "StoreError",
    "StretchkitError",
    "ValidationError",
]


class StretchkitError(Exception):
    """Base of every error stretchkit raises on purpose; `str(e)` is fit to show a user."""


class ValidationError(StretchkitError, ValueError):
    """A value given to the core is impossible: the message names the field and the value."""

    def __init__(self, field: str, value: object, problem: str) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(f"{field}: {problem} (got {_shown(value)})")


class AnswerRefusedError(ValidationError):
    """An answer the client's record forbids (a flag not yet settled): the message is the
    plain reason alone, fit to show by the answer it names."""

    def __init__(self, field: str, value: object, problem: str) -> None:
        super().__init__(field, value, problem)
        self.args = (problem,)

    def __str__(self) -> str:
        return self.problem


class CatalogError(StretchkitError):
    """The stretch catalog file is malformed: the message names the file, entry and field."""

    def __init__(self, file: str, entry: str, field: str, problem: str) -> None:
        self.file = file
        self.entry = entry
        self.field = field
        self.problem = problem
        super().__init__(f"{file}: {entry}: field '{field}': {problem}")


class StoreError(StretchkitError):
    """The progress store cannot be opened or written: the message says what to do."""


class DamagedStoreError(StoreError):
    """The store file exists but cannot be read as a stretchkit database; it was left as it
    is (restoring a backup moves it aside rather than copying it)."""


def _shown(value: object) -> str:
    """The value as a user typed or picked it: a day as 2026-11-22, anything else as repr."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return repr(value)
