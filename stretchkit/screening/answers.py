"""A screening's answers in words: what was declared, and what changed from one screening to
the next; and the age a client has moved on to since an earlier screening."""

from __future__ import annotations

from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import N_, _, current_language, pgettext
from stretchkit.screening.day_text import day_text
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
WEAKNESS_LABEL = N_("Weakness during or after stretching")
"""The weakness answer (the upper back article names it beside numbness and tingling; it has
the same effect)."""


def years_between(earlier: date, later: date) -> int:
    """Whole years from `earlier` to `later` (0 when `later` is not after it)."""
    years = later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))
    return max(years, 0)


def age_on(age: int, screened_on: date, day: date) -> int:
    """The age on `day` of a client who was `age` on `screened_on` (whole years passed)."""
    return age + years_between(screened_on, day)


INJURY_KIND_TEXT: dict[str, str] = {
    "strain": N_("strain"),
    "sprain": N_("sprain"),
    "fracture": N_("fracture"),
    "disc herniation": N_("disc herniation"),
    "other": N_("other injury"),
}
"""Each kind of injury in words (translated where shown; the stored kind stays as it is)."""


def injury_kind_text(kind: str) -> str:
    """The kind of an injury in the reader's language."""
    return _(INJURY_KIND_TEXT[kind]) if kind in INJURY_KIND_TEXT else kind


def _yes_no(answer: bool) -> str:
    return pgettext("answer", "yes") if answer else pgettext("answer", "no")


def _injury(injury: Injury, catalog: Catalog) -> str:
    part = catalog.body_parts.get(injury.body_part)
    where = catalog_text(part.name) if part else injury.body_part
    kind = injury.kind if current_language() == "en" else injury_kind_text(injury.kind)
    return _("{part} ({kind})").format(part=where, kind=kind)


CLEARABLE_TEXT = {
    "par-q": N_("PAR-Q+ 'yes' answers"),
    "spinal-fusion": N_("Spinal fusion"),
    "disc-herniation": N_("Disc herniation"),
    "severe-spinal-condition": N_("Other severe spinal condition"),
    "recent-surgery": N_("Recent surgery"),
    "pregnancy": N_("Pregnancy"),
    "numbness-tingling": N_("Numbness, tingling or weakness"),
}
"""What a written clearance can cover, each in words (see CLEARABLE)."""


def _clearance(clearance: Clearance | None) -> str:
    if clearance is None:
        return pgettext("clearance", "none")
    by = clearance.issued_by.strip() or _("no name given")
    english = current_language() == "en"
    covers = ", ".join(c if english else _(CLEARABLE_TEXT.get(c, c)) for c in clearance.covers)
    said = _("{day} by {name}, covering {what}")
    return said.format(day=day_text(clearance.issued_on), name=by, what=covers)


def _pregnancy(intake: Intake) -> str:
    if intake.pregnancy_due_on is not None:
        return _("due {day}").format(day=day_text(intake.pregnancy_due_on))
    if intake.pregnancy_trimester is not None:
        return _("trimester {number}").format(number=intake.pregnancy_trimester)
    return pgettext("answer", "no")


_SURGERY_TEXT = {"back": N_("back"), "hip": N_("hip"), "other": N_("other surgery")}
"""Where a recent surgery was, in words."""


def surgery_text(site: str) -> str:
    """Where a recent surgery was, in the reader's language (the stored site in English)."""
    return site if current_language() == "en" else _(_SURGERY_TEXT.get(site, site))


def _surgery(intake: Intake) -> str:
    """'hip, on 2026-10-19', 'hip' (stored before the date was asked) or 'no'."""
    day, site = intake.recent_surgery_on, intake.recent_surgery
    if site is None:
        return pgettext("answer", "no")
    if day is None:
        return surgery_text(site)
    return _("{site}, on {day}").format(site=surgery_text(site), day=day_text(day))


def _answers(intake: Intake, catalog: Catalog) -> list[tuple[str, str, str, str]]:
    """Every answer of an intake but the injuries, as (key, question, answer in words, the
    usual answer in words)."""
    names = catalog.conditions
    no, yes = pgettext("answer", "no"), pgettext("answer", "yes")
    return [
        ("age", _("Age"), str(intake.age), ""),
        *(
            (f"parq-{n}", _("PAR-Q+ {number}").format(number=n), _yes_no(a), no)
            for n, a in enumerate(intake.parq, 1)
        ),
        *(
            (
                field,
                catalog_text(names[cond].name) if cond in names else cond,
                _yes_no(getattr(intake, field)),
                no,
            )
            for field, cond in ANSWER_CONDITIONS
        ),
        ("weakness", _(WEAKNESS_LABEL), _yes_no(intake.weakness), no),
        ("surgery", _("Recent surgery"), _surgery(intake), no),
        ("pregnancy", _("Pregnancy"), _pregnancy(intake), no),
        ("reduced", _("Reduced flexibility"), _yes_no(intake.reduced_flexibility), no),
        ("warm-up", _("Warm-up possible"), _yes_no(intake.warm_up_possible), yes),
        (
            "clearance",
            _("Written clearance"),
            _clearance(intake.clearance),
            pgettext("clearance", "none"),
        ),
    ]


def declared(intake: Intake, catalog: Catalog) -> list[str]:
    """What the client declared: the age, every 'yes', each injury, and any answer out of the
    ordinary (no warm-up possible, a clearance); the plain 'no' answers are summed up
    (in the reader's language)."""
    said = [_("Age {age}").format(age=intake.age)]
    for _key, question, answer, usual in _answers(intake, catalog)[1:]:
        if answer != usual:
            said.append(_("{question}: {answer}").format(question=question, answer=answer))
    said.extend(_("Injury: {injury}").format(injury=_injury(i, catalog)) for i in intake.injuries)
    if len(said) == 1:
        said.append(
            _("no to all {count} PAR-Q+ questions and every condition").format(
                count=len(PARQ_QUESTIONS)
            )
        )
    return said


def changes(before: Intake, after: Intake, catalog: Catalog) -> list[str]:
    """What changed from the answers of `before` to those of `after`, one line each
    ('Osteoporosis or other bone density issues: no -> yes'); empty when nothing did."""
    lines = [
        _("{question}: {was} \u2192 {now}").format(question=question, was=was, now=now)
        for (_key, question, was, _usual), (_k, _q, now, _u) in zip(
            _answers(before, catalog), _answers(after, catalog), strict=True
        )
        if was != now
    ]
    lines.extend(
        _("Injury removed: {injury}").format(injury=_injury(i, catalog))
        for i in before.injuries
        if i not in after.injuries
    )
    lines.extend(
        _("Injury added: {injury}").format(injury=_injury(i, catalog))
        for i in after.injuries
        if i not in before.injuries
    )
    return lines
