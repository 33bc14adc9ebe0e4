"""The package's own exceptions: every message names the bad value and where it came from."""

from __future__ import annotations

import math
from datetime import date, datetime

from stretchkit.i18n import _, pgettext
from stretchkit.i18n.formatting import format_number

__all__ = [
    "AnswerRefusedError",
    "CatalogError",
    "DamagedStoreError",
    "MissingChoiceError",
    "StoreError",
    "StretchkitError",
    "ValidationError",
    "field_label",
    "given_text",
]


class StretchkitError(Exception):
    """Base of every error stretchkit raises on purpose; `str(e)` is fit to show a user."""


class ValidationError(StretchkitError, ValueError):
    """A value given to the core is impossible: the message names the field, says what to do
    and names the value given ("hold: choose 20 s, ...; you gave 40"); nothing given (None or
    empty text) is not named.

    `field` is the key a form finds the field's box by (stable, English); the message names
    the field by `label` when one is given, else by `field_label(field)`, and is written in
    the reader's language when it is shown: `problem` may be a message marked with `N_()`
    (translated then) or one already translated."""

    def __init__(self, field: str, value: object, problem: str, *, label: str = "") -> None:
        self.field = field
        self.value = value
        self.problem = problem
        self.label = label
        super().__init__(f"{field}: {problem}{given_text(value)}")

    def __str__(self) -> str:
        label, problem = self.label or field_label(self.field), _(self.problem)
        if given_text(self.value) == "":
            return _("{field}: {problem}").format(field=label, problem=problem)
        said = _("{field}: {problem}; you gave {value}")
        return said.format(field=label, problem=problem, value=_shown(self.value))


def field_label(field: str) -> str:
    """The name a message gives a field, in the reader's language: the field's key in
    English ('client_note'), its translation in another language ('nota para el cliente');
    a key with no translation is named as it is."""
    labels = {
        "name": pgettext("field", "name"),
        "contact": pgettext("field", "contact"),
        "notes": pgettext("field", "notes"),
        "client_note": pgettext("field", "client_note"),
        "language": pgettext("field", "language"),
        "client": pgettext("field", "client"),
    }
    return labels.get(field) or pgettext("field", field)


class MissingChoiceError(ValidationError):
    """A choice not made yet (a date or a row left blank while the form is filled in): a form
    says it as a prompt, and marks the field only once the person tries to save."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(field, None, problem)


def given_text(value: object, given: str = "you gave") -> str:
    """'; you gave 40' (or another `given`: 'the file has'), '' when nothing was given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    return f"; {given} {_shown(value)}"


class AnswerRefusedError(ValidationError):
    """An answer the client's record forbids (a flag not yet settled): the message is the
    plain reason alone, fit to show by the answer it names."""

    def __init__(self, field: str, value: object, problem: str) -> None:
        super().__init__(field, value, problem)
        self.args = (problem,)

    def __str__(self) -> str:
        return _(self.problem)


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
    """The value as a person typed or picked it: a day as 2026-11-22 (the same in every
    language), text in quotes, yes or no and a decimal number in the reader's language
    ('12,5'; a number too big to write so, as Python writes it), anything else as Python
    writes it."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, str):
        return f"\u201c{value}\u201d"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and math.isfinite(value) and abs(value) < 1e15:
        return format_number(value, digits=6)
    if isinstance(value, int):
        return str(value)
    return repr(value)
