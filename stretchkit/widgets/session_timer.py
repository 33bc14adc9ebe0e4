"""The guided session timer: a big countdown with cues, a chime at the end of each hold, and a
hold log written to the store as each hold ends.

Time comes from a clock (monotonic by default) through the core SessionRunner; a background
asyncio task (or a thread where no event loop runs) ticks it. Tests pass their own clock and
`autorun=False`, and call `tick()` themselves.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Callable
from html import escape

import ipywidgets as w

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.errors import StretchkitError
from stretchkit.routine import Routine
from stretchkit.session_log import (
    FLAG_GUIDANCE,
    HOME_FLAG_GUIDANCE,
    HoldEntry,
    LoggedHold,
    Place,
    SessionStatus,
    parse_seconds,
)
from stretchkit.session_runner import Clock, Event, Finished, HoldEnded, PhaseStarted, SessionRunner
from stretchkit.store import Store
from stretchkit.timeline import Phase, PhaseTimes, Timeline, duration_text, session_timeline
from stretchkit.widgets.beep import chime
from stretchkit.widgets.html_parts import error_html, html_list, warning_html
from stretchkit.widgets.session_log_view import log_table_html
from stretchkit.widgets.styles import style_widget

__all__ = ["SessionTimer"]

_AUTO = w.Layout(width="auto")
_KIND_LABEL = {
    "warm-up": "Warm-up",
    "get-ready": "Get ready",
    "hold": "Hold",
    "release": "Release",
    "rest": "Rest",
    "switch-side": "Switch sides",
}


def clock_text(seconds: float) -> str:
    """A countdown as 'm:ss', rounded up so it reads 0:00 only at the very end."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


class SessionTimer(w.VBox):  # type: ignore[misc]
    """Run one session of a routine for a client; every hold is saved as it ends."""

    def __init__(
        self,
        store: Store,
        client_id: int,
        routine: Routine,
        catalog: Catalog | None = None,
        *,
        routine_id: int | None = None,
        place: Place = "studio",
        clock: Clock = time.monotonic,
        times: PhaseTimes | None = None,
        timeline: Timeline | None = None,
        autorun: bool = True,
        tick_s: float = 0.25,
        on_finish: Callable[[SessionTimer], None] | None = None,
    ) -> None:
        self.store, self.client_id, self.routine_id, self.place = (
            store,
            client_id,
            routine_id,
            place,
        )
        self.catalog = catalog or default_catalog()
        self.timeline = timeline or session_timeline(
            routine.planned(), self.catalog, routine.warm_up_min, times
        )
        self.runner = SessionRunner(self.timeline, clock)
        self.autorun, self.tick_s, self.on_finish = autorun, tick_s, on_finish
        self.session_id: int | None = None
        self.ended_status: SessionStatus | None = None  # as stored when the session ends
        self.logged: list[LoggedHold] = []
        self.hold_ends: list[HoldEnded] = []
        self._lock = threading.RLock()
        self._chimes = 0
        self._showing: int | None = None  # id of the hold the log entry fields show
        super().__init__(self._build())
        self.add_class("sk-root")
        self.add_class("sk-timer")
        self._show_phase()
        self._render()

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> list[w.Widget]:
        self.title = w.HTML().add_class("sk-phase-title")
        self.countdown = w.HTML().add_class("sk-countdown")
        self.progress = w.FloatProgress(
            min=0, max=max(1, self.timeline.total_s), value=0, layout=w.Layout(width="100%")
        )
        self.progress.add_class("sk-progress")
        self.left = w.HTML().add_class("sk-time-left")
        self.cues = w.HTML().add_class("sk-cues")
        self.next_up = w.HTML().add_class("sk-next")
        self.start_button = self._button("Start", "play", "sk-start", self.start, "success")
        self.pause_button = self._button("Pause", "pause", "sk-pause", self.pause_or_resume)
        self.skip_button = self._button("Skip", "forward", "sk-skip", self.skip)
        self.stop_button = self._button("Stop", "stop", "sk-stop", self.stop)
        self.flag_button = self._button(
            "Pain / numbness / tingling", "exclamation-triangle", "sk-flag", self.flag, "danger"
        )
        self.audio = w.Audio(value=chime(0), format="wav", autoplay=False, controls=False)
        self.audio.add_class("sk-chime")
        self.audio.layout = w.Layout(width="0px", height="0px")
        self.message = w.HTML().add_class("sk-timer-message")
        controls = w.HBox(
            [self.start_button, self.pause_button, self.skip_button, self.stop_button],
            layout=w.Layout(flex_flow="row wrap"),
        )
        return [
            style_widget(),
            self.title,
            self.countdown,
            self.progress,
            self.left,
            controls,
            self.cues,
            self.next_up,
            self.message,
            self._log_panel(),
            self.audio,
        ]

    def _button(
        self,
        label: str,
        icon: str,
        css: str,
        action: Callable[[], object],
        style: str = "",
    ) -> w.Button:
        button = w.Button(description=label, icon=icon, button_style=style, layout=_AUTO)
        button.add_class(css)
        button.on_click(lambda _b: action())
        return button

    def _log_panel(self) -> w.Widget:
        self.last_hold_view = w.HTML().add_class("sk-last-hold")
        self.held = w.Text(description="Held (s)", continuous_update=False)
        self.held.add_class("sk-held")
        self.held.layout = w.Layout(width="160px")
        self.held.observe(lambda _c: self._correct(), "value")
        self.sensation = w.ToggleButtons(
            options=[(str(n), n) for n in range(11)],
            value=None,
            style={"button_width": "3.2em"},
        ).add_class("sk-sensation")
        self.sensation.observe(lambda _c: self._correct(), "value")
        self.log_error = w.HTML().add_class("sk-error").add_class("sk-error-hold")
        self.log_table = w.HTML().add_class("sk-log-table")
        self.log_box = w.VBox(
            [
                self.last_hold_view,
                self.held,
                w.HTML(
                    "<b>Sensation</b> (0 nothing, 1-3 mild, 4-6 moderate, 7 strong, 8-10 too "
                    "intense)"
                ),
                self.sensation,
                self.log_error,
            ]
        ).add_class("sk-log-entry")
        self.log_box.layout.display = "none"
        return w.VBox(
            [self.flag_button, self.log_box, w.HTML("<h4>Holds logged</h4>"), self.log_table]
        ).add_class("sk-hold-log")

    # -- showing ----------------------------------------------------------------------------

    def _show_phase(self) -> None:
        """Texts that change once per phase: title, cues, what comes next."""
        phase = self.runner.phase
        kind = _KIND_LABEL[phase.kind]
        self.title.value = (
            f'<div class="sk-phase sk-phase-{phase.kind}"><span class="sk-kind">{kind}</span> '
            f"{escape(phase.title)}</div>"
        )
        self.cues.value = self._cues_html(phase)
        upcoming = self.timeline.phases[self.runner.index + 1 : self.runner.index + 2]
        self.next_up.value = (
            f'<span class="sk-muted">Next: {escape(upcoming[0].title)} '
            f"({duration_text(upcoming[0].duration_s)})</span>"
            if upcoming
            else '<span class="sk-muted">Last step of the session.</span>'
        )

    def _cues_html(self, phase: Phase) -> str:
        parts = [f'<p class="sk-cue"><b>Client:</b> {escape(phase.cue)}</p>']
        if phase.partner_prompt:
            parts.append(
                f'<p class="sk-partner"><b>Partner:</b> {escape(phase.partner_prompt)}</p>'
            )
        if phase.breathing:
            parts.append(f'<p class="sk-breathing">&#127788; {escape(phase.breathing)}</p>')
        if phase.kind in ("get-ready", "hold") and phase.stretch_id:
            steps = self.catalog.stretch(phase.stretch_id).steps
            parts.append(
                f'<details class="sk-steps"><summary>Steps</summary>'
                f"<ol>{''.join(f'<li>{escape(s)}</li>' for s in steps)}</ol></details>"
            )
        return "".join(parts)

    def _render(self) -> None:
        """Texts that change every second: the countdown, the progress, the buttons."""
        runner = self.runner
        text = clock_text(runner.remaining())
        state = runner.state
        shown = f'<div class="sk-clock sk-clock-{runner.phase.kind} sk-state-{state}">{text}</div>'
        if self.countdown.value != shown:
            self.countdown.value = shown
        elapsed = runner.elapsed()
        if abs(self.progress.value - elapsed) >= 1 or state in ("finished", "stopped"):
            self.progress.value = elapsed
            left = duration_text(self.timeline.total_s - elapsed)
            self.left.value = f'<span class="sk-muted">{left} left of {self.timeline.text}</span>'
        self.start_button.disabled = state != "ready"
        self.pause_button.disabled = state not in ("running", "paused")
        self.pause_button.description = "Resume" if state == "paused" else "Pause"
        self.pause_button.icon = "play" if state == "paused" else "pause"
        self.skip_button.disabled = self.stop_button.disabled = state not in ("running", "paused")
        self.flag_button.disabled = state in ("ready", "finished", "stopped")

    # -- acting -----------------------------------------------------------------------------

    def start(self) -> None:
        """Open the session in the store and start the first phase."""
        with self._lock:
            if self.runner.state != "ready":
                return
            try:
                saved = self.store.sessions.start(self.client_id, self.routine_id, self.place)
            except StretchkitError as e:
                self.message.value = error_html(e)
                return
            self.session_id = saved.id
            self._handle(self.runner.start())
        self._launch()

    def tick(self) -> None:
        """Advance the clock: end phases whose time is up, and refresh the display."""
        with self._lock:
            self._handle(self.runner.tick())

    def pause_or_resume(self) -> None:
        """Pause a running countdown, or resume a paused one."""
        with self._lock:
            events = self.runner.resume() if self.runner.state == "paused" else self.runner.pause()
            self._handle(events)

    def skip(self) -> None:
        """End the current phase now (a hold is logged with the seconds actually held)."""
        with self._lock:
            self._handle(self.runner.skip())

    def stop(self) -> None:
        """End the session now; everything logged so far is kept."""
        with self._lock:
            self._handle(self.runner.stop())

    def flag(self) -> None:
        """Pain, numbness or tingling: stop this stretch, flag the session, ask for a
        re-screen; pause so the trainer can decide how to go on, or at home end the session."""
        with self._lock:
            if self.session_id is None or self.runner.state not in ("running", "paused"):
                return
            current = self.runner.phase
            in_hold = current.kind == "hold"
            events = self.runner.skip_stretch() if current.stretch_id else []
            self._handle(events)
            last = self.logged[-1] if self.logged else None
            try:
                if last is not None and (in_hold or last.entry.stretch_id == current.stretch_id):
                    self.logged[-1] = self.store.sessions.flag_hold(last.id)
                else:
                    self.store.sessions.flag_session(self.session_id)
            except StretchkitError as e:
                self.message.value = error_html(e)
                return
            self.message.value = self._flag_message()
            self._handle(self.runner.stop() if self.place == "home" else self.runner.pause())
            self._show_log()

    def _flag_message(self) -> str:
        """In the studio the trainer decides how to go on; at home the session ends."""
        if self.place == "home":
            said = f"<b>Session stopped.</b> {escape(HOME_FLAG_GUIDANCE)}"
        else:
            said = (
                f"<b>Stretch stopped.</b> {escape(FLAG_GUIDANCE)} Press Resume to go on with "
                "the next stretch, or Stop to end the session."
            )
        return f'<div class="sk-banner sk-status-do-not-stretch sk-flagged">{said}</div>'

    # -- events -----------------------------------------------------------------------------

    def _handle(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, HoldEnded):
                self._hold_ended(event)
            elif isinstance(event, Finished):
                self._finished(event)
            elif isinstance(event, PhaseStarted):
                self._show_phase()
        self._render()

    def _hold_ended(self, event: HoldEnded) -> None:
        self.hold_ends.append(event)
        self._play_chime()
        phase = event.phase
        entry = HoldEntry(
            phase.stretch_id, phase.side, phase.rep, phase.reps, phase.duration_s, event.held_s
        )
        assert self.session_id is not None
        try:
            logged = self.store.sessions.log_hold(self.session_id, entry)
        except StretchkitError as e:
            self.message.value = f'<span class="sk-error">Hold not saved: {escape(str(e))}</span>'
            return
        self.logged.append(logged)
        self._show_last(logged, phase)

    def _play_chime(self) -> None:
        self._chimes += 1
        self.audio.autoplay = True
        self.audio.value = chime(self._chimes)

    def _show_last(self, logged: LoggedHold, phase: Phase) -> None:
        self.log_box.layout.display = None
        self.last_hold_view.value = (
            f"<b>Last hold:</b> {escape(phase.title)} - held {logged.entry.held_s} s of "
            f"{logged.entry.target_s} s. Correct the seconds if needed and rate the sensation."
        )
        self._showing = logged.id
        with self.held.hold_trait_notifications(), self.sensation.hold_trait_notifications():
            self.held.value = str(logged.entry.held_s)
            self.sensation.value = None
        self.log_error.value = ""
        self._show_log()

    def _correct(self) -> None:
        """Save the trainer's correction of the last hold: seconds held and sensation."""
        if not self.logged or self._showing != self.logged[-1].id:
            return
        last = self.logged[-1]
        try:
            held = parse_seconds("seconds held", self.held.value)
            self.logged[-1] = self.store.sessions.correct_hold(last.id, held, self.sensation.value)
        except StretchkitError as e:
            self.log_error.value = warning_html(e)
            return
        self.log_error.value = ""
        self._show_log()

    def _show_log(self) -> None:
        self.log_table.value = log_table_html(self.logged, self.catalog)

    def _finished(self, event: Finished) -> None:
        assert self.session_id is not None
        status: SessionStatus = "stopped" if event.stopped else "completed"
        saved = self.store.sessions.finish(self.session_id, status)
        self.ended_status = saved.status
        word = {"completed": "complete", "stopped": "stopped", "flagged": "ended (flagged)"}
        count = len(self.logged)
        summary = html_list(
            [
                f"{count} hold{'s' if count != 1 else ''} saved.",
                "The next session's targets follow this log.",
            ]
        )
        ended = "Session complete" if saved.status == "completed" else "Session ended"
        self.title.value = (
            f'<div class="sk-phase sk-phase-done"><span class="sk-kind">Done</span> {ended}</div>'
        )
        self.cues.value = self.next_up.value = ""
        self.message.value = (
            f'<div class="sk-done"><b>Session {word.get(saved.status, saved.status)}.</b>'
            f"{summary}</div>"
        ) + (self.message.value if saved.status == "flagged" else "")
        if self.on_finish is not None:
            self.on_finish(self)

    # -- the clock --------------------------------------------------------------------------

    def _sleep_for(self) -> float:
        """Wake at the next whole second of the display or at the phase's end."""
        left = self.runner.remaining()
        to_next_second = left - math.floor(left) or 1.0
        return max(0.001, min(self.tick_s, to_next_second, left))

    def _launch(self) -> None:
        if not self.autorun:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            threading.Thread(target=self._run_thread, daemon=True).start()
            return
        self._task = loop.create_task(self._run_async())

    async def _run_async(self) -> None:
        while self.runner.state in ("running", "paused"):
            self.tick()
            await asyncio.sleep(self._sleep_for())

    def _run_thread(self) -> None:
        while self.runner.state in ("running", "paused"):
            self.tick()
            time.sleep(self._sleep_for())
