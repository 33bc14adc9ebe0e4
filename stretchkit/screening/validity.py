"""How long a screening holds, and why: 12 months (PAR-Q+), never past the end of a written
clearance it relies on, and in pregnancy only until the next trimester begins (a third-trimester
screening until the due date). A reported change in health ends it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from stretchkit.errors import ValidationError
from stretchkit.i18n import _
from stretchkit.screening.day_text import day_text
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

    def _since(self) -> str:
        return day_text(self.since) if self.since else ""

    def _week(self) -> int:
        """The pregnancy week the trimester begins with: 14 or 28."""
        return 41 - TRIMESTER_STARTS[self.trimester or 2] // 7

    @property
    def reason(self) -> str:
        """Why the screening ends on that day, in plain words, with where the rule comes from
        (in the reader's language)."""
        if self.cause == "twelve-months":
            return _("a screening holds for {months} months (PAR-Q+)").format(months=VALID_MONTHS)
        if self.cause == "clearance":
            said = _("the written clearance dated {day} counts for {months} months (PAR-Q+)")
            return said.format(day=self._since(), months=CLEARANCE_MONTHS)
        if self.cause == "next-trimester":
            said = (
                _(
                    "the second trimester begins then (week {week}, counted back from the due "
                    "date: stretchkit's own reading)"
                )
                if self.trimester == 2
                else _(
                    "the third trimester begins then (week {week}, counted back from the due "
                    "date: stretchkit's own reading)"
                )
            )
            return said.format(week=self._week())
        if self.cause == "due-date":
            return _(
                "it is the due date (a third-trimester screening holds until then: "
                "stretchkit's own reading)"
            )
        return _(
            "no due date is recorded for the pregnancy (re-screen and record it: "
            "stretchkit's safer default)"
        )

    @property
    def rescreen(self) -> str:
        """The re-screen that falls due, in plain words: 're-screen due by 2027-06-01', 'the
        second trimester begins on 2026-03-03: re-screen due' (in the reader's language)."""
        day = day_text(self.on)
        if self.cause == "twelve-months":
            return _("re-screen due by {day}").format(day=day)
        if self.cause == "clearance":
            said = _(
                "re-screen due by {day}, when the written clearance dated {since} is {months} "
                "months old (PAR-Q+)"
            )
            return said.format(day=day, since=self._since(), months=CLEARANCE_MONTHS)
        if self.cause == "next-trimester":
            if self.trimester == 2:
                return _("the second trimester begins on {day}: re-screen due").format(day=day)
            return _("the third trimester begins on {day}: re-screen due").format(day=day)
        if self.cause == "due-date":
            return _("due date {day}: re-screen due").format(day=day)
        return _("no due date recorded for the pregnancy: record it and re-screen now")


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
        """Plain words for the trainer, in the reader's language."""
        ending, day = self.ending, day_text(self.ending.on)
        plain = ending.cause == "twelve-months"
        if self.state == "current":
            if plain:
                return _("Current, valid until {day}").format(day=day)
            said = _("Current, valid until {day}: {reason}")
            return said.format(day=day, reason=ending.reason)
        if self.state == "expired":
            if plain:
                return _("Expired on {day}: re-screen due").format(day=day)
            said = _("Expired on {day}: {reason}; re-screen due")
            return said.format(day=day, reason=ending.reason)
        if self.state == "pregnancy-moved-on":
            return ending.rescreen[0].upper() + ending.rescreen[1:]
        return _("Health changed since this screening: re-screen due")


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
