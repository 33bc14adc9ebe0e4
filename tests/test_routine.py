"""A routine as a value: its settings are checked and every edit returns a new, checked routine."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import HoldRange, RepRange
from stretchkit.errors import ValidationError
from stretchkit.planning.prescription import Prescription, Target
from stretchkit.planning.routine import Routine, RoutineItem
from stretchkit.planning.timeline import Planned
from tests.hypothesis_profiles import examples
from tests.strategies import routines

FLEXION = "seated-thoracic-flexion"
ROTATION = "seated-thoracic-rotation"
LAT = "seated-lat-reach-pull"


def item(stretch_id: str, sided: bool = False, why: str = "") -> RoutineItem:
    targets = (Target("left", 20), Target("right", 20)) if sided else (Target("", 20),)
    rx = Prescription(stretch_id, targets, 3, RepRange(2, 3), HoldRange(20, 30))
    return RoutineItem(rx, why, ("careful",) if sided else ())


def three() -> Routine:
    return Routine((item(FLEXION), item(ROTATION, sided=True), item(LAT)))


# --- settings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"budget_min": 4}, "time budget"),
        ({"budget_min": 121}, "time budget"),
        ({"budget_min": 20.0}, "time budget"),
        ({"days_per_week": 0}, "days per week"),
        ({"days_per_week": 8}, "days per week"),
        ({"days_per_week": True}, "days per week"),
        ({"warm_up_min": -1}, "warm-up"),
        ({"warm_up_min": 0}, "warm-up"),
        ({"warm_up_min": 4}, "warm-up"),
        ({"warm_up_min": 11}, "warm-up"),
    ],
)
def test_settings_outside_their_range_are_refused_naming_them(
    values: dict[str, Any], field: str
) -> None:
    """Budget 5-120 min, 1-7 days, warm-up 5-10 min (never none), whole numbers only."""
    with pytest.raises(ValidationError) as e:
        Routine((), **values)
    assert e.value.field == field


@pytest.mark.parametrize(
    "values",
    [
        {"budget_min": 5, "days_per_week": 1, "warm_up_min": 5},
        {"budget_min": 120, "days_per_week": 7, "warm_up_min": 10},
    ],
)
def test_the_ends_of_every_range_are_accepted(values: dict[str, int]) -> None:
    """The lowest and highest allowed settings make a routine."""
    assert Routine((), **values).budget_min == values["budget_min"]


def test_a_stretch_can_be_planned_only_once() -> None:
    """Two items for one stretch are refused, naming the stretch."""
    with pytest.raises(ValidationError) as e:
        Routine((item(FLEXION), item(LAT), item(FLEXION)))
    assert e.value.field == "stretches"
    assert e.value.value == [FLEXION]


# --- reading -------------------------------------------------------------------------------------


def test_a_routine_lists_its_stretches_in_order() -> None:
    """stretch_ids and planned() follow the items."""
    routine = three()
    assert routine.stretch_ids == (FLEXION, ROTATION, LAT)
    assert routine.planned() == tuple(Planned(i.prescription, i.cautions) for i in routine.items)
    assert routine.item(ROTATION).cautions == ("careful",)


def test_asking_for_a_stretch_not_in_the_routine_names_it() -> None:
    """item(), without(), moved() and the edits refuse an unplanned stretch."""
    routine = three()
    for edit in (
        lambda: routine.item("cobra"),
        lambda: routine.without("cobra"),
        lambda: routine.moved("cobra", 1),
        lambda: routine.with_hold("cobra", "", 25),
        lambda: routine.with_reps("cobra", 2),
    ):
        with pytest.raises(ValidationError) as e:
            edit()
        assert (e.value.field, e.value.value) == ("stretch", "cobra")


# --- edits -------------------------------------------------------------------------------------


def test_without_removes_one_stretch_and_keeps_the_order() -> None:
    """The other stretches stay, in their order; the original is unchanged."""
    routine = three()
    assert routine.without(ROTATION).stretch_ids == (FLEXION, LAT)
    assert routine.stretch_ids == (FLEXION, ROTATION, LAT)


@pytest.mark.parametrize(
    ("stretch_id", "by", "order"),
    [
        (FLEXION, 1, (ROTATION, FLEXION, LAT)),
        (FLEXION, 2, (ROTATION, LAT, FLEXION)),
        (FLEXION, 99, (ROTATION, LAT, FLEXION)),
        (LAT, -1, (FLEXION, LAT, ROTATION)),
        (LAT, -99, (LAT, FLEXION, ROTATION)),
        (FLEXION, -1, (FLEXION, ROTATION, LAT)),
        (ROTATION, 0, (FLEXION, ROTATION, LAT)),
    ],
)
def test_moved_shifts_a_stretch_and_stays_within_the_list(
    stretch_id: str, by: int, order: tuple[str, ...]
) -> None:
    """Moving past either end stops at that end."""
    assert three().moved(stretch_id, by).stretch_ids == order


def test_with_hold_changes_one_stretch_and_side() -> None:
    """The right side of the rotation goes to 25 s; everything else stays."""
    before = three()
    after = before.with_hold(ROTATION, "right", 25)
    assert after.item(ROTATION).prescription.hold_for("right") == 25
    assert after.item(ROTATION).prescription.hold_for("left") == 20
    assert after.item(FLEXION) == before.item(FLEXION)
    assert after.item(ROTATION).cautions == ("careful",)
    assert after.stretch_ids == before.stretch_ids


def test_with_hold_outside_the_safe_range_is_refused() -> None:
    """31 s against a 20-30 s range raises a ValidationError naming the hold."""
    with pytest.raises(ValidationError) as e:
        three().with_hold(FLEXION, "", 31)
    assert e.value.field == "hold"


def test_with_reps_changes_the_repetitions_within_the_article_range() -> None:
    """2 is fine, 4 is refused."""
    assert three().with_reps(LAT, 2).item(LAT).prescription.reps == 2
    with pytest.raises(ValidationError) as e:
        three().with_reps(LAT, 4)
    assert e.value.field == "reps"


def test_with_items_checks_the_new_items() -> None:
    """Replacing the items with a duplicated stretch is refused."""
    with pytest.raises(ValidationError):
        three().with_items((item(FLEXION), item(FLEXION)))


def test_an_edit_keeps_the_settings_and_notes() -> None:
    """Goals, budget, days, warm-up and notes survive every edit."""
    routine = Routine(three().items, ("posture",), 30, 4, 7, ("a note",))
    edited = routine.moved(LAT, -2).without(FLEXION).with_reps(LAT, 2)
    assert (edited.goals, edited.budget_min, edited.days_per_week) == (("posture",), 30, 4)
    assert (edited.warm_up_min, edited.notes) == (7, ("a note",))


@settings(max_examples=examples(100), deadline=None)
@given(routine=routines(min_items=1), data=st.data())
def test_moving_a_stretch_only_reorders(routine: Routine, data: st.DataObject) -> None:
    """A move keeps every item, puts the moved one at the clamped place and the rest in order."""
    chosen = data.draw(st.sampled_from(routine.stretch_ids))
    by = data.draw(st.integers(-10, 10))
    moved = routine.moved(chosen, by)
    assert sorted(moved.stretch_ids) == sorted(routine.stretch_ids)
    index = routine.stretch_ids.index(chosen)
    assert moved.stretch_ids.index(chosen) == min(max(index + by, 0), len(routine.items) - 1)
    rest = [s for s in routine.stretch_ids if s != chosen]
    assert [s for s in moved.stretch_ids if s != chosen] == rest
    assert moved.item(chosen) == routine.item(chosen)


@settings(max_examples=examples(100), deadline=None)
@given(routine=routines(min_items=1), data=st.data())
def test_removing_a_stretch_keeps_all_others(routine: Routine, data: st.DataObject) -> None:
    """without() leaves exactly the other items, in order."""
    chosen = data.draw(st.sampled_from(routine.stretch_ids))
    assert routine.without(chosen).items == tuple(
        i for i in routine.items if i.stretch_id != chosen
    )
