"""How long a screening holds: 12 months, a clearance it relies on, the pregnancy's trimesters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings

from stretchkit.catalog import Catalog
from stretchkit.errors import ValidationError
from stretchkit.screening import (
    Ending,
    expires_on,
    intake_validity,
    screen,
    screening_ends,
)
from stretchkit.screening.intake import Clearance, Intake, trimester_begins
from stretchkit.screening.intake_codec import intake_from_dict, intake_to_dict
from tests.hypothesis_profiles import examples
from tests.strategies import intakes

DAY = date(2026, 6, 1)


def fusion(clearance: Clearance) -> Intake:
    """A spinal fusion (needs clearance) with this clearance covering it."""
    return Intake(DAY, 50, spinal_fusion=True, clearance=clearance)


# --- a clearance must be current and attributable ---------------------------------------------


@pytest.mark.parametrize(
    ("issued_on", "issued_by", "text"),
    [
        (
            date(2025, 1, 3),
            "Dr Okafor",
            "The written clearance dated 2025-01-03 does not count: it is older than 12 months "
            "(PAR-Q+).",
        ),
        (
            date(2026, 5, 1),
            "  ",
            "The written clearance dated 2026-05-01 does not count: it does not name the "
            "professional who issued it.",
        ),
    ],
)
def test_a_clearance_that_does_not_count_leaves_the_condition_and_says_why(
    catalog: Catalog, issued_on: date, issued_by: str, text: str
) -> None:
    """Too old or unnamed: the fusion still needs clearance, and a finding says why."""
    result = screen(fusion(Clearance(issued_on, ("spinal-fusion",), issued_by)), catalog)
    assert result.status == "needs-clearance"
    assert result.allowed() == ()
    assert text in [r.text for r in result.findings]


def test_a_clearance_counts_until_the_day_before_it_is_12_months_old(catalog: Catalog) -> None:
    """Issued 2025-06-02 it lifts the rule on 2026-06-01; issued 2025-06-01 it no longer does."""
    counted = screen(fusion(Clearance(date(2025, 6, 2), ("spinal-fusion",), "Dr Okafor")), catalog)
    lapsed = screen(fusion(Clearance(date(2025, 6, 1), ("spinal-fusion",), "Dr Okafor")), catalog)
    assert (counted.status, lapsed.status) == ("cleared-with-cautions", "needs-clearance")


def test_a_screening_relying_on_a_clearance_ends_when_the_clearance_does() -> None:
    """A clearance issued 2025-09-01 ends the screening on 2026-09-01, not a year after it."""
    ends = screening_ends(fusion(Clearance(date(2025, 9, 1), ("spinal-fusion",), "Dr Okafor")))
    assert (ends.on, ends.cause) == (date(2026, 9, 1), "clearance")
    assert "2025-09-01" in ends.reason and "PAR-Q+" in ends.reason
    valid = intake_validity(
        fusion(Clearance(date(2025, 9, 1), ("spinal-fusion",), "Dr O")), ends.on
    )
    assert valid.state == "expired"
    assert valid.text.startswith("Expired on 2026-09-01: the written clearance dated 2025-09-01")


def test_a_clearance_the_screening_does_not_rely_on_does_not_shorten_it() -> None:
    """A clearance for pregnancy, with no pregnancy: 12 months after the screening."""
    intake = Intake(DAY, 50, clearance=Clearance(date(2025, 9, 1), ("pregnancy",), "Dr O"))
    assert screening_ends(intake) == Ending(date(2027, 6, 1), "twelve-months")


# --- pregnancy moves on -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_on", "trimester", "ends"),
    [
        (date(2027, 1, 1), 1, Ending(date(2026, 6, 26), "next-trimester", trimester=2)),
        (date(2026, 10, 1), 2, Ending(date(2026, 7, 2), "next-trimester", trimester=3)),
        (date(2026, 8, 1), 3, Ending(date(2026, 8, 1), "due-date")),
    ],
)
def test_a_pregnancy_screening_holds_until_the_next_trimester_or_the_due_date(
    due_on: date, trimester: int, ends: Ending
) -> None:
    """The trimester comes from the due date; the screening ends when the next one begins
    (week 14 = due date - 189 days, week 28 = due date - 91 days), the third on the due date."""
    intake = Intake(DAY, 30, pregnancy_due_on=due_on)
    assert intake.pregnancy_trimester == trimester
    assert screening_ends(intake) == ends


def test_the_trimester_weeks_are_counted_back_from_the_due_date() -> None:
    """The second trimester begins 27 weeks before the due date, the third 13 weeks before."""
    due = date(2027, 1, 1)
    assert trimester_begins(due, 2) == due - timedelta(weeks=27)
    assert trimester_begins(due, 3) == due - timedelta(weeks=13)


def test_on_the_first_day_of_the_next_trimester_a_re_screen_is_due() -> None:
    """The day before, current; that day, 'the second trimester begins on ...: re-screen due'."""
    intake = Intake(DAY, 30, pregnancy_due_on=date(2027, 1, 1))
    before = intake_validity(intake, date(2026, 6, 25))
    assert before.state == "current"
    assert before.text.startswith("Current, valid until 2026-06-26: the second trimester begins")
    assert "stretchkit's own reading" in before.text
    after = intake_validity(intake, date(2026, 6, 26))
    assert after.state == "pregnancy-moved-on"
    assert after.text == "The second trimester begins on 2026-06-26: re-screen due"


def test_the_re_screen_in_the_later_trimester_excludes_its_stretches(catalog: Catalog) -> None:
    """Screened again in the second trimester (with clearance), the supine and backbend go."""
    clearance = Clearance(date(2026, 6, 26), ("pregnancy",), "Dr Okafor")
    again = Intake(date(2026, 6, 26), 30, pregnancy_due_on=date(2027, 1, 1), clearance=clearance)
    result = screen(again, catalog)
    assert again.pregnancy_trimester == 2
    assert {"supine-thoracic-rotation", "standing-backbend-assist"}.isdisjoint(result.allowed())


def test_a_pregnancy_screening_without_a_due_date_is_due_now() -> None:
    """Older screenings recorded only a trimester: a re-screen is due, to record the due date."""
    valid = intake_validity(Intake(DAY, 30, pregnancy_trimester=1), DAY)
    assert (valid.state, valid.expires_on, valid.ending.cause) == (
        "pregnancy-moved-on",
        DAY,
        "no-due-date",
    )
    assert "record it" in valid.text and "due date" in valid.text


def test_a_trimester_that_disagrees_with_the_due_date_is_refused_naming_it() -> None:
    """Trimester 1 with a due date ten weeks away is an error naming the trimester."""
    with pytest.raises(ValidationError) as caught:
        Intake(DAY, 30, pregnancy_trimester=1, pregnancy_due_on=DAY + timedelta(weeks=10))
    assert caught.value.field == "pregnancy trimester"
    assert "gives trimester 3" in str(caught.value)


@pytest.mark.parametrize("due_on", [DAY + timedelta(weeks=41), DAY - timedelta(weeks=7)])
def test_a_due_date_no_pregnancy_can_have_is_refused_naming_it(due_on: date) -> None:
    """More than 40 weeks ahead or more than 6 weeks past: an error naming the due date."""
    with pytest.raises(ValidationError) as caught:
        Intake(DAY, 30, pregnancy_due_on=due_on)
    assert caught.value.field == "pregnancy due date"


def test_the_due_date_is_stored_in_the_intake_dict_and_checked_on_reading() -> None:
    """The dict keeps the due date; a trimester disagreeing with it names the dict key."""
    intake = Intake(DAY, 30, pregnancy_due_on=date(2027, 1, 1))
    data = intake_to_dict(intake)
    assert data["pregnancy_due_on"] == "2027-01-01"
    assert intake_from_dict(data) == intake
    with pytest.raises(ValidationError) as caught:
        intake_from_dict({**data, "pregnancy_trimester": 3})
    assert caught.value.field == "pregnancy_trimester"
    with pytest.raises(ValidationError) as caught:
        intake_from_dict({**data, "pregnancy_due_on": "2030-01-01"})
    assert caught.value.field == "pregnancy_due_on"


# --- the limits, for any intake ---------------------------------------------------------------


@settings(max_examples=examples(300), deadline=None)
@given(intakes())
def test_a_screening_never_outlasts_any_of_its_limits(intake: Intake) -> None:
    """Never past 12 months, the end of a clearance it relies on, the next trimester or the
    due date; without a due date, a pregnancy screening ends the day it is taken."""
    ends = screening_ends(intake).on
    assert intake.taken_on <= ends or intake.pregnancy_due_on is not None
    assert ends <= expires_on(intake.taken_on)
    if intake.cleared_for("spinal-fusion") and intake.spinal_fusion:
        assert intake.clearance is not None and ends <= intake.clearance.ends_on
    due, trimester = intake.pregnancy_due_on, intake.pregnancy_trimester
    if trimester is not None and due is None:
        assert ends == intake.taken_on
    if due is not None and trimester is not None:
        assert ends <= (due if trimester == 3 else trimester_begins(due, trimester + 1))
