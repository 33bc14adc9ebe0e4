"""Progress charts: the drawn data equals the weekly figures; gaps break lines; PNG and PDF."""

from __future__ import annotations

import io
import math
from datetime import UTC, date, datetime, timedelta

import numpy as np
from matplotlib.collections import FillBetweenPolyCollection, PolyCollection
from matplotlib.dates import num2date
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from PIL import Image, ImageChops

from stretchkit.catalog import Catalog
from stretchkit.charts import figure_pdf, figure_png
from stretchkit.charts.progress_charts import (
    adherence_chart,
    dose_chart,
    hold_chart,
    outcome_chart,
)
from stretchkit.progress.chart_text import hold_text
from stretchkit.progress.history import History, HoldRecord, PlanPeriod, SessionRecord
from stretchkit.progress.outcomes import Measurement
from stretchkit.progress.weekly import DoseGuidance, Progress, weekly_progress
from stretchkit.session.log import HoldEntry

MONDAY = date(2026, 3, 2)
ROTATION = "seated-thoracic-rotation"
FLEXION = "seated-lower-back-flexion"


def _session(day: date, held: int, *, flagged: bool = False) -> SessionRecord:
    start = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    holds = (
        HoldRecord(start, HoldEntry(ROTATION, "left", 1, 1, 25, held)),
        HoldRecord(start, HoldEntry(ROTATION, "right", 1, 1, 27, held + 2)),
        HoldRecord(start, HoldEntry(FLEXION, "", 1, 1, 20, 20, flagged=flagged)),
    )
    return SessionRecord(start, status="flagged" if flagged else "completed", holds=holds)


def _progress() -> Progress:
    """Weeks 1, 2 and 4 have sessions, week 3 is a gap, week 4 has a pain flag."""
    sessions = (
        _session(MONDAY, 25),
        _session(MONDAY + timedelta(days=2), 29),
        _session(MONDAY + timedelta(weeks=1), 30),
        _session(MONDAY + timedelta(weeks=3), 31, flagged=True),
    )
    return weekly_progress(
        History(sessions),
        (PlanPeriod(MONDAY, 2),),
        today=MONDAY + timedelta(weeks=3, days=2),
        guidance=DoseGuidance(60, 2, "ACSM"),
    )


def _line(fig: Figure, gid: str) -> Line2D:
    found = [line for ax in fig.axes for line in ax.get_lines() if line.get_gid() == gid]
    assert len(found) == 1, gid
    return found[0]


def _ydata(fig: Figure, gid: str) -> list[float]:
    return [float(v) for v in np.asarray(_line(fig, gid).get_ydata(), dtype=float)]


def _same(got: list[float], wanted: list[float]) -> bool:
    pairs = zip(got, wanted, strict=True)
    return all((math.isnan(g) and math.isnan(w)) or g == w for g, w in pairs)


def test_the_hold_chart_draws_each_side_and_its_target_with_gaps(catalog: Catalog) -> None:
    """One panel per stretch; the left, right and unsided means and targets are the weekly
    figures, and the gap week is a break in the line (NaN), never a zero."""
    fig = hold_chart(_progress(), catalog)
    nan = math.nan
    assert _same(_ydata(fig, f"hold:{ROTATION}:left"), [27.0, 30.0, nan, 31.0])
    assert _same(_ydata(fig, f"hold:{ROTATION}:right"), [29.0, 32.0, nan, 33.0])
    assert _same(_ydata(fig, f"target:{ROTATION}:right"), [27.0, 27.0, nan, 27.0])
    assert _same(_ydata(fig, f"hold:{FLEXION}:"), [20.0, 20.0, nan, 20.0])
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles == [f"{catalog.stretch(ROTATION).name}, each side", catalog.stretch(FLEXION).name]
    assert all(ax.get_ylabel() == "Hold (seconds)" for ax in fig.axes)
    dates = [num2date(x).date() for x in _line(fig, f"hold:{ROTATION}:left").get_xdata()]
    assert dates == [MONDAY + timedelta(weeks=i) for i in range(4)]


def test_the_flag_week_is_shaded_on_the_hold_chart(catalog: Catalog) -> None:
    """The week with a pain flag is marked on every panel, and the legend explains it."""
    fig = hold_chart(_progress(), catalog)
    spans = [p for ax in fig.axes for p in ax.patches if p.get_gid() == "flag-week"]
    assert len(spans) == 2
    labels = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert "week with a pain flag" in labels


def _legend_labels(legend: Legend | None) -> set[str]:
    return {t.get_text() for t in legend.get_texts()} if legend is not None else set()


def test_the_hold_charts_legends_name_sides_only_for_stretches_done_per_side(
    catalog: Catalog,
) -> None:
    """The figure's legend explains the lines of the stretch done once, with no side; the
    panel of the stretch done per side has its own legend naming both sides, above its
    lines; the other panel has none."""
    fig = hold_chart(_progress(), catalog)
    (figure_legend,) = fig.legends
    assert _legend_labels(figure_legend) == {"target", "mean hold", "week with a pain flag"}
    rotation, flexion = fig.axes
    assert _legend_labels(rotation.get_legend()) == {
        "target, left",
        "mean hold, left",
        "target, right",
        "mean hold, right",
    }
    assert flexion.get_legend() is None
    highest = max(max(_ydata(fig, f"hold:{ROTATION}:{side}")) for side in ("left", "right"))
    assert rotation.get_ylim()[1] >= 1.4 * highest  # room for the legend above the lines


def _cut_progress() -> Progress:
    """A 50 s hold completed in week 1, stopped at 10 s in week 2 and skipped at 2 s in week 3
    (with a completed hold beside the skipped one)."""
    sessions = []
    for weeks, held in ((0, (50,)), (1, (10,)), (2, (50, 2))):
        start = datetime.combine(MONDAY + timedelta(weeks=weeks), datetime.min.time(), UTC)
        holds = tuple(HoldRecord(start, HoldEntry(FLEXION, "", 1, 2, 50, h)) for h in held)
        sessions.append(SessionRecord(start, holds=holds))
    return weekly_progress(
        History(tuple(sessions)),
        (PlanPeriod(MONDAY, 2),),
        today=MONDAY + timedelta(weeks=2, days=2),
        guidance=DoseGuidance(60, 2, "ACSM"),
    )


def test_holds_cut_short_are_hollow_markers_apart_from_the_progress_line(
    catalog: Catalog,
) -> None:
    """The line of progress stays at the completed 50 s holds (a gap in the week of the hold
    stopped at 10 s, never a collapse to 10 s); the holds cut short are drawn apart as hollow
    markers with no line, and the legend and the text alternative say they are not counted."""
    progress = _cut_progress()
    fig = hold_chart(progress, catalog)
    nan = math.nan
    assert _same(_ydata(fig, f"hold:{FLEXION}:"), [50.0, nan, 50.0])
    assert _same(_ydata(fig, f"cut:{FLEXION}:"), [nan, 10.0, 2.0])
    cut = _line(fig, f"cut:{FLEXION}:")
    assert cut.get_linestyle() == "None"
    assert cut.get_markerfacecolor() != cut.get_markeredgecolor()
    assert "hold cut short (not counted)" in _legend_labels(fig.legends[0])
    said = hold_text(progress, catalog)
    name = catalog.stretch(FLEXION).name
    assert f"{name}: 50 s in March 2026 to 50 s now, target 50 s" in said
    assert "2 holds cut short (hollow markers) are not counted" in said


def test_every_panel_of_a_stacked_chart_shows_its_dates(catalog: Catalog) -> None:
    """Each panel of the hold chart and of the field-test chart labels its own dates (a
    panel read alone on a phone still says when), all on one date range."""
    ms = [
        Measurement("thoracic-rotation", side, value, MONDAY + timedelta(weeks=weeks))
        for side in ("left", "right")
        for value, weeks in ((40, 0), (47, 8))
    ] + [Measurement("sit-and-reach", "", 12, MONDAY)]
    for fig in (hold_chart(_progress(), catalog), outcome_chart(ms)):
        fig.canvas.draw()
        assert len(fig.axes) >= 2
        for ax in fig.axes:
            shown = [t.get_text() for t in ax.get_xticklabels() if t.get_visible()]
            assert len([t for t in shown if t]) >= 2, shown
        assert len({ax.get_xlim() for ax in fig.axes}) == 1


def test_sides_differ_by_colour_and_by_marker_or_line_style(catalog: Catalog) -> None:
    """Left and right can be told apart without colour (greyscale, colour-blind vision)."""
    fig = hold_chart(_progress(), catalog)
    left, right = _line(fig, f"hold:{ROTATION}:left"), _line(fig, f"hold:{ROTATION}:right")
    assert left.get_color() != right.get_color()
    assert (left.get_marker(), left.get_linestyle()) != (right.get_marker(), right.get_linestyle())


def test_the_adherence_chart_shows_sessions_against_the_plan() -> None:
    """Bars are the sessions done per week (0 in the gap week), the step line the plan, and
    weeks below plan are hatched."""
    fig = adherence_chart(_progress())
    (ax,) = fig.axes
    bars = [p for p in ax.patches if p.get_height() is not None]
    assert [p.get_height() for p in bars] == [2, 1, 0, 1]
    assert [bool(p.get_hatch()) for p in bars] == [False, True, True, True]
    assert _ydata(fig, "planned") == [2.0, 2.0, 2.0, 2.0]
    assert ax.get_title(loc="left") == "4 of 8 planned sessions done (50%)"
    assert ax.get_ylabel() == "Sessions"


def test_the_dose_chart_compares_weekly_seconds_with_the_guidance() -> None:
    """Mean weekly seconds per stretch and side, a gap in the empty week, guidance at 120 s."""
    fig = dose_chart(_progress())
    assert _same(_ydata(fig, "dose"), [(54 + 58 + 40) / 3, (30 + 32 + 20) / 3, math.nan, 28.0])
    assert _ydata(fig, "guidance") == [120.0, 120.0]
    assert "ACSM" in fig.axes[0].get_title(loc="left")


def test_the_outcome_chart_draws_a_measurement_error_band_around_the_first_result() -> None:
    """Each side's results over time, and a band of ± the MDC around the first result."""
    ms = [
        Measurement("thoracic-rotation", "left", 40, MONDAY),
        Measurement("thoracic-rotation", "left", 47, MONDAY + timedelta(weeks=8)),
        Measurement("sit-and-reach", "", 12, MONDAY),
    ]
    fig = outcome_chart(ms)
    assert _ydata(fig, "measure:thoracic-rotation:left") == [40.0, 47.0]
    (band,) = [
        c
        for ax in fig.axes
        for c in ax.collections
        if c.get_gid() == "error-band:thoracic-rotation:left"
    ]
    assert isinstance(band, PolyCollection | FillBetweenPolyCollection)
    ys = band.get_paths()[0].vertices[:, 1]
    assert (float(ys.min()), float(ys.max())) == (40 - 5.6, 40 + 5.6)
    assert [ax.get_ylabel() for ax in fig.axes] == ["Reach (cm)", "Rotation (°)"]


def test_the_field_test_chart_gives_each_side_its_own_panel_on_one_range() -> None:
    """A test done per side: a panel per side, each with only its own band (no two bands
    overlap into one block on a phone), on the same value range so the sides compare; the
    legend names the sides and each test's error once."""
    ms = [
        Measurement("thoracic-rotation", side, value + shift, MONDAY + timedelta(weeks=weeks))
        for side, shift in (("left", 0), ("right", -3))
        for value, weeks in ((33, 0), (36, 6), (44, 12))
    ]
    fig = outcome_chart(ms)
    left, right = fig.axes
    assert [ax.get_title(loc="left") for ax in fig.axes] == [
        "Seated thoracic rotation, left side",
        "Seated thoracic rotation, right side",
    ]
    for ax, side in ((left, "left"), (right, "right")):
        bands = [c.get_gid() for c in ax.collections if str(c.get_gid()).startswith("error")]
        assert bands == [f"error-band:thoracic-rotation:{side}"]
    assert left.get_ylim() == right.get_ylim()
    (legend,) = fig.legends
    assert _legend_labels(legend) == {
        "left side",
        "right side",
        "±5.6° seated thoracic rotation error",
    }


def test_charts_without_data_say_so_instead_of_drawing_empty_axes(catalog: Catalog) -> None:
    """A new client gets a sentence, not a blank grid."""
    empty = weekly_progress(History(), (), today=MONDAY, guidance=DoseGuidance(60, 2, "ACSM"))
    for fig in (
        hold_chart(empty, catalog),
        adherence_chart(empty),
        dose_chart(empty),
        outcome_chart([]),
    ):
        assert not fig.axes
        assert any("yet" in t.get_text() for t in fig.texts)


def test_charts_export_as_png_and_pdf(catalog: Catalog) -> None:
    """The same figure saves as a PNG for the screen and a PDF for print."""
    fig = hold_chart(_progress(), catalog)
    assert figure_png(fig, crop=False).startswith(b"\x89PNG")
    assert figure_pdf(fig, crop=False).startswith(b"%PDF")


def test_a_palette_png_is_the_same_picture_in_far_fewer_bytes(catalog: Catalog) -> None:
    """For phones: 256 colours, under half the bytes, same size, and no pixel far off."""
    fig = hold_chart(_progress(), catalog)
    full = figure_png(fig, crop=False)
    small = figure_png(fig, crop=False, palette=True)
    assert len(small) < len(full) / 2
    with Image.open(io.BytesIO(full)) as a, Image.open(io.BytesIO(small)) as b:
        assert b.mode == "P" and a.size == b.size
        diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
        assert max(high for _low, high in diff.getextrema()) < 48
