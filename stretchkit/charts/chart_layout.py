"""The shared frame of the progress charts: fixed margins in inches, date axes, fonts, and
dates and numbers on the axes written the reader's way ('2 Nov', '2 nov', '2. Nov.'; '2.5',
'2,5'), with Babel's locale data.

Margins are set by hand rather than by a layout engine: drawing a chart then takes one pass,
which keeps a client's charts quick to show.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import numpy.typing as npt
from babel.dates import format_skeleton
from matplotlib.axes import Axes
from matplotlib.dates import MONTHLY, AutoDateLocator, date2num, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, Formatter

from stretchkit.i18n import current_language, language_or_default
from stretchkit.i18n.formatting import format_number, locale_of

__all__ = [
    "CHART_DPI",
    "FONT",
    "TITLE_Y",
    "WIDTH_IN",
    "Frame",
    "LocalDates",
    "LocalNumbers",
    "as_dates",
    "empty_figure",
    "frame",
    "style_axes",
]

CHART_DPI = 130
"""Screen resolution of the charts: 4.6 in make about 600 px, shown no wider so they stay sharp."""
WIDTH_IN = 4.6
"""Figure width: about a phone screen at the rendering resolution, still fine on a laptop."""
FONT = 11
TITLE_Y = 1.0
"""Panel titles sit just above their axes. Said outright, so matplotlib does not measure
every tick label to place them (over half of a many-panel chart's drawing time)."""
_LEFT_IN, _RIGHT_IN, _BOTTOM_IN = 0.7, 0.15, 0.55
_TITLE_IN, _LEGEND_ROW_IN, _PANEL_TITLE_IN = 0.4, 0.24, 0.42
_SHORT_RANGE_DAYS = 84
"""Data over fewer days than this gets ticks on Mondays (see `_short_dates`)."""
_SHORTEST_DAYS = 21
_PANEL_GAP_IN = 0.85
"""Between panels: the date labels and year of one panel and the title of the next."""


@dataclass(frozen=True)
class Frame:
    """A figure with its panels stacked top to bottom, and where its legend goes."""

    figure: Figure
    axes: tuple[Axes, ...]
    legend_top: float
    """Figure fraction just below the title, where the legend's top edge goes."""


def frame(
    rows: int, row_in: float, *, title: str, legend_rows: int = 1, shared_dates: bool = False
) -> Frame:
    """A figure of `rows` panels of `row_in` inches each, under a title and a legend. With
    `shared_dates` the panels share one date range (small multiples read side by side); every
    panel labels its own dates, so a panel read alone on a phone still says when."""
    top_in = _TITLE_IN + legend_rows * _LEGEND_ROW_IN + _PANEL_TITLE_IN
    gap_in = _PANEL_GAP_IN
    height = top_in + rows * row_in + (rows - 1) * gap_in + _BOTTOM_IN
    fig = Figure(figsize=(WIDTH_IN, height))
    fig.subplots_adjust(
        left=_LEFT_IN / WIDTH_IN,
        right=1 - _RIGHT_IN / WIDTH_IN,
        top=1 - top_in / height,
        bottom=_BOTTOM_IN / height,
        hspace=gap_in / row_in,
    )
    fig.suptitle(title, fontsize=FONT + 1, x=0.02, ha="left", y=1 - 0.08 / height, va="top")
    axes = fig.subplots(rows, 1, squeeze=False, sharex=shared_dates)[:, 0]
    for ax in axes:
        ax.xaxis.set_tick_params(labelbottom=True)
    return Frame(fig, tuple(axes), 1 - _TITLE_IN / height)


def empty_figure(title: str, message: str) -> Figure:
    """A small figure that says there is nothing to draw yet."""
    fig = Figure(figsize=(WIDTH_IN, 1.4))
    fig.suptitle(title, fontsize=FONT + 1, x=0.02, ha="left")
    fig.text(0.5, 0.4, message, ha="center", va="center", fontsize=FONT)
    return fig


class LocalDates(Formatter):
    """Date ticks in the reader's language: '2 Nov', '2 nov', '2. Nov.' (or the month alone
    when every tick is a month's first day, the year alone when each is a year's), with the
    year under the last tick of each year (at the right: a footnote may take the left)."""

    def __init__(self, language: str) -> None:
        self.locale = locale_of(language)

    def __call__(self, x: float, pos: int | None = None) -> str:
        """One date in full: '2 Nov 2026'."""
        return format_skeleton("yMMMd", _day(x), locale=self.locale)

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        days = [_day(v) for v in values]
        if days and all(d.month == 1 and d.day == 1 for d in days):
            return [format_skeleton("y", d, locale=self.locale) for d in days]
        skeleton = "MMM" if all(d.day == 1 for d in days) else "dMMM"
        labels = []
        for n, day in enumerate(days):
            label = format_skeleton(skeleton, day, locale=self.locale)
            if n == len(days) - 1 or day.year != days[n + 1].year:
                label += "\n" + format_skeleton("y", day, locale=self.locale)
            labels.append(label)
        return labels


class LocalNumbers(Formatter):
    """Value ticks in the reader's language: '2.5', '2,5', '1,000', '1.000'."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, x: float, pos: int | None = None) -> str:
        return format_number(x, self.language, digits=2)


def _day(value: float) -> date:
    found: datetime = num2date(value)  # type: ignore[no-untyped-call]
    return found.date()


def _short_dates(ax: Axes, low: float, high: float, language: str) -> None:
    """A few weeks of data: at least three weeks shown, ticks on Mondays (never an axis
    stretched over years around a single point)."""
    first = math.floor(low) - (math.floor(low) + 3) % 7  # day 0 of matplotlib's dates: a Thursday
    end = max(high + 4, first + _SHORTEST_DAYS)
    ax.set_xlim(first - 1, end)
    step = 7 * max(1, math.ceil((end - first) / 7 / 4))
    ax.xaxis.set_major_locator(FixedLocator([float(t) for t in np.arange(first, end, step)]))
    ax.xaxis.set_major_formatter(LocalDates(language))


def _data_dates(ax: Axes) -> tuple[float, float]:
    """The first and last date drawn on the panel and on those sharing its dates (which
    share its ticks too); (0, inf) when none has data."""
    found = [
        (float(a.dataLim.x0), float(a.dataLim.x1))
        for a in ax.get_shared_x_axes().get_siblings(ax)
        if math.isfinite(a.dataLim.x0) and math.isfinite(a.dataLim.x1)
    ]
    if not found:
        return 0.0, math.inf
    return min(low for low, _ in found), max(high for _, high in found)


def _date_ticks(ax: Axes, language: str) -> None:
    """Mondays for a short range of data, else dates matplotlib picks (with a yearly step
    of months, so no range is left without a fitting interval)."""
    low, high = _data_dates(ax)
    if high - low < _SHORT_RANGE_DAYS:
        _short_dates(ax, low, high, language)
        return
    locator = AutoDateLocator(minticks=3, maxticks=6)  # type: ignore[no-untyped-call]
    locator.intervald[MONTHLY] = [1, 2, 3, 4, 6, 12]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(LocalDates(language))


def style_axes(ax: Axes, ylabel: str, language: str | None = None) -> None:
    """Date ticks (call it once the data is drawn) and value ticks written in `language`
    (else the current one), a y label with its unit, light grid lines, no box."""
    chosen = language_or_default(language or current_language())
    _date_ticks(ax, chosen)
    ax.yaxis.set_major_formatter(LocalNumbers(chosen))
    ax.set_ylabel(ylabel, fontsize=FONT)
    ax.tick_params(labelsize=FONT - 1)
    ax.grid(visible=True, color="#E4E4E4", linewidth=0.8)
    ax.spines[["top", "right"]].set_visible(False)


def as_dates(days: Sequence[date]) -> npt.NDArray[np.float64]:
    """Days as matplotlib's date numbers."""
    return np.asarray(date2num(list(days)), dtype=np.float64)  # type: ignore[no-untyped-call]
