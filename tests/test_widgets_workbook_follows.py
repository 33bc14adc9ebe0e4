"""The workbook app shows what the store has now: a change made on one tab reaches every
other tab at once, with no reload and no choosing the client twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from stretchkit.progress.history_csv import COLUMNS
from stretchkit.store import Store
from stretchkit.widgets.kit.client_picker import ClientPicker
from stretchkit.widgets.workbook.workbook_app import TABS, WorkbookApp
from tests.clocks import FakeClock
from tests.screening_form_answers import answer_no_to_everything

TODAY = date(2026, 11, 2)
TWO_SESSIONS = (
    f"{','.join(COLUMNS)}\n"
    "session,2026-01-05T09:00:00+01:00,home,completed,,,,,,,,,,,,,,\n"
    "hold,2026-01-06,,,,2026-01-06 10:00,seated-thoracic-rotation,left,1,2,20,20,,yes,,,,\n"
).encode()


@pytest.fixture
def app(memory_store: Store) -> WorkbookApp:
    return WorkbookApp(memory_store, lambda: TODAY, clock=FakeClock(), autorun=False)


def _pickers(app: WorkbookApp) -> list[object]:
    screens = (app.screening, app.routine, app.session, app.progress, app.links)
    return [app.clients, *(screen.picker for screen in screens)]


def _add(app: WorkbookApp, name: str) -> int:
    app.manager.start_new()
    app.manager.name.value = name
    app.manager.add.click()
    assert app.current.client_id is not None
    return app.current.client_id


def _has_form(picker: ClientPicker) -> bool:
    """True when the picker shows an 'add client' form of its own."""
    return picker.new_form in picker.children


def test_the_workbook_has_one_place_to_add_a_client(app: WorkbookApp) -> None:
    """No tab's picker carries a form of its own: only the Clients tab's manager adds."""
    assert not any(_has_form(p) for p in _pickers(app))  # type: ignore[arg-type]


def _screen(app: WorkbookApp) -> None:
    answer_no_to_everything(app.screening, age="42")
    app.screening.save.click()
    assert "Saved: screening" in app.screening.message.value


def _attention(app: WorkbookApp) -> str:
    return " ".join(row.children[1].value for row in app.attention.rows.children)


def test_a_client_added_on_the_clients_tab_is_in_every_picker_at_once(app: WorkbookApp) -> None:
    """Add two clients on the Clients tab: each is listed and chosen in every picker."""
    robin = _add(app, "Robin Ashdown")
    avery = _add(app, "Avery Fairbrook")
    for picker in _pickers(app):
        listed = dict(picker.client.options)  # type: ignore[attr-defined]
        assert listed["Robin Ashdown"] == robin and listed["Avery Fairbrook"] == avery
        assert picker.value == avery  # type: ignore[attr-defined]


def test_new_client_on_a_tab_opens_the_one_form_on_the_clients_tab(app: WorkbookApp) -> None:
    """The Routine tab's 'New client' opens the Clients tab's form; the client added there is
    listed, chosen, confirmed and counted at once."""
    robin = _add(app, "Robin Ashdown")
    app.show("Routine")
    assert not _has_form(app.routine.picker)
    button = app.routine.picker.children[0].children[1]
    assert button.description == "New client"
    button.click()
    assert app.tabs.selected_index == TABS.index("Clients")
    assert app.manager.value is None and app.manager.add.layout.display is None
    assert app.current.client_id == robin  # the other tabs keep their client meanwhile
    app.manager.name.value = "Kit Morrow"
    app.manager.add.click()
    assert app.manager.message.value == "Added Kit Morrow."
    assert "2 clients" in app.attention.summary.value
    chosen = app.current.client_id
    assert chosen is not None
    assert chosen in dict(app.manager.list.options).values()
    assert app.manager.value == chosen


def test_a_saved_screening_lets_the_routine_tab_plan_at_once(app: WorkbookApp) -> None:
    """Before the screening the Routine tab refuses; after it is saved it plans."""
    _add(app, "Robin Ashdown")
    assert "Not screened yet" in app.routine.readiness_view.value
    app.routine.plan_button.click()
    assert app.routine.routine is None
    _screen(app)
    assert "Screened on 2026-11-02" in app.routine.readiness_view.value
    app.routine.plan_button.click()
    assert app.routine.routine is not None and app.routine.errors["client"].value == ""


def test_a_saved_routine_is_todays_plan_on_the_session_tab(app: WorkbookApp) -> None:
    """Save a routine on the Routine tab: the Session tab shows its targets and a timer."""
    _add(app, "Robin Ashdown")
    _screen(app)
    assert app.session.timer is None
    app.routine.plan_button.click()
    app.routine.save_button.click()
    assert "Saved:" in app.routine.message.value
    assert app.session.timer is not None
    assert app.session.targets.value != ""
    assert "No routine" not in app.session.status.value


def test_the_attention_list_follows_each_change(app: WorkbookApp) -> None:
    """A new client is listed as not screened; once screened that reason is gone, on the
    Clients tab and on the Progress tab alike."""
    _add(app, "Robin Ashdown")
    assert "not screened yet" in _attention(app)
    _screen(app)
    assert "not screened yet" not in _attention(app)
    assert "on track" in app.attention.summary.value
    assert "on track" in app.progress.attention.value


def test_an_ended_session_is_announced_to_the_other_tabs(app: WorkbookApp) -> None:
    """Run a session and stop it: the attention list and progress are recomputed."""
    _add(app, "Robin Ashdown")
    _screen(app)
    app.routine.plan_button.click()
    app.routine.save_button.click()
    heard: list[str] = []
    app.current.events.subscribe(lambda change: heard.append(change.what))
    timer = app.session.timer
    assert timer is not None
    timer.start()
    timer.stop()
    assert heard == ["session ended"]
    assert app.session.timer is timer  # the finished session stays on view
    assert "Next session" in app.session.after.value


def test_a_history_imported_on_the_progress_tab_reaches_the_attention_list(
    memory_store: Store,
) -> None:
    """Sessions imported from a CSV file: 'no session yet' is gone from the Clients tab and
    the import's result stays in view on the Progress tab."""
    app = WorkbookApp(memory_store, lambda: date(2026, 1, 8), autorun=False)
    _add(app, "Robin Ashdown")
    _screen(app)
    app.routine.plan_button.click()
    app.routine.save_button.click()
    assert "no session yet" in _attention(app)
    app.progress.transfer.upload.value = (
        {
            "name": "robin.csv",
            "type": "text/csv",
            "size": len(TWO_SESSIONS),
            "content": memoryview(TWO_SESSIONS),
            "last_modified": datetime(2026, 1, 7, tzinfo=UTC),
        },
    )
    app.progress.transfer.import_button.click()
    assert "no session yet" not in _attention(app)
    assert "Imported 2 sessions" in app.progress.transfer.result.value


def test_a_failing_screen_does_not_stop_a_save_or_the_other_tabs(app: WorkbookApp) -> None:
    """A subscriber that fails first: the routine is still saved and the Session tab shows it."""

    def broken(_change: object) -> None:
        raise RuntimeError("a screen went wrong")

    _add(app, "Robin Ashdown")
    app.current.events.subscribe(broken)
    _screen(app)
    app.routine.plan_button.click()
    app.routine.save_button.click()
    assert "Saved:" in app.routine.message.value
    assert app.session.timer is not None


def test_two_apps_keep_their_own_hubs(memory_store: Store) -> None:
    """Two apps on one store: a change in one is not announced in the other."""
    one = WorkbookApp(memory_store, lambda: TODAY, autorun=False)
    other = WorkbookApp(memory_store, lambda: TODAY, autorun=False)
    heard: list[object] = []
    other.current.events.subscribe(heard.append)
    _add(one, "Robin Ashdown")
    assert one.current.events is not other.current.events and heard == []
