"""The client links notebook in Voila with a real Chromium: create a link by clicking, see its
URL once, revoke it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.link_tokens import key_from_query
from stretchkit.store import Store
from tests.conftest import ServeNotebook
from tests.pages import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BASE = "http://studio.lan:8866/"


@pytest.fixture(scope="module")
def served(
    serve_notebook: ServeNotebook, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The links notebook served on a store with one client, and that store."""
    db = tmp_path_factory.mktemp("links") / "store.db"
    with Store.open(db) as store:
        store.clients.add(ClientDetails("Robin Ashdown"))
    env = {"STRETCHKIT_DASHBOARD_URL": BASE}
    return serve_notebook("client_links.ipynb", db, env), db


def test_a_trainer_creates_a_link_copies_it_and_revokes_it(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """Choosing Robin and pressing Create shows a URL with a key that opens Robin's dashboard,
    with the copy-it-now note; the table lists it by hint; Revoke stops it."""
    url, db = served
    page = open_page(browser, url, ".sk-links .sk-link-create", 1100, 1000)
    try:
        page.select_option(".sk-links .sk-client-picker select", label="Robin Ashdown")
        page.wait_for_selector(".sk-link-table:has-text('No links yet')")
        page.fill(".sk-link-label input", "phone")
        page.click(".sk-link-create")
        page.wait_for_function(
            "document.querySelector('.sk-link-new input')?.value.includes('?key=')",
            timeout=30_000,
        )
        link = page.input_value(".sk-link-new input")
        assert link.startswith(f"{BASE}?key=")
        assert "only a hash is kept" in page.inner_text(".sk-link-created")
        table = page.wait_for_selector(".sk-link-table:has-text('phone')").inner_text()
        token = key_from_query(link.split("?", 1)[1])
        assert token is not None and token not in table and f"{token[:4]}\u2026" in table
        page.screenshot(path=str(artifacts / "links-created-voila.png"), full_page=True)
        with Store.open(db) as store:
            robin = next(c for c in store.clients.all() if c.name == "Robin Ashdown")
            assert store.links.client_for(token) == robin.id
        page.click(".sk-link-revoke")
        page.wait_for_selector(".sk-link-table:has-text('revoked on')", timeout=30_000)
        assert "no longer opens" in page.inner_text(".sk-link-done")
        assert page.query_selector(".sk-link-created").is_hidden()
        page.screenshot(path=str(artifacts / "links-revoked-voila.png"), full_page=True)
        assert "Traceback" not in page.content()
    finally:
        page.close()
    with Store.open(db) as store:
        assert store.links.client_for(token) is None
