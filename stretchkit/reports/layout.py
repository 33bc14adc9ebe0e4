"""A small typesetting engine for A4 pages drawn with matplotlib: text wrapped to its column
and measured, blocks (lines, pictures, rows of columns, boxes on a panel) flowed onto pages,
and each page drawn only when it is asked for.

It knows nothing of what the pages say. Text never runs off a page: it is wrapped to its
column, or cut with an ellipsis after a given number of lines. Only matplotlib's object API is
used, with the font, sizes and colours given explicitly.
"""

from __future__ import annotations

import io
import struct
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, partial
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.image import imread
from matplotlib.patches import Rectangle
from matplotlib.textpath import text_to_path

from stretchkit.i18n import _

__all__ = [
    "ACCENT",
    "BODY",
    "ELLIPSIS",
    "FONT",
    "FOOTER",
    "H2",
    "H3",
    "HEIGHT",
    "INK",
    "MUTED",
    "PAGE_SIZE",
    "SMALL",
    "SUBTITLE",
    "TITLE",
    "WIDTH",
    "Block",
    "Box",
    "Lines",
    "Page",
    "PageFactory",
    "Picture",
    "Placed",
    "Row",
    "Section",
    "Style",
    "blank_page",
    "draw_page",
    "heading",
    "headings",
    "item",
    "numbered",
    "paginate",
    "paragraph",
    "picture_page",
    "png_size",
    "spacer",
    "wrap_text",
]

PageFactory = Callable[[], Figure]
PAGE_SIZE = (8.27, 11.69)
"""A4 portrait, in inches."""
FONT = "DejaVu Sans"
"""The font of every text (it ships with matplotlib, so it is always there)."""
ELLIPSIS = "\u2026"
_SIDE, _TOP, _BOTTOM = 0.7, 0.7, 0.95
WIDTH = PAGE_SIZE[0] - 2 * _SIDE
"""The text column's width in inches."""
HEIGHT = PAGE_SIZE[1] - _TOP - _BOTTOM
"""The text column's height in inches."""
_FOOTER_GAP = 0.5
INK, MUTED, ACCENT = "#1d1d1d", "#555555", "#0b4f6c"
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
    colour: str = INK
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


TITLE = Style(24, "bold", ACCENT)
SUBTITLE = Style(14)
H2 = Style(14, "bold", ACCENT, before=14)
H3 = Style(10.5, "bold", ACCENT, before=8)
BODY = Style(9.5)
SMALL = Style(8.5, colour=MUTED)
FOOTER = Style(8, colour=MUTED)


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
    for _attempt in range(50):
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


def spacer(points: float) -> Lines:
    """Empty space of `points` points."""
    return Lines((), replace(BODY, before=points))


def png_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, read from its header."""
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


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


def paginate(sections: Sequence[Section], height: float = HEIGHT) -> list[Placed]:
    """The blocks of the sections flowed onto pages of `height` inches."""
    flow = _Flow(height)
    for section in sections:
        flow.section(section)
    return [tuple(page) for page in flow.pages if page]


def headings(placed: Placed, style: Style) -> list[str]:
    """The page's headings at least as large as `style`, each as one line of text."""
    return [
        " ".join(block.lines)
        for block, _y in placed
        if isinstance(block, Lines) and block.keep and block.style.size >= style.size
    ]


# --- Drawing ---------------------------------------------------------------------------------


def blank_page() -> Figure:
    """An empty white A4 page."""
    return Figure(figsize=PAGE_SIZE, dpi=100, facecolor="white", edgecolor="white")


def put_text(fig: Figure, x: float, y: float, line: str, style: Style, *, ha: str = "left") -> None:
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
            put_text(fig, x, baseline, block.marker, block.style)
        put_text(fig, x + indent, baseline, line, block.style)


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
    line = wrap_text(footer, FOOTER, WIDTH * 0.7, max_lines=1)
    put_text(fig, _SIDE, PAGE_SIZE[1] - _FOOTER_GAP, line[0] if line else "", FOOTER)


def draw_page(placed: Placed, footer: str) -> Figure:
    """A page with its placed blocks and its footer."""
    fig = blank_page()
    for block, y in placed:
        _draw_block(fig, block, _SIDE, _TOP + y, WIDTH)
    _footer(fig, footer)
    return fig


def picture_page(title: str, png: bytes, footer: str) -> Figure:
    """A page with a heading and a PNG scaled to the column's width (at most its height)."""
    rows, columns = _pixels(png).shape[:2]
    top_style = replace(H2, before=0)
    head = Lines(wrap_text(title, top_style, WIDTH, 3), top_style)
    top = head.height + 0.2
    picture = Picture(partial(bytes, png), WIDTH, min(WIDTH * rows / columns, HEIGHT - top))
    return draw_page(((head, 0.0), (picture, top)), footer)


def _stamped(draw: PageFactory, stamp: str) -> Figure:
    fig = draw()
    page_w, page_h = fig.get_size_inches()
    put_text(fig, page_w - _SIDE, page_h - _FOOTER_GAP, stamp, FOOTER, ha="right")
    return fig


def numbered(pages: Sequence[Page]) -> list[Page]:
    """The pages with 'Page n of N' drawn at the bottom right of each."""
    total, said = len(pages), _("Page {n} of {total}")
    return [
        Page(page.label, partial(_stamped, page.draw, said.format(n=n, total=total)))
        for n, page in enumerate(pages, 1)
    ]
