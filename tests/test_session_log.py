"""What a session log holds: checked hold entries, typed seconds, sensation in words."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.errors import ValidationError
from stretchkit.session.log import (
    HoldEntry,
    parse_seconds,
    parse_whole,
    sensation_text,
)
from tests.strategies import hold_entries

GOOD: dict[str, Any] = {
    "stretch_id": "seated-thoracic-flexion",
    "side": "",
    "rep": 2,
    "reps_planned": 3,
    "target_s": 25,
    "held_s": 25,
    "sensation": 4,
    "flagged": False,
}


def entry(**changes: Any) -> HoldEntry:
    return HoldEntry(**{**GOOD, **changes})


# --- hold entries ------------------------------------------------------------------------------


def test_a_valid_entry_keeps_its_values() -> None:
    """Every field as given."""
    assert entry() == HoldEntry("seated-thoracic-flexion", "", 2, 3, 25, 25, 4, False)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"stretch_id": ""}, "stretch"),
        ({"stretch_id": "  "}, "stretch"),
        ({"stretch_id": 7}, "stretch"),
        ({"side": "up"}, "side"),
        ({"side": "Left"}, "side"),
        ({"reps_planned": 0}, "repetitions planned"),
        ({"reps_planned": 21}, "repetitions planned"),
        ({"rep": 0}, "repetition"),
        ({"rep": 4}, "repetition"),
        ({"rep": 2.0}, "repetition"),
        ({"target_s": 0}, "target"),
        ({"target_s": 601}, "target"),
        ({"held_s": -1}, "seconds held"),
        ({"held_s": 601}, "seconds held"),
        ({"held_s": True}, "seconds held"),
        ({"sensation": -1}, "sensation"),
        ({"sensation": 11}, "sensation"),
        ({"sensation": 5.5}, "sensation"),
        ({"flagged": 1}, "flag"),
        ({"flagged": "no"}, "flag"),
    ],
)
def test_a_bad_entry_is_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    """Each impossible value raises a ValidationError naming its field and the value."""
    with pytest.raises(ValidationError) as e:
        entry(**changes)
    assert e.value.field == field
    assert e.value.value == next(iter(changes.values()))


@pytest.mark.parametrize(
    "changes",
    [
        {"held_s": 0},
        {"held_s": 600, "target_s": 600},
        {"sensation": None},
        {"sensation": 0},
        {"sensation": 10},
        {"rep": 1, "reps_planned": 1},
        {"rep": 20, "reps_planned": 20},
        {"side": "right", "flagged": True},
    ],
)
def test_the_ends_of_every_range_are_accepted(changes: dict[str, Any]) -> None:
    """0 s held, 600 s, no sensation, 0 and 10, 1 of 1 and 20 of 20 repetitions."""
    assert entry(**changes) is not None


@pytest.mark.parametrize(("held", "at_target"), [(25, True), (24, True), (23, False), (40, True)])
def test_a_hold_one_second_short_still_counts_as_at_target(held: int, at_target: bool) -> None:
    """The timer rounds: a second short is at target, two short is not."""
    assert entry(held_s=held).at_target is at_target


@given(hold_entries())
def test_every_generated_entry_is_at_target_exactly_within_a_second(e: HoldEntry) -> None:
    """at_target is held_s >= target_s - 1."""
    assert e.at_target == (e.held_s >= e.target_s - 1)


# --- typed seconds -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"), [("25", 25), (" 25 ", 25), ("25s", 25), (" 25 s ", 25), ("0", 0)]
)
def test_typed_seconds_are_read_with_or_without_the_unit(text: str, seconds: int) -> None:
    """Spaces and a trailing 's' are allowed."""
    assert parse_seconds("hold", text) == seconds


@pytest.mark.parametrize(
    "text", ["", " ", "s", "twenty", "2.5", "-5", "+5", "2_5", "25 sec", "1e2", "²", "2²", "½"]
)
def test_anything_but_whole_seconds_is_refused_naming_the_field_and_text(text: str) -> None:
    """Words, decimals, signs and digit-like symbols give a ValidationError with what was typed."""
    with pytest.raises(ValidationError) as e:
        parse_seconds("hold (left side)", text)
    assert e.value.field == "hold (left side)"
    assert e.value.value == text
    assert e.value.problem == "type a whole number of seconds, e.g. 25"


def test_seconds_above_the_maximum_are_refused() -> None:
    """601 s by default, or above the given maximum."""
    with pytest.raises(ValidationError) as e:
        parse_seconds("hold", "601")
    assert e.value.problem == "must be a whole number 0-600 s"
    with pytest.raises(ValidationError):
        parse_seconds("rest", "121", high=120)
    assert parse_seconds("rest", "120", high=120) == 120


def test_a_number_too_long_for_python_is_refused_as_out_of_range() -> None:
    """Thousands of digits are a ValidationError, not the int() digit-limit ValueError."""
    with pytest.raises(ValidationError) as e:
        parse_seconds("hold", "9" * 5000)
    assert e.value.field == "hold"


def test_minutes_are_read_with_their_own_unit_and_range() -> None:
    """'20 min' for a 5-120 minute budget; 4 is refused."""
    assert parse_whole("time budget", " 20 min", 5, 120, "min") == 20
    with pytest.raises(ValidationError) as e:
        parse_whole("time budget", "4", 5, 120, "min")
    assert e.value.problem == "must be a whole number 5-120 min"
    with pytest.raises(ValidationError) as typed:
        parse_whole("time budget", "soon", 5, 120, "min")
    assert typed.value.problem == "type a whole number of minutes, e.g. 20"


@given(st.text(max_size=12))
def test_parsing_any_text_gives_seconds_in_range_or_a_validation_error(text: str) -> None:
    """Never another exception; a result is always 0-600."""
    try:
        seconds = parse_seconds("hold", text)
    except ValidationError as e:
        assert e.field == "hold"
    else:
        assert 0 <= seconds <= 600


@given(st.integers(0, 600), st.sampled_from(["", "s", " s"]), st.text(" ", max_size=2))
def test_any_whole_seconds_typed_are_read_back(seconds: int, unit: str, pad: str) -> None:
    """What was typed is what is read."""
    assert parse_seconds("hold", f"{pad}{seconds}{unit}{pad}") == seconds


# --- sensation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "not recorded"),
        (0, "0/10, nothing"),
        (1, "1/10, mild stretch"),
        (3, "3/10, mild stretch"),
        (4, "4/10, moderate stretch"),
        (6, "6/10, moderate stretch"),
        (7, "7/10, strong"),
        (8, "8/10, too intense"),
        (9, "9/10, painful"),
        (10, "10/10, painful"),
    ],
)
def test_sensation_in_words(value: int | None, text: str) -> None:
    """0 nothing, 1-3 mild, 4-6 moderate, 7 strong, 8-10 too intense."""
    assert sensation_text(value) == text
