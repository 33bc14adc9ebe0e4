"""The screening form's own words that go with what the core says: a field's name and an
error naming it, in the reader's language; and, beside translated questions, the note that
they are stretchkit's translation with the English original one tap away."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from stretchkit.errors import ValidationError
from stretchkit.i18n import N_, _, pgettext
from stretchkit.screening.day_text import day_text
from stretchkit.views.client_card_html import original_html as card_original_html

__all__ = ["FIELD_LABELS", "error_text", "field_label", "original_html"]

FIELD_LABELS = {
    "age": N_("age"),
    "screening date": N_("screening date"),
    "clearance date": N_("clearance date"),
    "clearance issued by": N_("clearance issued by"),
    "clearance covers": N_("clearance covers"),
    "recent surgery": N_("recent surgery"),
    "recent surgery date": N_("recent surgery date"),
    "pregnancy due date": N_("pregnancy due date"),
    "pregnancy trimester": N_("pregnancy trimester"),
    "injury body part": N_("injury body part"),
    "injury kind": N_("injury kind"),
    "numbness tingling": N_("numbness or tingling"),
    "weakness": N_("weakness"),
    "client": N_("client"),
}
"""Each field an error names (by its key, which stays English), as the form calls it."""


def field_label(key: str) -> str:
    """A field's name in the reader's language (its key when the form has no name for it)."""
    return _(FIELD_LABELS[key]) if key in FIELD_LABELS else key


def _given(value: object) -> str:
    """The value as the person typed or picked it, written the reader's way."""
    if isinstance(value, datetime):
        return day_text(value.date())
    if isinstance(value, date):
        return day_text(value)
    if isinstance(value, str):
        return f"\u201c{value}\u201d"
    if isinstance(value, bool):
        return pgettext("answer", "yes") if value else pgettext("answer", "no")
    return str(value)


def error_text(error: ValidationError) -> str:
    """'age: type the age in whole years, e.g. 45; you gave “4x”', in the reader's language
    (the problem is said in it where it is raised)."""
    value = error.value
    if value is None or (isinstance(value, str) and not value.strip()):
        said = _("{field}: {problem}")
        return said.format(field=field_label(error.field), problem=error.problem)
    said = _("{field}: {problem}; you gave {value}")
    return said.format(field=field_label(error.field), problem=error.problem, value=_given(value))


def original_html(texts: Sequence[str]) -> str:
    """Outside English, beside catalog texts shown in stretchkit's translation: that they are,
    and their English originals one tap away, numbered ('' in English, or when none is
    translated)."""
    return card_original_html(texts, "ol")
