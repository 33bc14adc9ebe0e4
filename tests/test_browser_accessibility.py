"""Accessibility in a real Chromium: axe-core with the WCAG 2.2 AA rules (target size on)
finds nothing on the client dashboard (first view, live page on a phone and a laptop, during
a home session, the not-valid page) or on any workbook notebook served by Voila; the timer
runs from the keyboard alone and announces its phases to a screen reader, not every second;
nothing moves when the reader asks for reduced motion; the 0-10 buttons are big enough.
Each test adds the client it shows (a demo client's story under a name of its own)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from stretchkit.store import Store
from tests.axe import check_accessibility
from tests.conftest import ServeNotebook
from tests.pages import PHASE_TITLE, open_page, skip_to_phase
from tests.story_clients import add_story_client, add_story_client_with_link

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLIENT = "Jules Calloway"
LIVE = ".sk-home-start"
WORKBOOK = (
    "stretch_library.ipynb",
    "screening.ipynb",
    "routine_planner.ipynb",
    "progress.ipynb",
    "client_links.ipynb",
    "session.ipynb",
    "clients.ipynb",
)
SHOWN = {
    "stretch_library.ipynb": ".sk-card-view",
    "screening.ipynb": ".sk-client-picker",
    "routine_planner.ipynb": ".sk-client-picker",
    "progress.ipynb": ".sk-attention-list",
    "client_links.ipynb": ".sk-client-picker",
    "session.ipynb": ".sk-client-picker",
    "clients.ipynb": ".sk-client-list",
}
"""A selector each notebook shows once its widgets are drawn."""


@pytest.fixture
def served(client_dashboard: tuple[str, Path]) -> tuple[str, Path]:
    """The run's client dashboard (conftest.py): its URL and its store."""
    return client_dashboard


@pytest.fixture(scope="module")
def workbook_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workbook notebooks' store, empty at first: each test adds its clients."""
    db = tmp_path_factory.mktemp("a11y-workbook") / "store.db"
    Store.open(db).close()
    return db


def _wait_for_charts(page: Any) -> None:
    page.wait_for_function(
        "document.querySelector('img.sk-chart-holds')?.naturalWidth > 300", timeout=60_000
    )


def _open_all(page: Any, accordion: str) -> None:
    """Open every panel of the accordions matching the selector (their contents are checked)."""
    headers = page.locator(f"{accordion} .jupyter-widget-Collapse-header")
    for index in range(headers.count()):
        header = headers.nth(index)
        if header.get_attribute("aria-expanded") != "true":
            header.click()


def _min_target(page: Any, selector: str) -> tuple[float, float]:
    boxes = [b for b in (e.bounding_box() for e in page.query_selector_all(selector)) if b]
    assert boxes, f"nothing matches {selector}"
    return min(b["width"] for b in boxes), min(b["height"] for b in boxes)


def test_the_dashboards_first_view_has_no_accessibility_violation(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """The page as it arrives, before any script draws the live page (scripts blocked)."""
    url, db = served
    link = add_story_client_with_link(db, "Jules Firstview", CLIENT, url)
    context = browser.new_context(viewport={"width": 360, "height": 2400})
    try:
        page = context.new_page()
        page.route("**/voila/static/**", lambda route: route.abort())
        page.goto(link, timeout=90_000)
        page.wait_for_selector(".sk-first-view img.sk-chart-holds", timeout=60_000)
        alt = page.get_attribute(".sk-first-view img.sk-chart-holds", "alt") or ""
        assert alt.startswith("Hold duration over weeks.") and "s now, target" in alt
        page.screenshot(path=str(artifacts / "a11y-first-view-360.png"), full_page=True)
        assert check_accessibility(page, "dashboard first view, 360 px") > 5
    finally:
        context.close()


@pytest.mark.parametrize(
    ("width", "like", "client"),
    [(360, "Kai Elderfield", "Kai Onphone"), (1280, CLIENT, "Jules Live")],
)
def test_the_live_dashboard_has_no_accessibility_violation(
    browser: Any, served: tuple[str, Path], artifacts: Path, width: int, like: str, client: str
) -> None:
    """The live page with every chart, the routine's first stretch and the calendar form
    open, on a phone (with the weekly back rating: Kai's is a week old) and on a laptop."""
    url, db = served
    link = add_story_client_with_link(db, client, like, url)
    page = open_page(browser, link, LIVE, width, 3000)
    try:
        _wait_for_charts(page)
        if width == 360:
            page.wait_for_selector(".sk-dash-feel .sk-feel-form", timeout=30_000)
        page.click(".sk-dash-routine .jupyter-widget-Collapse-header >> nth=0")
        _open_all(page, ".sk-dash-calendar")
        page.wait_for_selector(".sk-calendar-day", state="visible", timeout=30_000)
        for img in page.query_selector_all("img"):
            assert img.get_attribute("alt") is not None
        page.screenshot(path=str(artifacts / f"a11y-dashboard-{width}.png"), full_page=True)
        page.locator(".sk-dash-calendar").screenshot(
            path=str(artifacts / f"a11y-dashboard-calendar-{width}.png")
        )
        if width == 360:
            page.locator(".sk-dash-feel").screenshot(path=str(artifacts / "a11y-feel-360.png"))
        assert check_accessibility(page, f"dashboard live page, {width} px") > 5
    finally:
        page.close()


def test_a_home_session_has_no_accessibility_violation_and_big_enough_buttons(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """On a 360 px phone: the back rating before Start, then a hold's 0-10 sensation buttons
    after it, each at least 24 x 24 px; axe finds nothing at either point."""
    url, db = served
    link = add_story_client_with_link(db, "Tamsin Athome", "Tamsin Dunmore", url)
    page = open_page(browser, link, LIVE, 360, 2400)
    try:
        page.click(LIVE)
        page.wait_for_selector(".sk-timer .sk-feel-form", timeout=30_000)
        width, height = _min_target(page, ".sk-timer .sk-feel-scale button")
        assert width >= 24 and height >= 24
        check_accessibility(page, "home session, before Start, 360 px")
        page.click(".sk-timer .sk-feel-stiffness button:text-is('4')")
        page.click(".sk-timer .sk-feel-pain button:text-is('2')")
        page.click(".sk-timer .sk-start")
        skip_to_phase(page, "hold")
        page.click(".sk-timer .sk-skip")
        page.wait_for_selector(".sk-timer .sk-sensation button", state="visible", timeout=30_000)
        width, height = _min_target(page, ".sk-timer .sk-sensation button")
        assert width >= 24 and height >= 24
        page.screenshot(path=str(artifacts / "a11y-home-session-360.png"), full_page=True)
        check_accessibility(page, "home session, a hold to rate, 360 px")
    finally:
        page.close()


def test_the_not_valid_page_has_no_accessibility_violation(
    browser: Any, served: tuple[str, Path]
) -> None:
    """A wrong key's page is as accessible as the rest."""
    url, _db = served
    page = open_page(browser, url + "?key=made-up-key-for-the-test", ".sk-not-valid", 360, 800)
    try:
        check_accessibility(page, "not-valid page, 360 px")
    finally:
        page.close()


def _prepare(page: Any, notebook: str, client: str) -> None:
    """Bring the notebook to the state a trainer sees most of it in."""
    if notebook == "progress.ipynb":
        page.select_option(".sk-progress .sk-client-picker select", label=client)
        _wait_for_charts(page)
    elif notebook == "session.ipynb":
        page.select_option(".sk-client-picker select", label=client)
        page.wait_for_selector(".sk-targets tr.sk-target", timeout=30_000)
        page.click(".sk-start")
        skip_to_phase(page, "hold")
        page.click(".sk-skip")
        page.wait_for_selector(".sk-sensation button", state="visible", timeout=30_000)
    elif notebook == "client_links.ipynb":
        page.select_option(".sk-client-picker select", label=client)
        _open_all(page, ".sk-link-calendar")
    elif notebook == "clients.ipynb":
        page.fill(".sk-client-search input", client)
        page.select_option(".sk-client-list select", index=0)
        page.click(".sk-delete-client")
        page.wait_for_selector(".sk-confirm-text:has-text('everything about them')")


@pytest.mark.parametrize("notebook", WORKBOOK)
def test_each_workbook_notebook_has_no_accessibility_violation(
    browser: Any, serve_notebook: ServeNotebook, workbook_db: Path, artifacts: Path, notebook: str
) -> None:
    """Each notebook in Voila, with a demo client's story added, as the trainer uses it."""
    client = f"Jules {Path(notebook).stem.replace('_', ' ').title().replace(' ', '')}"
    add_story_client(workbook_db, client, CLIENT)
    url = serve_notebook(notebook, workbook_db)
    page = open_page(browser, url, SHOWN[notebook], 1100, 1600)
    try:
        _prepare(page, notebook, client)
        page.screenshot(path=str(artifacts / f"a11y-{Path(notebook).stem}.png"), full_page=True)
        assert check_accessibility(page, notebook) > 5
    finally:
        page.close()


def _tab_to(page: Any, selector: str, limit: int = 150) -> None:
    """Press Tab until the element matching the selector has the keyboard focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _live_text(page: Any) -> str:
    return str(page.inner_text(".sk-timer .sk-announce"))


def test_the_timer_runs_from_the_keyboard_and_announces_only_its_phases(
    browser: Any, serve_notebook: ServeNotebook, workbook_db: Path
) -> None:
    """Start, pause, resume, skip and the numbness flag each by Tab and Enter or Space; the
    phase announcement is a polite live region, the countdown is in none."""
    add_story_client(workbook_db, "Kai Keyboard", "Kai Elderfield")
    url = serve_notebook("session.ipynb", workbook_db)
    page = open_page(browser, url, SHOWN["session.ipynb"], 1000, 1400)
    try:
        page.select_option(".sk-client-picker select", label="Kai Keyboard")
        page.wait_for_selector(".sk-targets tr.sk-target", timeout=30_000)
        live = page.locator(".sk-timer .sk-announce")
        assert live.get_attribute("aria-live") == "polite"
        outside = "el => !el.closest('[aria-live]')"
        assert page.eval_on_selector(".sk-timer .sk-countdown", outside)
        before = _live_text(page)
        _tab_to(page, ".sk-timer .sk-start")
        page.keyboard.press("Enter")
        page.wait_for_selector(".sk-timer .sk-pause:not([disabled])", timeout=30_000)
        _tab_to(page, ".sk-timer .sk-pause")
        page.keyboard.press("Space")
        page.wait_for_selector(".sk-clock.sk-state-paused", timeout=30_000)
        page.keyboard.press("Space")
        page.wait_for_selector(".sk-clock.sk-state-running", timeout=30_000)
        title = page.inner_html(PHASE_TITLE)
        _tab_to(page, ".sk-timer .sk-skip")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "t => document.querySelector('.sk-timer .sk-phase-title').innerHTML !== t", arg=title
        )
        page.wait_for_function(  # the announcement follows the title in its own message
            "b => document.querySelector('.sk-timer .sk-announce').innerText !== b",
            arg=before,
            timeout=10_000,
        )
        _tab_to(page, ".sk-timer .sk-flag")
        page.keyboard.press("Enter")
        page.wait_for_selector(".sk-flagged", timeout=30_000)
        assert "Session ended" in _live_text(page)
    finally:
        page.close()


def test_nothing_moves_when_reduced_motion_is_asked_for(
    browser: Any, serve_notebook: ServeNotebook, workbook_db: Path
) -> None:
    """With prefers-reduced-motion, a running timer has no animation or transition running,
    and no element blinks."""
    add_story_client(workbook_db, "Sasha Stillness", "Sasha Elderfield")
    url = serve_notebook("session.ipynb", workbook_db)
    context = browser.new_context(reduced_motion="reduce", viewport={"width": 1000, "height": 1400})
    try:
        page = context.new_page()
        page.goto(url, timeout=90_000)
        page.wait_for_selector(SHOWN["session.ipynb"], timeout=90_000)
        page.select_option(".sk-client-picker select", label="Sasha Stillness")
        page.wait_for_selector(".sk-targets tr.sk-target", timeout=30_000)
        page.click(".sk-start")
        page.wait_for_timeout(2_500)  # the countdown and the progress bar move on
        running = page.evaluate(
            "document.getAnimations().filter(a => a.playState === 'running').length"
        )
        assert running == 0
        durations = page.evaluate(
            "[...document.querySelectorAll('.sk-timer *')].map(e => "
            "getComputedStyle(e).transitionDuration).filter(d => d !== '0s')"
        )
        assert json.dumps(durations) == "[]"
    finally:
        context.close()


@pytest.mark.parametrize(
    ("client", "like", "language"),
    [("Sasha Lengua", "Sasha Elderfield", "es"), ("Robin Sprache", "Robin Calloway", "de")],
)
def test_the_dashboard_in_spanish_and_german_has_no_accessibility_violation(
    browser: Any,
    served: tuple[str, Path],
    artifacts: Path,
    client: str,
    like: str,
    language: str,
) -> None:
    """A Spanish- and a German-speaking client (the demo's stories, under names of this
    test's own): their first view and live page say their language on <html lang> and axe
    finds nothing, the first stretch's card open."""
    url, db = served
    link = add_story_client_with_link(db, client, like, url, language)
    first = browser.new_context(viewport={"width": 390, "height": 2400})
    try:
        page = first.new_page()
        page.route("**/voila/static/**", lambda route: route.abort())
        page.goto(link, timeout=90_000)
        page.wait_for_selector(".sk-first-view .sk-dash-status", timeout=60_000)
        assert page.get_attribute("html", "lang") == language
        assert check_accessibility(page, f"dashboard first view, {language}") > 5
    finally:
        first.close()
    page = open_page(browser, link, LIVE, 390, 2400)
    try:
        assert page.evaluate("document.documentElement.lang") == language
        _wait_for_charts(page)
        page.screenshot(path=str(artifacts / f"dashboard-phone-{language}.png"))
        page.click(".sk-dash-routine .jupyter-widget-Collapse-header >> nth=0")
        page.wait_for_selector(".sk-client-item", state="visible", timeout=30_000)
        page.locator(".sk-client-item >> nth=0").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"dashboard-phone-card-{language}.png"))
        assert check_accessibility(page, f"dashboard live page, {language}") > 5
    finally:
        page.close()
