"""The client's PDF: their routine with today's targets (as the next session would run it),
then their progress charts. Refused, with the reason, while the client cannot stretch."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from matplotlib.figure import Figure

from stretchkit.catalog import Catalog
from stretchkit.charts import figure_png
from stretchkit.charts.chart_layout import CHART_DPI
from stretchkit.charts.feel_chart import feel_chart
from stretchkit.charts.progress_charts import adherence_chart, dose_chart, hold_chart, outcome_chart
from stretchkit.errors import ValidationError
from stretchkit.i18n import N_, _, current_language, use_language
from stretchkit.progress.chart_text import (
    adherence_text,
    dose_text,
    feel_text,
    hold_text,
    outcome_text,
)
from stretchkit.reports import client_report
from stretchkit.reports.handout import chart_picture
from stretchkit.services.access_record import logged
from stretchkit.services.chart_store import ChartShelf
from stretchkit.services.client_progress import ClientProgress
from stretchkit.services.todays_plan import todays_plan
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.values import KeptChart

__all__ = [
    "CHART_NAMES",
    "CHART_TITLES",
    "ChartMaker",
    "chart_texts",
    "client_pdf",
    "hold_panels",
    "kept_progress_charts",
    "progress_charts",
]

ChartMaker = Callable[[], Figure]
CHART_TITLES = (
    N_("Hold duration over weeks"),
    N_("Sessions per week"),
    N_("Weekly stretch dose"),
    N_("Field tests"),
    N_("How the back feels beside hold duration"),
)
"""The progress charts, in the order the workbook and the report show them (in English:
`progress_charts` gives them in the current language)."""
CHART_NAMES = ("holds", "adherence", "dose", "outcomes", "feel")
"""The same charts by name (as the store keeps them)."""
_RENDER: dict[str, Callable[[Figure], bytes]] = {
    "workbook": lambda figure: figure_png(figure, dpi=CHART_DPI, crop=False),
    "pdf": chart_picture,
}
"""How each use draws a chart to PNG: the workbook's picture, the report page's."""


def progress_charts(shown: ClientProgress, catalog: Catalog) -> list[tuple[str, ChartMaker]]:
    """Each progress chart's heading (in the current language) and how to draw it (the
    chart's words in the language current when it is drawn), in CHART_TITLES order."""
    makers: list[ChartMaker] = [
        lambda: hold_chart(shown.progress, catalog),
        lambda: adherence_chart(shown.progress),
        lambda: dose_chart(shown.progress),
        lambda: outcome_chart(shown.measurements),
        lambda: feel_chart(shown.progress, shown.feel_weeks),
    ]
    return list(zip((_(title) for title in CHART_TITLES), makers, strict=True))


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


def _rendered(render: Callable[[Figure], bytes], make: ChartMaker) -> bytes:
    return render(make())


def kept_progress_charts(
    shelf: ChartShelf,
    shown: ClientProgress,
    catalog: Catalog,
    size: str,
    only: tuple[str, ...] = CHART_NAMES,
) -> dict[str, KeptChart]:
    """The progress charts (`only` these) drawn for `size` ('workbook' or 'pdf'), as kept
    under the shelf's key, else drawn now and kept; `shown` was read after the shelf."""
    render = _RENDER[size]
    texts: dict[str, str] = {}

    def alt(name: str) -> str:
        if not texts:
            texts.update(zip(CHART_NAMES, chart_texts(shown, catalog), strict=True))
        return texts[name]

    return {
        name: shelf.chart(name, size, partial(_rendered, render, make), partial(alt, name))
        for name, (_title, make) in zip(CHART_NAMES, progress_charts(shown, catalog), strict=True)
        if name in only
    }


@logged("pdf-exported", client="shown.client_id")
def client_pdf(
    store: ProgressStore,
    catalog: Catalog,
    shown: ClientProgress,
    on_progress: Callable[[int, int, str], None] | None = None,
    shelf: ChartShelf | None = None,
) -> bytes:
    """The PDF for the client whose progress is `shown`: the routine handout with today's
    targets, then the progress charts (as kept on `shelf`, made before `shown` was read,
    when given); a client who cannot stretch today gets none."""
    today = todays_plan(store, catalog, shown.client_id, shown.today)
    if today.routine is None:
        raise ValidationError("routine", shown.name, today.message)
    client = store.clients.get(shown.client_id)
    with use_language(client.details.language or current_language()):  # the client's own
        return client_report(
            today.routine,
            catalog,
            client_name=shown.name,
            made_on=shown.today,
            trainer_notes=client.details.client_note,
            charts=_report_charts(shown, catalog, shelf),
            on_progress=on_progress,
            drawn=True,
        )


def _kept_picture(shelf: ChartShelf, shown: ClientProgress, catalog: Catalog, name: str) -> bytes:
    return kept_progress_charts(shelf, shown, catalog, "pdf", (name,))[name].png


def _stretch_hold_picture(shown: ClientProgress, catalog: Catalog, stretch_id: str) -> bytes:
    return chart_picture(hold_chart(shown.progress, catalog, (stretch_id,)))


def hold_panels(shown: ClientProgress, catalog: Catalog) -> tuple[Callable[[], bytes], ...]:
    """The hold chart for the report as one picture per stretch held (none before a hold),
    so each prints wide enough to read."""
    if not shown.progress.holds:
        return ()
    held = dict.fromkeys(stretch_id for stretch_id, _side in shown.progress.keys)
    return tuple(partial(_stretch_hold_picture, shown, catalog, sid) for sid in held)


ReportChart = tuple[str, Callable[[], bytes]] | tuple[str, tuple[Callable[[], bytes], ...]]


def _report_charts(
    shown: ClientProgress, catalog: Catalog, shelf: ChartShelf | None
) -> list[ReportChart]:
    """Each chart's heading and its report picture, kept on the shelf when there is one; the
    hold chart as one panel per stretch once there are holds."""
    makers = progress_charts(shown, catalog)
    charts: list[ReportChart] = (
        [(title, partial(_rendered, chart_picture, make)) for title, make in makers]
        if shelf is None
        else [
            (title, partial(_kept_picture, shelf, shown, catalog, name))
            for name, (title, _make) in zip(CHART_NAMES, makers, strict=True)
        ]
    )
    panels = hold_panels(shown, catalog)
    return [(_(CHART_TITLES[0]), panels), *charts[1:]] if panels else charts
