"""Small HTML building blocks shared by the widget views (every text escaped)."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from html import escape

__all__ = ["download_link", "error_html", "html_list", "png_img_html", "warning_html"]


def html_list(items: Iterable[str], tag: str = "ul") -> str:
    """An escaped <ul> (or <ol>) of the items; empty text when there are none."""
    rows = "".join(f"<li>{escape(i)}</li>" for i in items)
    return f"<{tag}>{rows}</{tag}>" if rows else ""


def warning_html(text: object) -> str:
    """A warning sign and the escaped text, as shown next to a field."""
    return f"&#9888; {escape(str(text))}"


def error_html(text: object) -> str:
    """The escaped text styled as an error, for a form's message line."""
    return f'<span class="sk-error">{escape(str(text))}</span>'


def download_link(data: bytes, filename: str, mime: str, text: str, css: str = "") -> str:
    """A link that saves `data` as `filename`; the data travels inside the link, so it works
    in JupyterLab and in Voila without serving files. `css` adds classes (e.g. to look like
    a button)."""
    encoded = base64.b64encode(data).decode("ascii")
    classes = f"sk-download {css}".strip()
    return (
        f'<a class="{escape(classes)}" download="{escape(filename)}" '
        f'href="data:{mime};base64,{encoded}">{escape(text)}</a>'
    )


def png_img_html(png: bytes, css: str, alt: str, style: str = "") -> str:
    """A PNG as an <img> with its class and its text alternative (what the picture shows)."""
    data = base64.b64encode(png).decode("ascii")
    styled = f' style="{escape(style)}"' if style else ""
    return (
        f'<img class="{escape(css)}"{styled} alt="{escape(alt)}" '
        f'src="data:image/png;base64,{data}">'
    )
