"""Outcome measures: field tests with their published measurement error."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.clients import ClientDetails
from stretchkit.errors import ValidationError
from stretchkit.progress.outcomes import (
    FIELD_TESTS,
    Change,
    Measurement,
    changes,
    field_test,
    parse_measurement,
    series,
)
from stretchkit.store import Store

DAY = date(2026, 3, 2)
LATER = date(2026, 6, 1)


def test_each_field_test_cites_the_study_of_its_minimal_detectable_change() -> None:
    """Sit-and-reach 4 cm, seated thoracic rotation 5.6 degrees, each with its study named."""
    reach, rotation = field_test("sit-and-reach"), field_test("thoracic-rotation")
    assert (reach.mdc, reach.unit, reach.sided) == (4.0, "cm", False)
    assert (rotation.mdc, rotation.unit, rotation.sided) == (5.6, "°", True)
    assert "J Sports Sci Med 2009" in reach.mdc_source
    assert "J Athl Train 2012" in rotation.mdc_source
    assert all(t.how for t in FIELD_TESTS)


@pytest.mark.parametrize(
    ("first", "latest", "verdict"),
    [
        (20.0, 23.9, "within measurement error"),
        (20.0, 24.0, "improved"),
        (20.0, 16.0, "declined"),
        (20.0, 16.5, "within measurement error"),
    ],
)
def test_a_change_smaller_than_the_mdc_is_within_measurement_error(
    first: float, latest: float, verdict: str
) -> None:
    """Only a change of at least the test's MDC counts as progress (or decline)."""
    change = Change(
        Measurement("sit-and-reach", "", first, DAY),
        Measurement("sit-and-reach", "", latest, LATER),
    )
    assert change.verdict == verdict
    assert verdict in change.text
    assert "4 cm" in change.text


def test_changes_compare_the_first_and_latest_result_per_test_and_side() -> None:
    """Each test and side measured twice or more gets one change; once-measured ones none."""
    found = changes(
        [
            Measurement("thoracic-rotation", "left", 40, LATER),
            Measurement("thoracic-rotation", "left", 33, DAY),
            Measurement("thoracic-rotation", "left", 36, date(2026, 4, 1)),
            Measurement("thoracic-rotation", "right", 35, DAY),
            Measurement("sit-and-reach", "", 10, DAY),
        ]
    )
    (change,) = found
    assert (change.first.value, change.latest.value, change.delta) == (33, 40, 7)
    assert change.verdict == "improved"
    assert change.text.startswith(
        "Seated thoracic rotation, left side: 33° → 40° since 2 March 2026"
    )


def test_series_are_grouped_by_test_then_side_oldest_first() -> None:
    """Sit-and-reach before rotation; within a group by day."""
    groups = series(
        [
            Measurement("thoracic-rotation", "right", 30, LATER),
            Measurement("sit-and-reach", "", 10, LATER),
            Measurement("sit-and-reach", "", 9, DAY),
        ]
    )
    assert list(groups) == [("sit-and-reach", ""), ("thoracic-rotation", "right")]
    assert [m.value for m in groups["sit-and-reach", ""]] == [9, 10]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"test_id": "toe-touch"}, "test"),
        ({"side": "left"}, "side"),
        ({"value_text": "far"}, "value"),
        ({"value_text": "nan"}, "value"),
        ({"value_text": "500"}, "value"),
        ({"measured_on": date(2026, 12, 1)}, "measured on"),
        ({"measured_on": None}, "measured on"),
    ],
)
def test_a_typed_measurement_is_refused_with_the_field_named(
    kwargs: dict[str, object], field: str
) -> None:
    """Unknown tests, wrong sides, words, absurd values and future days name their field."""
    typed: dict[str, object] = {
        "test_id": "sit-and-reach",
        "side": "",
        "value_text": "12.5",
        "measured_on": DAY,
        "today": date(2026, 11, 21),
    }
    with pytest.raises(ValidationError) as error:
        parse_measurement(**{**typed, **kwargs})  # type: ignore[arg-type]
    assert error.value.field == field


def test_a_typed_value_may_carry_its_unit_and_a_decimal_comma() -> None:
    """'12,5 cm' and '41°' are read as trainers write them."""
    reach = parse_measurement(
        test_id="sit-and-reach", side="", value_text="12,5 cm", measured_on=DAY, today=DAY
    )
    turn = parse_measurement(
        test_id="thoracic-rotation", side="left", value_text=" 41° ", measured_on=DAY, today=DAY
    )
    assert (reach.value, turn.value) == (12.5, 41.0)


@given(st.one_of(st.floats(allow_nan=True), st.text(max_size=5), st.none(), st.booleans()))
def test_any_value_is_a_measurement_or_a_validation_error(value: object) -> None:
    """The constructor never fails with another exception type."""
    try:
        Measurement("sit-and-reach", "", value, DAY)  # type: ignore[arg-type]
    except ValidationError as e:
        assert e.field == "value"


def test_measurements_are_stored_per_client_oldest_first(memory_store: Store) -> None:
    """Added measurements come back in day order; deleting one leaves the others."""
    client = memory_store.clients.add(ClientDetails("Robin Ashdown"))
    later = memory_store.measurements.add(client.id, Measurement("sit-and-reach", "", 14, LATER))
    memory_store.measurements.add(client.id, Measurement("sit-and-reach", "", 11.5, DAY))
    stored = memory_store.measurements.of_client(client.id)
    assert [s.measurement.value for s in stored] == [11.5, 14]
    memory_store.measurements.delete(later.id)
    assert [s.measurement.value for s in memory_store.measurements.of_client(client.id)] == [11.5]
    with pytest.raises(ValidationError):
        memory_store.measurements.delete(later.id)
