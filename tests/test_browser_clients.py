"""The Clients form in Voila with a real Chromium, as a trainer uses it: search, edit and save,
archive and restore, and delete after a confirmation that names what goes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store
from tests.conftest import ServeNotebook
from tests.pages import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_MS = 30_000


@pytest.fixture(scope="module")
def served(
    serve_notebook: ServeNotebook, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The Clients notebook on a store with Robin (one session, one hold) and Noor."""
    db = tmp_path_factory.mktemp("clients") / "store.db"
    with Store.open(db) as store:
        robin = store.clients.add(ClientDetails("Robin Ashdown", "robin@example.org"))
        store.clients.add(ClientDetails("Noor Calloway", notes="desk job"))
        session = store.sessions.start(robin.id, None)
        store.sessions.log_hold(session.id, HoldEntry("seated-thoracic-flexion", "", 1, 2, 30, 28))
    return serve_notebook("clients.ipynb", db), db


def _choose(page: Any, label: str) -> None:
    page.select_option(".sk-client-list select", index=_labels(page).index(label))


def _labels(page: Any) -> list[str]:
    """The listed clients (ipywidgets shows a label's spaces as no-break spaces)."""
    return [
        o.strip()
        for o in page.eval_on_selector_all(
            ".sk-client-list select option",
            "els => els.map(e => e.textContent.replaceAll('\\u00a0', ' '))",
        )
    ]


def test_a_trainer_finds_edits_archives_and_deletes_a_client(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    url, db = served
    page = open_page(browser, url, ".sk-clients .sk-client-list", 1100, 1000)
    try:
        assert _labels(page) == ["Noor Calloway", "Robin Ashdown · robin@example.org"]
        page.fill(".sk-client-search input", "desk")
        page.wait_for_function(
            "document.querySelectorAll('.sk-client-list option').length === 1", timeout=WAIT_MS
        )
        assert _labels(page) == ["Noor Calloway"]
        page.fill(".sk-client-search input", "")
        page.wait_for_function(
            "document.querySelectorAll('.sk-client-list option').length === 2", timeout=WAIT_MS
        )
        _choose(page, "Robin Ashdown · robin@example.org")
        page.wait_for_function(
            "document.querySelector('.sk-client-name input').value === 'Robin Ashdown'",
            timeout=WAIT_MS,
        )
        page.fill(".sk-client-notes textarea", "prefers mornings")
        page.fill(".sk-client-name input", "")
        page.click(".sk-save-client")
        page.wait_for_selector(".sk-client-message:has-text('a client needs a name')")
        assert page.input_value(".sk-client-notes textarea") == "prefers mornings"
        page.fill(".sk-client-name input", "Robin A. Ashdown")
        page.click(".sk-save-client")
        page.wait_for_selector(".sk-client-message:has-text('Saved the details')")
        page.screenshot(path=str(artifacts / "clients-saved.png"), full_page=True)
        with Store.open(db) as store:
            robin = next(c for c in store.clients.all() if c.name == "Robin A. Ashdown")
            assert robin.details.notes == "prefers mornings"

        page.click(".sk-archive-client")
        page.wait_for_selector(".sk-client-message:has-text('Archived Robin A. Ashdown')")
        with Store.open(db) as store:
            assert [c.name for c in store.clients.active()] == ["Noor Calloway"]
        page.click(".sk-archive-client")  # now Restore
        page.wait_for_selector(".sk-client-message:has-text('Restored Robin A. Ashdown')")

        page.click(".sk-delete-client")
        confirm = page.wait_for_selector(".sk-confirm-text:has-text('everything about them')")
        text = confirm.inner_text()
        assert "Delete Robin A. Ashdown" in text and "1 session with 1 logged hold" in text
        page.screenshot(path=str(artifacts / "clients-delete-confirm.png"), full_page=True)
        page.click(".sk-cancel-delete")
        page.wait_for_selector(".sk-client-message:has-text('Nothing was deleted')")
        with Store.open(db) as store:
            assert store.clients.count() == 2
        page.click(".sk-delete-client")
        page.wait_for_selector(".sk-confirm-text:has-text('everything about them')")
        page.click(".sk-confirm-delete")
        page.wait_for_selector(".sk-client-message:has-text('Deleted Robin A. Ashdown')")
        assert _labels(page) == ["Noor Calloway"]
        assert "Traceback" not in page.content()
    finally:
        page.close()
    with Store.open(db) as store:
        assert [c.name for c in store.clients.all()] == ["Noor Calloway"]
