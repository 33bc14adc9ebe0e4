"""What a session log holds: each hold's target, seconds actually held, sensation and flag,
and the session's events (warm-up elsewhere, flags, the trainer's choice, holds eased off).

Sensation is the client's rating from 0 (nothing) to 10 (worst imaginable): the articles want
"a mild to moderate sensation of stretch" (about 1-6 here), never pain. Where the bands lie (7
strong, 8 too intense, 9-10 painful) is stretchkit's own reading, and the scale says so. A flag
records sharp pain, numbness or tingling, weakness, or a rating of 9-10 (pain): each ends the
session; the articles say to ease off or stop at once, and to seek professional guidance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from stretchkit.catalog.model import MAX_HOLD_S, MAX_REPS
from stretchkit.errors import ValidationError
from stretchkit.i18n import N_, _
from stretchkit.planning.prescription import SIDES, Side
from stretchkit.planning.read_back import TYPE_A_NUMBER, WHOLE_NUMBER

__all__ = [
    "EVENT_KINDS",
    "EVENT_TEXT",
    "FLAG_GUIDANCE",
    "FLAG_GUIDANCE_TEXT",
    "FLAG_KINDS",
    "FLAG_TEXT",
    "HOME_NUMBNESS_GUIDANCE",
    "HOME_PAINFUL_GUIDANCE",
    "HOME_SHARP_PAIN_GUIDANCE",
    "HOME_WEAKNESS_GUIDANCE",
    "MAX_REPS",
    "NUMBNESS_GUIDANCE",
    "PAINFUL",
    "PAINFUL_GUIDANCE",
    "PLACES",
    "SENSATION_RANGE",
    "SENSATION_SCALE_TEXT",
    "SENSATION_WORDS",
    "SESSION_STATUSES",
    "SHARP_PAIN_GUIDANCE",
    "WEAKNESS_GUIDANCE",
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
_UNIT_WORDS = {"s": N_("seconds, e.g. 25"), "min": N_("minutes, e.g. 20")}
Place = Literal["studio", "home"]
PLACES: tuple[Place, ...] = ("studio", "home")
SessionStatus = Literal["in-progress", "completed", "stopped", "flagged"]
SESSION_STATUSES: tuple[SessionStatus, ...] = ("in-progress", "completed", "stopped", "flagged")
SENSATION_WORDS = (
    (0, N_("nothing")),
    (1, N_("mild stretch")),
    (4, N_("moderate stretch")),
    (7, N_("strong")),
    (8, N_("too intense")),
    (9, N_("painful")),
)
PAINFUL = 9
"""A sensation of 9/10 or more counts as pain: it ends the session like sharp pain
(stretchkit's own reading of "stretching should never be painful")."""
SENSATION_SCALE_TEXT = N_(
    "0 nothing, 1-3 mild, 4-6 moderate, 7 strong, 8 too intense, 9-10 painful "
    "(these bands are stretchkit's own reading: the articles ask for a mild to moderate "
    "stretch, never pain)"
)
"""The sensation scale with its bands, where it is tapped."""
FLAG_GUIDANCE = N_(
    "Stop the stretch now. Pain, numbness, tingling or weakness means the stretch is too "
    "intense or done incorrectly, and numbness or tingling can mean a nerve is being pinched. "
    "Refer the client to a healthcare professional, and screen them again before the next "
    "session."
)
NUMBNESS_GUIDANCE = N_(
    "Numbness or tingling: the session has ended and no further hold is logged today. The "
    "partner back article says these sensations indicate nerve impingement and require "
    "immediate cessation of the stretch. Help the client out of the position slowly, refer "
    "them to a healthcare professional, and screen them again before any further stretching: "
    "their screening has ended."
)
HOME_NUMBNESS_GUIDANCE = N_(
    "Numbness or tingling: the session has ended. Come out of the position slowly and do not "
    "stretch again until your trainer has screened you again. Seek guidance from a healthcare "
    "professional. Your trainer has been told."
)
SHARP_PAIN_GUIDANCE = N_(
    "Sharp pain: the session has ended and no further hold is logged today. Ease the client "
    "out of the position slowly, with no sudden movement. The partner back article avoids "
    "partner stretching with \u201csharp, radiating, or persistent pain\u201d. Refer the client "
    "to a healthcare professional if it persists (see when to seek professional guidance); "
    "they are screened again before the next session."
)
HOME_SHARP_PAIN_GUIDANCE = N_(
    "Sharp pain: the session has ended. Ease out of the stretch slowly; a stretch should feel "
    "like a gentle pull, never pain. Seek guidance from a healthcare professional if it "
    "persists. Your trainer has been told and will screen you again before your next session."
)
WEAKNESS_GUIDANCE = N_(
    "Weakness: the session has ended and no further hold is logged today. Ease the client out "
    "of the position slowly. The upper back article says to consult a healthcare professional "
    "for weakness during or after stretching: refer the client, and screen them again before "
    "any further stretching."
)
HOME_WEAKNESS_GUIDANCE = N_(
    "Weakness: the session has ended. Come out of the position slowly and do not stretch again "
    "until your trainer has screened you again. Seek guidance from a healthcare professional. "
    "Your trainer has been told."
)
PAINFUL_GUIDANCE = N_(
    "A painful stretch (9-10/10): the session has ended and no further hold is logged today. "
    "Ease the client out of the position slowly. Stretching should never be painful; counting "
    "9-10/10 as pain is stretchkit's own reading. Refer the client to a healthcare "
    "professional if it persists; they are screened again before the next session."
)
HOME_PAINFUL_GUIDANCE = N_(
    "That was painful (9-10/10): the session has ended. Ease out of the stretch slowly; "
    "stretching should never be painful. Seek guidance from a healthcare professional if it "
    "persists. Your trainer has been told and will screen you again before your next session."
)


FlagKind = Literal["numbness-tingling", "sharp-pain", "weakness", "painful"]
FLAG_KINDS: tuple[FlagKind, ...] = get_args(FlagKind)
FLAG_TEXT: Mapping[FlagKind, str] = {
    "numbness-tingling": "Numbness or tingling",
    "sharp-pain": "Sharp pain",
    "weakness": "Weakness",
    "painful": "Pain rated 9-10/10",
}
"""Each flag as it begins the health change's note ("Weakness during ...")."""
FLAG_GUIDANCE_TEXT: Mapping[Place, Mapping[FlagKind, str]] = {
    "studio": {
        "numbness-tingling": NUMBNESS_GUIDANCE,
        "sharp-pain": SHARP_PAIN_GUIDANCE,
        "weakness": WEAKNESS_GUIDANCE,
        "painful": PAINFUL_GUIDANCE,
    },
    "home": {
        "numbness-tingling": HOME_NUMBNESS_GUIDANCE,
        "sharp-pain": HOME_SHARP_PAIN_GUIDANCE,
        "weakness": HOME_WEAKNESS_GUIDANCE,
        "painful": HOME_PAINFUL_GUIDANCE,
    },
}
"""What to do now after each flag, in the studio and at home: every flag ends the session."""
EventKind = Literal[
    "warm-up-elsewhere",
    "numbness-tingling",
    "sharp-pain",
    "weakness",
    "painful",
    "went-on",
    "ended-after-pain",
    "eased-off",
    "not-ready",
    "plan-changed",
]
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
EVENT_TEXT: Mapping[EventKind, str] = {
    "warm-up-elsewhere": "Warmed up elsewhere before the session",
    "numbness-tingling": "Numbness or tingling: session ended",
    "sharp-pain": "Sharp pain: session ended",
    "weakness": "Weakness: session ended",
    "painful": "Rated painful (9-10/10): session ended",
    "went-on": "After sharp pain, the trainer went on with the next stretch",
    "ended-after-pain": "After sharp pain, the session was ended",
    "eased-off": "Too intense: the stretch's remaining holds eased off",
    "not-ready": "Stopped: the client was no longer ready to stretch",
    "plan-changed": "Hold targets changed to follow the current screening",
}
"""Each event in words, as the session log and its CSV note show it. "went-on" and
"ended-after-pain" are no longer recorded (sharp pain now ends the session) but older logs
hold them and still read."""


def sensation_text(value: int | None) -> str:
    """The rating in words: '5/10, moderate stretch', or 'not recorded'."""
    if value is None:
        return _("not recorded")
    words = [text for low, text in SENSATION_WORDS if value >= low][-1]
    return f"{value}/10, {_(words)}"


def _whole(field: str, value: object, low: int, high: int, unit: str = "") -> None:
    if type(value) is not int or not low <= value <= high:
        raise ValidationError(field, value, WHOLE_NUMBER.format(low=low, high=high, unit=unit))


def parse_whole(field: str, text: str, low: int, high: int, unit: str) -> int:
    """A whole number typed by a person ('25', ' 25 s'); an error names the field and text."""
    cleaned = text.strip().removesuffix(unit).strip()
    if not cleaned.isdecimal():  # isdigit() also passes '²', which int() refuses
        raise ValidationError(field, text, TYPE_A_NUMBER.format(unit=_UNIT_WORDS[unit]))
    try:
        value = int(cleaned)
    except ValueError:  # more digits than int() converts: far out of range anyway
        raise ValidationError(
            field, text, WHOLE_NUMBER.format(low=low, high=high, unit=f" {unit}")
        ) from None
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
