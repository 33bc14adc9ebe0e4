"""The values a screening produces: statuses, per-stretch decisions, reasons, rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from stretchkit.catalog import Stretch
from stretchkit.screening.intake import Intake

__all__ = [
    "DECISIONS",
    "DECISION_TEXT",
    "NO_RULE",
    "REFER",
    "STATUSES",
    "STATUS_TEXT",
    "Decision",
    "Effect",
    "Reason",
    "Rule",
    "Screening",
    "Status",
    "StretchDecision",
]

Status = Literal["cleared", "cleared-with-cautions", "needs-clearance", "do-not-stretch"]
Decision = Literal["allowed", "caution", "excluded"]
STATUSES: tuple[Status, ...] = (
    "cleared",
    "cleared-with-cautions",
    "needs-clearance",
    "do-not-stretch",
)
DECISIONS: tuple[Decision, ...] = ("allowed", "caution", "excluded")
STATUS_TEXT: Mapping[Status, str] = {
    "cleared": "Cleared for partner stretching",
    "cleared-with-cautions": "Cleared, with cautions",
    "needs-clearance": "Needs medical clearance first",
    "do-not-stretch": "Do not stretch",
}
DECISION_TEXT: Mapping[Decision, str] = {
    "allowed": "Allowed",
    "caution": "Allowed with caution",
    "excluded": "Excluded",
}
REFER = "Refer to a healthcare professional before any partner stretching."
NO_RULE = "No contraindication in this screening applies to this stretch."

Effect = Callable[[Intake, Stretch], Decision | None]


@dataclass(frozen=True)
class Reason:
    """Why a rule fired, in words, with the source it comes from; `reading` says what of the
    rule is stretchkit's own reading (naming that source), empty when the source states it all."""

    rule: str
    text: str
    source: str
    refer: bool = False
    modification: str = ""
    reading: str = ""

    @property
    def cited(self) -> str:
        """The source, with stretchkit's own reading beside it: 'Partner Back Stretching ...
        (Jordan); which stretches: stretchkit's own reading or default (...)'."""
        return "; ".join(part for part in (self.source, self.reading) if part)


@dataclass(frozen=True)
class Rule:
    """One safety rule: when it applies, what it does overall and to each stretch, and why."""

    id: str
    applies: Callable[[Intake], bool]
    status: Status
    effect: Effect
    text: Callable[[Intake], str]
    source: str
    refer: bool = False
    modification: str = ""
    reading: str = ""
    """What of the rule is stretchkit's own reading, naming that source ('' when none is)."""

    def reason(self, intake: Intake) -> Reason:
        """The reason this rule gives for this intake."""
        text = self.text(intake)
        return Reason(self.id, text, self.source, self.refer, self.modification, self.reading)


@dataclass(frozen=True)
class StretchDecision:
    """What the screening allows for one stretch, and why."""

    stretch_id: str
    decision: Decision
    reasons: tuple[Reason, ...]

    @property
    def modifications(self) -> tuple[str, ...]:
        """How to adapt the stretch, from the rules that ask for it."""
        return tuple(dict.fromkeys(r.modification for r in self.reasons if r.modification))


@dataclass(frozen=True)
class Screening:
    """The result of screening one intake: overall status, findings, per-stretch decisions."""

    intake: Intake
    status: Status
    findings: tuple[Reason, ...]
    decisions: tuple[StretchDecision, ...]

    @property
    def refer(self) -> bool:
        """True when the client should see a healthcare professional first."""
        return any(r.refer for r in self.findings)

    @property
    def headline(self) -> str:
        """The status in words, with the referral sentence where due."""
        text = STATUS_TEXT[self.status]
        return f"{text}. {REFER}" if self.refer else text

    def decision(self, stretch_id: str) -> StretchDecision:
        """The decision for one stretch."""
        return next(d for d in self.decisions if d.stretch_id == stretch_id)

    def allowed(self) -> tuple[str, ...]:
        """Ids of the stretches that may be planned (allowed or with caution)."""
        return tuple(d.stretch_id for d in self.decisions if d.decision != "excluded")
