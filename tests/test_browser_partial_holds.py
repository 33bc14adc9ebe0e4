"""The workbook app in a real Chromium, walked as a trainer does: a session stopped part-way
on a tablet (Skip and Stop act on the phase shown, Stop asks once, the hold cut short is drawn
apart on the Progress tab), and the words the trainer reads on the way (a blank injury row is
a prompt until Save, the browser tab names the screen and the client)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from stretchkit.store import Store
from tests.conftest import ServeNotebook
from tests.pages import PHASE_TITLE, open_page
from tests.test_browser_screening import answer, answer_no_to_everything
from tests.test_browser_session import _client_with_routine

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_MS = 30_000
TABS = ".sk-workbook-tabs"
TABLET = (1024, 768)


@pytest.fixture(scope="module")
def served(
    serve_notebook: ServeNotebook, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The workbook on a store of its own with two clients screened and planned today."""
    db = tmp_path_factory.mktemp("partial-holds") / "store.db"
    Store.open(db).close()
    _client_with_routine(db, "Maria Lopez")
    _client_with_routine(db, "Pat Shortstop")
    return serve_notebook("workbook.ipynb", db), db


def _tab(page: Any, title: str) -> None:
    page.click(f"{TABS} .lm-TabBar-tab:has-text('{title}')")
    page.wait_for_selector(f".lm-TabBar-tab.lm-mod-current:has-text('{title}')")


def _shot(page: Any, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / name))


def _held_seconds(db: Path, name: str) -> list[int]:
    with Store.open(db) as store:
        client = next(c for c in store.clients.all() if c.name == name)
        session = store.sessions.of_client(client.id)[-1]
        return [h.entry.held_s for h in store.sessions.holds(session.id)]


def test_a_hold_cut_short_is_drawn_apart_and_stop_asks_once_on_a_tablet(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """On a 1024x768 tablet: Skip in the get-ready moves to the hold and logs nothing; Skip
    3 s into the hold logs those seconds; Stop asks "End the session?" once, with Skip and
    Stop off until it is answered; the Progress tab then draws the hold cut short as a hollow
    marker and says so in its text alternative. The tab's title names screen and client."""
    url, db = served
    page = open_page(browser, url, TABS, *TABLET)
    try:
        _tab(page, "Session")
        page.select_option(".sk-session-panel .sk-client-picker select", label="Pat Shortstop")
        expect(page).to_have_title("Session - Pat Shortstop - stretchkit", timeout=WAIT_MS)
        page.check(".sk-session-panel .sk-warmed-up input")
        page.click(".sk-session-panel .sk-timer .sk-start", timeout=WAIT_MS)
        page.wait_for_selector(f"{PHASE_TITLE} .sk-phase-get-ready", timeout=WAIT_MS)
        page.click(".sk-session-panel .sk-timer .sk-skip")
        page.wait_for_selector(f"{PHASE_TITLE} .sk-phase-hold", timeout=WAIT_MS)
        assert _held_seconds(db, "Pat Shortstop") == []  # no 0 s hold of the next phase
        page.wait_for_timeout(3_000)
        page.click(".sk-session-panel .sk-timer .sk-skip")
        page.wait_for_selector(".sk-last-hold", state="visible", timeout=WAIT_MS)
        [held] = _held_seconds(db, "Pat Shortstop")
        assert 2 <= held <= 8
        page.click(".sk-session-panel .sk-timer .sk-stop")
        question = page.locator(".sk-session-panel .sk-stop-question")
        expect(question).to_contain_text("End the session?", timeout=WAIT_MS)
        expect(page.locator(".sk-session-panel .sk-timer .sk-stop")).to_be_disabled()
        expect(page.locator(".sk-session-panel .sk-timer .sk-skip")).to_be_disabled()
        assert page.locator(".sk-stop-question:visible").count() == 1
        _shot(page, artifacts, "tablet-stop-asks-once.png")
        page.click(".sk-session-panel .sk-timer .sk-end-session")
        page.wait_for_selector(".sk-session-panel .sk-done", timeout=WAIT_MS)
        expect(question).to_be_hidden()
        _tab(page, "Progress")
        expect(page).to_have_title("Progress - Pat Shortstop - stretchkit", timeout=WAIT_MS)
        chart = page.locator("img.sk-chart-holds:visible")
        expect(chart).to_have_attribute("alt", _contains("cut short (hollow marker)"))
        assert "no hold completed yet" in (chart.get_attribute("alt") or "")
        chart.scroll_into_view_if_needed()
        _shot(page, artifacts, "tablet-progress-hold-cut-short.png")
    finally:
        page.close()
    assert _held_seconds(db, "Pat Shortstop") == [held]  # Stop after the release logs nothing


def _contains(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text))


def test_a_blank_injury_row_waits_for_a_choice_until_save_and_the_tab_names_the_page(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """At 1280x900: the tab reads 'Clients - stretchkit', then 'Screening - Maria Lopez -
    stretchkit'; Add injury shows a blank row and a prompt, with no field marked wrong; Save
    then marks the row's field with what to choose, in plain words."""
    url, _db = served
    page = open_page(browser, url, TABS, 1280, 900)
    try:
        expect(page).to_have_title("Clients - stretchkit", timeout=WAIT_MS)
        _tab(page, "Screening")
        page.select_option(".sk-screening-form .sk-client-picker select", label="Maria Lopez")
        expect(page).to_have_title("Screening - Maria Lopez - stretchkit", timeout=WAIT_MS)
        page.fill(".sk-screening-form .sk-age input", "42")
        page.press(".sk-screening-form .sk-age input", "Enter")
        answer_no_to_everything(page)
        answer(page, ".sk-injured", "Yes")
        page.click(".sk-screening-form .sk-add-injury")
        page.wait_for_selector(".sk-injury-where", timeout=WAIT_MS)
        banner = page.locator(".sk-screening-form .sk-banner")
        expect(banner).to_contain_text("Choose where injury 1 is", timeout=WAIT_MS)
        error = page.locator(".sk-screening-form .sk-error-injury-body-part")
        assert error.inner_text().strip() == ""
        assert "got" not in page.inner_text(".sk-screening-form")
        _shot(page, artifacts, "screening-blank-injury-prompt.png")
        page.click(".sk-screening-form .sk-save")
        expect(error).to_contain_text("choose where injury 1 is", timeout=WAIT_MS)
        said = page.inner_text(".sk-screening-form")
        assert "Not saved: choose where injury 1 is" in said and "(got" not in said
        error.scroll_into_view_if_needed()
        _shot(page, artifacts, "screening-blank-injury-after-save.png")
    finally:
        page.close()
