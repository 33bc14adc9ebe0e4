"""The client's PDF: their routine with today's targets (as the next session would run it),
then their progress charts. Refused, with the reason, while the client cannot stretch."""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.figure import Figure

from stretchkit.catalog import Catalog
from stretchkit.charts.feel_chart import feel_chart
from stretchkit.charts.progress_charts import adherence_chart, dose_chart, hold_chart, outcome_chart
from stretchkit.errors import ValidationError
from stretchkit.progress.chart_text import (
    adherence_text,
    dose_text,
    feel_text,
    hold_text,
    outcome_text,
)
from stretchkit.reports import client_report
from stretchkit.services.client_progress import ClientProgress
from stretchkit.services.todays_plan import todays_plan
from stretchkit.store.protocol import ProgressStore

__all__ = ["CHART_TITLES", "ChartMaker", "chart_texts", "client_pdf", "progress_charts"]

ChartMaker = Callable[[], Figure]
CHART_TITLES = (
    "Hold duration over weeks",
    "Sessions per week",
    "Weekly stretch dose",
    "Field tests",
    "How the back feels beside hold duration",
)
"""The progress charts, in the order the workbook and the report show them."""


def progress_charts(shown: ClientProgress, catalog: Catalog) -> list[tuple[str, ChartMaker]]:
    """Each progress chart's heading and how to draw it, in CHART_TITLES order."""
    makers: list[ChartMaker] = [
        lambda: hold_chart(shown.progress, catalog),
        lambda: adherence_chart(shown.progress),
        lambda: dose_chart(shown.progress),
        lambda: outcome_chart(shown.measurements),
        lambda: feel_chart(shown.progress, shown.feel_weeks),
    ]
    return list(zip(CHART_TITLES, makers, strict=True))


def chart_texts(shown: ClientProgress, catalog: Catalog) -> tuple[str, ...]:
    """What each progress chart shows, in words (its text alternative), in CHART_TITLES
    order."""
    return (
        hold_text(shown.progress, catalog),
        adherence_text(shown.progress),
        dose_text(shown.progress),
        outcome_text(shown.measurements),
        feel_text(shown.progress, shown.feel_weeks, shown.ratings),
    )


def client_pdf(
    store: ProgressStore,
    catalog: Catalog,
    shown: ClientProgress,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> bytes:
    """The PDF for the client whose progress is `shown`: the routine handout with today's
    targets, then the progress charts; a client who cannot stretch today gets none."""
    today = todays_plan(store, catalog, shown.client_id, shown.today)
    if today.routine is None:
        raise ValidationError("routine", shown.name, today.message)
    client = store.clients.get(shown.client_id)
    return client_report(
        today.routine,
        catalog,
        client_name=shown.name,
        made_on=shown.today,
        trainer_notes=client.details.notes,
        charts=progress_charts(shown, catalog),
        on_progress=on_progress,
    )
