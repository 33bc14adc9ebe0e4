"""A client's routine as printable A4 pages: the summary and safety rules, then each stretch.

Pages are laid out first (every text wrapped and measured, blocks flowed onto pages) and drawn
only when a page is asked for, so a report can say which page it is drawing. Text never runs
off a page: it is wrapped to its column, and a trainer's long note is cut with an ellipsis.
Only matplotlib's object API is used, with the font, sizes and colours given explicitly.
"""

from __future__ import annotations

import io
import struct
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, partial
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.image import imread
from matplotlib.patches import Rectangle
from matplotlib.textpath import text_to_path

from stretchkit.catalog import ROLE_LABELS, ROLES, Catalog, Stretch
from stretchkit.charts import figure_png, muscle_map_figure, stretch_picture_png
from stretchkit.planning.planner import session_minutes
from stretchkit.planning.routine import Routine, RoutineItem
from stretchkit.planning.safety_notes import safety_notes
from stretchkit.plurals import counted
from stretchkit.session.log import FLAG_GUIDANCE

__all__ = [
    "FONT",
    "NOTE_MAX_LINES",
    "PAGE_SIZE",
    "Page",
    "PageFactory",
    "chart_page",
    "chart_picture",
    "chart_picture_page",
    "handout_pages",
    "numbered",
]

PageFactory = Callable[[], Figure]
PAGE_SIZE = (8.27, 11.69)
"""A4 portrait, in inches."""
FONT = "DejaVu Sans"
"""The font of every text (it ships with matplotlib, so it is always there)."""
NOTE_MAX_LINES = 14
"""The trainer's note is cut to this many lines, ending with an ellipsis."""
ELLIPSIS = "\u2026"
_SIDE, _TOP, _BOTTOM = 0.7, 0.7, 0.95
_WIDTH = PAGE_SIZE[0] - 2 * _SIDE
_HEIGHT = PAGE_SIZE[1] - _TOP - _BOTTOM
_FOOTER_GAP = 0.5
_PICTURE_DPI = 200
_INK, _MUTED, _ACCENT = "#1d1d1d", "#555555", "#0b4f6c"
_SAFETY_FILL, _SAFETY_EDGE = "#fdf0e8", "#d55e00"
_RX_FILL, _RX_EDGE = "#e8f1f5", "#b7d3df"
_MARKER_INDENT = 0.24


@dataclass(frozen=True)
class Page:
    """One page of a report: a short label for progress messages, and how to draw it."""

    label: str
    draw: PageFactory


@dataclass(frozen=True)
class Style:
    """How a run of text looks: size in points, weight, colour, space above in points."""

    size: float
    weight: str = "normal"
    colour: str = _INK
    italic: bool = False
    before: float = 0.0

    @property
    def line_height(self) -> float:
        """Inches from one baseline to the next."""
        return self.size * 1.32 / 72

    def font(self) -> FontProperties:
        """The font properties of this style, independent of matplotlib's settings."""
        return _font(self.size, self.weight, self.italic)


@cache
def _font(size: float, weight: str, italic: bool) -> FontProperties:
    return FontProperties(
        family=FONT, size=size, weight=weight, style="italic" if italic else "normal"
    )


TITLE = Style(24, "bold", _ACCENT)
SUBTITLE = Style(14)
H2 = Style(14, "bold", _ACCENT, before=14)
H3 = Style(10.5, "bold", _ACCENT, before=8)
BODY = Style(9.5)
SMALL = Style(8.5, colour=_MUTED)
STRETCH = Style(16, "bold", _INK)
RX = Style(18, "bold", _ACCENT)
FOOTER = Style(8, colour=_MUTED)


# --- Wrapping --------------------------------------------------------------------------------


def _width_pt(text: str, style: Style) -> float:
    width, _height, _descent = text_to_path.get_text_width_height_descent(
        text, style.font(), ismath=False
    )
    return float(width)


def _wrap_one(paragraph: str, chars: int) -> list[str]:
    """One paragraph wrapped at spaces (words with hyphens kept whole unless too long)."""
    return textwrap.wrap(paragraph, chars, break_on_hyphens=False)


def _wrapped(text: str, chars: int) -> list[str]:
    lines = [row for para in text.splitlines() for row in (_wrap_one(para, chars) or [""])]
    while lines and not lines[-1]:
        lines.pop()
    return [row for n, row in enumerate(lines) if row or (n > 0 and lines[n - 1])]


def _shortened(line: str, style: Style, limit: float) -> str:
    """The line with an ellipsis at its end, words dropped until it fits."""
    line = line.rstrip()
    while line and _width_pt(line + ELLIPSIS, style) > limit:
        line = line.rsplit(" ", 1)[0] if " " in line else line[:-1]
    return line + ELLIPSIS


def wrap_text(
    text: str, style: Style, width: float, max_lines: int | None = None
) -> tuple[str, ...]:
    """The text as lines no wider than `width` inches, cut with an ellipsis after `max_lines`."""
    limit = width * 72
    chars = max(int(limit / (style.size * 0.5)), 8)
    lines = _wrapped(text, chars)
    for _ in range(50):
        widest = max((_width_pt(row, style) for row in lines), default=0.0)
        if widest <= limit or chars <= 8:
            break
        chars = max(min(chars - 1, int(chars * limit / widest)), 8)
        lines = _wrapped(text, chars)
    if max_lines is not None and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _shortened(lines[max_lines - 1], style, limit)]
    return tuple(lines)


# --- Blocks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lines:
    """Wrapped lines in one style, with an optional marker (bullet or number) before them."""

    lines: tuple[str, ...]
    style: Style
    marker: str = ""
    indented: bool = False
    keep: bool = False
    """Keep on the same page as the block after it (headings)."""

    @property
    def height(self) -> float:
        """Inches taken, space above included."""
        return self.style.before / 72 + len(self.lines) * self.style.line_height

    def split(self, room: float) -> tuple[Lines | None, Lines]:
        """The lines that fit in `room` inches (None if none fit) and the rest."""
        count = int((room - self.style.before / 72) / self.style.line_height + 1e-9)
        count = min(max(count, 0), len(self.lines))
        rest = replace(self, lines=self.lines[count:], style=replace(self.style, before=0))
        if count == 0:
            return None, replace(rest, marker=self.marker)
        return replace(self, lines=self.lines[:count]), replace(rest, marker="")


@dataclass(frozen=True)
class Picture:
    """A PNG drawn when the page is drawn, fitted (aspect kept) in a box of the given size."""

    png: Callable[[], bytes]
    width: float
    height: float


@dataclass(frozen=True)
class Row:
    """Columns side by side: (width in inches, blocks) each, kept together on one page."""

    columns: tuple[tuple[float, tuple[Block, ...]], ...]
    gap: float = 0.3

    @property
    def height(self) -> float:
        """The tallest column's height."""
        return max(_stack_height(blocks) for _width, blocks in self.columns)

    def parts(self) -> tuple[Block, ...]:
        """The columns' blocks one after the other, for a row too tall for a page."""
        return tuple(block for _width, blocks in self.columns for block in blocks)


@dataclass(frozen=True)
class Box:
    """Blocks on a coloured panel, kept together on one page."""

    blocks: tuple[Block, ...]
    fill: str
    edge: str
    pad: float = 0.14

    @property
    def height(self) -> float:
        """The blocks' height with the padding."""
        return _stack_height(self.blocks) + 2 * self.pad

    def parts(self) -> tuple[Block, ...]:
        """The blocks without the panel, for a box too tall for a page."""
        return self.blocks


Block = Lines | Picture | Row | Box


def _stack_height(blocks: Sequence[Block]) -> float:
    return sum(block.height for block in blocks)


@dataclass(frozen=True)
class Section:
    """Blocks that belong together; a `fresh` section starts a page unless it fits whole."""

    blocks: tuple[Block, ...]
    fresh: bool = False


def paragraph(text: str, style: Style, width: float, *, keep: bool = False) -> Lines:
    """A paragraph wrapped to `width` inches."""
    return Lines(wrap_text(text, style, width), style, keep=keep)


def item(text: str, style: Style, width: float, marker: str = "\u2022") -> Lines:
    """A list item: the marker, then the text wrapped beside it."""
    space = replace(style, before=style.before or 2)
    return Lines(wrap_text(text, style, width - _MARKER_INDENT), space, marker, indented=True)


def heading(title: str, style: Style, width: float) -> Lines:
    """A heading kept with what follows it."""
    return paragraph(title, style, width, keep=True)


# --- Flowing blocks onto pages ---------------------------------------------------------------

Placed = tuple[tuple[Block, float], ...]


def _first_part(block: Block | None) -> float:
    """The least room the block needs on a page to start there."""
    if isinstance(block, Lines) and block.keep:
        return block.height + 2 * BODY.line_height
    if isinstance(block, Lines):
        return block.style.before / 72 + block.style.line_height * min(len(block.lines), 2)
    return 0.0 if block is None else block.height


class _Flow:
    """Blocks placed top to bottom, page after page."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.pages: list[list[tuple[Block, float]]] = [[]]
        self.y = 0.0

    @property
    def room(self) -> float:
        """Inches left on the current page."""
        return self.height - self.y

    def new_page(self) -> None:
        """Go on at the top of a new page (unless the current one is still empty)."""
        if self.pages[-1]:
            self.pages.append([])
        self.y = 0.0

    def section(self, section: Section) -> None:
        """Place a section, starting a page first if it is fresh and does not fit whole."""
        if section.fresh and _stack_height(section.blocks) > self.room:
            self.new_page()
        self.blocks((*section.blocks, None))

    def blocks(self, blocks: tuple[Block | None, ...]) -> None:
        """Place each block, knowing the one after it (the last entry only follows)."""
        for block, after in pairwise(blocks):
            if block is not None:
                self.place(block, after)

    def _breaks_before(self, block: Block, after: Block | None) -> bool:
        if not isinstance(block, Lines):
            return block.height > self.room
        return block.keep and block.height + _first_part(after) > self.room

    def place(self, block: Block, after: Block | None) -> None:
        """Place one block: split across pages if it is text, moved on whole otherwise."""
        if self.y > 0 and self._breaks_before(block, after):
            self.new_page()
        if block.height <= self.room:
            self.pages[-1].append((block, self.y))
            self.y += block.height
        elif isinstance(block, Lines):
            head, tail = block.split(self.room)
            if head is not None:
                self.place(head, None)
            self.new_page()
            self.place(tail, after)
        elif isinstance(block, Row | Box):
            self.blocks((*block.parts(), after))
        else:
            self.pages[-1].append((block, self.y))  # a picture is never taller than a page
            self.y = self.height


def paginate(sections: Sequence[Section], height: float = _HEIGHT) -> list[Placed]:
    """The blocks of the sections flowed onto pages of `height` inches."""
    flow = _Flow(height)
    for section in sections:
        flow.section(section)
    return [tuple(page) for page in flow.pages if page]


# --- Drawing ---------------------------------------------------------------------------------


def blank_page() -> Figure:
    """An empty white A4 page."""
    return Figure(figsize=PAGE_SIZE, dpi=100, facecolor="white", edgecolor="white")


def _put_text(
    fig: Figure, x: float, y: float, line: str, style: Style, *, ha: str = "left"
) -> None:
    """One line of text, `x` inches from the left and its baseline `y` inches from the top."""
    page_w, page_h = fig.get_size_inches()
    fig.text(
        x / page_w,
        1 - y / page_h,
        line,
        fontproperties=style.font(),
        color=style.colour,
        ha=ha,
        va="baseline",
        parse_math=False,
        usetex=False,
    )


def _draw_lines(fig: Figure, block: Lines, x: float, y: float) -> None:
    top = y + block.style.before / 72
    indent = _MARKER_INDENT if block.indented else 0.0
    for n, line in enumerate(block.lines):
        baseline = top + n * block.style.line_height + block.style.size / 72
        if n == 0 and block.marker:
            _put_text(fig, x, baseline, block.marker, block.style)
        _put_text(fig, x + indent, baseline, line, block.style)


def _pixels(png: bytes) -> npt.NDArray[np.float32]:
    return np.asarray(imread(io.BytesIO(png), format="png"), dtype=np.float32)


def _draw_picture(fig: Figure, block: Picture, x: float, y: float) -> None:
    page_w, page_h = PAGE_SIZE
    bounds = (x / page_w, 1 - (y + block.height) / page_h, block.width / page_w)
    ax = fig.add_axes((*bounds, block.height / page_h))
    ax.set_axis_off()
    ax.set_anchor("N")
    ax.imshow(_pixels(block.png()), interpolation="none", aspect="equal", origin="upper")


def _draw_box(fig: Figure, block: Box, x: float, y: float, width: float) -> None:
    page_w, page_h = PAGE_SIZE
    panel = Rectangle(
        (x / page_w, 1 - (y + block.height) / page_h),
        width / page_w,
        block.height / page_h,
        transform=fig.transFigure,
        facecolor=block.fill,
        edgecolor=block.edge,
        linewidth=1.0,
    )
    fig.add_artist(panel)
    _draw_stack(fig, block.blocks, x + block.pad, y + block.pad, width - 2 * block.pad)


def _draw_block(fig: Figure, block: Block, x: float, y: float, width: float) -> None:
    if isinstance(block, Lines):
        _draw_lines(fig, block, x, y)
    elif isinstance(block, Picture):
        _draw_picture(fig, block, x, y)
    elif isinstance(block, Box):
        _draw_box(fig, block, x, y, width)
    else:
        for column_width, blocks in block.columns:
            _draw_stack(fig, blocks, x, y, column_width)
            x += column_width + block.gap


def _draw_stack(fig: Figure, blocks: Sequence[Block], x: float, y: float, width: float) -> None:
    for block in blocks:
        _draw_block(fig, block, x, y, width)
        y += block.height


def _footer(fig: Figure, footer: str) -> None:
    line = wrap_text(footer, FOOTER, _WIDTH * 0.7, max_lines=1)
    _put_text(fig, _SIDE, PAGE_SIZE[1] - _FOOTER_GAP, line[0] if line else "", FOOTER)


def _draw_page(placed: Placed, footer: str) -> Figure:
    fig = blank_page()
    for block, y in placed:
        _draw_block(fig, block, _SIDE, _TOP + y, _WIDTH)
    _footer(fig, footer)
    return fig


# --- The handout's content -------------------------------------------------------------------


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _cover(client_name: str, made_on: date) -> Section:
    return Section(
        (
            paragraph("Your stretching routine", TITLE, _WIDTH),
            paragraph(f"For {client_name}", replace(SUBTITLE, before=6), _WIDTH),
            paragraph(f"Made on {_long_date(made_on)}", replace(SMALL, before=4), _WIDTH),
        )
    )


def _warm_up_line(routine: Routine, catalog: Catalog) -> str:
    guide = catalog.guideline("warm-up")
    if routine.warm_up_min:
        return f"Warm-up: {counted(routine.warm_up_min, 'minute')} first. {guide.text}"
    return f"Warm-up: not part of the session, so warm up before you start. {guide.text}"


def _summary(routine: Routine, catalog: Catalog) -> Section:
    minutes = round(session_minutes(routine, catalog))
    head = (
        f"{counted(len(routine.items), 'stretch')}, "
        f"about {counted(minutes, 'minute')} a session with the warm-up, "
        f"{counted(routine.days_per_week, 'day')} a week."
    )
    listed = tuple(
        item(f"{catalog.stretch(i.stretch_id).name}: {i.prescription.text}", BODY, _WIDTH, f"{n}.")
        for n, i in enumerate(routine.items, 1)
    )
    return Section(
        (
            heading("Your routine", H2, _WIDTH),
            paragraph(head, replace(BODY, weight="bold"), _WIDTH),
            *listed,
            paragraph(_warm_up_line(routine, catalog), replace(BODY, before=6), _WIDTH),
        )
    )


def _notes(trainer_notes: str) -> Section:
    if not trainer_notes.strip():
        return Section(())
    lines = wrap_text(trainer_notes.strip(), BODY, _WIDTH, NOTE_MAX_LINES)
    return Section((heading("Notes from your trainer", H2, _WIDTH), Lines(lines, BODY)))


def _cited(catalog: Catalog, source_ids: Sequence[str], width: float) -> Lines:
    names = "; ".join(catalog.sources[s].citation for s in dict.fromkeys(source_ids))
    return paragraph(f"Source: {names}", replace(SMALL, before=3), width)


def _safety(catalog: Catalog) -> Section:
    inner = _WIDTH - 2 * 0.14
    no_pain = catalog.guideline("no-pain")
    refer = catalog.guideline("seek-professional-guidance")
    blocks: tuple[Block, ...] = (
        heading("Stay safe", replace(H2, before=0, colour=_SAFETY_EDGE), inner),
        paragraph(no_pain.text, BODY, inner),
        heading("If you feel pain, numbness or tingling", H3, inner),
        paragraph(FLAG_GUIDANCE, BODY, inner),
        heading("See a healthcare professional if", H3, inner),
        *(item(row, BODY, inner) for row in refer.items),
        paragraph(refer.text, replace(BODY, before=4), inner),
        paragraph(
            "This handout is fitness guidance, not medical advice.", replace(H3, size=9.5), inner
        ),
        _cited(catalog, (*no_pain.sources, *refer.sources), inner),
    )
    spaced = Lines((), replace(BODY, before=12))
    return Section((spaced, Box(blocks, _SAFETY_FILL, _SAFETY_EDGE)), fresh=True)


def _while_stretching(catalog: Catalog) -> Section:
    blocks: list[Block] = [heading("While you stretch", H2, _WIDTH)]
    for guide_id in ("breathing", "communication", "gradual-progression"):
        guide = catalog.guideline(guide_id)
        blocks.append(heading(guide.title, H3, _WIDTH))
        blocks.append(paragraph(guide.text, BODY, _WIDTH))
        blocks.append(_cited(catalog, guide.sources, _WIDTH))
    return Section(tuple(blocks))


# --- One stretch -----------------------------------------------------------------------------

_LEFT = 3.35
_GAP = 0.25
_MAP_WIDTH = _WIDTH - _LEFT - _GAP
_MAP_HEIGHT = 2.3  # the map is about 1.43 times as wide as it is tall


@cache
def _muscle_map_png(stretch: Stretch, catalog: Catalog) -> bytes:
    names = {m.id: m.name for m in catalog.muscles.values()}
    fig = muscle_map_figure({t.muscle: t.role for t in stretch.targets}, names=names)
    png = figure_png(fig, dpi=_PICTURE_DPI)
    fig.clear()
    return png


def _prescription_box(entry: RoutineItem, width: float) -> Box:
    rx = entry.prescription
    inner = width - 2 * 0.14
    rest = f"Rest {rx.rest_s} s between holds. " if rx.rest_s else ""
    blocks = (
        paragraph(rx.text, RX, inner),
        paragraph("hold x repetitions", SMALL, inner),
        paragraph(
            f"{rest}Safe hold range for you: {rx.bounds.text}.", replace(BODY, before=3), inner
        ),
    )
    return Box(blocks, _RX_FILL, _RX_EDGE)


def _muscles(stretch: Stretch, catalog: Catalog, width: float) -> tuple[Block, ...]:
    rows = []
    for role in ROLES:
        names = [catalog.muscles[m].name for m in stretch.muscles(role)]
        if names:
            rows.append(item(f"{ROLE_LABELS[role]}: {', '.join(names)}", BODY, width))
    return (heading("Muscles", H3, width), *rows)


def _top_band(entry: RoutineItem, stretch: Stretch, catalog: Catalog) -> Row:
    left = (
        _prescription_box(entry, _LEFT),
        heading("Why it is in your routine", H3, _LEFT),
        paragraph(entry.why or stretch.purpose, BODY, _LEFT),
    )
    picture = Picture(partial(_muscle_map_png, stretch, catalog), _MAP_WIDTH, _MAP_HEIGHT)
    return Row(((_LEFT, left), (_MAP_WIDTH, (picture,))), _GAP)


def _take_care(entry: RoutineItem, stretch: Stretch) -> tuple[Block, ...]:
    rows = safety_notes(stretch, entry.cautions, "client")
    if not rows:
        return ()
    return (heading("Take care", H3, _WIDTH), *(item(row, BODY, _WIDTH) for row in rows))


def _role(title: str, role: str, position: str, width: float) -> tuple[Block, ...]:
    return (
        heading(title, H3, width),
        paragraph(role, BODY, width),
        paragraph(f"Position: {position}", replace(BODY, before=3), width),
    )


def _roles(stretch: Stretch) -> Row:
    half = (_WIDTH - _GAP) / 2
    client = _role("You (the client)", stretch.client_role, stretch.client_position, half)
    partner = _role("Your partner", stretch.partner_role, stretch.partner_position, half)
    return Row(((half, client), (half, partner)), _GAP)


_POSE_WIDTH = 3.6
"""The stretch's picture in the handout: its own width, so its labels print at their size."""


def _png_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, read from its header."""
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def _setup_picture(stretch: Stretch, number: int) -> tuple[Block, ...]:
    """Both people in the start and the stretched position, where the hands go and which way
    to push, under a heading (nothing when the stretch has no pose)."""
    if stretch.pose is None:
        return ()
    png = partial(stretch_picture_png, stretch, dpi=_PICTURE_DPI)
    width, height = _png_size(png())
    picture = Picture(png, _POSE_WIDTH, _POSE_WIDTH * height / width)
    title = heading(f"{number}. {stretch.name}: how to set it up", H3, _WIDTH)
    return (title, Lines((), replace(BODY, before=4)), picture)


def _steps_and_cues(stretch: Stretch) -> tuple[Block, ...]:
    steps = (item(step, BODY, _WIDTH, f"{n}.") for n, step in enumerate(stretch.steps, 1))
    cues = (item(cue, BODY, _WIDTH) for cue in stretch.cues)
    return (
        heading("Steps", H3, _WIDTH),
        *steps,
        heading("Say and ask during the stretch", H3, _WIDTH),
        *cues,
    )


def _source_line(stretch: Stretch, catalog: Catalog) -> Lines:
    line = f"Source: {catalog.source_of(stretch).citation}, stretch {stretch.article_number}."
    if stretch.reps_source != stretch.source:
        line += f" Repetitions: {catalog.sources[stretch.reps_source].citation}."
    return paragraph(line, replace(SMALL, before=8), _WIDTH)


def _stretch_section(number: int, entry: RoutineItem, catalog: Catalog) -> list[Section]:
    """A stretch's page: its hold, why, muscles, care and both roles; then how to set it up
    (the picture above the numbered steps), on the same page when both fit."""
    stretch = catalog.stretch(entry.stretch_id)
    also = (
        (paragraph(f"Also called: {stretch.also_called}", SMALL, _WIDTH),)
        if stretch.also_called
        else ()
    )
    about = (
        heading(f"{number}. {stretch.name}", STRETCH, _WIDTH),
        *also,
        Lines((), replace(BODY, before=6)),
        _top_band(entry, stretch, catalog),
        *_muscles(stretch, catalog, _WIDTH),
        *_take_care(entry, stretch),
        _roles(stretch),
    )
    setup = (
        *_setup_picture(stretch, number),
        *_steps_and_cues(stretch),
        _source_line(stretch, catalog),
    )
    return [Section(about, fresh=True), Section(setup, fresh=True)]


def _label(placed: Placed, number: int) -> str:
    """What a page shows, for progress messages: its headings, or 'Routine, page n'."""
    titles = [
        " ".join(block.lines)
        for block, _y in placed
        if isinstance(block, Lines) and block.keep and block.style.size >= H2.size
    ]
    return ", ".join(titles) if titles else f"Routine, page {number}"


def handout_pages(
    routine: Routine,
    catalog: Catalog,
    *,
    client_name: str,
    trainer_notes: str = "",
    made_on: date,
) -> list[Page]:
    """The routine handout as A4 pages, laid out now and drawn one by one when asked."""
    sections = [
        _cover(client_name, made_on),
        _summary(routine, catalog),
        _notes(trainer_notes),
        _safety(catalog),
        _while_stretching(catalog),
        *(part for n, i in enumerate(routine.items, 1) for part in _stretch_section(n, i, catalog)),
    ]
    footer = _footer_text(client_name, made_on)
    return [
        Page(_label(placed, n), partial(_draw_page, placed, footer))
        for n, placed in enumerate(paginate(sections), 1)
    ]


# --- Other pages -----------------------------------------------------------------------------


def _footer_text(client_name: str, made_on: date) -> str:
    return f"Your stretching routine \u00b7 {client_name} \u00b7 {_long_date(made_on)}"


def chart_picture(figure: Figure) -> bytes:
    """A chart as the PNG a report page shows (cropped, at print resolution)."""
    png = figure_png(figure, dpi=_PICTURE_DPI)
    figure.clear()
    return png


def _draw_chart_page(title: str, chart: PageFactory, footer: str) -> Figure:
    return _draw_picture_page(title, lambda: chart_picture(chart()), footer)


def _draw_picture_page(title: str, picture_png: Callable[[], bytes], footer: str) -> Figure:
    png = picture_png()
    rows, columns = _pixels(png).shape[:2]
    head = Lines(wrap_text(title, replace(H2, before=0), _WIDTH, 3), replace(H2, before=0))
    top = head.height + 0.2
    picture = Picture(partial(bytes, png), _WIDTH, min(_WIDTH * rows / columns, _HEIGHT - top))
    return _draw_page(((head, 0.0), (picture, top)), footer)


def chart_page(title: str, chart: PageFactory, *, client_name: str, made_on: date) -> Page:
    """An A4 page with a heading and the chart `chart()` draws, scaled to the page's width."""
    return Page(title, partial(_draw_chart_page, title, chart, _footer_text(client_name, made_on)))


def chart_picture_page(
    title: str, png: Callable[[], bytes], *, client_name: str, made_on: date
) -> Page:
    """`chart_page` for a chart already drawn: `png()` gives its `chart_picture` bytes."""
    footer = _footer_text(client_name, made_on)
    return Page(title, partial(_draw_picture_page, title, png, footer))


def _stamped(draw: PageFactory, stamp: str) -> Figure:
    fig = draw()
    page_w, page_h = fig.get_size_inches()
    _put_text(fig, page_w - _SIDE, page_h - _FOOTER_GAP, stamp, FOOTER, ha="right")
    return fig


def numbered(pages: Sequence[Page]) -> list[Page]:
    """The pages with 'Page n of N' drawn at the bottom right of each."""
    total = len(pages)
    return [
        Page(page.label, partial(_stamped, page.draw, f"Page {n} of {total}"))
        for n, page in enumerate(pages, 1)
    ]
