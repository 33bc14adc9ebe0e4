"""A new client's page looks ready: a welcome and the first session's plan, the routine
before the charts, no chart before a session, a sane date axis after one, and counts said
right ("1 session", "1 week")."""

from __future__ import annotations

import copy
import re
import warnings
from datetime import UTC, date, datetime, timedelta
from typing import Any

import ipywidgets as w
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.catalog import Catalog
from stretchkit.charts import figure_png
from stretchkit.charts.progress_charts import adherence_chart, hold_chart
from stretchkit.clients import ClientDetails
from stretchkit.planning.planner import plan
from stretchkit.plurals import counted
from stretchkit.progress.history import History, HoldRecord, SessionRecord
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.services.client_page import client_page
from stretchkit.services.client_progress import client_progress
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store
from stretchkit.widgets.dashboard.client_dashboard import ClientDashboard
from stretchkit.widgets.dashboard.dashboard_kit import DashboardKit

DAY = date(2026, 3, 4)
"""A Wednesday: the day Maria is added, screened and given a routine."""
TOO_MANY = re.compile(r"\b1 (sessions|weeks|stretches|minutes|days|holds|clients)\b")


def new_client(store: Store, catalog: Catalog, sessions: int = 0) -> int:
    """Maria, screened and planned on DAY (3 days a week), with `sessions` sessions that day."""
    client = store.clients.add(ClientDetails("Maria Lopez"))
    screening = screen(Intake(DAY, 40), catalog)
    store.screenings.add(client.id, screening)
    routine = plan(screening, catalog, budget_min=15, days_per_week=3)
    store.routines.save(client.id, routine, at=datetime(2026, 3, 4, 8, tzinfo=UTC))
    item = routine.items[0]
    at = datetime(2026, 3, 4, 9, tzinfo=UTC)
    holds = tuple(
        HoldRecord(at + timedelta(minutes=n), HoldEntry(item.stretch_id, "", n + 1, 2, 30, 28))
        for n in range(2)
    )
    if sessions:
        store.history.add(client.id, History((SessionRecord(at, holds=holds),)))
    return client.id


def _texts(root: w.Widget) -> list[str]:
    """The page's HTML and button texts, in the order shown."""
    found = [root.value] if isinstance(root, w.HTML) else []
    for child in getattr(root, "children", ()):
        found += _texts(child)
    return found


def _board(kit: DashboardKit, store: Store, client_id: int, today: date) -> ClientDashboard:
    fresh = copy.copy(kit)
    fresh.store, fresh.today = store, lambda: today
    _link, token = store.links.create(client_id, "phone")
    board = fresh.page(f"key={token}").live()
    assert isinstance(board, ClientDashboard)
    return board


def test_counts_take_the_word_that_goes_with_them() -> None:
    """One session, two sessions, no weeks, three stretches."""
    assert counted(1, "session") == "1 session"
    assert counted(2, "session") == "2 sessions"
    assert counted(0, "week") == "0 weeks"
    assert counted(3, "stretch") == "3 stretches"


@given(st.integers(min_value=0, max_value=10_000))
def test_a_count_is_singular_only_for_one(n: int) -> None:
    """Whatever the count, the word is plural unless the count is 1."""
    assert counted(n, "week").endswith("week" if n == 1 else "weeks")


def test_a_new_client_reads_a_welcome_and_the_first_session_plan(
    memory_store: Store, catalog: Catalog
) -> None:
    """On day one the page says hello and when, how long and which stretches: no adherence."""
    client_id = new_client(memory_store, catalog)
    page = client_page(memory_store, catalog, client_id, DAY)
    assert page.first is not None
    assert page.first.greeting == "Welcome, Maria."
    assert page.first.when.startswith("Your first session: today, about ")
    routine = page.plan.routine
    assert routine is not None
    assert len(page.first.stretches) == len(routine.items)
    assert catalog.stretch(routine.items[0].stretch_id).name in page.first.stretches[0]


def test_a_new_client_page_shows_the_welcome_and_routine_before_progress_and_no_chart(
    prepared_kit: DashboardKit, memory_store: Store, catalog: Catalog
) -> None:
    """The live page: welcome, then the routine, then a sentence where the charts will be."""
    board = _board(prepared_kit, memory_store, new_client(memory_store, catalog), DAY)
    text = "\n".join(_texts(board))
    assert board.charts == {}
    welcome, routine = text.index("Welcome, Maria."), text.index("Your routine")
    assert welcome < routine < text.index("Your progress shows here after your first session")
    assert "planned (" not in text and "plan not met" not in text
    assert not TOO_MANY.search(re.sub(r"<[^>]+>", " ", text))


def test_the_first_view_also_puts_the_routine_before_progress(
    prepared_kit: DashboardKit, memory_store: Store, catalog: Catalog
) -> None:
    """The plain HTML shown before the widgets keeps the same order and has no chart."""
    fresh = copy.copy(prepared_kit)
    fresh.store, fresh.today = memory_store, lambda: DAY
    _link, token = memory_store.links.create(new_client(memory_store, catalog), "phone")
    first = fresh.page(f"key={token}").first_view
    assert first.index("Welcome, Maria.") < first.index("Your routine")
    assert first.index("Your routine") < first.index("Your progress")
    assert "<img" not in first.split("Your progress")[1]


def test_one_session_on_day_one_is_counted_without_a_judgement(
    memory_store: Store, catalog: Catalog
) -> None:
    """'1 session so far', and when the plan's first full week starts; never '1 sessions'."""
    client_id = new_client(memory_store, catalog, sessions=1)
    summary = client_progress(memory_store, catalog, client_id, DAY).summary
    assert summary == "1 session so far; your plan's first full week starts Monday 9 March"
    page = client_page(memory_store, catalog, client_id, DAY)
    assert page.first is None


def test_adherence_is_judged_over_full_weeks_since_the_routine_started(
    memory_store: Store, catalog: Catalog
) -> None:
    """Two full weeks later, the partial first week is left out of the plan's share."""
    client_id = new_client(memory_store, catalog, sessions=1)
    summary = client_progress(memory_store, catalog, client_id, DAY + timedelta(days=19)).summary
    assert summary == "0 sessions of 6 planned (0%) over 2 full weeks; plan not met last week"


def _x_days(figure: Any) -> float:
    low, high = figure.axes[0].get_xlim()
    return float(high - low)  # matplotlib dates count days


def test_one_session_draws_a_few_weeks_axis_without_a_warning(
    memory_store: Store, catalog: Catalog
) -> None:
    """A single week of data: about three weeks of dates, not years, and a real hold axis."""
    client_id = new_client(memory_store, catalog, sessions=1)
    progress = client_progress(memory_store, catalog, client_id, DAY).progress
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        holds, sessions = hold_chart(progress, catalog), adherence_chart(progress)
        figure_png(holds)
        figure_png(sessions)
    assert 14 <= _x_days(holds) <= 35 and 14 <= _x_days(sessions) <= 35
    assert holds.axes[0].get_ylim()[1] >= 28


def test_the_hold_chart_draws_only_the_stretches_held(
    memory_store: Store, catalog: Catalog
) -> None:
    """After one session of one stretch, one panel, not an empty panel per routine stretch."""
    client_id = new_client(memory_store, catalog, sessions=1)
    page = client_page(memory_store, catalog, client_id, DAY)
    assert page.plan.routine is not None and len(page.plan.routine.items) > 1
    holds = hold_chart(page.progress.progress, catalog, page.plan.routine.stretch_ids)
    assert len(holds.axes) == 1
    assert all(line.get_ydata().size for line in holds.axes[0].get_lines())


def test_the_trainer_sees_no_empty_axes_for_a_client_without_a_session(
    memory_store: Store, catalog: Catalog
) -> None:
    """The Progress tab's charts say there is nothing yet instead of drawing empty panels."""
    client_id = new_client(memory_store, catalog)
    progress = client_progress(memory_store, catalog, client_id, DAY).progress
    assert progress.weeks  # the routine's week is there...
    assert hold_chart(progress, catalog).axes == []  # ...but there is nothing to draw
    assert adherence_chart(progress).axes == []


@pytest.mark.parametrize("days", [0, 6, 20, 60, 200, 900, 1400])
def test_no_date_range_makes_matplotlib_warn(
    memory_store: Store, catalog: Catalog, days: int
) -> None:
    """From one day to years of sessions, the date axis finds its ticks without a warning."""
    client_id = new_client(memory_store, catalog, sessions=1)
    today = DAY + timedelta(days=days)
    progress = client_progress(memory_store, catalog, client_id, today).progress
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure_png(adherence_chart(progress))
