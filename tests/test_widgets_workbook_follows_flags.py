"""A flag, a painful rating or a report made on one tab of the workbook app reaches every
open screen of that client at once: the Session tab's readiness line, the Screening tab's
answers and note (keeping what else was typed) and the attention list."""

from __future__ import annotations

from datetime import date

import pytest

from stretchkit.store import Store
from stretchkit.widgets.kit.session_timer import SessionTimer
from stretchkit.widgets.workbook.workbook_app import WorkbookApp
from tests.clocks import FakeClock
from tests.screening_form_answers import answer_no_to_everything

TODAY = date(2026, 12, 6)


@pytest.fixture
def app(memory_store: Store) -> WorkbookApp:
    return WorkbookApp(memory_store, lambda: TODAY, clock=FakeClock(), autorun=False)


def _cleared_with_routine(app: WorkbookApp) -> SessionTimer:
    app.manager.start_new()
    app.manager.name.value = "Casey Brook"
    app.manager.add.click()
    answer_no_to_everything(app.screening, age="42")
    app.screening.save.click()
    app.routine.plan_button.click()
    app.routine.save_button.click()
    timer = app.session.timer
    assert timer is not None and "Cleared" in app.session.status.value
    return timer


def _to_hold(timer: SessionTimer) -> None:
    timer.start()
    while timer.runner.phase.kind != "hold":
        timer.skip()


def _attention(app: WorkbookApp) -> str:
    return " ".join(row.children[1].value for row in app.attention.rows.children)


def test_a_numbness_flag_reaches_the_session_line_the_screening_form_and_the_attention_list(
    app: WorkbookApp,
) -> None:
    """Press Numbness / tingling on a hold: the Session tab no longer says Cleared, the
    Screening tab ticks numbness with its note and keeps the notes typed there, and the
    attention list names the flag."""
    timer = _cleared_with_routine(app)
    app.screening.notes.value = "prefers the mat by the window"
    _to_hold(timer)
    timer.flag()
    assert "Cleared" not in app.session.status.value
    assert "sk-error" in app.session.status.value
    assert "Session ended" in timer.title.value  # the ended session stays on view
    assert app.screening.flags["numbness_tingling"].value is True
    assert "Numbness" in app.screening.flag_note.value
    assert app.screening.notes.value == "prefers the mat by the window"
    assert "numbness" in _attention(app).lower()


def test_a_painful_rating_reaches_the_session_line_and_the_screening_form(
    app: WorkbookApp,
) -> None:
    """Rate a hold 9/10: the session ends, and the other screens follow as after a flag."""
    timer = _cleared_with_routine(app)
    _to_hold(timer)
    timer.skip()
    assert timer.logged
    timer.sensation.value = 9
    assert timer.ended_status == "flagged"
    assert "Cleared" not in app.session.status.value
    assert app.screening.flag_note.value != ""


def test_a_report_on_the_screening_tab_reaches_the_session_line(app: WorkbookApp) -> None:
    """Symptoms reported after a session on the Screening tab: the Session tab's readiness
    line no longer says Cleared, with no client chosen twice."""
    _cleared_with_routine(app)
    form = app.screening.symptoms
    form.ticks["numbness-tingling"].value = True
    form.detail.value = "left hand tingled that evening"
    form.send.click()
    assert "Cleared" not in app.session.status.value


def test_a_re_screen_says_above_the_timer_what_changed_in_todays_plan_and_why(
    app: WorkbookApp,
) -> None:
    """The Session tab is open on a 70-year-old's plan; a re-screen with hypermobility is
    saved on the Screening tab: above the timer the Session tab says which holds moved and
    names hypermobility, and the notice stays until the session ends."""
    app.manager.start_new()
    app.manager.name.value = "Robin Ashdown"
    app.manager.add.click()
    answer_no_to_everything(app.screening, age="70")
    app.screening.save.click()
    app.routine.plan_button.click()
    app.routine.save_button.click()
    assert app.session.plan_notice.value == ""
    form = app.screening
    form.flags["hypermobility"].value = True
    for key in form.carried.keys:
        form.carried.confirm_box(key).value = True
    form.save.click()
    assert "Saved: screening" in form.message.value
    said = app.session.plan_notice.value
    assert "Today&#x27;s plan changed with the new screening" in said
    assert "the screening of 6 December 2026 says" in said and "ypermobility" in said
    assert "now 20 s (was" in said, said
    timer = app.session.timer
    assert timer is not None
    timer.start()
    assert app.session.plan_notice.value == said
    timer.stop()
    assert app.session.plan_notice.value == ""
