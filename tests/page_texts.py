"""What a reader sees of a page, as text pieces: HTML with its markup, styles and scripts
taken out, and a widget tree's texts (HTML values, labels, button and option texts,
accordion titles). A translated text's English original (<details class="sk-original">)
and a cited title (<cite>) are left out: they are English on purpose."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any

__all__ = ["html_texts", "widget_texts"]

_HIDDEN = re.compile(
    r"<(style|script)\b.*?</\1>|<details class=\"sk-original\"[^>]*>.*?</details>|<cite>.*?</cite>",
    re.S,
)
_TAG = re.compile(r"<[^>]+>")


def html_texts(html: str) -> list[str]:
    """The text pieces a browser shows of `html` (between tags), trimmed, in order."""
    shown = _HIDDEN.sub(" ", html)
    alts = re.findall(r'\balt="([^"]*)"', shown)
    pieces = [unescape(p).strip() for p in _TAG.split(shown)]
    return [p for p in (*pieces, *alts) if p]


def widget_texts(widget: Any) -> Iterator[str]:
    """Every text a widget tree shows, depth first."""
    if getattr(widget, "layout", None) is not None and widget.layout.display == "none":
        return
    value = getattr(widget, "value", None)
    if type(widget).__name__ in {"HTML", "HTMLMath", "Label"} and isinstance(value, str):
        yield from html_texts(value)
    for name in ("description", "placeholder", "tooltip"):
        said = getattr(widget, name, None)
        if isinstance(said, str) and said.strip():
            yield said.strip()
    for label in getattr(widget, "_options_labels", ()) or ():
        yield str(label)
    for title in getattr(widget, "titles", ()) or ():
        if title:
            yield str(title)
    for child in getattr(widget, "children", ()) or ():
        yield from widget_texts(child)
