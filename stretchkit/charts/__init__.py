"""Charts for trainers and clients, drawn with matplotlib's object API only (never pyplot).

`muscle_map_figure` draws a back and front view of the body with the muscles a stretch
targets highlighted by role; `stretch_picture_png` and `stretch_picture_svg` draw both people
of a stretch in the start and the stretched position with the partner's contacts;
`figure_png`, `figure_svg` and `figure_pdf` render any figure in memory.
"""

from __future__ import annotations

from stretchkit.charts.muscle_map import (
    MUSCLE_IDS,
    NEUTRAL_COLOUR,
    ROLE_COLOURS,
    ROLE_HATCHES,
    muscle_map_figure,
)
from stretchkit.charts.rendering import figure_pdf, figure_png, figure_svg
from stretchkit.charts.stretch_picture import (
    stretch_picture_figure,
    stretch_picture_png,
    stretch_picture_svg,
)

__all__ = [
    "MUSCLE_IDS",
    "NEUTRAL_COLOUR",
    "ROLE_COLOURS",
    "ROLE_HATCHES",
    "figure_pdf",
    "figure_png",
    "figure_svg",
    "muscle_map_figure",
    "stretch_picture_figure",
    "stretch_picture_png",
    "stretch_picture_svg",
]
