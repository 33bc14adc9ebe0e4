"""The progress notebook in Voila with a real Chromium, for a demo client's story each test
adds: the attention list, a client's charts, a field test typed wrong then right, the
client's PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stretchkit.store import Store
from tests.conftest import ServeNotebook
from tests.pages import open_page
from tests.story_clients import add_story_client

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ATTENTION = ".sk-progress .sk-attention-list"


@pytest.fixture(scope="module")
def served(
    serve_notebook: ServeNotebook, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The progress notebook served on a store of its own, empty at first, and that store."""
    db = tmp_path_factory.mktemp("progress") / "store.db"
    Store.open(db).close()
    return serve_notebook("progress.ipynb", db), db


def test_a_trainer_reads_a_clients_progress_and_records_a_field_test(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """The attention list names clients with reasons; choosing a client shows four charts as
    pictures; a wrong result is refused next to its field and kept; a right one is saved."""
    url, db = served
    name = "Kai Progressing"
    client_id = add_story_client(db, name, "Kai Elderfield")  # slipping lately
    page = open_page(browser, url, ATTENTION, 1100, 1200)
    try:
        attention = page.inner_text(".sk-attention-list")
        assert "needs attention" in attention and name in attention  # 1 of 1 client
        page.select_option(".sk-progress .sk-client-picker select", label=name)
        for chart in ("holds", "adherence", "dose", "outcomes"):
            page.wait_for_function(
                f"document.querySelector('img.sk-chart-{chart}')?.naturalWidth > 300",
                timeout=30_000,
            )
        assert "sessions" in page.inner_text(".sk-progress-summary")
        assert page.locator("img.sk-chart-outcomes:visible").count() == 1  # shown once
        page.set_viewport_size({"width": 1100, "height": 5200})
        page.screenshot(path=str(artifacts / "progress-voila.png"))
        page.set_viewport_size({"width": 1100, "height": 1200})
        page.click(".sk-record-test .jupyter-widget-Collapse-header")
        page.fill(".sk-outcome-value input", "far")
        page.click(".sk-outcome-save")
        error = page.wait_for_selector(".sk-error-value:has-text('type a number')")
        assert "far" in error.inner_text()
        assert page.input_value(".sk-outcome-value input") == "far"
        page.fill(".sk-outcome-value input", "21.5")
        page.click(".sk-outcome-save")
        page.wait_for_selector(".sk-outcome-saved:has-text('21.5 cm')")
        assert "Traceback" not in page.content()
    finally:
        page.close()
    with Store.open(db) as store:
        assert store.measurements.of_client(client_id)[-1].measurement.value == 21.5


def test_the_client_pdf_builds_with_a_progress_bar_on_a_phone(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """At 390 px the page has no horizontal scroll; the PDF button fills its bar and offers a
    download link."""
    url, db = served
    add_story_client(db, "Jules Reported", "Jules Calloway")
    page = open_page(browser, url, ATTENTION, 390, 1200)
    try:
        page.select_option(".sk-progress .sk-client-picker select", label="Jules Reported")
        page.wait_for_selector("img.sk-chart-holds", timeout=30_000)
        page.click(".sk-report-build")
        link = page.wait_for_selector(".sk-report-link a[download]", timeout=60_000)
        assert link.get_attribute("href").startswith("data:application/pdf;base64,")
        bar = page.query_selector(".sk-report-progress progress, .sk-report-progress .progress-bar")
        assert bar is not None
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 390
        page.set_viewport_size({"width": 390, "height": 7000})
        page.screenshot(path=str(artifacts / "progress-phone-voila.png"))
    finally:
        page.close()
