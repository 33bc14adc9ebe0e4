"""The screening form, driven headlessly the way a trainer fills it in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.screening.intake import Injury
from stretchkit.store import Store
from stretchkit.widgets.workbook.screening_form import ScreeningForm
from tests.screening_form_answers import answer_no_to_everything

TODAY = date(2026, 11, 2)


@pytest.fixture
def form(memory_store: Store) -> ScreeningForm:
    """The form once the trainer has asked every question and the client said 'no' to each."""
    memory_store.clients.add(ClientDetails("Robin Ashdown"))
    form = ScreeningForm(memory_store, today=lambda: TODAY)
    answer_no_to_everything(form)
    return form


def choose_client(form: ScreeningForm, name: str = "Robin Ashdown") -> int:
    client = next(c for c in form.store.clients.all() if c.name == name)
    form.picker.client.value = client.id
    return client.id


def test_the_form_asks_for_an_age_before_showing_a_result(form: ScreeningForm) -> None:
    """A fresh form shows a neutral prompt, no error and no table."""
    assert "Enter the client&#x27;s age" in form.banner.value
    assert form.table.value == ""
    assert all(box.value == "" for box in form.errors.values())


def test_a_healthy_client_is_cleared_for_every_stretch(form: ScreeningForm) -> None:
    """Typing an age with no conditions gives 'Cleared' and 8 allowed stretches."""
    form.age.value = "42"
    assert 'data-status="cleared"' in form.banner.value
    assert form.table.value.count('class="sk-decision-allowed"') == 8


def test_osteoporosis_turns_the_banner_to_do_not_stretch_with_referral(form: ScreeningForm) -> None:
    """Ticking osteoporosis re-screens live: do not stretch, refer, every stretch excluded."""
    form.age.value = "67"
    form.flags["osteoporosis"].value = True
    assert 'data-status="do-not-stretch"' in form.banner.value
    assert "Refer to a healthcare professional" in form.banner.value
    assert form.table.value.count('class="sk-decision-excluded"') == 8
    assert "Upper Back Stretches" in form.table.value


def test_a_shoulder_injury_excludes_only_the_stretches_that_load_or_target_it(
    form: ScreeningForm,
) -> None:
    """Choosing 'Shoulder' as the injury site leaves only the backbend allowed (the extension
    targets the trapezius and latissimus, which reach the shoulder)."""
    form.age.value = "35"
    form.injured.value = True
    form.injuries.add_row("shoulder", "strain")
    assert 'data-status="cleared-with-cautions"' in form.banner.value
    assert form.table.value.count('class="sk-decision-allowed"') == 1
    allowed_row = '<tr class="sk-decision-allowed" data-stretch="standing-backbend-assist">'
    assert allowed_row in form.table.value


def test_an_impossible_age_shows_next_to_the_field_and_keeps_every_answer(
    form: ScreeningForm,
) -> None:
    """Age 400: the error sits by the age field; the typed age and ticked boxes stay."""
    form.flags["hypermobility"].value = True
    form.age.value = "400"
    assert "age: must be a whole number 12-110" in form.errors["age"].value
    assert "400" in form.errors["age"].value
    assert form.age.value == "400"
    assert form.flags["hypermobility"].value is True
    assert form.result is None
    form.age.value = "40"
    assert form.errors["age"].value == ""
    assert 'data-status="cleared-with-cautions"' in form.banner.value


def test_text_in_the_age_field_is_an_error_not_a_crash(form: ScreeningForm) -> None:
    """'forty' is refused with a message naming the field, what to type, and the value."""
    form.age.value = "forty"
    said = form.errors["age"].value
    assert "age: type the age in whole years, e.g. 45; you gave \u201cforty\u201d" in said


def test_a_screening_date_after_today_shows_by_the_date_and_keeps_every_answer(
    form: ScreeningForm,
) -> None:
    """Tomorrow (by the form's clock) is refused next to the date; age and ticks stay."""
    form.age.value = "42"
    form.flags["lower_back_pain"].value = True
    form.taken_on.value = TODAY + timedelta(days=1)
    assert "screening date: cannot be in the future" in form.errors["screening date"].value
    assert form.errors["age"].value == ""
    assert (form.age.value, form.flags["lower_back_pain"].value) == ("42", True)
    assert form.result is None
    client = choose_client(form)
    form.save.click()
    assert "Fix the marked answer first" in form.message.value
    assert form.store.screenings.history(client) == []
    form.taken_on.value = TODAY
    assert form.errors["screening date"].value == ""
    assert form.result is not None and form.result.intake.taken_on == TODAY


@pytest.mark.parametrize("typed", ["\u00b2", "4\u00b2", "9" * 5000, "-40", "40.5", "1e2"])
def test_digits_int_cannot_read_are_an_error_by_the_age_not_a_crash(
    form: ScreeningForm, typed: str
) -> None:
    """A superscript two, a 5000-digit number, a sign or a decimal point: refused by name."""
    form.age.value = typed
    said = form.errors["age"].value
    assert "age: " in said and "whole" in said, said
    assert form.age.value == typed
    assert form.result is None


def test_clearance_lifts_a_needs_clearance_condition(form: ScreeningForm) -> None:
    """A spinal fusion needs clearance; a written clearance covering it, naming who issued it,
    gives cautions instead."""
    form.age.value = "50"
    form.flags["spinal_fusion"].value = True
    assert 'data-status="needs-clearance"' in form.banner.value
    form.has_clearance.value = True
    assert "Enter the date on the clearance" in form.banner.value  # a prompt, not yet an error
    assert form.errors["clearance date"].value == ""
    form.clearance_on.value = date(2026, 10, 1)
    form.clearance_covers.value = ("spinal-fusion",)
    form.clearance_by.value = "Dr Okafor"
    assert 'data-status="cleared-with-cautions"' in form.banner.value


def test_a_clearance_dated_after_the_screening_is_refused_by_its_field(form: ScreeningForm) -> None:
    """Clearance issued after the screening date: error by the clearance date."""
    form.age.value = "50"
    form.has_clearance.value = True
    form.clearance_covers.value = ("par-q",)
    form.clearance_on.value = date(2026, 12, 1)
    assert "cannot be after the screening date" in form.errors["clearance date"].value


def test_saving_needs_a_client_and_then_adds_to_the_history(form: ScreeningForm) -> None:
    """Save without a client asks for one; with a client it stores and lists the screening."""
    form.age.value = "42"
    form.save.click()
    assert "choose or add a client" in form.errors["client"].value
    client = choose_client(form)
    form.save.click()
    assert "Saved: screening of 2026-11-02 for Robin Ashdown" in form.message.value
    form.flags["hypermobility"].value = True
    form.save.click()
    history = form.store.screenings.history(client)
    assert [s.status for s in history] == ["cleared-with-cautions", "cleared"]
    assert "valid until 2027-11-02" in form.history.value
    assert "Superseded" in form.history.value


def test_reporting_a_change_in_health_makes_the_screening_due(form: ScreeningForm) -> None:
    """After a reported change the current screening reads 're-screen due'."""
    form.age.value = "42"
    choose_client(form)
    form.save.click()
    form.change_note.value = "new knee pain"
    form.report.click()
    assert "Health changed since this screening: re-screen due" in form.history.value


def test_adding_a_client_with_no_name_keeps_the_typed_contact(form: ScreeningForm) -> None:
    """An empty name is refused next to the new-client form; the contact stays typed."""
    form.picker.contact.value = "sam@example.org"
    form.picker.add.click()
    assert "name: a client needs a name" in form.picker.error.value
    assert form.picker.contact.value == "sam@example.org"
    form.picker.name.value = "Sam Fairbrook"
    form.picker.add.click()
    assert form.picker.value is not None
    assert form.store.clients.get(form.picker.value).name == "Sam Fairbrook"


def test_the_issued_by_field_is_marked_required_and_an_unnamed_clearance_lifts_nothing(
    form: ScreeningForm,
) -> None:
    """Without a name the fusion still needs clearance; the reason sits by 'Issued by', and
    what was typed and ticked stays; typing the name lifts the rule."""
    form.age.value = "50"
    form.flags["spinal_fusion"].value = True
    form.has_clearance.value = True
    form.clearance_on.value = date(2026, 10, 1)
    form.clearance_covers.value = ("spinal-fusion",)
    assert "*" in form.clearance_by.description
    assert "required" in form.clearance_by.placeholder
    assert 'data-status="needs-clearance"' in form.banner.value
    by_name = form.errors["clearance issued by"].value
    assert "clearance issued by:" in by_name
    assert "does not name the professional who issued it" in by_name
    assert "does not name the professional" in form.banner.value
    assert form.clearance_on.value == date(2026, 10, 1)
    assert form.clearance_covers.value == ("spinal-fusion",)
    form.clearance_by.value = "Dr Okafor"
    assert form.errors["clearance issued by"].value == ""
    assert 'data-status="cleared-with-cautions"' in form.banner.value


def test_a_clearance_over_12_months_old_is_shown_not_to_count(form: ScreeningForm) -> None:
    """Dated 13 months before the screening: needs clearance, and the date field says why."""
    form.age.value = "50"
    form.flags["spinal_fusion"].value = True
    form.has_clearance.value = True
    form.clearance_on.value = date(2025, 10, 1)
    form.clearance_covers.value = ("spinal-fusion",)
    form.clearance_by.value = "Dr Okafor"
    assert 'data-status="needs-clearance"' in form.banner.value
    assert (
        "clearance date: The written clearance dated 2025-10-01 does not count: it is older "
        "than 12 months (PAR-Q+)." in form.errors["clearance date"].value
    )


def test_pregnancy_needs_a_due_date_and_shows_the_trimester_it_gives(form: ScreeningForm) -> None:
    """Ticking pregnancy without a due date asks for it (a prompt, the field not yet marked
    wrong); with one, the trimester and the day the screening ends are shown."""
    form.age.value = "31"
    form.flags["hypermobility"].value = True
    form.pregnancy.value = True
    assert "Enter the due date" in form.banner.value
    assert form.errors["pregnancy due date"].value == ""
    assert form.result is None
    assert form.flags["hypermobility"].value is True
    form.due_on.value = date(2027, 3, 1)
    assert form.errors["pregnancy due date"].value == ""
    assert form.result is not None and form.result.intake.pregnancy_trimester == 2
    assert "Trimester 2 on the screening date" in form.pregnancy_note.value
    assert "holds until 2026-11-30" in form.pregnancy_note.value


def test_a_saved_pregnancy_screening_reads_due_from_the_next_trimester(
    form: ScreeningForm,
) -> None:
    """Screened in the first trimester; opened again on the first day of the second (due date
    - 189 days), the history says a re-screen is due, and why."""
    form.age.value = "31"
    form.pregnancy.value = True
    form.due_on.value = date(2027, 7, 14)
    form.has_clearance.value = True
    form.clearance_on.value = TODAY
    form.clearance_by.value = "Dr Okafor"
    form.clearance_covers.value = ("pregnancy",)
    choose_client(form)
    form.save.click()
    assert "Current, valid until 2027-01-06: the second trimester begins then" in (
        form.history.value
    )
    later = ScreeningForm(form.store, today=lambda: date(2027, 1, 6))
    choose_client(later)
    assert "The second trimester begins on 2027-01-06: re-screen due" in later.history.value


def test_each_reason_shows_once_with_the_stretches_it_applies_to(form: ScreeningForm) -> None:
    """Osteoporosis: three reasons (two articles' general rule, one backbend exclusion), each
    quoted once with its source, instead of a quotation per stretch."""
    form.age.value = "67"
    form.flags["osteoporosis"].value = True
    table = form.table.value
    assert table.count('<li class="sk-reason"') == 3
    assert table.count("Individuals with severe osteoporosis are at increased risk") == 1
    assert "Source: Upper Back Stretches" in table
    assert "Source: Partner Back Stretching" in table
    assert table.count("Applies to:</b> all 8 stretches") == 2
    assert "Applies to:</b> Standing Partner Backbend/Extension Assist</div>" in table
    assert "Reasons 1, 2, 3" in table


def test_the_status_icon_is_drawn_not_a_font_glyph(form: ScreeningForm) -> None:
    """Every status's banner carries an inline SVG icon and no emoji."""
    form.age.value = "50"
    for tick in ("hypermobility", "spinal_fusion", "osteoporosis"):
        form.flags[tick].value = True
        assert '<svg class="sk-status-icon"' in form.banner.value
        assert "\u270b" not in form.banner.value and "&#9995;" not in form.banner.value


def test_no_injury_by_default_and_no_kind_without_an_injury(form: ScreeningForm) -> None:
    """Answered yes, the rows start at 'No injury added yet' with no kind shown, and a result
    waits for one; a row asks where and what kind, each by name, as a prompt (no field is
    marked wrong before anything was chosen); removing it goes back to none, and answering
    no gives the result again."""
    assert form.injuries.layout.display == "none"
    form.injured.value = True
    assert form.injuries.value == () and form.injuries.layout.display is None
    assert form.injuries.none.layout.display is None
    assert form.injuries.list.children == ()
    form.age.value = "40"
    form.flags["hypermobility"].value = True
    assert "Answered yes: add each injury" in form.banner.value
    form.injuries.add.click()
    assert "Choose where injury 1 is" in form.banner.value
    assert form.errors["injury body part"].value == ""
    assert "got" not in form.banner.value and "&#x27;injury 1&#x27;" not in form.banner.value
    assert form.result is None and form.flags["hypermobility"].value is True
    where, kind, remove = form.injuries.rows[0]
    where.value = "neck"
    assert "Choose what kind injury 1 is" in form.banner.value
    assert form.errors["injury kind"].value == ""
    kind.value = "fracture"
    assert form.result is not None
    assert form.result.intake.injuries == (Injury("neck", "fracture"),)
    remove.click()
    assert form.injuries.value == () and form.injuries.none.layout.display is None
    assert form.result is None
    form.injured.value = False
    assert form.result is not None and form.result.intake.injuries == ()


def test_a_blank_injury_row_is_marked_only_when_save_is_pressed(form: ScreeningForm) -> None:
    """Save with an injury row still blank: now the row's field says what to choose, and
    nothing is saved."""
    client = choose_client(form)
    form.age.value = "40"
    form.injured.value = True
    form.injuries.add.click()
    assert form.errors["injury body part"].value == ""
    form.save.click()
    assert "choose where injury 1 is" in form.errors["injury body part"].value
    assert "Not saved: choose where injury 1 is" in form.message.value
    assert form.store.screenings.history(client) == []


def test_two_injuries_are_two_rows(form: ScreeningForm) -> None:
    """Two rows are two injuries; removing the first renumbers the other."""
    form.age.value = "40"
    form.injured.value = True
    form.injuries.add_row("neck", "strain")
    form.injuries.add_row("shoulder", "sprain")
    assert form.result is not None
    assert form.result.intake.injuries == (Injury("neck", "strain"), Injury("shoulder", "sprain"))
    form.injuries.rows[0][2].click()
    assert form.injuries.rows[0][0].description == "Injury 1: where"
    assert form.result.intake.injuries == (Injury("shoulder", "sprain"),)
