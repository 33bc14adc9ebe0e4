"""Routines to and from JSON-ready dicts: exact round trips, and damage named by its key path."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import HoldRange, RepRange
from stretchkit.errors import ValidationError
from stretchkit.planning.prescription import Prescription, Target
from stretchkit.planning.routine import Routine, RoutineItem
from stretchkit.planning.routine_codec import (
    LEGACY_WARM_UP_NOTE,
    SCHEMA,
    routine_from_dict,
    routine_to_dict,
)
from tests.hypothesis_profiles import examples
from tests.strategies import json_values, paths, routines

ROUTINE = Routine(
    (
        RoutineItem(
            Prescription(
                "seated-thoracic-flexion",
                (Target("", 25),),
                3,
                RepRange(2, 3),
                HoldRange(20, 30),
                10,
                ("Seated Thoracic Flexion: hold 20-30 s.",),
            ),
            "For posture.",
            ("Bend the knees.",),
        ),
        RoutineItem(
            Prescription(
                "seated-thoracic-rotation",
                (Target("left", 25), Target("right", 20)),
                2,
                RepRange(2, 3),
                HoldRange(20, 30),
                5,
            ),
        ),
    ),
    ("posture", "rotation"),
    30,
    4,
    8,
    ("Not planned: the backbend.",),
)


def damaged(change: str, value: Any) -> dict[str, Any]:
    """The routine's dict with the value at a dotted path (e.g. 'items.1.targets.0.hold_s')
    replaced, or removed when value is DELETE."""
    data = routine_to_dict(ROUTINE)
    *parents, last = [int(s) if s.isdigit() else s for s in change.split(".")]
    node: Any = data
    for step in parents:
        node = node[step]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value
    return data


DELETE = object()


def error_of(data: Any) -> ValidationError:
    with pytest.raises(ValidationError) as e:
        routine_from_dict(data)
    return e.value


# --- round trips -------------------------------------------------------------------------------


def test_a_routine_survives_the_round_trip() -> None:
    """Every value comes back: sides, holds, reps, rest, bounds, basis, why, cautions, settings."""
    assert routine_from_dict(routine_to_dict(ROUTINE)) == ROUTINE


def test_a_routine_saved_with_no_warm_up_reads_back_with_5_minutes_and_says_why() -> None:
    """An earlier release let a routine plan 0 minutes of warm-up: it now gets the articles'
    5 minutes, with a note, and nothing else changes."""
    data = routine_to_dict(ROUTINE)
    data["warm_up_min"] = 0
    routine = routine_from_dict(data)
    assert routine.warm_up_min == 5
    assert routine.notes == (*ROUTINE.notes, LEGACY_WARM_UP_NOTE)
    assert routine.items == ROUTINE.items


def test_the_dict_is_plain_json_with_a_schema() -> None:
    """Only JSON types, and the schema number first."""
    data = routine_to_dict(ROUTINE)
    assert json.loads(json.dumps(data)) == data
    assert data["schema"] == SCHEMA
    assert data["items"][1]["targets"] == [
        {"side": "left", "hold_s": 25},
        {"side": "right", "hold_s": 20},
    ]
    assert data["items"][0]["bounds"] == [20, 30]


@settings(max_examples=examples(200), deadline=None)
@given(routines())
def test_any_routine_survives_the_round_trip_through_json(routine: Routine) -> None:
    """to dict, to JSON text, back: equal to the original."""
    text = json.dumps(routine_to_dict(routine))
    assert routine_from_dict(json.loads(text)) == routine


# --- damage is named ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "schema",
        "items",
        "goals",
        "budget_min",
        "days_per_week",
        "warm_up_min",
        "notes",
        "items.0.stretch",
        "items.0.targets",
        "items.0.reps",
        "items.0.rest_s",
        "items.0.bounds",
        "items.0.rep_range",
        "items.0.basis",
        "items.0.why",
        "items.0.cautions",
        "items.1.targets.0.side",
        "items.1.targets.1.hold_s",
    ],
)
def test_a_missing_key_is_named_by_its_path(key: str) -> None:
    """Each key removed gives 'is missing' on its path, e.g. items[1].targets[1].hold_s."""
    error = error_of(damaged(key, DELETE))
    assert error.field == dotted_to_path(key)
    assert error.problem == "is missing"


def dotted_to_path(dotted: str) -> str:
    """'items.1.targets.0.hold_s' -> 'items[1].targets[0].hold_s'."""
    return re.sub(r"\.(\d+)", r"[\1]", dotted)


@pytest.mark.parametrize(
    ("key", "value", "field"),
    [
        ("schema", "1", "schema"),
        ("schema", 2, "schema"),
        ("items", {}, "items"),
        ("goals", "posture", "goals"),
        ("goals.1", 3, "goals[1]"),
        ("notes.0", None, "notes[0]"),
        ("budget_min", "30", "budget_min"),
        ("budget_min", 30.0, "budget_min"),
        ("days_per_week", True, "days_per_week"),
        ("items.0", "flexion", "items[0]"),
        ("items.0.stretch", 5, "items[0].stretch"),
        ("items.0.reps", "3", "items[0].reps"),
        ("items.0.rest_s", None, "items[0].rest_s"),
        ("items.0.basis.0", 1, "items[0].basis[0]"),
        ("items.0.why", None, "items[0].why"),
        ("items.0.cautions", "Bend", "items[0].cautions"),
        ("items.0.bounds", [20], "items[0].bounds"),
        ("items.0.bounds", [20, "30"], "items[0].bounds"),
        ("items.0.bounds", [30, 20], "items[0].bounds"),
        ("items.0.rep_range", [0, 3], "items[0].rep_range"),
        ("items.1.targets", {}, "items[1].targets"),
        ("items.1.targets.0", [25], "items[1].targets[0]"),
        ("items.1.targets.0.side", 1, "items[1].targets[0].side"),
        ("items.1.targets.1.hold_s", "20", "items[1].targets[1].hold_s"),
        ("items.1.targets.1.hold_s", 20.0, "items[1].targets[1].hold_s"),
    ],
)
def test_a_value_of_the_wrong_type_is_named_by_its_path(key: str, value: Any, field: str) -> None:
    """Wrong types, shapes and schema give a ValidationError on the exact key path."""
    assert error_of(damaged(key, value)).field == field


@pytest.mark.parametrize(
    ("key", "value", "field"),
    [
        ("budget_min", 500, "budget_min"),
        ("days_per_week", 0, "days_per_week"),
        ("warm_up_min", 11, "warm_up_min"),
        ("items.1.stretch", "seated-thoracic-flexion", "items"),
        ("items.0.reps", 9, "items[0].reps"),
        ("items.0.rest_s", -1, "items[0].rest_s"),
        ("items.0.targets.0.hold_s", 31, "items[0].targets[0].hold_s"),
        ("items.1.targets.1.hold_s", 19, "items[1].targets[1].hold_s"),
        ("items.1.targets.0.side", "up", "items[1].targets"),
        ("items.0.targets.0.side", "left", "items[0].targets"),
    ],
)
def test_a_value_out_of_range_is_named_by_its_path(key: str, value: Any, field: str) -> None:
    """Values the routine refuses are named by the key that holds them, not by the model's words."""
    error = error_of(damaged(key, value))
    assert error.field == field


@pytest.mark.parametrize("data", [None, [], "routine", 3, {"items": []}])
def test_something_that_is_not_a_routine_dict_is_refused(data: Any) -> None:
    """Not an object, or an object with no schema."""
    assert error_of(data).field in ("routine", "schema")


# --- fuzzing -----------------------------------------------------------------------------------

JSON_VALUES = json_values(st.integers(-5, 700), size=3, leaves=8)


def names_a_key_path(data: Any, error: ValidationError) -> bool:
    """True when the error's field is a path into `data` ('routine' for the whole), allowing
    the last key to be absent when the problem is that it is missing."""
    if error.field == "routine":
        return True
    if not re.fullmatch(r"[a-z_]+(\[\d+\])*(\.[a-z_]+(\[\d+\])*)*", error.field):
        return False
    steps = [int(s) if s.isdigit() else s for s in re.findall(r"[a-z_]+|\d+", error.field)]
    node = data
    for n, step in enumerate(steps):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return n == len(steps) - 1 and error.problem == "is missing"
    return True


@settings(max_examples=examples(300), deadline=None)
@given(routine=routines(max_items=3), data=st.data())
def test_damaged_dicts_give_a_routine_or_a_validation_error_naming_a_key_path(
    routine: Routine, data: st.DataObject
) -> None:
    """One value replaced or removed anywhere: a routine, or a ValidationError on a key path."""
    encoded = routine_to_dict(routine)
    where = data.draw(st.sampled_from(paths(encoded)))
    broken = copy.deepcopy(encoded)
    *parents, last = where
    node: Any = broken
    for step in parents:
        node = node[step]
    if data.draw(st.booleans()):
        del node[last]
    else:
        node[last] = data.draw(JSON_VALUES)
    try:
        result = routine_from_dict(broken)
    except ValidationError as e:
        assert names_a_key_path(broken, e), e.field
    else:
        assert isinstance(result, Routine)
