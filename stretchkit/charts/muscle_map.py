"""A two-panel muscle map (back and front view) that shows which muscles a stretch targets.

Only matplotlib's object API is used (`matplotlib.figure.Figure`), so drawing a map never
touches pyplot's global state and works the same in a notebook, a Voila page or a server.

Every muscle patch carries a gid ``muscle:<id>:<role>`` (``<role>`` is ``none`` when the
muscle is not highlighted), so callers and tests can read the map back from the figure.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, Patch, Polygon, Rectangle

from stretchkit.catalog.model import ROLE_LABELS, ROLES, Catalog, Role, Stretch
from stretchkit.catalog.translations import catalog_text
from stretchkit.charts.chart_layout import TITLE_Y
from stretchkit.charts.rendering import figure_png
from stretchkit.errors import ValidationError
from stretchkit.i18n import N_, _, current_language, language_or_default, pgettext

__all__ = [
    "MUSCLE_IDS",
    "NEUTRAL_COLOUR",
    "ROLE_COLOURS",
    "ROLE_HATCHES",
    "muscle_map_figure",
    "stretch_muscle_map_png",
]

Point = tuple[float, float]
Points = npt.NDArray[np.float64]

MUSCLE_IDS: frozenset[str] = frozenset(
    {
        "trapezius",
        "rhomboids",
        "latissimus-dorsi",
        "erector-spinae",
        "serratus-anterior",
        "rotatores",
        "multifidus",
        "obliques",
        "intercostals",
        "quadratus-lumborum",
        "gluteals",
        "hamstrings",
        "pectorals",
        "abdominals",
        "hip-flexors",
    }
)
"""Every muscle the map can draw; the keys `muscle_map_figure` accepts."""

ROLE_COLOURS: Mapping[str, str] = {
    "primary": "#D55E00",  # Okabe-Ito vermillion
    "secondary": "#E69F00",  # Okabe-Ito orange
    "strengthened": "#0072B2",  # Okabe-Ito blue
}
"""Fill colour per role (colour-blind safe Okabe-Ito palette)."""

ROLE_HATCHES: Mapping[str, str] = {"primary": "", "secondary": "////", "strengthened": "..."}
"""Hatch per role, so the roles stay distinct when printed in greyscale."""

NEUTRAL_COLOUR = "#C3C3C3"
"""Fill of a muscle that is not highlighted."""

_HATCH_COLOURS: Mapping[str, str] = {
    "primary": "#FFFFFF",
    "secondary": "#7A4B00",
    "strengthened": "#FFFFFF",
}
_BODY_FILL = "#ECECEC"
_BODY_EDGE = "#A8A8A8"
_CONTOUR_EDGE = "#C9C9C9"
_NEUTRAL_EDGE = "#8E8E8E"
_ROLE_EDGE = "#3A3A3A"
_DEEP_NEUTRAL_ALPHA = 0.35
_TEXT = "#222222"
_MUTED_TEXT = "#666666"


@dataclass(frozen=True, slots=True)
class _Piece:
    """One drawn shape of a muscle, given as its outline on the body's right half (x >= 0).

    ``whole`` shapes run from the midline back to the midline and are mirrored into a single
    patch; the others get a mirrored twin on the left. ``deep`` muscles lie under others and
    are drawn dashed.
    """

    muscle: str
    outline: tuple[Point, ...]
    whole: bool = False
    deep: bool = False
    rounds: int = 2


# --- Geometry --------------------------------------------------------------------------------
# Units: the body is 96 units tall (feet at y=0, top of head at y=96), centred on x=0.
# Outlines are for the right half and are smoothed with Chaikin corner cutting.

_BODY_HALF: tuple[Point, ...] = (
    (2.9, 86.0), (3.1, 83.4), (5.5, 82.0), (9.0, 81.0), (11.7, 79.9), (13.4, 78.0),
    (14.4, 75.0), (14.7, 71.5), (15.3, 66.0), (16.1, 61.0), (16.8, 58.0), (18.0, 53.0),
    (19.0, 47.5), (19.5, 44.5), (20.4, 42.5), (20.7, 39.5), (20.0, 37.2), (18.8, 37.0),
    (18.1, 39.0), (17.9, 42.0), (17.5, 44.5), (16.4, 49.0), (15.0, 54.0), (14.2, 58.0),
    (13.3, 63.0), (12.5, 68.0), (11.8, 71.0), (11.0, 72.2), (10.8, 68.5), (10.3, 64.0),
    (9.6, 60.0), (9.5, 57.0), (9.8, 54.0), (10.3, 51.0), (10.7, 47.5), (10.6, 42.0),
    (10.0, 35.0), (9.4, 28.0), (8.7, 25.0), (8.7, 22.0), (9.3, 18.0), (9.0, 13.0),
    (7.6, 8.0), (6.0, 4.0), (6.1, 2.5), (7.3, 1.0), (7.0, 0.0), (2.6, 0.0), (2.8, 2.5),
    (3.0, 4.5), (2.8, 9.0), (2.2, 15.0), (2.3, 19.0), (2.1, 23.0), (2.0, 26.0),
    (1.6, 34.0), (1.0, 42.0), (0.6, 45.5), (0.0, 46.0),
)  # fmt: skip
_HEAD_CENTRE: Point = (0.0, 90.6)
_HEAD_SIZE: Point = (9.6, 12.0)


def _rib_strip(start: Point, end: Point) -> _Piece:
    """One intercostal space: a thin strip from ``start`` to ``end`` along a rib."""
    (x0, y0), (x1, y1) = start, end
    strip = ((x0, y0), (x1, y1), (x1, y1 - 0.7), (x0, y0 - 0.7))
    return _Piece("intercostals", strip, deep=True, rounds=1)


_BACK: tuple[_Piece, ...] = (
    _Piece("erector-spinae", (
        (1.6, 80.0), (2.7, 80.5), (3.5, 76.0), (3.9, 68.0), (4.3, 60.0), (4.3, 55.0),
        (3.7, 51.5), (2.5, 50.0), (1.6, 50.5),
    )),
    _Piece("latissimus-dorsi", (
        (10.9, 72.6), (9.6, 69.0), (8.6, 65.0), (8.0, 61.0), (7.7, 57.0), (7.4, 54.2),
        (6.0, 53.6), (4.5, 53.6), (4.5, 60.0), (4.2, 65.0), (6.2, 67.6), (8.2, 69.8),
        (9.7, 72.2),
    )),
    _Piece("serratus-anterior", (
        (10.85, 71.6), (10.7, 68.5), (10.45, 67.1), (9.0, 67.6), (9.8, 70.0),
    )),
    _rib_strip((8.9, 66.4), (10.35, 65.6)),
    _rib_strip((8.6, 64.4), (10.1, 63.6)),
    _rib_strip((8.3, 62.4), (9.8, 61.6)),
    _Piece("obliques", (
        (9.75, 60.8), (8.2, 61.2), (7.9, 57.0), (7.6, 54.6), (8.6, 53.4), (10.0, 52.2),
        (9.55, 55.0), (9.45, 58.0),
    )),
    _Piece("trapezius", (
        (0.0, 87.0), (2.6, 86.0), (3.2, 83.2), (6.0, 81.9), (9.5, 80.9), (12.0, 79.6),
        (10.5, 77.6), (7.0, 76.2), (4.6, 73.0), (2.6, 68.0), (0.0, 62.5),
    ), whole=True),
    _Piece("gluteals", (
        (0.6, 52.3), (3.5, 53.0), (7.5, 52.8), (9.9, 50.8), (10.5, 47.0), (10.3, 43.5),
        (8.8, 41.2), (5.5, 40.6), (2.2, 41.3), (0.6, 43.5),
    )),
    _Piece("hamstrings", (  # semitendinosus and semimembranosus (inner)
        (2.0, 40.7), (5.5, 40.3), (5.6, 36.0), (4.8, 31.0), (3.4, 26.3), (2.6, 26.6),
        (1.9, 31.5), (1.6, 37.0),
    )),
    _Piece("hamstrings", (  # biceps femoris (outer)
        (5.9, 40.3), (9.4, 40.9), (9.7, 36.5), (9.0, 31.0), (7.8, 26.3), (7.0, 26.6),
        (6.0, 31.0), (5.8, 36.0),
    )),
    _Piece("rhomboids", (
        (1.6, 81.0), (5.6, 77.5), (6.0, 68.5), (1.6, 73.5),
    ), deep=True, rounds=1),
    _Piece("quadratus-lumborum", (
        (4.5, 60.5), (7.0, 60.0), (7.6, 56.5), (7.4, 53.8), (4.5, 53.6),
    ), deep=True),
    _Piece("rotatores", ((0.55, 80.5), (1.45, 80.5), (1.45, 66.3), (0.55, 66.3)), deep=True,
           rounds=1),
    _Piece("multifidus", (
        (0.55, 66.0), (1.45, 66.0), (1.6, 58.0), (1.8, 50.0), (1.3, 46.5), (0.55, 46.5),
    ), deep=True, rounds=1),
)  # fmt: skip

_ABDOMINAL_SEGMENTS: tuple[tuple[float, float, float, float], ...] = (
    # top y, bottom y, lateral x at top, lateral x at bottom
    (69.3, 65.5, 4.4, 4.7),
    (65.1, 61.3, 4.7, 4.8),
    (60.9, 57.0, 4.8, 4.6),
)
_FRONT: tuple[_Piece, ...] = (
    _Piece("trapezius", (
        (3.0, 85.4), (3.3, 83.4), (6.0, 82.0), (10.8, 80.4), (7.0, 82.5), (4.2, 84.6),
    )),
    _Piece("pectorals", (
        (0.5, 80.8), (3.5, 81.3), (7.5, 80.6), (11.0, 79.0), (12.0, 77.0), (11.0, 73.5),
        (9.0, 71.0), (6.5, 69.8), (3.5, 69.8), (0.5, 71.0),
    )),
    _Piece("serratus-anterior", (
        (10.85, 72.2), (10.75, 68.5), (10.3, 64.3), (8.6, 64.6), (9.6, 65.8), (8.3, 66.6),
        (9.5, 67.7), (8.1, 68.7), (9.4, 69.7), (8.8, 71.0),
    ), rounds=1),
    _Piece("obliques", (
        (5.2, 63.5), (8.4, 63.8), (9.6, 61.0), (9.45, 57.0), (9.75, 54.0), (10.0, 51.8),
        (8.6, 50.6), (6.2, 50.0), (4.8, 52.5), (5.0, 58.0),
    )),
    *(
        _Piece("abdominals", ((0.45, top), (x_top, top), (x_bot, bot), (0.45, bot)))
        for top, bot, x_top, x_bot in _ABDOMINAL_SEGMENTS
    ),
    _Piece("abdominals", (
        (0.45, 56.6), (4.6, 56.6), (4.2, 52.5), (2.0, 48.8), (0.45, 48.8),
    ), rounds=1),
    _Piece("hip-flexors", (
        (8.9, 50.3), (9.6, 47.8), (8.8, 43.0), (7.2, 36.5), (6.1, 30.0), (5.2, 30.0),
        (5.0, 35.5), (4.2, 41.5), (2.6, 46.2), (4.8, 47.8), (7.0, 49.5),
    )),
    _rib_strip((5.5, 67.6), (8.3, 69.0)),
    _rib_strip((5.5, 65.7), (8.4, 67.1)),
    _rib_strip((5.5, 63.8), (8.5, 65.2)),
)  # fmt: skip

# Unlisted muscles and landmarks, drawn as faint contours so the figure reads as a body.
_DELTOID: tuple[Point, ...] = (
    (11.7, 80.0), (13.4, 78.1), (14.4, 75.0), (14.7, 71.5), (14.3, 69.0), (12.9, 72.0),
    (11.9, 76.0),
)  # fmt: skip
_BACK_CONTEXT: tuple[tuple[Point, ...], ...] = (
    _DELTOID,
    ((6.3, 76.0), (10.3, 77.3), (11.9, 75.4), (11.3, 72.8), (8.4, 70.0), (6.3, 68.9)),
    ((3.0, 23.2), (5.4, 23.8), (8.0, 23.2), (8.8, 18.5), (7.0, 11.8), (5.2, 10.8),
     (3.2, 13.0), (2.5, 18.0)),
)  # fmt: skip
_FRONT_CONTEXT: tuple[tuple[Point, ...], ...] = (
    _DELTOID,
    ((9.3, 43.0), (9.8, 36.0), (9.0, 29.5), (7.6, 26.8), (6.8, 30.0), (7.4, 36.5)),
    ((5.3, 26.4), (6.7, 25.6), (6.9, 23.3), (5.9, 21.8), (4.7, 22.3), (4.4, 24.6)),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _View:
    """One panel: title (English, shown translated), muscles, faint contours, the client's
    sides as the viewer sees them (left, right) and whether the spine shows."""

    title: str
    pieces: tuple[_Piece, ...]
    contours: tuple[tuple[Point, ...], ...]
    sides: tuple[str, str]
    spine: bool


_VIEWS: tuple[_View, ...] = (
    _View(N_("Back view"), _BACK, _BACK_CONTEXT, sides=("left", "right"), spine=True),
    _View(N_("Front view"), _FRONT, _FRONT_CONTEXT, sides=("right", "left"), spine=False),
)


def _side_letter(side: str, language: str) -> str:
    """The client's side in one letter, as the language writes it ('L'/'R', 'I'/'D')."""
    if side == "left":
        return pgettext("body side, one letter", "L", language)
    return pgettext("body side, one letter", "R", language)


# --- Validation and naming -------------------------------------------------------------------


def _validate(highlights: Mapping[str, str]) -> None:
    """Raise `ValidationError` naming the first unknown muscle id or role."""
    for muscle, role in highlights.items():
        if muscle not in MUSCLE_IDS:
            known = ", ".join(sorted(MUSCLE_IDS))
            raise ValidationError("highlights", muscle, f"unknown muscle id; known: {known}")
        if role not in ROLES:
            known = ", ".join(ROLES)
            raise ValidationError(f"highlights[{muscle!r}]", role, f"unknown role; known: {known}")


def _display_name(muscle: str, names: Mapping[str, str] | None, language: str) -> str:
    """The caller's name for ``muscle`` (the catalog's English name, shown in `language`
    when stretchkit has a reviewed translation of it), else its id title-cased."""
    if names is not None and muscle in names:
        return catalog_text(names[muscle], language)
    return muscle.replace("-", " ").title()


# --- Geometry helpers ------------------------------------------------------------------------


def _smooth(points: Points, rounds: int) -> Points:
    """Round a closed outline's corners by Chaikin corner cutting, ``rounds`` times."""
    for _round in range(rounds):
        following = np.roll(points, -1, axis=0)
        near = 0.75 * points + 0.25 * following
        far = 0.25 * points + 0.75 * following
        points = np.stack([near, far], axis=1).reshape(-1, 2)
    return points


def _mirrored(points: Points) -> Points:
    """The outline reflected in the midline (x -> -x), in reverse order to keep orientation."""
    return np.column_stack([-points[::-1, 0], points[::-1, 1]])


def _outlines(piece: _Piece) -> Iterator[Points]:
    """The smoothed outline(s) of a piece: one symmetric shape, or a right/left pair."""
    half = np.asarray(piece.outline, dtype=np.float64)
    if piece.whole:
        yield _smooth(np.concatenate([half, _mirrored(half)[1:-1]]), piece.rounds)
        return
    yield _smooth(half, piece.rounds)
    yield _smooth(_mirrored(half), piece.rounds)


# --- Styling ---------------------------------------------------------------------------------


def _style(patch: Patch, role: str | None, deep: bool) -> Patch:
    """Colour a muscle (or legend swatch) patch for its role; deep muscles get a dashed edge."""
    if role is None:
        patch.set_facecolor(to_rgba(NEUTRAL_COLOUR, _DEEP_NEUTRAL_ALPHA if deep else 1.0))
        patch.set_edgecolor(_NEUTRAL_EDGE)
        patch.set_linewidth(0.5 if deep else 0.6)
    else:
        patch.set_facecolor(ROLE_COLOURS[role])
        patch.set_edgecolor(_ROLE_EDGE)
        patch.set_linewidth(0.7 if deep else 0.8)
        patch.set_hatch(ROLE_HATCHES[role])
        if hasattr(patch, "set_hatchcolor"):  # matplotlib >= 3.10; older ones use the edge
            patch.set_hatchcolor(_HATCH_COLOURS[role])
    patch.set_linestyle((0, (2.5, 1.5)) if deep else "solid")
    patch.set_joinstyle("round")
    return patch


# --- Drawing ---------------------------------------------------------------------------------


def _draw_body(ax: Axes, contours: tuple[tuple[Point, ...], ...]) -> None:
    """The light grey silhouette (head plus mirrored body) with faint contours on it."""
    half = np.asarray(_BODY_HALF, dtype=np.float64)
    outline = _smooth(np.concatenate([half, _mirrored(half)[1:]]), 2)
    for shape in (Polygon(outline, closed=True), Ellipse(_HEAD_CENTRE, *_HEAD_SIZE)):
        shape.set(facecolor=_BODY_FILL, edgecolor=_BODY_EDGE, linewidth=0.9, zorder=1)
        ax.add_patch(shape)
    for contour in contours:
        for points in _outlines(_Piece("", contour)):
            shape = Polygon(points, closed=True, fill=False, zorder=1.5)
            shape.set(edgecolor=_CONTOUR_EDGE, linewidth=0.6, joinstyle="round")
            ax.add_patch(shape)


def _draw_muscles(ax: Axes, pieces: tuple[_Piece, ...], highlights: Mapping[str, str]) -> None:
    """Every piece of every muscle, tagged with a ``muscle:<id>:<role>`` gid."""
    for piece in pieces:
        role = highlights.get(piece.muscle)
        for outline in _outlines(piece):
            patch = _style(Polygon(outline, closed=True), role, piece.deep)
            patch.set_gid(f"muscle:{piece.muscle}:{role or 'none'}")
            patch.set_zorder(3 if piece.deep else 2)
            ax.add_patch(patch)


def _draw_spine(ax: Axes) -> None:
    """A dotted line of vertebrae down the middle of the back."""
    ys = np.arange(83.5, 47.0, -1.6)
    ax.plot(np.zeros_like(ys), ys, linestyle="none", marker="o", markersize=1.3, color="#9A9A9A",
            zorder=4)  # fmt: skip


def _draw_panel(ax: Axes, view: _View, highlights: Mapping[str, str], language: str) -> None:
    """One view: silhouette, muscles, panel title and the client's left/right."""
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_xlim(-22.0, 22.0)
    ax.set_ylim(-2.5, 97.5)
    ax.set_title(_(view.title, language), fontsize=11, color=_TEXT, pad=4, y=TITLE_Y)
    _draw_body(ax, view.contours)
    _draw_muscles(ax, view.pieces, highlights)
    if view.spine:
        _draw_spine(ax)
    for x, side in zip((-13.0, 13.0), view.sides, strict=True):
        letter = _side_letter(side, language)
        ax.text(x, 1.0, letter, ha="center", va="center", fontsize=9, color=_MUTED_TEXT)


_KEY_CHARS = 34
"""A key line's length in characters: longer headings wrap, within the key's width."""


def _draw_key_group(
    ax: Axes, y: float, step: float, role: Role, labels: list[str], *, language: str
) -> float:
    """One role heading with a swatch and name per muscle; returns the next free y."""
    heading = _(ROLE_LABELS[role], language)
    ax.text(0.0, y, heading, fontsize=10, weight="bold", color=_TEXT, va="center")
    for label in labels:
        y -= step
        swatch = Rectangle((0.0, y - 0.35 * step), 0.09, 0.7 * step)
        ax.add_patch(_style(swatch, role, deep=False))
        ax.text(0.13, y, label, fontsize=10, color=_TEXT, va="center")
    return y - 1.5 * step


def _draw_key(
    ax: Axes, highlights: Mapping[str, str], names: Mapping[str, str] | None, language: str
) -> None:
    """The legend: highlighted muscles grouped under their role, with matching swatches."""
    ax.set_axis_off()
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(0.0, 1.0)
    groups = [(role, [m for m, r in highlights.items() if r == role]) for role in ROLES]
    rows = sum(len(muscles) + 1.5 for _, muscles in groups if muscles)
    step, y = min(0.06, 0.9 / max(rows, 1.0)), 0.97
    for role, muscles in groups:
        if muscles:
            labels = [_display_name(muscle, names, language) for muscle in muscles]
            y = _draw_key_group(ax, y, step, role, labels, language=language)
    if not highlights:
        none = _("No muscles highlighted", language)
        ax.text(0.0, y, none, fontsize=10, style="italic", color=_MUTED_TEXT)
    deep = textwrap.fill(_("Dashed outline: deep muscle", language), _KEY_CHARS)
    ax.text(0.0, 0.0, deep, fontsize=9, color=_MUTED_TEXT)


def muscle_map_figure(
    highlights: Mapping[str, str],
    *,
    title: str = "",
    names: Mapping[str, str] | None = None,
    language: str | None = None,
) -> Figure:
    """Draw the back and front view with ``highlights`` (muscle id -> role) coloured by role.

    Roles are ``"primary"`` (stretched, main target), ``"secondary"`` (stretched, secondary)
    and ``"strengthened"`` (works to hold the position). ``names`` maps muscle ids to their
    English names in the catalog, shown in the legend translated. Every word is drawn in
    `language` (else the current one); `title` is drawn as given. Raises `ValidationError` for
    an unknown muscle id or role.
    """
    _validate(highlights)
    language = language_or_default(language or current_language())
    fig = Figure(figsize=(6.4, 4.8), facecolor="white")
    if title:
        fig.suptitle(title, fontsize=13, weight="bold", color=_TEXT, y=0.985)
    for i, view in enumerate(_VIEWS):
        axes = fig.add_axes((0.005 + 0.29 * i, 0.01, 0.29, 0.88))
        _draw_panel(axes, view, highlights, language)
    _draw_key(fig.add_axes((0.61, 0.03, 0.38, 0.84)), highlights, names, language)
    return fig


def stretch_muscle_map_png(
    stretch: Stretch,
    catalog: Catalog,
    *,
    titled: bool = False,
    dpi: int = 110,
    palette: bool = False,
    language: str | None = None,
) -> bytes:
    """The muscle map of `stretch` as PNG bytes, in `language` (else the current one), with
    the stretch's name over it when `titled`; drawn once per stretch, size and language."""
    chosen = language_or_default(language or current_language())
    return _stretch_map_png(stretch, catalog, (titled, dpi, palette), chosen)


@cache
def _stretch_map_png(
    stretch: Stretch, catalog: Catalog, drawing: tuple[bool, int, bool], language: str
) -> bytes:
    titled, dpi, palette = drawing
    names = {m.id: m.name for m in catalog.muscles.values()}
    highlights = {t.muscle: t.role for t in stretch.targets}
    title = ""
    if titled:
        said = _("Muscles: {stretch}", language)
        title = said.format(stretch=catalog_text(stretch.name, language))
    fig = muscle_map_figure(highlights, title=title, names=names, language=language)
    png = figure_png(fig, dpi=dpi, palette=palette)
    fig.clear()
    return png
