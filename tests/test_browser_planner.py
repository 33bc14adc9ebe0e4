"""The routine planner in Voila with a real Chromium: plan, a refused hold, save."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stretchkit.demo.seeding import seed_demo_data
from stretchkit.store import Store
from tests.conftest import ROOT
from tests.servers import voila

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    db = tmp_path_factory.mktemp("planner") / "store.db"
    with Store.open(db) as store:
        seed_demo_data(store)
    notebook = ROOT / "notebooks" / "routine_planner.ipynb"
    with voila(notebook, env={"STRETCHKIT_DB": str(db)}) as url:
        yield url, db


def test_a_trainer_plans_edits_and_saves_a_routine(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """Pick a client, tick rotation, plan for 15 minutes, type a hold of 90 s (refused next to
    the stretch, text kept), save: the store has the routine as the client's current one."""
    url, db = served
    with Store.open(db) as store:
        client = next(c for c in store.clients.all() if c.name == "Tamsin Dunmore")
        before = len(store.routines.history(client.id))
    page = browser.new_page(viewport={"width": 1100, "height": 1600})
    try:
        page.goto(url, timeout=90_000)
        page.wait_for_selector("#loading", state="detached", timeout=90_000)
        page.wait_for_selector(".sk-planner .sk-client-picker select", timeout=60_000)
        page.select_option(".sk-client-picker select", label=client.name)
        page.wait_for_selector(".sk-readiness .sk-ready")
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
        history = store.routines.history(client.id)
    assert len(history) == before + 1
    assert history[0].routine.stretch_ids[0] == "seated-thoracic-rotation"
    assert history[0].routine.budget_min == 15
