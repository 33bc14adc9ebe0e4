"""The dose check: a routine and a week of sessions against ACSM and the articles, as advice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import Catalog, HoldRange, RepRange, default_catalog
from stretchkit.planning.dose import check_routine, check_week, week_of
from stretchkit.planning.planner import plan
from stretchkit.planning.prescription import Prescription, Target
from stretchkit.planning.routine import Routine, RoutineItem
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from tests.hypothesis_profiles import examples
from tests.strategies import routines

FLEXION = "seated-thoracic-flexion"
ROTATION = "seated-thoracic-rotation"
MONDAY = date(2024, 3, 4)
SUNDAY = date(2024, 3, 10)


def routine_of(
    hold: int,
    reps: int,
    bounds: tuple[int, int] = (10, 60),
    sided: bool = False,
    warm_up_min: int = 5,
    days: int = 3,
) -> Routine:
    stretch_id = ROTATION if sided else FLEXION
    targets = (Target("left", hold), Target("right", hold)) if sided else (Target("", hold),)
    rx = Prescription(stretch_id, targets, reps, RepRange(2, 3), HoldRange(*bounds))
    return Routine((RoutineItem(rx),), warm_up_min=warm_up_min, days_per_week=days)


# --- one routine ---------------------------------------------------------------------------------


def test_the_check_covers_warm_up_then_each_stretch_then_frequency(catalog: Catalog) -> None:
    """One line for the warm-up, one per stretch in order, one for the days per week."""
    advice = check_routine(routine_of(20, 3), catalog)
    assert len(advice) == 3
    assert "warm-up" in advice[0].text
    assert advice[1].text.startswith("Seated Thoracic Flexion: 20 s x 3 is 60 s in total")
    assert "days a week" in advice[2].text


def test_about_60_seconds_per_stretch_is_ok(catalog: Catalog) -> None:
    """20 s x 3 is 60 s: close to the suggestion, from ACSM."""
    line = check_routine(routine_of(20, 3), catalog)[1]
    assert (line.level, line.source) == ("ok", "acsm")
    assert "close to the about 60 s suggested" in line.text


@pytest.mark.parametrize(("hold", "reps", "level"), [(24, 2, "ok"), (23, 2, "advice")])
def test_under_80_percent_of_60_seconds_is_short(
    catalog: Catalog, hold: int, reps: int, level: str
) -> None:
    """48 s is still fine, 46 s is short of about 60 s."""
    assert check_routine(routine_of(hold, reps), catalog)[1].level == level


def test_a_short_stretch_suggests_progress_when_the_safe_range_allows_it(
    catalog: Catalog,
) -> None:
    """15 s x 2 with room to grow: add a repetition or hold longer."""
    line = check_routine(routine_of(15, 2), catalog)[1]
    assert line.level == "advice"
    assert "add a repetition or hold longer" in line.text


def test_a_short_stretch_says_when_the_safe_range_cannot_reach_60_seconds(
    catalog: Catalog,
) -> None:
    """Bounds 10-10 s x at most 3 repetitions: 30 s is all this client's range allows."""
    line = check_routine(routine_of(10, 3, bounds=(10, 10)), catalog)[1]
    assert line.level == "advice"
    assert "this client's safe range allows at most 30 s" in line.text


@pytest.mark.parametrize(("hold", "reps", "level"), [(40, 3, "ok"), (41, 3, "advice")])
def test_over_twice_60_seconds_is_flagged_as_long(
    catalog: Catalog, hold: int, reps: int, level: str
) -> None:
    """120 s is the limit; 123 s is well over the suggestion."""
    line = check_routine(routine_of(hold, reps), catalog)[1]
    assert line.level == level
    if level == "advice":
        assert "well over" in line.text


def test_a_sided_stretch_is_counted_per_side(catalog: Catalog) -> None:
    """20 s x 3 on each side is 60 s on each side, not 120 s."""
    line = check_routine(routine_of(20, 3, sided=True), catalog)[1]
    assert line.level == "ok"
    assert "60 s in total on each side" in line.text


def test_a_side_held_less_than_the_other_is_checked_on_its_own(catalog: Catalog) -> None:
    """Left 30 s / right 20 s x 2: the right side's 40 s is short of about 60 s."""
    rx = Prescription(
        ROTATION, (Target("left", 30), Target("right", 20)), 2, RepRange(2, 3), HoldRange(10, 60)
    )
    line = check_routine(Routine((RoutineItem(rx),)), catalog)[1]
    assert line.level == "advice"
    assert line.text.startswith(
        "Seated Thoracic Rotation: left 30 s / right 20 s x 2 is 60 s on the left and 40 s on "
        "the right in total; about 60 s is suggested"
    )


def test_a_side_held_far_longer_is_flagged_as_long(catalog: Catalog) -> None:
    """Left 30 s / right 60 s x 3: the right side's 180 s is well over."""
    rx = Prescription(
        ROTATION, (Target("left", 30), Target("right", 60)), 3, RepRange(2, 3), HoldRange(10, 60)
    )
    line = check_routine(Routine((RoutineItem(rx),)), catalog)[1]
    assert line.level == "advice"
    assert "well over" in line.text


@pytest.mark.parametrize("minutes", [5, 10])
def test_the_warm_up_line_cites_both_articles(catalog: Catalog, minutes: int) -> None:
    """The articles ask for 5-10 minutes of warm-up; a routine always has it."""
    line = check_routine(routine_of(20, 3, warm_up_min=minutes), catalog)[0]
    assert line.level == "ok"
    assert line.source == "upper-back-article, partner-back-article"
    assert f"{minutes} minutes" in line.text


@pytest.mark.parametrize(("days", "level"), [(1, "advice"), (2, "ok"), (3, "ok"), (7, "ok")])
def test_fewer_than_2_days_a_week_is_below_acsm(catalog: Catalog, days: int, level: str) -> None:
    """ACSM: 2-3 days a week or more."""
    line = check_routine(routine_of(20, 3, days=days), catalog)[-1]
    assert line.level == level
    assert line.text.startswith(f"{days} day{'s' if days > 1 else ''} a week")


def test_an_empty_routine_is_checked_for_warm_up_and_frequency_only(catalog: Catalog) -> None:
    """No stretches: two lines."""
    assert len(check_routine(Routine(()), catalog)) == 2


# --- the week ----------------------------------------------------------------------------------


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_week_of_is_the_monday_to_sunday_around_a_day(day: date) -> None:
    """Monday first, Sunday last, the day between them."""
    monday, sunday = week_of(day)
    assert monday.weekday() == 0
    assert sunday == monday + timedelta(days=6)
    assert monday <= day <= sunday


def test_a_week_with_enough_session_days_is_on_track(catalog: Catalog) -> None:
    """Three days of three planned: on track."""
    days = [MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=4)]
    advice = check_week(days, MONDAY + timedelta(days=4), 3, catalog)
    assert advice.level == "ok"
    assert advice.text == "This week: 3 of 3 planned session days: on track."


def test_two_sessions_on_one_day_count_as_one_day(catalog: Catalog) -> None:
    """Days with a session are counted, not sessions."""
    advice = check_week([MONDAY, MONDAY], MONDAY, 2, catalog)
    assert advice.text.startswith("This week: 1 of 2")
    assert advice.level == "advice"


def test_sessions_of_other_weeks_do_not_count(catalog: Catalog) -> None:
    """The Sunday before and the Monday after are outside the week."""
    days = [MONDAY - timedelta(days=1), SUNDAY + timedelta(days=1)]
    assert check_week(days, MONDAY, 2, catalog).text.startswith("This week: 0 of 2")


def test_the_week_says_how_many_days_are_still_needed(catalog: Catalog) -> None:
    """One day done on Monday, three planned, Wednesday today: 2 more to go."""
    advice = check_week([MONDAY], MONDAY + timedelta(days=2), 3, catalog)
    assert advice.level == "advice"
    assert advice.text.endswith("2 more days to go.")


def test_a_week_that_cannot_reach_its_days_says_so(catalog: Catalog) -> None:
    """Nothing done by Sunday with three planned: the week cannot reach 3 days."""
    advice = check_week([], SUNDAY, 3, catalog)
    assert advice.text.endswith("the week cannot reach 3 days any more.")


def test_todays_session_already_counted_does_not_leave_today_to_go(catalog: Catalog) -> None:
    """Sunday, one session today, two wanted: today is used, so the week cannot reach 2."""
    advice = check_week([SUNDAY], SUNDAY, 2, catalog)
    assert advice.text.endswith("the week cannot reach 2 days any more.")


def test_on_sunday_without_a_session_yet_today_still_counts(catalog: Catalog) -> None:
    """Sunday, one earlier day done, none today, two wanted: today can still make it."""
    advice = check_week([MONDAY], SUNDAY, 2, catalog)
    assert advice.text.endswith("1 more day to go.")


def test_a_plan_of_one_day_still_aims_at_acsm_two(catalog: Catalog) -> None:
    """With one planned day done, the week is not on track until ACSM's 2 days."""
    advice = check_week([MONDAY], MONDAY, 1, catalog)
    assert advice.level == "advice"
    assert advice.text.startswith("This week: 1 of 1 planned session day:")


@given(
    offsets=st.lists(st.integers(-10, 16), max_size=10),
    today_offset=st.integers(0, 6),
    planned=st.integers(1, 7),
)
def test_the_week_advice_is_consistent(offsets: list[int], today_offset: int, planned: int) -> None:
    """On track iff enough distinct days; 'cannot reach' iff too few days are still free."""
    today = MONDAY + timedelta(days=today_offset)
    days = [MONDAY + timedelta(days=o) for o in offsets]
    advice = check_week(days, today, planned, default_catalog())
    done = {d for d in days if MONDAY <= d <= SUNDAY}
    wanted = max(planned, 2)
    free = [
        MONDAY + timedelta(days=n)
        for n in range(today_offset, 7)
        if MONDAY + timedelta(days=n) not in done
    ]
    assert advice.text.startswith(f"This week: {len(done)} of {planned}")
    assert (advice.level == "ok") == (len(done) >= wanted)
    assert advice.text.endswith("any more.") == (
        len(done) < wanted and len(done) + len(free) < wanted
    )


@settings(max_examples=examples(300), deadline=None)
@given(routines())
def test_every_stretch_is_judged_on_each_of_its_sides(routine: Routine) -> None:
    """A stretch is 'ok' exactly when every side's total is 48-120 s, or when it is shorter
    only because another repetition would not fit in the time budget (and it says so)."""
    advice = check_routine(routine, default_catalog())
    assert len(advice) == len(routine.items) + 2
    for item, line in zip(routine.items, advice[1:-1], strict=True):
        rx = item.prescription
        totals = [rx.hold_for(side) * rx.reps for side in rx.sides]
        fitted = "to fit the" in line.text and min(totals) < 48
        assert (line.level == "ok") == (all(48 <= t <= 120 for t in totals) or fitted)
        assert line.text.startswith(f"{default_catalog().stretch(rx.stretch_id).name}: {rx.text}")


def test_a_client_who_started_on_saturday_is_not_told_the_week_cannot_reach_its_days(
    catalog: Catalog,
) -> None:
    """Created on Saturday with three days planned: the first week asks for the two days left."""
    saturday = SUNDAY - timedelta(days=1)
    advice = check_week([], saturday, 3, catalog, since=saturday)
    assert advice.text == "First week, from Saturday: 0 of 2 session days: 2 more days to go."
    assert advice.level == "ok"
    assert "cannot reach" not in check_week([], SUNDAY, 3, catalog, since=SUNDAY).text


def test_a_client_who_started_before_this_week_is_counted_as_before(catalog: Catalog) -> None:
    """A first day in an earlier week, or on this Monday, changes nothing."""
    for since in (MONDAY - timedelta(days=30), MONDAY):
        advice = check_week([], SUNDAY, 3, catalog, since=since)
        assert advice.text.endswith("the week cannot reach 3 days any more.")


def test_a_first_week_with_its_days_done_is_on_track(catalog: Catalog) -> None:
    """Started Friday with three planned: Friday done leaves two to go on Saturday; all three
    days done is on track."""
    friday, saturday = MONDAY + timedelta(days=4), MONDAY + timedelta(days=5)
    advice = check_week([friday], saturday, 3, catalog, since=friday)
    assert advice.text == "First week, from Friday: 1 of 3 session days: 2 more days to go."
    done = check_week([friday, saturday, SUNDAY], SUNDAY, 3, catalog, since=friday)
    assert done.text == "First week, from Friday: 3 of 3 session days: on track."


@given(st.dates(), st.integers(1, 7))
def test_a_client_on_their_first_day_is_never_told_the_week_cannot_reach(
    day: date, planned: int
) -> None:
    """Whatever the weekday and plan, day one of a client never says 'cannot reach'."""
    catalog = default_catalog()
    assert "cannot reach" not in check_week([], day, planned, catalog, since=day).text


def test_the_planner_s_own_plan_cut_to_fit_the_budget_is_not_warned_about(
    catalog: Catalog,
) -> None:
    """A 10-minute budget plans fewer repetitions: the dose check says why, never 'add a
    repetition', and marks no stretch for a look."""
    intake = Intake(MONDAY, 40)
    routine = plan(screen(intake, catalog), catalog, budget_min=10)
    lines = check_routine(routine, catalog)[1:-1]
    cut = [line for line in lines if "to fit the 10-minute session" in line.text]
    assert cut, "the budget cut some stretch's repetitions"
    assert all(line.level == "ok" for line in lines)
    assert not any("add a repetition" in line.text for line in lines)
