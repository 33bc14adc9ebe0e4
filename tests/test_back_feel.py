"""How the back feels: 0-10 stiffness and pain ratings, their change against the 2-point
minimal clinically important difference, weekly means, when the dashboard asks again, and
the attention list's pain threshold."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.errors import ValidationError
from stretchkit.progress.attention import ClientFacts, needs_attention
from stretchkit.progress.back_feel import (
    MCID_POINTS,
    MCID_SOURCE,
    BackRating,
    feel_change,
    feel_weeks,
    rating_due,
)
from stretchkit.progress.history import History
from stretchkit.progress.history_csv import history_from_csv, history_to_csv
from tests.strategies import back_ratings

TODAY = date(2026, 11, 21)


def _at(day: date, stiffness: int, pain: int = 2) -> BackRating:
    return BackRating(datetime(day.year, day.month, day.day, 9, tzinfo=UTC), stiffness, pain)


@pytest.mark.parametrize(
    ("field", "stiffness", "pain"), [("stiffness", 11, 0), ("pain", 0, -1), ("stiffness", 2.5, 1)]
)
def test_a_rating_off_the_scale_is_refused_naming_the_field(
    field: str, stiffness: object, pain: object
) -> None:
    """Only whole numbers 0-10 are ratings; the error names stiffness or pain."""
    with pytest.raises(ValidationError, match=f"^{field}: must be a whole number from 0 to 10"):
        BackRating(datetime(2026, 1, 5, 9, tzinfo=UTC), stiffness, pain)  # type: ignore[arg-type]


def test_a_change_under_two_points_is_within_measurement_error_with_its_source() -> None:
    """6 to 5 is within measurement error; 7 to 3 is 4 points less; Suzuki et al. is named."""
    small = feel_change([_at(date(2026, 3, 2), 6), _at(TODAY, 5)], "stiffness")
    large = feel_change([_at(date(2026, 3, 2), 7), _at(TODAY, 3)], "stiffness")
    assert small is not None and small.verdict == "within measurement error"
    assert large is not None and large.verdict == "less"
    assert large.text.startswith("Back stiffness: 7/10 on 2 March 2026 to 3/10 now: 4 points less")
    assert "Suzuki et al., PLoS ONE 2020" in small.text
    assert "PLoS ONE 2020" in MCID_SOURCE and MCID_POINTS == 2


@given(st.lists(back_ratings(), min_size=2, max_size=8))
def test_the_verdict_follows_the_two_point_rule_for_any_ratings(
    ratings: list[BackRating],
) -> None:
    """Whatever the ratings, 'less' or 'more' only when the first-to-latest change is 2 or
    more points, in its direction."""
    for measure in ("stiffness", "pain"):
        change = feel_change(ratings, measure)
        assert change is not None
        delta = change.latest.score(measure) - change.first.score(measure)
        expected = "within measurement error" if abs(delta) < 2 else "less" if delta < 0 else "more"
        assert change.verdict == expected


@given(st.lists(back_ratings(), max_size=12))
def test_the_weekly_means_cover_every_rating_once(ratings: list[BackRating]) -> None:
    """Each week starts on a Monday, weeks are in order, and their counts add up."""
    weeks = feel_weeks(ratings)
    assert sum(w.ratings for w in weeks) == len(ratings)
    assert all(w.week.weekday() == 0 for w in weeks)
    assert [w.week for w in weeks] == sorted({w.week for w in weeks})
    assert all(0 <= w.stiffness <= 10 and 0 <= w.pain <= 10 for w in weeks)


def test_the_dashboard_asks_again_once_a_week() -> None:
    """No rating yet, or the latest a week old: due; rated six days ago: not yet."""
    assert rating_due([], TODAY)
    assert not rating_due([_at(TODAY - timedelta(days=6), 4)], TODAY)
    assert rating_due([_at(TODAY - timedelta(days=7), 4)], TODAY)


@given(
    st.dates(date(2024, 1, 1), date(2032, 12, 31)) | st.sampled_from([date(2028, 2, 29)]),
    st.lists(st.integers(0, 60), max_size=5),
)
def test_a_rating_is_due_exactly_when_none_was_given_in_the_last_seven_days(
    today: date, days_ago: list[int]
) -> None:
    """On any day of any week (29 February and Sundays included), a client is asked for a
    rating when none of theirs is from the last 7 days, whatever the weekday of the last."""
    ratings = [_at(today - timedelta(days=d), 4) for d in days_ago]
    assert rating_due(ratings, today) == all(d >= 7 for d in days_ago)


@pytest.mark.parametrize(
    ("pain", "threshold", "listed"), [(8, 7, True), (7, 7, False), (6, 5, True)]
)
def test_pain_above_the_trainers_threshold_puts_the_client_on_the_list(
    pain: int, threshold: int, listed: bool
) -> None:
    """Above the threshold (default 7) in the last four weeks lists the client, saying so."""
    facts = ClientFacts(1, "Robin", worst_pain=pain, worst_pain_on=TODAY - timedelta(days=3))
    found = needs_attention([facts], TODAY, pain_threshold=threshold)
    kinds = [c.kind for c in found[0].concerns] if found else []
    assert ("high-pain" in kinds) is listed
    if listed:
        assert f"back pain rated {pain}/10" in found[0].text


def test_ratings_go_out_and_back_in_through_csv() -> None:
    """A rating row keeps its moment, place and both scores."""
    history = History(ratings=(_at(date(2026, 3, 2), 7, 3), _at(TODAY, 3, 1)))
    text = history_to_csv(history)
    assert "rating,,dashboard,,,2026-03-02T09:00:00+00:00," in text
    assert history_from_csv(text, today=TODAY) == history
