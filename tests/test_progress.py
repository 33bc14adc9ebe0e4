"""Weekly progress: ISO weeks, gaps that stay gaps, totals that add up to the log."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import Catalog
from stretchkit.planning.dose import week_of
from stretchkit.progress.history import History, HoldRecord, PlanPeriod, SessionRecord
from stretchkit.progress.summary import progress_summary
from stretchkit.progress.weekly import (
    DoseGuidance,
    Progress,
    SessionTotals,
    dose_guidance,
    iso_week_label,
    sensation_trend,
    weekly_progress,
    weeks_from_totals,
)
from stretchkit.session.log import PLACES, SESSION_STATUSES, HoldEntry
from tests.hypothesis_profiles import examples

GUIDE = DoseGuidance(60, 2, "ACSM")
TODAY = date(2026, 11, 21)
KEYS = (("seated-thoracic-rotation", "left"), ("seated-thoracic-rotation", "right"), ("a", ""))


def _session(day: date, holds: list[tuple[str, str, int, int]], **kw: object) -> SessionRecord:
    start = datetime(day.year, day.month, day.day, 18, 0, tzinfo=UTC)
    records = tuple(
        HoldRecord(start + timedelta(minutes=i), HoldEntry(sid, side, 1, 1, target, held, 4))  # type: ignore[arg-type]
        for i, (sid, side, target, held) in enumerate(holds)
    )
    return SessionRecord(start, holds=records, **kw)  # type: ignore[arg-type]


@st.composite
def histories(draw: st.DrawFn) -> History:
    """Up to 40 sessions on random days of 2026, each with up to 6 holds."""
    days = draw(st.lists(st.integers(0, 300), max_size=40, unique=True))
    sessions = []
    for offset in sorted(days):
        holds = draw(
            st.lists(
                st.tuples(st.sampled_from(KEYS), st.integers(1, 60), st.integers(0, 90)),
                max_size=6,
            )
        )
        flat = [(k[0], k[1], t, h) for k, t, h in holds]
        sessions.append(_session(date(2026, 1, 5) + timedelta(days=offset), flat))
    return History(tuple(sessions))


def _progress(history: History, plans: tuple[PlanPeriod, ...] = ()) -> Progress:
    return weekly_progress(history, plans, today=TODAY, guidance=GUIDE)


@settings(max_examples=examples(60), deadline=None)
@given(histories())
def test_weekly_totals_add_up_to_the_log(history: History) -> None:
    """Holds, seconds held and sessions summed over the weeks equal the log's own totals."""
    progress = _progress(history)
    logged = [h.entry for s in history.sessions for h in s.holds]
    assert sum(w.holds for w in progress.weeks) == len(logged)
    assert sum(h.holds for h in progress.holds) == len(logged)
    assert sum(w.held_s for w in progress.weeks) == sum(e.held_s for e in logged)
    assert sum(h.total_held_s for h in progress.holds) == sum(e.held_s for e in logged)
    assert sum(w.sessions for w in progress.weeks) == sum(1 for s in history.sessions if s.holds)


@settings(max_examples=examples(60), deadline=None)
@given(histories())
def test_weeks_without_sessions_stay_gaps(history: History) -> None:
    """Every week is present once, Monday to Monday; a week without holds has no hold figures."""
    progress = _progress(history)
    starts = [w.start for w in progress.weeks]
    assert all(d.weekday() == 0 for d in starts)
    assert all(b - a == timedelta(weeks=1) for a, b in itertools.pairwise(starts))
    active = {week_of(s.day)[0] for s in history.sessions if s.holds}
    assert {h.week for h in progress.holds} == active
    for key in progress.keys:
        for week, figures in zip(progress.weeks, progress.series(*key), strict=True):
            if week.start not in active:
                assert figures is None
    assert all(
        d is None for w, d in zip(progress.weeks, progress.dose(), strict=True) if not w.holds
    )


def test_a_week_sums_up_each_stretch_and_side() -> None:
    """Mean and best of the completed holds, last target, seconds and holds at target of one
    stretch and side in a week; the hold cut short is counted apart."""
    monday = date(2026, 3, 2)
    history = History(
        (
            _session(monday, [("a", "", 30, 30), ("a", "", 30, 20)]),
            _session(monday + timedelta(days=2), [("a", "", 35, 35)]),
        )
    )
    (week,) = _progress(history).holds[:1]
    assert (week.holds, week.best_held_s, week.target_s, week.total_held_s) == (3, 35, 35, 85)
    assert week.mean_held_s == 32.5
    assert week.at_target == 2
    assert (week.cut_short, week.mean_cut_s) == (1, 20)
    assert week.mean_sensation == 4


def test_a_hold_cut_short_is_never_the_mean_or_the_best_hold() -> None:
    """A 50 s hold stopped at 10 s and one skipped at 2 s leave the mean and best at the
    completed 50 s hold; a week of cut holds alone has no mean or best at all."""
    monday = date(2026, 3, 2)
    history = History(
        (
            _session(monday, [("a", "", 50, 50)]),
            _session(monday + timedelta(weeks=1), [("a", "", 50, 50), ("a", "", 50, 10)]),
            _session(monday + timedelta(weeks=2), [("a", "", 50, 2)]),
        )
    )
    progress = _progress(history)
    first, second, third = progress.series("a", "")[:3]
    assert first is not None and second is not None and third is not None
    assert (second.mean_held_s, second.best_held_s, second.cut_short) == (50, 50, 1)
    assert (third.mean_held_s, third.best_held_s, third.mean_cut_s) == (None, None, 2)
    assert progress.cut_short == 2


@settings(max_examples=examples(60), deadline=None)
@given(histories())
def test_the_mean_and_best_hold_come_from_completed_holds_only(history: History) -> None:
    """Every weekly mean and best lies within the completed holds' seconds, and completed
    plus cut-short holds are every hold."""
    progress = _progress(history)
    for week in progress.holds:
        assert week.at_target + week.cut_short == week.holds
        if week.mean_held_s is None:
            assert week.at_target == 0 and week.best_held_s is None
        else:
            assert week.best_held_s is not None and week.mean_held_s <= week.best_held_s


def test_adherence_follows_the_plan_in_force_each_week() -> None:
    """Sessions done over the days planned by the routine saved by the end of that week."""
    monday = date(2026, 3, 2)
    history = History((_session(monday, [("a", "", 30, 30)]),))
    plans = (PlanPeriod(monday, 3), PlanPeriod(monday + timedelta(days=9), 2))
    weeks = weekly_progress(history, plans, today=monday + timedelta(days=15), guidance=GUIDE).weeks
    assert [(w.sessions, w.planned) for w in weeks] == [(1, 3), (0, 2), (0, 2)]
    assert weeks[0].adherence == 1 / 3
    assert weeks[1].below_plan
    assert weeks[1].label == "2026-W11"


def test_a_session_with_no_hold_is_not_counted_done_but_its_flag_is_kept() -> None:
    """A session stopped before any hold does not count as done; a flag on it still shows."""
    monday = date(2026, 3, 2)
    history = History((_session(monday, [], status="flagged"),))
    (week,) = _progress(history).weeks[:1]
    assert (week.sessions, week.flags) == (0, 1)
    assert _progress(history).flag_weeks() == (monday,)


def test_no_history_and_no_plan_give_no_weeks() -> None:
    """A new client has nothing to aggregate."""
    assert _progress(History()).weeks == ()


def test_the_streak_counts_full_weeks_that_met_the_plan() -> None:
    """Weeks in a row meeting the plan, back from the last full week; this week counts once met."""
    monday = date(2026, 3, 2)
    days = [0, 2, 7, 9, 14, 16, 21]  # weeks 1-3 meet a 2-day plan, week 4 has one so far
    history = History(
        tuple(_session(monday + timedelta(days=d), [("a", "", 30, 30)]) for d in days)
    )
    plans = (PlanPeriod(monday, 2),)
    today = monday + timedelta(days=22)
    progress = weekly_progress(history, plans, today=today, guidance=GUIDE)
    assert progress.streak(today) == 3
    assert progress.streak(today + timedelta(days=7)) == 0


def test_the_dose_is_the_mean_seconds_per_stretch_and_side_against_acsm(catalog: Catalog) -> None:
    """Weekly seconds per stretch and side, and the guidance of 60 s on 2 days from the catalog."""
    monday = date(2026, 3, 2)
    history = History((_session(monday, [("a", "", 30, 30), ("b", "", 30, 90)]),))
    assert _progress(history).dose()[0] == 60.0
    guide = dose_guidance(catalog)
    assert (guide.per_session_s, guide.days, guide.weekly_s) == (60, 2, 120)
    assert "ACSM" in guide.source


def test_the_sensation_trend_is_the_weekly_slope() -> None:
    """Sensation falling by one point a week gives a slope of -1; two rated weeks give none."""
    monday = date(2026, 3, 2)
    sessions = []
    for week, sensation in enumerate((6, 5, 4, 3)):
        start = datetime.combine(monday + timedelta(weeks=week), datetime.min.time(), UTC)
        hold = HoldRecord(start, HoldEntry("a", "", 1, 1, 30, 30, sensation))
        sessions.append(SessionRecord(start, holds=(hold,)))
    progress = _progress(History(tuple(sessions)))
    assert sensation_trend(progress, "a", "") == -1.0
    assert sensation_trend(_progress(History(tuple(sessions[:2]))), "a", "") is None


def test_iso_week_labels_follow_the_iso_calendar() -> None:
    """The Monday of 2026-12-28 is in ISO week 53 of 2026; 2027-01-04 starts week 1."""
    assert iso_week_label(date(2026, 12, 28)) == "2026-W53"
    assert iso_week_label(date(2027, 1, 4)) == "2027-W01"


@st.composite
def varied_histories(draw: st.DrawFn) -> History:
    """Sessions as `histories` gives them, each at home or in the studio, with any status
    and any of its holds flagged."""
    plain = draw(histories())
    sessions = []
    for s in plain.sessions:
        holds = tuple(
            HoldRecord(h.logged, replace(h.entry, flagged=draw(st.booleans()))) for h in s.holds
        )
        place = draw(st.sampled_from(PLACES))
        status = draw(st.sampled_from(SESSION_STATUSES))
        sessions.append(replace(s, place=place, status=status, holds=holds))
    return History(tuple(sessions))


plan_periods = st.lists(
    st.builds(PlanPeriod, st.dates(date(2025, 12, 1), date(2026, 11, 30)), st.integers(1, 7)),
    max_size=3,
)


@settings(max_examples=examples(80), deadline=None)
@given(varied_histories(), plan_periods)
def test_weeks_from_each_sessions_totals_are_the_weeks_from_its_holds(
    history: History, plans: list[PlanPeriod]
) -> None:
    """A progress summary read from each session's totals has the very weeks (sessions
    against the plan, holds, seconds, flags, home sessions) and plan start that reading
    every hold gives, and so the same summary line."""
    totals = [
        SessionTotals(
            s.started,
            s.place,
            s.status,
            len(s.holds),
            sum(h.entry.held_s for h in s.holds),
            any(h.entry.flagged for h in s.holds),
        )
        for s in history.sessions
    ]
    whole = _progress(history, tuple(plans))
    summed = weeks_from_totals(totals, plans, today=TODAY, guidance=GUIDE)
    assert summed.weeks == whole.weeks
    assert summed.plan_start == whole.plan_start
    assert summed.holds == ()
    assert progress_summary(summed, TODAY) == progress_summary(whole, TODAY)
