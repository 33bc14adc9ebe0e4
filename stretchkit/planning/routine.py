"""A client's routine: the stretches in order, each with its prescription, and why each is there.

A routine is a value: every edit (add, remove, move, change a hold or the repetitions) returns
a new routine and is refused with a ValidationError when it breaks a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from stretchkit.errors import ValidationError
from stretchkit.planning.prescription import Prescription, Side
from stretchkit.planning.read_back import WHOLE_NUMBER
from stretchkit.planning.timeline import Planned
from stretchkit.screening.rules import (
    CLEARED_MODIFICATION,
    HYPERMOBILITY_MODIFICATION,
    WARM_UP_MODIFICATION,
)

__all__ = [
    "BUDGET_RANGE",
    "DAYS_RANGE",
    "DEFAULT_BUDGET_MIN",
    "DEFAULT_DAYS_PER_WEEK",
    "GENTLE_CAUTIONS",
    "GENTLE_WORDS",
    "WARM_UP_RANGE",
    "Routine",
    "RoutineItem",
    "gentle_cautions",
]

BUDGET_RANGE = (5, 120)
"""Minutes a session may be planned for."""
DAYS_RANGE = (1, 7)
DEFAULT_BUDGET_MIN = 20
"""Minutes a new plan is made for, unless the trainer says otherwise."""
DEFAULT_DAYS_PER_WEEK = 3
"""Sessions a week a new plan starts from: ACSM's 2-3 days or more."""
WARM_UP_RANGE = (5, 10)
"""Minutes of warm-up: both articles ask for 5-10 before stretching ("Warm-up First"). A
client who warmed up elsewhere is recorded when the session starts, not planned as 0."""


GENTLE_CAUTIONS = frozenset(
    {HYPERMOBILITY_MODIFICATION, CLEARED_MODIFICATION, WARM_UP_MODIFICATION}
)
"""The screening's modifications that keep a stretch within a gentle range (stretchkit's own
reading of which cautions mean that)."""
GENTLE_WORDS = ("gentle range", "end range", "very gently")
"""Words that mark any other caution (typed by a trainer, say) as a gentle-range one."""


def gentle_cautions(cautions: tuple[str, ...]) -> tuple[str, ...]:
    """The cautions that ask to stay in a gentle range (never invite the client further)."""
    return tuple(
        c for c in cautions if c in GENTLE_CAUTIONS or any(w in c.lower() for w in GENTLE_WORDS)
    )


def _check_range(field: str, value: int, bounds: tuple[int, int], unit: str) -> None:
    low, high = bounds
    if type(value) is not int or not low <= value <= high:
        raise ValidationError(field, value, WHOLE_NUMBER.format(low=low, high=high, unit=unit))


@dataclass(frozen=True)
class RoutineItem:
    """One stretch of a routine: its prescription, why it was chosen, and its cautions."""

    prescription: Prescription
    why: str = ""
    cautions: tuple[str, ...] = ()

    @property
    def stretch_id(self) -> str:
        """The stretch's catalog id."""
        return self.prescription.stretch_id

    def planned(self) -> Planned:
        """The item as the timeline needs it (no end-range assistance when any of its cautions
        asks to stay in a gentle range: see planning.end_range)."""
        assist = not gentle_cautions(self.cautions)
        return Planned(self.prescription, self.cautions, end_range_assist=assist)


@dataclass(frozen=True)
class Routine:
    """The stretches of a session in order, with the plan's settings and notes."""

    items: tuple[RoutineItem, ...]
    goals: tuple[str, ...] = ()
    budget_min: int = DEFAULT_BUDGET_MIN
    days_per_week: int = DEFAULT_DAYS_PER_WEEK
    warm_up_min: int = 5
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_range("time budget", self.budget_min, BUDGET_RANGE, " minutes")
        _check_range("days per week", self.days_per_week, DAYS_RANGE, "")
        _check_range("warm-up", self.warm_up_min, WARM_UP_RANGE, " minutes")
        ids = [item.stretch_id for item in self.items]
        doubled = sorted({i for i in ids if ids.count(i) > 1})
        if doubled:
            raise ValidationError("stretches", doubled, "each stretch can be planned once")

    @property
    def stretch_ids(self) -> tuple[str, ...]:
        """The planned stretches, in order."""
        return tuple(item.stretch_id for item in self.items)

    def planned(self) -> tuple[Planned, ...]:
        """The items as the timeline needs them."""
        return tuple(item.planned() for item in self.items)

    def item(self, stretch_id: str) -> RoutineItem:
        """The item for one stretch; an error names it when it is not planned."""
        for item in self.items:
            if item.stretch_id == stretch_id:
                return item
        raise ValidationError("stretch", stretch_id, "is not in this routine")

    def _index(self, stretch_id: str) -> int:
        return self.stretch_ids.index(self.item(stretch_id).stretch_id)

    def with_items(self, items: tuple[RoutineItem, ...]) -> Routine:
        """A copy with other items (checked again)."""
        return replace(self, items=items)

    def without(self, stretch_id: str) -> Routine:
        """A copy without one stretch."""
        index = self._index(stretch_id)
        return self.with_items(self.items[:index] + self.items[index + 1 :])

    def moved(self, stretch_id: str, by: int) -> Routine:
        """A copy with one stretch moved `by` places (negative: earlier), kept within the list."""
        index = self._index(stretch_id)
        items = list(self.items)
        item = items.pop(index)
        items.insert(min(max(index + by, 0), len(items)), item)
        return self.with_items(tuple(items))

    def _changed(self, stretch_id: str, prescription: Prescription) -> Routine:
        index = self._index(stretch_id)
        item = replace(self.items[index], prescription=prescription)
        return self.with_items((*self.items[:index], item, *self.items[index + 1 :]))

    def with_hold(self, stretch_id: str, side: Side, hold_s: int) -> Routine:
        """A copy with a new hold target, refused outside the client's safe range."""
        rx = self.item(stretch_id).prescription
        return self._changed(stretch_id, rx.with_hold(side, hold_s))

    def with_reps(self, stretch_id: str, reps: int) -> Routine:
        """A copy with another number of repetitions, within the article's range."""
        rx = self.item(stretch_id).prescription
        return self._changed(stretch_id, rx.with_reps(reps))
