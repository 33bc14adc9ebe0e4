"""Progression: the next hold target from the log: up slowly, down after pain, always in range."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import HoldRange, RepRange, default_catalog
from stretchkit.catalog.model import MAX_HOLD_S
from stretchkit.planning.planner import fit_template, plan
from stretchkit.planning.prescription import Prescription, Side, Target
from stretchkit.planning.routine import Routine, RoutineItem
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.session.log import HoldEntry, LoggedHold
from stretchkit.session.targets import (
    MIN_DAYS_APART,
    SESSIONS_TO_PROGRESS,
    STEP_S,
    TOLERABLE,
    TOO_INTENSE,
    SessionResult,
    Suggestion,
    apply_suggestions,
    counted_days,
    decided_since,
    next_targets,
    results_by_stretch,
    suggest,
)
from tests.hypothesis_profiles import examples
from tests.strategies import hold_ranges

FLEXION = "seated-thoracic-flexion"
ROTATION = "seated-thoracic-rotation"
BOUNDS = HoldRange(20, 30)
DAY = date(2024, 5, 6)


def result(
    target: int = 20,
    held: int | None = None,
    sensation: int | None = 4,
    flagged: bool = False,
    reps: int = 2,
    day: int = 0,
    session_id: int = 1,
) -> SessionResult:
    """A session where every repetition aimed at `target` and was held `held` seconds."""
    holds = tuple(
        HoldEntry(
            FLEXION,
            "",
            rep,
            reps,
            target,
            target if held is None else held,
            sensation,
            flagged and rep == reps,
        )
        for rep in range(1, reps + 1)
    )
    return SessionResult(session_id, DAY + timedelta(days=day), holds)


def good(target: int = 20, n: int = 2, apart: int = MIN_DAYS_APART) -> list[SessionResult]:
    """`n` good sessions at `target`, `apart` days from one another."""
    return [result(target, day=k * apart, session_id=k + 1) for k in range(n)]


def next_of(history: list[SessionResult], planned: int = 20, bounds: HoldRange = BOUNDS) -> int:
    return suggest(FLEXION, "", planned, bounds, history).suggested_s


# --- session results ------------------------------------------------------------------------------


def test_a_session_result_sums_up_its_holds() -> None:
    """Target is the highest aimed at, worst the highest sensation, flagged if any hold was."""
    holds = (
        HoldEntry(FLEXION, "", 1, 3, 20, 20, 3),
        HoldEntry(FLEXION, "", 2, 3, 25, 25, 6),
        HoldEntry(FLEXION, "", 3, 3, 25, 10, None, flagged=True),
    )
    outcome = SessionResult(1, DAY, holds)
    assert (outcome.target_s, outcome.worst, outcome.flagged) == (25, 6, True)
    assert not outcome.rated
    assert not outcome.completed


def test_a_session_is_completed_when_every_planned_rep_reached_its_target() -> None:
    """All planned reps held to target (a second short counts) and no flag."""
    assert result(20, held=19).completed
    assert not result(20, held=18).completed
    assert not result(20, flagged=True).completed
    short = SessionResult(1, DAY, (HoldEntry(FLEXION, "", 1, 3, 20, 20, 2),))
    assert not short.completed


def test_a_session_without_ratings_has_no_worst_sensation() -> None:
    """worst is None when no hold was rated."""
    assert result(sensation=None).worst is None
    assert not result(sensation=None).rated


# --- single suggestions ---------------------------------------------------------------------------


def test_with_no_history_the_planned_target_is_kept() -> None:
    """The first session uses the routine's target."""
    first = suggest(FLEXION, "", 25, BOUNDS, [])
    assert (first.current_s, first.suggested_s, first.direction) == (25, 25, "keep")
    assert first.reason == "First session with this routine."


def test_one_good_session_is_not_enough_to_go_up() -> None:
    """Two completed sessions at the target are needed; one says so."""
    s = suggest(FLEXION, "", 20, BOUNDS, good(n=1))
    assert s.direction == "keep"
    assert s.reason == (
        "Keep 20 s: 1 of 2 sessions on different days at least 2 days apart (stretchkit's own "
        "default) completed at 20 s so far."
    )


def test_two_good_sessions_move_the_target_up_one_step() -> None:
    """Completed, rated, sensation at most 6: up by 5 s, with the evidence in words."""
    s = suggest(FLEXION, "", 20, BOUNDS, good())
    assert (s.suggested_s, s.direction) == (20 + STEP_S, "up")
    assert s.reason == (
        "Up to 25 s: completed at 20 s in 2 sessions on different days at least 2 days apart "
        "(stretchkit's own default), sensation 4/10 at most."
    )


def test_the_latest_sessions_target_is_the_current_one() -> None:
    """The history's latest target, not the routine's, is where progression starts."""
    s = suggest(FLEXION, "", 20, BOUNDS, good(25))
    assert (s.current_s, s.suggested_s) == (25, 30)


def test_the_top_of_the_safe_range_is_never_passed() -> None:
    """At 30 s of 20-30 s, good sessions keep 30 s and say why."""
    s = suggest(FLEXION, "", 30, BOUNDS, good(30))
    assert s.suggested_s == 30
    assert "already at the top of the safe range (20-30 s)" in s.reason


def test_a_step_up_stops_at_the_top_of_the_range() -> None:
    """28 s goes up to 30 s, not 33 s."""
    assert next_of(good(28)) == 30


def test_sessions_at_an_earlier_target_do_not_count() -> None:
    """Two good sessions at 20 then one at 25: only one session at 25, so 25 is kept."""
    history = [*good(20), result(25, day=5, session_id=9)]
    s = suggest(FLEXION, "", 20, BOUNDS, history)
    assert s.suggested_s == 25
    assert "1 of 2 sessions on different days" in s.reason and "completed at 25 s" in s.reason


def test_a_flag_brings_the_target_down_a_step() -> None:
    """Pain, numbness or tingling: back down 5 s, naming the day."""
    s = suggest(FLEXION, "", 25, BOUNDS, [*good(25), result(25, flagged=True, day=3)])
    assert (s.suggested_s, s.direction) == (20, "down")
    assert s.reason == ("Pain, numbness or tingling flagged on 9 May 2024: back down to 20 s.")


def test_a_flag_at_the_low_end_keeps_the_low_end() -> None:
    """At the minimum there is no lower step: kept, and the reason says so."""
    s = suggest(FLEXION, "", 20, BOUNDS, [result(20, flagged=True)])
    assert s.suggested_s == 20
    assert "already at the low end of the safe range (20-30 s)" in s.reason


def test_a_step_down_stops_at_the_low_end() -> None:
    """22 s comes down to 20 s, not 17 s."""
    assert next_of([result(22, flagged=True)]) == 20


@pytest.mark.parametrize(("sensation", "direction"), [(TOO_INTENSE, "down"), (10, "down")])
def test_too_intense_a_sensation_brings_the_target_down(sensation: int, direction: str) -> None:
    """8/10 or more: down, whatever came before."""
    history = [*good(25), result(25, sensation=sensation, day=3)]
    s = suggest(FLEXION, "", 25, BOUNDS, history)
    assert s.direction == direction
    assert f"Sensation {sensation}/10" in s.reason


def test_a_strong_but_not_too_intense_sensation_keeps_the_target() -> None:
    """7/10: above the tolerable 6, so no step up, but not a step down either."""
    s = suggest(FLEXION, "", 20, BOUNDS, [result(20, sensation=4), result(20, sensation=7, day=2)])
    assert s.direction == "keep"
    assert f"sensation reached 7/10; it should stay at {TOLERABLE}/10 or below" in s.reason


def test_an_unrated_session_keeps_the_target() -> None:
    """Without a sensation for every hold there is no evidence it was tolerable."""
    s = suggest(FLEXION, "", 20, BOUNDS, [result(20), result(20, sensation=None, day=2)])
    assert s.direction == "keep"
    assert "sensation not recorded for every hold" in s.reason


def test_an_incomplete_session_keeps_the_target() -> None:
    """A hold 2 s short means the session was not completed at target."""
    s = suggest(FLEXION, "", 20, BOUNDS, [result(20), result(20, held=18, day=2)])
    assert s.direction == "keep"
    assert "completed at target in 1 of the last 2 sessions" in s.reason


def test_an_earlier_flag_at_the_same_target_blocks_a_step_up() -> None:
    """Flagged, then one good session: of the last two, one was not completed."""
    history = [result(20, flagged=True), result(20, day=2)]
    assert suggest(FLEXION, "", 20, BOUNDS, history).direction == "keep"


@pytest.mark.parametrize(("current", "fitted"), [(15, 20), (45, 30)])
def test_a_target_outside_a_changed_safe_range_is_brought_within(current: int, fitted: int) -> None:
    """When the safe range changed (a new screening), the target moves to its nearest end."""
    s = suggest(FLEXION, "", 20, BOUNDS, good(current))
    assert (s.current_s, s.suggested_s) == (current, fitted)
    assert s.reason == f"Brought to {fitted} s: this client's safe range is now 20-30 s."


def test_the_direction_of_a_suggestion() -> None:
    """up, down or keep from the two values."""
    assert Suggestion(FLEXION, "", 20, 25, "").direction == "up"
    assert Suggestion(FLEXION, "", 25, 20, "").direction == "down"
    assert Suggestion(FLEXION, "", 20, 20, "").direction == "keep"


# --- the property ---------------------------------------------------------------------------------


@st.composite
def session_results(
    draw: st.DrawFn, bounds: HoldRange, previous: int | None, n: int, day: date = DAY
) -> SessionResult:
    """A session at the previous target (often) or any target in range, with random outcomes,
    on `day`."""
    targets = st.integers(bounds.min_s, bounds.max_s)
    target = draw(targets if previous is None else st.just(previous) | targets)
    reps = draw(st.integers(1, 3))
    holds = []
    for rep in range(1, reps + 1):
        held = draw(st.just(target) | st.integers(0, min(target + 5, MAX_HOLD_S)))
        sensation = draw(st.none() | st.integers(0, 10) | st.integers(0, TOLERABLE))
        flagged = draw(st.sampled_from([False, False, False, True]))
        holds.append(HoldEntry(FLEXION, "", rep, reps, target, held, sensation, flagged))
    return SessionResult(n, day, tuple(holds))


@st.composite
def histories(draw: st.DrawFn, bounds: HoldRange) -> list[SessionResult]:
    """Up to 6 sessions, oldest first, 0-3 days apart, every target within the bounds."""
    out: list[SessionResult] = []
    day = DAY
    for n in range(draw(st.integers(0, 6))):
        day += timedelta(days=draw(st.integers(0, 3)) if out else 0)
        out.append(draw(session_results(bounds, out[-1].target_s if out else None, n, day)))
    return out


def ready_to_go_up(history: list[SessionResult], current: int) -> bool:
    """The latest session and every one since the last session at least 2 days before it are
    all at the current target, completed, rated and tolerable (2 sessions to progress)."""
    assert SESSIONS_TO_PROGRESS == 2
    last_day = history[-1].day
    earlier = [n for n, r in enumerate(history) if (last_day - r.day).days >= MIN_DAYS_APART]
    if not earlier:
        return False
    recent = history[earlier[-1] :]
    return (
        all(r.target_s == current and r.completed and r.rated for r in recent)
        and max(r.worst or 0 for r in recent) <= TOLERABLE
    )


@settings(max_examples=examples(300), deadline=None)
@given(data=st.data(), bounds=hold_ranges(1, 120))
def test_progression_is_gradual_safe_and_stays_within_range(
    data: st.DataObject, bounds: HoldRange
) -> None:
    """In bounds, one step at most, never up after a flag or 8+/10, up after 2 good sessions."""
    history = data.draw(histories(bounds))
    planned = data.draw(st.integers(bounds.min_s, bounds.max_s))
    s = suggest(FLEXION, "", planned, bounds, history)
    current = history[-1].target_s if history else planned
    assert s.current_s == current
    assert bounds.min_s <= s.suggested_s <= bounds.max_s
    assert abs(s.suggested_s - current) <= STEP_S
    if not history:
        assert s.direction == "keep"
        return
    last = history[-1]
    if last.flagged or (last.worst is not None and last.worst >= TOO_INTENSE):
        assert s.suggested_s <= current
        assert s.suggested_s == max(current - STEP_S, bounds.min_s)
    elif ready_to_go_up(history, current):
        assert s.suggested_s == min(current + STEP_S, bounds.max_s)
    else:
        assert s.direction == "keep"


@settings(max_examples=examples(200), deadline=None)
@given(data=st.data(), bounds=hold_ranges(1, 120), count=st.integers(1, 12))
def test_any_number_of_sessions_on_one_day_never_raises_a_target(
    data: st.DataObject, bounds: HoldRange, count: int
) -> None:
    """However many sessions a client runs on one day, and however well they go, the target
    never goes up: progression counts days, not sessions."""
    history: list[SessionResult] = []
    for n in range(count):
        previous = history[-1].target_s if history else None
        history.append(data.draw(session_results(bounds, previous, n)))
    planned = data.draw(st.integers(bounds.min_s, bounds.max_s))
    assert suggest(FLEXION, "", planned, bounds, history).direction != "up"


def test_ten_good_home_sessions_on_one_afternoon_keep_the_target() -> None:
    """Ten completed sessions at 20 s on one day, sensation 4/10: still 20 s, and the reason
    says the sessions must be on different days (stretchkit's own default)."""
    history = [result(20, session_id=n + 1) for n in range(10)]
    s = suggest(FLEXION, "", 20, BOUNDS, history)
    assert (s.suggested_s, s.direction) == (20, "keep")
    assert "1 of 2 sessions on different days at least 2 days apart" in s.reason
    assert "(stretchkit's own default)" in s.reason


def test_good_sessions_on_two_days_in_a_row_are_one_day_of_evidence() -> None:
    """Monday and Tuesday count once; Monday and Wednesday count twice and go up."""
    assert next_of([result(20), result(20, day=1, session_id=2)]) == 20
    assert next_of([result(20), result(20, day=MIN_DAYS_APART, session_id=2)]) == 25


def test_a_bad_session_between_spaced_good_days_still_blocks_a_step_up() -> None:
    """An incomplete session the day after a good one is not skipped over by the day count."""
    history = [result(20), result(20, held=10, day=1, session_id=2), result(20, day=3)]
    s = suggest(FLEXION, "", 20, BOUNDS, history)
    assert s.direction == "keep"
    assert "completed at target in 1 of the last 2 sessions" in s.reason


def test_counted_days_start_from_the_latest_and_skip_days_too_close() -> None:
    """Latest first: each counted day is at least MIN_DAYS_APART before the one after it."""
    days = [DAY + timedelta(days=n) for n in (0, 1, 1, 3, 4)]
    assert counted_days(days) == (DAY + timedelta(days=4), DAY + timedelta(days=1))


@settings(max_examples=examples(200), deadline=None)
@given(data=st.data(), bounds=hold_ranges(1, 120), other=hold_ranges(1, 120))
def test_any_target_comes_back_within_a_changed_range(
    data: st.DataObject, bounds: HoldRange, other: HoldRange
) -> None:
    """Histories recorded under another safe range always give a suggestion in the new one."""
    history = data.draw(histories(other))
    s = suggest(FLEXION, "", other.min_s, bounds, history)
    assert bounds.min_s <= s.suggested_s <= bounds.max_s


# --- from the log to the routine ------------------------------------------------------------------


def logged(
    hold_id: int, session_id: int, day: datetime, stretch_id: str, side: Side, rep: int, held: int
) -> LoggedHold:
    entry = HoldEntry(stretch_id, side, rep, 2, 20, held, 3)
    return LoggedHold(hold_id, session_id, day, entry)


def test_results_are_grouped_per_session_stretch_and_side_oldest_first() -> None:
    """One result per session for each stretch and side, sorted by day, holds by time."""
    monday = datetime(2024, 5, 6, 9, 0)
    wednesday = datetime(2024, 5, 8, 9, 0)
    holds = [
        logged(5, 2, wednesday, ROTATION, "left", 1, 20),
        logged(1, 1, monday, ROTATION, "left", 1, 20),
        logged(2, 1, monday + timedelta(minutes=1), ROTATION, "right", 1, 20),
        logged(3, 1, monday + timedelta(minutes=2), ROTATION, "left", 2, 19),
        logged(4, 1, monday + timedelta(minutes=3), FLEXION, "", 1, 20),
    ]
    grouped = results_by_stretch(holds)
    assert set(grouped) == {(ROTATION, "left"), (ROTATION, "right"), (FLEXION, "")}
    left = grouped[(ROTATION, "left")]
    assert [(r.session_id, r.day) for r in left] == [(1, monday.date()), (2, wednesday.date())]
    assert [h.rep for h in left[0].holds] == [1, 2]
    assert [h.held_s for h in left[0].holds] == [20, 19]
    assert len(grouped[(FLEXION, "")]) == 1
    assert results_by_stretch([]) == {}


def rx(stretch_id: str, holds: tuple[int, ...]) -> Prescription:
    sides = ("left", "right") if len(holds) == 2 else ("",)
    targets = tuple(Target(s, h) for s, h in zip(sides, holds, strict=True))  # type: ignore[arg-type]
    return Prescription(stretch_id, targets, 2, RepRange(2, 3), BOUNDS)


def test_next_targets_suggest_for_every_stretch_and_side_in_order() -> None:
    """Flexion first, then the rotation's left and right, each from its own history."""
    routine = Routine((RoutineItem(rx(FLEXION, (20,))), RoutineItem(rx(ROTATION, (20, 25)))))
    results = {(FLEXION, ""): good(20), (ROTATION, "right"): [result(25, flagged=True)]}
    suggestions = next_targets(routine, results)
    assert [(s.stretch_id, s.side, s.suggested_s) for s in suggestions] == [
        (FLEXION, "", 25),
        (ROTATION, "left", 20),
        (ROTATION, "right", 20),
    ]


def test_applying_suggestions_sets_every_target() -> None:
    """The routine's holds become the suggested ones; nothing else changes."""
    routine = Routine((RoutineItem(rx(FLEXION, (20,))), RoutineItem(rx(ROTATION, (20, 25)))))
    results = {(FLEXION, ""): good(20), (ROTATION, "right"): [result(25, flagged=True)]}
    applied = apply_suggestions(routine, next_targets(routine, results))
    assert applied.item(FLEXION).prescription.hold_for("") == 25
    assert applied.item(ROTATION).prescription.targets == (
        Target("left", 20),
        Target("right", 20),
    )
    assert applied.stretch_ids == routine.stretch_ids
    assert apply_suggestions(routine, []) == routine


def test_a_target_brought_within_a_new_screenings_range_names_the_screenings_reason() -> None:
    """A routine at 30 s refitted to a hypermobile client's screening: the target table's
    reason names hypermobility, not only the new range."""
    catalog = default_catalog()
    before = plan(screen(Intake(date(2026, 11, 1), 40), catalog), catalog)
    hypermobile = screen(Intake(date(2026, 12, 6), 40, hypermobility=True), catalog)
    fitted = fit_template(before, hypermobile, catalog)
    item = fitted.items[0]
    history = {(item.stretch_id, t.side): good(30) for t in item.prescription.targets}
    moved = next(s for s in next_targets(fitted, history) if s.stretch_id == item.stretch_id)
    assert moved.reason.startswith(f"Brought to {moved.suggested_s} s")
    assert "Hypermobility: holds at the low end of the range" in moved.reason


# --- reading only the latest sessions --------------------------------------------------------


@settings(max_examples=examples(400), deadline=None)
@given(data=st.data(), bounds=hold_ranges(1, 120))
def test_when_the_latest_sessions_decide_a_target_the_rest_of_the_log_changes_nothing(
    data: st.DataObject, bounds: HoldRange
) -> None:
    """Whatever came before `since` (sessions left out, or cut short), the target the latest
    sessions decide is the one the whole log gives, with the same reason."""
    history = data.draw(histories(bounds))
    last = history[-1].day if history else DAY
    since = data.draw(st.dates(DAY - timedelta(days=1), last + timedelta(days=1)))
    earlier = [
        SessionResult(r.session_id, r.day, r.holds[: data.draw(st.integers(1, len(r.holds)))])
        for r in history
        if r.day < since and data.draw(st.booleans())
    ]
    seen = earlier + [r for r in history if r.day >= since]
    planned = data.draw(st.integers(bounds.min_s, bounds.max_s))
    if decided_since({(FLEXION, ""): seen}, [(FLEXION, "")], since):
        assert suggest(FLEXION, "", planned, bounds, seen) == suggest(
            FLEXION, "", planned, bounds, history
        )


def test_two_spaced_sessions_at_one_target_decide_it_and_a_change_of_target_does_too() -> None:
    """The last two sessions, two days apart at one target, decide it; so does the latest one
    when the session before it aimed elsewhere. One session at its target, a stretch not
    done since, or no session at all does not: the whole log is read then."""
    key = [(FLEXION, "")]
    spaced = [result(20, day=0, session_id=1), result(20, day=2, session_id=2)]
    assert decided_since({key[0]: spaced}, key, DAY)
    changed = [result(25, day=0, session_id=1), result(20, day=1, session_id=2)]
    assert decided_since({key[0]: changed}, key, DAY)
    assert not decided_since({key[0]: changed[1:]}, key, DAY + timedelta(days=1))
    assert not decided_since({key[0]: spaced}, key, DAY + timedelta(days=3))
    assert not decided_since({}, key, DAY)
    assert decided_since({}, [], DAY)
