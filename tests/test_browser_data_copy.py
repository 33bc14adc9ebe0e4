"""'Download my data' as a client uses it: on a 360 px phone, the dashboard's button makes
their copy and the browser saves the ZIP, which holds their record and nobody else's."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.pages import open_page
from tests.servers import dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLIENT = "Jules Calloway"


@pytest.fixture(scope="module")
def links(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """`stretchkit dashboard --demo` on a store of its own: the demo clients' links."""
    db = tmp_path_factory.mktemp("data-copy") / "store.db"
    with dashboard(db, pool_size=1) as (_url, demo_links):
        yield demo_links


def test_a_client_downloads_their_data_as_a_zip_on_a_phone(
    browser: Any, links: dict[str, str], artifacts: Path, tmp_path: Path
) -> None:
    """The button makes the file, the link saves it (a real download), and the ZIP's JSON
    is the client's own, with every CSV and the README; the page never scrolls sideways."""
    page = open_page(browser, links[CLIENT], ".sk-data-copy", 360, 2400)
    try:
        page.locator(".sk-data-copy").scroll_into_view_if_needed()
        page.click(".sk-data-copy")
        saved = page.locator(".sk-data-copy-result a.sk-download")
        saved.wait_for(timeout=60_000)
        with page.expect_download(timeout=60_000) as started:
            saved.click()
        download = started.value
        assert download.suggested_filename.startswith("jules-calloway-my-data-")
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        with zipfile.ZipFile(target) as archive:
            names = set(archive.namelist())
            data = json.loads(archive.read("my-data.json"))
        assert {"README.txt", "history.csv", "screenings.csv"} <= names
        assert data["client"]["name"] == CLIENT and data["sessions"]
        others = [name for name in links if name != CLIENT]
        assert not any(name in json.dumps(data) for name in others)
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        page.screenshot(path=str(artifacts / "dashboard-phone-data-copy.png"))
    finally:
        page.close()
