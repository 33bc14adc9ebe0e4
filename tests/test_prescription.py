"""Prescriptions: the safe hold range per client, the first prescription, edits and wording."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import Catalog, HoldRange, RepRange, Stretch, default_catalog
from stretchkit.errors import ValidationError
from stretchkit.planning.prescription import (
    DEFAULT_REST_S,
    MAX_REST_S,
    Prescription,
    Target,
    default_reps,
    prescribe,
    safe_hold,
)
from stretchkit.screening.intake import Intake
from tests.hypothesis_profiles import examples
from tests.strategies import intakes, prescriptions
from tests.today import TODAY

CATALOG = default_catalog()
BACKBEND = "standing-backbend-assist"
FLEXION = "seated-thoracic-flexion"  # 20-30 s x 2-3, not per side
ROTATION = "seated-thoracic-rotation"  # 20-30 s x 2-3, each side
EXTENSION = "seated-thoracic-extension"  # 15-30 s x 2-3
SUPINE_ROTATION = "supine-thoracic-rotation"  # 20-45 s x 2-3, each side


def intake(age: int = 40, **answers: Any) -> Intake:
    return Intake(TODAY - timedelta(days=1), age, **answers)


def rx(
    stretch_id: str = FLEXION,
    holds: tuple[int, ...] = (20,),
    reps: int = 3,
    bounds: tuple[int, int] = (20, 30),
    rest_s: int = DEFAULT_REST_S,
) -> Prescription:
    sides = ("left", "right") if len(holds) == 2 else ("",)
    return Prescription(
        stretch_id,
        tuple(Target(side, hold) for side, hold in zip(sides, holds, strict=True)),  # type: ignore[arg-type]
        reps,
        RepRange(2, 3),
        HoldRange(*bounds),
        rest_s,
    )


def stretch(stretch_id: str) -> Stretch:
    return CATALOG.stretch(stretch_id)


# --- the safe hold range ---------------------------------------------------------------------


def test_without_an_intake_the_article_range_is_the_safe_range(catalog: Catalog) -> None:
    """No screening answers: every stretch keeps its article's hold range."""
    for s in catalog.stretches:
        assert safe_hold(s, None, catalog).range == s.hold


def test_an_adult_with_no_special_answers_gets_the_article_range(catalog: Catalog) -> None:
    """Age 40, no hypermobility, normal flexibility: the article range, its one basis line."""
    for s in catalog.stretches:
        safe = safe_hold(s, intake(), catalog)
        assert safe.range == s.hold
        assert len(safe.basis) == 1
        assert s.hold.text in safe.basis[0]


def test_hypermobility_keeps_holds_at_the_low_end(catalog: Catalog) -> None:
    """Hypermobile clients get only the low end of every stretch's range."""
    for s in catalog.stretches:
        safe = safe_hold(s, intake(hypermobility=True), catalog)
        assert safe.range == HoldRange(s.hold.min_s, s.hold.min_s)
        assert any("Hypermobility" in line for line in safe.basis)


def test_hypermobility_wins_over_age_and_reduced_flexibility(catalog: Catalog) -> None:
    """An older, stiff, hypermobile client still gets only the low end of the article range."""
    answers = intake(80, hypermobility=True, reduced_flexibility=True)
    assert safe_hold(stretch(FLEXION), answers, catalog).range == HoldRange(20, 20)


@pytest.mark.parametrize("age", [65, 66, 90, 110])
def test_adults_of_65_and_over_hold_30_to_60_seconds(catalog: Catalog, age: int) -> None:
    """From 65, ACSM's 30-60 s replaces the general 20-30 s, with ACSM named as the basis."""
    safe = safe_hold(stretch(FLEXION), intake(age), catalog)
    assert safe.range == HoldRange(30, 60)
    assert any(f"Age {age}" in line and "ACSM" in line for line in safe.basis)


def test_a_64_year_old_keeps_the_article_range(catalog: Catalog) -> None:
    """64 is not yet an older adult for ACSM."""
    assert safe_hold(stretch(FLEXION), intake(64), catalog).range == HoldRange(20, 30)


def test_older_adults_keep_a_longer_article_maximum(catalog: Catalog) -> None:
    """The ACSM range only lengthens: 20-45 s becomes 30-60 s, never shorter than the article."""
    safe = safe_hold(stretch(SUPINE_ROTATION), intake(70), catalog).range
    assert safe == HoldRange(30, 60)
    assert safe.min_s >= stretch(SUPINE_ROTATION).hold.min_s


def test_reduced_flexibility_allows_holds_up_to_60_seconds(catalog: Catalog) -> None:
    """Reduced flexibility raises the top of the range to 60 s and keeps the article minimum."""
    safe = safe_hold(stretch(EXTENSION), intake(reduced_flexibility=True), catalog)
    assert safe.range == HoldRange(15, 60)
    assert any("Reduced flexibility" in line for line in safe.basis)


def test_older_and_stiff_clients_get_30_to_60_seconds(catalog: Catalog) -> None:
    """Both adjustments together still stay within 30-60 s."""
    safe = safe_hold(stretch(FLEXION), intake(70, reduced_flexibility=True), catalog)
    assert safe.range == HoldRange(30, 60)


@pytest.mark.parametrize(
    "answers",
    [{"age": 70}, {"reduced_flexibility": True}, {"age": 70, "reduced_flexibility": True}],
)
def test_the_backbend_is_never_held_longer_than_its_10_to_20_seconds(
    catalog: Catalog, answers: dict[str, Any]
) -> None:
    """The backbend keeps its article range for older or stiff clients, and says why."""
    safe = safe_hold(stretch(BACKBEND), intake(**answers), catalog)
    assert safe.range == HoldRange(10, 20)
    assert any("not applied" in line for line in safe.basis)


@settings(max_examples=examples(200), deadline=None)
@given(answers=intakes(), index=st.integers(0, len(CATALOG.stretches) - 1))
def test_the_safe_range_is_always_a_sensible_adjustment_of_the_article_range(
    answers: Intake, index: int
) -> None:
    """Any intake: within article minimum-60 s, backbend unextended, hypermobility one value."""
    s = CATALOG.stretches[index]
    safe = safe_hold(s, answers, CATALOG).range
    assert safe.min_s >= s.hold.min_s
    assert safe.max_s <= max(s.hold.max_s, 60)
    if answers.hypermobility:
        assert safe == HoldRange(s.hold.min_s, s.hold.min_s)
    if s.id == BACKBEND:
        assert s.hold.min_s <= safe.min_s <= safe.max_s <= s.hold.max_s
    if not (answers.hypermobility or answers.reduced_flexibility or answers.age >= 65):
        assert safe == s.hold


# --- the first prescription --------------------------------------------------------------------


def test_a_first_prescription_starts_at_the_low_end_with_about_60_seconds_in_total(
    catalog: Catalog,
) -> None:
    """20-30 s x 2-3: 20 s x 3 (60 s); the older adult's 30 s x 2 (60 s)."""
    assert prescribe(stretch(FLEXION), intake(), catalog).text == "20 s x 3"
    assert prescribe(stretch(FLEXION), intake(70), catalog).text == "30 s x 2"


def test_a_sided_stretch_is_prescribed_on_the_left_then_the_right(catalog: Catalog) -> None:
    """A per-side stretch gets the same first target on both sides, left first."""
    first = prescribe(stretch(ROTATION), intake(), catalog)
    assert first.sides == ("left", "right")
    assert first.per_side
    assert first.targets == (Target("left", 20), Target("right", 20))
    assert first.text == "20 s x 3, each side"


def test_an_unsided_stretch_has_one_target(catalog: Catalog) -> None:
    """A stretch done once per repetition has a single target with no side."""
    first = prescribe(stretch(FLEXION), intake(), catalog)
    assert first.sides == ("",)
    assert not first.per_side
    assert first.hold_for("") == 20


def test_short_holds_are_capped_at_the_article_maximum_repetitions(catalog: Catalog) -> None:
    """The backbend at 10 s would need 6 repetitions for 60 s: the article allows 3."""
    assert prescribe(stretch(BACKBEND), intake(), catalog).reps == 3


def test_a_prescription_carries_the_safe_range_and_its_basis(catalog: Catalog) -> None:
    """Bounds, rep range, rest and basis come from the safe range and the article."""
    answers = intake(reduced_flexibility=True)
    first = prescribe(stretch(FLEXION), answers, catalog)
    safe = safe_hold(stretch(FLEXION), answers, catalog)
    assert (first.bounds, first.basis) == (safe.range, safe.basis)
    assert first.rep_range == stretch(FLEXION).reps
    assert first.rest_s == DEFAULT_REST_S
    assert first.stretch_id == FLEXION


@settings(max_examples=examples(200), deadline=None)
@given(answers=st.none() | intakes(), index=st.integers(0, len(CATALOG.stretches) - 1))
def test_every_first_prescription_is_valid_and_at_the_low_end(
    answers: Intake | None, index: int
) -> None:
    """For any intake and stretch: holds at the safe minimum, reps within the article range."""
    s = CATALOG.stretches[index]
    first = prescribe(s, answers, CATALOG)
    safe = safe_hold(s, answers, CATALOG).range
    assert all(t.hold_s == safe.min_s for t in first.targets)
    assert s.reps.min_reps <= first.reps <= s.reps.max_reps
    assert first.per_side == s.per_side
    assert first.reps == default_reps(safe.min_s, s.reps, 60)


# --- default repetitions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hold_s", "expected"),
    [(10, 3), (15, 3), (20, 3), (25, 3), (30, 2), (45, 2), (60, 2), (120, 2)],
)
def test_default_reps_reach_about_60_seconds_within_2_to_3(hold_s: int, expected: int) -> None:
    """Enough repetitions for 60 s, never fewer than 2 nor more than 3."""
    assert default_reps(hold_s, RepRange(2, 3), 60) == expected


@given(
    hold_s=st.integers(1, 600),
    low=st.integers(1, 10),
    extra=st.integers(0, 10),
    total=st.integers(1, 600),
)
def test_default_reps_stay_in_the_range_and_reach_the_total_when_they_can(
    hold_s: int, low: int, extra: int, total: int
) -> None:
    """Within the rep range, and the fewest repetitions that reach the total when it can."""
    reps = default_reps(hold_s, RepRange(low, low + extra), total)
    assert low <= reps <= low + extra
    if reps > low:
        assert (reps - 1) * hold_s < total
    if reps < low + extra:
        assert reps * hold_s >= total


# --- validation ------------------------------------------------------------------------------


def test_a_hold_outside_the_bounds_is_refused_naming_the_hold() -> None:
    """A target above or below the client's range raises a ValidationError on 'hold'."""
    for hold in (19, 31, 0, -5):
        with pytest.raises(ValidationError) as e:
            rx(holds=(hold,))
        assert e.value.field == "hold"
        assert e.value.value == hold


def test_a_hold_outside_the_bounds_says_which_seconds_to_choose() -> None:
    """'hold: choose 30 s, as this client's safe range is 20-30 s; you gave 40': what to do,
    in plain words, with the field and the value given, never '(got 40)'."""
    with pytest.raises(ValidationError) as e:
        rx(holds=(40,))
    assert str(e.value) == "hold: choose 30 s, as this client's safe range is 20-30 s; you gave 40"
    with pytest.raises(ValidationError) as low:
        rx(holds=(5,))
    assert str(low.value).startswith("hold: choose 20 s, as this client's safe range")


def test_a_side_outside_the_bounds_is_named_by_its_side() -> None:
    """The field says which side's hold is wrong."""
    with pytest.raises(ValidationError) as e:
        rx(ROTATION, holds=(20, 35))
    assert e.value.field == "hold (right side)"


@pytest.mark.parametrize("reps", [1, 4, 0, True, 2.0])
def test_repetitions_outside_the_article_range_are_refused(reps: Any) -> None:
    """2-3 repetitions only, and only whole numbers (not a bool or a float)."""
    with pytest.raises(ValidationError) as e:
        rx(reps=reps)
    assert e.value.field == "reps"


@pytest.mark.parametrize("rest", [-1, MAX_REST_S + 1, 1.5, False])
def test_a_rest_outside_0_to_120_seconds_is_refused(rest: Any) -> None:
    """Rest is a whole number of seconds, 0-120."""
    with pytest.raises(ValidationError) as e:
        rx(rest_s=rest)
    assert e.value.field == "rest"


def test_rest_may_be_zero_or_the_maximum() -> None:
    """The ends of the rest range are accepted."""
    assert rx(rest_s=0).rest_s == 0
    assert rx(rest_s=MAX_REST_S).rest_s == MAX_REST_S


@pytest.mark.parametrize(
    "targets",
    [
        (),
        (Target("left", 20),),
        (Target("right", 20), Target("left", 20)),
        (Target("left", 20), Target("left", 20)),
        (Target("", 20), Target("", 20)),
        (Target("left", 20), Target("right", 20), Target("", 20)),
    ],
)
def test_targets_must_be_one_unsided_or_left_then_right(targets: tuple[Target, ...]) -> None:
    """Anything other than ('',) or ('left', 'right') is refused naming 'sides'."""
    with pytest.raises(ValidationError) as e:
        Prescription(FLEXION, targets, 3, RepRange(2, 3), HoldRange(20, 30))
    assert e.value.field == "sides"


# --- wording ---------------------------------------------------------------------------------


def test_the_text_of_an_unsided_prescription() -> None:
    """'20 s x 3'."""
    assert rx().text == "20 s x 3"


def test_the_text_of_a_sided_prescription_with_equal_holds() -> None:
    """'20 s x 3, each side'."""
    assert rx(ROTATION, holds=(20, 20)).text == "20 s x 3, each side"


def test_the_text_of_a_sided_prescription_with_different_holds() -> None:
    """'left 25 s / right 20 s x 3'."""
    assert rx(ROTATION, holds=(25, 20)).text == "left 25 s / right 20 s x 3"


def test_total_hold_counts_every_repetition_on_one_side() -> None:
    """Seconds held per side over all repetitions."""
    sided = rx(ROTATION, holds=(25, 20), reps=2)
    assert (sided.total_hold_s("left"), sided.total_hold_s("right")) == (50, 40)
    assert sided.total_hold_s() == 50
    assert rx(holds=(20,), reps=3).total_hold_s() == 60


# --- edits -------------------------------------------------------------------------------------


def test_with_hold_changes_one_side_only() -> None:
    """A new target on the right leaves the left as it was, and the original unchanged."""
    before = rx(ROTATION, holds=(20, 20))
    after = before.with_hold("right", 30)
    assert after.targets == (Target("left", 20), Target("right", 30))
    assert before.targets == (Target("left", 20), Target("right", 20))


@pytest.mark.parametrize("hold", [19, 31, 0, 600])
def test_with_hold_refuses_values_outside_the_bounds_naming_the_field(hold: int) -> None:
    """A hold beyond the safe range raises a ValidationError naming the hold field."""
    with pytest.raises(ValidationError) as e:
        rx(ROTATION, holds=(20, 20)).with_hold("left", hold)
    assert e.value.field == "hold (left side)"
    assert e.value.value == hold
    with pytest.raises(ValidationError) as unsided:
        rx().with_hold("", hold)
    assert unsided.value.field == "hold"


def test_with_hold_accepts_both_ends_of_the_bounds() -> None:
    """The lowest and the highest safe value are both allowed."""
    assert rx().with_hold("", 20).hold_for("") == 20
    assert rx().with_hold("", 30).hold_for("") == 30


def test_with_hold_refuses_a_side_the_stretch_does_not_have() -> None:
    """An unsided stretch has no left; a sided one has no ''."""
    with pytest.raises(ValidationError) as e:
        rx().with_hold("left", 25)
    assert e.value.field == "side"
    with pytest.raises(ValidationError):
        rx(ROTATION, holds=(20, 20)).with_hold("", 25)


def test_with_reps_stays_within_the_article_range() -> None:
    """2 and 3 are fine; 4 is refused naming 'reps'."""
    assert rx().with_reps(2).reps == 2
    with pytest.raises(ValidationError) as e:
        rx().with_reps(4)
    assert e.value.field == "reps"


@given(rx_=prescriptions(), hold=st.integers(-10, 700))
def test_with_hold_succeeds_exactly_within_the_bounds(rx_: Prescription, hold: int) -> None:
    """Any hold: accepted when within the bounds (and only that side changes), else refused."""
    side = rx_.sides[-1]
    if rx_.bounds.min_s <= hold <= rx_.bounds.max_s:
        changed = rx_.with_hold(side, hold)
        assert changed.hold_for(side) == hold
        assert changed.hold_for(rx_.sides[0]) == (
            hold if side == rx_.sides[0] else rx_.hold_for(rx_.sides[0])
        )
    else:
        with pytest.raises(ValidationError) as e:
            rx_.with_hold(side, hold)
        assert e.value.field.startswith("hold")


def test_prescription_is_a_value() -> None:
    """Two prescriptions built alike are equal."""
    assert rx() == rx()
    assert rx() != rx(holds=(25,))


def test_bounds_of_a_single_value_allow_only_that_value() -> None:
    """Bounds 20-20 (hypermobility) refuse 21."""
    one = rx(bounds=(20, 20))
    with pytest.raises(ValidationError):
        one.with_hold("", 21)
