"""Dates, weekdays, numbers and units written the reader's way (with Babel's locale data):
'11 February 2027', '11 de febrero de 2027', '11. Februar 2027'; '2.5' and '2,5'."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date, get_day_names
from babel.numbers import format_decimal

from stretchkit.i18n import current_language, language_or_default

__all__ = ["format_day", "format_number", "locale_of", "weekday_name"]

_LOCALES = {"en": "en_GB", "es": "es_ES", "de": "de_DE"}
"""The locale whose conventions each language is written in (stretchkit writes British
English dates: '11 February 2027')."""


def locale_of(language: str | None = None) -> str:
    """The Babel locale for `language` (or the current one)."""
    return _LOCALES[language_or_default(language or current_language())]


def format_day(day: date, language: str | None = None, *, weekday: bool = False) -> str:
    """'11 February 2027' ('Thursday 11 February 2027' with the weekday), in `language`."""
    locale = locale_of(language)
    text = format_date(day, "long", locale=locale)
    if not weekday:
        return text
    return f"{weekday_name(day.weekday(), language)}, {text}"


def weekday_name(index: int, language: str | None = None) -> str:
    """The weekday by its index (Monday is 0), as the language writes it ('lunes', 'Montag')."""
    name: str = get_day_names("wide", locale=locale_of(language))[index]
    return name


def format_number(value: float, language: str | None = None, digits: int = 1) -> str:
    """A number with at most `digits` decimals, in the language's way ('2.5', '2,5')."""
    pattern = "#,##0." + "#" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=locale_of(language))
