"""How long a screening holds, and why: 12 months (PAR-Q+), never past the end of a written
clearance it relies on, and in pregnancy only until the next trimester begins (a third-trimester
screening until the due date). A reported change in health ends it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from stretchkit.errors import ValidationError
from stretchkit.screening.intake import (
    CLEARANCE_MONTHS,
    TRIMESTER_STARTS,
    Intake,
    trimester_begins,
    twelve_months_after,
)
from stretchkit.screening.rules import CONDITION_PRESENT

__all__ = [
    "END_CAUSES",
    "PREGNANCY_CAUSES",
    "VALID_MONTHS",
    "EndCause",
    "Ending",
    "Validity",
    "ValidityState",
    "expires_on",
    "intake_validity",
    "screening_ends",
    "validity",
]

VALID_MONTHS = 12
"""A screening holds for 12 months (PAR-Q+; the articles give no period)."""

EndCause = Literal["twelve-months", "clearance", "next-trimester", "due-date", "no-due-date"]
ValidityState = Literal["current", "expired", "health-changed", "pregnancy-moved-on"]
END_CAUSES: tuple[EndCause, ...] = get_args(EndCause)
PREGNANCY_CAUSES: tuple[EndCause, ...] = ("next-trimester", "due-date", "no-due-date")
_ORDINALS = {2: "second", 3: "third"}
_OWN = "stretchkit's own reading"


def expires_on(taken_on: date) -> date:
    """The day a screening taken on this date stops being valid (12 months later)."""
    return twelve_months_after(taken_on)


@dataclass(frozen=True)
class Ending:
    """The day a screening stops being valid and why; `since` is the issue date of the
    clearance that ends it, `trimester` the trimester that begins on that day."""

    on: date
    cause: EndCause
    since: date | None = None
    trimester: int | None = None

    def __post_init__(self) -> None:
        if type(self.on) is not date:
            raise ValidationError("screening end", self.on, "must be a date")
        if self.cause not in END_CAUSES:
            raise ValidationError("screening end cause", self.cause, f"one of {END_CAUSES}")
        if (self.cause == "clearance") != (type(self.since) is date):
            raise ValidationError("clearance date", self.since, "a clearance ending needs it")
        if (self.cause == "next-trimester") != (self.trimester in _ORDINALS):
            raise ValidationError("pregnancy trimester", self.trimester, "must be 2 or 3")

    def _nth(self) -> str:
        return _ORDINALS.get(self.trimester or 0, "")

    def _since(self) -> str:
        return self.since.isoformat() if self.since else ""

    def _week(self) -> int:
        """The pregnancy week the trimester begins with: 14 or 28."""
        return 41 - TRIMESTER_STARTS[self.trimester or 2] // 7

    @property
    def reason(self) -> str:
        """Why the screening ends on that day, in plain words, with where the rule comes from."""
        return {
            "twelve-months": f"a screening holds for {VALID_MONTHS} months (PAR-Q+)",
            "clearance": f"the written clearance dated {self._since()} counts for "
            f"{CLEARANCE_MONTHS} months (PAR-Q+)",
            "next-trimester": f"the {self._nth()} trimester begins then (week {self._week()}, "
            f"counted back from the due date: {_OWN})",
            "due-date": "it is the due date (a third-trimester screening holds until then: "
            f"{_OWN})",
            "no-due-date": "no due date is recorded for the pregnancy (re-screen and record it: "
            "stretchkit's safer default)",
        }[self.cause]

    @property
    def rescreen(self) -> str:
        """The re-screen that falls due, in plain words: 're-screen due by 2027-06-01', 'the
        second trimester begins on 2026-03-03: re-screen due'."""
        day = self.on.isoformat()
        return {
            "twelve-months": f"re-screen due by {day}",
            "clearance": f"re-screen due by {day}, when the written clearance dated "
            f"{self._since()} is {CLEARANCE_MONTHS} months old (PAR-Q+)",
            "next-trimester": f"the {self._nth()} trimester begins on {day}: re-screen due",
            "due-date": f"due date {day}: re-screen due",
            "no-due-date": "no due date recorded for the pregnancy: record it and re-screen now",
        }[self.cause]


def _covered_and_present(intake: Intake, item: str) -> bool:
    present = any(intake.parq) if item == "par-q" else CONDITION_PRESENT[item](intake)
    return present and intake.cleared_for(item)


def _clearance_end(intake: Intake) -> list[Ending]:
    """The end of the clearance, when it counts and lifts a condition the intake has."""
    clearance = intake.clearance
    if clearance is None or not any(_covered_and_present(intake, c) for c in clearance.covers):
        return []
    return [Ending(clearance.ends_on, "clearance", since=clearance.issued_on)]


def _pregnancy_end(intake: Intake) -> list[Ending]:
    """The next trimester's first day, the due date in the third, or now without a due date."""
    trimester, due = intake.pregnancy_trimester, intake.pregnancy_due_on
    if trimester is None:
        return []
    if due is None:
        return [Ending(intake.taken_on, "no-due-date")]
    if trimester == 3:
        return [Ending(due, "due-date")]
    return [Ending(trimester_begins(due, trimester + 1), "next-trimester", trimester=trimester + 1)]


def screening_ends(intake: Intake) -> Ending:
    """The day a screening of this intake stops being valid and why: the earliest of 12 months
    (PAR-Q+), the end of a clearance it relies on, and the next trimester of a pregnancy."""
    found = [
        Ending(expires_on(intake.taken_on), "twelve-months"),
        *_clearance_end(intake),
        *_pregnancy_end(intake),
    ]
    return min(found, key=lambda ending: ending.on)


@dataclass(frozen=True)
class Validity:
    """Whether a screening still holds on a given day, until when, and why not."""

    state: ValidityState
    ending: Ending

    @property
    def expires_on(self) -> date:
        """The day the screening stops (or stopped) being valid."""
        return self.ending.on

    @property
    def text(self) -> str:
        """Plain words for the trainer."""
        ending, day = self.ending, self.ending.on.isoformat()
        plain = ending.cause == "twelve-months"
        if self.state == "current":
            return f"Current, valid until {day}" + ("" if plain else f": {ending.reason}")
        if self.state == "expired":
            return f"Expired on {day}: " + ("" if plain else f"{ending.reason}; ") + "re-screen due"
        if self.state == "pregnancy-moved-on":
            return ending.rescreen[0].upper() + ending.rescreen[1:]
        return "Health changed since this screening: re-screen due"


def validity(
    taken_on: date,
    today: date,
    health_changed_on: date | None = None,
    ends: Ending | None = None,
) -> Validity:
    """A screening ends on its end day (12 months unless `ends` says otherwise, see
    `screening_ends`), or when the client reports a change in health."""
    ending = ends or Ending(expires_on(taken_on), "twelve-months")
    if health_changed_on is not None and health_changed_on >= taken_on:
        return Validity("health-changed", ending)
    if today >= ending.on:
        moved_on = ending.cause in PREGNANCY_CAUSES
        return Validity("pregnancy-moved-on" if moved_on else "expired", ending)
    return Validity("current", ending)


def intake_validity(intake: Intake, today: date, health_changed_on: date | None = None) -> Validity:
    """Whether a screening of this intake still holds today (see `screening_ends`)."""
    return validity(intake.taken_on, today, health_changed_on, screening_ends(intake))
