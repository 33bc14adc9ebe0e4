"""The guided session timer: a big countdown with cues and what to watch for, a chime at the
end of each hold, and the hold log.

It only displays a GuidedSession (stretchkit.services.guided_session), which records the session
and applies the in-session safety rules. A background asyncio task (or a thread where no event
loop runs) ticks it; tests pass their own clock and `autorun=False`, and call `tick()`.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Callable
from datetime import date
from html import escape
from typing import Literal

import ipywidgets as w

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.errors import StretchkitError
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import Phase, PhaseTimes, Timeline, duration_text
from stretchkit.services.guided_session import GuidedSession, Notice
from stretchkit.session.log import (
    SENSATION_SCALE_TEXT,
    LoggedHold,
    Place,
    SessionStatus,
    parse_seconds,
)
from stretchkit.session.runner import Clock, Event, Finished, HoldEnded, PhaseStarted, SessionRunner
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.html_parts import error_html, html_list, warning_html
from stretchkit.views.session_log_html import log_table_html
from stretchkit.views.stretch_picture_html import stretch_picture_html
from stretchkit.widgets.kit.back_feel_form import BackFeelForm
from stretchkit.widgets.kit.beep import chime
from stretchkit.widgets.kit.panel import Panel, button

__all__ = ["SessionTimer"]

_BREATH_ICON = (
    '<svg class="sk-breath-icon" aria-hidden="true" focusable="false" width="1.1em" '
    'height="1.1em" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" '
    'stroke-linecap="round" style="vertical-align:-0.15em">'
    '<path d="M3 8h11a3 3 0 1 0-3-3"/><path d="M3 12h16a3 3 0 1 1-3 3"/>'
    '<path d="M3 16h7"/></svg>'
)
"""A breath of air, drawn inline: it needs no emoji font (a page without one shows a box)."""

_KIND_LABEL = {
    "warm-up": "Warm-up",
    "get-ready": "Get ready",
    "hold": "Hold",
    "release": "Release",
    "rest": "Rest",
    "switch-side": "Switch sides",
}

_PICTURED: dict[str, Literal["start", "stretched"]] = {"get-ready": "start", "hold": "stretched"}
"""Which position the timer shows large in each phase."""


def clock_text(seconds: float) -> str:
    """A countdown as 'm:ss', rounded up so it reads 0:00 only at the very end."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


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
        self.store, self.client_id, self.routine_id, self.place = (
            store,
            client_id,
            routine_id,
            place,
        )
        self.catalog = catalog or default_catalog()
        self.session = GuidedSession(
            store,
            self.catalog,
            client_id,
            routine,
            routine_id=routine_id,
            place=place,
            clock=clock,
            today=today,
            times=times,
            timeline=timeline,
            link_valid=link_valid,
        )
        self.autorun, self.tick_s, self.on_finish = autorun, tick_s, on_finish
        self.on_start = on_start
        self.hold_ends: list[HoldEnded] = []
        self._lock = threading.RLock()
        self._chimes = 0
        self._notices_shown = 0
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
        self.title = w.HTML().add_class("sk-phase-title")
        self.countdown = w.HTML().add_class("sk-countdown")
        self.picture = w.HTML(layout=w.Layout(width="100%")).add_class("sk-pose-view")
        self.progress = w.FloatProgress(
            min=0, max=max(1, self.timeline.total_s), value=0, layout=w.Layout(width="100%")
        )
        self.progress.add_class("sk-progress")
        self.left = w.HTML().add_class("sk-time-left")
        self.cues = w.HTML().add_class("sk-cues")
        self.next_up = w.HTML().add_class("sk-next")
        self.start_button = button("Start", "play", "sk-start", self.start, "success")
        self.pause_button = button("Pause", "pause", "sk-pause", self.pause_or_resume)
        self.skip_button = button("Skip", "forward", "sk-skip", self.skip)
        self.stop_button = button("Stop", "stop", "sk-stop", self.stop)
        self.flag_button = button(
            "Numbness / tingling: end session",
            "exclamation-triangle",
            "sk-flag",
            self.flag,
            "danger",
        )
        self.pain_button = button(
            "Sharp pain: end session", "hand-paper-o", "sk-pain", self.flag_pain, "warning"
        )
        self.weakness_button = button(
            "Weakness: end session",
            "exclamation-circle",
            "sk-weakness",
            self.flag_weakness,
            "danger",
        )
        self.warmed_up = w.Checkbox(
            description=(
                "I warmed up already (skip the warm-up; it is logged)"
                if self.place == "home"
                else "The client warmed up elsewhere (skip the warm-up; it is logged)"
            ),
            indent=False,
            layout=w.Layout(width="auto"),  # its own: it is hidden once the session starts
        ).add_class("sk-warmed-up")
        self.watch = w.HTML().add_class("sk-watch-box")
        self.audio = w.Audio(value=chime(0), format="wav", autoplay=False, controls=False)
        self.audio.add_class("sk-chime")
        self.audio.layout = w.Layout(width="0px", height="0px")
        self.message = w.HTML().add_class("sk-timer-message").add_class("sk-live")
        self.refusal = w.HTML().add_class("sk-start-refused").add_class("sk-live")
        self.announce = w.HTML().add_class("sk-live").add_class("sk-announce")
        who = "How does your back feel?" if self.place == "home" else "Ask the client:"
        self.feel = BackFeelForm(
            self.store, self.client_id, self.place, intro=f"{who} (saved when you press Start)"
        )
        controls = w.HBox(
            [self.start_button, self.pause_button, self.skip_button, self.stop_button],
            layout=w.Layout(flex_flow="row wrap"),
        ).add_class("sk-controls")
        flags = w.HBox(
            [self.flag_button, self.weakness_button, self.pain_button],
            layout=w.Layout(flex_flow="row wrap"),
        ).add_class("sk-flags")
        # What the session needs at a glance comes first, so that it is in view while the
        # session runs: the phase, the countdown, the buttons and the cues; then the safety
        # buttons, what to watch for and the large picture; the hold log last.
        return [
            self.announce,
            self.title,
            self.countdown,
            self.progress,
            self.left,
            self.feel,
            self.warmed_up,
            self.refusal,  # above the buttons: a refused Start is read where it was pressed
            controls,
            self.message,
            self.cues,
            flags,
            self.watch,
            self.picture,
            self.next_up,
            self._log_panel(),
            self.audio,
        ]

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
                w.HTML(f"<b>Sensation</b>: {escape(SENSATION_SCALE_TEXT, quote=False)}").add_class(
                    "sk-sensation-scale"
                ),
                self.sensation,
                self.log_error,
            ]
        ).add_class("sk-log-entry")
        self.log_box.layout.display = "none"
        return w.VBox([self.log_box, w.HTML("<h4>Holds logged</h4>"), self.log_table]).add_class(
            "sk-hold-log"
        )

    # -- showing ----------------------------------------------------------------------------

    def _show_phase(self) -> None:
        """Texts that change once per phase: title, cues, what comes next."""
        phase = self.runner.phase
        kind = _KIND_LABEL[phase.kind]
        self.title.value = (
            f'<div class="sk-phase sk-phase-{phase.kind}"><span class="sk-kind">{kind}</span> '
            f"{escape(phase.title)}</div>"
        )
        self.announce.value = f"{kind}: {escape(phase.title)}, {duration_text(phase.duration_s)}."
        self.cues.value = self._cues_html(phase)
        self.watch.value = _watch_html(phase) if phase.kind in ("get-ready", "hold") else ""
        self.picture.value = self._picture_html(phase)
        upcoming = self.timeline.phases[self.runner.index + 1 : self.runner.index + 2]
        self.next_up.value = (
            f'<span class="sk-muted">Next: {escape(upcoming[0].title)} '
            f"({duration_text(upcoming[0].duration_s)})</span>"
            if upcoming
            else '<span class="sk-muted">Last step of the session.</span>'
        )

    def _picture_html(self, phase: Phase) -> str:
        """The start position while getting ready, the stretch during the hold, large."""
        if phase.kind not in _PICTURED or not phase.stretch_id:
            return ""
        stretch = self.catalog.stretch(phase.stretch_id)
        return stretch_picture_html(stretch, (_PICTURED[phase.kind],), max_width=640)

    def _cues_html(self, phase: Phase) -> str:
        parts = [f'<p class="sk-cue"><b>Client:</b> {escape(phase.cue)}</p>']
        if phase.partner_prompt:
            parts.append(
                f'<p class="sk-partner"><b>Partner:</b> {escape(phase.partner_prompt)}</p>'
            )
        if phase.breathing:
            parts.append(f'<p class="sk-breathing">{_BREATH_ICON} {escape(phase.breathing)}</p>')
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
        shown_once = bool(self.left.value)
        if (
            not shown_once
            or abs(self.progress.value - elapsed) >= 1
            or state in ("finished", "stopped")
        ):
            self.progress.value = elapsed
            left = duration_text(self.timeline.total_s - elapsed)
            self.left.value = f'<span class="sk-muted">{left} left of {self.timeline.text}</span>'
        going = state in ("running", "paused")
        self.start_button.disabled = state != "ready"
        self.warmed_up.layout.display = None if state == "ready" else "none"
        self.pause_button.description = "Resume" if state == "paused" else "Pause"
        self.pause_button.icon = "play" if state == "paused" else "pause"
        for b in (self.pause_button, self.skip_button, self.stop_button, *self._flag_buttons):
            b.disabled = not going

    @property
    def _flag_buttons(self) -> tuple[w.Button, ...]:
        return (self.flag_button, self.weakness_button, self.pain_button)

    # -- acting -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the session: the session checks the back's pain and readiness from the store
        first, and keeps the rating; a refusal is said above the buttons."""
        self.refusal.value = ""
        shown = len(self.session.notices)
        with self._lock:
            self._act(
                lambda: self.session.start(
                    warmed_up_elsewhere=self.warmed_up.value, feel=self.feel.rating()
                )
            )
        refused = [n for n in self.session.notices[shown:] if n.kind == "too-painful"]
        if refused:
            self.refusal.value = error_html(refused[-1].text)
        if self.session_id is not None:
            self.feel.layout.display = "none"
            if self.on_start is not None:
                self.on_start(self)
            self._launch()

    def tick(self) -> None:
        """Advance the clock: end phases whose time is up, and refresh the display."""
        with self._lock:
            self._act(self.session.tick)

    def pause_or_resume(self) -> None:
        """Pause a running countdown, or resume a paused one."""
        with self._lock:
            self._act(self.session.pause_or_resume)

    def skip(self) -> None:
        """End the current phase now (a hold is logged with the seconds actually held)."""
        with self._lock:
            self._act(self.session.skip)

    def stop(self) -> None:
        """End the session now; everything logged so far is kept."""
        with self._lock:
            self._act(self.session.stop)

    def flag(self) -> None:
        """Numbness or tingling: the session ends at once and the client must be re-screened."""
        with self._lock:
            self._act(lambda: self.session.flag("numbness-tingling"))

    def flag_pain(self) -> None:
        """Sharp pain: the session ends at once and the client must be re-screened."""
        with self._lock:
            self._act(lambda: self.session.flag("sharp-pain"))

    def flag_weakness(self) -> None:
        """Weakness: the session ends at once and the client must be re-screened."""
        with self._lock:
            self._act(lambda: self.session.flag("weakness"))

    def _act(self, action: Callable[[], list[Event]]) -> None:
        """Run one session action and show what it did; a refused write is shown, not raised."""
        try:
            events = action()
        except StretchkitError as e:
            self.message.value = error_html(e)
            return
        self._handle(events)
        self._show_notices()

    def _show_notices(self) -> None:
        """Show the session's new notices, most serious kept in view."""
        fresh = self.session.notices[self._notices_shown :]
        self._notices_shown = len(self.session.notices)
        for notice in fresh:
            shown = self._notice_html(notice)
            if shown:
                self.message.value = shown

    def _notice_html(self, notice: Notice) -> str:
        if notice.kind in ("numbness-tingling", "sharp-pain", "weakness", "painful"):
            return _banner("sk-status-do-not-stretch sk-flagged", "Session ended.", notice.text)
        if notice.kind == "eased-off":
            return _banner("sk-eased", "Ease off.", notice.text)
        if notice.kind == "plan-changed":
            return _banner("sk-eased sk-plan-changed", "Targets changed.", notice.text)
        if notice.kind in ("not-ready", "refused"):
            return _banner("sk-not-ready", "", notice.text)
        if notice.kind == "too-painful":
            return ""  # said above the buttons, where Start was pressed
        return error_html(notice.text)

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
        if self.logged and self.logged[-1].id != self._showing:
            self._show_last(self.logged[-1], event.phase)

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
        with self._lock:
            ended = self.ended_status
            try:
                held = parse_seconds("seconds held", self.held.value)
                self.session.rate(held, self.sensation.value)
            except StretchkitError as e:
                self.log_error.value = warning_html(e)
                return
            self.log_error.value = ""
            self._show_log()
            self._show_notices()
            if self.session.running:
                self._show_phase()  # an eased-off stretch no longer asks to go further
            if self.ended_status != ended:  # a painful rating ended (or flagged) the session
                self._finished(Finished(stopped=True))
                self._render()

    def _show_log(self) -> None:
        self.log_table.value = log_table_html(self.logged, self.catalog)

    def _finished(self, _event: Finished) -> None:
        if self.session_id is None or self.ended_status is None:
            return
        word = {"completed": "complete", "stopped": "stopped", "flagged": "ended (flagged)"}
        count = len(self.logged)
        summary = html_list(
            [
                f"{count} hold{'s' if count != 1 else ''} saved.",
                "The next session's targets follow this log.",
            ]
        )
        status = self.ended_status
        ended = "Session complete" if status == "completed" else "Session ended"
        self.title.value = (
            f'<div class="sk-phase sk-phase-done"><span class="sk-kind">Done</span> {ended}</div>'
        )
        self.announce.value = f"{ended}."
        self.cues.value = self.next_up.value = self.watch.value = self.picture.value = ""
        self._show_notices()
        kept = self.message.value if status == "flagged" or self.runner.refused else ""
        self.message.value = (
            f'<div class="sk-done"><b>Session {word.get(status, status)}.</b>{summary}</div>'
            f"{kept}{self._seek_guidance_html(open_=status == 'flagged')}"
        )
        if self.on_finish is not None:
            self.on_finish(self)

    def _seek_guidance_html(self, *, open_: bool) -> str:
        """The articles' list of when to seek professional guidance, offered at every end."""
        guide = self.catalog.guideline("seek-professional-guidance")
        opened = " open" if open_ else ""
        return (
            f'<details class="sk-seek-guidance"{opened}><summary>{escape(guide.title)}'
            f"</summary>{html_list(guide.items)}</details>"
        )

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


def _banner(css: str, title: str, text: str) -> str:
    head = f"<b>{escape(title)}</b> " if title else ""
    return f'<div class="sk-banner {css}">{head}{escape(text)}</div>'


def _watch_html(phase: Phase) -> str:
    """The stretch's common mistakes, safety notes and the client's cautions, in view."""
    if not phase.watch_for:
        return ""
    return f'<div class="sk-watch"><b>Watch for</b>{html_list(phase.watch_for)}</div>'
