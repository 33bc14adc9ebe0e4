"""The screening form in Voila, filled in with a real Chromium: live result, errors, saving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.store import Store
from tests.conftest import ServeNotebook
from tests.pages import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def served(
    serve_notebook: ServeNotebook, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The screening notebook served on a store with one client, and that store."""
    db = tmp_path_factory.mktemp("screening") / "store.db"
    with Store.open(db) as store:
        store.clients.add(ClientDetails("Jules Calloway", notes="Synthetic demo client."))
    return serve_notebook("screening.ipynb", db), db


def test_a_trainer_screens_a_client_and_saves_it(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """Pick the client, bad age then good age, tick osteoporosis, save: the store has it."""
    url, db = served
    page = open_page(browser, url, ".sk-screening-form .sk-banner", 1200, 1400)
    try:
        page.select_option(".sk-client-picker select", label="Jules Calloway")
        page.fill(".sk-age input", "400")
        page.press(".sk-age input", "Enter")
        error = page.wait_for_selector(".sk-error-age:has-text('age:')")
        assert "400" in error.inner_text()
        page.fill(".sk-age input", "67")
        page.press(".sk-age input", "Enter")
        page.wait_for_selector('.sk-banner[data-status="cleared"]')
        page.check(".sk-flag-osteoporosis input")
        page.wait_for_selector('.sk-banner[data-status="do-not-stretch"]')
        assert "Refer to a healthcare professional" in page.inner_text(".sk-banner")
        assert page.locator(".sk-decisions tr.sk-decision-excluded").count() == 8
        page.click(".sk-save")
        page.wait_for_selector(".sk-saved")
        page.screenshot(path=str(artifacts / "screening-voila.png"), full_page=True)
        assert "Traceback" not in page.content()
    finally:
        page.close()
    with Store.open(db) as store:
        client = store.clients.all()[0]
        history = store.screenings.history(client.id)
    assert [s.status for s in history] == ["do-not-stretch"]
    assert history[0].intake.osteoporosis and history[0].intake.age == 67
