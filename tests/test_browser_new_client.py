"""A client added this morning opens their link on a 390 px phone: a welcome and the first
session's plan come first, then the routine; no chart; every count said right."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from stretchkit.catalog import default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.planning.planner import plan
from stretchkit.progress.history import History, HoldRecord, SessionRecord
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store
from tests.pages import open_page
from tests.today import clock_today

TOO_MANY = re.compile(r"\b1 (sessions|weeks|stretches|minutes|days|holds)\b")


def seed_client(db: Path, name: str, today: date, sessions: int) -> str:
    """A client screened and planned today, with `sessions` sessions today; their link's key."""
    catalog = default_catalog()
    with Store.open(db) as store:
        client = store.clients.add(ClientDetails(name))
        screening = screen(Intake(today, 40), catalog)
        store.screenings.add(client.id, screening)
        routine = plan(screening, catalog, budget_min=15, days_per_week=3)
        morning = datetime(today.year, today.month, today.day, tzinfo=UTC)
        store.routines.save(client.id, routine, at=morning)
        item, at = routine.items[0], morning + timedelta(hours=1)
        hold = HoldRecord(at, HoldEntry(item.stretch_id, "", 1, 1, 30, 28))
        if sessions:
            store.history.add(client.id, History((SessionRecord(at, holds=(hold,)),)))
        _link, token = store.links.create(client.id, "phone")
    return token


@pytest.fixture
def served(client_dashboard: tuple[str, Path]) -> tuple[str, Path]:
    """The run's client dashboard (conftest.py); each test adds its client while it runs,
    as a trainer does."""
    return client_dashboard


def _top(page: Any, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return float(box["y"])


@pytest.mark.slow
@pytest.mark.browser
def test_a_new_clients_phone_page_welcomes_them_before_the_routine_without_charts(
    served: tuple[str, Path], browser: Any
) -> None:
    """Welcome and first session's plan up top, the routine next, no chart, right plurals."""
    url, db = served
    # the server dates the page by its own clock, so the client is added on that day
    key = seed_client(db, "Maria Lopez", clock_today(), sessions=0)
    page = open_page(browser, f"{url}?key={key}", ".sk-home-start", 390, 844)
    try:
        live = ".sk-dash:not(.sk-first-view)"
        page.locator(f"{live} .sk-dash-welcome").wait_for(timeout=30_000)
        assert page.inner_text(f"{live} .sk-dash-welcome") == "Welcome, Maria."
        assert page.inner_text(f"{live} .sk-dash-first").startswith("Your first session: today")
        welcome = _top(page, f"{live} .sk-dash-welcome")
        routine = _top(page, f"{live} .sk-dash-routine")
        progress = _top(page, f"{live} .sk-dash-summary")
        assert welcome < routine < progress
        assert page.locator(f"{live} img[class^='sk-chart-']").count() == 0
        text = page.inner_text(live)
        assert "after your first session" in text and "plan not met" not in text
        assert not TOO_MANY.search(text)
    finally:
        page.close()


@pytest.mark.slow
@pytest.mark.browser
def test_after_one_session_the_page_says_1_session_and_shows_a_chart(
    served: tuple[str, Path], browser: Any
) -> None:
    """One session done today: '1 session so far', no judgement of the plan, a hold chart."""
    url, db = served
    key = seed_client(db, "Ana Ruiz", clock_today(), sessions=1)
    page = open_page(browser, f"{url}?key={key}", ".sk-home-start", 390, 844)
    try:
        live = ".sk-dash:not(.sk-first-view)"
        page.locator(f"{live} img.sk-chart-holds").wait_for(timeout=30_000)
        summary = page.inner_text(f"{live} .sk-dash-summary")
        assert summary.startswith("1 session so far"), summary
        assert _top(page, f"{live} .sk-dash-routine") < _top(page, f"{live} .sk-dash-summary")
        assert not TOO_MANY.search(page.inner_text(live))
    finally:
        page.close()
