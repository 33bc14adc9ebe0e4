"""Demo history: believable months of sessions and field tests, the same for the same seed,
following the progression rules; the demo clients' stories in a store; the scale mode."""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from stretchkit.catalog import default_catalog
from stretchkit.cli.main import main
from stretchkit.clients import ClientDetails
from stretchkit.demo.people import demo_clients
from stretchkit.demo.scale import seed_scale_data
from stretchkit.demo.seeding import (
    DEMO_STORIES,
    SyntheticClient,
    add_synthetic_client,
    seed_demo_data,
)
from stretchkit.demo.synthetic_history import (
    DEMO_ZONE,
    DemoProfile,
    demo_calendar,
    demo_history,
    rescreen_days,
)
from stretchkit.errors import ValidationError
from stretchkit.planning.planner import fit_template, plan
from stretchkit.planning.prescription import Side
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import session_timeline
from stretchkit.progress.history import History, SessionRecord
from stretchkit.progress.outcomes import changes, field_test
from stretchkit.screening import expires_on, screen
from stretchkit.screening.intake import Clearance, Intake
from stretchkit.services.client_page import client_page
from stretchkit.services.todays_plan import todays_plan
from stretchkit.session.log import LoggedHold
from stretchkit.session.targets import STEP_S, next_targets, results_by_stretch
from stretchkit.store import Store
from tests.hypothesis_profiles import examples

CATALOG = default_catalog()
START, END = date(2025, 1, 6), date(2026, 1, 5)
TODAY = date(2026, 11, 1)
seeds = st.integers(0, 2**31 - 1)
few = settings(max_examples=examples(8), deadline=None)
Key = tuple[str, Side]


def _routine(days_per_week: int = 3) -> Routine:
    """A routine with room to progress: reduced flexibility allows holds up to 60 s."""
    result = screen(Intake(date(2025, 1, 2), 40, reduced_flexibility=True), CATALOG)
    return plan(result, CATALOG, goals=("posture",), budget_min=20, days_per_week=days_per_week)


ROUTINE = _routine()
BOUNDS = {
    (item.stretch_id, t.side): item.prescription.bounds
    for item in ROUTINE.items
    for t in item.prescription.targets
}


def _history(seed: int, profile: DemoProfile | None = None, end: date = END) -> History:
    return demo_history(
        ROUTINE, start=START, end=end, rng_seed=seed, profile=profile or DemoProfile()
    )


def _targets(session: SessionRecord) -> dict[Key, int]:
    return {(h.entry.stretch_id, h.entry.side): h.entry.target_s for h in session.holds}


def _month_mean(history: History, first: date, last: date) -> float:
    return statistics.mean(
        h.entry.target_s for s in history.sessions if first <= s.day < last for h in s.holds
    )


def test_the_same_seed_gives_the_same_history_and_another_seed_another() -> None:
    """The generator is deterministic for a seed and driven by it."""
    assert _history(7) == _history(7)
    assert _history(7) != _history(8)
    assert len(_history(7).sessions) > 100


@few
@given(seeds)
def test_a_year_has_weeks_off_and_no_session_falls_in_them(seed: int) -> None:
    """Weeks off hold no session at all (a gap, not empty sessions); every session logs holds;
    sessions are the calendar's days, one a day, oldest first."""
    calendar = demo_calendar(3, start=START, end=END, rng_seed=seed, profile=DemoProfile())
    history = _history(seed)
    days = [s.day for s in history.sessions]
    assert calendar.breaks
    assert days == list(calendar.days) == sorted(set(days))
    assert all(d - timedelta(days=d.weekday()) not in calendar.breaks for d in days)
    assert all(s.holds for s in history.sessions)
    assert all(START <= d < END for d in days)


@few
@given(seeds)
def test_targets_stay_in_the_safe_range_and_holds_never_pass_its_top(seed: int) -> None:
    """Every target lies within the client's safe range; no hold lasts beyond its top."""
    history = _history(seed, DemoProfile(noise=2.0, pain_days_before_end=90))
    for session in history.sessions:
        for hold in session.holds:
            bounds = BOUNDS[hold.entry.stretch_id, hold.entry.side]
            assert bounds.min_s <= hold.entry.target_s <= bounds.max_s
            assert hold.entry.held_s <= bounds.max_s


@few
@given(seeds)
def test_a_steady_client_s_targets_rise_over_the_months(seed: int) -> None:
    """A client who comes as planned holds longer in their last month than in their first."""
    history = _history(seed, DemoProfile(adherence=0.95))
    first_day, last_day = history.sessions[0].day, history.sessions[-1].day
    first = _month_mean(history, first_day, first_day + timedelta(days=30))
    last = _month_mean(history, last_day - timedelta(days=29), last_day + timedelta(days=1))
    assert first < last


def _logged(session_id: int, session: SessionRecord) -> list[LoggedHold]:
    """A session's holds as the store hands them to progression."""
    return [
        LoggedHold(session_id * 1000 + n, session_id, hold.logged, hold.entry)
        for n, hold in enumerate(session.holds)
    ]


@few
@given(seeds)
def test_each_session_aims_at_the_targets_progression_suggests_from_the_holds_before_it(
    seed: int,
) -> None:
    """Every session's targets are those `next_targets` suggests from the demo's own logged
    holds before it, the sessions after the pain flag included: only the flagged stretch
    comes down, and targets move up and down over the months."""
    history = _history(seed, DemoProfile(noise=1.5, pain_days_before_end=120))
    assert sum(s.flagged for s in history.sessions) == 1
    logged: list[LoggedHold] = []
    moves: set[str] = set()
    for n, session in enumerate(history.sessions):
        suggestions = next_targets(ROUTINE, results_by_stretch(logged))
        suggested = {(s.stretch_id, s.side): s.suggested_s for s in suggestions}
        assert _targets(session) == {key: suggested[key] for key in _targets(session)}
        moves.update(s.direction for s in suggestions)
        logged += _logged(n, session)
    assert {"up", "down"} <= moves


@few
@given(seeds)
def test_a_pain_episode_flags_one_session_and_brings_the_flagged_stretch_down(seed: int) -> None:
    """One session is flagged: it stops at a hold rated 8-9; the next comes 7+ days later
    with the flagged stretch's target on that side one step lower (never below the safe
    range) and no other target lower."""
    history = _history(seed, DemoProfile(pain_days_before_end=60))
    flagged = [n for n, s in enumerate(history.sessions) if s.flagged]
    assert len(flagged) == 1
    n = flagged[0]
    assume(n + 1 < len(history.sessions))  # weeks off may, rarely, fill the time left
    episode, after = history.sessions[n], history.sessions[n + 1]
    assert episode.status == "flagged"
    assert [h.entry.flagged for h in episode.holds] == [False] * (len(episode.holds) - 1) + [True]
    assert episode.holds[-1].entry.sensation in (8, 9)
    assert (after.day - episode.day).days >= 7
    before, later = _targets(episode), _targets(after)
    hurt = (episode.holds[-1].entry.stretch_id, episode.holds[-1].entry.side)
    assume(hurt in later)  # a stopped session after the flag may end before that stretch
    assert later[hurt] == max(before[hurt] - STEP_S, BOUNDS[hurt].min_s)
    others = (before.keys() & later.keys()) - {hurt}
    assert all(later[key] >= before[key] for key in others)


@few
@given(seeds, st.floats(0.0, 2.0))
def test_field_tests_come_every_four_weeks_within_each_test_s_range(seed: int, gain: float) -> None:
    """Each occasion measures sit-and-reach and rotation left and right, on a session day,
    about four weeks apart, each value within its test's plausible range."""
    history = _history(seed, DemoProfile(gain=gain))
    days = sorted({m.measured_on for m in history.measurements})
    session_days = {s.day for s in history.sessions}
    assert len(history.measurements) == 3 * len(days) >= 9
    assert set(days) <= session_days
    assert all((b - a).days >= 26 for a, b in itertools.pairwise(days))
    for m in history.measurements:
        test = field_test(m.test_id)
        assert test.low <= m.value <= test.high


def test_holds_are_logged_in_timer_order_at_rising_whole_second_times() -> None:
    """A completed session logs every hold in the timeline's order (sides alternating per
    repetition), each later than the one before, in whole seconds at the fixed offset."""
    history = _history(3)
    timeline = session_timeline(ROUTINE.planned(), CATALOG, ROUTINE.warm_up_min)
    order = [(p.stretch_id, p.side, p.rep) for p in timeline.holds()]
    completed = [s for s in history.sessions if s.status == "completed"]
    assert completed
    for session in history.sessions:
        logged = [h.logged for h in session.holds]
        assert all(a < b for a, b in itertools.pairwise(logged))
        assert all(t.microsecond == 0 and t.utcoffset() == DEMO_ZONE.utcoffset(t) for t in logged)
        assert session.ended is not None and session.ended > logged[-1]
        done = [(h.entry.stretch_id, h.entry.side, h.entry.rep) for h in session.holds]
        assert done == order[: len(done)]
    assert all(len(s.holds) == len(order) for s in completed)


def test_stopped_sessions_are_shorter_and_some_sessions_are_at_home() -> None:
    """A stopped session has fewer holds than a full one; some sessions run at home."""
    history = _history(5, DemoProfile(stop_share=0.2, home_share=0.3))
    full = max(len(s.holds) for s in history.sessions)
    stopped = [s for s in history.sessions if s.status == "stopped"]
    assert stopped and all(len(s.holds) < full for s in stopped)
    assert {s.place for s in history.sessions} == {"studio", "home"}


def test_a_lapsed_client_stops_coming_and_a_slipping_one_comes_less() -> None:
    """No session in the lapse; in the last weeks a slipping client keeps well under plan."""
    lapsed = _history(11, DemoProfile(lapsed_days=20))
    assert lapsed.sessions[-1].day < END - timedelta(days=20)
    slipping = _history(11, DemoProfile(adherence=0.95, late_adherence=0.1))
    late = [s for s in slipping.sessions if s.day >= END - timedelta(weeks=5)]
    assert len(late) < 3 * 5 / 2


def test_a_re_screen_follows_a_pain_flag_and_comes_before_a_screening_ends() -> None:
    """Screened again at the first session after the flag, and otherwise in the three weeks
    before the latest screening would run out: never a day without a valid screening."""
    history = _history(4, DemoProfile(pain_days_before_end=200), end=date(2027, 3, 1))
    flagged = next(n for n, s in enumerate(history.sessions) if s.flagged)
    after_flag = history.sessions[flagged + 1].day
    days = rescreen_days(history, START)
    assert after_flag in days and len(days) >= 2
    assert set(days) <= {s.day for s in history.sessions}
    for before, day in itertools.pairwise((START, *days)):
        assert day < expires_on(before)
        assert day == after_flag or day >= expires_on(before) - timedelta(days=21)


def test_a_profile_refuses_impossible_settings() -> None:
    """An adherence above 1 is refused naming the field."""
    with pytest.raises(ValidationError) as e:
        DemoProfile(adherence=1.5)
    assert e.value.field == "adherence"


@pytest.fixture(scope="module")
def demo_store() -> Iterator[Store]:
    """A store seeded with the six demo clients up to a fixed day."""
    with Store.open(":memory:") as store:
        assert seed_demo_data(store, today=TODAY) == 6
        yield store


def _names(index: int) -> str:
    return demo_clients()[index].details.name


def _client_id(store: Store, index: int) -> int:
    return next(c.id for c in store.clients.all() if c.name == _names(index))


def test_seeding_twice_adds_nothing_the_second_time(demo_store: Store) -> None:
    """Clients are matched by name: a second run adds no client, session or measurement."""
    before = demo_store.overview.totals()
    assert seed_demo_data(demo_store, today=TODAY) == 0
    after = demo_store.overview.totals()
    assert (after.sessions, after.measurements) == (before.sessions, before.measurements)
    assert demo_store.clients.count() == 6


def test_the_pain_client_is_screened_again_after_the_episode_and_carries_on(
    demo_store: Store,
) -> None:
    """Exactly one demo client has a flagged session, months back; their latest screening
    comes after it and is current, so today's plan has their routine."""
    flagged = [
        s
        for c in demo_store.clients.all()
        for s in demo_store.sessions.of_client(c.id)
        if s.status == "flagged"
    ]
    assert len(flagged) == 1
    client_id, day = flagged[0].client_id, flagged[0].started.date()
    assert 60 <= (TODAY - day).days <= 150
    saved = demo_store.screenings.latest(client_id)
    assert saved is not None and saved.taken_on > day
    assert demo_store.screenings.validity_of(saved, TODAY).state == "current"
    assert todays_plan(demo_store, CATALOG, client_id, TODAY).routine is not None


def test_todays_targets_read_from_the_latest_sessions_match_the_whole_logs(
    demo_store: Store,
) -> None:
    """For every demo client with a plan today, the targets and reasons today's plan gives
    (reading the latest sessions first) are the ones the routine's whole log gives."""
    planned = 0
    for client in demo_store.clients.all():
        today = todays_plan(demo_store, CATALOG, client.id, TODAY)
        saved = demo_store.routines.current(client.id)
        if today.routine is None or today.screening is None or saved is None:
            continue
        fitted = fit_template(saved.routine, today.screening, CATALOG)
        whole = results_by_stretch(demo_store.sessions.client_holds(client.id, saved.id))
        assert today.suggestions == next_targets(fitted, whole)
        planned += 1
    assert planned >= 4


def test_a_pages_progress_summary_without_each_hold_says_what_the_whole_progress_says(
    demo_store: Store,
) -> None:
    """The first view reads each session's totals, not each hold: its progress line and
    weeks are the live page's, for every demo client, on a Monday and mid-week."""
    for today in (TODAY, TODAY + timedelta(days=3)):
        for client in demo_store.clients.all():
            whole = client_page(demo_store, CATALOG, client.id, today)
            summed = client_page(demo_store, CATALOG, client.id, today, detailed=False)
            assert summed.progress.summary == whole.progress.summary
            assert summed.progress.progress.weeks == whole.progress.progress.weeks
            assert not summed.progress.detailed and whole.progress.detailed
            assert (summed.plan, summed.status, summed.next) == (
                whole.plan,
                whole.status,
                whole.next,
            )


def test_the_demo_clients_give_the_trainer_something_to_attend_to(demo_store: Store) -> None:
    """One client lapsed 10+ days ago, one came well under plan lately, one waits for
    clearance with no routine and no sessions; every session runs the current routine."""
    last_days = {}
    for client in demo_store.clients.all():
        history = demo_store.history.of_client(client.id)
        current = demo_store.routines.current(client.id)
        ids = {s.routine_id for s in demo_store.sessions.of_client(client.id)}
        assert ids <= ({current.id} if current else set())
        last_days[client.name] = history.sessions[-1].day if history.sessions else None
    assert (TODAY - (last_days[_names(2)] or TODAY)).days >= 10
    slipping = demo_store.history.of_client(_client_id(demo_store, 0), TODAY - timedelta(weeks=5))
    assert len(slipping.sessions) < 3 * 5 / 2
    waiting = _client_id(demo_store, 4)
    saved = demo_store.screenings.latest(waiting)
    assert saved is not None and saved.status == "needs-clearance"
    assert last_days[_names(4)] is None and demo_store.routines.current(waiting) is None


def test_some_demo_clients_improve_beyond_measurement_error_and_one_does_not(
    demo_store: Store,
) -> None:
    """Two clients improve beyond the MDC on every test; the steady one with no real gain
    stays within measurement error on every test."""
    verdicts = {}
    for index in range(6):
        history = demo_store.history.of_client(_client_id(demo_store, index))
        verdicts[index] = {c.verdict for c in changes(history.measurements)}
    assert DEMO_STORIES[1].profile.gain == 0
    assert verdicts[1] == {"within measurement error"}
    assert verdicts[3] == verdicts[5] == {"improved"}


def test_a_small_scale_run_stores_what_it_reports_in_a_sound_file(tmp_path: Path) -> None:
    """Five clients over three months: the summary matches the store, the file passes
    SQLite's integrity check, and a second run adds nobody."""
    with Store.open(tmp_path / "scale.db") as store:
        summary = seed_scale_data(store, clients=5, years=0.25, today=TODAY, seed=1)
        totals = store.overview.totals()
        counts = (totals.clients, totals.sessions, totals.holds, totals.measurements)
        assert counts == (5, summary.sessions, summary.holds, summary.measurements)
        assert summary.clients == 5 and summary.sessions > 5 * 10
        # raw SQL: SQLite's own checks of the file
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert seed_scale_data(store, clients=5, years=0.25, today=TODAY, seed=1).clients == 0


@pytest.mark.slow  # two years of 40 clients; the small scale runs above stay in the fast lane
def test_scale_clients_vary_enough_for_the_trainer_s_lists(tmp_path: Path) -> None:
    """Over two years some clients have lapsed, some let their screening expire, some wait
    for a re-screen after a recent pain flag, most are current."""
    with Store.open(tmp_path / "scale.db") as store:
        seed_scale_data(store, clients=40, years=2, today=TODAY)
        states: dict[str, int] = defaultdict(int)
        lapsed = 0
        for client in store.clients.all():
            saved = store.screenings.latest(client.id)
            assert saved is not None and client.details.contact.endswith("@example.org")
            states[store.screenings.validity_of(saved, TODAY).state] += 1
            history = store.history.of_client(client.id, TODAY - timedelta(days=10))
            lapsed += not history.sessions
    assert states["current"] > 30 and states["expired"] and states["health-changed"]
    assert lapsed >= 2


def test_the_demo_command_at_scale_prints_progress_and_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`stretchkit demo --scale 3 --years 0.1` adds three clients and says what it added."""
    db = tmp_path / "cli.db"
    assert main(["demo", "--scale", "3", "--years", "0.1", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "3/3 clients" in out
    assert f"Added to {db}: 3 clients, " in out
    assert main(["demo", "--scale", "0", "--db", str(db)]) == 1
    assert "clients" in capsys.readouterr().err


def test_an_empty_routine_gives_an_empty_history() -> None:
    """Nothing planned, nothing logged."""
    empty = replace(ROUTINE, items=())
    assert demo_history(empty, start=START, end=END, rng_seed=1, profile=DemoProfile()) == History()


def test_a_client_relying_on_a_clearance_has_it_renewed_at_each_re_screen(
    memory_store: Store,
) -> None:
    """A PAR-Q+ 'yes' cleared by a GP, followed for two years: each re-screen comes with a
    clearance of its own day, so the screening never ends with the first clearance."""
    joined = datetime(2024, 10, 1, 9, tzinfo=UTC)
    clearance = Clearance(joined.date(), ("par-q",), "Demo GP")
    client = SyntheticClient(
        details=ClientDetails("Demo Cleared"),
        joined=joined,
        intake=Intake(joined.date(), 50, parq=(True, *(False,) * 6), clearance=clearance),
        profile=DemoProfile(),
        until=TODAY,
        seed=3,
        goals=("posture",),
    )
    add_synthetic_client(memory_store, CATALOG, client)
    (saved_id,) = [c.id for c in memory_store.clients.all()]
    history = memory_store.screenings.history(saved_id)
    assert len(history) >= 2
    for saved in history:
        assert saved.intake.clearance is not None
        assert saved.intake.clearance.issued_on == saved.taken_on
    assert memory_store.screenings.validity_of(history[0], TODAY).state == "current"
