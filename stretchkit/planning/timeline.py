"""A session as a timeline of phases: warm-up, then for each stretch get ready, hold, release,
rest or switch side, each with its duration, what the client does and what the partner says.

Sided stretches alternate sides between repetitions (left, right, left, right...), as the upper
back article asks ("alternating sides where applicable").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from stretchkit.catalog import Catalog, Stretch
from stretchkit.catalog.translations import catalog_text
from stretchkit.errors import ValidationError
from stretchkit.i18n import LANGUAGES, N_, _, use_language
from stretchkit.planning.prescription import SIDE_TEXT, Prescription, Side
from stretchkit.planning.safety_notes import safety_notes
from stretchkit.plurals import counted

__all__ = [
    "END_RANGE_PROMPT",
    "PHASE_KINDS",
    "WARM_UP_PARTNER_OWN",
    "Phase",
    "PhaseKind",
    "PhaseTimes",
    "Planned",
    "Timeline",
    "about_minutes",
    "asks_further",
    "duration_text",
    "phase_title",
    "session_timeline",
    "stretch_phases",
    "watch_for",
    "without_end_range",
]

PhaseKind = Literal["warm-up", "get-ready", "hold", "release", "rest", "switch-side"]
PHASE_KINDS: tuple[PhaseKind, ...] = (
    "warm-up",
    "get-ready",
    "hold",
    "release",
    "rest",
    "switch-side",
)
MAX_PHASE_S = 3600
_EASE = N_("Ease off gently: no sudden, jerky movements.")


@dataclass(frozen=True)
class PhaseTimes:
    """Seconds for the phases the articles give no figure for (stretchkit's own defaults)."""

    get_ready_s: int = 10
    release_s: int = 5

    def __post_init__(self) -> None:
        for field in ("get_ready_s", "release_s"):
            value = getattr(self, field)
            if type(value) is not int or not 0 <= value <= MAX_PHASE_S:
                raise ValidationError(field.removesuffix("_s"), value, "must be 0-3600 s")


@dataclass(frozen=True)
class Phase:
    """One step of the session: how long, what the client does, what the partner says."""

    kind: PhaseKind
    duration_s: int
    title: str
    cue: str
    partner_prompt: str = ""
    breathing: str = ""
    stretch_id: str = ""
    side: Side = ""
    rep: int = 0
    reps: int = 0
    watch_for: tuple[str, ...] = ()
    """What the partner watches for in this phase: every safety note of the stretch, then the
    client's own cautions from their screening (see `safety_notes`)."""
    end_range: bool = False
    """True when the partner invites the client a little further in this phase ("Can you go
    a little further?"): decided when the phase is planned, so whether the invitation stands
    never depends on the language its texts were written in."""

    def __post_init__(self) -> None:
        if self.kind not in PHASE_KINDS:
            raise ValidationError("phase", self.kind, f"must be one of {PHASE_KINDS}")
        if type(self.duration_s) is not int or not 0 <= self.duration_s <= MAX_PHASE_S:
            raise ValidationError("duration", self.duration_s, "must be 0-3600 s")


def about_minutes(seconds: float) -> int:
    """A duration in whole minutes, rounded to the nearest (at least 1): the N of "about N
    minutes", as the timer's 'about 18 min' says it."""
    return max(1, round(round(seconds) / 60))


def duration_text(seconds: float) -> str:
    """'45 s', '3 min 20 s' or 'about 18 min' style wording for a duration."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    if minutes >= 10:
        return _("about {minutes} min").format(minutes=about_minutes(seconds))
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


@dataclass(frozen=True)
class Timeline:
    """The phases of a session in order, and their total duration."""

    phases: tuple[Phase, ...]

    @property
    def total_s(self) -> int:
        """The session's length in seconds: the sum of its phases."""
        return sum(p.duration_s for p in self.phases)

    @property
    def minutes(self) -> int:
        """The length in whole minutes, rounded to the nearest (at least 1)."""
        return about_minutes(self.total_s)

    @property
    def text(self) -> str:
        """The length in words, e.g. 'about 18 min'."""
        return duration_text(self.total_s)

    def starts(self) -> tuple[int, ...]:
        """Seconds from the start of the session at which each phase begins."""
        out, at = [], 0
        for phase in self.phases:
            out.append(at)
            at += phase.duration_s
        return tuple(out)

    def holds(self) -> tuple[Phase, ...]:
        """The hold phases only."""
        return tuple(p for p in self.phases if p.kind == "hold")


@dataclass(frozen=True)
class Planned:
    """A stretch in a session: its prescription, the cautions the screening attached, and
    whether the partner may assist towards end range (never, for a hypermobile client)."""

    prescription: Prescription
    cautions: tuple[str, ...] = ()
    end_range_assist: bool = True


END_RANGE_PROMPT = "Can you go a little further?"
"""The partner back article's question that invites a deeper stretch: asked only where going
further is safe (see planning.end_range), and never again in a stretch once it was eased off."""


def asks_further(phase: Phase) -> bool:
    """True when the phase invites the client further into the stretch (its planned flag,
    not its words: a prompt in any language reads the same)."""
    return phase.end_range


def without_end_range(phase: Phase) -> Phase:
    """The phase with no invitation to go further: its flag cleared and the question taken
    out of its partner prompt, in whichever language the prompt was written."""
    prompt = phase.partner_prompt
    for language in LANGUAGES:
        with use_language(language):
            ask, caution = _("Ask:"), _("Caution:")
            question = catalog_text(END_RANGE_PROMPT)
            if question in prompt:
                prompt = " ".join(prompt.replace(question, "").split())
                prompt = prompt.replace(f"{ask} {caution}", caution).removesuffix(ask).strip()
    if not phase.end_range and prompt == phase.partner_prompt:
        return phase
    return replace(phase, partner_prompt=prompt, end_range=False)


def _is_question(cue: str) -> bool:
    return cue.endswith("?") or cue.startswith("Tell me")


def _is_release(cue: str) -> bool:
    return cue.startswith(("Release", "Come back"))


def _hold_cue(stretch: Stretch) -> str:
    """What the client hears during a hold: the stretch's instructions, not its questions."""
    said = [c for c in stretch.cues if not (_is_question(c) or _is_release(c) or "other side" in c)]
    return " ".join(catalog_text(c) for c in said)


def _partner_prompt(stretch: Stretch, planned: Planned) -> str:
    asked = [c for c in stretch.cues if _is_question(c)]
    if not planned.end_range_assist:
        asked = [c for c in asked if c != END_RANGE_PROMPT]
    notes = " ".join(_(c) for c in planned.cautions)
    said = " ".join(catalog_text(c) for c in asked)
    return f"{_('Ask:')} {said}" + (f" {_('Caution:')} {notes}" if notes else "")


def watch_for(stretch: Stretch, planned: Planned) -> tuple[str, ...]:
    """What the trainer watches for: every safety note of the stretch (its common mistakes and
    safety notes, whom it does not suit, how to adapt it), then the screening's cautions."""
    return safety_notes(stretch, planned.cautions, "trainer")


def _release_cue(stretch: Stretch) -> str:
    said = [c for c in stretch.cues if _is_release(c)]
    return catalog_text(said[0]) if said else _("Release slowly.")


def _order(prescription: Prescription) -> list[tuple[int, Side]]:
    """(repetition, side) of each hold: sides alternate within each repetition."""
    return [(rep, side) for rep in range(1, prescription.reps + 1) for side in prescription.sides]


def _where(side: Side) -> str:
    """' - left side' after a stretch's name, '' when it has no side."""
    return f" - {_(SIDE_TEXT[side])}" if side else ""


def _get_ready_title(stretch: Stretch, side: Side) -> str:
    return _("Get ready: {stretch}{side}").format(
        stretch=catalog_text(stretch.name), side=_where(side)
    )


def _switch_title(side: Side) -> str:
    return _("Switch sides: {side} next").format(side=_(SIDE_TEXT[side]))


def phase_title(phase: Phase, catalog: Catalog) -> str:
    """The phase's title, made again from what it is, in the current language (a note kept
    in the log names the phase in English, whatever language the timer showed)."""
    fixed = {"warm-up": N_("Warm-up"), "release": N_("Release slowly"), "rest": N_("Rest")}
    if phase.kind in fixed or not phase.stretch_id:
        return _(fixed.get(phase.kind, phase.title))
    stretch = catalog.stretch(phase.stretch_id)
    if phase.kind == "get-ready":
        return _get_ready_title(stretch, phase.side)
    if phase.kind == "hold":
        return _hold_title(stretch, phase.rep, phase.reps, phase.side)
    return _switch_title(phase.side)


def _hold_title(stretch: Stretch, rep: int, reps: int, side: Side) -> str:
    return _("{stretch}{side}, hold {rep} of {reps}").format(
        stretch=catalog_text(stretch.name), side=_where(side), rep=rep, reps=reps
    )


@dataclass(frozen=True)
class _At:
    """Where in the session a phase belongs: stretch, side and repetition."""

    stretch_id: str
    side: Side
    rep: int
    reps: int

    def phase(
        self,
        kind: PhaseKind,
        duration_s: int,
        title: str,
        cue: str,
        prompt: str,
        *,
        breathing: str = "",
        watch: tuple[str, ...] = (),
        end_range: bool = False,
    ) -> Phase:
        return Phase(
            kind,
            duration_s,
            title,
            cue,
            prompt,
            breathing,
            self.stretch_id,
            self.side,
            self.rep,
            self.reps,
            watch,
            end_range,
        )


def _between(stretch: Stretch, planned: Prescription, nxt: tuple[int, Side]) -> Phase:
    """The rest before the next hold; a side switch when the next hold is on the other side."""
    rep, side = nxt
    at = _At(stretch.id, side, rep, planned.reps)
    if side:
        return at.phase(
            "switch-side",
            planned.rest_s,
            _switch_title(side),
            _("Repeat on the other side: now the {side}.").format(side=_(SIDE_TEXT[side])),
            catalog_text(stretch.partner_position),
        )
    return at.phase(
        "rest",
        planned.rest_s,
        _("Rest"),
        _("Relax and breathe. Next: hold {rep} of {reps}.").format(rep=rep, reps=planned.reps),
        _("Check in: how did that feel?"),
    )


def stretch_phases(
    stretch: Stretch, planned: Planned, catalog: Catalog, times: PhaseTimes
) -> list[Phase]:
    """Get ready, then every hold with its release, and the rests or side switches between."""
    rx = planned.prescription
    breathing = catalog_text(catalog.guideline("breathing").text).split(". ")[0] + "."
    order = _order(rx)
    first_side = order[0][1]
    watch = watch_for(stretch, planned)
    further = planned.end_range_assist and END_RANGE_PROMPT in stretch.cues
    phases = [
        _At(stretch.id, first_side, 1, rx.reps).phase(
            "get-ready",
            times.get_ready_s,
            _get_ready_title(stretch, first_side),
            catalog_text(stretch.client_position),
            catalog_text(stretch.partner_position),
            watch=watch,
        )
    ]
    for n, (rep, side) in enumerate(order):
        at = _At(stretch.id, side, rep, rx.reps)
        title = _hold_title(stretch, rep, rx.reps, side)
        prompt = _partner_prompt(stretch, planned)
        cue = _hold_cue(stretch)
        phases.append(
            at.phase(
                "hold",
                rx.hold_for(side),
                title,
                cue,
                prompt,
                breathing=breathing,
                watch=watch,
                end_range=further,
            )
        )
        phases.append(
            at.phase(
                "release", times.release_s, _("Release slowly"), _release_cue(stretch), _(_EASE)
            )
        )
        if n + 1 < len(order):
            phases.append(_between(stretch, rx, order[n + 1]))
    return phases


WARM_UP_PARTNER_OWN = N_(
    "(stretchkit's own suggestion: the articles ask only that the person being stretched "
    "warms up first.)"
)
"""The partner's part in the warm-up is not in the articles: said so wherever it is shown."""


def _warm_up_partner(first: Stretch | None) -> str:
    """What the partner does while the client warms up (stretchkit's own reading)."""
    ready = (
        _("get the space ready for the first stretch, {stretch}, and read its steps").format(
            stretch=catalog_text(first.name)
        )
        if first
        else _("get the space ready")
    )
    return _(
        "While the client warms up, {ready}; ask how their back feels today and whether "
        "anything has changed. {own}"
    ).format(ready=ready, own=_(WARM_UP_PARTNER_OWN))


def _warm_up(minutes: int, first: Stretch | None) -> Phase:
    return Phase(
        "warm-up",
        minutes * 60,
        _("Warm-up"),
        _("{minutes} of light cardio or dynamic movement, such as walking or cycling.").format(
            minutes=counted(minutes, "minute")
        ),
        _warm_up_partner(first),
    )


def session_timeline(
    planned: Sequence[Planned],
    catalog: Catalog,
    warm_up_min: int = 5,
    times: PhaseTimes | None = None,
) -> Timeline:
    """The whole session: the warm-up first (skipped when 0 min), then each stretch in order."""
    times = times or PhaseTimes()
    stretches = [catalog.stretch(p.prescription.stretch_id) for p in planned]
    phases: list[Phase] = []
    if warm_up_min:
        phases.append(_warm_up(warm_up_min, stretches[0] if stretches else None))
    for stretch, item in zip(stretches, planned, strict=True):
        phases.extend(stretch_phases(stretch, item, catalog, times))
    return Timeline(tuple(phases))
