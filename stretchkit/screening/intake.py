"""A client's screening answers, dated: PAR-Q+, the articles' contraindications, and context."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from stretchkit.errors import ValidationError
from stretchkit.i18n import N_, _
from stretchkit.screening.day_text import day_text

__all__ = [
    "CLEARABLE",
    "CLEARANCE_MONTHS",
    "CLEARANCE_TIMING_READING",
    "CLEARANCE_TOO_OLD",
    "CLEARANCE_UNNAMED",
    "DUE_DATE_AFTER",
    "DUE_DATE_BEFORE",
    "INJURY_KINDS",
    "MAX_AGE",
    "MIN_AGE",
    "PARQ_QUESTIONS",
    "SURGERY_SITES",
    "TRIMESTER_STARTS",
    "Clearance",
    "Injury",
    "Intake",
    "derive_trimester",
    "trimester_begins",
    "trimester_on",
    "twelve_months_after",
]

MIN_AGE = 12
MAX_AGE = 110

PARQ_QUESTIONS: tuple[str, ...] = (
    "Has a doctor ever said you have a heart condition or high blood pressure?",
    "Do you feel pain in your chest at rest, during daily activities, or during physical activity?",
    "Do you lose balance because of dizziness, or have you lost consciousness in the last "
    "12 months?",
    "Have you been diagnosed with another chronic medical condition (other than heart disease "
    "or high blood pressure)?",
    "Are you currently taking prescribed medication for a chronic medical condition?",
    "Do you have (or have you had in the last 12 months) a bone, joint or soft-tissue problem "
    "that could be made worse by becoming more physically active?",
    "Has a doctor ever said you should only do medically supervised physical activity?",
)
"""The 7 general health questions of the PAR-Q+ (2023 version), in plain words."""

INJURY_KINDS: tuple[str, ...] = ("strain", "sprain", "fracture", "disc herniation", "other")
SURGERY_SITES: tuple[str, ...] = ("back", "hip", "other")
CLEARABLE: tuple[str, ...] = (
    "par-q",
    "spinal-fusion",
    "disc-herniation",
    "severe-spinal-condition",
    "recent-surgery",
    "pregnancy",
    "numbness-tingling",
)
"""What a written medical clearance can cover: the PAR-Q+ follow-up, and the conditions the
articles allow with clearance or refer to a healthcare professional ("numbness-tingling" covers
numbness, tingling and weakness: the upper back article says to consult a professional)."""

CLEARANCE_MONTHS = 12
"""A written clearance counts for at most 12 months after it was issued (PAR-Q+; it also ends
when the condition changes, which a reported change in health records)."""
CLEARANCE_TOO_OLD = N_("it is older than 12 months (PAR-Q+)")
CLEARANCE_UNNAMED = N_("it does not name the professional who issued it")
"""Why a clearance does not count (English keys, translated where they are said)."""
CLEARANCE_TIMING_READING = N_(
    "a clearance counts only for what happened before it (a surgery it is dated after; a "
    "pregnancy within the trimester it was issued in, as stretches change \u201cespecially in "
    "later trimesters\u201d)"
)
"""What the rule that a clearance covers only what came before it reads into the articles."""

TRIMESTER_STARTS: Mapping[int, int] = {2: 189, 3: 91}
"""Days before the due date each later trimester begins: the second at week 14 (due date - 27
weeks), the third at week 28 (due date - 13 weeks). stretchkit's own reading of the trimesters:
the articles name no weeks."""

DUE_DATE_BEFORE = timedelta(weeks=6)
"""How long before the screening date a due date may lie (a pregnancy past its due date)."""
DUE_DATE_AFTER = timedelta(weeks=40)
"""How long after the screening date a due date may lie (a whole pregnancy)."""


def twelve_months_after(day: date) -> date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def trimester_begins(due_on: date, trimester: int) -> date:
    """The first day of the second or third trimester of a pregnancy due on `due_on`."""
    return due_on - timedelta(days=TRIMESTER_STARTS[trimester])


def trimester_on(due_on: date, day: date) -> int:
    """The trimester (1-3) on a day of a pregnancy due on `due_on` (3 from week 28 on)."""
    if day < trimester_begins(due_on, 2):
        return 1
    return 2 if day < trimester_begins(due_on, 3) else 3


def derive_trimester(trimester: object, due_on: object, taken_on: date) -> int | None:
    """The trimester on the screening date: the one the due date gives (a given trimester must
    agree with it), or the one given when no due date is recorded (older screenings)."""
    if trimester is not None and (type(trimester) is not int or trimester not in (1, 2, 3)):
        raise ValidationError("pregnancy trimester", trimester, "must be 1-3")
    if due_on is None:
        return trimester
    if type(due_on) is not date:
        raise ValidationError("pregnancy due date", due_on, "must be a date")
    if not taken_on - DUE_DATE_BEFORE <= due_on <= taken_on + DUE_DATE_AFTER:
        problem = _("must be within 40 weeks after the screening date (at most 6 weeks before it)")
        raise ValidationError("pregnancy due date", due_on, problem)
    derived = trimester_on(due_on, taken_on)
    if trimester is not None and trimester != derived:
        problem = _("the due date {day} gives trimester {trimester} on the screening date")
        problem = problem.format(day=day_text(due_on), trimester=derived)
        raise ValidationError("pregnancy trimester", trimester, problem)
    return derived


@dataclass(frozen=True)
class Injury:
    """A recent injury: what kind, and which body part (a catalog body-part id)."""

    body_part: str
    kind: str = "strain"

    def __post_init__(self) -> None:
        if not isinstance(self.body_part, str) or not self.body_part.strip():
            raise ValidationError("injury body part", self.body_part, "choose where it is")
        if not isinstance(self.kind, str) or self.kind not in INJURY_KINDS:
            raise ValidationError("injury kind", self.kind, f"must be one of {INJURY_KINDS}")


@dataclass(frozen=True)
class Clearance:
    """Written clearance by a healthcare professional, and what it covers."""

    issued_on: date
    covers: tuple[str, ...]
    issued_by: str = ""

    def __post_init__(self) -> None:
        if type(self.issued_on) is not date:
            raise ValidationError("clearance date", self.issued_on, "must be a date")
        if not isinstance(self.covers, tuple) or not self.covers:
            raise ValidationError("clearance covers", self.covers, "say what the clearance covers")
        for item in self.covers:
            if not isinstance(item, str) or item not in CLEARABLE:
                raise ValidationError("clearance covers", item, f"must be one of {CLEARABLE}")
        if not isinstance(self.issued_by, str):
            raise ValidationError("clearance issued by", self.issued_by, "must be text")

    @property
    def ends_on(self) -> date:
        """The day this clearance stops counting: 12 months after it was issued (PAR-Q+)."""
        return twelve_months_after(self.issued_on)

    @property
    def named(self) -> bool:
        """True when the clearance names the professional who issued it."""
        return bool(self.issued_by.strip())

    def current_on(self, day: date) -> bool:
        """True when the clearance is less than 12 months old on `day` (PAR-Q+)."""
        return day < self.ends_on

    def problems_on(self, day: date) -> tuple[str, ...]:
        """Why this clearance does not count for a screening on `day` (none when it counts)."""
        named = () if self.named else (CLEARANCE_UNNAMED,)
        return named + (() if self.current_on(day) else (CLEARANCE_TOO_OLD,))

    def counts_on(self, day: date) -> bool:
        """True when the clearance is attributable and current for a screening on `day`."""
        return not self.problems_on(day)

    def problem_text(self, problem: str) -> str:
        """'The written clearance dated 2025-01-03 does not count: <problem>.'"""
        said = _("The written clearance dated {day} does not count: {problem}.")
        return said.format(day=day_text(self.issued_on), problem=_(problem))


@dataclass(frozen=True)
class Intake:
    """Everything asked at screening. Conditions default to 'no'; `taken_on` dates it."""

    taken_on: date
    age: int
    parq: tuple[bool, ...] = (False,) * len(PARQ_QUESTIONS)
    injuries: tuple[Injury, ...] = ()
    acute_pain: bool = False
    severe_pain: bool = False
    osteoporosis: bool = False
    spinal_fusion: bool = False
    disc_herniation: bool = False
    severe_spinal_condition: bool = False
    recent_surgery: str | None = None
    recent_surgery_on: date | None = None
    """The day of the recent surgery (None in screenings stored before it was asked)."""
    hypermobility: bool = False
    numbness_tingling: bool = False
    weakness: bool = False
    """Weakness during or after stretching (the upper back article names it beside numbness
    and tingling); it has the same effect as numbness or tingling."""
    pregnancy_trimester: int | None = None
    pregnancy_due_on: date | None = None
    lower_back_pain: bool = False
    hamstring_tightness: bool = False
    contraindicated_by_professional: bool = False
    reduced_flexibility: bool = False
    warm_up_possible: bool = True
    clearance: Clearance | None = None
    notes: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if type(self.taken_on) is not date:
            raise ValidationError("screening date", self.taken_on, "must be a date")
        if type(self.age) is not int or not MIN_AGE <= self.age <= MAX_AGE:
            problem = _("must be a whole number {low}-{high}").format(low=MIN_AGE, high=MAX_AGE)
            raise ValidationError("age", self.age, problem)
        _check_answers(self)
        trimester = derive_trimester(self.pregnancy_trimester, self.pregnancy_due_on, self.taken_on)
        object.__setattr__(self, "pregnancy_trimester", trimester)
        _check_surgery(self)
        if self.clearance is not None and not isinstance(self.clearance, Clearance):
            raise ValidationError("clearance", self.clearance, "must be a written clearance")
        if self.clearance is not None and self.clearance.issued_on > self.taken_on:
            raise ValidationError(
                "clearance date",
                self.clearance.issued_on,
                _("cannot be after the screening date"),
            )
        if not isinstance(self.notes, str):
            raise ValidationError("notes", self.notes, "must be text")

    def cleared_for(self, item: str) -> bool:
        """True when a written clearance that counts on the screening date (named, at most 12
        months old, issued after what it covers) covers this item (see CLEARABLE)."""
        clearance = self.clearance
        return (
            clearance is not None
            and item in clearance.covers
            and clearance.counts_on(self.taken_on)
            and not self.clearance_timing(item)
        )

    def clearance_timing(self, item: str) -> str:
        """Why the clearance does not count for a recent surgery or a pregnancy the intake
        records, by when it was issued ('' when it does, or covers neither)."""
        clearance = self.clearance
        if clearance is None or item not in clearance.covers:
            return ""
        if item == "recent-surgery" and self.recent_surgery is not None:
            return _before_surgery(clearance.issued_on, self.recent_surgery_on)
        if item == "pregnancy" and self.pregnancy_trimester is not None:
            return _other_trimester(clearance.issued_on, self.pregnancy_due_on, self.taken_on)
        return ""


def _before_surgery(issued_on: date, surgery_on: date | None) -> str:
    """Why a clearance does not cover a recent surgery: it is not dated after it, or the
    surgery's date is not recorded (the safer reading of older screenings)."""
    if surgery_on is None:
        return _(
            "the date of the recent surgery is not recorded, so it cannot be shown to come "
            "after the surgery (record the date and re-screen)"
        )
    if issued_on <= surgery_on:
        return _("it is not dated after the recent surgery of {day}").format(
            day=day_text(surgery_on)
        )
    return ""


def _other_trimester(issued_on: date, due_on: date | None, taken_on: date) -> str:
    """Why a pregnancy clearance does not count: it was issued in an earlier trimester (or,
    with no due date recorded, before the screening day, so its trimester is unknown)."""
    if due_on is None:
        if issued_on == taken_on:
            return ""
        return _(
            "no due date is recorded, so it cannot be shown to be from the current trimester "
            "(record the due date and re-screen)"
        )
    then, now = trimester_on(due_on, issued_on), trimester_on(due_on, taken_on)
    if then == now:
        return ""
    said = _("it was issued in trimester {then} and the client is now in trimester {now}")
    return said.format(then=then, now=now)


def _check_surgery(intake: Intake) -> None:
    """The recent surgery is one of SURGERY_SITES, and its date (if recorded) is a date no
    later than the screening."""
    surgery, day = intake.recent_surgery, intake.recent_surgery_on
    if surgery is not None and (not isinstance(surgery, str) or surgery not in SURGERY_SITES):
        raise ValidationError("recent surgery", surgery, f"one of {SURGERY_SITES}")
    if day is None:
        return
    if type(day) is not date:
        raise ValidationError("recent surgery date", day, "must be a date")
    if surgery is None:
        raise ValidationError("recent surgery date", day, "choose where the surgery was first")
    if day > intake.taken_on:
        problem = _("cannot be after the screening date {day}").format(
            day=day_text(intake.taken_on)
        )
        raise ValidationError("recent surgery date", day, problem)


_FLAGS: tuple[str, ...] = tuple(f.name for f in fields(Intake) if f.type == "bool")
"""The yes/no answers of an intake, each checked to be True or False."""


def _check_answers(intake: Intake) -> None:
    """The PAR-Q+ answers, the injuries and every yes/no answer have the right type."""
    parq = intake.parq
    if (
        not isinstance(parq, tuple)
        or len(parq) != len(PARQ_QUESTIONS)
        or not all(type(answer) is bool for answer in parq)
    ):
        raise ValidationError("parq", parq, f"needs {len(PARQ_QUESTIONS)} yes/no answers")
    injuries = intake.injuries
    if not isinstance(injuries, tuple) or not all(isinstance(i, Injury) for i in injuries):
        raise ValidationError("injuries", injuries, "must be a list of injuries")
    for name in _FLAGS:
        answer = getattr(intake, name)
        if type(answer) is not bool:
            raise ValidationError(name.replace("_", " "), answer, "must be yes or no")
