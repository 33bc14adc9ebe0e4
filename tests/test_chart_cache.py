"""Charts drawn once per change: the store keeps each client's charts under the key of what
they show, every change to what they draw drops exactly that client's charts, and a chart
taken from the store is always the chart a fresh drawing makes."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.progress.back_feel import BackRating
from stretchkit.progress.history import History, HoldRecord, SessionRecord
from stretchkit.progress.outcomes import Measurement
from stretchkit.services import chart_store
from stretchkit.services.chart_store import ChartShelf, drawing_version
from stretchkit.services.client_page import client_page
from stretchkit.services.client_progress import client_progress
from stretchkit.services.client_report import kept_progress_charts, progress_charts
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store
from stretchkit.store.values import KeptChart
from stretchkit.widgets.dashboard.dashboard_charts import (
    chart_alts,
    chart_makers,
    chart_png,
    dashboard_charts,
)
from tests.hypothesis_profiles import examples

TODAY = date(2026, 12, 1)
CATALOG = default_catalog()
STRETCH = CATALOG.stretches[0].id


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """Three demo clients with months of history, in a real SQLite file."""
    with Store.open(tmp_path / "charts.db") as opened:
        seed_demo_data(opened, 3, TODAY)
        yield opened


def _ids(store: Store) -> list[int]:
    return sorted(c.id for c in store.clients.all())


def _keep(store: Store, client_id: int, name: str = "holds") -> ChartShelf:
    """Keep a chart for the client (any bytes: the store never reads them)."""
    shelf = ChartShelf(store, CATALOG, client_id, TODAY)
    shelf.chart(name, "test", f"png of {client_id}".encode, lambda: "alt")
    return shelf


def _session(at: datetime, held: tuple[int, ...], stretch: str = STRETCH) -> SessionRecord:
    reps = len(held)
    holds = tuple(
        HoldRecord(at + timedelta(minutes=n), HoldEntry(stretch, "", n + 1, reps, 30, h))
        for n, h in enumerate(held)
    )
    return SessionRecord(at, holds=holds)


def _log_hold(store: Store, client_id: int) -> None:
    session = store.sessions.start(client_id, None, at=datetime(2026, 11, 30, 9, tzinfo=UTC))
    store.sessions.log_hold(session.id, HoldEntry(STRETCH, "", 1, 1, 30, 28))


def _correct_hold(store: Store, client_id: int) -> None:
    hold = store.sessions.client_holds(client_id)[-1]
    store.sessions.correct_hold(hold.id, 12, None)


def _flag_session(store: Store, client_id: int) -> None:
    store.sessions.flag_session(store.sessions.of_client(client_id)[-1].id, "Synthetic")


def _new_routine(store: Store, client_id: int) -> None:
    current = store.routines.current(client_id)
    assert current is not None
    store.routines.save(client_id, current.routine)


def _import(store: Store, client_id: int) -> None:
    at = datetime(2026, 11, 29, 8, tzinfo=UTC)
    store.history.add(client_id, History((_session(at, (20, 25)),)))


def _measure(store: Store, client_id: int) -> None:
    store.measurements.add(client_id, Measurement("sit-and-reach", "", 11.0, TODAY))


def _unmeasure(store: Store, client_id: int) -> None:
    _measure(store, client_id)
    _keep(store, client_id)
    store.measurements.delete(store.measurements.of_client(client_id)[-1].id)


def _rate(store: Store, client_id: int) -> None:
    rated = datetime(2026, 11, 30, 9, tzinfo=UTC)
    store.back_ratings.add(client_id, BackRating(rated, 4, 2, "dashboard"))


CHANGES: dict[str, Callable[[Store, int], None]] = {
    "log a hold": _log_hold,
    "correct a hold": _correct_hold,
    "flag a session": _flag_session,
    "save a routine": _new_routine,
    "import a history": _import,
    "record a field test": _measure,
    "delete a field test": _unmeasure,
    "rate the back": _rate,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_each_change_drops_exactly_that_clients_charts(store: Store, change: str) -> None:
    """The changed client's kept charts are gone and their count moved on; the other
    clients keep theirs, under the same count."""
    changed, *others = _ids(store)
    for client_id in (changed, *others):
        _keep(store, client_id)
        _keep(store, client_id, "adherence")
    before = {c: store.chart_cache.changes(c) for c in others}
    was = store.chart_cache.changes(changed)
    CHANGES[change](store, changed)
    assert store.chart_cache.kept(changed) == ()
    assert store.chart_cache.changes(changed) > was
    for client_id in others:
        assert store.chart_cache.kept(client_id) == ("adherence@test", "holds@test")
        assert store.chart_cache.changes(client_id) == before[client_id]
        assert ChartShelf(store, CATALOG, client_id, TODAY).chart(
            "holds", "test", lambda: b"drawn again", lambda: "alt"
        ) == KeptChart(f"png of {client_id}".encode(), "alt")


def test_a_screening_or_a_new_link_keeps_the_charts(store: Store) -> None:
    """What the charts do not show does not drop them."""
    client_id = _ids(store)[0]
    _keep(store, client_id)
    store.links.create(client_id, "phone")
    store.screenings.report_health_change(client_id, TODAY, "Synthetic")
    assert store.chart_cache.kept(client_id) == ("holds@test",)


def test_a_kept_chart_is_taken_not_drawn_again(store: Store) -> None:
    """The second view under the same key takes the kept PNG and text; the day, the size
    and the drawing's version are part of the key."""
    client_id = _ids(store)[0]
    first = _keep(store, client_id)
    assert first.chart("holds", "test", lambda: b"other", lambda: "other").png != b"other"
    assert drawing_version() in first.key("holds", "test")
    later = ChartShelf(store, CATALOG, client_id, TODAY + timedelta(days=1))
    assert later.chart("holds", "test", lambda: b"next day", lambda: "a").png == b"next day"
    assert first.key("holds", "test") != first.key("holds", "dashboard")


def test_a_new_drawing_version_draws_again(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A changed drawing never reuses an old PNG."""
    client_id = _ids(store)[0]
    _keep(store, client_id)
    monkeypatch.setattr(chart_store, "DRAWING_VERSION", "changed")
    drawing_version.cache_clear()
    try:
        shelf = ChartShelf(store, CATALOG, client_id, TODAY)
        assert shelf.chart("holds", "test", lambda: b"new", lambda: "a").png == b"new"
    finally:
        monkeypatch.undo()
        drawing_version.cache_clear()


def test_the_drawing_code_is_every_module_the_drawers_import() -> None:
    """The drawing version covers the modules that draw and what they import, at any depth
    (the chart modules imported only when a chart is drawn included)."""
    modules = chart_store.drawing_modules()
    assert set(chart_store.DRAWERS) <= set(modules)
    assert {
        "stretchkit.charts.progress_charts",  # imported by a drawer only to draw
        "stretchkit.charts.chart_layout",  # imported by progress_charts
        "stretchkit.progress.chart_text",
        "stretchkit.progress.weekly",
    } <= set(modules)
    assert all(name.startswith("stretchkit.") for name in modules)


def test_editing_a_drawing_module_changes_the_drawing_version() -> None:
    """Any change to the source of any module of the drawing code gives another version."""
    modules = chart_store.drawing_modules()
    before = chart_store.drawing_digest(modules)
    for name in ("stretchkit.charts.chart_layout", "stretchkit.widgets.dashboard.dashboard_charts"):
        edited = {**modules, name: modules[name] + b"\nCHART_DPI = 300\n"}
        assert chart_store.drawing_digest(edited) != before
    fewer = {name: source for name, source in modules.items() if name != min(modules)}
    assert chart_store.drawing_digest(fewer) != before
    assert chart_store.drawing_digest(dict(reversed(modules.items()))) == before


def test_every_module_that_draws_onto_a_shelf_is_a_drawer() -> None:
    """A module that hands a shelf a drawing (calls `shelf.chart(...)`) is one of DRAWERS,
    so its code and what it imports are in the drawing version."""
    package = Path(chart_store.__file__).resolve().parents[1]
    drawing = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _draws_onto_a_shelf(node):
                dotted = path.relative_to(package.parent).with_suffix("").parts
                drawing.add(".".join(dotted))
    assert drawing == set(chart_store.DRAWERS)


def _draws_onto_a_shelf(node: ast.AST) -> bool:
    """A call of `<...>shelf.chart(...)`: `shelf.chart` or `self.shelf.chart`."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    owner = node.func.value
    name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
    return node.func.attr == "chart" and name.endswith("shelf")


def test_finding_the_drawing_code_loads_no_plotting_library() -> None:
    """The version is worked out from the sources: a kept chart never loads matplotlib."""
    code = (
        "import sys; from stretchkit.services.chart_store import drawing_version; "
        "drawing_version(); assert 'matplotlib' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_change_while_a_chart_is_drawn_is_never_shown_as_current(store: Store) -> None:
    """The shelf's count is read before the data: a hold logged between the two leaves the
    chart drawn meanwhile under the older key, so the next view draws again."""
    client_id = _ids(store)[0]
    shelf = ChartShelf(store, CATALOG, client_id, TODAY)
    _log_hold(store, client_id)
    shelf.chart("holds", "test", lambda: b"drawn before the hold", lambda: "a")
    now = ChartShelf(store, CATALOG, client_id, TODAY)
    assert now.chart("holds", "test", lambda: b"with the hold", lambda: "a").png == (
        b"with the hold"
    )


def test_a_deleted_client_leaves_no_kept_chart(store: Store) -> None:
    """Deleting a client deletes their kept charts and their count; nobody else's."""
    gone, kept = _ids(store)[:2]
    _keep(store, gone)
    _keep(store, kept)
    store.clients.delete(gone)
    # raw SQL: what the SQLite file itself holds
    rows = store.conn.execute(
        "SELECT (SELECT count(*) FROM chart_cache WHERE client_id = ?),"
        " (SELECT count(*) FROM chart_states WHERE client_id = ?)",
        (gone, gone),
    ).fetchone()
    assert rows == (0, 0)
    assert store.chart_cache.kept(kept) == ("holds@test",)


def test_the_dashboards_kept_charts_are_the_fresh_drawings(store: Store) -> None:
    """Every dashboard chart, kept then taken again, is the PNG and text a fresh drawing
    makes; the workbook's and the PDF's too."""
    client_id = _ids(store)[0]
    for _ in range(2):  # drawn and kept, then taken
        shelf = ChartShelf(store, CATALOG, client_id, TODAY)
        page = client_page(store, CATALOG, client_id, TODAY)
        kept = dashboard_charts(shelf, page, CATALOG)
        alts = chart_alts(page, CATALOG)
        for name, make in chart_makers(page, CATALOG).items():
            assert kept[name] == KeptChart(chart_png(make()), alts[name]), name
    shown = client_progress(store, CATALOG, client_id, TODAY)
    workbook = kept_progress_charts(shelf, shown, CATALOG, "workbook", ("dose",))["dose"]
    again = kept_progress_charts(shelf, shown, CATALOG, "workbook", ("dose",))["dose"]
    assert workbook == again and workbook.png.startswith(b"\x89PNG")
    assert len(progress_charts(shown, CATALOG)) == 5


def _fresh(store: Store, catalog: Catalog, client_id: int, name: str) -> KeptChart | None:
    page = client_page(store, catalog, client_id, TODAY)
    make = chart_makers(page, catalog).get(name)
    return None if make is None else KeptChart(chart_png(make()), chart_alts(page, catalog)[name])


class ChartsAlwaysFresh(RuleBasedStateMachine):
    """Any sequence of logged holds, imports, field tests, deletes and views: a view never
    shows a chart (PNG bytes or text) that differs from one drawn fresh."""

    def __init__(self) -> None:
        super().__init__()
        self.store = Store.open(":memory:")
        self.clients: list[int] = []
        self.moments = 0

    @initialize()
    def two_clients(self) -> None:
        for n in range(2):
            self.clients.append(self.store.clients.add(ClientDetails(f"Demo {n}")).id)

    def _next_moment(self) -> datetime:
        self.moments += 1
        return datetime(2026, 11, 9, 8, tzinfo=UTC) + timedelta(
            days=self.moments % 20, minutes=self.moments
        )

    @rule(which=st.integers(0, 1), held=st.integers(0, 60))
    def log_a_hold(self, which: int, held: int) -> None:
        session = self.store.sessions.start(self.clients[which], None, at=self._next_moment())
        self.store.sessions.log_hold(session.id, HoldEntry(STRETCH, "", 1, 1, 30, held))
        self.store.sessions.finish(session.id, "completed")

    @rule(which=st.integers(0, 1), held=st.lists(st.integers(0, 60), min_size=1, max_size=3))
    def import_a_history(self, which: int, held: list[int]) -> None:
        sessions = (_session(self._next_moment(), tuple(held)),)
        self.store.history.add(self.clients[which], History(sessions))

    @rule(which=st.integers(0, 1), value=st.integers(-5, 40))
    def record_a_field_test(self, which: int, value: int) -> None:
        measured = Measurement("sit-and-reach", "", float(value), TODAY)
        self.store.measurements.add(self.clients[which], measured)

    @rule(which=st.integers(0, 1))
    def delete_and_replace_a_client(self, which: int) -> None:
        self.store.clients.delete(self.clients[which])
        self.clients[which] = self.store.clients.add(ClientDetails("Demo new")).id

    @rule(which=st.integers(0, 1), name=st.sampled_from(["holds", "adherence", "outcomes"]))
    def view(self, which: int, name: str) -> None:
        client_id = self.clients[which]
        shelf = ChartShelf(self.store, CATALOG, client_id, TODAY)
        page = client_page(self.store, CATALOG, client_id, TODAY)
        shown = dashboard_charts(shelf, page, CATALOG, only=(name,)).get(name)
        assert shown == _fresh(self.store, CATALOG, client_id, name)
        event("a chart shown" if shown is not None else "no chart yet")

    @invariant()
    def nothing_kept_for_a_deleted_client(self) -> None:
        # raw SQL: what the store itself holds
        owners = {r[0] for r in self.store.conn.execute("SELECT client_id FROM chart_cache")}
        assert owners <= set(self.clients)

    def teardown(self) -> None:
        self.store.close()


ChartsAlwaysFresh.TestCase.settings = settings(
    max_examples=examples(40),
    stateful_step_count=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_charts_are_always_the_fresh_drawing = pytest.mark.slow(ChartsAlwaysFresh.TestCase)
