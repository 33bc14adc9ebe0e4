"""Planning's texts read back in the reader's language.

A routine keeps why each stretch is there, the basis of its safe hold and what was left out
in English, in the store, as the planner wrote them; an error keeps its problem in English.
Each such text is written from one of the templates below, so it can be read back in another
language: the template's translation, with each filled-in part translated in turn (a
stretch's name or purpose from the catalog's translations, a goal or a screening's reason
from the catalogue). A text written from no template here (an older routine's) is shown as
the catalogue has it, else as it is."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

from stretchkit.catalog.translations import catalog_text
from stretchkit.errors import AnswerRefusedError, ValidationError, given_text
from stretchkit.i18n import DEFAULT_LANGUAGE, N_, _, current_language

__all__ = [
    "ADDS_MOVEMENT",
    "AGE_BASIS",
    "ARTICLE_BASIS",
    "EXCLUDED",
    "EXCLUDED_TODAY",
    "FIELD_NAMES",
    "FILLS_TIME",
    "FOR_GOALS",
    "HOLD_CHOOSE",
    "HOLD_WHOLE_SECONDS",
    "MOVEMENT_WORDS",
    "NOT_PLANNED",
    "NOT_PLANNED_TIME",
    "REDUCED_FLEXIBILITY_BASIS",
    "TYPE_A_NUMBER",
    "WHOLE_NUMBER",
    "Template",
    "error_said",
    "read_back",
]

Part = Callable[[str], str]


@dataclass(frozen=True)
class Template:
    """An English text with `{name}` parts, and how each part is read in another language
    (as it is when not named)."""

    english: str
    parts: Mapping[str, Part] = field(default_factory=dict)

    def format(self, **values: object) -> str:
        """The English text, as the store keeps it."""
        return self.english.format(**values)

    @property
    def pattern(self) -> re.Pattern[str]:
        return _pattern(self.english)

    def translated(self, match: re.Match[str]) -> str:
        values = {
            name: self.parts.get(name, _as_is)(value) for name, value in match.groupdict().items()
        }
        return _(self.english).format(**values)


def _as_is(text: str) -> str:
    return text


@cache
def _pattern(english: str) -> re.Pattern[str]:
    pieces = re.split(r"\{(\w+)\}", english)
    said = "".join(
        re.escape(piece) if n % 2 == 0 else f"(?P<{piece}>.+?)" for n, piece in enumerate(pieces)
    )
    return re.compile(said, re.S)


def _said(text: str) -> str:
    """A part that is itself a catalogue message or a template's text (or a screening's
    '<condition>: <stretch> is excluded' reason, which only a part can be: its first words
    are the condition's, so as a whole text it would match anything)."""
    said = read_back(text)
    found = CONDITION_EXCLUDES.pattern.fullmatch(text) if said == text else None
    return CONDITION_EXCLUDES.translated(found) if found is not None else said


def _body_part(part: str) -> str:
    """A body part as a screening reason kept it (its id), in the reader's language."""
    from stretchkit.catalog import default_catalog  # noqa: PLC0415 (read back only)

    found = default_catalog().body_parts.get(part)
    return catalog_text(found.name) if found is not None else part


def _injuries(text: str) -> str:
    """'strain (shoulder), sprain (hip)' as a screening reason kept it, each kind and body
    part in the reader's language (a piece of another shape as it is)."""
    from stretchkit.screening.answers import injury_kind_text  # noqa: PLC0415 (read back only)

    said = []
    for piece in text.split(", "):
        found = re.fullmatch(r"(.+?) \((.+)\)", piece)
        if found is None:
            said.append(piece)
            continue
        kind, part = found.groups()
        said.append(_("{kind} ({part})").format(kind=injury_kind_text(kind), part=_body_part(part)))
    return ", ".join(said)


def _goals(text: str) -> str:
    """'posture and upper-back stiffness and rotation': each goal's name, translated (a
    goal's own name may hold 'and')."""
    from stretchkit.planning.planner import GOALS  # noqa: PLC0415 (the planner uses this module)

    names = _goal_names(text, {g.name.lower(): g.name for g in GOALS})
    if names is None:
        return text
    return _(" and ").join(_(name).lower() for name in names)


def _goal_names(text: str, by_name: Mapping[str, str]) -> list[str] | None:
    """The goals `text` names, joined by ' and ', in order; None when it is not such a list."""
    for lower, name in by_name.items():
        if text == lower:
            return [name]
        if text.startswith(f"{lower} and "):
            rest = _goal_names(text[len(lower) + 5 :], by_name)
            if rest is not None:
                return [name, *rest]
    return None


def _source(text: str) -> str:
    return _(SOURCE_NAMES.get(text, text))


SOURCE_NAMES: Mapping[str, str] = {
    "partner back article": N_("partner back article"),
    "upper back article": N_("upper back article"),
    "lower back article": N_("lower back article"),
}
"""The articles a basis names, in the words it names them."""
MOVEMENT_WORDS: Mapping[str, str] = {
    "flexion (rounding)": N_("flexion (rounding)"),
    "extension (arching)": N_("extension (arching)"),
    "rotation (twisting)": N_("rotation (twisting)"),
    "scapular retraction (chest opening)": N_("scapular retraction (chest opening)"),
}
"""A movement as a 'for balance' reason names it."""

FOR_GOALS = Template(N_("For {goals}: {purpose}"), {"goals": _goals, "purpose": catalog_text})
ADDS_MOVEMENT = Template(
    N_("For balance: adds {movement}, a movement not yet in the routine. {purpose}"),
    {"movement": lambda m: _(MOVEMENT_WORDS.get(m, m)), "purpose": catalog_text},
)
FILLS_TIME = Template(N_("Fills the time left: {purpose}"), {"purpose": catalog_text})
NOT_PLANNED_TIME = Template(
    N_("Not planned: {name} - does not fit in {minutes} minutes."), {"name": catalog_text}
)
NOT_PLANNED = Template(
    N_("Not planned: {name} - {reason}"), {"name": catalog_text, "reason": _said}
)
ARTICLE_BASIS = Template(N_("The article gives {range} ({source})."), {"source": _source})
AGE_BASIS = Template(N_("Age {age}: older adults hold {range} (ACSM)."))
REDUCED_FLEXIBILITY_BASIS = Template(
    N_("Reduced flexibility: holds up to {seconds} s (upper back article).")
)
KEPT_RANGE = Template(
    N_(
        "Longer holds are not applied to this stretch: it keeps {range} (stretchkit's own "
        "reading: its article gives it a shorter range than the general hold time)."
    )
)
EXCLUDED = Template(N_("is excluded by the screening: {reason}"), {"reason": _said})
NO_STRETCH = Template(N_("allows no stretch: {headline}"), {"headline": _said})
WHOLE_NUMBER = Template(N_("must be a whole number {low}-{high}{unit}"))
TYPE_A_NUMBER = Template(N_("type a whole number of {unit}"), {"unit": _said})
REPS = Template(N_("must be {range} repetitions"))
REST = Template(N_("must be 0-{seconds} s"))
HOLD_WHOLE_SECONDS = Template(N_("choose a whole number of seconds, {range} for this client"))
HOLD_CHOOSE = Template(
    N_("choose {seconds} s, as this client's safe hold is {range}"),
)
RANGE_CHOOSE = Template(N_("choose {seconds} s, as this client's safe range is {range}"))
ONE_OF = Template(N_("must be one of {choices}"))
RECENT_INJURY = Template(
    N_(
        "Recent injury: {parts}. Stretches that load that part or target a muscle lying in "
        "it are excluded. The article says: \u201c{quote}\u201d"
    ),
    {"parts": _injuries, "quote": catalog_text},
)
TRUNK_FRACTURE = Template(
    N_(
        "Recent fracture in the trunk ({parts}). Avoid partner stretching and refer to a "
        "healthcare professional. The article says: \u201c{quote}\u201d"
    ),
    {"parts": lambda t: ", ".join(_body_part(p) for p in t.split(", ")), "quote": catalog_text},
)
CONDITION_EXCLUDES = Template(
    N_("{condition}: {stretch} is excluded. The article says: \u201c{quote}\u201d"),
    {"condition": catalog_text, "stretch": catalog_text, "quote": catalog_text},
)
EXCLUDED_TODAY = Template(
    N_("The current screening excludes {name}: it is not stretched today."), {"name": catalog_text}
)
_TEMPLATES: tuple[Template, ...] = (
    RECENT_INJURY,
    TRUNK_FRACTURE,
    FOR_GOALS,
    ADDS_MOVEMENT,
    FILLS_TIME,
    NOT_PLANNED_TIME,
    NOT_PLANNED,
    ARTICLE_BASIS,
    AGE_BASIS,
    REDUCED_FLEXIBILITY_BASIS,
    KEPT_RANGE,
    EXCLUDED,
    NO_STRETCH,
    WHOLE_NUMBER,
    TYPE_A_NUMBER,
    REPS,
    REST,
    HOLD_WHOLE_SECONDS,
    HOLD_CHOOSE,
    RANGE_CHOOSE,
    ONE_OF,
    EXCLUDED_TODAY,
)

STORE_PROBLEMS = (N_("give the template a name"),)
"""Problems the store says of what the planner gives it (read back from the catalogue)."""

_BY_DETAIL = sorted(_TEMPLATES, key=lambda t: -len(re.sub(r"\{\w+\}", "", t.english)))
"""The templates, the most specific first ('For balance: ...' before 'For {goals}: ...')."""

FIELD_NAMES: Mapping[str, str] = {
    "time budget": N_("time budget"),
    "goal": N_("goal"),
    "template": N_("template"),
    "template name": N_("template name"),
    "stretch": N_("stretch"),
    "screening": N_("screening"),
    "reps": N_("reps"),
    "rest": N_("rest"),
    "hold": N_("hold"),
    "hold (left side)": N_("hold (left side)"),
    "hold (right side)": N_("hold (right side)"),
    "days per week": N_("days per week"),
    "warm-up": N_("warm-up"),
    "side": N_("side"),
    "sides": N_("sides"),
    "client": N_("client"),
    "seconds held": N_("seconds held"),
    "sensation": N_("sensation"),
}
"""The fields planning's errors name, as the planner's form calls them."""


def read_back(text: str) -> str:
    """`text`, written in English from a template here or as a catalogue message, in the
    current language (as it is in English, or when it is neither)."""
    if current_language() == DEFAULT_LANGUAGE or not text:
        return text
    for template in _BY_DETAIL:
        found = template.pattern.fullmatch(text)
        if found:
            return template.translated(found)
    return _(text)


def error_said(error: Exception) -> str:
    """An error as a form shows it, in the current language: 'time budget: must be a whole
    number 5-120 min; you gave 500' ('presupuesto de tiempo: ...; has indicado 500')."""
    if current_language() == DEFAULT_LANGUAGE:
        return str(error)
    if isinstance(error, AnswerRefusedError):
        return read_back(error.problem)
    if isinstance(error, ValidationError):
        name = _(FIELD_NAMES.get(error.field, error.field))
        said = _("{field}: {problem}").format(field=name, problem=read_back(error.problem))
        return said + given_text(error.value, _("you gave"))
    return read_back(str(error))
