"""Screening: intake + catalog -> an overall status and a decision per stretch, with reasons.

A stretch's decision is the most severe effect among the rules that fire (see
`stretchkit.screening_rules`), so adding a condition can never make a stretch safer. A
screening is valid for 12 months, or until the client reports a change in health.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from stretchkit.catalog import Catalog, Stretch
from stretchkit.errors import ValidationError
from stretchkit.intake import Intake
from stretchkit.screening_model import (
    DECISION_TEXT,
    DECISIONS,
    NO_RULE,
    REFER,
    STATUS_TEXT,
    STATUSES,
    Reason,
    Rule,
    Screening,
    StretchDecision,
)
from stretchkit.screening_rules import injured_parts, rules

__all__ = [
    "DECISIONS",
    "DECISION_TEXT",
    "REFER",
    "STATUSES",
    "STATUS_TEXT",
    "VALID_MONTHS",
    "Reason",
    "Screening",
    "StretchDecision",
    "Validity",
    "expires_on",
    "screen",
    "validity",
]

VALID_MONTHS = 12


def _worst(values: list[str], order: tuple[str, ...]) -> int:
    return max((order.index(v) for v in values), default=0)


def _decide(stretch: Stretch, intake: Intake, fired: list[Rule]) -> StretchDecision:
    effects = [(rule, rule.effect(intake, stretch)) for rule in fired]
    hits = [(rule, d) for rule, d in effects if d is not None]
    if not hits:
        return StretchDecision(stretch.id, "allowed", (Reason("no-contraindication", NO_RULE, ""),))
    decision = DECISIONS[_worst([d for _, d in hits], DECISIONS)]
    return StretchDecision(stretch.id, decision, tuple(rule.reason(intake) for rule, _ in hits))


def screen(intake: Intake, catalog: Catalog) -> Screening:
    """Screen an intake against every rule; an unknown body part raises an error naming it."""
    for part in injured_parts(intake):
        if part not in catalog.body_parts:
            raise ValidationError("injury body part", part, "not a body part stretchkit knows")
    fired = [rule for rule in rules(catalog) if rule.applies(intake)]
    status = STATUSES[_worst([r.status for r in fired], STATUSES)]
    decisions = tuple(_decide(s, intake, fired) for s in catalog.stretches)
    return Screening(intake, status, tuple(r.reason(intake) for r in fired), decisions)


def expires_on(taken_on: date) -> date:
    """The day a screening taken on this date stops being valid (12 months later)."""
    year = taken_on.year + VALID_MONTHS // 12
    try:
        return taken_on.replace(year=year)
    except ValueError:  # 29 February
        return taken_on.replace(year=year, day=28)


@dataclass(frozen=True)
class Validity:
    """Whether a screening still holds on a given day, and why not."""

    state: Literal["current", "expired", "health-changed"]
    expires_on: date

    @property
    def text(self) -> str:
        """Plain words for the trainer and the client."""
        if self.state == "current":
            return f"Current, valid until {self.expires_on.isoformat()}"
        if self.state == "expired":
            return f"Expired on {self.expires_on.isoformat()}: re-screen due"
        return "Health changed since this screening: re-screen due"


def validity(taken_on: date, today: date, health_changed_on: date | None = None) -> Validity:
    """A screening expires after 12 months, or when the client reports a change in health."""
    ends = expires_on(taken_on)
    if health_changed_on is not None and health_changed_on >= taken_on:
        return Validity("health-changed", ends)
    if today >= ends:
        return Validity("expired", ends)
    return Validity("current", ends)
