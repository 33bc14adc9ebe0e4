"""The workbook app: one tab per screen over one shared client; an attention row opens that
client's progress."""

from __future__ import annotations

from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.store import Store
from stretchkit.views.page_title import PAGE_TITLE_JS, page_title
from stretchkit.widgets.kit.current_client import announce_change
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


def test_the_browser_tab_is_titled_with_the_screen_and_the_client_in_use(
    memory_store: Store,
) -> None:
    """'Clients - stretchkit' at first; 'Screening - Maria Lopez - stretchkit' once Maria is
    chosen and the Screening tab opened; a renamed client is named anew."""
    maria = memory_store.clients.add(ClientDetails("Maria Lopez")).id
    app = WorkbookApp(memory_store)
    assert app.title.value == "Clients - stretchkit"
    assert "sk-page-title" in app.title._dom_classes and app.title.layout.display == "none"
    app.current.client_id = maria
    app.show("Screening")
    assert app.title.value == "Screening - Maria Lopez - stretchkit"
    app.show("Progress")
    assert app.title.value == "Progress - Maria Lopez - stretchkit"
    memory_store.clients.update(maria, ClientDetails("Maria López"))
    announce_change(app.current, maria, "edited")
    assert app.title.value == "Progress - Maria López - stretchkit"


def test_the_page_title_words_and_script() -> None:
    """The title joins the screen, the client and the product; the script follows the
    hidden title element and is shown as an output of its own."""
    assert page_title("Links") == "Links - stretchkit"
    assert page_title("Session", " Robin Ashdown ") == "Session - Robin Ashdown - stretchkit"
    assert ".sk-page-title" in PAGE_TITLE_JS and "document.title" in PAGE_TITLE_JS
