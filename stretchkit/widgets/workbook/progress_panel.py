"""Progress over weeks: who needs attention today, then one client's charts, field tests,
report and history files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.errors import ValidationError
from stretchkit.file_names import file_stem
from stretchkit.i18n import _
from stretchkit.progress.attention import needs_attention
from stretchkit.progress.back_feel import (
    MCID_CITATION,
    MCID_READING,
    PAIN_THRESHOLD,
    PAIN_THRESHOLD_SOURCE,
)
from stretchkit.services.chart_store import ChartShelf
from stretchkit.services.client_progress import ClientProgress, client_progress
from stretchkit.services.client_report import (
    CHART_NAMES,
    client_pdf,
    kept_progress_charts,
    progress_charts,
)
from stretchkit.services.events import LINKS, ClientChanged
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.attention_html import attention_html
from stretchkit.views.html_parts import html_list
from stretchkit.widgets.kit.client_picker import ClientPicker
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.kit.panel import button
from stretchkit.widgets.kit.styles import style_widget
from stretchkit.widgets.workbook.chart_view import ChartView
from stretchkit.widgets.workbook.history_transfer import HistoryTransfer
from stretchkit.widgets.workbook.outcome_form import OutcomeForm
from stretchkit.widgets.workbook.report_download import ReportDownload, safe_filename

__all__ = ["CHARTS", "ProgressPanel"]

CHARTS = CHART_NAMES


def _pain_threshold() -> w.BoundedIntText:
    """The trainer's threshold: a back pain rating above it puts the client on the list."""
    return w.BoundedIntText(
        value=PAIN_THRESHOLD,
        min=0,
        max=10,
        description=_("List back pain above (0-10)"),
        style={"description_width": "auto"},
        tooltip=_("Default {threshold}: {source}").format(
            threshold=PAIN_THRESHOLD, source=_(PAIN_THRESHOLD_SOURCE)
        ),
        layout=w.Layout(width="260px"),
    ).add_class("sk-pain-threshold")


def _heading(tag: str, text: str) -> w.HTML:
    return w.HTML(f"<{tag}>{escape(text)}</{tag}>")


def _muted(text: str) -> str:
    return f"<p class='sk-muted'>{escape(text)}</p>"


class ProgressPanel(w.VBox):  # type: ignore[misc]
    """The trainer's progress page: the attention list, a client picker, and that client's
    summary, charts and field tests."""

    def __init__(
        self,
        store: ProgressStore,
        catalog: Catalog | None = None,
        today: Callable[[], date] = date.today,
        *,
        current: CurrentClient | None = None,
    ) -> None:
        self.store, self.catalog, self.today = store, catalog or default_catalog(), today
        self.current: ClientProgress | None = None
        self.shelf: ChartShelf | None = None
        self.attention = w.HTML().add_class("sk-attention-list")
        refresh = button(
            _("Refresh the list"), "sync", "sk-attention-refresh", self.refresh_attention
        )
        self.pain_threshold = _pain_threshold()
        self.pain_threshold.observe(lambda _c: self.refresh_attention(), "value")
        self.picker = ClientPicker(store, lambda _client: self.show_client(), current)
        self.summary = w.HTML().add_class("sk-progress-summary")
        self.charts = {name: ChartView(name) for name in CHARTS}
        self.changes = w.HTML().add_class("sk-outcome-changes")
        self.feel_changes = w.HTML().add_class("sk-feel-changes")
        events = None if current is None else current.events
        self.outcomes = OutcomeForm(store, today, self._measurement_saved, events)
        self.report = ReportDownload(
            self._build_report, "report", label=_("Build the client's PDF")
        )
        self.transfer = HistoryTransfer(
            store, lambda: self.picker.value, today, on_import=self._imported
        )
        self.client_box = w.VBox(self._client_parts())
        super().__init__(
            [
                style_widget(),
                _heading("h3", _("Needs attention")),
                self.attention,
                w.HBox([refresh, self.pain_threshold], layout=w.Layout(flex_flow="row wrap")),
                _heading("h3", _("Client")),
                self.picker,
                self.client_box,
            ]
        )
        self.add_class("sk-progress")
        self.refresh_attention()
        self.show_client()
        if current is not None:
            current.events.subscribe(self._changed)

    def _changed(self, change: ClientChanged) -> None:
        """A client changed elsewhere: the attention list and, for the chosen client, their
        progress show what the store has now (a new or revoked link changes neither)."""
        if change.what in LINKS:
            return
        self.refresh_attention()
        mine = change.client_id == self.picker.value and change.record
        if mine and change.what != "measured":  # a field test saved here redraws its chart
            self.show_client()

    def _client_parts(self) -> list[w.Widget]:
        record = w.Accordion([self.outcomes], titles=(_("Record a field test"),))
        record.add_class("sk-record-test")
        tests_title = _heading("h4", _("Field tests"))
        tests = [tests_title, self.changes, self.charts["outcomes"], record]
        feel_title = _heading("h4", _("How the back feels"))
        feel = [feel_title, self.feel_changes, self.charts["feel"]]
        columns = (
            [self.charts["holds"]],
            [self.charts["adherence"], self.charts["dose"], *tests, *feel],
        )
        grid = w.Box([w.VBox(c).add_class("sk-chart-column") for c in columns])
        report = escape(
            _(
                "The routine handout (steps for both partners, holds, muscle maps) followed by "
                "these charts."
            )
        )
        return [
            self.summary,
            grid.add_class("sk-chart-grid"),
            _heading("h4", _("Report for the client")),
            w.HTML(f"<p class='sk-muted'>{report}</p>"),
            self.report,
            w.Accordion([self.transfer], titles=(_("History as CSV (export, import)"),)),
        ]

    def _build_report(self, on_progress: Callable[[int, int, str], None]) -> bytes:
        """The chosen client's PDF (see stretchkit.services.client_report)."""
        if self.current is None:
            raise ValidationError("client", None, _("choose a client first"))
        return client_pdf(self.store, self.catalog, self.current, on_progress, self.shelf)

    def refresh_attention(self) -> None:
        """Recompute the attention list for today."""
        facts = self.store.overview.client_facts(self.today())
        threshold = self.pain_threshold.value
        listed = needs_attention(facts, self.today(), pain_threshold=threshold)
        self.attention.value = attention_html(listed, len(facts))

    def show_client(self) -> None:
        """Show the chosen client's progress (or hide the client part when none is chosen)."""
        client_id = self.picker.value
        self.outcomes.client_id = client_id
        if client_id is None:
            self.current = None
            self.client_box.layout.display = "none"
            return
        self.client_box.layout.display = ""
        if self.current is None or self.current.client_id != client_id:
            self.transfer.reset()  # the last import's result stays while it is news
        today = self.today()
        self.shelf = ChartShelf(self.store, self.catalog, client_id, today)  # before the data
        self.current = client_progress(self.store, self.catalog, client_id, today)
        self.report.filename = safe_filename(f"{self.current.name} {self.current.today}")
        self.report.link.value = self.report.error.value = ""
        self._draw(self.current)

    def _imported(self) -> None:
        """An imported history changes this client's progress here and on the other tabs."""
        client_id = self.picker.value
        if client_id is not None and self.picker.current is not None:
            self.picker.announce(client_id, "history imported")  # redrawn by `_changed`
        else:
            self.show_client()

    def _measurement_saved(self) -> None:
        """A new field test changes only the field tests: reload those, redraw their chart."""
        if self.current is None:
            return
        client_id = self.current.client_id
        self.shelf = ChartShelf(self.store, self.catalog, client_id, self.current.today)
        saved = self.store.measurements.of_client(client_id)
        self.current = replace(self.current, measurements=tuple(s.measurement for s in saved))
        self._draw(self.current, only=("outcomes",))

    def _draw(self, shown: ClientProgress, only: tuple[str, ...] = CHARTS) -> None:
        self.summary.value = (
            f"<p class='sk-big'>{escape(shown.name)}</p><p>{escape(shown.summary)}</p>"
        )
        slug = f"{file_stem(shown.name)}-{shown.today.isoformat()}"
        charts = progress_charts(shown, self.catalog)
        makers = {name: make for name, (_title, make) in zip(CHARTS, charts, strict=True)}
        if self.shelf is not None:
            kept = kept_progress_charts(self.shelf, shown, self.catalog, "workbook", only)
            for name, chart in kept.items():
                self.charts[name].show_png(chart.png, makers[name], f"{slug}-{name}", chart.alt)
        moved = [c.text for c in shown.changes]
        self.changes.value = html_list(moved) or _muted(_("Measure a test twice to see a change."))
        feel = [c.text for c in shown.feel_changes]
        error = escape(_("Measurement error: {source} ({reading}).")).format(
            source=f"<cite>{escape(MCID_CITATION)}</cite>", reading=escape(_(MCID_READING))
        )
        self.feel_changes.value = (
            html_list(feel) or _muted(_("Two back ratings show a change."))
        ) + f"<p class='sk-source'>{error}</p>"
