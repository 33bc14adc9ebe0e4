"""Re-screening from what is known: the last screening fills the form in, each answer marked
and confirmed or changed before the new screening saves; the history says what changed."""

from __future__ import annotations

from datetime import date

import pytest

from stretchkit.catalog import default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.screening import screen
from stretchkit.screening.intake import Injury, Intake
from stretchkit.store import Store
from stretchkit.widgets.workbook.screening_form import ScreeningForm

TODAY = date(2026, 11, 2)
EARLIER = Intake(
    date(2025, 3, 10),
    58,
    parq=(False, False, False, False, True, False, False),
    lower_back_pain=True,
    injuries=(Injury("shoulder", "strain"),),
)


@pytest.fixture
def form(memory_store: Store) -> ScreeningForm:
    """A form on a store with Robin (screened on 2025-03-10) and Sam (never screened)."""
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown"))
    memory_store.clients.add(ClientDetails("Sam Fairbrook"))
    memory_store.screenings.add(robin.id, screen(EARLIER, default_catalog()))
    return ScreeningForm(memory_store, today=lambda: TODAY)


def choose(form: ScreeningForm, name: str) -> int:
    client = next(c for c in form.store.clients.all() if c.name == name)
    form.picker.client.value = client.id
    return client.id


def confirm_all_but(form: ScreeningForm, *left: str) -> None:
    for key in form.carried.keys:
        if key not in left:
            form.carried.confirm_box(key).value = True


def test_choosing_a_screened_client_fills_in_the_last_answers_with_the_age_moved_on(
    form: ScreeningForm,
) -> None:
    """58 on 2025-03-10 is 59 on 2026-11-02; the 'yes', the tick and the injury come back, each
    marked as from that screening."""
    choose(form, "Robin Ashdown")
    assert form.age.value == "59"
    assert [t.value for t in form.parq][4] == "Yes"
    assert form.flags["lower_back_pain"].value is True
    assert form.injured.value is True and form.injuries.value == (("shoulder", "strain"),)
    for key in ("age", "parq-1", "parq-5", "lower-back-pain", "injured", "clearance"):
        assert "from the screening of 2025-03-10" in form.carried.note(key)
    assert "still to confirm" in form.carried.summary.value
    # the lower back pain and the shoulder strain leave no stretch, whatever a clearance says
    assert form.result is not None and form.result.status == "do-not-stretch"
    backbend = form.table.value.split('data-stretch="standing-backbend-assist"')[1]
    assert "Reasons 1, 3</td>" in backbend.split("</tr>")[0]  # in order, each once


def test_the_age_follows_the_form_date_not_the_clock(form: ScreeningForm) -> None:
    """A screening dated the day before the birthday-year comes round keeps 58."""
    choose(form, "Robin Ashdown")
    form.taken_on.value = date(2026, 3, 9)
    assert form.age.value == "58"
    form.taken_on.value = date(2026, 3, 10)
    assert form.age.value == "59"


def test_a_carried_no_to_a_parq_question_blocks_saving_until_confirmed(
    form: ScreeningForm,
) -> None:
    """Every answer confirmed but PAR-Q+ 3 (a 'no'): not saved, the message names it, the
    answers stay; ticking it saves."""
    client = choose(form, "Robin Ashdown")
    confirm_all_but(form, "parq-3")
    form.save.click()
    assert "Still to confirm: PAR-Q+ question 3." in form.message.value
    assert form.store.screenings.history(client)[0].taken_on == date(2025, 3, 10)
    assert form.age.value == "59" and form.flags["lower_back_pain"].value is True
    form.carried.confirm_box("parq-3").value = True
    form.save.click()
    assert "Saved: screening of 2026-11-02" in form.message.value
    assert len(form.store.screenings.history(client)) == 2


def test_changing_a_carried_answer_counts_and_changing_it_back_asks_again(
    form: ScreeningForm,
) -> None:
    """Unticking lower back pain marks it changed (no tick needed); ticking it again as it was
    needs a confirmation again."""
    choose(form, "Robin Ashdown")
    confirm_all_but(form, "lower-back-pain")
    form.flags["lower_back_pain"].value = False
    assert "changed since the screening of 2025-03-10" in form.carried.note("lower-back-pain")
    assert form.carried.pending() == []
    form.flags["lower_back_pain"].value = True
    assert form.carried.pending() == ["Significant lower back pain"]


def test_the_history_shows_what_was_declared_and_what_changed(form: ScreeningForm) -> None:
    """After the re-screen: the new row says age 58 -> 59, lower back pain yes -> no, an
    injury added; the first says what was declared then."""
    choose(form, "Robin Ashdown")
    confirm_all_but(form)
    form.flags["lower_back_pain"].value = False
    form.injuries.add_row("lower-back", "sprain")
    form.save.click()
    history = form.history.value
    assert "Age: 58 \u2192 59" in history
    assert "Significant lower back pain: yes \u2192 no" in history
    assert "Injury added: Lower back (sprain)" in history
    assert "Significant lower back pain: yes</li>" in history  # declared in 2025
    assert "First screening" in history
    assert form.carried.summary.value == ""


def test_another_client_never_inherits_the_answers_of_the_last(form: ScreeningForm) -> None:
    """From Robin's carried answers to Sam (never screened): a blank form, every question
    unanswered, nothing marked."""
    choose(form, "Robin Ashdown")
    choose(form, "Sam Fairbrook")
    assert form.age.value == ""
    assert form.flags["lower_back_pain"].value is None
    assert form.injuries.value == ()
    assert [t.value for t in form.parq] == [None] * 7
    assert form.surgery.value is None and form.pregnancy.value is None
    assert form.carried.pending() == [] and form.carried.note("age") == ""


def test_answers_typed_before_choosing_a_new_client_are_kept(form: ScreeningForm) -> None:
    """Typed with no client chosen, then a never-screened client: nothing is lost."""
    form.age.value = "33"
    form.flags["hypermobility"].value = True
    choose(form, "Sam Fairbrook")
    assert form.age.value == "33" and form.flags["hypermobility"].value is True
