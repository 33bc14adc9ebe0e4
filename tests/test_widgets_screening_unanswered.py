"""The screening form answers nothing for the client: every question starts unanswered, and
there is no status and no save until each is answered yes or no."""

from __future__ import annotations

from datetime import date

import pytest

from stretchkit.catalog import default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.store import Store
from stretchkit.widgets.workbook.screening_form import ScreeningForm
from tests.screening_form_answers import answer_no_to_everything

TODAY = date(2026, 11, 2)


@pytest.fixture
def form(memory_store: Store) -> ScreeningForm:
    client = memory_store.clients.add(ClientDetails("Robin Ashdown"))
    form = ScreeningForm(memory_store, today=lambda: TODAY)
    form.picker.client.value = client.id
    return form


def test_a_new_screening_starts_with_every_question_unanswered(form: ScreeningForm) -> None:
    """No PAR-Q+ answer, no condition and no surgery or pregnancy answer is given."""
    assert [t.value for t in form.parq] == [None] * 7
    assert all(box.value is None for box in form.flags.values())
    assert form.injured.value is None
    assert form.surgery.value is None and form.pregnancy.value is None


def test_the_warm_up_and_reduced_flexibility_answers_start_unanswered_and_are_required(
    form: ScreeningForm,
) -> None:
    """Neither context answer starts ticked or unticked: both are yes/no answers the banner
    names until given, and only then is there a status."""
    assert form.warm_up.value is None and form.reduced.value is None
    answer_no_to_everything(form, age="42")
    form.warm_up.value = None
    form.reduced.value = None
    assert form.result is None
    assert "A 5-10 min warm-up is possible" in form.banner.value
    assert "Reduced flexibility" in form.banner.value
    form.warm_up.value, form.reduced.value = False, False
    assert form.result is not None and not form.result.intake.warm_up_possible


def test_an_age_alone_gives_no_status_and_names_what_is_unanswered(form: ScreeningForm) -> None:
    """Typing an age is not 'Cleared for partner stretching': the banner lists the questions
    still to ask, by name."""
    form.age.value = "42"
    assert form.result is None
    assert "Cleared" not in form.banner.value
    assert "Not answered yet: PAR-Q+ questions 1, 2, 3, 4, 5, 6, 7" in form.banner.value
    assert "Osteoporosis or other bone density issues" in form.banner.value


def test_an_unanswered_screening_cannot_be_saved_and_says_which_are_left(
    form: ScreeningForm,
) -> None:
    """All but PAR-Q+ question 4 and pregnancy answered: Save refuses and names those two."""
    answer_no_to_everything(form, age="42")
    form.parq[3].value = None
    form.pregnancy.value = None
    form.save.click()
    assert "Not saved" in form.message.value
    assert "Not answered yet: PAR-Q+ question 4; Pregnancy." in form.message.value
    assert form.store.screenings.history(form.picker.value or 0) == []


def test_once_every_question_is_answered_the_status_shows_and_it_saves(
    form: ScreeningForm,
) -> None:
    """The last answer given, the result appears and Save stores it."""
    answer_no_to_everything(form, age="42")
    form.flags["hypermobility"].value = None
    assert form.result is None
    form.flags["hypermobility"].value = True
    assert 'data-status="cleared-with-cautions"' in form.banner.value
    form.save.click()
    assert "Saved: screening of 2026-11-02" in form.message.value


def test_a_re_screen_carries_the_last_answers_each_to_be_confirmed(form: ScreeningForm) -> None:
    """After a saved screening the next one starts from its answers, not unanswered, and each
    must be confirmed before it saves."""
    client = form.picker.value or 0
    earlier = Intake(date(2026, 3, 1), 41, parq=(True, *(False,) * 6), osteoporosis=True)
    form.store.screenings.add(client, screen(earlier, default_catalog()))
    again = ScreeningForm(form.store, today=lambda: TODAY)
    again.picker.client.value = client
    assert [t.value for t in again.parq] == ["Yes", *["No"] * 6]
    assert again.flags["osteoporosis"].value is True and again.surgery.value == ""
    assert again.unanswered() == ()
    again.save.click()
    assert "confirm with the client, or change, each answer carried over" in again.message.value
