"""Progress charts: hold duration over weeks, adherence, weekly dose and outcome measures.

Only matplotlib's object API is used. Colours come from the Okabe-Ito palette and every series
also differs by marker or line style, so the charts read in colour-blind vision and in greyscale.
Each drawn series carries a gid (``hold:<stretch>:<side>``, ``target:<stretch>:<side>``,
``cut:<stretch>:<side>`` (holds cut short, hollow markers), ``sessions``, ``planned``, ``dose``,
``guidance``, ``measure:<test>:<side>``,
``error-band:<test>:<side>``, ``flag-week``) so tests and callers can read the data back.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import numpy.typing as npt
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from stretchkit.catalog import Catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.charts.chart_layout import (
    FONT,
    TITLE_Y,
    as_dates,
    empty_figure,
    frame,
    style_axes,
)
from stretchkit.i18n import N_, _, current_language, pgettext
from stretchkit.i18n.formatting import format_percent
from stretchkit.planning.prescription import SIDE_TEXT, Side
from stretchkit.plurals import counted
from stretchkit.progress.outcomes import Measurement, field_test, series
from stretchkit.progress.weekly import HoldWeek, Progress

__all__ = [
    "SIDE_STYLES",
    "SideStyle",
    "adherence_chart",
    "dose_chart",
    "hold_chart",
    "legend",
    "legend_rows",
    "outcome_chart",
]


@dataclass(frozen=True)
class SideStyle:
    """How one side's series is drawn: colour, marker and line style all differ."""

    color: str
    marker: str
    linestyle: str


SIDE_STYLES: dict[Side, SideStyle] = {
    "": SideStyle("#009E73", "D", "-"),  # bluish green
    "left": SideStyle("#0072B2", "o", "-"),  # blue
    "right": SideStyle("#D55E00", "s", "--"),  # vermillion
}
_TARGET = "#444444"
_FLAG = "#CC79A7"  # reddish purple
_MET = "#56B4E9"  # sky blue
_BELOW = "#E69F00"  # orange
_HOLD_ROW_IN = 1.7
_SIDE_LEGEND_ROOM = 1.45
"""How much higher than its lines a sided panel's y axis reaches: room for its legend."""
_LEGEND_CHARS = 36
"""A figure legend's line length: a longer label (some languages say more) wraps, so two
columns still fit the chart's width."""
_MEASURES = (N_("Reach"), N_("Rotation"))
"""What the field tests measure (`FieldTest.measure`), for the catalogue: drawn translated."""


def _sided(side: Side, alone: str, with_side: str) -> str:
    """A label in the current language: `alone` (a message) for a stretch done once, else
    `with_side` (a message with a {side} placeholder) naming the side."""
    if not side:
        return _(alone)
    return _(with_side).format(side=pgettext("side", side))


def legend(fig: Figure, top: float, axes: Sequence[Axes], extra: Sequence[Patch] = ()) -> None:
    """One legend for the figure, under its title, from the labelled artists of `axes`."""
    found: dict[str, Artist] = {}
    for ax in axes:
        handles, labels = ax.get_legend_handles_labels()
        found.update(
            (label, h) for h, label in zip(handles, labels, strict=True) if label not in found
        )
    found.update((str(p.get_label()), p) for p in extra)
    handles, labels = list(found.values()), list(found)
    if not handles:
        return
    fig.legend(
        handles,
        [textwrap.fill(label, _LEGEND_CHARS) for label in labels],
        loc="upper left",
        bbox_to_anchor=(0.01, top),
        ncols=2,
        fontsize=FONT - 2,
        frameon=False,
        handlelength=2.4,
    )


def legend_rows(labels: Sequence[str]) -> int:
    """The rows a figure legend of these labels takes in its two columns, a label that
    wraps taking one more."""
    return -(-len(labels) // 2) + sum(len(label) > _LEGEND_CHARS for label in labels)


def _flag_patch(progress: Progress) -> tuple[Patch, ...]:
    if not progress.flag_weeks():
        return ()
    return (Patch(color=_FLAG, alpha=0.35, label=_("week with a pain flag")),)


def _mark_flags(ax: Axes, progress: Progress) -> None:
    for monday in progress.flag_weeks():
        start, end = as_dates([monday, monday + timedelta(days=7)])
        ax.axvspan(float(start), float(end), color=_FLAG, alpha=0.35, gid="flag-week")


def _hold_lines(ax: Axes, progress: Progress, stretch_id: str, side: Side) -> None:
    weeks = as_dates([w.start for w in progress.weeks])
    data = progress.series(stretch_id, side)
    style = SIDE_STYLES[side]
    ax.plot(
        weeks,
        [math.nan if h is None else h.target_s for h in data],
        drawstyle="steps-mid",
        color=_TARGET,
        linestyle=":" if side == "right" else "-.",
        linewidth=1.2,
        label=_sided(side, N_("target"), N_("target, {side}")),
        gid=f"target:{stretch_id}:{side}",
    )
    ax.plot(
        weeks,
        [math.nan if h is None or h.mean_held_s is None else h.mean_held_s for h in data],
        color=style.color,
        marker=style.marker,
        linestyle=style.linestyle,
        markersize=3.5,
        linewidth=1.8,
        label=_sided(side, N_("mean hold"), N_("mean hold, {side}")),
        gid=f"hold:{stretch_id}:{side}",
    )
    _cut_marks(ax, weeks, data, side, f"cut:{stretch_id}:{side}")


def _cut_marks(
    ax: Axes, weeks: npt.NDArray[np.float64], data: Sequence[HoldWeek | None], side: Side, gid: str
) -> None:
    """Holds cut short, as hollow markers at their weekly mean, joined by no line: drawn, but
    apart from the completed holds that make progress (nothing when none was cut short)."""
    cut = [math.nan if h is None or h.mean_cut_s is None else h.mean_cut_s for h in data]
    if all(math.isnan(v) for v in cut):
        return
    style = SIDE_STYLES[side]
    ax.plot(
        weeks,
        cut,
        color=style.color,
        marker=style.marker,
        markerfacecolor="white",
        markeredgewidth=1.4,
        markersize=5,
        linestyle="none",
        label=_sided(
            side, N_("hold cut short (not counted)"), N_("hold cut short, {side} (not counted)")
        ),
        gid=gid,
    )


def _side_legend(ax: Axes) -> None:
    """A panel of a stretch done per side names its sides in a legend of its own, in room
    kept free above the lines (left side in the first column, right in the second)."""
    ax.set_ylim(0, ax.get_ylim()[1] * _SIDE_LEGEND_ROOM)
    ax.legend(
        loc="upper left",
        ncols=2,
        fontsize=FONT - 3,
        frameon=False,
        handlelength=2.2,
        borderaxespad=0.2,
    )


def hold_chart(progress: Progress, catalog: Catalog, stretch_ids: Sequence[str] = ()) -> Figure:
    """Mean hold per week against the target, one panel per stretch held (in the order of
    `stretch_ids`, when given; a stretch not held yet has no empty panel; both sides where sided),
    each panel with its dates; weeks without holds are gaps in the lines, weeks with a pain
    flag are shaded. The lines are the completed holds; holds cut short are hollow markers.
    The figure's legend explains the lines of stretches done once; a stretch done per side
    has its own legend naming the sides."""
    logged = list(dict.fromkeys(k[0] for k in progress.keys))
    wanted = [sid for sid in stretch_ids if sid in logged] or logged
    title = _("Hold duration over weeks")
    if not wanted or not progress.holds:
        return empty_figure(title, _("No holds logged yet."))
    sided = {sid for sid, side in progress.keys if side and sid in wanted}
    once = [sid for sid in wanted if sid not in sided]
    cut_once = any(h.cut_short for h in progress.holds if h.stretch_id in once)
    labels = [_("target"), _("mean hold")] if once else []
    labels += [_("hold cut short (not counted)")] if cut_once else []
    labels += [str(p.get_label()) for p in _flag_patch(progress)]
    rows = legend_rows(labels)
    box = frame(len(wanted), _HOLD_ROW_IN, title=title, legend_rows=rows, shared_dates=True)
    for ax, stretch_id in zip(box.axes, wanted, strict=True):
        for side in [side for sid, side in progress.keys if sid == stretch_id] or [""]:
            _hold_lines(ax, progress, stretch_id, side)
        _mark_flags(ax, progress)
        style_axes(ax, _("Hold (seconds)"))
        ax.set_ylim(bottom=0)
        if stretch_id in sided:
            _side_legend(ax)
        name = catalog_text(catalog.stretch(stretch_id).name)
        name = _("{stretch}, each side").format(stretch=name) if stretch_id in sided else name
        ax.set_title(name, fontsize=FONT, loc="left", y=TITLE_Y)
    once_axes = [ax for ax, sid in zip(box.axes, wanted, strict=True) if sid not in sided]
    legend(box.figure, box.legend_top, once_axes, _flag_patch(progress))
    return box.figure


def adherence_chart(progress: Progress) -> Figure:
    """Sessions done per week as bars (hatched orange below plan), the plan as a step line."""
    title = _("Sessions per week")
    if not progress.sessions:
        return empty_figure(title, _("No session yet."))
    box = frame(1, 2.0, title=title)
    ax = box.axes[0]
    weeks = as_dates([w.start + timedelta(days=3) for w in progress.weeks])
    below = [w.below_plan for w in progress.weeks]
    bars = ax.bar(
        weeks,
        [w.sessions for w in progress.weeks],
        width=5.5,
        color=[_BELOW if b else _MET for b in below],
        gid="sessions",
    )
    for bar, is_below in zip(bars, below, strict=True):
        bar.set_hatch("///" if is_below else "")
    planned = [math.nan if w.planned is None else w.planned for w in progress.weeks]
    plan = _("planned")
    ax.plot(weeks, planned, drawstyle="steps-mid", color="#000000", label=plan, gid="planned")
    style_axes(ax, _("Sessions"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(_adherence_title(progress), fontsize=FONT, loc="left", y=TITLE_Y)
    patches = (
        Patch(color=_MET, label=_("plan met")),
        Patch(facecolor=_BELOW, hatch="///", label=_("below plan")),
    )
    legend(box.figure, box.legend_top, [ax], patches)
    return box.figure


def _adherence_title(progress: Progress) -> str:
    planned = sum(w.planned or 0 for w in progress.weeks)
    done = sum(w.sessions for w in progress.weeks)
    if not planned:
        return _("{sessions} done").format(sessions=counted(done, "session"))
    said = _("{done} of {planned} done ({percent})")
    percent = format_percent(done / planned)
    return said.format(done=done, planned=counted(planned, "planned session"), percent=percent)


def dose_chart(progress: Progress) -> Figure:
    """Seconds held per stretch and side each week, against ACSM's weekly guidance."""
    title = _("Weekly stretch dose")
    if not progress.holds:
        return empty_figure(title, _("No holds logged yet."))
    box = frame(1, 2.0, title=title)
    ax, guide = box.axes[0], progress.guidance
    weeks = as_dates([w.start + timedelta(days=3) for w in progress.weeks])
    dose = [math.nan if v is None else v for v in progress.dose()]
    ax.plot(weeks, dose, color="#0072B2", marker="o", markersize=3.5, label=_("held per stretch"))
    ax.get_lines()[-1].set_gid("dose")
    ax.axhline(guide.weekly_s, color="#000000", linestyle="--", linewidth=1.2, gid="guidance")
    about = _("about {seconds} s x {days}+ days")
    ax.get_lines()[-1].set_label(about.format(seconds=guide.per_session_s, days=guide.days))
    style_axes(ax, _("Seconds (each side)"))
    ax.set_ylim(bottom=0)
    source = _("Guidance: {source}").format(source=guide.source)
    ax.set_title(textwrap.fill(source, 58), fontsize=FONT - 2, loc="left", y=TITLE_Y)
    legend(box.figure, box.legend_top, [ax])
    return box.figure


def _outcome_series(ax: Axes, test_id: str, side: Side, measured: Sequence[Measurement]) -> None:
    test, style = field_test(test_id), SIDE_STYLES[side]
    days = as_dates([m.measured_on for m in measured])
    base = measured[0].value
    ax.fill_between(
        [days[0], max(days[-1], days[0] + 7)],
        base - test.mdc,
        base + test.mdc,
        color=style.color,
        alpha=0.15,
        gid=f"error-band:{test_id}:{side}",
        label=_error_label(test_id),
    )
    ax.plot(
        days,
        [m.value for m in measured],
        color=style.color,
        marker=style.marker,
        linestyle=style.linestyle,
        markersize=5,
        label=_(SIDE_TEXT[side]) if side else _("result"),
        gid=f"measure:{test_id}:{side}",
    )


def _error_label(test_id: str) -> str:
    """'±5.6° seated thoracic rotation error': a test's measurement error, in the legend."""
    test = field_test(test_id)
    said = _("±{error} {test} error")
    return said.format(error=test.value_text(test.mdc), test=_lowered(_(test.name)))


def _lowered(name: str) -> str:
    """A name in the middle of a label: lower case, except in German (nouns keep their
    capital there)."""
    return name if current_language() == "de" else name.lower()


def _same_range(axes: Sequence[Axes]) -> None:
    """The panels of one test's sides share one value range, so left and right compare."""
    low = min(ax.get_ylim()[0] for ax in axes)
    high = max(ax.get_ylim()[1] for ax in axes)
    for ax in axes:
        ax.set_ylim(low, high)


def outcome_chart(measurements: Sequence[Measurement]) -> Figure:
    """Each field test over time, with a band of ± the test's minimal detectable change
    around the first result: points inside it are within measurement error. A test done per
    side has a panel per side (on one value range), so that the two sides' bands never
    overlap into one block on a small screen."""
    groups = series(measurements)
    title = _("Field tests (shaded: measurement error)")
    if not groups:
        return empty_figure(_("Field tests"), _("No field tests recorded yet."))
    sides = {side for _test, side in groups}
    labels = [_error_label(test) for test in dict.fromkeys(test for test, _side in groups)]
    labels += [_(SIDE_TEXT[side]) if side else _("result") for side in sides]
    rows = legend_rows(labels)
    box = frame(len(groups), 1.7, title=title, legend_rows=rows, shared_dates=True)
    panels: dict[str, list[Axes]] = {}
    for ax, ((test_id, side), measured) in zip(box.axes, groups.items(), strict=True):
        test = field_test(test_id)
        _outcome_series(ax, test_id, side, measured)
        style_axes(ax, f"{_(test.measure)} ({test.unit})")
        where = f", {_(SIDE_TEXT[side])}" if side else ""
        ax.set_title(f"{_(test.name)}{where}", fontsize=FONT, loc="left", y=TITLE_Y)
        panels.setdefault(test_id, []).append(ax)
    for axes in panels.values():
        _same_range(axes)
    legend(box.figure, box.legend_top, box.axes)
    return box.figure
