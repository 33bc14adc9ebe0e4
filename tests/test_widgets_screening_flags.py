"""The screening form after a flag or a report: the answer starts ticked with why, 'no' cannot
be saved, the clearance it needs is named; the trainer reports symptoms after a session."""

from __future__ import annotations

from datetime import date

import pytest

from stretchkit.catalog import default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.services.readiness import readiness
from stretchkit.store import Store
from stretchkit.store.sessions import FLAG_SOURCE
from stretchkit.widgets.workbook.screening_form import ScreeningForm

TODAY = date(2026, 11, 2)
NOTE = "Numbness or tingling during Seated thoracic rotation, right, rep 1"


@pytest.fixture
def store(memory_store: Store) -> Store:
    """Robin, screened a month ago with every answer 'no'."""
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown"))
    memory_store.screenings.add(robin.id, screen(Intake(date(2026, 10, 1), 40), default_catalog()))
    return memory_store


def _robin(store: Store) -> int:
    return store.clients.all()[0].id


def _form(store: Store) -> ScreeningForm:
    form = ScreeningForm(store, today=lambda: TODAY)
    form.picker.client.value = _robin(store)
    return form


def _confirm_all(form: ScreeningForm) -> None:
    for key in form.carried.keys:
        form.carried.confirm_box(key).value = True


def test_after_a_numbness_flag_the_answer_starts_ticked_and_says_why(store: Store) -> None:
    """The re-screen after a session's numbness flag starts with 'yes', naming the session."""
    store.screenings.report_health_change(_robin(store), TODAY, NOTE, FLAG_SOURCE)
    form = _form(store)
    assert form.flags["numbness_tingling"].value is True
    assert "Numbness or tingling was flagged in the session of 2026-11-02" in form.flag_note.value
    assert "dated 2026-11-02 or later" in form.flag_note.value


def test_unticking_a_flagged_answer_cannot_be_saved(store: Store) -> None:
    """The trainer unticks it and confirms the rest: Save refuses and the store keeps only the
    old screening; the client is still not ready."""
    client = _robin(store)
    store.screenings.report_health_change(client, TODAY, NOTE, FLAG_SOURCE)
    form = _form(store)
    form.flags["numbness_tingling"].value = False
    _confirm_all(form)
    form.save.click()
    assert "flagged in the session of 2026-11-02" in form.message.value
    assert "sk-error" in form.message.value
    assert len(store.screenings.history(client)) == 1
    assert not readiness(store, default_catalog(), client, TODAY).ready


def test_a_sharp_pain_flag_ticks_severe_pain_and_shows_it(store: Store) -> None:
    """Sharp pain in a session is asked about again: severe pain starts ticked, with why."""
    store.screenings.report_health_change(
        _robin(store), TODAY, "Sharp pain during Cat-cow, rep 2", FLAG_SOURCE
    )
    form = _form(store)
    assert form.flags["severe_pain"].value is True
    assert "Sharp pain was flagged in the session of 2026-11-02" in form.flag_note.value


def test_weakness_is_a_screening_answer(store: Store) -> None:
    """The form asks about weakness beside numbness and tingling; 'yes' rules out stretching."""
    form = _form(store)
    form.flags["weakness"].value = True
    assert form.result is not None and form.result.status == "do-not-stretch"


def test_the_trainer_reports_weakness_after_a_session_and_the_answer_is_ticked(
    store: Store,
) -> None:
    """Weakness reported after a session is saved as a health change and ticks the answer."""
    client = _robin(store)
    form = _form(store)
    form.symptoms.ticks["weakness"].value = True
    form.symptoms.detail.value = "left leg, the evening after"
    form.symptoms.send.click()
    assert "Recorded: weakness" in form.symptoms.message.value
    [change] = store.screenings.health_changes(client)
    assert change.note == "Weakness during or after stretching: left leg, the evening after"
    assert change.source == "trainer, after stretching"
    assert form.flags["weakness"].value is True
    assert "Weakness was reported by the trainer on 2026-11-02" in form.flag_note.value
    assert not readiness(store, default_catalog(), client, TODAY).ready


def test_a_report_with_nothing_ticked_saves_nothing(store: Store) -> None:
    """No symptom ticked: the form says so and nothing is written."""
    form = _form(store)
    form.symptoms.send.click()
    assert "tick at least one" in form.symptoms.message.value
    assert store.screenings.health_changes(_robin(store)) == []


def test_yes_with_a_named_clearance_dated_since_the_flag_saves_and_allows_stretching(
    store: Store,
) -> None:
    """Kept 'yes', with Dr Ortiz's clearance of the flag's day covering numbness: saved, the
    form's warning goes and the client may be stretched, with caution."""
    client = _robin(store)
    store.screenings.report_health_change(client, TODAY, NOTE, FLAG_SOURCE)
    form = _form(store)
    form.has_clearance.value = True
    form.clearance_on.value = TODAY
    form.clearance_by.value = "Dr Ana Ortiz"
    form.clearance_covers.value = ("numbness-tingling",)
    assert "Not ready to stretch" not in form.flag_note.value
    _confirm_all(form)
    form.save.click()
    assert "sk-saved" in form.message.value
    ready = readiness(store, default_catalog(), client, TODAY)
    assert ready.ready and ready.screening is not None
    assert ready.screening.status == "cleared-with-cautions"


def test_a_refused_no_reads_as_plain_words_and_the_result_is_never_cleared(store: Store) -> None:
    """After a numbness flag, 'No' to numbness is refused in plain words naming the answer
    (no field key, no 'got False'), and the live result says Not ready to stretch, never
    Cleared."""
    client = _robin(store)
    store.screenings.report_health_change(client, TODAY, NOTE, FLAG_SOURCE)
    form = _form(store)
    form.flags["numbness_tingling"].value = False
    _confirm_all(form)
    assert "Not ready to stretch" in form.banner.value
    assert "Cleared" not in form.banner.value
    form.save.click()
    said = form.message.value
    assert "the answer to numbness or tingling stays Yes until" in said
    assert "got False" not in said and "numbness tingling:" not in said
