"""A stretch's picture as HTML: an image of both people with its text alternative, for the
library card, the session timer, and the client's dashboard."""

from __future__ import annotations

import base64
from functools import cache
from html import escape

from stretchkit.catalog import Stretch
from stretchkit.catalog.pose import Phase
from stretchkit.catalog.pose_text import pose_alt_text
from stretchkit.i18n import N_, _, current_language

__all__ = ["BOTH", "stretch_picture_html"]

BOTH: tuple[Phase, ...] = ("start", "stretched")
_CAPTIONS = {
    BOTH: N_("Start position (left) and the stretch (right)"),
    ("start",): N_("Start position"),
    ("stretched",): N_("The stretch"),
}


def stretch_picture_html(
    stretch: Stretch, phases: tuple[Phase, ...] = BOTH, *, max_width: int = 560
) -> str:
    """A <figure> with the picture (as PNG in the page) and a short caption, in the current
    language; the image's alt text says who is where, each contact and force, and the
    steps. Empty when the stretch has no pose."""
    return _picture_html(stretch, phases, max_width, current_language())


@cache
def _picture_html(
    stretch: Stretch, phases: tuple[Phase, ...], max_width: int, language: str
) -> str:
    """The picture's HTML in `language` (kept: one per stretch, view and language)."""
    if stretch.pose is None:
        return ""
    from stretchkit.charts import stretch_picture_png  # noqa: PLC0415 - only to draw

    data = base64.b64encode(stretch_picture_png(stretch, phases, palette=True)).decode("ascii")
    css = "sk-pose-" + "-".join(phases)
    return (
        f'<figure class="sk-pose {css}" data-stretch="{escape(stretch.id)}" '
        f'style="margin: 0.4em 0; max-width: {max_width}px;">'
        f'<img class="sk-pose-img" style="width: 100%; height: auto; display: block;" '
        f'alt="{escape(pose_alt_text(stretch, phases))}" '
        f'src="data:image/png;base64,{data}">'
        f'<figcaption class="sk-muted">{escape(_(_CAPTIONS[phases]))}</figcaption></figure>'
    )
