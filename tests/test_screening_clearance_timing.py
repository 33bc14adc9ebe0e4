"""A written clearance counts only for what happened before it: a recent surgery it is dated
after, a pregnancy within the trimester it was issued in."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import default_catalog
from stretchkit.errors import ValidationError
from stretchkit.screening import screen
from stretchkit.screening.intake import Clearance, Intake, trimester_begins, trimester_on
from stretchkit.screening.intake_codec import intake_from_dict, intake_to_dict
from tests.hypothesis_profiles import examples
from tests.strategies import intakes

DAY = date(2026, 11, 2)
CATALOG = default_catalog()


def surgery(on: date | None, cleared_on: date) -> Intake:
    """A hip surgery on `on`, with a named clearance covering it issued on `cleared_on`."""
    clearance = Clearance(cleared_on, ("recent-surgery",), "Dr Okafor")
    return Intake(DAY, 50, recent_surgery="hip", recent_surgery_on=on, clearance=clearance)


def test_a_nine_month_old_clearance_does_not_lift_a_surgery_from_two_weeks_ago() -> None:
    """The clearance predates the surgery: the client needs a new one, and the screening says
    why, naming both dates."""
    result = screen(surgery(DAY - timedelta(days=14), DAY - timedelta(days=270)), CATALOG)
    assert result.status == "needs-clearance"
    assert result.refer and result.allowed() == ()
    why = " ".join(r.text for r in result.findings if r.rule == "clearance-timing")
    assert "dated 2026-02-05 does not count for the recent surgery" in why
    assert "not dated after the recent surgery of 2026-10-19" in why


def test_a_clearance_dated_after_the_surgery_lifts_it() -> None:
    """Issued after the surgery: every stretch with caution, as before."""
    result = screen(surgery(DAY - timedelta(days=30), DAY - timedelta(days=7)), CATALOG)
    assert result.status == "cleared-with-cautions"
    assert len(result.allowed()) == len(CATALOG.stretches)


def test_a_clearance_dated_the_day_of_the_surgery_does_not_lift_it() -> None:
    """The same day may be before the operation: the safer reading."""
    result = screen(surgery(DAY - timedelta(days=7), DAY - timedelta(days=7)), CATALOG)
    assert result.status == "needs-clearance"


def test_a_stored_surgery_with_no_date_is_not_lifted_and_the_screening_says_to_record_it() -> None:
    """Screenings stored before the date was asked still decode; their clearance cannot be
    shown to come after the surgery, so it lifts nothing (stretchkit's own reading)."""
    stored = intake_to_dict(surgery(None, DAY))
    del stored["recent_surgery_on"]
    intake = intake_from_dict(stored)
    assert intake.recent_surgery_on is None
    result = screen(intake, CATALOG)
    assert result.status == "needs-clearance"
    why = next(r for r in result.findings if r.rule == "clearance-timing")
    assert "date of the recent surgery is not recorded" in why.text
    assert "stretchkit's own reading" in why.cited


def test_the_surgery_date_survives_the_stored_format() -> None:
    """Encoded and decoded, the surgery keeps its date."""
    intake = surgery(date(2026, 9, 1), date(2026, 10, 1))
    assert intake_from_dict(intake_to_dict(intake)).recent_surgery_on == date(2026, 9, 1)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"recent_surgery": "back", "recent_surgery_on": DAY + timedelta(days=1)}, "after the"),
        ({"recent_surgery_on": DAY - timedelta(days=3)}, "choose where the surgery was"),
        ({"recent_surgery": "back", "recent_surgery_on": "2026-10-01"}, "must be a date"),
    ],
)
def test_an_impossible_surgery_date_names_the_field_and_the_value(
    fields: dict[str, object], problem: str
) -> None:
    """A future date, a date with no surgery, or text: the error names the field and value."""
    with pytest.raises(ValidationError) as raised:
        Intake(DAY, 50, **fields)  # type: ignore[arg-type]
    assert raised.value.field == "recent surgery date"
    assert problem in str(raised.value)
    assert str(fields["recent_surgery_on"]) in str(raised.value)


def test_a_stored_surgery_date_after_the_screening_is_refused_by_its_key() -> None:
    """Untrusted stored data: the key is named."""
    stored = intake_to_dict(surgery(DAY - timedelta(days=9), DAY))
    stored["recent_surgery_on"] = "2026-12-01"
    with pytest.raises(ValidationError) as raised:
        intake_from_dict(stored)
    assert raised.value.field == "recent_surgery_on"


DUE = date(2027, 3, 1)


def pregnant(cleared_on: date, taken_on: date) -> Intake:
    """A pregnancy due on DUE, screened on `taken_on`, with a clearance from `cleared_on`."""
    clearance = Clearance(cleared_on, ("pregnancy",), "Midwife Ellis")
    return Intake(taken_on, 31, pregnancy_due_on=DUE, clearance=clearance)


def test_a_first_trimester_clearance_does_not_lift_a_second_trimester_screening() -> None:
    """'Especially in later trimesters': the clearance counts within its own trimester."""
    second = trimester_begins(DUE, 2)
    result = screen(pregnant(second - timedelta(days=10), second + timedelta(days=3)), CATALOG)
    assert result.status == "needs-clearance"
    why = next(r for r in result.findings if r.rule == "clearance-timing")
    assert "issued in trimester 1 and the client is now in trimester 2" in why.text


def test_a_clearance_from_the_current_trimester_lifts_the_pregnancy() -> None:
    """Issued in the same trimester as the screening: cleared, with the later-trimester
    exclusions still applying."""
    second = trimester_begins(DUE, 2)
    result = screen(pregnant(second + timedelta(days=1), second + timedelta(days=20)), CATALOG)
    assert result.status == "cleared-with-cautions"
    assert "supine-thoracic-rotation" not in result.allowed()


def test_with_no_due_date_only_a_clearance_from_the_screening_day_counts() -> None:
    """Older screenings record a trimester alone: a clearance from an earlier day may be from
    an earlier trimester, so it lifts nothing."""
    earlier = Clearance(DAY - timedelta(days=1), ("pregnancy",), "Midwife Ellis")
    intake = Intake(DAY, 31, pregnancy_trimester=2, clearance=earlier)
    assert screen(intake, CATALOG).status == "needs-clearance"
    same_day = dataclasses.replace(intake, clearance=dataclasses.replace(earlier, issued_on=DAY))
    assert screen(same_day, CATALOG).status == "cleared-with-cautions"


@settings(max_examples=examples(300), deadline=None)
@given(intakes(), st.integers(0, 400), st.integers(0, 400))
def test_no_clearance_dated_on_or_before_a_surgery_ever_lifts_it(
    intake: Intake, before_screening: int, before_surgery: int
) -> None:
    """Whatever else was answered, a recent surgery dated on or after the clearance (or with
    no date) is never lifted by it: every stretch stays excluded, and the screening refers."""
    surgery_on = intake.taken_on - timedelta(days=before_screening)
    clearance = Clearance(
        surgery_on - timedelta(days=before_surgery), ("recent-surgery", "par-q"), "Dr Okafor"
    )
    for day in (surgery_on, None):
        worse = dataclasses.replace(
            intake, recent_surgery="back", recent_surgery_on=day, clearance=clearance
        )
        result = screen(worse, CATALOG)
        assert not worse.cleared_for("recent-surgery")
        assert result.allowed() == () and result.refer
        assert result.status in ("needs-clearance", "do-not-stretch")


@settings(max_examples=examples(300), deadline=None)
@given(st.dates(date(2024, 1, 1), date(2027, 12, 31)), st.integers(0, 280), st.integers(1, 280))
def test_no_pregnancy_clearance_from_an_earlier_trimester_ever_lifts_it(
    due_on: date, weeks_left: int, earlier_by: int
) -> None:
    """Screened on any day of a pregnancy, a clearance from an earlier trimester never lifts
    it; one from the same trimester always does."""
    taken_on = due_on - timedelta(days=weeks_left)
    issued_on = taken_on - timedelta(days=earlier_by)
    clearance = Clearance(issued_on, ("pregnancy",), "Midwife Ellis")
    intake = Intake(taken_on, 31, pregnancy_due_on=due_on, clearance=clearance)
    same = trimester_on(due_on, issued_on) == intake.pregnancy_trimester
    assert intake.cleared_for("pregnancy") == same
    if not same:
        assert screen(intake, CATALOG).status == "needs-clearance"
