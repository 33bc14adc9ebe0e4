"""'Download my data' as a client uses it: on a 360 px phone, the dashboard's button makes
their copy and the browser saves the ZIP, which holds their record and nobody else's."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from stretchkit.store import Store
from tests.pages import open_page
from tests.story_clients import add_story_client, add_story_client_with_link

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLIENT = "Jules Datacopy"


def test_a_client_downloads_their_data_as_a_zip_on_a_phone(
    browser: Any, client_dashboard: tuple[str, Path], artifacts: Path, tmp_path: Path
) -> None:
    """The button makes the file, the link saves it (a real download), and the ZIP's JSON
    is the client's own, with every CSV and the README, and names no other client of the
    store; the page never scrolls sideways."""
    url, db = client_dashboard
    add_story_client(db, "Kai Datacopy", "Kai Elderfield")  # another client in the store
    link = add_story_client_with_link(db, CLIENT, "Jules Calloway", url)
    page = open_page(browser, link, ".sk-data-copy", 360, 2400)
    try:
        page.locator(".sk-data-copy").scroll_into_view_if_needed()
        page.click(".sk-data-copy")
        saved = page.locator(".sk-data-copy-result a.sk-download")
        saved.wait_for(timeout=60_000)
        with page.expect_download(timeout=60_000) as started:
            saved.click()
        download = started.value
        assert download.suggested_filename.startswith("jules-datacopy-my-data-")
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        with zipfile.ZipFile(target) as archive:
            names = set(archive.namelist())
            data = json.loads(archive.read("my-data.json"))
        assert {"README.txt", "history.csv", "screenings.csv"} <= names
        assert data["client"]["name"] == CLIENT and data["sessions"]
        with Store.open(db) as store:
            others = [c.name for c in store.clients.all() if c.name != CLIENT]
        assert "Kai Datacopy" in others and not any(name in json.dumps(data) for name in others)
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        page.screenshot(path=str(artifacts / "dashboard-phone-data-copy.png"))
    finally:
        page.close()
