"""A screening's answers in words, what changed between two screenings, and the age moved on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from stretchkit.catalog import Catalog
from stretchkit.screening.answers import age_on, changes, declared, years_between
from stretchkit.screening.intake import Clearance, Injury, Intake

DAY = date(2025, 3, 10)


def _anniversary(day: date, years: int) -> date:
    """`day` moved on `years` years (29 February on 1 March in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


_DAYS = st.dates(date(1900, 1, 1), date(2200, 12, 31))


@given(_DAYS, _DAYS)
def test_whole_years_are_the_anniversaries_passed(a: date, b: date) -> None:
    """0 when the later day is not later; else n exactly from the n-th anniversary on."""
    years = years_between(a, b)
    if b <= a:
        assert years == 0
    else:
        assert _anniversary(a, years) <= b < _anniversary(a, years + 1)


def test_the_age_moves_on_with_each_birthday_year() -> None:
    assert age_on(58, DAY, date(2026, 3, 9)) == 58
    assert age_on(58, DAY, date(2026, 3, 10)) == 59
    assert age_on(58, DAY, date(2024, 1, 1)) == 58


def test_the_same_answers_change_nothing(catalog: Catalog) -> None:
    intake = Intake(DAY, 40, osteoporosis=True, injuries=(Injury("neck", "sprain"),))
    assert changes(intake, replace(intake, notes="other words"), catalog) == []


def test_each_changed_answer_is_one_line(catalog: Catalog) -> None:
    before = Intake(DAY, 40, injuries=(Injury("neck", "sprain"),))
    after = Intake(
        date(2026, 3, 10),
        41,
        parq=(True,) + (False,) * 6,
        osteoporosis=True,
        warm_up_possible=False,
        clearance=Clearance(date(2026, 1, 5), ("par-q",), "Dr Okafor"),
    )
    assert changes(before, after, catalog) == [
        "Age: 40 \u2192 41",
        "PAR-Q+ 1: no \u2192 yes",
        "Osteoporosis or other bone density issues: no \u2192 yes",
        "Warm-up possible: yes \u2192 no",
        "Written clearance: none \u2192 2026-01-05 by Dr Okafor, covering par-q",
        "Injury removed: " + catalog.body_parts["neck"].name + " (sprain)",
    ]


def test_declared_lists_the_yes_answers_and_sums_up_a_clean_sheet(catalog: Catalog) -> None:
    assert declared(Intake(DAY, 40), catalog) == [
        "Age 40",
        "no to all 7 PAR-Q+ questions and every condition",
    ]
    said = declared(Intake(DAY, 40, hypermobility=True, recent_surgery="hip"), catalog)
    assert said == ["Age 40", "Generalized joint hypermobility: yes", "Recent surgery: hip"]
