"""The routine planner in Voila with a real Chromium: plan, a refused hold, save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stretchkit.store import Store
from tests.conftest import ServeNotebook
from tests.pages import open_page
from tests.story_clients import add_story_client

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def served(
    serve_notebook: ServeNotebook, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The planner notebook served on a store of its own, empty at first, and that store."""
    db = tmp_path_factory.mktemp("planner") / "store.db"
    Store.open(db).close()
    return serve_notebook("routine_planner.ipynb", db), db


def test_a_trainer_plans_edits_and_saves_a_routine(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """Pick a client, tick rotation, plan for 15 minutes, type a hold of 90 s (refused next to
    the stretch, text kept), save: the store has the routine as the client's current one."""
    url, db = served
    client_id = add_story_client(db, "Tamsin Planned", "Tamsin Dunmore")
    with Store.open(db) as store:
        before = len(store.routines.history(client_id))
    page = open_page(browser, url, ".sk-planner .sk-client-picker select", 1100, 1600)
    try:
        page.select_option(".sk-client-picker select", label="Tamsin Planned")
        page.wait_for_selector(".sk-readiness .sk-ready")
        ticked = page.locator("[class*='sk-goal-'] input:checked")  # the saved routine's goals
        ticked.first.wait_for(timeout=10_000)
        while ticked.count():
            ticked.first.uncheck()
        page.check(".sk-goal-rotation input")
        page.fill(".sk-budget input", "15")
        page.press(".sk-budget input", "Enter")
        page.click(".sk-plan")
        first = ".sk-routine-items > :first-child.sk-item-seated-thoracic-rotation"
        page.wait_for_selector(first, timeout=10_000)
        page.fill(".sk-hold-seated-thoracic-rotation-left input", "90")
        page.press(".sk-hold-seated-thoracic-rotation-left input", "Enter")
        error = page.wait_for_selector(".sk-error-seated-thoracic-rotation:has-text('90')")
        assert "hold (left side)" in error.inner_text()
        typed = page.input_value(".sk-hold-seated-thoracic-rotation-left input")
        assert typed == "90"
        page.screenshot(path=str(artifacts / "planner-voila.png"), full_page=True)
        page.click(".sk-save-routine")
        page.wait_for_selector(".sk-saved")
        assert "Traceback" not in page.content()
    finally:
        page.close()
    with Store.open(db) as store:
        history = store.routines.history(client_id)
    assert len(history) == before + 1
    assert history[0].routine.stretch_ids[0] == "seated-thoracic-rotation"
    assert history[0].routine.budget_min == 15
