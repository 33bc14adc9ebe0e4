"""The client's own page: their status, next session, a home session with the guided timer,
their progress charts and their routine, phone first."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from html import escape

import ipywidgets as w
from matplotlib.figure import Figure

from stretchkit.app.client_page import ClientPage, client_page
from stretchkit.app.client_status import ClientStatus, client_status
from stretchkit.catalog import Catalog
from stretchkit.charts import figure_png
from stretchkit.charts.chart_layout import CHART_DPI
from stretchkit.charts.progress_charts import adherence_chart, hold_chart, outcome_chart
from stretchkit.routine import Routine
from stretchkit.store import Store
from stretchkit.widgets.client_card import client_item_html, client_item_title
from stretchkit.widgets.dashboard_styles import dashboard_style
from stretchkit.widgets.html_parts import html_list
from stretchkit.widgets.session_timer import SessionTimer
from stretchkit.widgets.styles import style_widget

__all__ = ["ClientDashboard"]

_CHART_LAYOUT = {"width": "100%", "max_width": "640px", "height": "auto"}
_STATUS_CLASS = {"ok": "sk-status-cleared", "due": "sk-status-cleared-with-cautions"}


def _chart_image(name: str) -> w.Image:
    """An empty picture for a chart, hidden until drawn."""
    image = w.Image(format="png", layout=w.Layout(display="none", **_CHART_LAYOUT))
    image.add_class(f"sk-chart-{name}")
    return image


def _no_session_yet(page: ClientPage) -> str:
    """Why no session is planned, in the client's words (the trainer's reasons stay in the
    workbook)."""
    if not page.status.may_stretch:
        return "Not yet: see the note above."
    return "Your trainer has not planned your routine yet."


def _status_html(status: ClientStatus) -> str:
    css = _STATUS_CLASS.get(status.kind, "sk-status-do-not-stretch")
    return f'<div class="sk-banner {css} sk-dash-status">{escape(status.text)}</div>'


class ClientDashboard(w.VBox):  # type: ignore[misc]
    """One client's dashboard; `still_valid` is asked again before a home session starts,
    so a link revoked while the page is open cannot log anything. With `draw_now=False` the
    page is ready at once and `draw_charts()` fills the charts in later (e.g. in a thread
    while the browser loads the page)."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        client_id: int,
        *,
        muscle_maps: Mapping[str, bytes],
        today: Callable[[], date] = date.today,
        still_valid: Callable[[], bool] = lambda: True,
        draw_now: bool = True,
    ) -> None:
        self.store, self.catalog, self.today = store, catalog, today
        self.maps, self.still_valid = muscle_maps, still_valid
        self.page: ClientPage = client_page(store, catalog, client_id, today())
        self.timer: SessionTimer | None = None
        self.home_box = w.VBox().add_class("sk-home-box")
        self.home_message = w.HTML().add_class("sk-home-message")
        self.charts: dict[str, w.Image] = {}
        self._makers: dict[str, Callable[[], Figure]] = {}
        self.drawing_task: object = None  # the pending chart drawing, when drawn later
        self.drawing = w.HTML('<p class="sk-muted">Drawing your charts…</p>').add_class(
            "sk-dash-drawing"
        )
        super().__init__(
            [
                style_widget(),
                dashboard_style(),
                self._header(),
                *self._session_part(),
                *self._progress_part(),
                *self._routine_part(),
                w.HTML(
                    '<p class="sk-muted sk-dash-footer">A stretch should feel like a gentle pull, '
                    "never pain. This is fitness guidance, not medical advice.</p>"
                ),
            ]
        )
        self.add_class("sk-root")
        self.add_class("sk-dash")
        if draw_now:
            self.draw_charts()

    # -- parts --------------------------------------------------------------------------------

    def _header(self) -> w.VBox:
        page = self.page
        notes = (
            f'<div class="sk-dash-notes"><b>From your trainer:</b> {escape(page.trainer_notes)}'
            "</div>"
            if page.trainer_notes.strip()
            else ""
        )
        self.status = w.HTML(_status_html(page.status)).add_class("sk-dash-status-box")
        return w.VBox(
            [w.HTML(f'<h2 class="sk-dash-name">{escape(page.name)}</h2>{notes}'), self.status]
        ).add_class("sk-dash-header")

    def _session_part(self) -> list[w.Widget]:
        page = self.page
        nxt = page.next.text if page.next is not None else _no_session_yet(page)
        start = w.Button(
            description="Start a home session",
            icon="play",
            button_style="success",
            layout=w.Layout(width="auto"),
            disabled=not page.can_run_session,
        ).add_class("sk-home-start")
        if not page.can_run_session:
            start.layout.display = "none"
        start.on_click(lambda _b: self.start_home_session())
        self.start_button = start
        how = (
            "Run today's routine with your partner: the timer guides each hold, and every "
            "hold is saved for your trainer."
            if page.can_run_session
            else "A home session opens once your trainer has cleared you and planned a routine."
        )
        return [
            w.HTML(
                f'<h3>Next session</h3><p class="sk-dash-next">{escape(nxt)}</p>'
                f'<p class="sk-muted">{escape(how)}</p>'
            ),
            start,
            self.home_message,
            self.home_box,
        ]

    def _chart_makers(self) -> list[tuple[str, Callable[[], Figure]]]:
        """Each chart this client has data for, and how to draw it, in page order."""
        shown = self.page.progress
        routine = self.page.plan.routine
        ids = routine.stretch_ids if routine is not None else ()
        makers: list[tuple[str, Callable[[], Figure]]] = [
            ("holds", lambda: hold_chart(shown.progress, self.catalog, ids)),
            ("adherence", lambda: adherence_chart(shown.progress)),
        ]
        if shown.measurements:
            makers.append(("outcomes", lambda: outcome_chart(shown.measurements)))
        return makers if shown.progress.weeks else []

    def _progress_part(self) -> list[w.Widget]:
        shown = self.page.progress
        makers = self._chart_makers()
        self._makers = dict(makers)
        if not makers:
            return [
                w.HTML("<h3>Your progress</h3><p>Your progress shows here after a session.</p>")
            ]
        self.charts = {name: _chart_image(name) for name, _make in makers}
        parts: list[w.Widget] = [
            w.HTML(
                f'<h3>Your progress</h3><p class="sk-dash-summary">{escape(shown.summary)}.</p>'
            ),
            self.drawing,
            self.charts["holds"],
            self.charts["adherence"],
        ]
        if "outcomes" in self.charts:
            texts = [c.text for c in shown.changes] or [m.text for m in shown.measurements[-2:]]
            parts += [
                w.HTML(f"<h4>Field tests</h4>{html_list(texts)}").add_class("sk-dash-tests"),
                self.charts["outcomes"],
            ]
        return parts

    def draw_charts(self) -> None:
        """Draw each chart and show it as soon as it is drawn, hold durations first."""
        for name in self.charts:
            self.draw_chart(name)

    def draw_chart(self, name: str) -> None:
        """Draw one chart and show it."""
        image = self.charts[name]
        image.value = figure_png(self._makers[name](), dpi=CHART_DPI, crop=False)
        image.layout.display = ""
        self.drawing.layout.display = "none"

    def _routine_part(self) -> list[w.Widget]:
        routine = self.page.plan.routine
        if routine is None:
            return []
        cards = [self._card(routine, i) for i in range(len(routine.items))]
        steps = w.Accordion(
            cards,
            titles=tuple(client_item_title(routine, i, self.catalog) for i in range(len(cards))),
        ).add_class("sk-dash-routine")
        minutes = routine.budget_min
        return [
            w.HTML(
                f"<h3>Your routine</h3><p>{len(cards)} stretches, {routine.days_per_week} days a "
                f"week, about {minutes} minutes with a {routine.warm_up_min}-minute warm-up. "
                "Tap a stretch for the steps.</p>"
            ),
            steps,
        ]

    def _card(self, routine: Routine, index: int) -> w.Widget:
        stretch_id = routine.items[index].stretch_id
        picture = w.Image(
            value=self.maps.get(stretch_id, b""),
            format="png",
            layout=w.Layout(width="100%", max_width="420px", height="auto"),
        ).add_class("sk-muscle-map")
        return w.VBox([w.HTML(client_item_html(routine, index, self.catalog)), picture])

    # -- the home session ---------------------------------------------------------------------

    def start_home_session(self) -> None:
        """Open the guided timer on today's routine; its holds are saved as home holds."""
        plan = self.page.plan
        if not self.still_valid():
            self.home_message.value = '<p class="sk-error">This link is no longer valid.</p>'
            self.start_button.disabled = True
            return
        if plan.routine is None or not self.page.status.may_stretch:
            return
        self.timer = SessionTimer(
            self.store,
            self.page.client_id,
            plan.routine,
            self.catalog,
            routine_id=plan.routine_id,
            place="home",
            on_finish=lambda _t: self._home_finished(),
        )
        self.home_box.children = [self.timer]
        self.start_button.layout.display = "none"
        self.home_message.value = ""

    def _home_finished(self) -> None:
        """Thank the client, or after a flag say the trainer knows; the status follows."""
        page = self.page
        status = client_status(self.store, self.catalog, page.client_id, self.today())
        self.status.value = _status_html(status)
        flagged = self.timer is not None and self.timer.ended_status == "flagged"
        self.home_message.value = (
            '<p class="sk-error">Your trainer sees this flag in the workbook.</p>'
            if flagged
            else '<p class="sk-saved">Well done. Your trainer sees this session in the '
            "workbook.</p>"
        )
