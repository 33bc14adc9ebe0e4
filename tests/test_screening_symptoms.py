"""Numbness, tingling, weakness and sharp pain, flagged or reported: what the next screening
must answer before the client may be stretched again (pure core, no store)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.catalog import Catalog
from stretchkit.errors import ValidationError
from stretchkit.screening import screen
from stretchkit.screening.intake import Clearance, Intake
from stretchkit.screening.symptoms import (
    Screened,
    SymptomFlag,
    flag_problems,
    open_flags,
    report_note,
    symptoms_in,
)

FLAG_DAY = date(2026, 11, 2)
AT = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
NUMB = SymptomFlag("numbness-tingling", FLAG_DAY, AT)


def _cleared(day: date, by: str = "Dr Ana Ortiz", covers: str = "numbness-tingling") -> Clearance:
    return Clearance(day, (covers,), by)


def _screened(intake: Intake, later: bool = True) -> Screened:
    return Screened(intake.taken_on, AT + timedelta(hours=1 if later else -1), intake)


def test_a_session_flags_note_names_its_symptom() -> None:
    """The notes a session flag writes, and a trainer's own words, are read as symptoms."""
    assert symptoms_in("Numbness or tingling during Seated thoracic rotation") == (
        "numbness-tingling",
    )
    assert symptoms_in("Weakness during Cat-cow, rep 2") == ("weakness",)
    assert symptoms_in("Sharp pain during Child's pose") == ("pain",)
    assert symptoms_in("Told us: left leg feels numb and weak") == (
        "numbness-tingling",
        "weakness",
    )
    assert symptoms_in("Told us: new back pain") == ()
    assert symptoms_in("client number 3 moved house") == ()


def test_a_report_after_a_session_is_read_back_as_its_symptom() -> None:
    """What a report writes is read back as the symptom reported, with the detail kept."""
    for symptom in ("pain", "numbness-tingling", "weakness"):
        assert symptoms_in(report_note(symptom, "after the walk home")) == (symptom,)  # type: ignore[arg-type]


def test_a_re_screen_that_says_no_after_a_numbness_flag_is_a_problem(catalog: Catalog) -> None:
    """The old 'no', confirmed the same day, does not settle the flag: it names the session."""
    intake = Intake(FLAG_DAY, 40)
    problems = flag_problems(intake, (NUMB,))
    assert problems
    assert "Numbness or tingling was flagged in the session of 2026-11-02" in problems[0]
    assert open_flags((NUMB,), [_screened(intake)]) == (NUMB,)
    assert screen(intake, catalog).allowed()  # the screening alone would allow stretching


def test_yes_with_a_named_clearance_dated_since_the_flag_settles_it(catalog: Catalog) -> None:
    """'Yes', and a named professional's clearance dated on or after the flag, settle it, and
    the screening then allows stretching with caution."""
    intake = Intake(
        FLAG_DAY + timedelta(days=3), 40, numbness_tingling=True, clearance=_cleared(FLAG_DAY)
    )
    assert flag_problems(intake, (NUMB,)) == ()
    assert open_flags((NUMB,), [_screened(intake)]) == ()
    result = screen(intake, catalog)
    assert result.status == "cleared-with-cautions" and result.allowed()


@pytest.mark.parametrize(
    "clearance",
    [
        None,
        _cleared(FLAG_DAY - timedelta(days=1)),
        _cleared(FLAG_DAY, by=""),
        _cleared(FLAG_DAY, covers="par-q"),
    ],
    ids=["none", "dated-before-the-flag", "unnamed", "covering-something-else"],
)
def test_without_a_fitting_clearance_yes_still_leaves_the_flag_open(
    clearance: Clearance | None, catalog: Catalog
) -> None:
    """No clearance, one dated before the flag, unnamed, or covering something else: open."""
    intake = Intake(FLAG_DAY + timedelta(days=3), 40, numbness_tingling=True, clearance=clearance)
    problems = flag_problems(intake, (NUMB,))
    assert any("dated 2026-11-02 or later" in p for p in problems)
    assert open_flags((NUMB,), [_screened(intake)]) == (NUMB,)


def test_weakness_is_an_answer_with_the_effect_of_numbness(catalog: Catalog) -> None:
    """Weakness alone rules out every stretch until cleared, as numbness or tingling does."""
    weak = screen(Intake(FLAG_DAY, 40, weakness=True), catalog)
    numb = screen(Intake(FLAG_DAY, 40, numbness_tingling=True), catalog)
    assert weak.status == numb.status == "do-not-stretch" and not weak.allowed()
    flag = SymptomFlag("weakness", FLAG_DAY, AT)
    assert flag_problems(Intake(FLAG_DAY, 40, numbness_tingling=True), (flag,))


def test_a_sharp_pain_flag_is_settled_by_a_screening_after_it() -> None:
    """Sharp pain is asked again at the next screening; a screening before it settles nothing."""
    pain = SymptomFlag("pain", FLAG_DAY, AT)
    intake = Intake(FLAG_DAY, 40)
    assert open_flags((pain,), [_screened(intake, later=False)]) == (pain,)
    assert open_flags((pain,), [_screened(intake)]) == ()
    assert flag_problems(intake, (pain,)) == ()
    assert pain.said == "Sharp pain was flagged in the session of 2026-11-02"


def test_a_flag_needs_a_known_symptom_and_origin() -> None:
    """An unknown symptom or origin is refused, naming it."""
    with pytest.raises(ValidationError, match="symptom"):
        SymptomFlag("dizziness", FLAG_DAY, AT)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="symptom origin"):
        SymptomFlag("pain", FLAG_DAY, AT, "neighbour")  # type: ignore[arg-type]


@given(
    answer=st.booleans(),
    weak=st.booleans(),
    days=st.integers(-400, 400),
    named=st.booleans(),
    taken=st.integers(0, 30),
)
def test_nothing_settles_a_nerve_flag_without_yes_and_a_newer_named_clearance(
    answer: bool, weak: bool, days: int, named: bool, taken: int
) -> None:
    """Whatever a re-screen says, a nerve flag is settled only by 'yes' and a named clearance
    dated on or after the flag that still counts on the screening day."""
    taken_on = FLAG_DAY + timedelta(days=taken)
    issued = min(FLAG_DAY + timedelta(days=days), taken_on)
    clearance = _cleared(issued, by="Dr Ana Ortiz" if named else "")
    intake = Intake(taken_on, 40, numbness_tingling=answer, weakness=weak, clearance=clearance)
    settled = not open_flags((NUMB,), [_screened(intake)])
    assert settled == (answer and named and issued >= FLAG_DAY)
