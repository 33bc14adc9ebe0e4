"""Progression: the next session's hold target per stretch and side, from the log.

The articles ask for gradual progression, never pain. So a target goes up by one small step
only after the last sessions at that target were all completed without a flag and with a
tolerable sensation; it comes down a step after pain, numbness or tingling, or a sensation
that was too intense; and it never leaves the client's safe range. Progression is over time,
not over one afternoon: only sessions on different days, at least MIN_DAYS_APART apart, count
towards a step up. The articles give no figures for this: STEP_S, SESSIONS_TO_PROGRESS,
MIN_DAYS_APART, TOLERABLE and TOO_INTENSE are stretchkit's own defaults (see OWN_DEFAULT).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from stretchkit.catalog import HoldRange
from stretchkit.i18n import N_, _, ngettext
from stretchkit.i18n.formatting import format_day
from stretchkit.planning.prescription import Side
from stretchkit.planning.read_back import read_back
from stretchkit.planning.routine import Routine
from stretchkit.session.log import HoldEntry, LoggedHold

__all__ = [
    "MIN_DAYS_APART",
    "OWN_DEFAULT",
    "SESSIONS_TO_PROGRESS",
    "SPACING_TEXT",
    "STEP_S",
    "TOLERABLE",
    "TOO_INTENSE",
    "SessionResult",
    "Suggestion",
    "apply_suggestions",
    "counted_days",
    "decided_since",
    "next_targets",
    "results_by_stretch",
    "suggest",
]

OWN_DEFAULT = (
    "stretchkit's own default: the articles ask for gradual progression and no pain, "
    "but give no figures"
)
"""Where the progression figures below come from."""
STEP_S = 5
"""Seconds a target moves at a time (stretchkit's own default)."""
SESSIONS_TO_PROGRESS = 2
"""Completed sessions at the current target needed before it goes up, each on a different day
at least MIN_DAYS_APART after the one counted before it (stretchkit's own default)."""
MIN_DAYS_APART = 2
"""Days between two sessions that both count towards a step up: more sessions on one day, or
on the next, add no evidence that the body has adapted (stretchkit's own default)."""
_SPACING = N_("on different days at least {days} days apart (stretchkit's own default)")
SPACING_TEXT = _SPACING.format(days=MIN_DAYS_APART)
"""How the sessions that count are spaced, in the words the trainer reads."""
TOLERABLE = 6
"""Highest sensation (0-10) that still counts as the mild to moderate stretch wanted
(stretchkit's own reading of "mild to moderate")."""
TOO_INTENSE = 8
"""Sensation from which the target comes down, at once in the session and for the next one
(stretchkit's own default)."""

Direction = Literal["up", "down", "keep"]


@dataclass(frozen=True)
class SessionResult:
    """How one stretch went on one side in one session."""

    session_id: int
    day: date
    holds: tuple[HoldEntry, ...]

    @property
    def target_s(self) -> int:
        """The target the holds aimed at (the highest, if it changed within the session)."""
        return max(h.target_s for h in self.holds)

    @property
    def flagged(self) -> bool:
        """True when any hold was stopped for pain, numbness or tingling."""
        return any(h.flagged for h in self.holds)

    @property
    def worst(self) -> int | None:
        """The highest sensation recorded, or None when none was recorded."""
        rated = [h.sensation for h in self.holds if h.sensation is not None]
        return max(rated) if rated else None

    @property
    def rated(self) -> bool:
        """True when every hold has a sensation."""
        return all(h.sensation is not None for h in self.holds)

    @property
    def completed(self) -> bool:
        """Every planned repetition held to target, with no flag."""
        planned = max(h.reps_planned for h in self.holds)
        done = sum(h.at_target for h in self.holds)
        return done >= planned and not self.flagged


@dataclass(frozen=True)
class Suggestion:
    """The next target for one stretch and side, and why."""

    stretch_id: str
    side: Side
    current_s: int
    suggested_s: int
    reason: str

    @property
    def direction(self) -> Direction:
        """Whether the target goes up, down or stays."""
        if self.suggested_s > self.current_s:
            return "up"
        return "down" if self.suggested_s < self.current_s else "keep"


def _clamp(value: int, bounds: HoldRange) -> int:
    return min(max(value, bounds.min_s), bounds.max_s)


def _step_down(current: int, bounds: HoldRange, why: str) -> tuple[int, str]:
    lower = _clamp(current - STEP_S, bounds)
    if lower == current:
        said = _("{why}: already at the low end of the safe range ({range}).")
        return current, said.format(why=why, range=bounds.text)
    return lower, _("{why}: back down to {seconds} s.").format(why=why, seconds=lower)


def counted_days(days: Sequence[date]) -> tuple[date, ...]:
    """The days that count towards a step up, latest first: the latest day, then each earlier
    day at least MIN_DAYS_APART before the last one counted (days given oldest first)."""
    counted: list[date] = []
    for day in reversed(days):
        if not counted or (counted[-1] - day).days >= MIN_DAYS_APART:
            counted.append(day)
    return tuple(counted)


def _evidence(history: Sequence[SessionResult], current: int) -> tuple[list[SessionResult], int]:
    """The latest sessions at the current target it takes to count SESSIONS_TO_PROGRESS spaced
    days (all the latest sessions in a row at that target when there are too few), oldest
    first, and how many spaced days they count. Only those sessions are read, however long
    the log."""
    window: list[SessionResult] = []
    days = 0
    for result in reversed(history):
        if result.target_s != current:
            break
        window.insert(0, result)
        days = len(counted_days([r.day for r in window]))
        if days >= SESSIONS_TO_PROGRESS:
            break
    return window, days


def _ready_to_progress(history: Sequence[SessionResult], current: int) -> str:
    """'' when the last sessions allow a step up, else what is missing, in words."""
    recent, days = _evidence(history, current)
    done = sum(r.completed for r in recent)
    if done < len(recent):
        said = ngettext(
            "completed at target in {done} of the last %(num)d session",
            "completed at target in {done} of the last %(num)d sessions",
            len(recent),
        ) % {"num": len(recent)}
        return said.format(done=done)
    if days < SESSIONS_TO_PROGRESS:
        said = _("{days} of {sessions} sessions {spacing} completed at {seconds} s so far")
        return said.format(
            days=days, sessions=SESSIONS_TO_PROGRESS, spacing=_spacing(), seconds=current
        )
    if not all(r.rated for r in recent):
        return _("sensation not recorded for every hold")
    worst = max(r.worst or 0 for r in recent)
    if worst > TOLERABLE:
        said = _("sensation reached {worst}/10; it should stay at {most}/10 or below")
        return said.format(worst=worst, most=TOLERABLE)
    return ""


def _spacing() -> str:
    return _(_SPACING).format(days=MIN_DAYS_APART)


def _step_up(current: int, bounds: HoldRange, history: Sequence[SessionResult]) -> tuple[int, str]:
    worst = max(r.worst or 0 for r in _evidence(history, current)[0])
    done = _(
        "completed at {seconds} s in {sessions} sessions {spacing}, sensation {worst}/10 at most"
    ).format(seconds=current, sessions=SESSIONS_TO_PROGRESS, spacing=_spacing(), worst=worst)
    higher = _clamp(current + STEP_S, bounds)
    if higher == current:
        said = _("Keep: {done}; already at the top of the safe range ({range}).")
        return current, said.format(done=done, range=bounds.text)
    return higher, _("Up to {seconds} s: {done}.").format(seconds=higher, done=done)


def suggest(
    stretch_id: str,
    side: Side,
    planned_s: int,
    bounds: HoldRange,
    history: Sequence[SessionResult],
    *,
    why: str = "",
) -> Suggestion:
    """The next target: from the latest session's target (or the routine's, with no history),
    down after a flag or too intense a sensation, up after enough good sessions, else kept;
    `why` is what set the client's range (the screening's reasons), said when it moves one."""
    current = history[-1].target_s if history else planned_s
    if not bounds.min_s <= current <= bounds.max_s:
        fitted = _clamp(current, bounds)
        reason = (
            _("Brought to {seconds} s: this client's safe range is now {range} ({why}).")
            if why
            else _("Brought to {seconds} s: this client's safe range is now {range}.")
        ).format(seconds=fitted, range=bounds.text, why=why)
        return Suggestion(stretch_id, side, current, fitted, reason)
    if not history:
        return Suggestion(stretch_id, side, current, current, _("First session with this routine."))
    last = history[-1]
    if last.flagged:
        why = _("Pain, numbness or tingling flagged on {day}").format(day=format_day(last.day))
        value, reason = _step_down(current, bounds, why)
    elif last.worst is not None and last.worst >= TOO_INTENSE:
        why = _("Sensation {worst}/10 on {day} was too intense").format(
            worst=last.worst, day=format_day(last.day)
        )
        value, reason = _step_down(current, bounds, why)
    else:
        missing = _ready_to_progress(history, current)
        if missing:
            value, reason = (
                current,
                _("Keep {seconds} s: {missing}.").format(seconds=current, missing=missing),
            )
        else:
            value, reason = _step_up(current, bounds, history)
    return Suggestion(stretch_id, side, current, value, reason)


def results_by_stretch(
    holds: Iterable[LoggedHold],
) -> dict[tuple[str, Side], list[SessionResult]]:
    """Logged holds grouped into one result per session, stretch and side, oldest first."""
    grouped: dict[tuple[str, Side, int], list[LoggedHold]] = defaultdict(list)
    for hold in holds:
        grouped[(hold.entry.stretch_id, hold.entry.side, hold.session_id)].append(hold)
    out: dict[tuple[str, Side], list[SessionResult]] = defaultdict(list)
    for (stretch_id, side, session_id), logged in grouped.items():
        day = min(h.day for h in logged).date()
        entries = tuple(h.entry for h in sorted(logged, key=lambda h: (h.day, h.id)))
        out[(stretch_id, side)].append(SessionResult(session_id, day, entries))
    for results in out.values():
        results.sort(key=lambda r: (r.day, r.session_id))
    return dict(out)


def decided_since(
    results: Mapping[tuple[str, Side], Sequence[SessionResult]],
    keys: Iterable[tuple[str, Side]],
    since: date,
) -> bool:
    """True when the results from `since` on decide each key's next target as the whole log
    would, whatever came before them: `suggest` reads only the latest result and the
    evidence window (_evidence), and for each key both end within those results: the
    window stops at a change of target or on enough spaced days. `results` must hold every
    result from `since` on (earlier ones may be missing or partial)."""
    for key in keys:
        known = [r for r in results.get(key, ()) if r.day >= since]
        if not known:
            return False
        window, days = _evidence(known, known[-1].target_s)
        if days < SESSIONS_TO_PROGRESS and len(window) == len(known):
            return False
    return True


def next_targets(
    routine: Routine, results: dict[tuple[str, Side], list[SessionResult]]
) -> tuple[Suggestion, ...]:
    """A suggestion for every stretch and side of the routine."""
    return tuple(
        suggest(
            item.stretch_id,
            t.side,
            t.hold_s,
            item.prescription.bounds,
            results.get((item.stretch_id, t.side), []),
            why="; ".join(read_back(line).rstrip(".") for line in item.prescription.basis[1:]),
        )
        for item in routine.items
        for t in item.prescription.targets
    )


def apply_suggestions(routine: Routine, suggestions: Iterable[Suggestion]) -> Routine:
    """The routine with each suggested target in place."""
    for s in suggestions:
        routine = routine.with_hold(s.stretch_id, s.side, s.suggested_s)
    return routine
