"""Counts in words: "1 session", "2 sessions", "3 stretches", so no screen says "1 weeks"."""

from __future__ import annotations

__all__ = ["counted", "plural"]

_IRREGULAR = {"stretch": "stretches", "is": "are", "needs": "need", "entry": "entries"}


def plural(count: int, word: str) -> str:
    """The word as it goes with `count`: 'session' for 1, 'sessions' otherwise."""
    if count == 1:
        return word
    return _IRREGULAR.get(word, f"{word}s")


def counted(count: int, word: str) -> str:
    """The count and the word that goes with it: '1 session', '0 sessions', '2 stretches'."""
    return f"{count} {plural(count, word)}"
