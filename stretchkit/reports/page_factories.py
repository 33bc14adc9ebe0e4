"""The handout's pages: its content (`handout_content`) set with the layout engine (`layout`).

The front pages hold the cover, the routine, the trainer's note, the safety rules and the
guidance for while the client stretches; each stretch then has a page of its own (hold, why,
muscles, care, both roles) and a set-up page (its picture above the numbered steps), on one
page when both fit; a progress page holds one chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial

from matplotlib.figure import Figure

from stretchkit.catalog import Catalog, Stretch
from stretchkit.charts import figure_png, stretch_picture_png
from stretchkit.charts.muscle_map import stretch_muscle_map_png
from stretchkit.i18n import _
from stretchkit.reports.handout_content import (
    Advice,
    Cover,
    Guidance,
    HandoutContent,
    Listed,
    Role,
    RoutineSummary,
    SafetyRules,
    StretchContent,
    footer_text,
)
from stretchkit.reports.layout import (
    ACCENT,
    BODY,
    H2,
    H3,
    INK,
    SMALL,
    SUBTITLE,
    TITLE,
    WIDTH,
    Block,
    Box,
    Lines,
    Page,
    PageFactory,
    Picture,
    Placed,
    Row,
    Section,
    Style,
    draw_page,
    heading,
    headings,
    item,
    paginate,
    paragraph,
    picture_page,
    png_size,
    spacer,
    wrap_text,
)

__all__ = [
    "NOTE_MAX_LINES",
    "PANEL_WIDTH",
    "chart_page",
    "chart_panel_pages",
    "chart_picture",
    "chart_picture_page",
    "front_sections",
    "pages_of",
    "stretch_sections",
]

NOTE_MAX_LINES = 14
"""The trainer's note is cut to this many lines, ending with an ellipsis."""
_PICTURE_DPI = 200
_SAFETY_FILL, _SAFETY_EDGE = "#fdf0e8", "#d55e00"
_RX_FILL, _RX_EDGE = "#e8f1f5", "#b7d3df"
_PAD = 0.14
STRETCH = Style(16, "bold", INK)
RX = Style(18, "bold", ACCENT)


# --- The front pages -------------------------------------------------------------------------


def _cover(cover: Cover) -> Section:
    return Section(
        (
            paragraph(cover.title, TITLE, WIDTH),
            paragraph(cover.client, replace(SUBTITLE, before=6), WIDTH),
            paragraph(cover.made, replace(SMALL, before=4), WIDTH),
        )
    )


def _summary(summary: RoutineSummary) -> Section:
    listed = (item(row, BODY, WIDTH, f"{n}.") for n, row in enumerate(summary.stretches, 1))
    return Section(
        (
            heading(summary.title, H2, WIDTH),
            paragraph(summary.headline, replace(BODY, weight="bold"), WIDTH),
            *listed,
            paragraph(summary.warm_up, replace(BODY, before=6), WIDTH),
        )
    )


def _notes(note: Guidance | None) -> Section:
    if note is None:
        return Section(())
    lines = wrap_text(note.text, BODY, WIDTH, NOTE_MAX_LINES)
    return Section((heading(note.title, H2, WIDTH), Lines(lines, BODY)))


def _source(text: str, width: float, before: float = 3) -> Lines:
    return paragraph(text, replace(SMALL, before=before), width)


def _safety(rules: SafetyRules) -> Section:
    inner = WIDTH - 2 * _PAD
    blocks: tuple[Block, ...] = (
        heading(rules.title, replace(H2, before=0, colour=_SAFETY_EDGE), inner),
        paragraph(rules.no_pain, BODY, inner),
        heading(rules.flag.title, H3, inner),
        paragraph(rules.flag.text, BODY, inner),
        heading(rules.refer.title, H3, inner),
        *(item(row, BODY, inner) for row in rules.refer.items),
        paragraph(rules.refer_text, replace(BODY, before=4), inner),
        paragraph(rules.disclaimer, replace(H3, size=9.5), inner),
        _source(rules.source, inner),
    )
    return Section((spacer(12), Box(blocks, _SAFETY_FILL, _SAFETY_EDGE, _PAD)), fresh=True)


def _while_stretching(advice: Advice) -> Section:
    blocks: list[Block] = [heading(advice.title, H2, WIDTH)]
    for guide in advice.guides:
        blocks.append(heading(guide.title, H3, WIDTH))
        blocks.append(paragraph(guide.text, BODY, WIDTH))
        blocks.append(_source(guide.source, WIDTH))
    return Section(tuple(blocks))


def front_sections(content: HandoutContent) -> list[Section]:
    """The cover and set-up pages: cover, routine, note, safety rules, while you stretch."""
    return [
        _cover(content.cover),
        _summary(content.summary),
        _notes(content.note),
        _safety(content.safety),
        _while_stretching(content.while_stretching),
    ]


# --- One stretch -----------------------------------------------------------------------------

_LEFT = 3.35
_GAP = 0.25
_MAP_WIDTH = WIDTH - _LEFT - _GAP
_MAP_HEIGHT = 2.3  # the map is about 1.43 times as wide as it is tall
_POSE_WIDTH = 3.6
"""The stretch's picture in the handout: its own width, so its labels print at their size."""


def _muscle_map_png(stretch: Stretch, catalog: Catalog) -> bytes:
    return stretch_muscle_map_png(stretch, catalog, dpi=_PICTURE_DPI)  # kept per language


def _prescription_box(content: StretchContent, width: float) -> Box:
    inner = width - 2 * _PAD
    blocks = (
        paragraph(content.hold, RX, inner),
        paragraph(content.hold_caption, SMALL, inner),
        paragraph(content.rest_and_range, replace(BODY, before=3), inner),
    )
    return Box(blocks, _RX_FILL, _RX_EDGE, _PAD)


def _top_band(content: StretchContent, stretch: Stretch, catalog: Catalog) -> Row:
    left = (
        _prescription_box(content, _LEFT),
        heading(content.why.title, H3, _LEFT),
        paragraph(content.why.text, BODY, _LEFT),
    )
    picture = Picture(partial(_muscle_map_png, stretch, catalog), _MAP_WIDTH, _MAP_HEIGHT)
    return Row(((_LEFT, left), (_MAP_WIDTH, (picture,))), _GAP)


def _listed(listed: Listed, *, numbered: bool = False, optional: bool = False) -> tuple[Block, ...]:
    """A heading and its items, numbered '1.', '2.' ... or bulleted; nothing at all when the
    list is optional and empty."""
    if optional and not listed.items:
        return ()
    marks = (f"{n}." if numbered else "\u2022" for n in range(1, len(listed.items) + 1))
    rows = (item(row, BODY, WIDTH, mark) for row, mark in zip(listed.items, marks, strict=True))
    return (heading(listed.title, H3, WIDTH), *rows)


def _role(role: Role, width: float) -> tuple[Block, ...]:
    return (
        heading(role.title, H3, width),
        paragraph(role.role, BODY, width),
        paragraph(role.position, replace(BODY, before=3), width),
    )


def _roles(content: StretchContent) -> Row:
    half = (WIDTH - _GAP) / 2
    columns = ((half, _role(content.client, half)), (half, _role(content.partner, half)))
    return Row(columns, _GAP)


def _setup_picture(content: StretchContent, stretch: Stretch) -> tuple[Block, ...]:
    """Both people in the start and the stretched position, where the hands go and which way
    to push, under a heading (nothing when the stretch has no picture)."""
    if not content.has_picture:
        return ()
    png = partial(stretch_picture_png, stretch, dpi=_PICTURE_DPI)
    width, height = png_size(png())
    picture = Picture(png, _POSE_WIDTH, _POSE_WIDTH * height / width)
    return (heading(content.setup_title, H3, WIDTH), spacer(4), picture)


def stretch_sections(content: StretchContent, catalog: Catalog) -> list[Section]:
    """A stretch's page: its hold, why, muscles, care and both roles; then how to set it up
    (the picture above the numbered steps), on the same page when both fit."""
    stretch = catalog.stretch(content.stretch_id)
    also = (paragraph(content.also_called, SMALL, WIDTH),) if content.also_called else ()
    about = (
        heading(content.title, STRETCH, WIDTH),
        *also,
        spacer(6),
        _top_band(content, stretch, catalog),
        *_listed(content.muscles),
        *_listed(content.take_care, optional=True),
        _roles(content),
    )
    setup = (
        *_setup_picture(content, stretch),
        *_listed(content.steps, numbered=True),
        *_listed(content.cues),
        _source(content.source, WIDTH, before=8),
    )
    return [Section(about, fresh=True), Section(setup, fresh=True)]


def _label(placed: Placed, number: int) -> str:
    """What a page shows, for progress messages: its headings, or 'Routine, page n'."""
    return ", ".join(headings(placed, H2)) or _("Routine, page {number}").format(number=number)


def pages_of(content: HandoutContent, catalog: Catalog) -> list[Page]:
    """The handout as A4 pages, laid out now and drawn one by one when asked."""
    sections = [
        *front_sections(content),
        *(part for s in content.stretches for part in stretch_sections(s, catalog)),
    ]
    return [
        Page(_label(placed, n), partial(draw_page, placed, content.footer))
        for n, placed in enumerate(paginate(sections), 1)
    ]


# --- The progress pages ----------------------------------------------------------------------


def chart_picture(figure: Figure) -> bytes:
    """A chart as the PNG a report page shows (cropped, at print resolution)."""
    png = figure_png(figure, dpi=_PICTURE_DPI)
    figure.clear()
    return png


def _draw_chart_page(title: str, chart: PageFactory, footer: str) -> Figure:
    return picture_page(title, chart_picture(chart()), footer)


def _draw_picture_page(title: str, png: Callable[[], bytes], footer: str) -> Figure:
    return picture_page(title, png(), footer)


def chart_page(title: str, chart: PageFactory, *, client_name: str, made_on: date) -> Page:
    """An A4 page with a heading and the chart `chart()` draws, scaled to the page's width."""
    footer = footer_text(client_name, made_on)
    return Page(title, partial(_draw_chart_page, title, chart, footer))


def chart_picture_page(
    title: str, png: Callable[[], bytes], *, client_name: str, made_on: date
) -> Page:
    """`chart_page` for a chart already drawn: `png()` gives its `chart_picture` bytes."""
    footer = footer_text(client_name, made_on)
    return Page(title, partial(_draw_picture_page, title, png, footer))


PANEL_WIDTH = (WIDTH - _GAP) / 2
"""A chart panel's width on a progress page in inches (about 8.4 cm: two side by side)."""
_PANEL_HEIGHT = 2.6
_PANEL_ROWS = 3


def _panel_page(title: str, pngs: Sequence[Callable[[], bytes]], footer: str) -> Figure:
    head = heading(title, replace(H2, before=0), WIDTH)
    rows = [
        Row(tuple((PANEL_WIDTH, (Picture(png, PANEL_WIDTH, _PANEL_HEIGHT),)) for png in pair), _GAP)
        for pair in (pngs[n : n + 2] for n in range(0, len(pngs), 2))
    ]
    blocks: list[Block] = [head]
    for row in rows:
        blocks.extend((spacer(8), row))
    (placed,) = paginate([Section(tuple(blocks))])
    return draw_page(placed, footer)


def chart_panel_pages(
    title: str, pngs: Sequence[Callable[[], bytes]], *, client_name: str, made_on: date
) -> list[Page]:
    """A chart of several panels (one stretch each), as its panels' pictures `pngs`, set two
    side by side and three rows to an A4 page, each panel as wide as half the column; the
    pages after the first say '(continued)'."""
    footer = footer_text(client_name, made_on)
    per_page = 2 * _PANEL_ROWS
    chunks = [tuple(pngs[n : n + per_page]) for n in range(0, len(pngs), per_page)]
    titles = [title, *(f"{title} (continued)" for _ in chunks[1:])]
    return [
        Page(shown, partial(_panel_page, shown, chunk, footer))
        for shown, chunk in zip(titles, chunks, strict=True)
    ]
