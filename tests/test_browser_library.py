"""The stretch library notebook served by Voila, used in a real Chromium like a trainer would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stretchkit.catalog import default_catalog
from tests.conftest import ServeNotebook
from tests.pages import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CARD = ".sk-library .sk-card"
MAP = "img.sk-muscle-map"


@pytest.fixture(scope="module")
def library_url(serve_notebook: ServeNotebook) -> str:
    """The library notebook served by Voila."""
    return serve_notebook("stretch_library.ipynb")


def test_a_trainer_filters_and_reads_a_stretch_in_voila(
    browser: Any, library_url: str, artifacts: Path
) -> None:
    """Filter by muscle, pick the result, see its how-to and muscle map; save a screenshot."""
    page = open_page(browser, library_url, CARD, 1280, 1000)
    try:
        page.wait_for_selector(MAP, timeout=30_000)
        assert page.locator(".sk-stretch-picker select option").count() == 8
        page.select_option(".sk-filter-muscle select", label="Hamstrings")
        page.wait_for_selector('.sk-card[data-stretch="seated-lower-back-flexion"]')
        card = page.inner_text(".sk-card")
        assert "20-45 s x 2-3" in card
        assert "Partner" in card and "Client" in card
        assert page.locator(".sk-count").inner_text() == "1 of 8 stretches match"
        page.select_option(".sk-filter-muscle select", label="Any")
        backbend = default_catalog().stretch("standing-backbend-assist").name
        page.select_option(".sk-stretch-picker select", label=backbend)
        page.wait_for_selector('.sk-card[data-stretch="standing-backbend-assist"]')
        page.wait_for_selector("img.sk-muscle-map.sk-map-standing-backbend-assist")
        assert "Not suitable for" in page.inner_text(".sk-card")
        image = page.locator("img.sk-muscle-map")
        assert image.evaluate("img => img.naturalWidth") > 300
        page.screenshot(path=str(artifacts / "library-voila-desktop.png"), full_page=True)
        assert "Traceback" not in page.content()
    finally:
        page.close()


def test_the_library_fits_a_phone_screen(browser: Any, library_url: str, artifacts: Path) -> None:
    """At 390 px wide the page has no horizontal scroll and the muscle map fits."""
    page = open_page(browser, library_url, CARD, 390, 844)
    try:
        page.wait_for_selector(MAP, timeout=30_000)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= 390
        overflowing = page.evaluate(
            "Array.from(document.querySelectorAll('.sk-root *'))"
            ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length"
        )
        assert overflowing == 0
        box = page.locator("img.sk-muscle-map").bounding_box()
        assert box is not None and box["width"] <= 390
        page.screenshot(path=str(artifacts / "library-voila-phone.png"), full_page=True)
    finally:
        page.close()


def test_each_stretchs_picture_reads_on_a_360_px_phone(
    browser: Any, library_url: str, artifacts: Path
) -> None:
    """At 360 px wide, the card's picture of both partners is shown whole (no sideways
    scroll), sharp (drawn at twice the width it is shown) and with its text alternative,
    for every stretch picked."""
    page = open_page(browser, library_url, "img.sk-pose-img", 360, 800)
    try:
        for stretch in default_catalog().stretches:
            page.select_option(".sk-stretch-picker select", label=stretch.name)
            image = page.locator(f'.sk-pose[data-stretch="{stretch.id}"] img.sk-pose-img')
            image.wait_for(state="visible", timeout=30_000)
            assert image.evaluate("img => img.complete && img.naturalWidth") >= 700
            box = image.bounding_box()
            assert box is not None and 300 <= box["width"] <= 360
            alt = image.get_attribute("alt") or ""
            assert alt.startswith(stretch.name) and "partner's" in alt
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
        first = default_catalog().stretches[0]
        page.select_option(".sk-stretch-picker select", label=first.name)
        shown = page.locator(f'.sk-pose[data-stretch="{first.id}"] img')
        shown.wait_for(state="visible", timeout=30_000)
        shown.evaluate("img => img.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(artifacts / "library-phone-360.png"))
    finally:
        page.close()
