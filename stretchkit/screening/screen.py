"""Screening: intake + catalog -> an overall status and a decision per stretch, with reasons.

A stretch's decision is the most severe effect among the rules that fire (see
`stretchkit.screening.rules`), so adding a condition can never make a stretch safer. How long a
screening holds (12 months, a clearance's end, the next trimester, a change in health) is in
`stretchkit.screening.validity`.
"""

from __future__ import annotations

from stretchkit.catalog import Catalog, Stretch
from stretchkit.errors import ValidationError
from stretchkit.i18n import N_
from stretchkit.screening.intake import Intake
from stretchkit.screening.model import (
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
from stretchkit.screening.rules import OWN_READING, injured_parts, rules
from stretchkit.screening.validity import (
    VALID_MONTHS,
    Ending,
    Validity,
    expires_on,
    intake_validity,
    screening_ends,
    validity,
)

__all__ = [
    "DECISIONS",
    "DECISION_TEXT",
    "NOTHING_ALLOWED",
    "REFER",
    "STATUSES",
    "STATUS_TEXT",
    "VALID_MONTHS",
    "Ending",
    "Reason",
    "Screening",
    "StretchDecision",
    "Validity",
    "expires_on",
    "intake_validity",
    "screen",
    "screening_ends",
    "validity",
]


NOTHING_ALLOWED = "every-stretch-excluded"
"""The finding of a screening whose clearing rules exclude every stretch (stretchkit's own
reading): 'do not stretch', never 'cleared'."""


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
    findings = tuple(r.reason(intake) for r in fired)
    if _nothing_left(intake, catalog, fired):
        status, findings = "do-not-stretch", (*findings, _nothing_allowed(catalog))
    return Screening(intake, status, findings, decisions)


def _nothing_left(intake: Intake, catalog: Catalog, fired: list[Rule]) -> bool:
    """True when the rules that clear the client (with or without cautions) exclude every
    stretch by themselves: no clearance could leave a stretch to do."""
    clearing = [r for r in fired if r.status.startswith("cleared")]
    if not clearing:
        return False
    return all(_decide(s, intake, clearing).decision == "excluded" for s in catalog.stretches)


def _nothing_allowed(catalog: Catalog) -> Reason:
    """Why a screening that excludes every stretch reads 'do not stretch', never 'cleared'."""
    return Reason(
        NOTHING_ALLOWED,
        N_(
            "Every stretch is excluded for this client: see why below; refer to a healthcare "
            "professional if unsure"
        ),
        catalog.sources[OWN_READING].citation,
        reading=N_("'do not stretch' when nothing is allowed: stretchkit's own reading"),
    )
