"""The screening form asks for the date of a recent surgery, and says when a written clearance
predates what it would cover."""

from __future__ import annotations

from datetime import date

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.store import Store
from stretchkit.widgets.workbook.screening_form import ScreeningForm
from tests.screening_form_answers import answer_no_to_everything

TODAY = date(2026, 11, 2)


@pytest.fixture
def form(memory_store: Store) -> ScreeningForm:
    memory_store.clients.add(ClientDetails("Robin Ashdown"))
    form = ScreeningForm(memory_store, today=lambda: TODAY)
    answer_no_to_everything(form, age="50")
    return form


def test_ticking_a_recent_surgery_asks_for_its_date(form: ScreeningForm) -> None:
    """The date field shows with the surgery; without a date there is no result, and the
    result's place says what to enter (a prompt: the field is marked only if Save is
    pressed without it)."""
    assert form.surgery_box.layout.display == "none"
    form.surgery.value = "hip"
    assert form.surgery_box.layout.display is None
    assert form.result is None
    assert "Enter the date of the surgery" in form.banner.value
    assert form.errors["recent surgery date"].value == ""
    form.surgery_on.value = date(2026, 10, 19)
    assert form.result is not None and form.errors["recent surgery date"].value == ""


def test_a_surgery_date_after_the_screening_is_named_by_its_field_and_kept(
    form: ScreeningForm,
) -> None:
    """A future date: the field and the value are named, and what was typed stays."""
    form.surgery.value = "back"
    form.surgery_on.value = date(2026, 11, 20)
    error = form.errors["recent surgery date"].value
    assert "recent surgery date" in error and "2026-11-20" in error
    assert "cannot be after the screening date 2026-11-02" in error
    assert form.result is None
    assert (form.surgery.value, form.surgery_on.value) == ("back", date(2026, 11, 20))


def test_a_clearance_from_before_the_surgery_does_not_lift_it_and_says_why(
    form: ScreeningForm,
) -> None:
    """A nine-month-old clearance and a surgery two weeks ago: needs clearance, and the
    clearance date field says the clearance is not dated after the surgery."""
    form.surgery.value = "hip"
    form.surgery_on.value = date(2026, 10, 19)
    form.has_clearance.value = True
    form.clearance_on.value = date(2026, 2, 5)
    form.clearance_covers.value = ("recent-surgery",)
    form.clearance_by.value = "Dr Okafor"
    assert 'data-status="needs-clearance"' in form.banner.value
    said = form.errors["clearance date"].value
    assert "not dated after the recent surgery of 2026-10-19" in said
    form.clearance_on.value = date(2026, 10, 30)
    assert 'data-status="cleared-with-cautions"' in form.banner.value
    assert form.errors["clearance date"].value == ""


def test_a_re_screen_carries_the_surgery_date_to_be_confirmed(form: ScreeningForm) -> None:
    """Saved with its date, the surgery comes back with it on the next screening."""
    client = next(c for c in form.store.clients.all()).id
    form.picker.client.value = client
    answer_no_to_everything(form, age="50")
    form.surgery.value = "other"
    form.surgery_on.value = date(2026, 9, 1)
    form.save.click()
    assert "Saved" in form.message.value
    again = ScreeningForm(form.store, today=lambda: TODAY)
    again.picker.client.value = client
    assert (again.surgery.value, again.surgery_on.value) == ("other", date(2026, 9, 1))
    assert "from the screening of 2026-11-02" in again.carried.note("surgery")


def test_a_pregnancy_clearance_from_an_earlier_trimester_is_shown_not_to_count(
    form: ScreeningForm,
) -> None:
    """Due 2027-03-01, screened in the second trimester with a first-trimester clearance:
    needs clearance, and the clearance date field names both trimesters."""
    form.pregnancy.value = True
    form.due_on.value = date(2027, 3, 1)
    form.has_clearance.value = True
    form.clearance_on.value = date(2026, 8, 1)
    form.clearance_covers.value = ("pregnancy",)
    form.clearance_by.value = "Midwife Ellis"
    assert 'data-status="needs-clearance"' in form.banner.value
    said = form.errors["clearance date"].value
    assert "issued in trimester 1 and the client is now in trimester 2" in said
    form.clearance_on.value = date(2026, 10, 1)
    assert 'data-status="cleared-with-cautions"' in form.banner.value
