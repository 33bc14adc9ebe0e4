"""One session as it is run, in the studio or at home: the timeline on a clock, every hold and
event written to the store as it happens, and the safety rules that hold while a person is
being stretched. The studio timer and the home session only display it.

- Readiness is read from the store when the session starts, before every phase and when a
  paused session goes on: a
  health change, a flag, an expired screening, a screening that now excludes the stretch, or
  a revoked link reported after the page was opened refuses *Start* or stops the session.
- Numbness or tingling ends the session at once; its screening ends until a re-screen.
- Sharp pain ends the stretch at once. In the studio the trainer then chooses to end the
  session or go on with the next stretch (the choice is logged); at home the session ends.
  Both are flags: the attention list shows them and the client is screened again.
- A sensation of 8/10 or more eases off that stretch's remaining holds in the same session.
- Every session starts with its warm-up, unless the trainer records that the client warmed up
  elsewhere (logged with the session).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from stretchkit.catalog import Catalog
from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import Phase, PhaseTimes, Timeline, session_timeline
from stretchkit.services.readiness import readiness
from stretchkit.session.log import (
    FLAG_TEXT,
    FlagKind,
    HoldEntry,
    LoggedHold,
    Place,
    SessionEvent,
    SessionStatus,
)
from stretchkit.session.runner import Clock, Event, Finished, HoldEnded, SessionRunner
from stretchkit.session.targets import STEP_S, TOO_INTENSE
from stretchkit.store.protocol import ProgressStore

__all__ = ["LINK_REVOKED", "GuidedSession", "Notice", "NoticeKind"]

LINK_REVOKED = "This link is no longer valid: ask your trainer for a new one."
NoticeKind = Literal[
    "refused", "not-ready", "numbness-tingling", "sharp-pain", "eased-off", "error"
]


@dataclass(frozen=True)
class Notice:
    """Something the person running the session must read now."""

    kind: NoticeKind
    text: str


class GuidedSession:
    """Run one session of a routine for a client, recording it and applying the rules."""

    def __init__(
        self,
        store: ProgressStore,
        catalog: Catalog,
        client_id: int,
        routine: Routine,
        *,
        routine_id: int | None = None,
        place: Place = "studio",
        clock: Clock = time.monotonic,
        today: Callable[[], date] = date.today,
        times: PhaseTimes | None = None,
        timeline: Timeline | None = None,
        link_valid: Callable[[], bool] = lambda: True,
    ) -> None:
        self.store, self.catalog, self.client_id = store, catalog, client_id
        self.routine, self.routine_id, self.place = routine, routine_id, place
        self.today, self.link_valid = today, link_valid
        planned = timeline or session_timeline(
            routine.planned(), catalog, routine.warm_up_min, times
        )
        self.runner = SessionRunner(planned, clock, gate=self._gate)
        self.session_id: int | None = None
        self.ended_status: SessionStatus | None = None
        self.logged: list[LoggedHold] = []
        self.notices: list[Notice] = []
        self.awaiting_choice = ""  # the stretch sharp pain ended, until the trainer chooses
        self._own_changes: set[int] = set()
        self._eased: set[int] = set()

    # -- readiness ----------------------------------------------------------------------------

    def why_not_ready(self, stretch_id: str = "") -> str:
        """'' when the client may be stretched now (from the store), else why not, in words."""
        if not self.link_valid():
            return LINK_REVOKED
        ready = readiness(
            self.store,
            self.catalog,
            self.client_id,
            self.today(),
            ignore_changes=frozenset(self._own_changes),
        )
        if not ready.ready or ready.screening is None:
            return ready.message
        if stretch_id and ready.screening.decision(stretch_id).decision == "excluded":
            name = self.catalog.stretch(stretch_id).name
            return f"The current screening excludes {name}: it is not stretched today."
        return ""

    def _gate(self, phase: Phase) -> bool:
        """Asked by the runner before every phase: stop there when the client is not ready."""
        if self.session_id is None:
            return True
        why = self.why_not_ready(phase.stretch_id)
        if not why:
            return True
        self._notice("not-ready", f"Session stopped: {why}")
        self._record(SessionEvent("not-ready", phase.stretch_id, why))
        return False

    # -- the session --------------------------------------------------------------------------

    def start(self, *, warmed_up_elsewhere: bool = False) -> list[Event]:
        """Check readiness from the store, open the session and start its first phase; refused
        with a notice when the client may not be stretched now."""
        if self.runner.state != "ready":
            return []
        why = self.why_not_ready()
        if why:
            self._notice("refused", f"Not started: {why}")
            return []
        if warmed_up_elsewhere:
            self._skip_warm_up()
        saved = self.store.sessions.start(self.client_id, self.routine_id, self.place)
        self.session_id = saved.id
        if warmed_up_elsewhere:
            self._record(SessionEvent("warm-up-elsewhere"))
        return self._handle(self.runner.start())

    def _skip_warm_up(self) -> None:
        phases = tuple(p for p in self.runner.timeline.phases if p.kind != "warm-up")
        if not phases:
            raise ValidationError("routine", "empty", "a session needs at least one stretch")
        runner = self.runner
        self.runner = SessionRunner(Timeline(phases), runner.clock, gate=self._gate)

    def tick(self) -> list[Event]:
        """End every phase whose time is up."""
        return self._handle(self.runner.tick())

    def pause_or_resume(self) -> list[Event]:
        """Pause a running countdown or resume a paused one; never past a pending choice."""
        if self.awaiting_choice:
            return []
        if self.runner.state == "paused":
            return self._resume()
        return self._handle(self.runner.pause())

    def _resume(self) -> list[Event]:
        """Go on after a pause, asking the store first, as before every phase: a change
        reported while the session stood still stops it here."""
        if not self._gate(self.runner.phase):
            return self._handle(self.runner.stop())
        return self._handle(self.runner.resume())

    def skip(self) -> list[Event]:
        """End the current phase now (a hold is logged with the seconds actually held)."""
        if self.awaiting_choice:
            return []
        return self._handle(self.runner.skip())

    def stop(self) -> list[Event]:
        """End the session now; everything logged so far is kept."""
        if self.awaiting_choice:
            return self.end_after_pain()
        return self._handle(self.runner.stop())

    @property
    def running(self) -> bool:
        """True while the session runs or is paused."""
        return self.runner.state in ("running", "paused")

    # -- flags --------------------------------------------------------------------------------

    def flag(self, kind: FlagKind) -> list[Event]:
        """Numbness or tingling ends the session; sharp pain ends the stretch (in the studio
        the trainer then chooses how to go on; at home the session ends). Both are flags."""
        if self.session_id is None or not self.running:
            return []
        current = self.runner.phase
        ends_session = kind == "numbness-tingling" or self.place == "home"
        if ends_session:
            events = self.runner.stop()
        elif current.stretch_id:
            events = self.runner.skip_stretch()
        else:
            events = []
        holds: list[Event] = [e for e in events if isinstance(e, HoldEnded)]
        out = self._handle(holds)
        self._flag_store(kind, current)
        rest: list[Event] = [e for e in events if not isinstance(e, HoldEnded)]
        if not ends_session and self.running:
            self.runner.pause()
            self.awaiting_choice = current.stretch_id or "warm-up"
        out += self._handle(rest)
        return out

    def _flag_store(self, kind: FlagKind, at: Phase) -> None:
        assert self.session_id is not None
        last = self.logged[-1] if self.logged else None
        on_hold = last is not None and at.stretch_id and last.entry.stretch_id == at.stretch_id
        hold_id = last.id if on_hold and last is not None else None
        note = f"{FLAG_TEXT[kind]} during {at.title}"
        self._own_changes.add(self.store.sessions.flag(self.session_id, hold_id, note))
        if hold_id is not None and last is not None:
            self.logged[-1] = replace(last, entry=replace(last.entry, flagged=True))
        self._record(SessionEvent(kind, at.stretch_id, at.title))
        self._notice(kind, FLAG_TEXT[kind])

    def go_on(self) -> list[Event]:
        """After sharp pain, the trainer chose to go on with the next stretch (logged)."""
        if not self.awaiting_choice:
            return []
        self._record(SessionEvent("went-on", self.awaiting_choice))
        self.awaiting_choice = ""
        return self._resume()

    def end_after_pain(self) -> list[Event]:
        """After sharp pain, the trainer chose to end the session (logged)."""
        if not self.awaiting_choice:
            return []
        self._record(SessionEvent("ended-after-pain", self.awaiting_choice))
        self.awaiting_choice = ""
        return self._handle(self.runner.stop())

    # -- holds --------------------------------------------------------------------------------

    def rate(self, held_s: int, sensation: int | None) -> LoggedHold:
        """Correct the last hold's seconds and sensation; 8/10 or more eases off at once."""
        last = self.logged[-1]
        self.logged[-1] = self.store.sessions.correct_hold(last.id, held_s, sensation)
        if sensation is not None and sensation >= TOO_INTENSE and last.id not in self._eased:
            self._eased.add(last.id)
            self._ease_off(self.logged[-1])
        return self.logged[-1]

    def _ease_off(self, hold: LoggedHold) -> None:
        """Lower the target of the stretch's remaining holds by a step (within its range)."""
        entry = hold.entry
        name = self.catalog.stretch(entry.stretch_id).name
        low = self.routine.item(entry.stretch_id).prescription.bounds.min_s
        eased = max(low, entry.target_s - STEP_S)
        note = f"Ease off: the last hold was {entry.sensation}/10, too intense; use less force."
        changed = self.runner.retarget(entry.stretch_id, eased, note)
        said = f"Sensation {entry.sensation}/10 is too intense: ease off at once."
        if changed:
            detail = f"{changed} hold(s) of {name} now {eased} s (were up to {entry.target_s} s)"
            said += f" The remaining {detail}."
        else:
            detail = f"no hold of {name} left today; its next target comes down"
            said += f" No hold of {name} is left today; its next session's target comes down."
        self._notice("eased-off", said)
        self._record(SessionEvent("eased-off", entry.stretch_id, detail))

    # -- recording ----------------------------------------------------------------------------

    def _handle(self, events: list[Event]) -> list[Event]:
        """Record what the runner did; a store that refuses a write is told, never hidden."""
        for event in events:
            try:
                if isinstance(event, HoldEnded):
                    self._log(event)
                elif isinstance(event, Finished):
                    self._finish(event)
            except StretchkitError as e:
                what = "Hold" if isinstance(event, HoldEnded) else "Session end"
                self._notice("error", f"{what} not saved: {e}")
        return events

    def _log(self, event: HoldEnded) -> None:
        assert self.session_id is not None
        phase = event.phase
        entry = HoldEntry(
            phase.stretch_id, phase.side, phase.rep, phase.reps, phase.duration_s, event.held_s
        )
        self.logged.append(self.store.sessions.log_hold(self.session_id, entry))

    def _finish(self, event: Finished) -> None:
        assert self.session_id is not None
        status: SessionStatus = "stopped" if event.stopped else "completed"
        self.ended_status = self.store.sessions.finish(self.session_id, status).status

    def _record(self, event: SessionEvent) -> None:
        if self.session_id is not None:
            self.store.sessions.record_event(self.session_id, event)

    def _notice(self, kind: NoticeKind, text: str) -> None:
        self.notices.append(Notice(kind, text))
