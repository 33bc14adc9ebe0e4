"""Counts in words: "1 session", "2 sessions", "3 stretches", so no screen says "1 weeks",
in the reader's language (gettext's plural forms: see stretchkit.i18n)."""

from __future__ import annotations

from collections.abc import Callable

from stretchkit.i18n import ngettext

__all__ = ["counted", "plural"]

_IRREGULAR = {"stretch": "stretches", "is": "are", "needs": "need", "entry": "entries"}

_COUNTED: dict[str, Callable[[int], str]] = {
    "session": lambda n: ngettext("%(num)d session", "%(num)d sessions", n),
    "planned session": lambda n: ngettext("%(num)d planned session", "%(num)d planned sessions", n),
    "planned session day": lambda n: ngettext(
        "%(num)d planned session day", "%(num)d planned session days", n
    ),
    "stretch": lambda n: ngettext("%(num)d stretch", "%(num)d stretches", n),
    "day": lambda n: ngettext("%(num)d day", "%(num)d days", n),
    "more day": lambda n: ngettext("%(num)d more day", "%(num)d more days", n),
    "minute": lambda n: ngettext("%(num)d minute", "%(num)d minutes", n),
    "week": lambda n: ngettext("%(num)d week", "%(num)d weeks", n),
    "full week": lambda n: ngettext("%(num)d full week", "%(num)d full weeks", n),
    "hold": lambda n: ngettext("%(num)d hold", "%(num)d holds", n),
    "measurement": lambda n: ngettext("%(num)d measurement", "%(num)d measurements", n),
    "client": lambda n: ngettext("%(num)d client", "%(num)d clients", n),
    "row": lambda n: ngettext("%(num)d row", "%(num)d rows", n),
    "time": lambda n: ngettext("%(num)d time", "%(num)d times", n),
    "screening": lambda n: ngettext("%(num)d screening", "%(num)d screenings", n),
    "routine": lambda n: ngettext("%(num)d routine", "%(num)d routines", n),
    "field test": lambda n: ngettext("%(num)d field test", "%(num)d field tests", n),
    "back rating": lambda n: ngettext("%(num)d back rating", "%(num)d back ratings", n),
    "health change": lambda n: ngettext("%(num)d health change", "%(num)d health changes", n),
    "entry": lambda n: ngettext("%(num)d entry", "%(num)d entries", n),
}
"""Every counted word, as a message with its plural forms (the catalogue has each)."""


def plural(count: int, word: str) -> str:
    """The English word as it goes with `count`: 'session' for 1, 'sessions' otherwise."""
    if count == 1:
        return word
    return _IRREGULAR.get(word, f"{word}s")


def counted(count: int, word: str) -> str:
    """The count and the word that goes with it, in the current language: '1 session',
    '0 sessions', '2 stretches'; '2 Dehnübungen'."""
    said = _COUNTED.get(word)
    if said is None:
        return f"{count} {plural(count, word)}"
    return said(count) % {"num": count}
