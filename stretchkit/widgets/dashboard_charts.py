"""The client dashboard's charts: which ones a client's page has, drawn as compact PNGs."""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.figure import Figure

from stretchkit.catalog import Catalog
from stretchkit.charts import figure_png
from stretchkit.charts.chart_layout import CHART_DPI
from stretchkit.charts.feel_chart import feel_chart
from stretchkit.charts.progress_charts import adherence_chart, hold_chart, outcome_chart
from stretchkit.progress.chart_text import adherence_text, feel_text, hold_text, outcome_text
from stretchkit.services.client_page import ClientPage

__all__ = ["FIRST_CHART", "chart_alts", "chart_makers", "chart_png"]

FIRST_CHART = "holds"
"""The chart the page shows first: hold durations over the weeks."""


def chart_makers(page: ClientPage, catalog: Catalog) -> dict[str, Callable[[], Figure]]:
    """Each chart this client has data for, and how to draw it, in page order (none before
    the first session)."""
    shown = page.progress
    if not shown.progress.weeks:
        return {}
    routine = page.plan.routine
    ids = routine.stretch_ids if routine is not None else ()
    makers: dict[str, Callable[[], Figure]] = {
        FIRST_CHART: lambda: hold_chart(shown.progress, catalog, ids),
        "adherence": lambda: adherence_chart(shown.progress),
    }
    if shown.measurements:
        makers["outcomes"] = lambda: outcome_chart(shown.measurements)
    if shown.ratings:
        makers["feel"] = lambda: feel_chart(shown.progress, shown.feel_weeks)
    return makers


def chart_alts(page: ClientPage, catalog: Catalog) -> dict[str, str]:
    """What each of the page's charts shows, in words (its text alternative)."""
    shown = page.progress
    routine = page.plan.routine
    ids = routine.stretch_ids if routine is not None else ()
    return {
        FIRST_CHART: hold_text(shown.progress, catalog, ids),
        "adherence": adherence_text(shown.progress),
        "outcomes": outcome_text(shown.measurements),
        "feel": feel_text(shown.progress, shown.feel_weeks, shown.ratings),
    }


def chart_png(figure: Figure) -> bytes:
    """A chart as a compact PNG: quick to send to a phone."""
    return figure_png(figure, dpi=CHART_DPI, crop=False, palette=True)
