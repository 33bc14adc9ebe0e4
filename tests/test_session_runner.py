"""The session runner on a hand-driven clock: deadlines chained, pauses, skips, stops."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import default_catalog
from stretchkit.errors import ValidationError
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import Phase, PhaseKind, Timeline, session_timeline
from stretchkit.session.runner import Event, Finished, HoldEnded, PhaseStarted, SessionRunner
from tests.hypothesis_profiles import examples
from tests.strategies import routines


def phase(kind: PhaseKind, seconds: int, stretch_id: str = "") -> Phase:
    return Phase(kind, seconds, kind, "", stretch_id=stretch_id)


TIMELINE = Timeline(
    (
        phase("warm-up", 60),  # 0: 0-60
        phase("get-ready", 10, "a"),  # 1: 60-70
        phase("hold", 20, "a"),  # 2: 70-90
        phase("release", 5, "a"),  # 3: 90-95
        phase("switch-side", 10, "a"),  # 4: 95-105
        phase("hold", 20, "a"),  # 5: 105-125
        phase("release", 5, "a"),  # 6: 125-130
        phase("get-ready", 10, "b"),  # 7: 130-140
        phase("hold", 30, "b"),  # 8: 140-170
        phase("release", 5, "b"),  # 9: 170-175
    )
)
TOTAL = 175


class Clock:
    """Time by hand: `now` is what the runner's clock (a lambda) returns."""

    def __init__(self) -> None:
        self.now = 0.0

    def at(self, seconds: float) -> Clock:
        self.now = seconds
        return self


def runner(timeline: Timeline = TIMELINE) -> tuple[SessionRunner, Clock]:
    clock = Clock()
    return SessionRunner(timeline, lambda: clock.now), clock


def started(events: list[Event]) -> list[int]:
    return [e.index for e in events if isinstance(e, PhaseStarted)]


def holds_ended(events: list[Event]) -> list[HoldEnded]:
    return [e for e in events if isinstance(e, HoldEnded)]


# --- starting and ticking -------------------------------------------------------------------------


def test_a_runner_is_ready_before_it_starts() -> None:
    """Ready: the first phase, its whole duration left, nothing elapsed."""
    run, _ = runner()
    assert run.state == "ready"
    assert (run.index, run.remaining(), run.elapsed()) == (0, 60.0, 0.0)
    assert run.tick() == []


def test_an_empty_timeline_cannot_be_run() -> None:
    """A session needs at least one phase."""
    with pytest.raises(ValidationError):
        SessionRunner(Timeline(()))


def test_start_begins_the_first_phase_once() -> None:
    """start() reports the first phase; a second start() does nothing."""
    run, _ = runner()
    assert run.start() == [PhaseStarted(0, TIMELINE.phases[0])]
    assert run.state == "running"
    assert run.start() == []


def test_a_tick_before_the_deadline_changes_nothing() -> None:
    """The countdown runs; no event until the deadline."""
    run, clock = runner()
    run.start()
    clock.at(59.5)
    assert run.tick() == []
    assert run.remaining() == pytest.approx(0.5)
    assert run.elapsed() == pytest.approx(59.5)


def test_a_tick_at_the_deadline_starts_the_next_phase() -> None:
    """At exactly 60 s the warm-up ends and the get-ready begins."""
    run, clock = runner()
    run.start()
    clock.at(60)
    assert run.tick() == [PhaseStarted(1, TIMELINE.phases[1])]
    assert run.remaining() == 10


def test_a_hold_that_runs_its_course_reports_its_full_duration() -> None:
    """On time: held for the whole hold, not early, and how late the tick noticed."""
    run, clock = runner()
    run.start()
    clock.at(70)
    run.tick()
    clock.at(90.25)
    events = run.tick()
    assert holds_ended(events) == [HoldEnded(2, TIMELINE.phases[2], 20, False, 0.25)]
    assert started(events) == [3]


def test_a_late_tick_ends_every_phase_whose_deadline_passed() -> None:
    """One tick at 100 s ends warm-up, get-ready, the hold and the release, in order."""
    run, clock = runner()
    run.start()
    clock.at(100)
    events = run.tick()
    assert started(events) == [1, 2, 3, 4]
    assert holds_ended(events) == [HoldEnded(2, TIMELINE.phases[2], 20, False, 10.0)]
    assert run.index == 4
    assert run.remaining() == pytest.approx(5)


def test_a_late_tick_does_not_lengthen_the_session() -> None:
    """Deadlines are chained: after a tick 10 s late the session still ends at 175 s."""
    run, clock = runner()
    run.start()
    clock.at(100)
    run.tick()
    clock.at(TOTAL - 0.001)
    assert not any(isinstance(e, Finished) for e in run.tick())
    clock.at(TOTAL)
    assert run.tick()[-1] == Finished(stopped=False)
    assert run.state == "finished"


def test_one_very_late_tick_runs_the_whole_session_to_its_end() -> None:
    """A tick long after the end reports every phase, every hold in full, then Finished."""
    run, clock = runner()
    run.start()
    clock.at(10_000)
    events = run.tick()
    assert started(events) == list(range(1, len(TIMELINE.phases)))
    assert [(e.index, e.held_s) for e in holds_ended(events)] == [(2, 20), (5, 20), (8, 30)]
    assert events[-1] == Finished(stopped=False)
    assert run.elapsed() == TOTAL
    assert run.remaining() == 0
    assert run.phase == TIMELINE.phases[-1]
    assert run.tick() == []


# --- pausing --------------------------------------------------------------------------------------


def test_a_pause_freezes_the_countdown() -> None:
    """While paused, time passes but the remaining seconds and elapsed stay; no tick fires."""
    run, clock = runner()
    run.start()
    clock.at(50)
    run.pause()
    assert run.state == "paused"
    clock.at(500)
    assert run.tick() == []
    assert (run.remaining(), run.elapsed()) == (10.0, 50.0)


def test_resuming_continues_where_the_pause_left_off() -> None:
    """Paused 50-500 s: the warm-up ends at 510 s and the session at 625 s."""
    run, clock = runner()
    run.start()
    clock.at(50)
    run.pause()
    clock.at(500)
    run.resume()
    assert run.state == "running"
    clock.at(509.9)
    assert run.tick() == []
    clock.at(510)
    assert started(run.tick()) == [1]
    clock.at(TOTAL + 450 - 0.1)
    run.tick()
    assert run.state == "running"
    clock.at(TOTAL + 450)
    assert run.tick()[-1] == Finished(stopped=False)


def test_pause_and_resume_only_act_in_their_state() -> None:
    """Pausing before start, resuming while running: nothing happens."""
    run, clock = runner()
    assert run.pause() == []
    assert run.state == "ready"
    run.start()
    clock.at(10)
    run.resume()
    assert run.remaining() == 50


# --- skipping and stopping ------------------------------------------------------------------------


def test_skipping_a_hold_reports_the_seconds_actually_held() -> None:
    """Skipped 12.6 s into a 20 s hold: 13 s held, early; the release starts now, in full."""
    run, clock = runner()
    run.start()
    clock.at(70)
    run.tick()
    clock.at(82.6)
    events = run.skip()
    assert holds_ended(events) == [HoldEnded(2, TIMELINE.phases[2], 13, True, 0.0)]
    assert started(events) == [3]
    assert run.remaining() == 5
    assert run.elapsed() == 90


def test_skipping_a_paused_hold_counts_the_time_before_the_pause() -> None:
    """Paused 8 s into a hold, skipped later: 8 s held, and the runner runs again."""
    run, clock = runner()
    run.start()
    clock.at(70)
    run.tick()
    clock.at(78)
    run.pause()
    clock.at(300)
    events = run.skip()
    assert holds_ended(events)[0].held_s == 8
    assert run.state == "running"
    assert run.remaining() == 5


def test_skipping_another_phase_reports_no_hold() -> None:
    """Skipping the warm-up only starts the get-ready."""
    run, clock = runner()
    run.start()
    clock.at(5)
    assert run.skip() == [PhaseStarted(1, TIMELINE.phases[1])]
    clock.at(15)
    assert started(run.tick()) == [2]


def test_skip_stretch_goes_to_the_next_stretch() -> None:
    """From stretch a's first hold to stretch b's get-ready, ending the hold early."""
    run, clock = runner()
    run.start()
    clock.at(75)
    run.tick()
    events = run.skip_stretch()
    assert holds_ended(events)[0].held_s == 5
    assert started(events) == [7]
    assert run.elapsed() == 130


def test_skip_stretch_in_the_warm_up_goes_to_the_first_stretch() -> None:
    """The warm-up belongs to no stretch: skipping it starts the first stretch."""
    run, _ = runner()
    run.start()
    assert started(run.skip_stretch()) == [1]


def test_skip_stretch_on_the_last_stretch_finishes_the_session() -> None:
    """No stretch left: the session is finished, not stopped."""
    run, clock = runner()
    run.start()
    clock.at(145)
    run.tick()
    events = run.skip_stretch()
    assert holds_ended(events)[0].held_s == 5
    assert events[-1] == Finished(stopped=False)
    assert run.state == "finished"


def test_skipping_the_last_phase_finishes_the_session() -> None:
    """skip() past the end gives Finished(stopped=False)."""
    run, clock = runner()
    run.start()
    clock.at(172)
    run.tick()
    assert run.skip() == [Finished(stopped=False)]
    assert run.elapsed() == TOTAL


def test_stopping_ends_the_hold_early_and_the_session() -> None:
    """Stop 7 s into a hold: 7 s held, then Finished(stopped=True); nothing works afterwards."""
    run, clock = runner()
    run.start()
    clock.at(77)
    run.tick()
    events = run.stop()
    assert holds_ended(events) == [HoldEnded(2, TIMELINE.phases[2], 7, True, 0.0)]
    assert events[-1] == Finished(stopped=True)
    assert run.state == "stopped"
    clock.at(1000)
    for action in (run.tick, run.skip, run.skip_stretch, run.stop, run.pause, run.resume):
        assert action() == []
    assert run.state == "stopped"


def test_after_a_stop_elapsed_is_what_was_done_not_the_whole_session() -> None:
    """Stopped 77 s in: 77 s of the session were done."""
    run, clock = runner()
    run.start()
    clock.at(77)
    run.tick()
    run.stop()
    clock.at(1000)
    assert run.elapsed() == 77
    assert run.remaining() == 0


def test_nothing_happens_before_start() -> None:
    """skip, skip_stretch and stop do nothing to a runner that is ready."""
    run, _ = runner()
    for action in (run.skip, run.skip_stretch, run.stop):
        assert action() == []
    assert run.state == "ready"


def test_zero_second_phases_pass_at_once() -> None:
    """A 0 s rest ends at the same tick it starts; a 0 s hold reports 0 s held."""
    timeline = Timeline((phase("hold", 0, "a"), phase("rest", 0, "a"), phase("hold", 3, "a")))
    run, clock = runner(timeline)
    assert started(run.start()) == [0]
    events = run.tick()
    assert started(events) == [1, 2]
    assert holds_ended(events)[0].held_s == 0
    clock.at(3)
    assert run.tick()[-1] == Finished(stopped=False)


# --- properties -----------------------------------------------------------------------------------

CATALOG = default_catalog()


def timeline_of(routine: Routine) -> Timeline:
    return session_timeline(routine.planned(), CATALOG, routine.warm_up_min)


@settings(max_examples=examples(200), deadline=None)
@given(
    routine=routines(min_items=1, max_items=4),
    steps=st.lists(st.floats(0.5, 200, allow_nan=False), min_size=1, max_size=20),
)
def test_ticking_at_random_times_runs_the_timeline_exactly(
    routine: Routine, steps: list[float]
) -> None:
    """Any tick times: phases in order, full holds, chained deadlines, exact total at the end."""
    timeline = timeline_of(routine)
    run, clock = runner(timeline)
    events = run.start()
    starts = timeline.starts()
    last_elapsed = 0.0
    n = 0
    while run.state == "running":
        clock.at(clock.now + steps[n % len(steps)])
        n += 1
        new = run.tick()
        for e in holds_ended(new):
            assert e.held_s == e.phase.duration_s
            assert not e.early
            assert e.late_s == pytest.approx(clock.now - starts[e.index] - e.phase.duration_s)
            assert e.late_s >= 0
        events += new
        assert last_elapsed <= run.elapsed() <= timeline.total_s
        last_elapsed = run.elapsed()
    assert started(events) == list(range(len(timeline.phases)))
    assert len(holds_ended(events)) == len(timeline.holds())
    assert events[-1] == Finished(stopped=False)
    assert sum(isinstance(e, Finished) for e in events) == 1
    assert clock.now >= timeline.total_s
    assert clock.now - steps[(n - 1) % len(steps)] < timeline.total_s
    assert run.elapsed() == timeline.total_s


Action = tuple[str, float]
actions = st.lists(
    st.tuples(
        st.sampled_from(["wait", "wait", "wait", "pause", "resume", "skip", "skip_stretch"]),
        st.floats(0.01, 60, allow_nan=False),
    ),
    max_size=40,
)


@settings(max_examples=examples(200), deadline=None)
@given(routine=routines(min_items=1, max_items=3), script=actions)
def test_any_mix_of_pauses_and_skips_keeps_holds_and_elapsed_sound(
    routine: Routine, script: list[Action]
) -> None:
    """Any pauses and skips: held <= hold, elapsed monotonic, pauses add time, total at end."""
    timeline = timeline_of(routine)
    run, clock = runner(timeline)
    run.start()
    paused_for, paused_at = 0.0, 0.0
    skipped = False
    last_elapsed = 0.0
    act: dict[str, Callable[[], list[Event]]] = {
        "pause": run.pause,
        "resume": run.resume,
        "skip": run.skip,
        "skip_stretch": run.skip_stretch,
    }
    for name, seconds in [*script, ("resume", 0.0)]:
        if run.state in ("finished", "stopped"):
            break
        if name == "wait":
            clock.at(clock.now + seconds)
            events = run.tick()
        else:
            was = run.state
            events = act[name]()
            if name == "pause" and was == "running":
                paused_at = clock.now
            if name == "resume" and was == "paused":
                paused_for += clock.now - paused_at
            skipped = skipped or (name.startswith("skip") and was in ("running", "paused"))
        for e in holds_ended(events):
            assert 0 <= e.held_s <= e.phase.duration_s
            if not e.early:
                assert e.held_s == e.phase.duration_s
        assert last_elapsed - 1e-9 <= run.elapsed() <= timeline.total_s
        last_elapsed = run.elapsed()
    assert run.state in ("running", "finished")
    if run.state == "running" and not skipped:
        later = sum(p.duration_s for p in timeline.phases[run.index + 1 :])
        ends_at = clock.now + run.remaining() + later
        assert ends_at == pytest.approx(timeline.total_s + paused_for)
    clock.at(clock.now + timeline.total_s + 1)
    run.tick()
    assert run.state == "finished"
    assert run.elapsed() == timeline.total_s
