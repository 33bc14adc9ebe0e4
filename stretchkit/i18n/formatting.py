"""Dates, weekdays, numbers and units written the reader's way (with Babel's locale data):
'11 February 2027', '11 de febrero de 2027', '11. Februar 2027'; '2.5' and '2,5'."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date, format_skeleton, get_day_names
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_percent

from stretchkit.i18n import current_language, language_or_default

__all__ = [
    "format_day",
    "format_month",
    "format_number",
    "format_percent",
    "format_weekday_day",
    "locale_of",
    "weekday_name",
]

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


_WEEKDAY_DAY = {"en": "EEEE d MMMM", "es": "EEEE, d 'de' MMMM", "de": "EEEE, d. MMMM"}


def format_weekday_day(day: date, language: str | None = None) -> str:
    """'Monday 23 November', 'lunes, 23 de noviembre', 'Montag, 23. November'."""
    code = language_or_default(language or current_language())
    return format_date(day, _WEEKDAY_DAY[code], locale=locale_of(code))


def format_month(day: date, language: str | None = None) -> str:
    """'November 2026', 'noviembre de 2026', 'November 2026'."""
    return format_skeleton("yMMMM", day, locale=locale_of(language))


def weekday_name(index: int, language: str | None = None) -> str:
    """The weekday by its index (Monday is 0), as the language writes it ('lunes', 'Montag')."""
    name: str = get_day_names("wide", locale=locale_of(language))[index]
    return name


def format_number(value: float, language: str | None = None, digits: int = 1) -> str:
    """A number with at most `digits` decimals, in the language's way ('2.5', '2,5')."""
    pattern = "#,##0." + "#" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=locale_of(language))


def format_percent(share: float, language: str | None = None) -> str:
    """A share as a whole percentage: '78%', '78 %' (Spanish and German space it)."""
    return babel_percent(share, locale=locale_of(language))
