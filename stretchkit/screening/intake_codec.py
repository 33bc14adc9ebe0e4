"""Intakes as JSON-safe dicts and back, validating every key of untrusted input."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import date
from typing import Any

from stretchkit.errors import ValidationError
from stretchkit.screening.intake import (
    CLEARABLE,
    INJURY_KINDS,
    MAX_AGE,
    MIN_AGE,
    PARQ_QUESTIONS,
    SURGERY_SITES,
    Clearance,
    Injury,
    Intake,
    derive_trimester,
)

__all__ = ["SCHEMA", "intake_from_dict", "intake_to_dict"]

SCHEMA = 1
"""The version of the dict layout, stored under the key 'schema'."""

_DEFAULTS: dict[str, object] = {f.name: f.default for f in fields(Intake)}
_FLAGS: tuple[str, ...] = (
    "acute_pain",
    "severe_pain",
    "osteoporosis",
    "spinal_fusion",
    "disc_herniation",
    "severe_spinal_condition",
    "hypermobility",
    "numbness_tingling",
    "weakness",
    "lower_back_pain",
    "hamstring_tightness",
    "contraindicated_by_professional",
    "reduced_flexibility",
    "warm_up_possible",
)
_KEYS = frozenset({"schema", *_DEFAULTS})
_INJURY_KEYS = frozenset({"body_part", "kind"})
_CLEARANCE_KEYS = frozenset({"issued_on", "covers", "issued_by"})
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _injury_to_dict(injury: Injury) -> dict[str, object]:
    """An injury as a dict."""
    return {"body_part": injury.body_part, "kind": injury.kind}


def _clearance_to_dict(clearance: Clearance | None) -> dict[str, object] | None:
    """A clearance as a dict, or None when there is none."""
    if clearance is None:
        return None
    return {
        "issued_on": clearance.issued_on.isoformat(),
        "covers": list(clearance.covers),
        "issued_by": clearance.issued_by,
    }


def _day_or_none(day: date | None) -> str | None:
    """A day as an ISO string, or None."""
    return None if day is None else day.isoformat()


def intake_to_dict(intake: Intake) -> dict[str, object]:
    """The intake as a JSON-safe dict (ISO dates, lists, nested dicts) with a 'schema' key."""
    return {
        "schema": SCHEMA,
        "taken_on": intake.taken_on.isoformat(),
        "age": intake.age,
        "parq": list(intake.parq),
        "injuries": [_injury_to_dict(i) for i in intake.injuries],
        **{name: getattr(intake, name) for name in _FLAGS},
        "recent_surgery": intake.recent_surgery,
        "recent_surgery_on": _day_or_none(intake.recent_surgery_on),
        "pregnancy_trimester": intake.pregnancy_trimester,
        "pregnancy_due_on": _day_or_none(intake.pregnancy_due_on),
        "clearance": _clearance_to_dict(intake.clearance),
        "notes": intake.notes,
    }


def _mapping(where: str, value: object, allowed: frozenset[str]) -> Mapping[str, object]:
    """The value as a mapping with no key outside `allowed`."""
    if not isinstance(value, Mapping):
        raise ValidationError(where or "intake", value, "must be a dict")
    for key in value:
        if key not in allowed:
            name = key if isinstance(key, str) and key else repr(key)
            field = f"{where}.{name}" if where else name
            raise ValidationError(field, value[key], f"unknown key (known: {sorted(allowed)})")
    return value


def _required(where: str, data: Mapping[str, object], key: str) -> object:
    """The value under a key that must be present."""
    if key not in data:
        raise ValidationError(f"{where}.{key}" if where else key, None, "is required")
    return data[key]


def _list(field: str, value: object) -> list[object]:
    """The value as a list (a JSON array or a tuple)."""
    if not isinstance(value, list | tuple):
        raise ValidationError(field, value, "must be a list")
    return list(value)


def _text(field: str, value: object) -> str:
    """The value, which must be a string."""
    if not isinstance(value, str):
        raise ValidationError(field, value, "must be text")
    return value


def _flag(field: str, value: object) -> bool:
    """The value, which must be a boolean (not 0 or 1)."""
    if not isinstance(value, bool):
        raise ValidationError(field, value, "must be true or false")
    return value


def _date(field: str, value: object) -> date:
    """An ISO date string (YYYY-MM-DD) as a date."""
    text = _text(field, value)
    if not _ISO_DATE.fullmatch(text):
        raise ValidationError(field, value, "must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, value, "is not a real date") from None


def _schema(value: object) -> None:
    """Refuse a dict written in another schema version."""
    if type(value) is not int or value != SCHEMA:
        raise ValidationError("schema", value, f"this stretchkit reads intake schema {SCHEMA}")


def _taken_on(value: object) -> date:
    """The screening date (the store refuses one in the future when it is saved)."""
    return _date("taken_on", value)


def _age(value: object) -> int:
    """The age, a whole number in the allowed range."""
    if type(value) is not int or not MIN_AGE <= value <= MAX_AGE:
        raise ValidationError("age", value, f"must be a whole number {MIN_AGE}-{MAX_AGE}")
    return value


def _parq(value: object) -> tuple[bool, ...]:
    """The PAR-Q+ answers, one boolean per question."""
    answers = _list("parq", value)
    if len(answers) != len(PARQ_QUESTIONS):
        raise ValidationError("parq", value, f"needs {len(PARQ_QUESTIONS)} answers")
    return tuple(_flag(f"parq[{i}]", a) for i, a in enumerate(answers))


def _injury(where: str, value: object) -> Injury:
    """One injury dict as an Injury."""
    data = _mapping(where, value, _INJURY_KEYS)
    body_part = _text(f"{where}.body_part", _required(where, data, "body_part"))
    if not body_part.strip():
        raise ValidationError(f"{where}.body_part", body_part, "choose where it is")
    kind = _text(f"{where}.kind", data.get("kind", "strain"))
    if kind not in INJURY_KINDS:
        raise ValidationError(f"{where}.kind", kind, f"must be one of {INJURY_KINDS}")
    return Injury(body_part, kind)


def _injuries(value: object) -> tuple[Injury, ...]:
    """The list of injury dicts as Injuries."""
    items = _list("injuries", value)
    return tuple(_injury(f"injuries[{i}]", item) for i, item in enumerate(items))


def _covers(value: object) -> tuple[str, ...]:
    """What a clearance covers: a non-empty list of CLEARABLE items."""
    items = _list("clearance.covers", value)
    if not items:
        raise ValidationError("clearance.covers", value, "say what the clearance covers")
    for i, item in enumerate(items):
        if not isinstance(item, str) or item not in CLEARABLE:
            raise ValidationError(f"clearance.covers[{i}]", item, f"must be one of {CLEARABLE}")
    return tuple(str(item) for item in items)


def _clearance(value: object, taken_on: date) -> Clearance | None:
    """The clearance dict (or null) as a Clearance dated no later than the screening."""
    if value is None:
        return None
    data = _mapping("clearance", value, _CLEARANCE_KEYS)
    issued_on = _date("clearance.issued_on", _required("clearance", data, "issued_on"))
    if issued_on > taken_on:
        raise ValidationError("clearance.issued_on", issued_on, "cannot be after taken_on")
    covers = _covers(_required("clearance", data, "covers"))
    return Clearance(issued_on, covers, _text("clearance.issued_by", data.get("issued_by", "")))


def _surgery(value: object) -> str | None:
    """The recent surgery site, or None."""
    if value is not None and (not isinstance(value, str) or value not in SURGERY_SITES):
        raise ValidationError("recent_surgery", value, f"must be null or one of {SURGERY_SITES}")
    return value


def _surgery_on(value: object, surgery: str | None, taken_on: date) -> date | None:
    """The day of the recent surgery (null, or YYYY-MM-DD no later than taken_on, with a site);
    screenings stored before it was asked have none."""
    if value is None:
        return None
    day = _date("recent_surgery_on", value)
    if surgery is None:
        raise ValidationError("recent_surgery_on", value, "needs a recent_surgery site")
    if day > taken_on:
        raise ValidationError("recent_surgery_on", value, "cannot be after taken_on")
    return day


def _trimester(value: object) -> int | None:
    """The pregnancy trimester (1-3), or None."""
    if value is not None and (type(value) is not int or value not in (1, 2, 3)):
        raise ValidationError("pregnancy_trimester", value, "must be null or 1-3")
    return value


def _pregnancy(trimester: object, due: object, taken_on: date) -> tuple[int | None, date | None]:
    """The trimester and the due date (null or YYYY-MM-DD), which must agree on taken_on."""
    given = _trimester(trimester)
    due_on = None if due is None else _date("pregnancy_due_on", due)
    try:
        return derive_trimester(given, due_on, taken_on), due_on
    except ValidationError as e:
        key = "pregnancy_trimester" if e.field == "pregnancy trimester" else "pregnancy_due_on"
        raise ValidationError(key, e.value, e.problem) from None


def _decode(data: object) -> Intake:
    """Build the intake from a validated dict, optional keys taking the Intake defaults."""
    raw = _mapping("", data, _KEYS)
    _schema(raw.get("schema", SCHEMA))
    taken_on = _taken_on(_required("", raw, "taken_on"))
    value = {**_DEFAULTS, **raw}
    trimester, due_on = _pregnancy(
        value["pregnancy_trimester"], value["pregnancy_due_on"], taken_on
    )
    surgery = _surgery(value["recent_surgery"])
    intake = Intake(
        taken_on=taken_on,
        age=_age(_required("", raw, "age")),
        parq=_parq(value["parq"]),
        injuries=_injuries(value["injuries"]),
        recent_surgery=surgery,
        recent_surgery_on=_surgery_on(value["recent_surgery_on"], surgery, taken_on),
        pregnancy_trimester=trimester,
        pregnancy_due_on=due_on,
        clearance=_clearance(value["clearance"], taken_on),
        notes=_text("notes", value["notes"]),
    )
    flags: dict[str, Any] = {name: _flag(name, value[name]) for name in _FLAGS}
    return replace(intake, **flags)


def intake_from_dict(data: Mapping[str, object]) -> Intake:
    """Read an intake dict; any bad key raises ValidationError whose `field` names it."""
    try:
        return _decode(data)
    except ValidationError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError) as e:
        raise ValidationError("intake", data, f"cannot be read ({e})") from None
