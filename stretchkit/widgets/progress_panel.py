"""Progress over weeks: who needs attention today, then one client's charts, field tests,
report and history files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.app.client_progress import ClientProgress, client_progress
from stretchkit.attention import needs_attention
from stretchkit.catalog import Catalog, default_catalog
from stretchkit.charts.progress_charts import adherence_chart, dose_chart, hold_chart, outcome_chart
from stretchkit.store import Store
from stretchkit.widgets.attention_view import attention_html
from stretchkit.widgets.chart_view import ChartView
from stretchkit.widgets.client_picker import ClientPicker
from stretchkit.widgets.html_parts import html_list
from stretchkit.widgets.outcome_form import OutcomeForm
from stretchkit.widgets.styles import style_widget

__all__ = ["CHARTS", "ProgressPanel"]

CHARTS = ("holds", "adherence", "dose", "outcomes")


def _slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.casefold()).split())


class ProgressPanel(w.VBox):  # type: ignore[misc]
    """The trainer's progress page: the attention list, a client picker, and that client's
    summary, charts and field tests."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store, self.catalog, self.today = store, catalog or default_catalog(), today
        self.current: ClientProgress | None = None
        self.attention = w.HTML().add_class("sk-attention-list")
        refresh = w.Button(
            description="Refresh the list", icon="sync", layout=w.Layout(width="auto")
        )
        refresh.add_class("sk-attention-refresh")
        refresh.on_click(lambda _b: self.refresh_attention())
        self.picker = ClientPicker(store, lambda _client: self.show_client())
        self.summary = w.HTML().add_class("sk-progress-summary")
        self.charts = {name: ChartView(name) for name in CHARTS}
        self.changes = w.HTML().add_class("sk-outcome-changes")
        self.outcomes = OutcomeForm(store, today, self.show_client)
        self.client_box = w.VBox(self._client_parts())
        super().__init__(
            [
                style_widget(),
                w.HTML("<h3>Needs attention</h3>"),
                self.attention,
                refresh,
                w.HTML("<h3>Client</h3>"),
                self.picker,
                self.client_box,
            ]
        )
        self.add_class("sk-progress")
        self.refresh_attention()
        self.show_client()

    def _client_parts(self) -> list[w.Widget]:
        record = w.Accordion([self.outcomes], titles=("Record a field test",))
        return [
            self.summary,
            self.charts["holds"],
            self.charts["adherence"],
            self.charts["dose"],
            w.HTML("<h4>Field tests</h4>"),
            self.changes,
            self.charts["outcomes"],
            record,
        ]

    def refresh_attention(self) -> None:
        """Recompute the attention list for today."""
        facts = self.store.overview.client_facts(self.today())
        self.attention.value = attention_html(needs_attention(facts, self.today()), len(facts))

    def show_client(self) -> None:
        """Show the chosen client's progress (or hide the client part when none is chosen)."""
        client_id = self.picker.value
        self.outcomes.client_id = client_id
        if client_id is None:
            self.current = None
            self.client_box.layout.display = "none"
            return
        self.client_box.layout.display = ""
        self.current = client_progress(self.store, self.catalog, client_id, self.today())
        self._draw(self.current)

    def _draw(self, shown: ClientProgress) -> None:
        self.summary.value = (
            f"<p class='sk-big'>{escape(shown.name)}</p><p>{escape(shown.summary)}</p>"
        )
        slug = f"{_slug(shown.name)}-{shown.today.isoformat()}"
        figures = {
            "holds": hold_chart(shown.progress, self.catalog),
            "adherence": adherence_chart(shown.progress),
            "dose": dose_chart(shown.progress),
            "outcomes": outcome_chart(shown.measurements),
        }
        for name, fig in figures.items():
            self.charts[name].show(fig, f"{slug}-{name}")
        texts = [c.text for c in shown.changes]
        self.changes.value = (
            html_list(texts) or "<p class='sk-muted'>Measure a test twice to see a change.</p>"
        )
