"""The picture of a stretch: both people in the start and the stretched position side by side
(or one of them, large), the partner's contact points, force arrows and the client's target
area shaded as on the muscle map. Drawn from the catalog's pose, as PNG or SVG.

The client is a solid filled figure, the partner a hollow outlined one, so the two differ in
greyscale as well as in colour (colour-blind safe Okabe-Ito hues). Renders are deterministic:
the same stretch gives the same bytes every time.
"""

from __future__ import annotations

import io
import math
from contextlib import AbstractContextManager
from functools import cache
from html import escape

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, Polygon, Rectangle

from stretchkit.catalog import ROLES, Stretch
from stretchkit.catalog.pose import PHASES, Phase
from stretchkit.catalog.pose_text import pose_alt_text
from stretchkit.catalog.translations import catalog_text
from stretchkit.charts.muscle_map import ROLE_COLOURS, ROLE_HATCHES
from stretchkit.charts.rendering import palette_png
from stretchkit.i18n import N_, _, current_language, language_or_default, pgettext, use_language
from stretchkit.pictures import Frame, Panel, frame_of, panel_of

__all__ = [
    "CLIENT_COLOUR",
    "PARTNER_COLOUR",
    "PHASE_TITLES",
    "WIDTH_IN",
    "stretch_picture_figure",
    "stretch_picture_png",
    "stretch_picture_svg",
]

Phases = tuple[Phase, ...]

WIDTH_IN = 3.6
"""A phone's width at 100 px to the inch: the picture reads at 360 px."""
PHASE_TITLES = {"start": N_("1  Start"), "stretched": N_("2  Stretch")}
"""Each panel's title, in English (drawn translated)."""
FONT = "DejaVu Sans"
CLIENT_COLOUR, CLIENT_FAR = "#009E73", "#8FD3BE"  # Okabe-Ito bluish green, and a tint
PARTNER_COLOUR, PARTNER_FAR = "#7A3560", "#C99AB5"  # Okabe-Ito reddish purple, darkened
MARK_FILL, INK, FLOOR = "#F0E442", "#111111", "#9A9A9A"  # Okabe-Ito yellow
_SIDE_IN, _GAP_IN, _TITLE_IN = 0.04, 0.1, 0.26
_MAX_PANEL_IN = {1: 3.4, 2: 2.3}
"""A tall (standing) panel is narrowed to keep the picture short enough for a phone."""
_OUTLINE = 0.55
"""The partner's outline, as a share of the stroke width on each side."""


def _points_per_unit(ax: Axes, frame: Frame) -> float:
    width_in = ax.get_position().width * ax.get_figure().get_figwidth()  # type: ignore[union-attr]
    return width_in * 72 / (frame.x1 - frame.x0)


def _draw_people(ax: Axes, panel: Panel, scale: float) -> None:
    z = {"far": 0.0, "body": 0.2, "near": 0.5}
    for s in panel.strokes:
        xs, ys = (s.a[0], s.b[0]), (s.a[1], s.b[1])
        far = s.layer == "far"
        if s.who == "partner":
            edge = PARTNER_FAR if far else PARTNER_COLOUR
            ax.plot(
                xs,
                ys,
                color=edge,
                lw=s.width * scale,
                solid_capstyle="round",
                zorder=2 + z[s.layer],
                gid="partner",
            )
            ax.plot(
                xs,
                ys,
                color="white",
                lw=s.width * scale * _OUTLINE,
                solid_capstyle="round",
                zorder=2.6,
            )
        else:
            colour = CLIENT_FAR if far else CLIENT_COLOUR
            ax.plot(
                xs,
                ys,
                color=colour,
                lw=s.width * scale,
                solid_capstyle="round",
                zorder=3 + z[s.layer],
                gid="client",
            )
    for h in panel.heads:
        if h.who == "partner":
            head = Circle(
                h.centre,
                h.radius,
                facecolor="white",
                edgecolor=PARTNER_COLOUR,
                lw=h.radius * scale * 0.35,
                zorder=2.7,
                gid="partner",
            )
        else:
            head = Circle(
                h.centre,
                h.radius,
                facecolor=CLIENT_COLOUR,
                edgecolor=CLIENT_COLOUR,
                lw=0.5,
                zorder=3.5,
                gid="client",
            )
        ax.add_patch(head)


def _draw_marks(ax: Axes, panel: Panel, scale: float, language: str) -> None:
    for shade in panel.shades:
        patch = Polygon(
            shade.outline,
            closed=True,
            facecolor=ROLE_COLOURS[shade.role],
            edgecolor="none",
            hatch=ROLE_HATCHES[shade.role],
            zorder=3.3,
            gid=f"target:{shade.role}",
        )
        ax.add_patch(patch)
    for mark in panel.marks:
        ax.add_patch(
            Circle(
                mark.at,
                2.8,
                facecolor="white" if mark.optional else MARK_FILL,
                edgecolor=INK,
                lw=1.3,
                ls=(0, (2, 1.2)) if mark.optional else "solid",
                zorder=6,
                gid="contact",
            )
        )
        if mark.optional:
            ax.text(
                mark.at[0],
                mark.at[1] - 4.2,
                pgettext("contact point", "optional", language),
                fontsize=6.5,
                family=FONT,
                color=INK,
                ha="center",
                va="top",
                zorder=7,
            )
    for arrow in panel.arrows:
        ax.add_patch(
            FancyArrowPatch(
                arrow.tail,
                arrow.tip,
                arrowstyle="-|>",
                mutation_scale=11,
                color=INK,
                lw=1.9,
                ls=(0, (3, 1.5)) if arrow.optional else "solid",
                shrinkA=0,
                shrinkB=0,
                zorder=7,
                gid="force",
            )
        )
    del scale


def _draw_panel(ax: Axes, panel: Panel, frame: Frame, language: str) -> None:
    ax.set_axis_off()
    ax.set_xlim(frame.x0, frame.x1)
    ax.set_ylim(frame.y0, frame.y1)
    ax.set_aspect("equal")
    ax.add_patch(
        Rectangle(
            (frame.x0, frame.y0),
            frame.x1 - frame.x0,
            -frame.y0,
            facecolor="#EDEDED",
            edgecolor="none",
            zorder=0,
        )
    )
    ax.plot((frame.x0, frame.x1), (0, 0), color=FLOOR, lw=1.2, zorder=0.5)
    ax.set_title(
        _(PHASE_TITLES[panel.phase], language),
        fontsize=9,
        fontweight="bold",
        family=FONT,
        color=INK,
        loc="left",
        pad=3,
    )
    scale = _points_per_unit(ax, frame)
    _draw_people(ax, panel, scale)
    _draw_marks(ax, panel, scale, language)


def _swatch(ax: Axes, kind: str, x: float, y: float) -> None:
    """The key's small sample of one kind of mark, at (x, y) in the key's axes."""
    if kind in ("client", "partner"):
        colour = CLIENT_COLOUR if kind == "client" else PARTNER_COLOUR
        ax.add_line(Line2D((x, x + 0.06), (y, y), color=colour, lw=5, solid_capstyle="round"))
        if kind == "partner":
            ax.add_line(
                Line2D(
                    (x, x + 0.06), (y, y), color="white", lw=5 * _OUTLINE, solid_capstyle="round"
                )
            )
    elif kind == "contact":
        ax.plot(x + 0.03, y, "o", ms=7, mfc=MARK_FILL, mec=INK, mew=1.1)
    elif kind == "force":
        ax.add_patch(
            FancyArrowPatch(
                (x, y), (x + 0.07, y), arrowstyle="-|>", mutation_scale=9, color=INK, lw=1.5
            )
        )
    else:
        ax.add_patch(
            Rectangle(
                (x + 0.005, y - 0.05),
                0.05,
                0.1,
                facecolor=ROLE_COLOURS[kind],
                edgecolor="none",
                hatch=ROLE_HATCHES[kind],
            )
        )


_ROW = 0.23
"""The key's row height, in inches."""
_ROLE_KEYS = {
    "primary": N_("Stretched"),
    "secondary": N_("Also stretched"),
    "strengthened": N_("Works to hold"),
}
"""The muscle map's roles, said short enough for the key at a phone's width (in English,
drawn translated)."""
_KEYS = (
    ("client", N_("Client (filled)")),
    ("partner", N_("Partner (outline)")),
    ("contact", N_("Contact point")),
    ("force", N_("Force")),
)


def _key_items(stretch: Stretch, language: str) -> list[tuple[str, str]]:
    roles = [role for role in ROLES if role in {t.role for t in stretch.targets}]
    marks = [(kind, _(label, language)) for kind, label in _KEYS]
    return [
        *marks,
        *((role, _(_ROLE_KEYS[role], language)) for role in roles),
    ]


def _key_height(stretch: Stretch) -> float:
    return 0.08 + _ROW * math.ceil(len(_key_items(stretch, "en")) / 2)


def _legend(fig: Figure, stretch: Stretch, height_in: float, language: str) -> None:
    """The key below the panels: two columns of samples with their meaning."""
    key_in = _key_height(stretch)
    ax = fig.add_axes((0.0, 0.0, 1.0, key_in / height_in))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, key_in)
    for n, (kind, label) in enumerate(_key_items(stretch, language)):
        x, y = 0.03 + 0.46 * (n % 2), key_in - 0.04 - _ROW * (n // 2 + 0.5)
        _swatch(ax, kind, x, y)
        ax.text(x + 0.09, y, label, fontsize=9, family=FONT, color=INK, va="center")


def stretch_picture_figure(
    stretch: Stretch, phases: Phases = PHASES, language: str | None = None
) -> Figure:
    """The picture of `stretch` in the given positions (both by default), one panel each,
    side by side, with a key below, its words in `language` (else the current one)."""
    language = language_or_default(language or current_language())
    frame = frame_of(stretch)
    count = len(phases)
    panel_w = (WIDTH_IN - 2 * _SIDE_IN - _GAP_IN * (count - 1)) / count
    panel_w = min(panel_w, _MAX_PANEL_IN.get(count, 2.3) / frame.aspect)
    panel_h = panel_w * frame.aspect
    key_in = _key_height(stretch)
    height = _TITLE_IN + panel_h + key_in
    fig = Figure(figsize=(WIDTH_IN, height), facecolor="white")
    used = count * panel_w + (count - 1) * _GAP_IN
    for n, phase in enumerate(phases):
        left = ((WIDTH_IN - used) / 2 + n * (panel_w + _GAP_IN)) / WIDTH_IN
        ax = fig.add_axes((left, key_in / height, panel_w / WIDTH_IN, panel_h / height))
        _draw_panel(ax, panel_of(stretch, phase), frame, language)
    _legend(fig, stretch, height, language)
    return fig


def _settings() -> AbstractContextManager[None]:
    return matplotlib.rc_context(
        {
            "svg.hashsalt": "stretchkit",
            "svg.fonttype": "path",
            "hatch.linewidth": 1.0,
            "path.simplify": False,
        }
    )


def _render(fig: Figure, fmt: str, dpi: float) -> bytes:
    buffer = io.BytesIO()
    metadata: dict[str, str | None] = {"Date": None} if fmt == "svg" else {"Software": None}
    with _settings():
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return buffer.getvalue()


def stretch_picture_png(
    stretch: Stretch,
    phases: Phases = PHASES,
    dpi: int = 200,
    *,
    palette: bool = False,
    language: str | None = None,
) -> bytes:
    """The picture as PNG bytes (720 px wide at the default `dpi`: sharp at 360 px); with
    `palette`, in 256 colours (a third of the bytes, for pages sent to phones). Its words are
    in `language` (else the current one); drawn once per stretch, size and language."""
    chosen = language_or_default(language or current_language())
    return _picture_png(stretch, phases, dpi, palette, chosen)


@cache
def _picture_png(stretch: Stretch, phases: Phases, dpi: int, palette: bool, language: str) -> bytes:
    png = _render(stretch_picture_figure(stretch, phases, language), "png", dpi)
    return palette_png(png) if palette else png


def stretch_picture_svg(
    stretch: Stretch, phases: Phases = PHASES, language: str | None = None
) -> str:
    """The picture as an SVG document, with the stretch's name as its title and the text
    alternative (from its steps and contacts) as its description, in `language` (else the
    current one)."""
    return _picture_svg(stretch, phases, language_or_default(language or current_language()))


@cache
def _picture_svg(stretch: Stretch, phases: Phases, language: str) -> str:
    svg = _render(stretch_picture_figure(stretch, phases, language), "svg", 72).decode("utf-8")
    head, tag, rest = svg.partition("<svg ")
    opening, close, body = rest.partition(">")
    with use_language(language):
        title = _("{title}: how to set it up").format(title=catalog_text(stretch.name))
        alt = pose_alt_text(stretch, phases)
    labelled = (
        f'{head}{tag}role="img" aria-labelledby="pose-title pose-desc" {opening}{close}'
        f'<title id="pose-title">{escape(title)}</title>'
        f'<desc id="pose-desc">{escape(alt)}</desc>'
    )
    return labelled + body
