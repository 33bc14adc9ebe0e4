"""One session as it is run, in the studio or at home: the timeline on a clock, every hold and
event written to the store as it happens, and the safety rules that hold while a person is
being stretched. The studio timer and the home session only display it.

- *Start* runs on the store as it is now: today's plan (the `todays_plan` service) gives the
  routine's targets, hold bounds, cautions and end-range prompts from the current screening;
  a stretch whose hold moved since the page opened is re-targeted and the timer says why.
- Readiness is read from the store when the session starts, before every phase and when a
  paused session goes on: a health change, a flag, an expired screening, a screening that now
  excludes the stretch, or a revoked link refuses *Start* or stops the session. A re-screen
  saved while the session runs brings the phases still to come within it (never longer).
- A back's pain tapped above the threshold before *Start* refuses it (the rating is kept).
- Numbness or tingling, weakness, sharp pain, and a sensation of 9-10/10 (pain) each end the
  session at once. Each is a flag and a health change: the client is screened again.
- A sensation of 8/10 eases off that stretch's remaining holds in the same session, and it is
  no longer invited further.
- Every session starts with its warm-up, unless the trainer records that the client warmed up
  elsewhere (logged with the session); a warm-up cut short means no "go further" today.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from stretchkit.catalog import Catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.i18n import N_, _, ngettext, use_language
from stretchkit.planning.planner import fit_template
from stretchkit.planning.read_back import EXCLUDED_TODAY, error_said, read_back
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import (
    Phase,
    PhaseTimes,
    Timeline,
    phase_title,
    session_timeline,
    without_end_range,
)
from stretchkit.plurals import plural
from stretchkit.progress.back_feel import BackRating, too_painful_to_start
from stretchkit.screening import Screening
from stretchkit.services.readiness import Readiness, readiness
from stretchkit.services.session_plan import (
    Reference,
    changed_detail,
    changes_text,
    hold_changes,
    reference,
    revised_holds,
    timeline_for,
)
from stretchkit.services.todays_plan import EXCLUDES_EVERY_STRETCH, todays_plan
from stretchkit.session.log import (
    FLAG_GUIDANCE_TEXT,
    FLAG_TEXT,
    PAINFUL,
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

__all__ = [
    "EASE_OFF_DEFAULTS",
    "HOME_WARM_UP_CUT",
    "LINK_REVOKED",
    "STARTED_CHANGED",
    "WARM_UP_CUT",
    "GuidedSession",
    "Notice",
    "NoticeKind",
]

LINK_REVOKED = N_("This link is no longer valid: ask your trainer for a new one.")
STARTED_CHANGED = N_("Hold targets changed since this page opened")
RUNNING_CHANGED = N_("Hold targets changed during the session")
_EASE_OFF_DEFAULTS = N_(
    "(counting {rating}/10 as too intense, and the {step} s step, are stretchkit's own defaults)"
)
EASE_OFF_DEFAULTS = _EASE_OFF_DEFAULTS.format(rating=TOO_INTENSE, step=STEP_S)
WARM_UP_CUT = N_(
    "The warm-up was cut short: \u201cCan you go a little further?\u201d is not asked today; "
    "start every stretch very gently (stretchkit's own reading of the articles' warm-up)."
)
HOME_WARM_UP_CUT = N_(
    "The warm-up was cut short: you will not be asked to go further today; start every "
    "stretch very gently."
)
NoticeKind = Literal[
    "refused",
    "too-painful",
    "not-ready",
    "numbness-tingling",
    "sharp-pain",
    "weakness",
    "painful",
    "eased-off",
    "plan-changed",
    "error",
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
        self.today, self.link_valid, self.times = today, link_valid, times
        self._own_timeline = timeline is not None
        planned = timeline or session_timeline(
            routine.planned(), catalog, routine.warm_up_min, times
        )
        self.runner = SessionRunner(planned, clock, gate=self._gate)
        self.session_id: int | None = None
        self.ended_status: SessionStatus | None = None
        self.logged: list[LoggedHold] = []
        self.notices: list[Notice] = []
        self._own_changes: set[int] = set()
        self._eased: set[int] = set()
        self._painful: set[int] = set()
        self._gentle_today: set[str] = set()  # stretches no longer invited further today
        self._refused_feel: tuple[int, int] | None = None
        self._changed_at_start = ""
        self.stop_asked: int | None = None
        """The id of the phase on which Stop was tapped, while "End the session?" is asked."""
        self._paused_to_ask = False

    # -- readiness ----------------------------------------------------------------------------

    def _ready(self) -> Readiness:
        """Readiness from the store; once the session is open, its checks are part of the
        session's one access-log entry."""
        with self.store.access_log.covered() if self.session_id else nullcontext():
            return readiness(
                self.store,
                self.catalog,
                self.client_id,
                self.today(),
                ignore_changes=frozenset(self._own_changes),
            )

    def why_not_ready(self, stretch_id: str = "") -> str:
        """'' when the client may be stretched now (from the store), else why not, in words."""
        return self._why_not(self._ready() if self.link_valid() else None, stretch_id)

    def _why_not(self, ready: Readiness | None, stretch_id: str) -> str:
        if ready is None:
            return LINK_REVOKED
        if not ready.ready or ready.screening is None:
            return ready.message
        if stretch_id and ready.screening.decision(stretch_id).decision == "excluded":
            name = self.catalog.stretch(stretch_id).name
            return EXCLUDED_TODAY.format(name=name)
        return ""

    def _gate(self, phase: Phase) -> bool:
        """Asked before every phase: stop there when the client is not ready, else bring the
        phases still to come within the current screening."""
        return self._allowed(phase, self.runner.index)

    def _allowed(self, phase: Phase, first: int) -> bool:
        if self.session_id is None:
            return True
        ready = self._ready() if self.link_valid() else None
        why = self._why_not(ready, phase.stretch_id)
        if why:
            self._notice("not-ready", _("Session stopped: {why}").format(why=_(why)))
            with use_language("en"):  # the record keeps it in English
                why = self._why_not(ready, phase.stretch_id)
            self._record(SessionEvent("not-ready", phase.stretch_id, why))
            return False
        assert ready is not None and ready.screening is not None
        self._follow(ready.screening, first)
        return True

    # -- following the current screening ------------------------------------------------------

    def _follow(self, screening: Screening, first: int) -> None:
        """Bring the phases from `first` on within the current screening; say what moved."""
        fitted, ref = reference(self.routine, screening, self.catalog, self.times)
        moves = revised_holds(self.runner.revise(lambda p: self._fit(ref, p), first))
        if moves:
            said = changes_text(
                RUNNING_CHANGED, screening, (self.routine, fitted), moves, self.catalog
            )
            self._notice("plan-changed", said)
            self._record(SessionEvent("plan-changed", "", changed_detail(screening, moves)))

    def _fit(self, ref: Reference, phase: Phase) -> Phase:
        fitted = ref.fit(phase)
        if phase.stretch_id in self._gentle_today or "" in self._gentle_today:
            fitted = without_end_range(fitted)
        return fitted

    def _take_todays_plan(self) -> str:
        """At Start: today's plan from the store, the timeline rebuilt from it; what changed is
        said (and logged once the session opens). Returns why there is nothing to run ('' when
        there is)."""
        plan = todays_plan(self.store, self.catalog, self.client_id, self.today())
        screening = plan.screening or self._ready().screening
        if screening is None:
            return plan.message
        fresh = plan.routine or fit_template(self.routine, screening, self.catalog)
        if not fresh.items and not self._own_timeline:
            return EXCLUDES_EVERY_STRETCH
        before = self.runner.timeline
        self._rebuild(fresh, screening)
        moves = hold_changes(before, self.runner.timeline)
        if moves:
            plans = (self.routine, fresh)
            said = changes_text(STARTED_CHANGED, screening, plans, moves, self.catalog)
            self._notice("plan-changed", said)
            self._changed_at_start = changed_detail(screening, moves)
        self.routine, self.routine_id = fresh, plan.routine_id or self.routine_id
        return ""

    def _rebuild(self, fresh: Routine, screening: Screening) -> None:
        """The timeline of today's plan; a timeline the caller gave is brought within it."""
        if self._own_timeline:
            ref = reference(fresh, screening, self.catalog, self.times)[1]
            self.runner.revise(ref.fit, 0)
            return
        timeline = timeline_for(fresh, screening, self.catalog, self.times)
        self.runner = SessionRunner(timeline, self.runner.clock, gate=self._gate)

    # -- the session --------------------------------------------------------------------------

    def start(
        self, *, warmed_up_elsewhere: bool = False, feel: BackRating | None = None
    ) -> list[Event]:
        """Check the back's pain and readiness from the store, take today's plan, open the
        session and start its first phase; refused with a notice when the client may not be
        stretched now. A back rating given is kept (with the session, or on its own). The
        session's one access-log entry is written with it (holds add none); a refused start
        leaves one entry that the screening was read."""
        if self.runner.state != "ready":
            return []
        with self.store.access_log.recorded("session-logged") as entry:
            events = self._open(warmed_up_elsewhere, feel)
            entry.client_id = self.client_id
            if self.session_id is None:
                entry.kind, entry.detail = "screening-read", "session not started"
            return events

    def _open(self, warmed_up_elsewhere: bool, feel: BackRating | None) -> list[Event]:
        refusal = too_painful_to_start(feel, self.catalog)
        why = self.why_not_ready()
        if refusal is not None or why:
            self._refuse(refusal, why, feel)
            return []
        nothing = self._take_todays_plan()
        if nothing:
            self._notice("refused", _("Not started: {why}").format(why=read_back(nothing)))
            return []
        if warmed_up_elsewhere:
            self._skip_warm_up()
        saved = self.store.sessions.start(self.client_id, self.routine_id, self.place)
        self.session_id = saved.id
        if warmed_up_elsewhere:
            self._record(SessionEvent("warm-up-elsewhere"))
        if self._changed_at_start:
            self._record(SessionEvent("plan-changed", "", self._changed_at_start))
        self._keep_feel(feel, saved.id)
        return self._handle(self.runner.start())

    def _refuse(self, refusal: str | None, why: str, feel: BackRating | None) -> None:
        if refusal is not None:
            self._notice("too-painful", refusal)
            if feel is not None and (feel.stiffness, feel.pain) != self._refused_feel:
                self._keep_feel(feel, None)
                self._refused_feel = (feel.stiffness, feel.pain)
            return
        self._notice("refused", _("Not started: {why}").format(why=read_back(why)))

    def _keep_feel(self, feel: BackRating | None, session_id: int | None) -> None:
        """Save how the back felt; a store that refuses it is told, never hidden."""
        if feel is None:
            return
        try:
            self.store.back_ratings.add(self.client_id, feel, session_id)
        except StretchkitError as e:
            said = _("Back rating not saved: {error}").format(error=error_said(e))
            self._notice("error", said)

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
        """Pause a running countdown or resume a paused one (not while Stop asks)."""
        if self.stop_asked is not None:
            return []
        if self.runner.state == "paused":
            return self._resume()
        return self._handle(self.runner.pause())

    def _resume(self) -> list[Event]:
        """Go on after a pause, asking the store first, as before every phase: a change
        reported while the session stood still stops it here."""
        if not self._allowed(self.runner.phase, self.runner.index + 1):
            return self._handle(self.runner.stop())
        return self._handle(self.runner.resume())

    @property
    def phase_id(self) -> int:
        """The current phase's id (its place in the timeline): a tap carries the id of the
        phase the person saw, so that it acts on that phase and no other."""
        return self.runner.index

    def _seen(self, phase_id: int | None) -> bool:
        """True when a tap made on phase `phase_id` (None: unknown) is about the current one."""
        return phase_id is None or phase_id == self.runner.index

    def skip(self, phase_id: int | None = None) -> list[Event]:
        """End the current phase now (a hold is logged with the seconds actually held); a
        warm-up cut short means nobody is invited further today. A tap made on a phase that
        has ended since is ignored: a Skip of the get-ready never logs a 0 s hold."""
        runner = self.runner
        if not self._seen(phase_id) or self.stop_asked is not None:
            return []
        cut = runner.state in ("running", "paused") and runner.phase.kind == "warm-up"
        if cut and runner.remaining() >= 1 and "" not in self._gentle_today:
            said = WARM_UP_CUT if self.place == "studio" else HOME_WARM_UP_CUT
            self._no_further("", _(said))
        return self._handle(self.runner.skip())

    def ask_stop(self, phase_id: int | None = None) -> list[Event]:
        """Stop was tapped: the countdown pauses and the session asks "End the session?"
        once (a second tap while it asks changes nothing)."""
        if not self.running or self.stop_asked is not None:
            return []
        self.stop_asked = self.runner.index if phase_id is None else phase_id
        self._paused_to_ask = self.runner.state == "running"
        return self._handle(self.runner.pause())

    def keep_going(self) -> list[Event]:
        """The person chose not to end the session: it goes on as it was before Stop."""
        if self.stop_asked is None:
            return []
        self.stop_asked = None
        return self._resume() if self._paused_to_ask else []

    def stop(self, phase_id: int | None = None) -> list[Event]:
        """End the session now; everything logged so far is kept. Asked on a phase that has
        ended since, the phase begun after it is not logged (nothing of it was held)."""
        if phase_id is None and self.stop_asked is not None:
            phase_id = self.stop_asked
        self.stop_asked = None
        return self._handle(self.runner.stop(end_phase=self._seen(phase_id)))

    @property
    def running(self) -> bool:
        """True while the session runs or is paused."""
        return self.runner.state in ("running", "paused")

    def _no_further(self, stretch_id: str, said: str = "") -> None:
        """No "go further" prompt for the rest of a stretch ('' : of the session)."""
        self._gentle_today.add(stretch_id)
        self.runner.revise(
            lambda p: without_end_range(p) if stretch_id in ("", p.stretch_id) else p,
            self.runner.index,
            words_only=True,
        )
        if said:
            self._notice("eased-off", said)

    # -- flags --------------------------------------------------------------------------------

    def flag(self, kind: FlagKind) -> list[Event]:
        """Numbness or tingling, weakness, sharp pain or pain rated 9-10/10: the session ends
        at once, and the flag is a health change (the client is screened again)."""
        if self.session_id is None or not self.running:
            return []
        current = self.runner.phase
        events = self.runner.stop()
        out = self._handle([e for e in events if isinstance(e, HoldEnded)])
        last = self.logged[-1] if self.logged else None
        stretch = current.stretch_id
        hold = last if last and stretch and last.entry.stretch_id == stretch else None
        with use_language("en"):  # the note is the trainer's, in the log's English
            title = phase_title(current, self.catalog)
        self._flag_store(kind, stretch, f"{FLAG_TEXT[kind]} during {title}", hold)
        return out + self._handle([e for e in events if not isinstance(e, HoldEnded)])

    def _flag_store(
        self, kind: FlagKind, stretch_id: str, note: str, hold: LoggedHold | None
    ) -> None:
        """Flag the session (and the hold, when given): a health change the session itself
        does not stop on; the event and what to do now are said."""
        assert self.session_id is not None
        hold_id = hold.id if hold is not None else None
        self._own_changes.add(self.store.sessions.flag(self.session_id, hold_id, note))
        if hold is not None:
            at = next(n for n, h in enumerate(self.logged) if h.id == hold.id)
            self.logged[at] = replace(hold, entry=replace(hold.entry, flagged=True))
        self._record(SessionEvent(kind, stretch_id, note))
        self._notice(kind, _(FLAG_GUIDANCE_TEXT[self.place][kind]))

    # -- holds --------------------------------------------------------------------------------

    def rate(self, held_s: int, sensation: int | None) -> LoggedHold:
        """Correct the last hold's seconds and sensation: 9-10/10 is pain and ends the session,
        8/10 eases off at once."""
        last = self.logged[-1]
        self.logged[-1] = self.store.sessions.correct_hold(last.id, held_s, sensation)
        if sensation is not None and sensation >= PAINFUL and last.id not in self._painful:
            self._painful.add(last.id)
            self._pain_rated(self.logged[-1])
        elif sensation is not None and sensation >= TOO_INTENSE and last.id not in self._eased:
            self._eased.add(last.id)
            self._ease_off(self.logged[-1])
        return self.logged[-1]

    def _pain_rated(self, hold: LoggedHold) -> None:
        """A hold rated 9-10/10 was painful: a flag on that hold, and the session ends (one
        already over is flagged all the same)."""
        events = self.runner.stop()
        self._handle([e for e in events if isinstance(e, HoldEnded)])
        entry = hold.entry
        name = self.catalog.stretch(entry.stretch_id).name
        note = f"{FLAG_TEXT['painful']}: {entry.sensation}/10 in {name}"
        self._flag_store("painful", entry.stretch_id, note, hold)
        self._handle([e for e in events if not isinstance(e, HoldEnded)])
        if self.session_id is not None and not events:
            self.ended_status = self.store.sessions.get(self.session_id).status

    def _ease_off(self, hold: LoggedHold) -> None:
        """Lower the target of the stretch's remaining holds by a step (within its range), and
        invite it no further today."""
        entry = hold.entry
        name = self.catalog.stretch(entry.stretch_id).name
        low = self.routine.item(entry.stretch_id).prescription.bounds.min_s
        eased = max(low, entry.target_s - STEP_S)
        note = _("Ease off: the last hold was {rating}/10, too intense; use less force.").format(
            rating=entry.sensation
        )
        changed = self.runner.retarget(entry.stretch_id, eased, note)
        self._no_further(entry.stretch_id)
        said = _("Sensation {rating}/10 is too intense: ease off at once.").format(
            rating=entry.sensation
        )
        shown = catalog_text(name)
        if changed:
            logged = f"{changed} {plural(changed, 'hold')}"  # the log's English
            detail = f"{logged} of {name} now {eased} s (were up to {entry.target_s} s)"
            remaining = ngettext(
                "The remaining %(num)d hold of {stretch} now {eased} s (was up to {target} s), and "
                "it is not taken further today.",
                "The remaining %(num)d holds of {stretch} now {eased} s (were up to {target} s), "
                "and it is not taken further today.",
                changed,
            ) % {"num": changed}
            said += " " + remaining.format(stretch=shown, eased=eased, target=entry.target_s)
        else:
            detail = f"no hold of {name} left today; its next target comes down"
            said += " " + _(
                "No hold of {stretch} is left today; its next session's target comes down."
            ).format(stretch=shown)
        defaults = _(_EASE_OFF_DEFAULTS).format(rating=TOO_INTENSE, step=STEP_S)
        own = f" {defaults}" if self.place == "studio" else ""
        self._notice("eased-off", f"{said}{own}")
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
                said = (
                    _("Hold not saved: {error}")
                    if isinstance(event, HoldEnded)
                    else _("Session end not saved: {error}")
                )
                self._notice("error", said.format(error=error_said(e)))
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
        self.stop_asked = None
        self.ended_status = self.store.sessions.finish(self.session_id, status).status

    def _record(self, event: SessionEvent) -> None:
        if self.session_id is not None:
            self.store.sessions.record_event(self.session_id, event)

    def _notice(self, kind: NoticeKind, text: str) -> None:
        self.notices.append(Notice(kind, text))
