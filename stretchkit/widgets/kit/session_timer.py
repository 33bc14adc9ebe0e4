"""The guided session timer: a big countdown with cues and what to watch for, a chime at the
end of each hold, and the hold log.

It is a skin: a GuidedSession (stretchkit.services.guided_session) records the session and
applies the safety rules, and the view model (stretchkit.services.timer_view) says what to show;
this widget maps those values onto its parts and forwards each press. A background asyncio task
(or a thread where no event loop runs) ticks it; tests pass their own clock and
`autorun=False`, and call `tick()`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from html import escape

import ipywidgets as w

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.errors import StretchkitError
from stretchkit.i18n import _
from stretchkit.planning.read_back import error_said
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import PhaseTimes, Timeline
from stretchkit.services import timer_view as model
from stretchkit.services.guided_session import GuidedSession
from stretchkit.services.timer_view import ButtonView, clock_text
from stretchkit.session.log import FlagKind, LoggedHold, Place, SessionStatus, parse_seconds
from stretchkit.session.runner import Clock, Event, Finished, HoldEnded, PhaseStarted, SessionRunner
from stretchkit.store.protocol import ProgressStore
from stretchkit.views import timer_html as html
from stretchkit.views.html_parts import error_html, warning_html
from stretchkit.views.session_log_html import log_table_html
from stretchkit.widgets.kit.back_feel_form import BackFeelForm
from stretchkit.widgets.kit.beep import chime
from stretchkit.widgets.kit.hold_correction import HoldCorrection, html_part
from stretchkit.widgets.kit.panel import Panel, button
from stretchkit.widgets.kit.ticker import next_wake, tick_while

__all__ = ["SessionTimer", "clock_text"]

_FLAG_LOOK: dict[FlagKind, tuple[str, str, str]] = {
    "numbness-tingling": ("flag_button", "sk-flag", "danger"),
    "weakness": ("weakness_button", "sk-weakness", "danger"),
    "sharp-pain": ("pain_button", "sk-pain", "warning"),
}
"""Each flag button's attribute, CSS class and colour."""


def _show(widget: w.Widget, view: ButtonView) -> None:
    widget.layout.display = None if view.shown else "none"
    widget.disabled = not view.enabled
    if isinstance(widget, w.Button):
        widget.description, widget.icon = view.label, view.icon
    else:
        widget.description = view.label


class SessionTimer(Panel):
    """Run one session of a routine for a client; every hold is saved as it ends."""

    css = ("sk-timer",)

    def __init__(
        self,
        store: ProgressStore,
        client_id: int,
        routine: Routine,
        catalog: Catalog | None = None,
        *,
        routine_id: int | None = None,
        place: Place = "studio",
        clock: Clock = time.monotonic,
        today: Callable[[], date] = date.today,
        times: PhaseTimes | None = None,
        timeline: Timeline | None = None,
        autorun: bool = True,
        tick_s: float = 0.25,
        on_finish: Callable[[SessionTimer], None] | None = None,
        on_start: Callable[[SessionTimer], None] | None = None,
        link_valid: Callable[[], bool] = lambda: True,
    ) -> None:
        self.store, self.client_id, self.routine_id = store, client_id, routine_id
        self.place, self.catalog = place, catalog or default_catalog()
        self.session = GuidedSession(
            store, self.catalog, client_id, routine, routine_id=routine_id, place=place,
            clock=clock, today=today, times=times, timeline=timeline, link_valid=link_valid,
        )  # fmt: skip
        self.autorun, self.tick_s, self.on_finish = autorun, tick_s, on_finish
        self.on_start = on_start
        self.hold_ends: list[HoldEnded] = []
        self._lock = threading.RLock()
        self._chimes = self._notices_shown = 0
        self._showing: int | None = None  # id of the hold the log entry fields show
        super().__init__(self._build())
        self._show_phase()
        self._render()

    @property
    def runner(self) -> SessionRunner:
        """The session's runner (replaced when the warm-up is skipped at the start)."""
        return self.session.runner

    @property
    def timeline(self) -> Timeline:
        """The phases as they stand now (eased holds included)."""
        return self.session.runner.timeline

    @property
    def session_id(self) -> int | None:
        """The stored session's id, once started."""
        return self.session.session_id

    @property
    def logged(self) -> list[LoggedHold]:
        """The holds saved so far, in order."""
        return self.session.logged

    @property
    def ended_status(self) -> SessionStatus | None:
        """The session's status as stored when it ended."""
        return self.session.ended_status

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> list[w.Widget]:
        self.title, self.countdown = html_part("sk-phase-title"), html_part("sk-countdown")
        self.picture = w.HTML(layout=w.Layout(width="100%")).add_class("sk-pose-view")
        self.progress = w.FloatProgress(
            min=0, max=max(1, self.timeline.total_s), value=0, layout=w.Layout(width="100%")
        ).add_class("sk-progress")
        self.left, self.cues = html_part("sk-time-left"), html_part("sk-cues")
        self.next_up, self.watch = html_part("sk-next"), html_part("sk-watch-box")
        self.start_button = button(_("Start"), "play", "sk-start", self.start, "success")
        self.pause_button = button(_("Pause"), "pause", "sk-pause", self.pause_or_resume)
        self._phase_taps: int | None = None  # the phase id Skip and Stop now carry
        self.skip_button, self.stop_button = self._tap_buttons(0)
        self.end_button = button(_("End session"), "stop", "sk-end-session", self.end, "danger")
        self.keep_button = button(_("Keep going"), "play", "sk-keep-going", self.keep_going)
        self.stop_question = html_part("sk-stop-question", "sk-live")
        self.stop_confirm = w.VBox(
            [self.stop_question, w.HBox([self.end_button, self.keep_button])]
        ).add_class("sk-stop-confirm")
        for kind, (name, css, colour) in _FLAG_LOOK.items():
            setattr(self, name, button("", "", css, partial(self.flag, kind), colour))
        # its own layout: it is hidden once the session starts
        self.warmed_up = w.Checkbox(indent=False, layout=w.Layout(width="auto"))
        self.warmed_up.add_class("sk-warmed-up")
        self.audio = w.Audio(value=chime(0), format="wav", autoplay=False, controls=False)
        self.audio.add_class("sk-chime").layout = w.Layout(width="0px", height="0px")
        self.message = html_part("sk-timer-message", "sk-live")
        self.refusal = html_part("sk-start-refused", "sk-live")
        self.announce = html_part("sk-live", "sk-announce")
        self.hold_log = log = HoldCorrection(self._correct)
        self.held, self.sensation, self.log_error = log.held, log.sensation, log.log_error
        self.log_box, self.log_table = log.log_box, log.log_table
        self.feel = BackFeelForm(
            self.store, self.client_id, self.place, intro=model.feel_intro(self.place)
        )
        row = w.Layout(flex_flow="row wrap")
        self.controls = controls = w.HBox(
            [self.start_button, self.pause_button, self.skip_button, self.stop_button], layout=row
        ).add_class("sk-controls")
        flags = w.HBox(list(self._flag_buttons), layout=row).add_class("sk-flags")
        # What the session needs at a glance comes first, so that it is in view while the
        # session runs: the phase, the countdown, the buttons and the cues; then the safety
        # buttons, what to watch for and the large picture; the hold log last. A refused Start
        # is read above the buttons, where it was pressed.
        return [
            self.announce, self.title, self.countdown, self.progress, self.left, self.feel,
            self.warmed_up, self.refusal, controls, self.stop_confirm, self.message, self.cues,
            flags, self.watch, self.picture, self.next_up, self.hold_log, self.audio,
        ]  # fmt: skip

    def _tap_buttons(self, phase_id: int) -> tuple[w.Button, w.Button]:
        """Skip and Stop for one phase: each tap carries the id of the phase shown with it,
        so a tap that reaches the session after that phase ended acts on no other phase."""
        self._phase_taps = phase_id
        return (
            button(_("Skip"), "forward", "sk-skip", partial(self.skip, phase_id)),
            button(_("Stop"), "stop", "sk-stop", partial(self.ask_stop, phase_id)),
        )

    def _follow_phase(self, phase_id: int) -> None:
        """New Skip and Stop buttons when another phase is shown (the old ones' taps are late)."""
        if phase_id == self._phase_taps:
            return
        old = (self.skip_button, self.stop_button)
        self.skip_button, self.stop_button = self._tap_buttons(phase_id)
        self.controls.children = tuple(
            {id(old[0]): self.skip_button, id(old[1]): self.stop_button}.get(id(c), c)
            for c in self.controls.children
        )
        for gone in old:
            gone.close()

    @property
    def _flag_buttons(self) -> tuple[w.Button, ...]:
        return (self.flag_button, self.weakness_button, self.pain_button)

    # -- showing ----------------------------------------------------------------------------

    def _show_phase(self) -> None:
        """Texts that change once per phase: title, cues, what comes next (or the end)."""
        state = model.timer_state(self.session)
        view = model.phase_view(state, self.catalog)
        self._follow_phase(state.phase_id)
        self.title.value, self.announce.value = html.title_html(view), escape(view.announce)
        self.cues.value, self.watch.value = html.cues_html(view), html.watch_html(view)
        self.picture.value = html.picture_html(view, self.catalog)
        self.next_up.value = html.next_html(view)

    def _render(self) -> None:
        """Texts that change every second: the countdown, the progress, the buttons."""
        state = model.timer_state(self.session)
        clock = model.countdown_view(state)
        self.countdown.value = html.clock_html(clock)
        ended = clock.state in ("finished", "stopped")
        if not self.left.value or abs(self.progress.value - clock.elapsed_s) >= 1 or ended:
            self.progress.value = clock.elapsed_s
            self.left.value = html.left_html(clock)
        controls = model.controls_view(state)
        for part, view in (
            (self.start_button, controls.start), (self.pause_button, controls.pause),
            (self.skip_button, controls.skip), (self.stop_button, controls.stop),
            (self.warmed_up, controls.warmed_up), (self.end_button, controls.end),
            (self.keep_button, controls.keep_going),
        ):  # fmt: skip
            _show(part, view)
        self.stop_question.value = f"<b>{escape(controls.stop_question)}</b>"
        self.stop_confirm.layout.display = None if controls.stop_question else "none"
        for kind, view in controls.flags:
            _show(getattr(self, _FLAG_LOOK[kind][0]), view)
        self.feel.layout.display = None if controls.feel_shown else "none"

    def _show_notices(self) -> None:
        """Show the session's new notices, the latest kept in view; a refused Start is said
        above the buttons."""
        fresh = self.session.notices[self._notices_shown :]
        self._notices_shown = len(self.session.notices)
        for view in map(model.notice_view, fresh):
            if view.where == "refusal":
                self.refusal.value = error_html(view.text)
            else:
                self.message.value = html.notice_html(view)

    # -- acting -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the session with the back's rating; a refusal is said above the buttons."""
        self.refusal.value = ""
        warmed_up, feel = self.warmed_up.value, self.feel.rating()
        self._act(lambda: self.session.start(warmed_up_elsewhere=warmed_up, feel=feel))
        if self.session_id is not None:
            if self.on_start is not None:
                self.on_start(self)
            self._launch()

    def tick(self) -> None:
        """Advance the clock: end phases whose time is up, and refresh the display."""
        self._act(self.session.tick)

    def pause_or_resume(self) -> None:
        """Pause a running countdown, or resume a paused one."""
        self._act(self.session.pause_or_resume)

    def skip(self, phase_id: int | None = None) -> None:
        """End the phase `phase_id` (the current one when None) now; a hold is logged with the
        seconds actually held."""
        self._act(lambda: self.session.skip(phase_id))

    def ask_stop(self, phase_id: int | None = None) -> None:
        """Stop tapped on phase `phase_id`: the countdown pauses and "End the session?" is
        asked."""
        self._act(lambda: self.session.ask_stop(phase_id))

    def end(self) -> None:
        """ "End session" answered: the session ends; everything logged so far is kept."""
        self._act(self.session.stop)

    def keep_going(self) -> None:
        """ "Keep going" answered: the session goes on as before Stop."""
        self._act(self.session.keep_going)

    def stop(self) -> None:
        """End the session now, without asking (the client changed, say); everything logged
        so far is kept."""
        self._act(self.session.stop)

    def flag(self, kind: FlagKind = "numbness-tingling") -> None:
        """Numbness or tingling (or the kind given): the session ends at once and the client
        must be screened again."""
        self._act(lambda: self.session.flag(kind))

    def _act(self, action: Callable[[], list[Event]]) -> None:
        """Run one session action and show what it did; a refused write is shown, not raised."""
        with self._lock:
            try:
                events = action()
            except StretchkitError as e:
                self.message.value = error_html(error_said(e))
                return
            for event in events:
                if isinstance(event, HoldEnded):
                    self._hold_ended(event)
                elif isinstance(event, Finished):
                    self._finished()
                elif isinstance(event, PhaseStarted):
                    self._show_phase()
            self._render()
            self._show_notices()

    def _hold_ended(self, event: HoldEnded) -> None:
        self.hold_ends.append(event)
        self._chimes += 1
        self.audio.autoplay, self.audio.value = True, chime(self._chimes)
        last = self.logged[-1] if self.logged else None
        if last is None or last.id == self._showing:
            return
        self._showing = last.id
        heading, text = model.last_hold_text(event.phase.title, last.entry)
        self.hold_log.show_last(heading, text, last.entry.held_s)
        self._show_log()

    def _correct(self) -> None:
        """Save the trainer's correction of the last hold: seconds held and sensation."""
        if not self.logged or self._showing != self.logged[-1].id:
            return
        with self._lock:
            ended = self.ended_status
            try:
                held = parse_seconds("seconds held", self.held.value)
                self.session.rate(held, self.sensation.value)
            except StretchkitError as e:
                self.log_error.value = warning_html(error_said(e))
                return
            self.log_error.value = ""
            self._show_log()
            self._show_notices()
            if self.session.running:
                self._show_phase()  # an eased-off stretch no longer asks to go further
            if self.ended_status != ended:  # a painful rating ended (or flagged) the session
                self._finished()
                self._render()

    def _show_log(self) -> None:
        self.log_table.value = log_table_html(self.logged, self.catalog)

    def _finished(self) -> None:
        self._show_notices()
        done = model.done_view(model.timer_state(self.session), self.catalog)
        if done is None:
            return
        self._show_phase()
        self.message.value = html.done_html(done)
        if self.on_finish is not None:
            self.on_finish(self)

    # -- the clock --------------------------------------------------------------------------

    def _sleep_for(self) -> float:
        """Wake at the next whole second of the display or at the phase's end."""
        return next_wake(self.runner.remaining(), self.tick_s)

    def _launch(self) -> None:
        if self.autorun:
            self._task = tick_while(lambda: self.session.running, self.tick, self._sleep_for)
