"""A screening's answers in words: what was declared, and what changed from one screening to
the next; and the age a client has moved on to since an earlier screening."""

from __future__ import annotations

from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.screening.intake import PARQ_QUESTIONS, Clearance, Injury, Intake

__all__ = [
    "ANSWER_CONDITIONS",
    "WEAKNESS_LABEL",
    "age_on",
    "changes",
    "declared",
    "years_between",
]

ANSWER_CONDITIONS: tuple[tuple[str, str], ...] = (
    ("acute_pain", "acute-pain"),
    ("severe_pain", "severe-pain"),
    ("osteoporosis", "osteoporosis"),
    ("spinal_fusion", "spinal-fusion"),
    ("disc_herniation", "disc-herniation"),
    ("severe_spinal_condition", "severe-spinal-condition"),
    ("hypermobility", "hypermobility"),
    ("numbness_tingling", "numbness-tingling"),
    ("lower_back_pain", "lower-back-pain"),
    ("hamstring_tightness", "hamstring-tightness"),
    ("contraindicated_by_professional", "contraindicated-by-professional"),
)
"""Intake yes/no fields and the catalog condition each one answers."""
WEAKNESS_LABEL = "Weakness during or after stretching"
"""The weakness answer (the upper back article names it beside numbness and tingling; it has
the same effect)."""


def years_between(earlier: date, later: date) -> int:
    """Whole years from `earlier` to `later` (0 when `later` is not after it)."""
    years = later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))
    return max(years, 0)


def age_on(age: int, screened_on: date, day: date) -> int:
    """The age on `day` of a client who was `age` on `screened_on` (whole years passed)."""
    return age + years_between(screened_on, day)


def _yes_no(answer: bool) -> str:
    return "yes" if answer else "no"


def _injury(injury: Injury, catalog: Catalog) -> str:
    part = catalog.body_parts.get(injury.body_part)
    return f"{part.name if part else injury.body_part} ({injury.kind})"


def _clearance(clearance: Clearance | None) -> str:
    if clearance is None:
        return "none"
    by = clearance.issued_by.strip() or "no name given"
    return f"{clearance.issued_on.isoformat()} by {by}, covering {', '.join(clearance.covers)}"


def _pregnancy(intake: Intake) -> str:
    if intake.pregnancy_due_on is not None:
        return f"due {intake.pregnancy_due_on.isoformat()}"
    if intake.pregnancy_trimester is not None:
        return f"trimester {intake.pregnancy_trimester}"
    return "no"


def _surgery(intake: Intake) -> str:
    """'hip, on 2026-10-19', 'hip' (stored before the date was asked) or 'no'."""
    day = intake.recent_surgery_on
    return f"{intake.recent_surgery or 'no'}" + (f", on {day.isoformat()}" if day else "")


def _answers(intake: Intake, catalog: Catalog) -> list[tuple[str, str]]:
    """Every answer of an intake but the injuries, as (question, answer in words)."""
    names = catalog.conditions
    return [
        ("Age", str(intake.age)),
        *((f"PAR-Q+ {n}", _yes_no(a)) for n, a in enumerate(intake.parq, 1)),
        *(
            (names[cond].name if cond in names else cond, _yes_no(getattr(intake, field)))
            for field, cond in ANSWER_CONDITIONS
        ),
        (WEAKNESS_LABEL, _yes_no(intake.weakness)),
        ("Recent surgery", _surgery(intake)),
        ("Pregnancy", _pregnancy(intake)),
        ("Reduced flexibility", _yes_no(intake.reduced_flexibility)),
        ("Warm-up possible", _yes_no(intake.warm_up_possible)),
        ("Written clearance", _clearance(intake.clearance)),
    ]


_USUAL = {"Recent surgery": "no", "Pregnancy": "no", "Written clearance": "none"}


def declared(intake: Intake, catalog: Catalog) -> list[str]:
    """What the client declared: the age, every 'yes', each injury, and any answer out of the
    ordinary (no warm-up possible, a clearance); the plain 'no' answers are summed up."""
    said = [f"Age {intake.age}"]
    for question, answer in _answers(intake, catalog)[1:]:
        usual = _USUAL.get(question, "yes" if question == "Warm-up possible" else "no")
        if answer != usual:
            said.append(f"{question}: {answer}")
    said.extend(f"Injury: {_injury(i, catalog)}" for i in intake.injuries)
    if len(said) == 1:
        said.append(f"no to all {len(PARQ_QUESTIONS)} PAR-Q+ questions and every condition")
    return said


def changes(before: Intake, after: Intake, catalog: Catalog) -> list[str]:
    """What changed from the answers of `before` to those of `after`, one line each
    ('Osteoporosis or other bone density issues: no -> yes'); empty when nothing did."""
    lines = [
        f"{question}: {was} \u2192 {now}"
        for (question, was), (_, now) in zip(
            _answers(before, catalog), _answers(after, catalog), strict=True
        )
        if was != now
    ]
    lines.extend(
        f"Injury removed: {_injury(i, catalog)}" for i in before.injuries if i not in after.injuries
    )
    lines.extend(
        f"Injury added: {_injury(i, catalog)}" for i in after.injuries if i not in before.injuries
    )
    return lines
