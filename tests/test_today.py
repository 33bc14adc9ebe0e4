"""The tests' today: one fixed date, moved by $STRETCHKIT_TEST_TODAY."""

from __future__ import annotations

from datetime import date

import pytest

from tests.today import DEFAULT_TODAY, VARIABLE, read_today


def test_the_tests_today_is_a_fixed_date_unless_the_variable_moves_it() -> None:
    """No variable (or an empty one): the fixed Wednesday; a date: that date."""
    assert read_today({}) == read_today({VARIABLE: " "}) == DEFAULT_TODAY
    assert DEFAULT_TODAY.weekday() == 2
    assert read_today({VARIABLE: "2028-02-29"}) == date(2028, 2, 29)


def test_a_date_the_variable_does_not_hold_stops_the_run_naming_it() -> None:
    """29 February of a year without one is refused, with the variable and its value."""
    with pytest.raises(SystemExit, match=f"{VARIABLE}='2027-02-29' is not a date"):
        read_today({VARIABLE: "2027-02-29"})
