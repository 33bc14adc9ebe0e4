"""The workbook app in Voila with a real Chromium, walked as a trainer does on a first visit:
add a client, screen them, plan and save their routine, run their session. Every tab follows
at once: the client is chosen once and the page is never reloaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.store import Store
from tests.conftest import ServeNotebook
from tests.pages import PHASE_TITLE, open_page
from tests.test_browser_screening import answer_no_to_everything

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_MS = 30_000
NEW = "Robin Ashdown"


@pytest.fixture(scope="module")
def served(
    serve_notebook: ServeNotebook, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The workbook on a store of its own holding one other client, Noor (not screened)."""
    db = tmp_path_factory.mktemp("workbook-flow") / "store.db"
    with Store.open(db) as store:
        store.clients.add(ClientDetails("Noor Calloway"))
    return serve_notebook("workbook.ipynb", db), db


def _tab(page: Any, title: str) -> None:
    page.click(f".sk-workbook-tabs .lm-TabBar-tab:has-text('{title}')")
    page.wait_for_selector(f".lm-TabBar-tab.lm-mod-current:has-text('{title}')")


def _chosen(page: Any, screen: str) -> str:
    """The client the screen's picker shows (no-break spaces read as spaces)."""
    text: str = page.eval_on_selector(
        f"{screen} .sk-client-picker select",
        "e => e.options[e.selectedIndex].textContent.replaceAll('\\u00a0', ' ')",
    )
    return text.strip()


def _add_and_screen(page: Any) -> None:
    page.fill(".sk-clients .sk-client-name input", NEW)
    page.click(".sk-clients .sk-manager-add")
    page.wait_for_selector(f".sk-client-message:has-text('Added {NEW}')", timeout=WAIT_MS)
    _tab(page, "Screening")
    assert _chosen(page, ".sk-screening-form") == NEW
    page.fill(".sk-screening-form .sk-age input", "42")
    page.press(".sk-screening-form .sk-age input", "Enter")
    answer_no_to_everything(page)
    page.click(".sk-screening-form .sk-save")
    page.wait_for_selector(".sk-screening-form .sk-saved:has-text('Saved: screening')")


def _plan_and_save(page: Any) -> None:
    _tab(page, "Routine")
    assert _chosen(page, ".sk-planner") == NEW
    page.wait_for_selector(".sk-planner .sk-readiness .sk-ready", timeout=WAIT_MS)
    page.click(".sk-planner .sk-plan")
    page.wait_for_selector(".sk-planner .sk-routine-items .sk-item", timeout=WAIT_MS)
    page.click(".sk-planner .sk-save-routine")
    page.wait_for_selector(".sk-planner .sk-saved:has-text('routine')", timeout=WAIT_MS)


def _run(page: Any) -> None:
    _tab(page, "Session")
    assert _chosen(page, ".sk-session-panel") == NEW
    page.click(".sk-session-panel .sk-timer .sk-start", timeout=WAIT_MS)
    page.wait_for_selector(f"{PHASE_TITLE} .sk-phase", timeout=WAIT_MS)
    page.click(".sk-session-panel .sk-timer .sk-stop")
    page.click(".sk-session-panel .sk-timer .sk-end-session")
    page.wait_for_selector(".sk-session-panel .sk-next-targets:has-text('Next session')")


def test_add_screen_plan_and_run_without_choosing_twice_or_reloading(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """Each tab opens on the client just added and shows what the last tab saved."""
    url, db = served
    page = open_page(browser, url, ".sk-workbook-tabs .sk-clients", 1100, 1400)
    try:
        _add_and_screen(page)
        _plan_and_save(page)
        _run(page)
        page.screenshot(path=str(artifacts / "workbook-flow-session.png"), full_page=True)
        _tab(page, "Clients")
        rows = page.inner_text(".sk-attention-list .sk-attention-rows")
        assert "Noor Calloway" in rows
        assert NEW not in rows or "not screened" not in rows.split(NEW, 1)[1]
        assert "Traceback" not in page.content()
    finally:
        page.close()
    with Store.open(db) as store:
        robin = next(c for c in store.clients.all() if c.name == NEW)
        assert store.routines.current(robin.id) is not None
        assert len(store.sessions.of_client(robin.id)) == 1
