"""Which language a reader asked for: a browser's or phone's `Accept-Language`, or the
system's locale, matched against the languages stretchkit speaks."""

from __future__ import annotations

import locale
import os

from babel import Locale, negotiate_locale

from stretchkit.i18n import DEFAULT_LANGUAGE, LANGUAGES

__all__ = ["preferred_language", "system_language"]


def _asked(header: str) -> list[str]:
    """The languages of an Accept-Language header, most wanted first ('q=0' dropped)."""
    weighed: list[tuple[float, int, str]] = []
    for order, part in enumerate(header.split(",")):
        code, _sep, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        if code and code != "*" and weight > 0:
            weighed.append((-weight, order, code.replace("_", "-")))
    return [code for _w, _o, code in sorted(weighed)]


def preferred_language(header: str | None) -> str:
    """The language stretchkit shows to a reader whose browser sent `header` (its
    Accept-Language): the first it asks for that stretchkit speaks, else English."""
    asked = _asked(header or "")
    bases = [code.split("-")[0].lower() for code in asked]
    found = negotiate_locale(bases, LANGUAGES, sep="-")
    return found or DEFAULT_LANGUAGE


def system_language() -> str:
    """The language of this computer's locale (LC_ALL, LC_MESSAGES, LANG), when stretchkit
    speaks it, else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").split(".")[0]
        if value and value not in {"C", "POSIX"}:
            try:
                return preferred_language(str(Locale.parse(value)))
            except (ValueError, TypeError):
                continue
    code = locale.getlocale()[0]
    return preferred_language(code)
