"""Symptoms flagged in a session or reported after one, and what they ask of the next screening.

Numbness, tingling or weakness (a session flag, or a report "during or after stretching") keeps
its answer 'yes' at the next screening, and no stretch is allowed until a written clearance from
a named professional, dated on or after the day of the flag, covers it: the upper back article
says "Consult a healthcare professional if you experience persistent pain, numbness, tingling,
or weakness during or after stretching". Sharp or persistent pain is asked again at the next
screening (the partner back article's "Severe Pain" under *When to Avoid Partner Stretching*).
A clearance dated the day of the flag counts (stretchkit's own reading: a visit to the
professional that day follows the session).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, get_args

from stretchkit.errors import ValidationError
from stretchkit.i18n import N_, _
from stretchkit.i18n.formatting import format_day
from stretchkit.screening.day_text import day_text
from stretchkit.screening.intake import Intake

__all__ = [
    "NERVE_CLEARANCE",
    "ORIGINS",
    "REPORT_SOURCES",
    "SYMPTOMS",
    "SYMPTOM_FIELD",
    "SYMPTOM_TEXT",
    "Origin",
    "Screened",
    "Symptom",
    "SymptomFlag",
    "answer_refusal",
    "flag_problems",
    "open_flags",
    "report_note",
    "settled_text",
    "symptoms_in",
]

Symptom = Literal["pain", "numbness-tingling", "weakness"]
SYMPTOMS: tuple[Symptom, ...] = get_args(Symptom)
SYMPTOM_TEXT: Mapping[Symptom, str] = {
    "pain": N_("Pain"),
    "numbness-tingling": N_("Numbness or tingling"),
    "weakness": N_("Weakness"),
}
"""Each symptom in words, as a report's note begins with it (a session flag's note begins
'Numbness or tingling', 'Weakness' or 'Sharp pain')."""
SYMPTOM_FIELD: Mapping[Symptom, str] = {
    "pain": "severe_pain",
    "numbness-tingling": "numbness_tingling",
    "weakness": "weakness",
}
"""The screening answer each symptom ticks at the next screening."""
NERVE_CLEARANCE = "numbness-tingling"
"""What a written clearance must cover to lift numbness, tingling or weakness."""
Origin = Literal["session", "client", "trainer", "change"]
ORIGINS: tuple[Origin, ...] = get_args(Origin)
REPORT_SOURCES: Mapping[Origin, str] = {
    "client": "client, after stretching",
    "trainer": "trainer, after stretching",
}
"""The source recorded with a symptom reported after a session, by who reported it."""

_IN_NOTE: tuple[tuple[Symptom, re.Pattern[str]], ...] = (
    ("numbness-tingling", re.compile(r"\bnumb(ness)?\b|\btingl\w*|pins and needles", re.I)),
    ("weakness", re.compile(r"\bweak(ness)?\b", re.I)),
    ("pain", re.compile(r"^\s*(sharp )?pain\b", re.I)),
)
"""How a health change's note names a symptom: numbness, tingling or weakness anywhere in it
(the safer reading of a trainer's own words), pain when the note begins with it."""


def symptoms_in(note: str) -> tuple[Symptom, ...]:
    """The symptoms a health change's note names, in SYMPTOMS order."""
    return tuple(kind for kind, pattern in _IN_NOTE if pattern.search(note))


def report_note(symptom: Symptom, detail: str = "") -> str:
    """'Weakness during or after stretching: <detail>': the note of a report after a session."""
    said = f"{SYMPTOM_TEXT[symptom]} during or after stretching"
    return f"{said}: {detail.strip()}" if detail.strip() else said


@dataclass(frozen=True)
class SymptomFlag:
    """One symptom, as a session flagged it or someone reported it: which, on what day, when it
    was written down, and where it came from."""

    symptom: Symptom
    on: date
    recorded: datetime
    origin: Origin = "session"

    def __post_init__(self) -> None:
        if self.symptom not in SYMPTOMS:
            raise ValidationError("symptom", self.symptom, f"must be one of {SYMPTOMS}")
        if self.origin not in ORIGINS:
            raise ValidationError("symptom origin", self.origin, f"must be one of {ORIGINS}")

    @property
    def nerve(self) -> bool:
        """True for numbness, tingling or weakness."""
        return self.symptom != "pain"

    @property
    def said(self) -> str:
        """'Numbness or tingling was flagged in the session of 2026-11-02' and the like, in
        the reader's language."""
        day = day_text(self.on)
        what = _(SYMPTOM_TEXT[self.symptom])
        if self.origin == "session":
            what = _("Sharp pain") if self.symptom == "pain" else what
            return _("{what} was flagged in the session of {day}").format(what=what, day=day)
        if self.origin == "change":
            said = _("{what} was named in a change in health reported on {day}")
            return said.format(what=what, day=day)
        if self.origin == "client":
            said = _("{what} was reported by the client on {day}, during or after stretching")
        else:
            said = _("{what} was reported by the trainer on {day}, during or after stretching")
        return said.format(what=what, day=day)


@dataclass(frozen=True)
class Screened:
    """A saved screening, as the flag rule needs it: its day, when it was saved, its answers."""

    taken_on: date
    recorded: datetime
    intake: Intake


def _after(flag: SymptomFlag, screened: Screened) -> bool:
    """True when the screening was taken after the flag (later that day counts)."""
    return screened.taken_on > flag.on or (
        screened.taken_on == flag.on and screened.recorded > flag.recorded
    )


def answer_refusal(flag: SymptomFlag) -> str:
    """Why a screening may not answer 'No' to a flagged numbness, tingling or weakness, in
    plain words naming the answer."""
    if flag.symptom == "weakness":
        said = _(
            "{flag}: the answer to weakness stays Yes until a written clearance from a named "
            "healthcare professional, dated {day} or later, covers it. Answer Yes to weakness"
        )
    else:
        said = _(
            "{flag}: the answer to numbness or tingling stays Yes until a written clearance "
            "from a named healthcare professional, dated {day} or later, covers it. Answer Yes "
            "to numbness or tingling"
        )
    return said.format(flag=flag.said, day=day_text(flag.on))


def _nerve_problems(intake: Intake, flag: SymptomFlag) -> tuple[str, ...]:
    """Why this intake does not answer a nerve flag: the answer is 'no', or no written
    clearance by a named professional dated on or after the flag covers it."""
    problems = []
    if not getattr(intake, SYMPTOM_FIELD[flag.symptom]):
        problems.append(answer_refusal(flag))
    clearance = intake.clearance
    cleared = (
        clearance is not None
        and intake.cleared_for(NERVE_CLEARANCE)
        and clearance.issued_on >= flag.on
    )
    if not cleared:
        said = _(
            "{flag}: no stretch until a written clearance from a named healthcare "
            "professional, dated {day} or later, covers numbness, tingling or weakness"
        )
        problems.append(said.format(flag=flag.said, day=day_text(flag.on)))
    return tuple(problems)


def _settled(flag: SymptomFlag, screened: Screened) -> bool:
    """A screening after the flag settles it: pain by being asked again; numbness, tingling or
    weakness by answering 'yes' with a clearance that covers it, dated after the flag."""
    if not _after(flag, screened):
        return False
    return not flag.nerve or not _nerve_problems(screened.intake, flag)


def open_flags(
    flags: Iterable[SymptomFlag], history: Sequence[Screened]
) -> tuple[SymptomFlag, ...]:
    """The flags no screening has settled yet (see `_settled`), oldest first."""
    found = [f for f in flags if not any(_settled(f, s) for s in history)]
    return tuple(sorted(found, key=lambda f: (f.on, f.recorded)))


def flag_problems(intake: Intake, flags: Iterable[SymptomFlag]) -> tuple[str, ...]:
    """Why a screening of this intake cannot make the client ready after these open flags:
    each nerve flag its answer 'no' or its missing clearance; empty when none."""
    return tuple(p for f in flags if f.nerve for p in _nerve_problems(intake, f))


def settled_text(flags: Sequence[SymptomFlag], screened: Screened | None) -> str:
    """How this screening settled these flags ('cleared by Dr Lee on 6 December 2026', or
    're-screened on 6 December 2026' for pain asked again), in the reader's language; '' when
    it does not settle them all."""
    if not flags or screened is None or open_flags(flags, [screened]):
        return ""
    clearance = screened.intake.clearance
    if clearance is not None and any(f.nerve for f in flags):
        said = _("cleared by {name} on {day}")
        return said.format(name=clearance.issued_by, day=format_day(clearance.issued_on))
    return _("re-screened on {day}").format(day=format_day(screened.taken_on))
