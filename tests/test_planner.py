"""Planning a routine from a screening: only allowed stretches, goals first, within the budget,
grouped by position; adding a stretch by hand; fitting a template to a client."""

from __future__ import annotations

from datetime import timedelta
from itertools import groupby
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import POSITIONS, Catalog, HoldRange, RepRange, default_catalog
from stretchkit.errors import ValidationError
from stretchkit.planning.planner import GOALS, add_stretch, fit_template, plan, session_minutes
from stretchkit.planning.prescription import Prescription, Target, prescribe, safe_hold
from stretchkit.planning.routine import Routine, RoutineItem
from stretchkit.planning.timeline import session_timeline
from stretchkit.screening import Screening, screen
from stretchkit.screening.intake import Injury, Intake
from stretchkit.screening.rules import HAMSTRING_MODIFICATION, HYPERMOBILITY_MODIFICATION
from tests.hypothesis_profiles import examples
from tests.strategies import intakes
from tests.today import TODAY

CATALOG = default_catalog()
DAY = TODAY - timedelta(days=1)
FLEXION = "seated-thoracic-flexion"
ROTATION = "seated-thoracic-rotation"
SUPINE_ROTATION = "supine-thoracic-rotation"
LOWER_BACK = "seated-lower-back-flexion"
BACKBEND = "standing-backbend-assist"
EXTENSION = "seated-thoracic-extension"


def screening(age: int = 40, **answers: Any) -> Screening:
    return screen(Intake(DAY, age, **answers), CATALOG)


def positions(routine: Routine) -> list[str]:
    return [CATALOG.stretch(i).position for i in routine.stretch_ids]


# --- what is planned ---------------------------------------------------------------------------


def test_a_cleared_client_gets_a_routine_within_the_budget(catalog: Catalog) -> None:
    """20 minutes: several stretches, the session (with warm-up) no longer than 20 minutes."""
    routine = plan(screening(), catalog, budget_min=20)
    assert len(routine.items) >= 5
    assert session_minutes(routine, catalog) <= 20
    assert (routine.budget_min, routine.days_per_week, routine.warm_up_min) == (20, 3, 5)


def test_only_stretches_the_screening_allows_are_planned(catalog: Catalog) -> None:
    """A shoulder injury excludes the stretches loading or targeting the shoulder (the
    extension's trapezius and latissimus reach it); each is noted."""
    result = screening(injuries=(Injury("shoulder"),))
    routine = plan(result, catalog, budget_min=60)
    assert set(routine.stretch_ids) == set(result.allowed()) == {BACKBEND}
    excluded = [d.stretch_id for d in result.decisions if d.decision == "excluded"]
    for stretch_id in excluded:
        name = catalog.stretch(stretch_id).name
        assert any(n.startswith(f"Not planned: {name} - Recent injury") for n in routine.notes)


@pytest.mark.parametrize("answers", [{"osteoporosis": True}, {"acute_pain": True}])
def test_a_screening_that_allows_nothing_is_refused(
    catalog: Catalog, answers: dict[str, Any]
) -> None:
    """Do-not-stretch: a ValidationError on 'screening' with the headline."""
    result = screening(**answers)
    with pytest.raises(ValidationError) as e:
        plan(result, catalog)
    assert (e.value.field, e.value.value) == ("screening", result.status)
    assert result.headline in e.value.problem


def test_a_budget_too_short_for_warm_up_and_a_stretch_is_refused(catalog: Catalog) -> None:
    """5 minutes with a 5-minute warm-up leaves no time: an error on the time budget."""
    with pytest.raises(ValidationError) as e:
        plan(screening(), catalog, budget_min=5, warm_up_min=5)
    assert (e.value.field, e.value.value) == ("time budget", 5)


def test_an_unknown_goal_is_refused(catalog: Catalog) -> None:
    """Only the listed goals."""
    with pytest.raises(ValidationError) as e:
        plan(screening(), catalog, goals=["flying"])
    assert (e.value.field, e.value.value) == ("goal", "flying")


@pytest.mark.parametrize("values", [{"budget_min": 200}, {"days_per_week": 0}, {"warm_up_min": 30}])
def test_settings_outside_their_range_are_refused(catalog: Catalog, values: dict[str, int]) -> None:
    """The routine's own checks apply to the plan's settings."""
    with pytest.raises(ValidationError):
        plan(screening(), catalog, **values)


def test_no_routine_can_be_planned_without_a_warm_up(catalog: Catalog) -> None:
    """Both articles ask for a warm-up first: 0 minutes of warm-up is refused, naming it."""
    with pytest.raises(ValidationError) as e:
        plan(screening(), catalog, budget_min=20, warm_up_min=0)
    assert (e.value.field, e.value.value) == ("warm-up", 0)


def test_goal_stretches_come_first_under_a_tight_budget(catalog: Catalog) -> None:
    """10 minutes, 5 of them warm-up, rotation: the first rotation stretch is planned."""
    routine = plan(screening(), catalog, goals=["rotation"], budget_min=10, warm_up_min=5)
    assert ROTATION in routine.stretch_ids
    assert routine.item(ROTATION).why.startswith("For rotation: ")
    assert routine.goals == ("rotation",)
    assert session_minutes(routine, catalog) <= 10


def test_without_goals_the_articles_order_and_balance_decide(catalog: Catalog) -> None:
    """No goals, tight budget: the first stretch of the article is planned first."""
    routine = plan(screening(), catalog, budget_min=10, warm_up_min=5)
    assert FLEXION in routine.stretch_ids
    assert "For balance: adds flexion" in routine.item(FLEXION).why


def test_a_stretch_that_does_not_fit_is_noted(catalog: Catalog) -> None:
    """A tight budget leaves stretches out, each with a note that it does not fit."""
    routine = plan(screening(), catalog, budget_min=10)
    left_out = [s for s in CATALOG.stretches if s.id not in routine.stretch_ids]
    assert left_out
    for s in left_out:
        assert f"Not planned: {s.name} - does not fit in 10 minutes." in routine.notes


def test_repetitions_are_reduced_before_a_stretch_is_left_out(catalog: Catalog) -> None:
    """With 10 minutes, 5 of them warm-up, the second stretch fits at 2 repetitions, not 3."""
    routine = plan(screening(), catalog, goals=["rotation"], budget_min=10, warm_up_min=5)
    assert routine.stretch_ids == (ROTATION, FLEXION)
    assert [i.prescription.reps for i in routine.items] == [3, 2]


def test_the_routine_is_grouped_by_position(catalog: Catalog) -> None:
    """Seated stretches, then supine, then standing."""
    routine = plan(screening(), catalog, budget_min=120)
    assert len(routine.items) == len(CATALOG.stretches)
    order = positions(routine)
    assert order == sorted(order, key=POSITIONS.index)


def test_cautions_from_the_screening_are_carried_along(catalog: Catalog) -> None:
    """Hamstring tightness: the lower-back flexion carries 'bend the knees'; others none."""
    routine = plan(screening(hamstring_tightness=True), catalog, budget_min=120)
    assert routine.item(LOWER_BACK).cautions == (HAMSTRING_MODIFICATION,)
    assert routine.item(FLEXION).cautions == ()


def test_hypermobile_clients_are_planned_at_the_low_end_with_the_caution(catalog: Catalog) -> None:
    """Every hold at its article minimum, bounds a single value, the modification attached."""
    routine = plan(screening(hypermobility=True), catalog, budget_min=120)
    for item in routine.items:
        low = CATALOG.stretch(item.stretch_id).hold.min_s
        assert item.prescription.bounds == HoldRange(low, low)
        assert HYPERMOBILITY_MODIFICATION in item.cautions


def test_the_low_end_for_hypermobility_is_labelled_stretchkits_own_reading(
    catalog: Catalog,
) -> None:
    """The partner back article only says to be cautious: the planned basis for low-end holds
    names stretchkit's own reading and never credits the article with it."""
    routine = plan(screening(hypermobility=True), catalog, budget_min=120)
    for item in routine.items:
        said = next(line for line in item.prescription.basis if "Hypermobility" in line)
        assert "stretchkit's own reading" in said
        assert "low end of the range only (partner back article)" not in said
        assert "be cautious to avoid overstretching" in said


def test_a_stretch_kept_at_its_article_range_says_that_is_stretchkits_reading(
    catalog: Catalog,
) -> None:
    """An older client's backbend keeps 10-20 s: the basis labels that choice as its own."""
    safe = safe_hold(catalog.stretch("standing-backbend-assist"), Intake(DAY, 70), catalog)
    said = next(line for line in safe.basis if "not applied" in line)
    assert "stretchkit's own reading" in said


def test_goals_are_kept_once_in_the_order_given(catalog: Catalog) -> None:
    """Repeated goals count once."""
    routine = plan(screening(), catalog, goals=["posture", "rotation", "posture"])
    assert routine.goals == ("posture", "rotation")


def test_session_minutes_is_the_timeline_in_minutes(catalog: Catalog) -> None:
    """The warm-up included, in minutes."""
    routine = plan(screening(), catalog)
    timeline = session_timeline(routine.planned(), catalog, routine.warm_up_min)
    assert session_minutes(routine, catalog) == timeline.total_s / 60


def test_every_goal_is_served_by_some_stretch() -> None:
    """The goals have unique ids and each names at least one catalog stretch."""
    assert len({g.id for g in GOALS}) == len(GOALS)
    for goal in GOALS:
        assert any(goal.serves(s) for s in CATALOG.stretches), goal.id


# --- adding a stretch by hand ---------------------------------------------------------------------


def test_add_stretch_appends_a_first_prescription(catalog: Catalog) -> None:
    """The stretch goes at the end, prescribed at the low end, marked as the trainer's."""
    result = screening(hamstring_tightness=True)
    routine = Routine((RoutineItem(prescribe(catalog.stretch(FLEXION), result.intake, catalog)),))
    added = add_stretch(routine, LOWER_BACK, result, catalog)
    assert added.stretch_ids == (FLEXION, LOWER_BACK)
    item = added.item(LOWER_BACK)
    assert item.prescription == prescribe(catalog.stretch(LOWER_BACK), result.intake, catalog)
    assert item.why == "Added by the trainer."
    assert item.cautions == (HAMSTRING_MODIFICATION,)


def test_add_stretch_refuses_an_excluded_stretch(catalog: Catalog) -> None:
    """Lower-back pain excludes the backbend: refused, naming the stretch and the reason."""
    result = screening(lower_back_pain=True)
    with pytest.raises(ValidationError) as e:
        add_stretch(Routine(()), BACKBEND, result, catalog)
    assert e.value.field == "stretch"
    assert e.value.value == catalog.stretch(BACKBEND).name
    assert "excluded by the screening" in e.value.problem


def test_add_stretch_refuses_a_stretch_already_planned(catalog: Catalog) -> None:
    """The same stretch twice is refused."""
    result = screening()
    once = add_stretch(Routine(()), FLEXION, result, catalog)
    with pytest.raises(ValidationError) as e:
        add_stretch(once, FLEXION, result, catalog)
    assert e.value.problem == "is already in the routine"


def test_add_stretch_refuses_an_unknown_stretch(catalog: Catalog) -> None:
    """An id not in the catalog names the id."""
    with pytest.raises(ValidationError) as e:
        add_stretch(Routine(()), "cobra", screening(), catalog)
    assert e.value.value == "cobra"


# --- templates -----------------------------------------------------------------------------------


def template_item(stretch_id: str, holds: tuple[int, ...], reps: int) -> RoutineItem:
    sides = ("left", "right") if len(holds) == 2 else ("",)
    targets = tuple(Target(s, h) for s, h in zip(sides, holds, strict=True))  # type: ignore[arg-type]
    rx = Prescription(stretch_id, targets, reps, RepRange(2, 3), HoldRange(10, 60))
    return RoutineItem(rx, f"template: {stretch_id}", ("template caution",))


TEMPLATE = Routine(
    (
        template_item(FLEXION, (45,), 2),
        template_item(ROTATION, (25, 15), 3),
        template_item(BACKBEND, (10,), 2),
    ),
    ("posture",),
    30,
    4,
    8,
)


def test_a_template_is_brought_within_the_clients_safe_range(catalog: Catalog) -> None:
    """45 s becomes 30 s (the top), 15 s becomes 20 s (the bottom), 25 s and reps are kept."""
    fitted = fit_template(TEMPLATE, screening(), catalog)
    assert fitted.item(FLEXION).prescription.text == "30 s x 2"
    assert fitted.item(ROTATION).prescription.text == "left 25 s / right 20 s x 3"
    assert fitted.item(FLEXION).prescription.bounds == HoldRange(20, 30)
    assert (fitted.goals, fitted.budget_min, fitted.days_per_week, fitted.warm_up_min) == (
        ("posture",),
        30,
        4,
        8,
    )
    assert fitted.item(FLEXION).why == "template: seated-thoracic-flexion"


def test_an_older_client_gets_the_template_at_their_longer_holds(catalog: Catalog) -> None:
    """At 70 the flexion may be held 30-60 s: the template's 45 s is kept."""
    fitted = fit_template(TEMPLATE, screening(70), catalog)
    assert fitted.item(FLEXION).prescription.hold_for("") == 45
    assert fitted.item(ROTATION).prescription.hold_for("right") == 30


def test_a_template_leaves_out_stretches_the_client_may_not_do(catalog: Catalog) -> None:
    """Lower-back pain drops the backbend, with a note; cautions come from this client."""
    fitted = fit_template(TEMPLATE, screening(lower_back_pain=True), catalog)
    assert fitted.stretch_ids == (FLEXION, ROTATION)
    assert len(fitted.notes) == 1
    assert fitted.notes[0].startswith(f"Not planned: {catalog.stretch(BACKBEND).name} - ")
    assert fitted.item(FLEXION).cautions == ()


def test_a_template_for_a_client_who_may_not_stretch_is_refused(catalog: Catalog) -> None:
    """Do-not-stretch: a ValidationError on 'screening'."""
    with pytest.raises(ValidationError) as e:
        fit_template(TEMPLATE, screening(osteoporosis=True), catalog)
    assert e.value.field == "screening"


# --- properties ----------------------------------------------------------------------------------


@st.composite
def mild_intakes(draw: st.DrawFn) -> Intake:
    """Intakes that usually allow some stretches: only the answers that adjust or caution."""
    return Intake(
        DAY,
        draw(st.integers(12, 110)),
        injuries=tuple(draw(st.lists(st.builds(Injury, st.sampled_from(["neck", "hip"])))))[:1],
        hypermobility=draw(st.booleans()),
        reduced_flexibility=draw(st.booleans()),
        hamstring_tightness=draw(st.booleans()),
        lower_back_pain=draw(st.booleans()),
        warm_up_possible=draw(st.booleans()),
    )


def grouped(values: list[str]) -> bool:
    """True when no value appears in two separate runs."""
    runs = [key for key, _ in groupby(values)]
    return len(runs) == len(set(runs))


@settings(max_examples=examples(200), deadline=None)
@given(
    answers=intakes() | mild_intakes(),
    goals=st.lists(st.sampled_from([g.id for g in GOALS]), max_size=4),
    budget=st.integers(5, 120),
    days=st.integers(1, 7),
    warm_up=st.integers(5, 10),
)
def test_a_plan_never_breaks_the_screening_the_budget_or_the_grouping(
    answers: Intake, goals: list[str], budget: int, days: int, warm_up: int
) -> None:
    """Only allowed stretches, within budget, positions grouped; else a justified error."""
    result = screen(answers, CATALOG)
    allowed = set(result.allowed())
    try:
        routine = plan(
            result, CATALOG, goals=goals, budget_min=budget, days_per_week=days, warm_up_min=warm_up
        )
    except ValidationError as e:
        if not allowed:
            assert e.field == "screening"
            return
        assert e.field == "time budget"
        for stretch_id in allowed:
            rx = prescribe(CATALOG.stretch(stretch_id), answers, CATALOG)
            alone = Routine(
                (RoutineItem(rx.with_reps(rx.rep_range.min_reps)),),
                budget_min=budget,
                warm_up_min=warm_up,
            )
            assert session_minutes(alone, CATALOG) > budget
        return
    assert allowed
    assert routine.items
    assert set(routine.stretch_ids) <= allowed
    assert session_minutes(routine, CATALOG) <= budget
    assert grouped(positions(routine))
    assert positions(routine) == sorted(positions(routine), key=POSITIONS.index)
    assert (routine.budget_min, routine.days_per_week, routine.warm_up_min) == (
        budget,
        days,
        warm_up,
    )
    assert routine.goals == tuple(dict.fromkeys(goals))
    for item in routine.items:
        rx = item.prescription
        decision = result.decision(item.stretch_id).decision
        assert bool(item.cautions) == (decision == "caution")
        low = safe_hold(CATALOG.stretch(item.stretch_id), answers, CATALOG).range.min_s
        assert {t.hold_s for t in rx.targets} == {low}
    for stretch in CATALOG.stretches:
        if stretch.id not in routine.stretch_ids:
            assert any(n.startswith(f"Not planned: {stretch.name} - ") for n in routine.notes)
