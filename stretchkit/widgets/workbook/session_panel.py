"""Run today's session: choose a client, see today's targets and why, then run the timer."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.i18n import _
from stretchkit.planning.routine import Routine
from stretchkit.services.events import ClientChanged
from stretchkit.services.session_plan import rescreen_text
from stretchkit.services.todays_plan import TodaysPlan, todays_plan
from stretchkit.services.week_check import week_advice
from stretchkit.session.runner import Clock
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.routine_html import advice_html
from stretchkit.views.session_log_html import targets_html
from stretchkit.widgets.kit.client_picker import ClientPicker
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.kit.panel import Panel
from stretchkit.widgets.kit.session_timer import SessionTimer

__all__ = ["SessionPanel"]


def _heading(text: str) -> w.HTML:
    return w.HTML(f"<h3>{escape(text)}</h3>")


class SessionPanel(Panel):
    """Choose a client; today's targets and the guided timer for their current routine."""

    css = ("sk-session-panel",)

    def __init__(
        self,
        store: ProgressStore,
        catalog: Catalog | None = None,
        today: Callable[[], date] = date.today,
        clock: Clock = time.monotonic,
        autorun: bool = True,
        *,
        current: CurrentClient | None = None,
    ) -> None:
        self.store, self.catalog, self.today = store, catalog or default_catalog(), today
        self.clock, self.autorun = clock, autorun
        self.timer: SessionTimer | None = None
        self.picker = ClientPicker(store, lambda _client: self._client_changed(), current)
        self.status = w.HTML().add_class("sk-readiness")
        self.targets = w.HTML().add_class("sk-targets-view")
        self.targets_box = w.Accordion(
            [self.targets], titles=(_("2. Today's targets"),), selected_index=0
        ).add_class("sk-targets-box")
        self.timer_box = w.VBox().add_class("sk-timer-box")
        self.plan_notice = w.HTML().add_class("sk-plan-notice").add_class("sk-live")
        self._plan: TodaysPlan | None = None
        self.after = w.HTML().add_class("sk-next-targets")
        self.next_session = w.Button(
            description=_("Prepare the next session"), icon="redo", layout=w.Layout(width="auto")
        ).add_class("sk-next-session")
        self.next_session.on_click(lambda _b: self._client_changed())
        self.next_session.layout.display = "none"
        super().__init__(
            [
                _heading(_("1. Client")),
                self.picker,
                self.status,
                self.targets_box,
                _heading(_("3. Session")),
                self.plan_notice,
                self.timer_box,
                self.after,
                self.next_session,
            ]
        )
        self._client_changed()
        if current is not None:
            current.events.subscribe(self._changed)

    def _changed(self, change: ClientChanged) -> None:
        """The chosen client's screening or routine changed elsewhere: show today's plan as
        the store has it now, unless a session is running (it is never cut short here)."""
        if change.client_id != self.picker.value or not change.record:
            return
        if change.what == "session ended" or self._running():
            return
        if change.what == "health changed" and self.timer is not None and self._ended():
            self._show_readiness(change.client_id)  # the ended session's summary stays
            return
        before = self._plan
        self._client_changed()
        if change.what == "screened":
            self._say_plan_change(before)

    def _say_plan_change(self, before: TodaysPlan | None) -> None:
        """Above the timer, what a new screening changed in today's plan and why (it stays
        until the session ends)."""
        after = self._plan
        if before is None or after is None:
            return
        if before.routine is None or before.screening is None:
            return
        if after.routine is None or after.screening is None:
            return
        said = rescreen_text(
            (before.routine, before.screening), (after.routine, after.screening), self.catalog
        )
        if said:
            head = _("Targets changed.")
            self.plan_notice.value = (
                f'<div class="sk-eased sk-plan-changed"><b>{escape(head)}</b> {escape(said)}</div>'
            )

    def _ended(self) -> bool:
        return self.timer is not None and self.timer.ended_status is not None

    def _show_readiness(self, client: int) -> None:
        """The readiness line as the store has it now (after a flag, a rating or a report)."""
        today = todays_plan(self.store, self.catalog, client, self.today())
        css = "sk-ready" if today.routine else "sk-error"
        self.status.value = f'<p class="{css}">{escape(today.message)}</p>'

    def _running(self) -> bool:
        return self.timer is not None and self.timer.runner.state in ("running", "paused")

    def _client_changed(self) -> None:
        if self.timer is not None and self.timer.runner.state in ("running", "paused"):
            self.timer.stop()
        self.timer, self.after.value, self.plan_notice.value = None, "", ""
        self._plan = None
        self.next_session.layout.display = "none"
        self.targets_box.selected_index = 0
        client = self.picker.value
        if client is None:
            choose = _("Choose a client to run their session.")
            self.status.value = f'<p class="sk-muted">{escape(choose)}</p>'
            self.targets.value, self.timer_box.children = "", []
            return
        today = todays_plan(self.store, self.catalog, client, self.today())
        self._plan = today
        css = "sk-ready" if today.routine else "sk-error"
        self.status.value = f'<p class="{css}">{escape(today.message)}</p>'
        if today.routine is None:
            self.targets.value, self.timer_box.children = "", []
            return
        self.targets.value = self._week_html(client, today.routine) + targets_html(
            today.suggestions, self.catalog
        )
        self.timer = SessionTimer(
            self.store,
            client,
            today.routine,
            self.catalog,
            routine_id=today.routine_id,
            clock=self.clock,
            today=self.today,
            autorun=self.autorun,
            on_finish=self._finished,
            on_start=self._started,
        )
        self.timer_box.children = [self.timer]

    def _started(self, _timer: SessionTimer) -> None:
        """While the session runs, today's targets fold away (a tap opens them again), so the
        countdown, the phase and the cues are at the top of the view."""
        self.targets_box.selected_index = None

    def _week_html(self, client: int, routine: Routine) -> str:
        """This week's sessions against the plan and ACSM's 2-3 days, as plain advice."""
        advice = week_advice(self.store, self.catalog, client, self.today(), routine.days_per_week)
        return advice_html([advice])

    def _finished(self, timer: SessionTimer) -> None:
        """After the session: show what the next session's targets will be, and why."""
        self.picker.announce(timer.client_id, "session ended")
        self.plan_notice.value = ""
        if timer.ended_status == "flagged":  # a flag or a painful rating: every screen follows
            self.picker.announce(timer.client_id, "health changed")
        nxt = todays_plan(self.store, self.catalog, timer.client_id, self.today())
        self.next_session.layout.display = None
        if nxt.routine is None:
            heading = escape(_("Next session"))
            self.after.value = f'<h3>{heading}</h3><p class="sk-error">{escape(nxt.message)}</p>'
            return
        heading = escape(_("Next session's targets"))
        self.after.value = f"<h3>{heading}</h3>" + targets_html(nxt.suggestions, self.catalog)
