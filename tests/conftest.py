"""Shared fixtures: stores, the catalog, and real servers for the browser tests."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import pytest
from hypothesis import settings

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.demo import seeding
from stretchkit.demo.synthetic_history import demo_history as _simulate
from stretchkit.store import Store
from tests.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.hypothesis_profiles import profile_for
from tests.postgres import PostgresCluster
from tests.servers import dashboard, voila
from tests.today import TODAY

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

# A demo client's history is a pure function of their routine, days, seed and profile, and
# about a hundred tests seed the same demo clients up to the same day: each history is
# simulated once per test process and stored anew by every test that seeds it.
_simulated = functools.cache(_simulate)


def _demo_history(*args: Any, **kwargs: Any) -> Any:
    try:
        return _simulated(*args, **kwargs)
    except TypeError:  # an argument that cannot be a key (a test's own catalog): simulated
        return _simulate(*args, **kwargs)


seeding.demo_history = _demo_history  # type: ignore[attr-defined]


class ServeNotebook(Protocol):
    """What the `serve_notebook` fixture gives: call it to serve one more notebook."""

    def __call__(
        self, notebook: str | Path, db: Path | None = None, env: Mapping[str, str] | None = None
    ) -> str: ...


def pytest_configure(config: pytest.Config) -> None:
    """Load the Hypothesis profile: as --hypothesis-profile says, else `fast` for a run that
    leaves the slow tests out and `ci` for any other (see tests/hypothesis_profiles.py)."""
    if not config.getoption("hypothesis_profile", None):
        settings.load_profile(profile_for(config.getoption("markexpr") or ""))


def pytest_report_header() -> list[str]:
    """Say which day the tests call today, and how many examples a property runs."""
    return [
        f"tests' today: {TODAY.isoformat()} (set STRETCHKIT_TEST_TODAY to move it)",
        f"hypothesis profile: {settings.get_current_profile_name()}"
        " (tests/hypothesis_profiles.py; --hypothesis-profile=ci|fast)",
    ]


@pytest.fixture
def today() -> date:
    """The day the tests call today: fixed, or $STRETCHKIT_TEST_TODAY (see tests/today.py)."""
    return TODAY


@pytest.fixture(autouse=True)
def _close_the_tests_widgets() -> Iterator[None]:
    """Close every widget a test made once it is done: ipywidgets keeps each widget ever made
    until it is closed, so a run's heap (and each garbage collection) grew with every test."""
    from ipywidgets.widgets import widget

    before = set(widget._instances)
    yield
    for key, made in list(widget._instances.items()):
        if key not in before:
            made.close()


@pytest.fixture
def catalog() -> Catalog:
    """The packaged stretch catalog."""
    return default_catalog()


@pytest.fixture
def memory_store() -> Iterator[Store]:
    """A fresh, migrated in-memory store."""
    with Store.open(":memory:") as store:
        yield store


ENGINES = ("sqlite", "postgresql")
"""The engines a store runs on. A test taking `store`, `store_location` or `shared_store` runs
on both in the store's own test modules (those setting `ENGINE_PARITY = True`), on SQLite
elsewhere: services and widgets are the same on either engine."""
TEMPLATE = "stretchkit_template"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize `engine`: both engines where the module asks for engine parity."""
    if "engine" in metafunc.fixturenames:
        parity = getattr(metafunc.module, "ENGINE_PARITY", False)
        engines = ENGINES if parity else ENGINES[:1]
        metafunc.parametrize("engine", engines, indirect=True, scope="module")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark `postgres` every test that needs the PostgreSQL server, and `slow` every notebook
    nbval runs (each starts a kernel); leave the soak tests out unless -m names them."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and "postgresql" in callspec.params.values()
        if on_postgres or "postgres" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
    if "soak" not in (config.getoption("markexpr") or ""):
        soak = [item for item in items if item.get_closest_marker("soak")]
        if soak:
            config.hook.pytest_deselected(items=soak)
            items[:] = [item for item in items if not item.get_closest_marker("soak")]


@pytest.fixture(scope="module")
def engine(request: pytest.FixtureRequest) -> str:
    """The engine the store fixtures open: 'sqlite' or 'postgresql'."""
    return str(request.param)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """One real PostgreSQL cluster for the whole run (started on first use), holding a store
    migrated once as the template each test's database is copied from; every test using it
    is skipped, saying why, when no server can be started here."""
    try:
        cluster = PostgresCluster()
    except (RuntimeError, OSError) as e:
        pytest.skip(f"no PostgreSQL server could be started: {e}")
    try:
        cluster.sql(f'CREATE DATABASE "{TEMPLATE}"')
        Store.open(cluster.url(TEMPLATE)).close()
        yield cluster
    finally:
        cluster.stop()


def new_location(engine: str, request: pytest.FixtureRequest, folder: Path) -> str:
    """Where a new, empty store of the `engine` is kept: a file that does not exist yet in
    `folder` (SQLite), or a new database of its own on the test cluster (PostgreSQL), as
    --db would name it."""
    if engine == "sqlite":
        return str(folder / "studio" / "stretchkit.db")
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.url(cluster.new_database(template=TEMPLATE))


@pytest.fixture
def store_location(engine: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store's location on the engine (see new_location)."""
    return new_location(engine, request, tmp_path)


@pytest.fixture(scope="module")
def shared_store(
    engine: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """One store on the engine for every example of a Hypothesis test (a database per
    example would be slow): each example adds a client of its own."""
    with Store.open(new_location(engine, request, tmp_path_factory.mktemp("shared"))) as opened:
        yield opened


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    """A fresh, migrated store on the engine (both in turn for the store's own tests)."""
    with Store.open(store_location) as opened:
        yield opened


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a store file that does not exist yet, in a folder of its own."""
    return tmp_path / "studio" / "stretchkit.db"


ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium driven by Playwright (installed by tests/setup_servers.py)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def client_dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`stretchkit dashboard` with three kernels on a store of its own, empty at first, for
    every browser test of the clients' dashboard: its URL and the store. Each test adds the
    clients it opens (tests/story_clients.py), so any one runs alone and in any order."""
    db = tmp_path_factory.mktemp("client-dashboard") / "store.db"
    with dashboard(db, pool_size=3, demo=False) as (url, _links):
        yield url, db


@pytest.fixture(scope="module")
def serve_notebook() -> Iterator[ServeNotebook]:
    """Serve notebooks with Voila for one test module: call it with a notebook (a name in
    notebooks/ or a path), the store file it reads and any other environment, get its URL.
    One server serves every notebook of a folder for the same store and environment (Voila
    runs a notebook afresh for each page, so a page shows what its test added to the
    store); every server it started stops once the module's tests are done."""
    with ExitStack() as servers:
        started: dict[tuple[Path, Path | None, frozenset[tuple[str, str]]], str] = {}

        def serve(
            notebook: str | Path, db: Path | None = None, env: Mapping[str, str] | None = None
        ) -> str:
            path = (notebook if isinstance(notebook, Path) else NOTEBOOKS / notebook).resolve()
            store = {"STRETCHKIT_DB": str(db)} if db is not None else {}
            key = (path.parent, db, frozenset((env or {}).items()))
            if key not in started:
                folder = voila(path.parent, env={**store, **(env or {})})
                started[key] = servers.enter_context(folder)
            return f"{started[key]}voila/render/{path.name}"

        yield serve


@pytest.fixture(scope="module")
def prepared_kit() -> Iterator[Any]:
    """One dashboard kit per module: its muscle maps take seconds to draw."""
    from stretchkit.catalog import default_catalog
    from stretchkit.widgets.dashboard.dashboard_kit import DashboardKit

    with Store.open(":memory:") as store:
        yield DashboardKit(store=store, catalog=default_catalog())


@pytest.fixture
def artifacts() -> Path:
    """Where browser tests save their screenshots (ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
