"""A trainer's morning in the workbook app, in Voila with a real Chromium: a session run on a
1024 x 768 tablet, the Progress tab and the client's handout on a 1280 px screen, and a client
added that morning, planned for and opened on the Session tab."""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from stretchkit.demo.seeding import seed_demo_data
from stretchkit.store import Store
from tests.conftest import ServeNotebook
from tests.pages import PHASE_TITLE, open_page, skip_to_phase
from tests.test_browser_screening import answer_no_to_everything
from tests.today import clock_today

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_MS = 30_000
PDF_MS = 180_000
READY = ".sk-workbook-tabs .sk-client-picker select"
SESSION = ".sk-session-panel"
TABLET = (1024, 768)
CLIENT = "Robin Calloway"
"""A demo client cleared to stretch, with a routine."""
CHARTED = "Kai Elderfield"
"""A demo client with months of holds on every stretch."""
NEW = "Ines Marlowe"


@pytest.fixture(scope="module")
def served(
    serve_notebook: ServeNotebook, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The workbook on the demo's clients, their history up to the servers' own day."""
    db = tmp_path_factory.mktemp("morning") / "store.db"
    with Store.open(db) as store:
        seed_demo_data(store, today=clock_today())
    return serve_notebook("workbook.ipynb", db), db


def _tab(page: Any, title: str) -> None:
    page.click(f".sk-workbook-tabs .lm-TabBar-tab:has-text('{title}')")
    page.wait_for_selector(f".lm-TabBar-tab.lm-mod-current:has-text('{title}')")


def _in_view(page: Any, selector: str, height: int) -> bool:
    """True when the element is wholly inside the viewport, as the page is scrolled now."""
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_on_a_tablet_the_countdown_buttons_and_rating_stay_in_view_without_scrolling(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """The trainer reads today's targets, scrolls down until Start is at the foot of the
    screen and taps it: the targets fold and the countdown with its buttons is in view; it
    stays so through the hold; in the rest after it, the 0-10 rating is in view too."""
    url, _db = served
    width, height = TABLET
    page = open_page(browser, url, READY, width, height)
    try:
        _tab(page, "Session")
        page.select_option(f"{SESSION} .sk-client-picker select", label=CLIENT)
        page.wait_for_selector(".sk-targets tr.sk-target", timeout=WAIT_MS)
        page.locator(f"{SESSION} .sk-start").evaluate("e => e.scrollIntoView({block: 'end'})")
        page.click(f"{SESSION} .sk-start")
        page.wait_for_selector(f"{PHASE_TITLE} .sk-phase-warm-up", timeout=WAIT_MS)
        page.wait_for_selector(".sk-targets", state="hidden", timeout=WAIT_MS)
        for part in (".sk-timer .sk-countdown", ".sk-timer .sk-pause", ".sk-timer .sk-stop"):
            assert _in_view(page, part, height), part
        skip_to_phase(page, "hold")
        assert _in_view(page, ".sk-timer .sk-countdown", height)
        assert _in_view(page, ".sk-timer .sk-skip", height)
        assert _in_view(page, ".sk-timer .sk-cues .sk-cue", height)
        page.screenshot(path=str(artifacts / "tablet-session-hold.png"))
        skip_to_phase(page, "rest")
        page.wait_for_selector(".sk-timer .sk-sensation", state="visible", timeout=WAIT_MS)
        assert _in_view(page, ".sk-timer .sk-countdown", height)
        assert _in_view(page, ".sk-timer .sk-sensation", height)
        page.screenshot(path=str(artifacts / "tablet-session-rest.png"))
        page.click(".sk-timer .sk-sensation button:has-text('3')")
        page.click(".sk-timer .sk-stop")
    finally:
        page.close()


def _pdf_from_link(page: Any) -> bytes:
    href = page.get_attribute(".sk-report-link a[download]", "href")
    assert href is not None and href.startswith("data:application/pdf;base64,")
    return base64.b64decode(href.split(",", 1)[1])


def _page_picture(pdf: bytes, number: int, target: Path) -> None:
    """Page `number` of the PDF as a PNG, for a person to look at (when pdftoppm is here)."""
    if shutil.which("pdftoppm") is None:
        return
    source = target.with_suffix(".pdf")
    source.write_bytes(pdf)
    argv = ["pdftoppm", "-png", "-r", "80", "-f", str(number), "-l", str(number), "-singlefile"]
    subprocess.run([*argv, str(source), str(target.with_suffix(""))], check=True, timeout=120)


def test_at_1280_the_progress_charts_sit_side_by_side_and_the_handout_speaks_to_the_client(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """On a 1280 px screen the hold chart and the other charts share the width, each chart
    has PNG and PDF download buttons alike, the back-feel chart fits its column; the client's
    PDF then says the client's own plan beside the article's hold step, tells the client to
    stop and tell their trainer, and prints the hold chart one stretch a panel over pages."""
    url, _db = served
    page = open_page(browser, url, READY, 1280, 900)
    try:
        _tab(page, "Progress")
        page.select_option(".sk-progress .sk-client-picker select", label=CHARTED)
        for chart in ("holds", "adherence", "feel"):
            page.wait_for_function(
                f"document.querySelector('.sk-progress img.sk-chart-{chart}')?.naturalWidth > 300",
                timeout=60_000,
            )
        holds = page.locator(".sk-progress img.sk-chart-holds").bounding_box()
        weekly = page.locator(".sk-progress img.sk-chart-adherence").bounding_box()
        assert holds is not None and weekly is not None
        assert weekly["x"] >= holds["x"] + holds["width"]  # side by side
        assert abs(weekly["y"] - holds["y"]) < 5 and holds["width"] >= 450
        png = page.locator(".sk-progress .sk-chart-downloads a.sk-download-button").first
        pdf = page.locator(".sk-progress .sk-chart-pdf-holds")
        png_box, pdf_box = png.bounding_box(), pdf.bounding_box()
        assert png.inner_text().strip().endswith("PNG") and png.get_attribute("download")
        assert png_box is not None and pdf_box is not None
        assert abs(png_box["height"] - pdf_box["height"]) <= 2 and png_box["height"] >= 24
        feel = page.locator(".sk-progress img.sk-chart-feel").bounding_box()
        column = page.locator(".sk-progress .sk-chart-column").nth(1).bounding_box()
        assert feel is not None and column is not None
        assert feel["x"] + feel["width"] <= column["x"] + column["width"] + 4  # widget margin
        page.locator(".sk-progress .sk-chart-grid").evaluate("e => e.scrollIntoView()")
        page.screenshot(path=str(artifacts / "progress-1280.png"))
        page.click(".sk-progress .sk-report-build")
        page.wait_for_selector(".sk-report-link a[download]", timeout=PDF_MS)
        data = _pdf_from_link(page)
    finally:
        page.close()
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    everything = " ".join(" ".join(t.split()) for t in texts)
    assert "(your plan: " in everything and "; the article: " in everything
    assert "Stop the stretch at once and tell your trainer" in everything
    assert "Refer the client" not in everything
    assert any(t.startswith("Hold duration over weeks (continued)") for t in texts)
    setup = next(n for n, t in enumerate(texts, 1) if "how to set it up" in t)
    _page_picture(data, setup, artifacts / "handout-stretch-page.png")


def _add_on_the_clients_tab_from_the_session_tab(page: Any) -> None:
    """'New client' on the Session tab opens the one form, on the Clients tab."""
    _tab(page, "Session")
    before = page.inner_text(".sk-attention-list .sk-count")
    assert page.locator(f"{SESSION} .sk-new-name").count() == 0  # no form of its own
    page.click(f"{SESSION} .sk-picker-new-client")
    page.wait_for_selector(".lm-TabBar-tab.lm-mod-current:has-text('Clients')")
    page.fill(".sk-clients .sk-client-name input", NEW)
    page.click(".sk-clients .sk-manager-add")
    page.wait_for_selector(f".sk-client-message:has-text('Added {NEW}.')", timeout=WAIT_MS)
    page.wait_for_function(
        "([sel, before]) => document.querySelector(sel)?.innerText !== before",
        arg=[".sk-attention-list .sk-count", before],
        timeout=WAIT_MS,
    )
    assert NEW in page.inner_text(".sk-clients .sk-client-list").replace("\u00a0", " ")
    assert page.locator(".sk-workbook-tabs .sk-new-name:visible").count() == 0


def _screen(page: Any) -> None:
    _tab(page, "Screening")
    page.fill(".sk-screening-form .sk-age input", "42")
    page.press(".sk-screening-form .sk-age input", "Enter")
    answer_no_to_everything(page)
    page.click(".sk-screening-form .sk-save")
    page.wait_for_selector(".sk-screening-form .sk-saved:has-text('Saved: screening')")


def _plan(page: Any) -> None:
    """A fresh 10-minute plan for 'rotation': no warning about its own doses; saved."""
    _tab(page, "Routine")
    page.wait_for_selector(".sk-planner .sk-readiness .sk-ready", timeout=WAIT_MS)
    assert "none chosen" in page.inner_text(".sk-planner .sk-goals-title")
    page.check(".sk-planner .sk-goal-rotation input")
    page.wait_for_function(
        "!document.querySelector('.sk-planner .sk-goals-title').innerText.includes('none')",
        timeout=WAIT_MS,
    )
    page.fill(".sk-planner .sk-budget input", "10")
    page.press(".sk-planner .sk-budget input", "Enter")
    page.click(".sk-planner .sk-plan")
    page.wait_for_selector(".sk-planner .sk-routine-items .sk-item", timeout=WAIT_MS)
    summary = page.inner_text(".sk-planner .sk-routine-summary")
    assert "add a repetition" not in summary
    assert page.locator(".sk-planner .sk-advice-advice").count() == 0
    page.click(".sk-planner .sk-save-routine")
    page.wait_for_selector(".sk-planner .sk-saved:has-text('routine')", timeout=WAIT_MS)


def test_a_client_added_this_morning_is_added_once_planned_without_warnings_and_on_track(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """Added from the Session tab's 'New client' (the one form, on the Clients tab, says so
    and the attention count follows), screened, planned for 'rotation' in 10 minutes with no
    warning about the planner's own doses, reopened with the goal ticked, and on the Session
    tab never told the week cannot reach its days."""
    url, _db = served
    page = open_page(browser, url, READY, 1280, 900)
    try:
        _add_on_the_clients_tab_from_the_session_tab(page)
        _screen(page)
        _plan(page)
        page.select_option(".sk-planner .sk-client-picker select", label=CLIENT)
        page.wait_for_function(  # Robin's own routine is for the lower back
            "document.querySelector('.sk-planner .sk-goal-lower-back input').checked",
            timeout=WAIT_MS,
        )
        page.select_option(".sk-planner .sk-client-picker select", label=NEW)
        page.wait_for_function(
            "document.querySelector('.sk-planner .sk-goal-rotation input').checked"
            " && !document.querySelector('.sk-planner .sk-goal-lower-back input').checked",
            timeout=WAIT_MS,
        )
        assert "none chosen" not in page.inner_text(".sk-planner .sk-goals-title")
        _tab(page, "Session")
        page.wait_for_selector(f"{SESSION} .sk-targets-view .sk-advice", state="attached")
        week = page.inner_text(f"{SESSION} .sk-targets-view .sk-advice")
        assert "cannot reach" not in week
        assert "First week, from" in week or "This week: 0 of" in week  # added on a Monday
        page.screenshot(path=str(artifacts / "new-client-session-tab.png"))
    finally:
        page.close()
