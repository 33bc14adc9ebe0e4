"""A new link handed over as a trainer does it, in the Links notebook in a real Chromium: the
note on who can open it, the Copy button, and a QR code a phone reads as the link; on a
1280 px screen and a 390 px phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.store import Store
from tests.axe import check_accessibility
from tests.conftest import ServeNotebook
from tests.pages import SHOWN_MS, VOILA_MS
from tests.qr_reading import decode_qr

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLIENT = "Maria Lopez"


@pytest.fixture(scope="module")
def served(serve_notebook: ServeNotebook, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The links notebook on a store of its own with Maria Lopez, links on this computer."""
    db = tmp_path_factory.mktemp("link-share") / "store.db"
    with Store.open(db) as store:
        store.clients.add(ClientDetails(CLIENT))
    return serve_notebook("client_links.ipynb", db, {"STRETCHKIT_DASHBOARD_URL": ""})


def _open(browser: Any, url: str, width: int, clipboard: bool) -> tuple[Any, Any]:
    """A page of `width` px (clipboard allowed when asked) with Maria's new link on it."""
    context = browser.new_context(viewport={"width": width, "height": 1000})
    if clipboard:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url, timeout=VOILA_MS)
    page.wait_for_selector("#loading", state="detached", timeout=VOILA_MS)
    page.wait_for_selector(".sk-links .sk-link-create", timeout=SHOWN_MS)
    page.select_option(".sk-links .sk-client-picker select", label=CLIENT)
    page.click(".sk-link-create")
    page.wait_for_selector(".sk-link-qr svg", state="visible", timeout=30_000)
    return context, page


def test_a_trainer_copies_a_new_link_and_a_phone_reads_its_qr(
    browser: Any, served: str, artifacts: Path
) -> None:
    """At 1280 px: the note says it opens only on this computer and how to serve phones; Copy
    puts the link on the clipboard; the QR on screen decodes to the link."""
    context, page = _open(browser, served, 1280, clipboard=True)
    try:
        link = page.input_value(".sk-link-new input")
        note = page.inner_text(".sk-link-reach")
        assert "opens only on this computer" in note
        assert "stretchkit workbook --dashboard-host 0.0.0.0" in note and "firewall" in note
        page.click(".sk-link-copy")
        page.wait_for_selector(".sk-link-copied:has-text('Copied')", timeout=10_000)
        assert page.evaluate("navigator.clipboard.readText()") == link
        qr = page.locator(".sk-link-qr svg")
        assert qr.get_attribute("aria-label") == f"QR code of {CLIENT}'s personal link"
        assert decode_qr(qr.screenshot()) == link
        page.screenshot(path=str(artifacts / "links-qr-1280.png"), full_page=True)
        check_accessibility(page, "links notebook, a new link with its QR, 1280 px")
        assert "Traceback" not in page.content()
    finally:
        context.close()


def test_on_a_phone_wide_screen_the_qr_and_note_fit_and_copy_still_works(
    browser: Any, served: str, artifacts: Path
) -> None:
    """At 390 px the QR and the note fit the width, the QR still reads as the link, and Copy
    without clipboard permission leaves the link copied or selected, saying which."""
    context, page = _open(browser, served, 390, clipboard=False)
    try:
        link = page.input_value(".sk-link-new input")
        for part in (".sk-link-qr svg", ".sk-link-reach", ".sk-link-copy"):
            box = page.locator(part).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, part
        assert page.locator(".sk-link-qr svg").bounding_box()["width"] >= 150
        assert decode_qr(page.locator(".sk-link-qr svg").screenshot()) == link
        page.click(".sk-link-copy")
        said = page.wait_for_selector(".sk-link-copied:not(:empty)", timeout=10_000)
        assert said.inner_text() in (
            "Copied.", "The link is selected: press Ctrl+C (Cmd+C on a Mac) to copy it.",
        )  # fmt: skip
        page.screenshot(path=str(artifacts / "links-qr-390.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture(scope="module")
def app(serve_notebook: ServeNotebook, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The workbook app on a store of its own with Maria Lopez."""
    db = tmp_path_factory.mktemp("link-share-app") / "store.db"
    with Store.open(db) as store:
        store.clients.add(ClientDetails(CLIENT))
    return serve_notebook("workbook.ipynb", db, {"STRETCHKIT_DASHBOARD_URL": ""})


def test_the_workbook_apps_links_tab_hands_over_a_link_the_same_way(
    browser: Any, app: str, artifacts: Path
) -> None:
    """In the app, the Links tab shows the same note, Copy button and readable QR."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(app, timeout=VOILA_MS)
        page.wait_for_selector("#loading", state="detached", timeout=VOILA_MS)
        page.click(".sk-workbook-tabs .lm-TabBar-tab:has-text('Links')", timeout=SHOWN_MS)
        page.select_option(".sk-links .sk-client-picker select", label=CLIENT)
        page.click(".sk-links .sk-link-create")
        qr = page.wait_for_selector(".sk-links .sk-link-qr svg", state="visible", timeout=30_000)
        link = page.input_value(".sk-links .sk-link-new input")
        assert "opens only on this computer" in page.inner_text(".sk-links .sk-link-reach")
        assert decode_qr(qr.screenshot()) == link
        page.screenshot(path=str(artifacts / "workbook-links-tab-1280.png"))
    finally:
        page.close()
