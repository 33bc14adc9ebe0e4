"""Small HTML building blocks shared by the widget views (every text escaped)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

__all__ = ["html_list"]


def html_list(items: Iterable[str], tag: str = "ul") -> str:
    """An escaped <ul> (or <ol>) of the items; empty text when there are none."""
    rows = "".join(f"<li>{escape(i)}</li>" for i in items)
    return f"<{tag}>{rows}</{tag}>" if rows else ""
