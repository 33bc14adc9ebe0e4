"""A home session on a 390 px phone, through the client's own link: while the client gets
ready for a stretch, its picture comes before the words and the partner's notes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.pages import open_page, skip_to_phase
from tests.story_clients import add_story_client_with_link

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLIENT = "Jules Getready"
PHONE = (390, 844)


def _top(page: Any, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return float(box["y"])


def test_at_get_ready_the_phone_shows_the_stretch_s_picture_before_the_notes(
    browser: Any, client_dashboard: tuple[str, Path], artifacts: Path
) -> None:
    """Start a home session, skip the warm-up and pause at get-ready: the picture sits under
    the buttons, above the cues and the 'Watch for' notes; during the hold the cues come
    first again."""
    url, db = client_dashboard
    link = add_story_client_with_link(db, CLIENT, "Jules Calloway", url)
    page = open_page(browser, link, ".sk-home-start", *PHONE)
    try:
        page.click(".sk-home-start")
        page.click(".sk-timer .sk-start", timeout=30_000)
        page.wait_for_selector(".sk-phase-warm-up", timeout=30_000)
        skip_to_phase(page, "get-ready")
        page.click(".sk-timer .sk-pause")  # the client looks at the picture a while
        page.wait_for_selector(".sk-clock.sk-state-paused", timeout=30_000)
        picture = _top(page, ".sk-timer .sk-pose-view")
        assert _top(page, ".sk-timer .sk-controls") < picture
        assert picture < _top(page, ".sk-timer .sk-cues")
        assert picture < _top(page, ".sk-timer .sk-watch-box")
        page.locator(".sk-timer .sk-pose-view").evaluate("e => e.scrollIntoView()")
        page.screenshot(path=str(artifacts / "phone-get-ready-390.png"))
        page.click(".sk-timer .sk-pause")  # resume
        skip_to_phase(page, "hold")
        assert _top(page, ".sk-timer .sk-cues") < _top(page, ".sk-timer .sk-pose-view")
    finally:
        page.close()
