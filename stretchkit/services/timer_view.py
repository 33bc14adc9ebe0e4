"""What the session timer shows, as plain values: the phase and its cues, the countdown, which
buttons are shown and enabled, the notices with their severity, the end of the session and
the list of when to seek professional guidance.

Every word the timer (in the studio or at home) says comes from here or from the core; the
widget only maps these values onto its parts. Nothing here reads the clock or imports a widget
library: `timer_state` takes what a `GuidedSession` holds now, and the view functions are pure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from stretchkit.catalog import Catalog, Stretch
from stretchkit.catalog.translations import catalog_text, is_translated
from stretchkit.i18n import DEFAULT_LANGUAGE, N_, _, current_language
from stretchkit.planning.timeline import (
    END_RANGE_PROMPT,
    WARM_UP_PARTNER_OWN,
    Phase,
    asks_further,
    duration_text,
)
from stretchkit.plurals import counted
from stretchkit.services.guided_session import GuidedSession, Notice, NoticeKind
from stretchkit.session.log import (
    SENSATION_SCALE_TEXT,
    FlagKind,
    HoldEntry,
    LoggedHold,
    Place,
    SessionStatus,
)
from stretchkit.session.runner import RunnerState

__all__ = [
    "KIND_LABEL",
    "STOP_QUESTION",
    "ButtonView",
    "ControlsView",
    "CountdownView",
    "DoneView",
    "NoticeView",
    "PhaseView",
    "TimerState",
    "clock_text",
    "controls_view",
    "countdown_view",
    "done_view",
    "feel_intro",
    "last_hold_text",
    "notice_view",
    "phase_view",
    "sensation_scale",
    "timer_state",
    "warmed_up_label",
]

KIND_LABEL = {
    "warm-up": N_("Warm-up"),
    "get-ready": N_("Get ready"),
    "hold": N_("Hold"),
    "release": N_("Release"),
    "rest": N_("Rest"),
    "switch-side": N_("Switch sides"),
}
"""Each phase kind as the timer names it (in English: translated where shown)."""

_PICTURED: dict[str, Literal["start", "stretched"]] = {"get-ready": "start", "hold": "stretched"}
"""Which position the timer shows large in each phase."""

_WITH_STRETCH = ("get-ready", "hold")
"""The phases that show the stretch's steps and what to watch for."""

Severity = Literal["danger", "warning", "info", "error"]
FLAG_BUTTONS: tuple[tuple[FlagKind, str, str], ...] = (
    ("numbness-tingling", N_("Numbness / tingling: end session"), "exclamation-triangle"),
    ("weakness", N_("Weakness: end session"), "exclamation-circle"),
    ("sharp-pain", N_("Sharp pain: end session"), "hand-paper-o"),
)
"""The flag buttons, in the order shown: the kind each flags, its label and its icon."""


def clock_text(seconds: float) -> str:
    """A countdown as 'm:ss', rounded up so it reads 0:00 only at the very end."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass(frozen=True)
class TimerState:
    """What a guided session holds now, as far as the timer shows it."""

    phase: Phase
    upcoming: Phase | None
    state: RunnerState
    remaining_s: float
    elapsed_s: float
    total_s: int
    place: Place = "studio"
    notices: tuple[Notice, ...] = ()
    logged: tuple[LoggedHold, ...] = ()
    ended_status: SessionStatus | None = None
    started: bool = False
    refused: bool = False
    """True when the readiness check before a phase stopped the session."""
    phase_id: int = 0
    """The current phase's id: a Skip or Stop tap carries the id of the phase it was made on."""
    stop_asked: bool = False
    """True while Stop asks "End the session?"."""


def timer_state(session: GuidedSession) -> TimerState:
    """The session's state now (the only place that asks its runner)."""
    runner = session.runner
    phases = runner.timeline.phases
    return TimerState(
        phase=runner.phase,
        upcoming=phases[runner.index + 1] if runner.index + 1 < len(phases) else None,
        state=runner.state,
        remaining_s=runner.remaining(),
        elapsed_s=runner.elapsed(),
        total_s=runner.timeline.total_s,
        place=session.place,
        notices=tuple(session.notices),
        logged=tuple(session.logged),
        ended_status=session.ended_status,
        started=session.session_id is not None,
        refused=runner.refused is not None,
        phase_id=session.phase_id,
        stop_asked=session.stop_asked is not None,
    )


# -- the phase ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseView:
    """The texts that change once per phase (or once, when the session ends)."""

    kind: str
    """The phase's kind, or 'done' once the session has ended."""
    label: str
    title: str
    announce: str
    client_cue: str = ""
    partner_cue: str = ""
    end_range: str = ""
    """'Can you go a little further?' when the partner asks it in this phase, else ''."""
    breathing: str = ""
    steps: tuple[str, ...] = ()
    watch_for: tuple[str, ...] = ()
    stretch_id: str = ""
    picture: Literal["start", "stretched"] | None = None
    next_text: str = ""


def phase_view(state: TimerState, catalog: Catalog) -> PhaseView:
    """The phase as the timer names it, with its cues; the end of the session once ended."""
    if state.started and state.ended_status is not None:
        done = state.ended_status == "completed"
        ended = _("Session complete") if done else _("Session ended")
        return PhaseView("done", _("Done"), ended, f"{ended}.")
    phase = state.phase
    label = _(KIND_LABEL[phase.kind])
    with_stretch = phase.kind in _WITH_STRETCH and bool(phase.stretch_id)
    return PhaseView(
        kind=phase.kind,
        label=label,
        title=phase.title,
        announce=f"{label}: {phase.title}, {duration_text(phase.duration_s)}.",
        client_cue=phase.cue,
        partner_cue=_partner_cue(phase, state.place),
        end_range=catalog_text(END_RANGE_PROMPT) if asks_further(phase) else "",
        breathing=phase.breathing,
        steps=_steps(catalog, phase.stretch_id, state.place) if with_stretch else (),
        watch_for=_watch_for(catalog, phase, state.place) if phase.kind in _WITH_STRETCH else (),
        stretch_id=phase.stretch_id,
        picture=_PICTURED.get(phase.kind) if phase.stretch_id else None,
        next_text=_next_text(state.upcoming),
    )


def _partner_cue(phase: Phase, place: Place) -> str:
    """The partner's cue; at home without the note of where it comes from (the trainer's
    screens keep it)."""
    if place != "home":
        return phase.partner_prompt
    return phase.partner_prompt.replace(_(WARM_UP_PARTNER_OWN), "").strip()


def _steps(catalog: Catalog, stretch_id: str, place: Place) -> tuple[str, ...]:
    """The stretch's steps: the article's in the studio, said to the client at home (in
    another language, the article's as translated where the client's own are not yet)."""
    stretch = catalog.stretch(stretch_id)
    english = current_language() == DEFAULT_LANGUAGE
    if place == "home" and stretch.to_client is not None:
        said = tuple(catalog_text(step) for step in stretch.to_client.steps)
        if english or all(map(is_translated, stretch.to_client.steps)):
            return said
    return stretch.steps if english else tuple(catalog_text(step) for step in stretch.steps)


def _watch_for(catalog: Catalog, phase: Phase, place: Place) -> tuple[str, ...]:
    """What to watch for: in English as the timeline holds it; in another language, the
    stretch's safety notes as said to the client (their translated wording: the same note,
    which the trainer in the studio passes on), then the screening's cautions."""
    if not phase.stretch_id or current_language() == DEFAULT_LANGUAGE:
        return phase.watch_for
    stretch = catalog.stretch(phase.stretch_id)
    notes = set(stretch.safety_notes)
    return tuple(
        _note(stretch, note, place) if note in notes else _(note) for note in phase.watch_for
    )


def _note(stretch: Stretch, note: str, place: Place) -> str:
    """A safety note of the stretch in the reader's language: at home as said to the client;
    in the studio the article's own note where it has a translation, else as said to the
    client (the translated wording of the same note)."""
    if place == "studio" and is_translated(note):
        return catalog_text(note)
    return catalog_text(stretch.for_client(note))


def _next_text(upcoming: Phase | None) -> str:
    if upcoming is None:
        return _("Last step of the session.")
    return _("Next: {title} ({duration})").format(
        title=upcoming.title, duration=duration_text(upcoming.duration_s)
    )


# -- the countdown and the buttons ----------------------------------------------------------


@dataclass(frozen=True)
class CountdownView:
    """The texts that change every second."""

    text: str
    kind: str
    state: RunnerState
    elapsed_s: float
    total_s: int
    left_text: str


def countdown_view(state: TimerState) -> CountdownView:
    """The countdown ('m:ss'), the phase kind and runner state it is styled by, the time left."""
    left = duration_text(state.total_s - state.elapsed_s)
    return CountdownView(
        clock_text(state.remaining_s),
        state.phase.kind,
        state.state,
        state.elapsed_s,
        state.total_s,
        _("{left} left of {total}").format(left=left, total=duration_text(state.total_s)),
    )


@dataclass(frozen=True)
class ButtonView:
    """One button: its label and icon, and whether it is shown and can be pressed."""

    label: str
    icon: str
    enabled: bool
    shown: bool = True


@dataclass(frozen=True)
class ControlsView:
    """The timer's buttons and the 'warmed up elsewhere' tick."""

    start: ButtonView
    pause: ButtonView
    skip: ButtonView
    stop: ButtonView
    flags: tuple[tuple[FlagKind, ButtonView], ...]
    """Each flag button with the kind it flags, in the order shown."""
    warmed_up: ButtonView
    feel_shown: bool
    stop_question: str = ""
    """'End the session? ...' while Stop asks, else ''."""
    end: ButtonView = ButtonView("End session", "stop", False, shown=False)
    keep_going: ButtonView = ButtonView("Keep going", "play", False, shown=False)


STOP_QUESTION = N_("End the session? The holds logged so far are kept.")
"""What Stop asks, once, before the session ends."""


def controls_view(state: TimerState) -> ControlsView:
    """Start only before the session; the others only while it runs or is paused. While Stop
    asks "End the session?", only its answers and the safety flags can be pressed."""
    going = state.state in ("running", "paused")
    paused = state.state == "paused" and not state.stop_asked
    ready = state.state == "ready"
    asked = going and state.stop_asked
    free = going and not asked
    flags = tuple((kind, ButtonView(_(label), icon, going)) for kind, label, icon in FLAG_BUTTONS)
    return ControlsView(
        start=ButtonView(_("Start"), "play", ready),
        pause=ButtonView(
            _("Resume") if paused else _("Pause"), "play" if paused else "pause", free
        ),
        skip=ButtonView(_("Skip"), "forward", free),
        stop=ButtonView(_("Stop"), "stop", free),
        flags=flags,
        warmed_up=ButtonView(warmed_up_label(state.place), "", ready, shown=ready),
        feel_shown=not state.started,
        stop_question=_(STOP_QUESTION) if asked else "",
        end=ButtonView(_("End session"), "stop", asked, shown=asked),
        keep_going=ButtonView(_("Keep going"), "play", asked, shown=asked),
    )


def warmed_up_label(place: Place) -> str:
    """The 'warmed up elsewhere' tick's label, said to the client at home."""
    if place == "home":
        return _("I warmed up already (skip the warm-up; it is logged)")
    return _("The client warmed up elsewhere (skip the warm-up; it is logged)")


def feel_intro(place: Place) -> str:
    """The line above the back's stiffness and pain before Start."""
    who = _("How does your back feel?") if place == "home" else _("Ask the client:")
    return _("{who} (saved when you press Start)").format(who=who)


# -- notices and the end ----------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeView:
    """A notice as shown: its severity, a heading ('' for none), its text, and where it goes
    ('refusal' is read above the buttons, where Start was pressed)."""

    kind: NoticeKind
    severity: Severity
    title: str
    text: str
    where: Literal["message", "refusal"] = "message"


_NOTICE_LOOK: dict[NoticeKind, tuple[Severity, str]] = {
    "numbness-tingling": ("danger", N_("Session ended.")),
    "sharp-pain": ("danger", N_("Session ended.")),
    "weakness": ("danger", N_("Session ended.")),
    "painful": ("danger", N_("Session ended.")),
    "eased-off": ("warning", N_("Ease off.")),
    "plan-changed": ("warning", N_("Targets changed.")),
    "not-ready": ("info", ""),
    "refused": ("info", ""),
    "too-painful": ("danger", ""),
    "error": ("error", ""),
}


def notice_view(notice: Notice) -> NoticeView:
    """How a notice of the session is shown."""
    severity, title = _NOTICE_LOOK[notice.kind]
    where: Literal["message", "refusal"] = "refusal" if notice.kind == "too-painful" else "message"
    return NoticeView(notice.kind, severity, _(title) if title else "", notice.text, where)


@dataclass(frozen=True)
class DoneView:
    """What the timer says once the session has ended."""

    summary: str
    lines: tuple[str, ...]
    kept: NoticeView | None
    """The notice that ended the session, kept in view (a flag, or a refusal to go on)."""
    guidance_title: str
    guidance: tuple[str, ...]
    guidance_open: bool
    """The list of when to seek professional guidance is open after a flag."""


def done_view(state: TimerState, catalog: Catalog) -> DoneView | None:
    """The end of the session: holds saved, why it ended, when to seek guidance; None while
    it has not ended."""
    status = state.ended_status
    if not state.started or status is None:
        return None
    summary = {
        "completed": N_("Session complete."),
        "stopped": N_("Session stopped."),
        "flagged": N_("Session ended (flagged)."),
    }
    count = len(state.logged)
    shown = [notice_view(n) for n in state.notices]
    said = [n for n in shown if n.where == "message"]
    keep = status == "flagged" or state.refused
    guide = catalog.guideline("seek-professional-guidance")
    return DoneView(
        summary=_(summary[status]) if status in summary else f"Session {status}.",
        lines=(
            _("{holds} saved.").format(holds=counted(count, "hold")),
            _("The next session's targets follow this log."),
        ),
        kept=said[-1] if keep and said else None,
        guidance_title=catalog_text(guide.title),
        guidance=tuple(catalog_text(item) for item in guide.items),
        guidance_open=status == "flagged",
    )


# -- the hold log -------------------------------------------------------------------------------


def last_hold_text(title: str, entry: HoldEntry) -> tuple[str, str]:
    """The heading and the text above the last hold's correction fields."""
    return (
        _("Last hold:"),
        _(
            "{title} - held {held} s of {target} s. Correct the seconds if needed and rate "
            "the sensation."
        ).format(title=title, held=entry.held_s, target=entry.target_s),
    )


def sensation_scale() -> tuple[str, str]:
    """The sensation scale's heading and its bands, where it is tapped."""
    return _("Sensation"), _(SENSATION_SCALE_TEXT)
