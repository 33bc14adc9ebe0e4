"""The Access tab of the workbook app in Voila with a real Chromium: choose a client, read who
did what and when, filter by kind."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.services.client_records import edit_client, get_client
from stretchkit.services.history_files import export_client
from stretchkit.store import Store
from stretchkit.store.access_values import Actor
from tests.conftest import ServeNotebook
from tests.pages import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_MS = 30_000
ROBIN = "Robin Ashdown"


@pytest.fixture(scope="module")
def served(
    serve_notebook: ServeNotebook, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The workbook on a store where Robin was read, edited, read by a command and exported."""
    folder = tmp_path_factory.mktemp("access")
    db = folder / "store.db"
    with Store.open(db) as store:
        robin = store.clients.add(ClientDetails(ROBIN)).id
        for hour, use in enumerate(
            (
                lambda: get_client(store, robin),
                lambda: edit_client(store, robin, ClientDetails(ROBIN, "robin@example.org")),
                lambda: export_client(store, robin, folder / "robin.csv"),
            )
        ):
            store.access_log.clock = lambda h=hour: datetime(2026, 11, 30, 9 + h, tzinfo=UTC)
            use()
        store.access_log.acting_as(Actor("cli", "local", "cli"))
        get_client(store, robin)
    return serve_notebook("workbook.ipynb", db), db


def test_the_access_tab_lists_a_clients_entries_newest_first_and_filters_them(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """Robin's entries newest first (the page's own reads of Robin on top), each saying who
    and from where; 'CSV exported' keeps one."""
    url, _db = served
    page = open_page(browser, url, ".sk-workbook-tabs", 1200, 900)
    try:
        page.click(".sk-workbook-tabs .lm-TabBar-tab:has-text('Access')")
        page.wait_for_selector(".lm-TabBar-tab.lm-mod-current:has-text('Access')")
        page.select_option(".sk-access .sk-client-picker select", label=ROBIN)
        table = page.wait_for_selector(".sk-access-list table", timeout=WAIT_MS)
        rows = table.query_selector_all("tbody tr")
        texts = [r.inner_text() for r in rows]
        assert len(texts) >= 4  # the page's own reads of Robin come first
        assert "cli local" in texts[-4] and "CSV exported" in texts[-3]
        assert "client details changed" in texts[-2] and "client details viewed" in texts[-1]
        page.screenshot(path=str(artifacts / "access-view-voila.png"), full_page=True)
        page.select_option(".sk-access .sk-access-kind select", label="CSV exported")
        page.wait_for_function(
            "document.querySelectorAll('.sk-access-list tbody tr').length === 1",
            timeout=WAIT_MS,
        )
        assert "11:00:00 UTC" in page.inner_text(".sk-access-list tbody tr")
    finally:
        page.close()
