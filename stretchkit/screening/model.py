"""The values a screening produces: statuses, per-stretch decisions, reasons, rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from stretchkit.catalog import Stretch
from stretchkit.i18n import N_, _, use_language
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
# The statuses, decisions and sentences below are English (a routine keeps them so), and are
# translated where they are shown: _(STATUS_TEXT[status]).
STATUS_TEXT: Mapping[Status, str] = {
    "cleared": N_("Cleared for partner stretching"),
    "cleared-with-cautions": N_("Cleared, with cautions"),
    "needs-clearance": N_("Needs medical clearance first"),
    "do-not-stretch": N_("Do not stretch"),
}
DECISION_TEXT: Mapping[Decision, str] = {
    "allowed": N_("Allowed"),
    "caution": N_("Allowed with caution"),
    "excluded": N_("Excluded"),
}
REFER = N_("Refer to a healthcare professional before any partner stretching.")
NO_RULE = N_("No contraindication in this screening applies to this stretch.")

Effect = Callable[[Intake, Stretch], Decision | None]


@dataclass(frozen=True)
class Reason:
    """Why a rule fired, in words, with the source it comes from; `reading` says what of the
    rule is stretchkit's own reading (naming that source), empty when the source states it all.
    `text` is English (a routine keeps it); `said` words it again in the reader's language."""

    rule: str
    text: str
    source: str
    refer: bool = False
    modification: str = ""
    reading: str = ""
    said: Callable[[], str] | None = field(default=None, compare=False, repr=False)
    """The text in the current language, made when it is shown (None: `text` is a message)."""

    @property
    def shown(self) -> str:
        """The reason in the reader's language."""
        return self.said() if self.said is not None else _(self.text)

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
        """The reason this rule gives for this intake: in English, and in the reader's
        language when it is shown."""
        with use_language("en"):
            text = self.text(intake)
        return Reason(
            self.id,
            text,
            self.source,
            self.refer,
            self.modification,
            self.reading,
            said=lambda: self.text(intake),
        )


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
        """The status in words, with the referral sentence where due (English, as a routine
        keeps it; `headline_shown` in the reader's language)."""
        text = STATUS_TEXT[self.status]
        return f"{text}. {REFER}" if self.refer else text

    @property
    def headline_shown(self) -> str:
        """The headline in the reader's language."""
        text = _(STATUS_TEXT[self.status])
        return _("{status}. {refer}").format(status=text, refer=_(REFER)) if self.refer else text

    def decision(self, stretch_id: str) -> StretchDecision:
        """The decision for one stretch."""
        return next(d for d in self.decisions if d.stretch_id == stretch_id)

    def allowed(self) -> tuple[str, ...]:
        """Ids of the stretches that may be planned (allowed or with caution)."""
        return tuple(d.stretch_id for d in self.decisions if d.decision != "excluded")
