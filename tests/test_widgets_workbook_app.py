"""The workbook app: one tab per screen over one shared client; an attention row opens that
client's progress."""

from __future__ import annotations

from stretchkit.demo.seeding import seed_demo_data
from stretchkit.store import Store
from stretchkit.widgets.workbook.workbook_app import TABS, WorkbookApp


def test_an_attention_row_opens_that_clients_progress_and_every_tab_follows(
    memory_store: Store,
) -> None:
    seed_demo_data(memory_store)
    app = WorkbookApp(memory_store)
    assert app.tabs.titles == TABS and app.current.client_id is None
    rows = app.attention.rows.children
    assert rows, "the demo has clients needing attention"
    opens = rows[0].children[0]
    opens.click()
    chosen = app.current.client_id
    name = memory_store.clients.get(chosen).name
    assert opens.description == name
    assert app.tabs.selected_index == TABS.index("Progress")
    for screen in (app.screening, app.routine, app.session, app.progress, app.links):
        assert screen.picker.value == chosen
    assert app.clients.value == chosen
