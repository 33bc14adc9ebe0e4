"""The guided session timer in Voila with a real Chromium: the countdown moves on its own, the
hold lands in the store, numbness ends the session and sharp pain waits for the trainer."""

from __future__ import annotations

import json
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from stretchkit.catalog import default_catalog
from stretchkit.clients import Client, ClientDetails
from stretchkit.planning.planner import plan
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.services.readiness import readiness
from stretchkit.store import Store
from tests.conftest import ServeNotebook
from tests.pages import PHASE_TITLE, open_page, skip_to_phase, view_box
from tests.today import clock_today

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PICKER = ".sk-session-panel .sk-client-picker select"

SHORT_SESSION = """
from stretchkit.store import Store
from stretchkit.planning.timeline import Phase, Timeline
from stretchkit.widgets.kit.session_timer import SessionTimer

store = Store.open()
client = next(c for c in store.clients.all() if c.name == "Quinn Shorthold")
saved = store.routines.current(client.id)
rx = saved.routine.items[0].prescription
at = dict(stretch_id=rx.stretch_id, side=rx.sides[0], rep=1, reps=1)
timeline = Timeline((
    Phase("get-ready", 2, "Get ready", "Sit upright.", "Kneel behind.", **at),
    Phase("hold", 3, "Short hold", "Breathe.", "Ask: how does this feel?", **at),
    Phase("release", 1, "Release slowly", "Release slowly.", "Ease off.", **at),
))
SessionTimer(store, client.id, saved.routine, routine_id=saved.id, timeline=timeline)
"""


def _notebook(path: Path, source: str) -> Path:
    cell = {
        "cell_type": "code",
        "id": "short-0",
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": source.strip().splitlines(keepends=True),
    }
    kernel = {"display_name": "Python 3", "language": "python", "name": "python3"}
    notebook = {
        "cells": [cell],
        "metadata": {"kernelspec": kernel},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def _client_with_routine(db: Path, name: str) -> str:
    """A client of the calling test's own (so each test runs alone and in any order), screened
    today and cleared, with a 15-minute routine: their name."""
    catalog = default_catalog()
    with Store.open(db) as store:
        client = store.clients.add(ClientDetails(name, notes="Synthetic test client."))
        store.screenings.add(client.id, screen(Intake(clock_today(), 40), catalog))
        ready = readiness(store, catalog, client.id, clock_today())
        assert ready.ready and ready.screening is not None
        store.routines.save(client.id, plan(ready.screening, catalog, budget_min=15))
    return name


def _client_named(store: Store, name: str) -> Client:
    return next(c for c in store.clients.all() if c.name == name)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The module's store: each test adds the client it uses."""
    path = tmp_path_factory.mktemp("session") / "store.db"
    Store.open(path).close()
    return path


@pytest.fixture(scope="module")
def short_session(
    serve_notebook: ServeNotebook, db: Path, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A one-cell notebook running a session of a 3 s hold for a client of its own, served
    on the store."""
    _client_with_routine(db, "Quinn Shorthold")
    notebook = _notebook(tmp_path_factory.mktemp("nb") / "short.ipynb", SHORT_SESSION)
    return serve_notebook(notebook, db)


def test_a_three_second_hold_counts_down_and_lands_in_the_store(
    browser: Any, short_session: str, db: Path, artifacts: Path
) -> None:
    """On a phone-sized screen, Start: the countdown moves by itself, the hold ends on time,
    is saved and rated, and nothing is wider than the screen."""
    page = open_page(browser, short_session, ".sk-timer .sk-clock", 390, 1400)
    try:
        start = page.locator(".sk-timer .sk-pose-start img.sk-pose-img")
        start.wait_for(state="visible", timeout=10_000)  # get ready: the start position
        box = start.bounding_box()
        assert box is not None and box["width"] >= 300
        page.click(".sk-start")
        page.wait_for_selector(".sk-phase-hold", timeout=10_000)
        held = page.locator(".sk-timer .sk-pose-stretched img.sk-pose-img")
        held.wait_for(state="visible", timeout=10_000)  # the hold: the stretched position
        shown = page.inner_text(".sk-clock")
        with suppress(PlaywrightTimeoutError):  # still the same after 2.5 s fails just below
            page.wait_for_function(
                "shown => document.querySelector('.sk-clock').innerText !== shown",
                arg=shown,
                timeout=2_500,
            )
        seen = {shown, page.inner_text(".sk-clock")}
        assert len(seen) >= 2, f"the countdown did not move: {seen}"
        page.screenshot(path=str(artifacts / "timer-hold-voila.png"), full_page=True)
        page.wait_for_selector(".sk-last-hold:has-text('held 3 s of 3 s')", timeout=10_000)
        assert page.eval_on_selector("audio.sk-chime", "a => a.src.startsWith('blob:')")
        page.click(".sk-sensation button:text-is('4')")
        page.wait_for_selector(".sk-log td:has-text('4/10')", timeout=10_000)
        page.wait_for_selector(".sk-done:has-text('Session complete')", timeout=10_000)
        overflow = "document.documentElement.scrollWidth - window.innerWidth"
        assert page.evaluate(overflow) <= 0
        page.screenshot(path=str(artifacts / "timer-done-voila.png"), full_page=True)
        assert "Traceback" not in page.content()
    finally:
        page.close()
    with Store.open(db) as store:
        client = _client_named(store, "Quinn Shorthold")
        sessions = store.sessions.of_client(client.id)
        holds = store.sessions.holds(sessions[-1].id)
    assert sessions[-1].status == "completed"
    assert [(h.entry.held_s, h.entry.target_s, h.entry.sensation) for h in holds] == [(3, 3, 4)]


@pytest.fixture(scope="module")
def session_notebook(serve_notebook: ServeNotebook, db: Path) -> str:
    """The session notebook served on the store."""
    return serve_notebook("session.ipynb", db)


def _to_first_hold(page: Any, client: str) -> None:
    page.select_option(".sk-client-picker select", label=client)
    page.wait_for_selector(".sk-targets tr.sk-target", timeout=30_000)
    page.click(".sk-start")
    skip_to_phase(page, "hold")


def test_numbness_ends_the_session_and_asks_for_a_re_screen(
    browser: Any, session_notebook: str, db: Path, artifacts: Path
) -> None:
    """Pick a client, start, skip to the first hold (what to watch for is on screen), flag
    numbness: the session ends with the guidance, and the client must be screened again."""
    with Store.open(db) as store:
        client = _client_named(store, _client_with_routine(db, "Noor Numbness"))
        before = len(store.sessions.of_client(client.id))
    page = open_page(browser, session_notebook, PICKER, 1000, 1400)
    try:
        _to_first_hold(page, client.name)
        page.wait_for_selector(".sk-watch:has-text('Watch for')")
        page.click(".sk-flag")
        page.wait_for_selector(".sk-flagged:has-text('healthcare professional')", timeout=10_000)
        page.wait_for_selector(".sk-done:has-text('ended (flagged)')", timeout=10_000)
        page.wait_for_selector(".sk-seek-guidance[open]")
        assert page.is_disabled(".sk-pause") and page.is_disabled(".sk-skip")
        page.screenshot(path=str(artifacts / "timer-numbness-voila.png"), full_page=True)
        assert "Traceback" not in page.content()
    finally:
        page.close()
    with Store.open(db) as store:
        sessions = store.sessions.of_client(client.id)
        holds = store.sessions.holds(sessions[-1].id)
        saved = store.screenings.latest(client.id)
        assert saved is not None
        state = store.screenings.validity_of(saved, clock_today()).state
    assert len(sessions) == before + 1
    assert sessions[-1].status == "flagged" and sessions[-1].ended is not None
    assert [h.entry.flagged for h in holds] == [True]
    assert state == "health-changed"


def test_sharp_pain_ends_the_session_with_no_choice_to_go_on(
    browser: Any, session_notebook: str, db: Path, artifacts: Path
) -> None:
    """Sharp pain: the session ends at once, flagged; the trainer reads to ease the client
    out slowly, and no "go on" choice appears."""
    with Store.open(db) as store:
        client = _client_named(store, _client_with_routine(db, "Pax Sharppain"))
        routine = store.routines.current(client.id)
        assert routine is not None and len(routine.routine.items) > 1
    page = open_page(browser, session_notebook, PICKER, 1000, 1400)
    try:
        _to_first_hold(page, client.name)
        page.click(".sk-pain")
        page.wait_for_selector(".sk-done", timeout=10_000)
        page.wait_for_selector(".sk-flagged:has-text('Ease the client out')")
        assert page.query_selector(".sk-go-on") is None
        assert page.is_disabled(".sk-pause") and page.is_disabled(".sk-skip")
        page.screenshot(path=str(artifacts / "timer-sharp-pain-voila.png"), full_page=True)
    finally:
        page.close()
    with Store.open(db) as store:
        last = store.sessions.of_client(client.id)[-1]
        kinds = [e.event.kind for e in store.sessions.events(last.id)]
    assert last.status == "flagged" and kinds == ["sharp-pain"]


def test_while_a_session_runs_the_countdown_phase_and_cues_are_at_the_top_of_the_view(
    browser: Any, session_notebook: str, db: Path, artifacts: Path
) -> None:
    """Today's targets show before Start; once the session runs they fold away, and, seen
    from the top of the session screen on an 800 px high screen, the phase, the countdown and
    the client's and partner's cues are all in view, the countdown where the targets were.
    The warm-up's partner cue says what the partner does meanwhile."""
    height, panel = 800, ".sk-session-panel"
    client = _client_with_routine(db, "Tove Topview")
    page = open_page(browser, session_notebook, PICKER, 1000, height)
    try:
        page.select_option(PICKER, label=client)
        page.wait_for_selector(".sk-targets tr.sk-target", timeout=30_000)
        targets = view_box(page, ".sk-targets", panel)
        assert page.locator(".sk-targets tr.sk-target").count() >= 5
        page.click(".sk-start")
        page.wait_for_selector(f"{PHASE_TITLE} .sk-phase-warm-up", timeout=30_000)
        page.wait_for_selector(".sk-targets", state="hidden", timeout=10_000)
        clock = view_box(page, ".sk-timer .sk-countdown", panel)
        title = view_box(page, PHASE_TITLE, panel)
        partner = view_box(page, ".sk-cues .sk-partner", panel)
        page.screenshot(path=str(artifacts / "timer-running-first-view.png"))
        assert title["y"] < clock["y"] and clock["y"] + clock["height"] < height
        assert clock["y"] < targets["y"] + targets["height"]
        assert partner["y"] + partner["height"] <= height
        said = page.inner_text(".sk-cues .sk-partner")
        assert "While the client warms up" in said and "stretchkit's own suggestion" in said
        skip_to_phase(page, "hold")
        cue = view_box(page, ".sk-cues .sk-cue", panel)
        assert view_box(page, ".sk-timer .sk-countdown", panel)["y"] < cue["y"] < height
        page.click(".sk-stop")
        page.click(".sk-end-session")
        page.wait_for_selector(".sk-done", timeout=10_000)
    finally:
        page.close()
