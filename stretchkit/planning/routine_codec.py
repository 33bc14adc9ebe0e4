"""Routines to and from plain JSON-ready dicts, for the store and for files.

Decoding checks every value: a damaged or hand-edited routine gives a ValidationError naming
the key path (e.g. 'items[2].targets[0].hold_s'), never another exception.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from stretchkit.catalog import HoldRange, RepRange
from stretchkit.errors import ValidationError
from stretchkit.planning.prescription import SIDE_TEXT, Prescription, Target
from stretchkit.planning.routine import WARM_UP_RANGE, Routine, RoutineItem

__all__ = ["LEGACY_WARM_UP_NOTE", "SCHEMA", "routine_from_dict", "routine_to_dict"]

SCHEMA = 1
T = TypeVar("T")
_ROUTINE_KEYS = {
    "time budget": "budget_min",
    "days per week": "days_per_week",
    "warm-up": "warm_up_min",
    "stretches": "items",
}
"""The key holding each value a Routine names in words in its errors."""
_ITEM_KEYS = {
    "sides": "targets",
    "rest": "rest_s",
    "repetition range": "rep_range",
    "hold range": "bounds",
}


def _item_to_dict(item: RoutineItem) -> dict[str, Any]:
    rx = item.prescription
    return {
        "stretch": rx.stretch_id,
        "targets": [{"side": t.side, "hold_s": t.hold_s} for t in rx.targets],
        "reps": rx.reps,
        "rest_s": rx.rest_s,
        "bounds": [rx.bounds.min_s, rx.bounds.max_s],
        "rep_range": [rx.rep_range.min_reps, rx.rep_range.max_reps],
        "basis": list(rx.basis),
        "why": item.why,
        "cautions": list(item.cautions),
    }


def routine_to_dict(routine: Routine) -> dict[str, Any]:
    """A routine as a JSON-ready dict."""
    return {
        "schema": SCHEMA,
        "goals": list(routine.goals),
        "budget_min": routine.budget_min,
        "days_per_week": routine.days_per_week,
        "warm_up_min": routine.warm_up_min,
        "notes": list(routine.notes),
        "items": [_item_to_dict(i) for i in routine.items],
    }


def _get(data: Any, key: str, kind: type[T], path: str) -> T:
    if not isinstance(data, dict):
        raise ValidationError(path.removesuffix(".") or "routine", data, "must be an object")
    if key not in data:
        raise ValidationError(f"{path}{key}", None, "is missing")
    value = data[key]
    if kind is int and type(value) is not int:
        raise ValidationError(f"{path}{key}", value, "must be a whole number")
    if not isinstance(value, kind):
        raise ValidationError(f"{path}{key}", value, f"must be a {kind.__name__}")
    return value


def _texts(data: Any, key: str, path: str) -> tuple[str, ...]:
    values = _get(data, key, list, path)
    for n, value in enumerate(values):
        if not isinstance(value, str):
            raise ValidationError(f"{path}{key}[{n}]", value, "must be text")
    return tuple(values)


def _pair(data: Any, key: str, path: str, make: Callable[[int, int], T]) -> T:
    values = _get(data, key, list, path)
    if len(values) != 2 or not all(type(v) is int for v in values):
        raise ValidationError(f"{path}{key}", values, "must be two whole numbers")
    try:
        return make(values[0], values[1])
    except ValidationError as e:
        raise ValidationError(f"{path}{key}", values, e.problem) from None


def _target(data: Any, path: str) -> Target:
    return Target(_get(data, "side", str, path), _get(data, "hold_s", int, path))  # type: ignore[arg-type]


def _item_key(field: str, targets: tuple[Target, ...]) -> str:
    """The key, within an item, of a value the prescription names in words ('hold (left
    side)' is the hold_s of the left target)."""
    for n, t in enumerate(targets):
        if field == (f"hold ({SIDE_TEXT.get(t.side, t.side)})" if t.side else "hold"):
            return f"targets[{n}].hold_s"
    return _ITEM_KEYS.get(field, field)


def _item(data: Any, path: str) -> RoutineItem:
    stretch_id = _get(data, "stretch", str, path)
    targets = _get(data, "targets", list, path)
    decoded = tuple(_target(t, f"{path}targets[{n}].") for n, t in enumerate(targets))
    reps = _get(data, "reps", int, path)
    rep_range = _pair(data, "rep_range", path, RepRange)
    bounds = _pair(data, "bounds", path, HoldRange)
    rest_s = _get(data, "rest_s", int, path)
    basis = _texts(data, "basis", path)
    try:
        rx = Prescription(stretch_id, decoded, reps, rep_range, bounds, rest_s, basis)
    except ValidationError as e:
        raise ValidationError(f"{path}{_item_key(e.field, decoded)}", e.value, e.problem) from None
    return RoutineItem(rx, _get(data, "why", str, path), _texts(data, "cautions", path))


LEGACY_WARM_UP_NOTE = (
    "Warm-up raised from 0 to 5 minutes: every session starts with a warm-up, as both articles "
    "ask. A client who warmed up elsewhere is recorded when the session starts."
)


def routine_from_dict(data: Any) -> Routine:
    """Rebuild a routine; a wrong value raises a ValidationError naming its key path."""
    schema = _get(data, "schema", int, "")
    if schema != SCHEMA:
        raise ValidationError("schema", schema, f"this version of stretchkit reads {SCHEMA}")
    items = _get(data, "items", list, "")
    decoded = tuple(_item(item, f"items[{n}].") for n, item in enumerate(items))
    goals = _texts(data, "goals", "")
    budget_min = _get(data, "budget_min", int, "")
    days_per_week = _get(data, "days_per_week", int, "")
    warm_up_min = _get(data, "warm_up_min", int, "")
    notes = _texts(data, "notes", "")
    if warm_up_min == 0:  # saved by a release that allowed planning no warm-up
        warm_up_min, notes = WARM_UP_RANGE[0], (*notes, LEGACY_WARM_UP_NOTE)
    try:
        return Routine(decoded, goals, budget_min, days_per_week, warm_up_min, notes)
    except ValidationError as e:
        raise ValidationError(_ROUTINE_KEYS.get(e.field, e.field), e.value, e.problem) from None
