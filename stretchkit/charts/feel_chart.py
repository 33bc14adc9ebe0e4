"""How the back feels beside how long the holds are: the mean hold per week over every stretch
(top), and the weekly mean stiffness and pain ratings on the 0-10 scale (bottom), with the
2-point band of the minimal clinically important difference around the first week.

Series carry gids (``mean-hold``, ``feel:stiffness``, ``feel:pain``, ``mcid-band``) so tests
and callers can read the data back.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from stretchkit.charts.chart_layout import FONT, TITLE_Y, as_dates, empty_figure, frame, style_axes
from stretchkit.charts.progress_charts import SIDE_STYLES, legend, legend_rows
from stretchkit.i18n import N_, _
from stretchkit.progress.back_feel import MCID_CITED, MCID_POINTS, FeelWeek
from stretchkit.progress.chart_text import mean_holds
from stretchkit.progress.weekly import Progress

__all__ = ["feel_chart"]

_STIFFNESS = SIDE_STYLES["left"]
_PAIN = SIDE_STYLES["right"]
_HOLD = "#009E73"  # bluish green
_NOTE_CHARS = 56
"""The footnote's line length: its lines end left of the date axis's year label."""
_SOURCE = N_("A change under 2 points is within measurement error")


def _hold_panel(ax: Axes, progress: Progress) -> None:
    weeks = as_dates([w.start for w in progress.weeks])
    held = [math.nan if h is None else h for h in mean_holds(progress)]
    ax.plot(
        weeks, held, color=_HOLD, marker="D", markersize=3.5, label=_("mean hold"), gid="mean-hold"
    )
    style_axes(ax, _("Hold (seconds)"))
    ax.set_ylim(bottom=0)
    ax.set_title(_("Mean hold, every stretch"), fontsize=FONT, loc="left", y=TITLE_Y)


def _feel_panel(ax: Axes, weeks: Sequence[FeelWeek]) -> None:
    days = as_dates([w.week for w in weeks])
    first = weeks[0].stiffness
    ax.fill_between(
        [days[0], max(days[-1], days[0] + 7)],
        max(0.0, first - MCID_POINTS),
        min(10.0, first + MCID_POINTS),
        color=_STIFFNESS.color,
        alpha=0.12,
        label=_("±2 points: within measurement error"),
        gid="mcid-band",
    )
    for style, measure, label, values in (
        (_STIFFNESS, "stiffness", _("back stiffness"), [w.stiffness for w in weeks]),
        (_PAIN, "pain", _("back pain"), [w.pain for w in weeks]),
    ):
        ax.plot(
            days,
            values,
            color=style.color,
            marker=style.marker,
            linestyle=style.linestyle,
            markersize=4,
            label=label,
            gid=f"feel:{measure}",
        )
    style_axes(ax, _("Rating (0-10)"))
    ax.set_ylim(0, 10)
    ax.set_title(_("How the back feels (0 none, 10 worst)"), fontsize=FONT, loc="left", y=TITLE_Y)


def feel_chart(progress: Progress, weeks: Sequence[FeelWeek], *, cite: bool = True) -> Figure:
    """Mean hold per week above the weekly stiffness and pain ratings, on one date axis; the
    footnote names the paper behind the 2-point change when `cite` (not on the client's page)."""
    title = _("How the back feels beside hold duration")
    if not weeks:
        return empty_figure(title, _("No back rating yet."))
    labels = [_("mean hold"), _("±2 points: within measurement error")]
    labels += [_("back stiffness"), _("back pain")]
    box = frame(2, 1.7, title=title, legend_rows=legend_rows(labels), shared_dates=True)
    if progress.weeks:
        _hold_panel(box.axes[0], progress)
    _feel_panel(box.axes[1], weeks)
    legend(box.figure, box.legend_top, box.axes)
    said = _(_SOURCE)
    note = textwrap.fill(f"{said} ({MCID_CITED})." if cite else f"{said}.", _NOTE_CHARS)
    box.figure.text(0.02, 0.005, note, fontsize=FONT - 3, ha="left", va="bottom")
    return box.figure
