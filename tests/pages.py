"""Pages of served notebooks in the browser tests' Chromium: opening one, and moving a guided
session on by pressing Skip, each wait bounded."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

VOILA_MS = 90_000
"""How long Voila may take to answer and to run the notebook (kernels start on a busy CI)."""
SHOWN_MS = 60_000
"""How long the notebook's widgets may take to be drawn once Voila has run it."""
PHASE_MS = 30_000
"""How long the timer may take to show its next phase after Skip is pressed."""
PHASE_TITLE = ".sk-timer .sk-phase-title"


def open_page(browser: Browser, url: str, selector: str, width: int, height: int) -> Page:
    """A new page of `width` x `height` px at `url`, once Voila has run the notebook (its
    `#loading` is gone) and `selector` is shown; closed again when either does not happen."""
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(url, timeout=VOILA_MS)
        page.wait_for_selector("#loading", state="detached", timeout=VOILA_MS)
        page.wait_for_selector(selector, timeout=SHOWN_MS)
    except BaseException:
        page.close()
        raise
    return page


def skip_to_phase(page: Page, kind: str, limit: int = 10) -> None:
    """Press the timer's Skip until it shows a phase of `kind` ('hold', 'rest'...), waiting
    after each press until the next phase is shown; fail after `limit` presses."""
    shown = f"{PHASE_TITLE} .sk-phase-{kind}"
    for _ in range(limit):
        if page.query_selector(shown) is not None:
            return
        before = page.inner_html(PHASE_TITLE)
        page.click(".sk-timer .sk-skip")
        page.wait_for_function(
            "([title, before]) => document.querySelector(title)?.innerHTML !== before",
            arg=[PHASE_TITLE, before],
            timeout=PHASE_MS,
        )
    if page.query_selector(shown) is None:
        title = page.inner_text(PHASE_TITLE)
        raise AssertionError(f"no {kind} phase after {limit} presses of Skip; shown: {title!r}")


def scroll_to_top(page: Page, top: str = "") -> None:
    """Scroll the page back to its top, or until the element matching `top` is at the top
    of the viewport (as a user who scrolled to it sees it)."""
    page.evaluate(
        "() => { for (const e of document.querySelectorAll('*')) { if (e.scrollTop) "
        "e.scrollTop = 0; } window.scrollTo(0, 0); }"
    )
    if top:
        page.locator(top).first.evaluate("e => e.scrollIntoView({block: 'start'})")


def view_box(page: Page, selector: str, top: str = "") -> dict[str, float]:
    """Where the first element matching `selector` is in the viewport (x, y, width, height
    in px) once scrolled as `scroll_to_top` does; it must be shown. (Ask for a widget's own
    element: HTML a widget redraws every second may be gone by the time it is measured.)"""
    scroll_to_top(page, top)
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box
