"""Running a session timeline against a clock: start, pause, resume, skip, stop.

Every phase ends at a deadline on a monotonic clock, and the next phase starts at that
deadline, not when the end was noticed: a late tick never stretches the session, and no error
builds up from summing sleeps. The clock is a parameter so tests can drive time by hand.

A gate, when given, is asked before every phase begins: when it says no, the session stops
there instead (the session service uses it to check, from the store, that the client is still
ready to stretch); the gate may revise the phase it is asked about, and those after it.
`retarget` shortens the remaining holds of a stretch while the session runs, and `revise`
rewrites the phases still to come.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from stretchkit.errors import ValidationError
from stretchkit.planning.timeline import Phase, Timeline

__all__ = [
    "Clock",
    "Event",
    "Finished",
    "Gate",
    "HoldEnded",
    "PhaseStarted",
    "RunnerState",
    "SessionRunner",
]

Clock = Callable[[], float]
Gate = Callable[[Phase], bool]
RunnerState = Literal["ready", "running", "paused", "finished", "stopped"]


@dataclass(frozen=True)
class PhaseStarted:
    """A phase began."""

    index: int
    phase: Phase


@dataclass(frozen=True)
class HoldEnded:
    """A hold ended: on time, or early (skipped or stopped), with the seconds actually held.
    `late_s` is how long after the deadline the end was noticed (0 when ended early)."""

    index: int
    phase: Phase
    held_s: int
    early: bool
    late_s: float


@dataclass(frozen=True)
class Finished:
    """The session ended: every phase done, or stopped."""

    stopped: bool


Event = PhaseStarted | HoldEnded | Finished


class SessionRunner:
    """Walks through a timeline's phases on a clock."""

    def __init__(
        self, timeline: Timeline, clock: Clock = time.monotonic, gate: Gate | None = None
    ) -> None:
        if not timeline.phases:
            raise ValidationError("routine", "empty", "a session needs at least one stretch")
        self.timeline = timeline
        self._starts = timeline.starts()
        self.clock = clock
        self.gate = gate
        self.refused: Phase | None = None  # the phase the gate refused to begin
        self._entering = False  # True while the gate is asked about a phase not yet begun
        self.state: RunnerState = "ready"
        self.index = 0
        self._deadline = 0.0
        self._paused_left = 0.0
        self._stopped_at = 0.0

    @property
    def phase(self) -> Phase:
        """The current phase (the last one once finished)."""
        return self.timeline.phases[min(self.index, len(self.timeline.phases) - 1)]

    def remaining(self) -> float:
        """Seconds left in the current phase."""
        if self.state == "running":
            return max(0.0, self._deadline - self.clock())
        if self.state == "paused":
            return self._paused_left
        return float(self.phase.duration_s) if self.state == "ready" else 0.0

    def elapsed(self) -> float:
        """Seconds of the session done so far (pauses not counted)."""
        if self.state == "finished":
            return float(self.timeline.total_s)
        if self.state == "stopped":
            return self._stopped_at
        done = self._starts[self.index]
        return done + self.phase.duration_s - self.remaining()

    def _enter(self, index: int, start: float) -> list[Event]:
        """Begin phase `index` at time `start`, or finish when there is none left."""
        self.index = index
        if index >= len(self.timeline.phases):
            self.index = len(self.timeline.phases) - 1
            self.state = "finished"
            return [Finished(stopped=False)]
        phase = self.timeline.phases[index]
        self._entering = True
        try:
            allowed = self.gate is None or self.gate(phase)
        finally:
            self._entering = False
        if not allowed:
            self.refused = phase
            self._stopped_at = float(self._starts[index])
            self.state = "stopped"
            return [Finished(stopped=True)]
        phase = self.timeline.phases[index]  # the gate may have revised it
        self._deadline = start + phase.duration_s
        return [PhaseStarted(index, phase)]

    def _end(self, now: float, *, on_time: bool) -> list[Event]:
        """End the current phase; a hold reports how long it was actually held."""
        phase = self.phase
        if phase.kind != "hold":
            return []
        if on_time:
            return [HoldEnded(self.index, phase, phase.duration_s, False, now - self._deadline)]
        left = self._paused_left if self.state == "paused" else max(0.0, self._deadline - now)
        held = min(phase.duration_s, round(phase.duration_s - left))
        return [HoldEnded(self.index, phase, held, True, 0.0)]

    def start(self) -> list[Event]:
        """Start the first phase now."""
        if self.state != "ready":
            return []
        self.state = "running"
        return self._enter(0, self.clock())

    def tick(self) -> list[Event]:
        """End every phase whose deadline has passed; each next phase starts at that deadline."""
        events: list[Event] = []
        now = self.clock()
        while self.state == "running" and now >= self._deadline:
            deadline = self._deadline
            events += self._end(now, on_time=True)
            events += self._enter(self.index + 1, deadline)
        return events

    def pause(self) -> list[Event]:
        """Freeze the countdown."""
        if self.state == "running":
            self._paused_left = max(0.0, self._deadline - self.clock())
            self.state = "paused"
        return []

    def resume(self) -> list[Event]:
        """Continue the countdown from where it was paused."""
        if self.state == "paused":
            self._deadline = self.clock() + self._paused_left
            self.state = "running"
        return []

    def _jump(self, index: int) -> list[Event]:
        now = self.clock()
        events = self._end(now, on_time=False)
        self.state = "running"
        return events + self._enter(index, now)

    def skip(self) -> list[Event]:
        """End the current phase now and start the next."""
        if self.state not in ("running", "paused"):
            return []
        return self._jump(self.index + 1)

    def skip_stretch(self) -> list[Event]:
        """End the current stretch now: go to the next stretch's first phase (or finish)."""
        if self.state not in ("running", "paused"):
            return []
        current = self.phase.stretch_id
        index = self.index + 1
        phases = self.timeline.phases
        while index < len(phases) and phases[index].stretch_id == current:
            index += 1
        return self._jump(index)

    def retarget(self, stretch_id: str, hold_s: int, note: str = "") -> int:
        """Shorten the holds of a stretch still to come (not the current phase) to `hold_s`,
        adding `note` to their partner prompt; returns how many holds changed."""
        phases = list(self.timeline.phases)
        changed = 0
        for n in range(self.index + 1, len(phases)):
            phase = phases[n]
            if phase.kind == "hold" and phase.stretch_id == stretch_id:
                prompt = f"{note} {phase.partner_prompt}".strip()
                phases[n] = replace(
                    phase, duration_s=min(hold_s, phase.duration_s), partner_prompt=prompt
                )
                changed += phases[n] != phase
        self.timeline = Timeline(tuple(phases))
        self._starts = self.timeline.starts()
        return changed

    def revise(
        self, change: Callable[[Phase], Phase], first: int, *, words_only: bool = False
    ) -> list[tuple[Phase, Phase]]:
        """Rewrite the phases from index `first` on with `change`; returns each (before,
        after) that changed. A phase already begun keeps its duration: it is changed only
        when `words_only` says the change leaves durations alone (a prompt dropped, say)."""
        if self.state in ("running", "paused") and not (self._entering or words_only):
            first = max(first, self.index + 1)
        phases = list(self.timeline.phases)
        changed = []
        for n in range(first, len(phases)):
            new = change(phases[n])
            if words_only:
                new = replace(new, duration_s=phases[n].duration_s)
            if new != phases[n]:
                changed.append((phases[n], new))
                phases[n] = new
        if changed:
            self.timeline = Timeline(tuple(phases))
            self._starts = self.timeline.starts()
        return changed

    def stop(self, *, end_phase: bool = True) -> list[Event]:
        """End the session now; with `end_phase` False the current phase is not ended as a
        hold (it began after the person asked to stop, so nothing of it was held)."""
        if self.state not in ("running", "paused"):
            return []
        events = self._end(self.clock(), on_time=False) if end_phase else []
        self._stopped_at = self.elapsed()
        self.state = "stopped"
        return [*events, Finished(stopped=True)]
