"""Report pain, numbness, tingling or weakness "during or after stretching", once a session has
ended: the trainer on the screening screen, the client on their dashboard. The form only shows
what `stretchkit.services.symptom_report` says; the report ends the client's screening."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.errors import StretchkitError
from stretchkit.i18n import N_, _
from stretchkit.screening.symptoms import SYMPTOM_TEXT, SYMPTOMS
from stretchkit.services.symptom_report import Reporter, report_symptoms
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.html_parts import error_html
from stretchkit.widgets.kit.panel import button

__all__ = ["SymptomReportForm"]

_ASK = {
    "trainer": N_("What did the client feel during or after stretching? Tick each one."),
    "client": N_("What did you feel during or after stretching? Tick each one."),
}
_SEND = {"trainer": N_("Report after a session"), "client": N_("Send to my trainer")}


class SymptomReportForm(w.VBox):  # type: ignore[misc]
    """A tick for each symptom, an optional note and a button that reports them for the client
    `client()` gives; `on_reported` is called once a report is saved."""

    def __init__(
        self,
        store: ProgressStore,
        client: Callable[[], int | None],
        by: Reporter,
        *,
        today: Callable[[], date] = date.today,
        link_valid: Callable[[], bool] = lambda: True,
        on_reported: Callable[[], None] = lambda: None,
    ) -> None:
        self.store, self.client, self.by, self.today = store, client, by, today
        self.link_valid, self.on_reported = link_valid, on_reported
        self.ticks = {
            s: w.Checkbox(
                description=_(SYMPTOM_TEXT[s]), indent=False, layout=w.Layout(width="auto")
            ).add_class(f"sk-symptom-{s}")
            for s in SYMPTOMS
        }
        self.detail = w.Text(
            description=_("What happened"),
            placeholder=_("optional: when, where, how long"),
            style={"description_width": "initial"},
            layout=w.Layout(width="100%", max_width="420px"),
        ).add_class("sk-symptom-detail")
        self.send = button(_(_SEND[by]), "exclamation", "sk-symptom-send", self.report, "warning")
        self.message = w.HTML().add_class("sk-symptom-message")
        row = w.HBox(list(self.ticks.values()), layout=w.Layout(flex_flow="row wrap"))
        super().__init__(
            [w.HTML(f"<b>{escape(_(_ASK[by]))}</b>"), row, self.detail, self.send, self.message]
        )
        self.add_class("sk-symptom-report")

    def report(self) -> None:
        """Report the ticked symptoms; say what happens now, or why nothing was saved."""
        client = self.client()
        if client is None:
            self.message.value = error_html(_("Choose a client first."))
            return
        chosen = [s for s, tick in self.ticks.items() if tick.value]
        try:
            said = report_symptoms(
                self.store,
                client,
                chosen,
                self.today(),
                self.by,
                detail=self.detail.value,
                link_valid=self.link_valid,
            )
        except StretchkitError as e:
            self.message.value = error_html(_(str(e)))
            return
        for tick in self.ticks.values():
            tick.value = False
        self.detail.value = ""
        self.message.value = f'<p class="sk-saved">{escape(_(said))}</p>'
        self.on_reported()
