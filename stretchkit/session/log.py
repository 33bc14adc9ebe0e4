"""What a session log holds: each hold's target, seconds actually held, sensation and flag,
and the session's events (warm-up elsewhere, flags, the trainer's choice, holds eased off).

Sensation is the client's rating from 0 (nothing) to 10 (worst imaginable): the articles want
"a mild to moderate sensation of stretch" (about 1-6 here), never pain. A flag records sharp
pain, or numbness or tingling: the articles say to ease off or stop at once, and to seek
professional guidance when it persists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from stretchkit.catalog.model import MAX_HOLD_S, MAX_REPS
from stretchkit.errors import ValidationError
from stretchkit.planning.prescription import SIDES, Side

__all__ = [
    "EVENT_KINDS",
    "EVENT_TEXT",
    "FLAG_GUIDANCE",
    "FLAG_TEXT",
    "HOME_NUMBNESS_GUIDANCE",
    "HOME_SHARP_PAIN_GUIDANCE",
    "MAX_REPS",
    "NUMBNESS_GUIDANCE",
    "PLACES",
    "SENSATION_RANGE",
    "SENSATION_WORDS",
    "SESSION_STATUSES",
    "SHARP_PAIN_GUIDANCE",
    "SHARP_PAIN_LAST_GUIDANCE",
    "EventKind",
    "FlagKind",
    "HoldEntry",
    "LoggedEvent",
    "LoggedHold",
    "Place",
    "SessionEvent",
    "SessionStatus",
    "parse_seconds",
    "parse_whole",
    "sensation_text",
]

SENSATION_RANGE = (0, 10)
_UNIT_WORDS = {"s": "seconds, e.g. 25", "min": "minutes, e.g. 20"}
Place = Literal["studio", "home"]
PLACES: tuple[Place, ...] = ("studio", "home")
SessionStatus = Literal["in-progress", "completed", "stopped", "flagged"]
SESSION_STATUSES: tuple[SessionStatus, ...] = ("in-progress", "completed", "stopped", "flagged")
SENSATION_WORDS = (
    (0, "nothing"),
    (1, "mild stretch"),
    (4, "moderate stretch"),
    (7, "strong"),
    (8, "too intense"),
)
FLAG_GUIDANCE = (
    "Stop the stretch now. Pain, numbness or tingling means the stretch is too intense or "
    "done incorrectly, and numbness or tingling can mean a nerve is being pinched. Refer the "
    "client to a healthcare professional, and screen them again before the next session."
)
NUMBNESS_GUIDANCE = (
    "Numbness or tingling: the session has ended and no further hold is logged today. The "
    "partner back article says these sensations indicate nerve impingement and require "
    "immediate cessation of the stretch. Help the client out of the position slowly, refer "
    "them to a healthcare professional, and screen them again before any further stretching: "
    "their screening has ended."
)
HOME_NUMBNESS_GUIDANCE = (
    "Numbness or tingling: the session has ended. Come out of the position slowly and do not "
    "stretch again until your trainer has screened you again. Seek guidance from a healthcare "
    "professional. Your trainer has been told."
)
SHARP_PAIN_GUIDANCE = (
    "Sharp pain: this stretch has ended. Ease off and check in with the client: the articles "
    "say a stretch should feel like a gentle pull, never pain. Choose whether to end the "
    "session or go on with the next stretch; either way the client is screened again before "
    "the next session."
)
SHARP_PAIN_LAST_GUIDANCE = (
    "Sharp pain: the stretch has ended, and with it the session, as it was the last one. Ease "
    "off and check in with the client: the articles say a stretch should feel like a gentle "
    "pull, never pain. The client is screened again before the next session."
)
HOME_SHARP_PAIN_GUIDANCE = (
    "Sharp pain: the session has ended. Ease out of the stretch slowly; a stretch should feel "
    "like a gentle pull, never pain. Seek guidance from a healthcare professional if it "
    "persists. Your trainer has been told and will screen you again before your next session."
)


FlagKind = Literal["numbness-tingling", "sharp-pain"]
FLAG_TEXT: Mapping[FlagKind, str] = {
    "numbness-tingling": "Numbness or tingling",
    "sharp-pain": "Sharp pain",
}
EventKind = Literal[
    "warm-up-elsewhere",
    "numbness-tingling",
    "sharp-pain",
    "went-on",
    "ended-after-pain",
    "eased-off",
    "not-ready",
]
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
EVENT_TEXT: Mapping[EventKind, str] = {
    "warm-up-elsewhere": "Warmed up elsewhere before the session",
    "numbness-tingling": "Numbness or tingling: session ended",
    "sharp-pain": "Sharp pain: stretch ended",
    "went-on": "After sharp pain, the trainer went on with the next stretch",
    "ended-after-pain": "After sharp pain, the session was ended",
    "eased-off": "Too intense: the stretch's remaining holds eased off",
    "not-ready": "Stopped: the client was no longer ready to stretch",
}
"""Each event in words, as the session log and its CSV note show it."""


def sensation_text(value: int | None) -> str:
    """The rating in words: '5/10, moderate stretch', or 'not recorded'."""
    if value is None:
        return "not recorded"
    words = [text for low, text in SENSATION_WORDS if value >= low][-1]
    return f"{value}/10, {words}"


def _whole(field: str, value: object, low: int, high: int, unit: str = "") -> None:
    if type(value) is not int or not low <= value <= high:
        raise ValidationError(field, value, f"must be a whole number {low}-{high}{unit}")


def parse_whole(field: str, text: str, low: int, high: int, unit: str) -> int:
    """A whole number typed by a person ('25', ' 25 s'); an error names the field and text."""
    cleaned = text.strip().removesuffix(unit).strip()
    if not cleaned.isdecimal():  # isdigit() also passes '²', which int() refuses
        raise ValidationError(field, text, f"type a whole number of {_UNIT_WORDS[unit]}")
    try:
        value = int(cleaned)
    except ValueError:  # more digits than int() converts: far out of range anyway
        raise ValidationError(field, text, f"must be a whole number {low}-{high} {unit}") from None
    _whole(field, value, low, high, f" {unit}")
    return value


def parse_seconds(field: str, text: str, high: int = MAX_HOLD_S) -> int:
    """Whole seconds typed by a person, 0 to `high`."""
    return parse_whole(field, text, 0, high, "s")


@dataclass(frozen=True)
class HoldEntry:
    """One hold as logged: which stretch, side and repetition, its target and what happened."""

    stretch_id: str
    side: Side
    rep: int
    reps_planned: int
    target_s: int
    held_s: int
    sensation: int | None = None
    flagged: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.stretch_id, str) or not self.stretch_id.strip():
            raise ValidationError("stretch", self.stretch_id, "must name a stretch")
        if self.side not in SIDES:
            raise ValidationError("side", self.side, "must be '', 'left' or 'right'")
        _whole("repetitions planned", self.reps_planned, 1, MAX_REPS)
        _whole("repetition", self.rep, 1, self.reps_planned)
        _whole("target", self.target_s, 1, MAX_HOLD_S, " s")
        _whole("seconds held", self.held_s, 0, MAX_HOLD_S, " s")
        if self.sensation is not None:
            _whole("sensation", self.sensation, *SENSATION_RANGE)
        if type(self.flagged) is not bool:
            raise ValidationError("flag", self.flagged, "must be yes or no")

    @property
    def at_target(self) -> bool:
        """True when the hold lasted its target (a second short counts: the timer rounds)."""
        return self.held_s >= self.target_s - 1


@dataclass(frozen=True)
class LoggedHold:
    """A hold as stored: the entry, its session and when it was logged."""

    id: int
    session_id: int
    day: datetime
    entry: HoldEntry


@dataclass(frozen=True)
class SessionEvent:
    """Something that happened in a session besides a hold: its kind, the stretch it concerns
    ('' for the whole session) and any detail in words."""

    kind: EventKind
    stretch_id: str = ""
    detail: str = ""

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValidationError("event", self.kind, f"must be one of {EVENT_KINDS}")
        if not isinstance(self.stretch_id, str):
            raise ValidationError("stretch", self.stretch_id, "must be a stretch id or ''")
        if not isinstance(self.detail, str):
            raise ValidationError("detail", self.detail, "must be text")

    @property
    def text(self) -> str:
        """The event in words, with its detail."""
        said = EVENT_TEXT[self.kind]
        return f"{said}: {self.detail}" if self.detail else said


@dataclass(frozen=True)
class LoggedEvent:
    """An event as stored: the event, its session and when it happened."""

    id: int
    session_id: int
    at: datetime
    event: SessionEvent
