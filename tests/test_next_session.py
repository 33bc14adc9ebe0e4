"""When the next session falls: today, after a rest day, or next Monday once the plan is met."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.session.next_session import NextSession, next_session
from tests.hypothesis_profiles import examples

MON = date(2026, 11, 16)
TUE, WED, THU, FRI, SAT, SUN = (MON + timedelta(days=n) for n in range(1, 7))
NEXT_MON = MON + timedelta(days=7)


@pytest.mark.parametrize(
    ("days", "today", "per_week", "expected"),
    [
        ([], WED, 3, WED),
        ([MON - timedelta(days=3)], WED, 3, WED),
        ([WED], WED, 3, FRI),
        ([FRI], FRI, 3, SAT),
        ([MON], TUE, 3, WED),
        ([FRI], SAT, 3, SAT),
        ([MON, TUE, WED], THU, 3, NEXT_MON),
        ([MON, WED, THU], THU, 2, NEXT_MON),
        ([SUN], SUN, 3, NEXT_MON),
        ([SAT], SUN, 3, SUN),
        ([], SUN, 2, SUN),
        ([SUN], SUN, 1, NEXT_MON),
        ([SUN], NEXT_MON, 3, NEXT_MON + timedelta(days=1)),
    ],
    ids=[
        "nothing this week: today",
        "only last week: today",
        "session today, room in the week: the day after tomorrow",
        "session today, a tight week: tomorrow",
        "session yesterday, room to rest: tomorrow",
        "session yesterday, no room to rest: today",
        "plan met: next Monday",
        "more than planned: next Monday",
        "Sunday session: Monday",
        "Sunday after a Saturday session with no room: Sunday",
        "Sunday with nothing done: Sunday",
        "Sunday session meets the plan: Monday",
        "Monday after a Sunday session: rest, then Tuesday",
    ],
)
def test_the_next_day_follows_the_week_and_rest_days(
    days: list[date], today: date, per_week: int, expected: date
) -> None:
    """Today unless stretched today or yesterday with room to rest; next Monday once met."""
    assert next_session(days, today, per_week).day == expected


def test_the_text_says_today_and_the_week_so_far() -> None:
    """Nothing done yet: 'Today.' and the week's count against the plan."""
    assert next_session([MON], TUE, 3).text == (
        "Tomorrow (Wednesday 18 November). This week: 1 of 3 sessions done."
    )
    assert next_session([], WED, 3).text == "Today. This week: 0 of 3 sessions done."


def test_the_text_names_the_day_after_tomorrow_and_a_met_plan() -> None:
    """A later day reads as weekday, day and month; a met plan is said, in the singular too."""
    assert next_session([WED], WED, 3).text == (
        "Friday 20 November. This week: 1 of 3 sessions done."
    )
    assert next_session([SUN], SUN, 1).text == (
        "Tomorrow (Monday 23 November). This week: 1 of 1 session done, the plan is met."
    )
    assert next_session([MON, TUE, WED], THU, 3).text == (
        "Monday 23 November. This week: 3 of 3 sessions done, the plan is met."
    )


def test_the_day_text_is_relative_to_today() -> None:
    """'today', 'tomorrow (…)' or the plain date."""
    texts = [NextSession(d, SAT, 0, 3).day_text for d in (SAT, SUN, NEXT_MON)]
    assert texts == ["today", "tomorrow (Sunday 22 November)", "Monday 23 November"]


weeks = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@settings(max_examples=examples(300), deadline=None)
@given(
    today=weeks,
    offsets=st.lists(st.integers(-20, 10), max_size=12),
    per_week=st.integers(1, 7),
)
def test_the_day_lies_between_today_and_next_monday(
    today: date, offsets: list[int], per_week: int
) -> None:
    """Never before today, never after next Monday; next Monday exactly once the plan is met;
    the week's count is the distinct session days from Monday to today."""
    days = [today + timedelta(days=n) for n in offsets]
    monday = today - timedelta(days=today.weekday())
    next_monday = monday + timedelta(days=7)
    result = next_session(days + days, today, per_week)
    assert today <= result.day <= next_monday
    assert result.done_this_week == len({d for d in days if monday <= d <= today})
    assert (result.today, result.planned_per_week) == (today, per_week)
    if result.done_this_week >= per_week:
        assert result.day == next_monday
        assert result.text.endswith(", the plan is met.")
    else:
        assert "the plan is met" not in result.text


@settings(max_examples=examples(200), deadline=None)
@given(today=weeks, offsets=st.lists(st.integers(-20, -2), max_size=12), per_week=st.integers(1, 7))
def test_without_a_session_today_or_yesterday_the_day_is_today_unless_the_plan_is_met(
    today: date, offsets: list[int], per_week: int
) -> None:
    """No session on either of the last two days: stretch today, if the week still needs it."""
    result = next_session([today + timedelta(days=n) for n in offsets], today, per_week)
    assert result.day == today or result.done_this_week >= per_week
