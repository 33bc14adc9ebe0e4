"""The dashboard server's own first view: served from the store and the kept charts with no
kernel, revealing nothing for a wrong key, and the pool sized to the machine."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.catalog import Catalog
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.paths import DB_ENV_VAR
from stretchkit.progress.outcomes import Measurement
from stretchkit.servers.dashboard_server import MAX_POOL_SIZE, machine_pool_size
from stretchkit.services.chart_store import ChartShelf
from stretchkit.store import Store
from stretchkit.store.trainers import EVERYONE
from stretchkit.widgets.dashboard.dashboard_chart_keeper import keep_charts, linked_clients
from stretchkit.widgets.dashboard.dashboard_charts import CHART_SIZE, FIRST_CHART
from stretchkit.widgets.dashboard.dashboard_first_view import first_view, first_view_page

DAY = date(2026, 3, 2)
PNG = b"\x89PNG\r\n\x1a\nkept-hold-chart"


def studio_db() -> Path:
    """The store the server's environment names."""
    return Path(os.environ[DB_ENV_VAR])


@pytest.fixture
def studio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalog: Catalog) -> dict[str, str]:
    """A studio store with the demo clients (the server's store, as its environment names
    it): each client's name by their link's key."""
    db = tmp_path / "store.db"
    monkeypatch.setenv(DB_ENV_VAR, str(db))
    with Store.open(db) as store:
        seed_demo_data(store, today=DAY)
        keys = {store.links.create(c.id)[1]: c.name for c in store.clients.all()}
    return keys


def test_a_valid_key_gets_its_clients_first_view_and_a_live_page_after_it(
    studio: dict[str, str], catalog: Catalog
) -> None:
    """The first view names the client, their status and routine, and no other client."""
    key, name = next(iter(studio.items()))
    html, live = first_view(f"key={key}", catalog, DAY)
    assert live and f'sk-dash-name">{name}<' in html and "Your routine" in html
    assert not any(other in html for other in studio.values() if other != name)
    routine = html[html.index("Your routine") :]
    assert "<ol><li>" in routine and "<li>1. " not in routine  # the list numbers once


@pytest.mark.parametrize("query", [None, "", "key=", "key=not-a-real-key-but-long-enough-xyz"])
def test_a_missing_or_wrong_key_gets_the_not_valid_page_and_nothing_else(
    studio: dict[str, str], query: str | None
) -> None:
    """No name, no script that asks for a live page."""
    page = first_view_page(query, DAY)
    assert "This link is not valid" in page and "<script>\n(async" not in page
    assert not any(name in page for name in studio.values())


def test_one_reading_thread_serves_each_key_its_own_client_and_a_wrong_key_nothing(
    studio: dict[str, str], catalog: Catalog
) -> None:
    """Requests one after another in one thread: every client in turn gets their own page,
    and a wrong key after them gets nothing."""
    for key, name in [*studio.items(), *studio.items()]:
        html, live = first_view(f"key={key}", catalog, DAY)
        assert live and f'sk-dash-name">{name}<' in html
        assert not any(other in html for other in studio.values() if other != name)
    html, live = first_view("key=not-a-real-key-but-long-enough-xyz", catalog, DAY)
    assert not live and not any(name in html for name in studio.values())


def test_a_revoked_key_gets_nothing_on_the_next_request_of_the_same_thread(
    studio: dict[str, str], catalog: Catalog
) -> None:
    """A link revoked between two requests is refused at once."""
    key, name = next(iter(studio.items()))
    assert name in first_view(f"key={key}", catalog, DAY)[0]
    with Store.open(trainer=EVERYONE) as store:
        for link in store.links.all():
            store.links.revoke(link.id)
    html, live = first_view(f"key={key}", catalog, DAY)
    assert not live and name not in html


def test_the_first_view_shows_the_hold_chart_only_as_kept(
    studio: dict[str, str], catalog: Catalog
) -> None:
    """A chart not kept is left to the live page (nothing is drawn); a kept one is shown."""
    key, _name = next(iter(studio.items()))
    html, _live = first_view(f"key={key}", catalog, DAY)
    assert "sk-chart-holds" not in html
    with Store.open(trainer=EVERYONE) as store:
        client = store.links.client_for(key)
        assert client is not None
        shelf = ChartShelf(store, catalog, client, DAY)
        shelf.chart(FIRST_CHART, CHART_SIZE, lambda: PNG, lambda: "Hold times rise.")
    html, _live = first_view(f"key={key}", catalog, DAY)
    assert 'class="sk-chart-holds"' in html and 'alt="Hold times rise."' in html


def test_serving_a_first_view_loads_no_plotting_library(studio: dict[str, str]) -> None:
    """The server process never imports matplotlib to write a first view."""
    key = next(iter(studio))
    script = (
        "import sys; from datetime import date\n"
        "from stretchkit.widgets.dashboard.dashboard_first_view import first_view_page\n"
        f"page = first_view_page('key={key}', date(2026, 3, 2))\n"
        "assert 'sk-dash-name' in page\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


@pytest.mark.slow  # draws every linked client's charts, twice
def test_the_keeper_draws_each_linked_clients_charts_once_and_again_after_a_change(
    studio: dict[str, str], catalog: Catalog
) -> None:
    """The first round keeps the charts the page shows, so the first view finds its hold
    chart; an unchanged client is not drawn again; a field test draws theirs again. Drawing
    ahead is nobody viewing the record: it leaves no access-log entry."""
    seen: dict[int, tuple[date, int]] = {}
    with Store.open(trainer=EVERYONE) as store:
        clients = linked_clients(store)
        before = {c: len(store.access_log.of_client(c)) for c in clients}
        assert keep_charts(store, catalog, DAY, seen) == clients
        assert keep_charts(store, catalog, DAY, seen) == []
        assert {c: len(store.access_log.of_client(c)) for c in clients} == before
    key = next(
        k
        for k, name in studio.items()
        if "sk-chart-holds" in first_view(f"key={k}", catalog, DAY)[0]
    )
    with Store.open(studio_db(), trainer=None) as trainer_store:
        client = next(c for c in trainer_store.clients.all() if c.name == studio[key])
        trainer_store.measurements.add(
            client.id, Measurement("sit-and-reach", "", 10.0, DAY, client.name)
        )
    with Store.open(trainer=EVERYONE) as store:
        assert keep_charts(store, catalog, DAY, seen) == [client.id]
    assert "sk-chart-holds" in first_view(f"key={key}", catalog, DAY)[0]


@given(st.integers(1, 256), st.integers(0, 2**40))
def test_the_pool_follows_the_cores_and_memory_within_its_bounds(cores: int, free: int) -> None:
    """Two kernels a core, within a quarter of the free memory, and 1 to the largest pool."""
    size = machine_pool_size(cores, free)
    assert 1 <= size <= min(MAX_POOL_SIZE, 2 * cores)
    assert size == 1 or size * 150 * 2**20 <= free // 4


def test_this_machines_pool_is_two_kernels_a_core_when_memory_allows() -> None:
    """On 2 cores with gigabytes free, four kernels."""
    assert machine_pool_size(2, 24 * 2**30) == 4
