"""The session timeline: warm-up, then each stretch's holds, releases, rests and side switches."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import Catalog, HoldRange, RepRange, default_catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.errors import ValidationError
from stretchkit.i18n import LANGUAGES, use_language
from stretchkit.planning.prescription import Prescription, Target
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import (
    END_RANGE_PROMPT,
    WARM_UP_PARTNER_OWN,
    Phase,
    PhaseTimes,
    Planned,
    Timeline,
    about_minutes,
    asks_further,
    duration_text,
    session_timeline,
    without_end_range,
)
from tests.hypothesis_profiles import examples
from tests.strategies import routines

FLEXION = "seated-thoracic-flexion"
ROTATION = "seated-thoracic-rotation"
SUPINE = "supine-thoracic-rotation"


def planned(
    stretch_id: str = FLEXION,
    holds: tuple[int, ...] = (20,),
    reps: int = 3,
    rest_s: int = 10,
    cautions: tuple[str, ...] = (),
) -> Planned:
    sides = ("left", "right") if len(holds) == 2 else ("",)
    targets = tuple(Target(s, h) for s, h in zip(sides, holds, strict=True))  # type: ignore[arg-type]
    rx = Prescription(stretch_id, targets, reps, RepRange(2, 3), HoldRange(10, 60), rest_s)
    return Planned(rx, cautions)


def kinds(timeline: Timeline) -> list[str]:
    return [p.kind for p in timeline.phases]


# --- shape -----------------------------------------------------------------------------------


def test_the_warm_up_comes_first_and_lasts_its_minutes(catalog: Catalog) -> None:
    """A 5-minute warm-up is the first phase, 300 s, naming the first stretch."""
    timeline = session_timeline([planned()], catalog, warm_up_min=5)
    first = timeline.phases[0]
    assert (first.kind, first.duration_s) == ("warm-up", 300)
    assert catalog.stretch(FLEXION).name in first.partner_prompt
    assert "5 minutes" in first.cue


def test_the_partners_warm_up_cue_says_what_the_partner_does_as_stretchkits_own_reading(
    catalog: Catalog,
) -> None:
    """The partner's cue in the warm-up is what the partner does meanwhile (not the client's
    instruction again), labelled as stretchkit's own: the articles only ask the client to
    warm up."""
    prompt = session_timeline([planned()], catalog, warm_up_min=5).phases[0].partner_prompt
    assert prompt.startswith("While the client warms up, get the space ready")
    assert "ask how their back feels" in prompt and prompt.endswith(WARM_UP_PARTNER_OWN)
    assert "should do a light warm-up" not in prompt


def test_no_warm_up_phase_when_the_warm_up_is_zero(catalog: Catalog) -> None:
    """0 minutes: the session starts with the first stretch's get-ready."""
    timeline = session_timeline([planned()], catalog, warm_up_min=0)
    assert timeline.phases[0].kind == "get-ready"
    assert "warm-up" not in kinds(timeline)


def test_an_unsided_stretch_rests_between_repetitions(catalog: Catalog) -> None:
    """Get ready, then hold-release three times with a rest between, and no rest at the end."""
    timeline = session_timeline([planned(reps=3)], catalog, warm_up_min=0)
    assert kinds(timeline) == [
        "get-ready",
        *["hold", "release", "rest"] * 2,
        "hold",
        "release",
    ]
    assert [p.rep for p in timeline.holds()] == [1, 2, 3]
    assert all(p.side == "" and p.reps == 3 for p in timeline.holds())


def test_a_sided_stretch_alternates_left_and_right_with_a_switch_between(
    catalog: Catalog,
) -> None:
    """Left, right, left, right: each hold then release, then a side switch before the next."""
    timeline = session_timeline([planned(ROTATION, (20, 20), reps=2)], catalog, warm_up_min=0)
    assert kinds(timeline) == [
        "get-ready",
        *["hold", "release", "switch-side"] * 3,
        "hold",
        "release",
    ]
    assert [(p.side, p.rep) for p in timeline.holds()] == [
        ("left", 1),
        ("right", 1),
        ("left", 2),
        ("right", 2),
    ]
    switches = [p for p in timeline.phases if p.kind == "switch-side"]
    assert [p.side for p in switches] == ["right", "left", "right"]
    assert switches[0].title == "Switch sides: right side next"


def test_the_get_ready_of_a_sided_stretch_names_the_first_side(catalog: Catalog) -> None:
    """'Get ready: <name> - left side', with the client's and partner's positions."""
    timeline = session_timeline([planned(ROTATION, (20, 20))], catalog, warm_up_min=0)
    ready = timeline.phases[0]
    stretch = catalog.stretch(ROTATION)
    assert ready.title == f"Get ready: {stretch.name} - left side"
    assert (ready.cue, ready.partner_prompt) == (stretch.client_position, stretch.partner_position)
    assert ready.side == "left"


def test_each_side_is_held_for_its_own_target(catalog: Catalog) -> None:
    """Left 25 s, right 20 s: the holds last 25, 20, 25, 20 s."""
    timeline = session_timeline([planned(ROTATION, (25, 20), reps=2)], catalog, warm_up_min=0)
    assert [p.duration_s for p in timeline.holds()] == [25, 20, 25, 20]


def test_phase_times_and_rest_set_the_other_durations(catalog: Catalog) -> None:
    """Get ready and release come from PhaseTimes, rests and switches from the prescription."""
    times = PhaseTimes(get_ready_s=7, release_s=3)
    timeline = session_timeline(
        [planned(rest_s=12), planned(ROTATION, (20, 20), rest_s=4)], catalog, 0, times
    )
    by_kind: dict[str, set[int]] = {}
    for p in timeline.phases:
        by_kind.setdefault(p.kind, set()).add(p.duration_s)
    assert by_kind == {
        "get-ready": {7},
        "hold": {20},
        "release": {3},
        "rest": {12},
        "switch-side": {4},
    }


def test_stretches_follow_each_other_in_the_planned_order(catalog: Catalog) -> None:
    """The second stretch's get-ready follows the first stretch's last release."""
    timeline = session_timeline([planned(), planned(ROTATION, (20, 20))], catalog, warm_up_min=5)
    ids = [p.stretch_id for p in timeline.phases]
    assert ids[0] == ""
    first_rotation = ids.index(ROTATION)
    assert timeline.phases[first_rotation].kind == "get-ready"
    assert timeline.phases[first_rotation - 1].kind == "release"
    assert set(ids[1:first_rotation]) == {FLEXION}
    assert set(ids[first_rotation:]) == {ROTATION}


def test_an_empty_plan_with_a_warm_up_is_only_the_warm_up(catalog: Catalog) -> None:
    """No stretches: only the warm-up, which names no first stretch."""
    timeline = session_timeline([], catalog, warm_up_min=5)
    assert kinds(timeline) == ["warm-up"]
    assert "First stretch" not in timeline.phases[0].partner_prompt
    assert session_timeline([], catalog, warm_up_min=0).phases == ()


# --- durations --------------------------------------------------------------------------------


def test_the_total_of_a_known_session(catalog: Catalog) -> None:
    """5 min warm-up + get ready 10 + 3 x (20 hold + 5 release) + 2 rests of 10 = 405 s."""
    timeline = session_timeline([planned()], catalog, warm_up_min=5)
    assert timeline.total_s == 300 + 10 + 3 * 25 + 2 * 10 == 405
    assert timeline.text == "6 min 45 s"


def test_starts_are_the_running_sum_of_durations(catalog: Catalog) -> None:
    """Each phase starts where the previous one ended, the first at 0."""
    timeline = session_timeline([planned()], catalog, warm_up_min=5)
    starts = timeline.starts()
    assert starts[:4] == (0, 300, 310, 330)
    assert all(
        b == a + p.duration_s for (a, b), p in zip(pairwise(starts), timeline.phases, strict=False)
    )


def test_holds_lists_only_the_hold_phases_in_order(catalog: Catalog) -> None:
    """holds() is the hold phases, in the order of the session."""
    timeline = session_timeline([planned(), planned(ROTATION, (20, 20))], catalog)
    assert timeline.holds() == tuple(p for p in timeline.phases if p.kind == "hold")
    assert len(timeline.holds()) == 3 + 6


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (45, "45 s"),
        (59.4, "59 s"),
        (60, "1 min"),
        (200, "3 min 20 s"),
        (599, "9 min 59 s"),
        (600, "about 10 min"),
        (1080, "about 18 min"),
        (1110, "about 18 min"),
    ],
)
def test_durations_read_naturally(seconds: float, text: str) -> None:
    """Seconds under a minute, minutes and seconds under 10 minutes, then about N min."""
    assert duration_text(seconds) == text


# --- wording -------------------------------------------------------------------------------------


def test_a_hold_tells_the_client_what_to_do_and_the_partner_what_to_ask(catalog: Catalog) -> None:
    """Hold cue: instructions; partner prompt: questions and cautions; breathing attached."""
    timeline = session_timeline([planned(cautions=("Bend the knees.",))], catalog, 0)
    hold = timeline.holds()[0]
    assert hold.title == "Seated Thoracic Flexion, hold 1 of 3"
    assert "Breathe into the stretch." in hold.cue
    assert "?" not in hold.cue
    assert hold.partner_prompt.startswith("Ask: How does this feel?")
    assert hold.partner_prompt.endswith("Caution: Bend the knees.")
    assert hold.breathing.startswith("Encourage the person being stretched to breathe deeply")


def test_a_sided_hold_title_names_the_side(catalog: Catalog) -> None:
    """'<name> - right side, hold 2 of 3'."""
    timeline = session_timeline([planned(ROTATION, (20, 20))], catalog, 0)
    assert (
        timeline.holds()[3].title == f"{catalog.stretch(ROTATION).name} - right side, hold 2 of 3"
    )


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "values", [{"get_ready_s": -1}, {"release_s": 3601}, {"get_ready_s": 1.5}, {"release_s": True}]
)
def test_phase_times_must_be_0_to_3600_whole_seconds(values: dict[str, Any]) -> None:
    """A bad default time raises a ValidationError naming it without the '_s'."""
    with pytest.raises(ValidationError) as e:
        PhaseTimes(**values)
    assert e.value.field == next(iter(values)).removesuffix("_s")


@pytest.mark.parametrize(("kind", "duration"), [("nap", 10), ("hold", -1), ("hold", 3601)])
def test_a_phase_refuses_an_unknown_kind_or_a_bad_duration(kind: Any, duration: int) -> None:
    """Only the known kinds, 0-3600 s."""
    with pytest.raises(ValidationError):
        Phase(kind, duration, "title", "cue")


def test_a_warm_up_longer_than_an_hour_is_refused(catalog: Catalog) -> None:
    """61 minutes do not fit in one phase."""
    with pytest.raises(ValidationError):
        session_timeline([planned()], catalog, warm_up_min=61)


def test_an_unknown_stretch_is_refused(catalog: Catalog) -> None:
    """A prescription for a stretch not in the catalog raises a ValidationError naming it."""
    with pytest.raises(ValidationError) as e:
        session_timeline([planned("no-such-stretch")], catalog)
    assert e.value.value == "no-such-stretch"


# --- properties -----------------------------------------------------------------------------


@settings(max_examples=examples(200), deadline=None)
@given(routine=routines(), times=st.builds(PhaseTimes, st.integers(0, 30), st.integers(0, 30)))
def test_a_timeline_adds_up(routine: Routine, times: PhaseTimes) -> None:
    """Total is the sum of phases, none negative, each starts where the one before ended."""
    timeline = session_timeline(routine.planned(), default_catalog(), routine.warm_up_min, times)
    durations = [p.duration_s for p in timeline.phases]
    assert timeline.total_s == sum(durations)
    assert all(d >= 0 for d in durations)
    starts = timeline.starts()
    assert len(starts) == len(timeline.phases)
    assert all(a <= b for a, b in pairwise(starts))
    assert all(b - a == d for (a, b), d in zip(pairwise(starts), durations, strict=False))
    assert all(a < b for (a, b), d in zip(pairwise(starts), durations, strict=False) if d > 0)
    if timeline.phases:
        assert starts[0] == 0
        assert starts[-1] + durations[-1] == timeline.total_s
    expected_holds = sum(
        rx.reps * len(rx.targets) for rx in (i.prescription for i in routine.items)
    )
    assert len(timeline.holds()) == expected_holds


@settings(max_examples=examples(200), deadline=None)
@given(routine=routines(min_items=1))
def test_every_sided_stretch_alternates_sides_evenly(routine: Routine) -> None:
    """Sided stretches hold left, right, left... evenly with a switch between; unsided no side."""
    timeline = session_timeline(routine.planned(), default_catalog(), routine.warm_up_min)
    for item in routine.items:
        rx = item.prescription
        phases = [p for p in timeline.phases if p.stretch_id == item.stretch_id]
        holds = [p for p in phases if p.kind == "hold"]
        if rx.per_side:
            sides = [p.side for p in holds]
            assert sides == ["left", "right"] * rx.reps
            assert sides.count("left") == sides.count("right") == rx.reps
            assert [p.rep for p in holds] == [r for r in range(1, rx.reps + 1) for _ in (0, 1)]
            assert all(p.duration_s == rx.hold_for(p.side) for p in holds)
            between = [p for p in phases if p.kind in ("rest", "switch-side")]
            assert [p.kind for p in between] == ["switch-side"] * (2 * rx.reps - 1)
            assert [p.side for p in between] == sides[1:]
        else:
            assert [p.side for p in holds] == [""] * rx.reps
            assert all(p.duration_s == rx.hold_for("") for p in holds)
            assert "switch-side" not in {p.kind for p in phases}
        assert phases[0].kind == "get-ready"
        assert phases[-1].kind == "release"


@given(st.integers(0, 10 * 3600))
def test_about_minutes_is_the_nearest_whole_minute_the_timer_says(seconds: int) -> None:
    """ "about N minutes" is the nearest whole minute (at least 1), the same N as the timer's
    'about N min' for ten minutes or more."""
    minutes = about_minutes(seconds)
    assert minutes >= 1 and (abs(minutes * 60 - seconds) <= 30 or minutes == 1)
    if seconds >= 600:
        assert duration_text(seconds) == f"about {minutes} min"


# --- the invitation to go further ---------------------------------------------------------


@pytest.mark.parametrize(("built", "read"), [("es", "en"), ("de", "es"), ("en", "de")])
def test_whether_a_hold_invites_further_never_depends_on_the_language(
    catalog: Catalog, built: str, read: str
) -> None:
    """A session planned in one language and eased off in another: the invitation is the
    phase's planned flag, and taking it away leaves no question in any language."""
    with use_language(built):
        holds = session_timeline([planned(SUPINE)], catalog).holds()
    with use_language(read):
        assert holds and all(asks_further(h) for h in holds)
        eased = [without_end_range(h) for h in holds]
    assert not any(asks_further(h) for h in eased)
    questions = {catalog_text(END_RANGE_PROMPT, language) for language in LANGUAGES}
    assert all(q not in h.partner_prompt for q in questions for h in eased)
    assert all(h.partner_prompt for h in eased)


def test_a_hold_without_end_range_assist_is_never_flagged_to_go_further(catalog: Catalog) -> None:
    """Hypermobility and the other gentle-range cautions plan no assist towards end range:
    no hold of theirs carries the invitation, in words or in its flag."""
    item = planned(SUPINE)
    holds = session_timeline([Planned(item.prescription, (), False)], catalog).holds()
    assert holds and not any(asks_further(h) for h in holds)
    assert all(END_RANGE_PROMPT not in h.partner_prompt for h in holds)
