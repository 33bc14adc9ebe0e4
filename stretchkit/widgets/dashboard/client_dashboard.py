"""The client's own page: their status, next session, a home session with the guided timer,
their progress charts and their routine, phone first."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from html import escape
from typing import Any

import ipywidgets as w

from stretchkit.catalog import Catalog
from stretchkit.i18n import _
from stretchkit.planning.routine import Routine
from stretchkit.progress.back_feel import BackRating, rating_due
from stretchkit.services.chart_store import ChartShelf
from stretchkit.services.client_page import ClientPage, client_page
from stretchkit.services.guided_session import LINK_REVOKED
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.values import KeptChart
from stretchkit.views.client_card_html import client_item_html, client_item_title
from stretchkit.views.html_parts import png_img_html
from stretchkit.views.stretch_picture_html import stretch_picture_html
from stretchkit.widgets.dashboard.dashboard_charts import dashboard_charts
from stretchkit.widgets.dashboard.dashboard_html import (
    HIDE_FIRST_VIEW,
    feel_html,
    field_tests_html,
    footer_html,
    name_html,
    next_session_html,
    progress_intro_html,
    routine_intro_html,
    status_html,
    trainer_notes_html,
)
from stretchkit.widgets.dashboard.dashboard_styles import dashboard_style
from stretchkit.widgets.kit.back_feel_form import BackFeelForm
from stretchkit.widgets.kit.calendar_form import CalendarForm
from stretchkit.widgets.kit.data_copy import COPY_HELP, DataCopyDownload
from stretchkit.widgets.kit.library import muscle_map_html
from stretchkit.widgets.kit.panel import Panel
from stretchkit.widgets.kit.session_timer import SessionTimer
from stretchkit.widgets.kit.symptom_report_form import SymptomReportForm

__all__ = ["ClientDashboard"]

_CHART_STYLE = "width: 100%; max-width: 640px; height: auto; display: block;"


class ClientDashboard(Panel):
    """One client's dashboard; `still_valid` is asked again before a home session starts,
    so a link revoked while the page is open cannot log anything. The charts are taken as
    the store keeps them, or drawn as the page is built (as PNG, in `chart_pngs`), except
    those in `drawn`; `page` is the client's page when already read, after `shelf` was made
    (see stretchkit.services.chart_store)."""

    css = ("sk-dash",)

    def __init__(
        self,
        store: ProgressStore,
        catalog: Catalog,
        client_id: int,
        *,
        muscle_maps: Mapping[str, bytes],
        poses: Mapping[str, str] | None = None,
        today: Callable[[], date] = date.today,
        still_valid: Callable[[], bool] = lambda: True,
        page: ClientPage | None = None,
        shelf: ChartShelf | None = None,
        drawn: Mapping[str, KeptChart] | None = None,
        own_link: Callable[[], str] | None = None,
    ) -> None:
        self.store, self.catalog, self.today = store, catalog, today
        self.maps, self.poses, self.still_valid = muscle_maps, poses or {}, still_valid
        if page is None or shelf is None:
            shelf = ChartShelf(store, catalog, client_id, today())
            page = client_page(store, catalog, client_id, today())
        self.page, self.shelf = page, shelf
        self.timer: SessionTimer | None = None
        self.home_box = w.VBox().add_class("sk-home-box")
        self.home_message = w.HTML().add_class("sk-home-message")
        self.progress = w.HTML().add_class("sk-dash-progress")
        self._draw_progress(drawn or {})
        self.feel_box = w.VBox(self._feel_part()).add_class("sk-dash-feel")
        super().__init__(
            [
                dashboard_style(),
                self._header(),
                *self._session_part(),
                self._symptom_part(),
                *self._routine_part(),
                self.feel_box,
                self.progress,
                *self._calendar_part(own_link),
                self._copy_part(),
                w.HTML(footer_html()),
                w.HTML(HIDE_FIRST_VIEW, layout=w.Layout(height="0px", margin="0")),
            ]
        )

    # -- parts --------------------------------------------------------------------------------

    def _header(self) -> w.VBox:
        self.status = w.HTML(status_html(self.page.status)).add_class("sk-dash-status-box")
        self.trainer_notes = w.HTML(trainer_notes_html(self.page)).add_class("sk-dash-notes-box")
        parts = [w.HTML(name_html(self.page)), self.trainer_notes, self.status]
        return w.VBox(parts).add_class("sk-dash-header")

    def _show_between_sessions(self, shown: bool) -> None:
        """Fold away (or bring back) what a running home session does not need, so that on
        a phone the timer's phase, countdown and first cue are in the first screen: the
        trainer's notes, the status, the next session and 'something felt wrong' (the
        timer has its own flag buttons)."""
        display = None if shown else "none"
        for part in (self.trainer_notes, self.status, self.next_info, self.symptom_box):
            part.layout.display = display

    def _session_part(self) -> list[w.Widget]:
        page = self.page
        start = w.Button(
            description=_("Start a home session"),
            icon="play",
            button_style="success",
            layout=w.Layout(width="auto"),
            disabled=not page.can_run_session,
        ).add_class("sk-home-start")
        if not page.can_run_session:
            start.layout.display = "none"
        start.on_click(lambda _b: self.start_home_session())
        self.start_button = start
        self.next_info = w.HTML(next_session_html(page))
        return [self.next_info, start, self.home_message, self.home_box]

    def _symptom_part(self) -> w.Widget:
        """'Something felt wrong after stretching': pain, numbness, tingling or weakness, sent
        to the trainer (nothing is saved once the link is no longer valid); hidden while a home
        session runs, which has its own flag buttons. The form is built when first opened."""
        self._symptoms: SymptomReportForm | None = None
        self.wrong = w.Button(
            description=_("Something felt wrong after stretching"),
            icon="exclamation-triangle",
            layout=w.Layout(width="auto", max_width="100%", height="auto"),
        ).add_class("sk-something-wrong")
        self.wrong.on_click(lambda _b: self._open_symptoms())
        self.symptom_box = w.VBox([self.wrong]).add_class("sk-dash-symptoms")
        return self.symptom_box

    @property
    def symptoms(self) -> SymptomReportForm:
        """The 'something felt wrong' form (hidden until opened), built on first use."""
        if self._symptoms is None:
            self._symptoms = SymptomReportForm(
                self.store,
                lambda: self.page.client_id,
                "client",
                today=self.today,
                link_valid=self.still_valid,
                on_reported=self._symptoms_reported,
            )
            self._symptoms.layout.display = "none"
            self.symptom_box.children = [self.wrong, self._symptoms]
        return self._symptoms

    def _open_symptoms(self) -> None:
        self.symptoms.layout.display = None
        self.wrong.layout.display = "none"

    def _symptoms_reported(self) -> None:
        """The report ends the screening: the status and the start button follow the store."""
        self._read_again()
        self.status.value = status_html(self.page.status)
        self.next_info.value = next_session_html(self.page)
        if not self.page.can_run_session:
            self.start_button.disabled = True
            self.start_button.layout.display = "none"

    def _draw_progress(self, drawn: Mapping[str, KeptChart]) -> None:
        """Take or draw the charts (except those already `drawn`) and lay out the progress
        part: one piece of HTML, the charts as pictures in it."""
        shown = dashboard_charts(self.shelf, self.page, self.catalog, skip=tuple(drawn))
        kept = {name: drawn.get(name) or shown[name] for name in (*drawn, *shown)}
        order = [n for n in ("holds", "adherence", "outcomes", "feel") if n in kept]
        self.chart_pngs = {name: kept[name].png for name in order}
        self.charts = {name: _chart_image(name, kept[name].png, kept[name].alt) for name in order}
        parts = [progress_intro_html(self.page)]
        for name, image in self.charts.items():
            if name == "outcomes":
                parts.append(f'<div class="sk-dash-tests">{field_tests_html(self.page)}</div>')
            if name == "feel":
                parts.append(f'<div class="sk-dash-feel-text">{feel_html(self.page)}</div>')
            parts.append(image)
        self.progress.value = "".join(parts)

    def _routine_part(self) -> list[w.Widget]:
        """The routine's steps, one fold per stretch; a fold's picture, steps and muscle map
        are sent when the client opens it (the first view showed them already)."""
        routine = self.page.plan.routine
        self.routine_intro: w.HTML | None = None
        self.cards: list[w.VBox] = []
        if routine is None:
            return []
        self.cards = [w.VBox().add_class("sk-dash-card") for _item in routine.items]
        self.steps = w.Accordion(
            self.cards,
            titles=tuple(
                client_item_title(routine, i, self.catalog) for i in range(len(self.cards))
            ),
            selected_index=None,
        ).add_class("sk-dash-routine")
        self.steps.observe(lambda change: self.open_card(change["new"]), "selected_index")
        self.routine_intro = w.HTML(routine_intro_html(routine, self.catalog))
        return [self.routine_intro, self.steps]

    def open_card(self, index: int | None) -> None:
        """Fill the routine's fold `index` (once; None: a fold was closed)."""
        routine = self.page.plan.routine
        if index is None or routine is None or not 0 <= index < len(self.cards):
            return
        if not self.cards[index].children:
            self.cards[index].children = self._card(routine, index)

    def _card(self, routine: Routine, index: int) -> list[w.Widget]:
        stretch_id = routine.items[index].stretch_id
        stretch = self.catalog.stretch(stretch_id)
        picture = w.HTML(muscle_map_html(stretch, self.catalog, self.maps.get(stretch_id, b"")))
        drawn = self.poses.get(stretch_id)  # kept in the page's language
        pose = w.HTML(drawn if drawn is not None else stretch_picture_html(stretch)).add_class(
            "sk-dash-pose"
        )
        return [pose, w.HTML(client_item_html(routine, index, self.catalog)), picture]

    def _feel_part(self) -> list[w.Widget]:
        """Once a week: how does the back feel? (Nothing when rated in the last 7 days.)"""
        if not rating_due(self.page.progress.ratings, self.today()):
            return []
        form = BackFeelForm(
            self.store,
            self.page.client_id,
            "dashboard",
            intro=_("Tap a number on each scale, then Save."),
            on_saved=self._feel_saved,
            still_valid=self.still_valid,
        )
        heading = escape(_("How does your back feel this week?"))
        return [w.HTML(f"<h3>{heading}</h3>"), form]

    def _feel_saved(self, _rating: BackRating) -> None:
        """The rating joins the charts (the form stays with its thanks)."""
        self._read_again()
        self._draw_progress({})

    def _calendar_part(self, own_link: Callable[[], str] | None) -> list[w.Widget]:
        """'Add your sessions to your calendar', folded; its form is built when opened."""
        self._calendar: CalendarForm | None = None
        self._own_link = own_link
        if self.page.plan.routine is None:
            return []
        self.calendar_fold = w.VBox()
        box = w.Accordion(
            [self.calendar_fold],
            titles=(_("Add your sessions to your calendar"),),
            selected_index=None,
        )
        box.observe(self._calendar_opened, "selected_index")
        return [box.add_class("sk-dash-calendar")]

    def _calendar_opened(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self.open_calendar()

    @property
    def calendar(self) -> CalendarForm | None:
        """The calendar download (None without a routine), built on first use."""
        return self.open_calendar()

    def open_calendar(self) -> CalendarForm | None:
        """Build the calendar download into its fold, once (None without a routine)."""
        if self._calendar is None and self.page.plan.routine is not None:
            self._calendar = CalendarForm(
                self.store,
                self.catalog,
                lambda: self.page.client_id,
                today=self.today,
                own_link=self._own_link,
            )
            self.calendar_fold.children = [self._calendar]
        return self._calendar

    def _copy_part(self) -> w.Widget:
        """'Download my data': this page's client's own copy, only while the link is valid."""
        self.data_copy = DataCopyDownload(
            self.store,
            lambda: self.page.client_id,
            still_valid=self.still_valid,
            refused=LINK_REVOKED,
            now=lambda: datetime.combine(self.today(), datetime.now().time()).astimezone(),
        )
        help_html = w.HTML(f'<p class="sk-muted">{escape(_(COPY_HELP))}</p>')
        return w.VBox([help_html, self.data_copy]).add_class("sk-dash-data-copy")

    # -- the home session ---------------------------------------------------------------------

    def start_home_session(self) -> None:
        """Open the guided timer on today's routine; its holds are saved as home holds.
        Readiness is read from the store now, not from when the page was opened: a revoked
        link, a health change, a flag or an expired screening since then refuses it."""
        plan = self.page.plan
        if plan.routine is None:
            return
        timer = SessionTimer(
            self.store,
            self.page.client_id,
            plan.routine,
            self.catalog,
            routine_id=plan.routine_id,
            place="home",
            today=self.today,
            on_finish=lambda _t: self._home_finished(),
            link_valid=self.still_valid,
        )
        why = timer.session.why_not_ready()
        if why:
            self._refuse(why)
            return
        self.timer = timer
        self.home_box.children = [self.timer]
        self.start_button.layout.display = "none"
        self._show_between_sessions(False)
        self.home_message.value = ""

    def _refuse(self, why: str) -> None:
        """No home session now: say why, and show the status as the store has it today."""
        self.start_button.disabled = True
        self.start_button.layout.display = "none"
        if why == LINK_REVOKED:
            self.home_message.value = f'<p class="sk-error">{escape(_(why))}</p>'
            return
        self.page = client_page(self.store, self.catalog, self.page.client_id, self.today())
        self.status.value = status_html(self.page.status)
        self.next_info.value = next_session_html(self.page)
        said = _("No home session today: {status}").format(status=self.page.status.text)
        self.home_message.value = f'<p class="sk-error">{escape(said)}</p>'

    def _home_finished(self) -> None:
        """Thank the client, or after a flag say the trainer knows; the status, the next
        session and the charts follow, the session just done included."""
        flagged = self.timer is not None and self.timer.ended_status == "flagged"
        if flagged:
            said = escape(_("Your trainer sees this flag in the workbook."))
            self.home_message.value = f'<p class="sk-error">{said}</p>'
        else:
            said = escape(_("Well done. Your trainer sees this session in the workbook."))
            self.home_message.value = f'<p class="sk-saved">{said}</p>'
        self._read_again()
        self.status.value = status_html(self.page.status)
        self.next_info.value = next_session_html(self.page)
        self._show_between_sessions(True)
        routine = self.page.plan.routine
        if routine is not None and self.routine_intro is not None:
            self.routine_intro.value = routine_intro_html(routine, self.catalog)
        self._draw_progress({})

    def _read_again(self) -> None:
        """The client's page as the store has it now (its shelf made first)."""
        client_id, today = self.page.client_id, self.today()
        self.shelf = ChartShelf(self.store, self.catalog, client_id, today)
        self.page = client_page(self.store, self.catalog, client_id, today)


def _chart_image(name: str, png: bytes, alt: str) -> str:
    picture = png_img_html(png, f"sk-chart-{name}", alt, _CHART_STYLE)
    return f'<div class="sk-chart-picture">{picture}</div>'
