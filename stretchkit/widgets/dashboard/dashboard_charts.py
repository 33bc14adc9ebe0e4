"""The client dashboard's charts: which ones a client's page has, drawn as compact PNGs, or
taken as kept by the store when nothing they show has changed (then matplotlib is not even
imported: the drawing modules are imported only to draw)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from stretchkit.catalog import Catalog
from stretchkit.progress.chart_text import adherence_text, feel_text, hold_text, outcome_text
from stretchkit.services.chart_store import ChartShelf
from stretchkit.services.client_page import ClientPage
from stretchkit.store.values import KeptChart

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "CHART_SIZE",
    "FIRST_CHART",
    "chart_alts",
    "chart_makers",
    "chart_png",
    "dashboard_charts",
]

FIRST_CHART = "holds"
"""The chart the page shows first: hold durations over the weeks."""
CHART_SIZE = "dashboard"
"""How the dashboard draws its charts (the chart layout's size and DPI, 256 colours)."""


def chart_makers(page: ClientPage, catalog: Catalog) -> dict[str, Callable[[], Figure]]:
    """Each chart this client has data for, and how to draw it, in page order (none before
    the first session with a hold)."""
    from stretchkit.charts.feel_chart import feel_chart  # noqa: PLC0415 - only to draw
    from stretchkit.charts.progress_charts import (  # noqa: PLC0415
        adherence_chart,
        hold_chart,
        outcome_chart,
    )

    shown = page.progress
    if not shown.progress.sessions:
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
        makers["feel"] = lambda: feel_chart(shown.progress, shown.feel_weeks, cite=False)
    return makers


def _names(page: ClientPage) -> tuple[str, ...]:
    """The charts of `chart_makers`, by name, without importing what draws them."""
    shown = page.progress
    if not shown.progress.sessions:
        return ()
    names = [FIRST_CHART, "adherence"]
    names += ["outcomes"] if shown.measurements else []
    names += ["feel"] if shown.ratings else []
    return tuple(names)


def _alt_makers(page: ClientPage, catalog: Catalog) -> dict[str, Callable[[], str]]:
    shown = page.progress
    routine = page.plan.routine
    ids = routine.stretch_ids if routine is not None else ()
    return {
        FIRST_CHART: lambda: hold_text(shown.progress, catalog, ids),
        "adherence": lambda: adherence_text(shown.progress),
        "outcomes": lambda: outcome_text(shown.measurements),
        "feel": lambda: feel_text(shown.progress, shown.feel_weeks, shown.ratings),
    }


def chart_alts(page: ClientPage, catalog: Catalog) -> dict[str, str]:
    """What each of the page's charts shows, in words (its text alternative)."""
    return {name: make() for name, make in _alt_makers(page, catalog).items()}


def chart_png(figure: Figure) -> bytes:
    """A chart as a compact PNG: quick to send to a phone."""
    from stretchkit.charts import figure_png  # noqa: PLC0415 - only to draw
    from stretchkit.charts.chart_layout import CHART_DPI  # noqa: PLC0415

    return figure_png(figure, dpi=CHART_DPI, crop=False, palette=True)


def _drawer(page: ClientPage, catalog: Catalog, name: str) -> Callable[[], bytes]:
    return lambda: chart_png(chart_makers(page, catalog)[name]())


def dashboard_charts(
    shelf: ChartShelf,
    page: ClientPage,
    catalog: Catalog,
    *,
    only: tuple[str, ...] = (),
    skip: tuple[str, ...] = (),
) -> dict[str, KeptChart]:
    """The page's charts (`only` these, if given, less those to `skip`), in page order: as
    kept under the shelf's key, else drawn now and kept. Make the shelf before reading
    `page`."""
    alts = _alt_makers(page, catalog)
    return {
        name: shelf.chart(name, CHART_SIZE, _drawer(page, catalog, name), alts[name])
        for name in _names(page)
        if (not only or name in only) and name not in skip
    }
