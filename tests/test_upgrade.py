"""Upgrades: a store written by each earlier release opens in this one, migrated forward, with
its data intact. The stores in tests/releases were made by tests/releases/make_fixtures.py
with each release's own code."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from stretchkit.clients import ClientFootprint
from stretchkit.progress.history import History, HoldRecord, SessionRecord
from stretchkit.progress.outcomes import Measurement
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store
from stretchkit.store.schema import known_migrations
from tests.releases.make_fixtures import (
    A_INTAKE_NOTES,
    ARCHIVED,
    B_CONTACT,
    CLIENT_NOTE,
    CLIENTS,
    EVENT_DETAIL,
    HEALTH_NOTE,
    HELD_S,
    KEPT_CHART,
    KEPT_PNG,
    LAPTOP_TOKEN,
    LOGGED,
    MEASURED,
    PHONE_TOKEN,
    RATED,
    RELEASES,
    SPOKEN,
    TEMPLATE,
    TRAINER,
)

FIXTURES = Path(__file__).resolve().parent / "releases"
CURRENT = known_migrations()[-1].version
VERSIONS = [m.version for m in known_migrations()]
A, B, C = 1, 2, 3
"""The fixtures' client ids: Demo Client A, B and C."""

ROWS = {
    1: {"clients": 3},
    2: {"clients": 3, "screenings": 2, "health_changes": 1},
    3: {
        "clients": 3,
        "screenings": 2,
        "health_changes": 2,
        "routines": 2,
        "sessions": 2,
        "holds": 4,
    },
}
ROWS[4] = {**ROWS[3], "measurements": 4}
ROWS[5] = {**ROWS[4], "client_links": 2}
ROWS[6] = {**ROWS[5], "session_events": 2}
ROWS[7] = {**ROWS[6], "trainers": 2, "client_handovers": 1, "alembic_version": 1}
ROWS[8] = {**ROWS[7], "back_ratings": 3}
ROWS[9] = {**ROWS[8], "chart_states": 1, "chart_cache": 1}
ROWS[10] = ROWS[9]
ROWS[11] = {**ROWS[10], "access_log": 1}
ROWS[12] = ROWS[11]
ROWS[13] = ROWS[12]
"""What each release's fixture holds, by table."""
NEW_ROWS = {"trainers": 1, "alembic_version": 1}
"""What an upgrade writes into the tables it adds: the store's own trainer, the version."""
LOCAL = "local"
"""The trainer an upgrade gives a store of an earlier release: an admin, owning every client."""


def since(first: int) -> list[int]:
    """The releases from the one that brought a feature on."""
    return [n for n in sorted(RELEASES) if n >= first]


def ids(release: int) -> str:
    return f"schema-{release}"


def fixture(release: int) -> Path:
    return FIXTURES / f"schema-{release:04d}.db"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_only(path: Path) -> sqlite3.Connection:
    """The fixture as it is: immutable, so SQLite makes no WAL or SHM file beside it."""
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return [r[0] for r in rows]


def rows_of(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid").fetchall()


def columns_of(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


@pytest.fixture(params=sorted(RELEASES), ids=ids)
def release(request: pytest.FixtureRequest) -> int:
    number: int = request.param
    return number


@pytest.fixture
def upgraded(release: int, tmp_path: Path) -> Path:
    """A copy of the release's store, opened (and so migrated) once by this release; the
    fixture itself must come out byte for byte as it was, with no WAL or SHM beside it."""
    original = fixture(release)
    before = digest(original)
    copy = tmp_path / original.name
    shutil.copyfile(original, copy)
    with Store.open(copy, trainer=LOCAL) as store:
        assert store.schema_version() == CURRENT
    assert digest(original) == before
    assert not [p for p in FIXTURES.iterdir() if p.name.endswith(("-wal", "-shm", "-journal"))]
    return copy


def test_every_release_has_a_small_fixture_at_its_own_schema_version() -> None:
    """One fixture per released migration, each under 200 KB, each last migrated by its
    release (a migration not released yet has none)."""
    assert sorted(RELEASES) == VERSIONS[: len(RELEASES)]
    for number in RELEASES:
        path = fixture(number)
        assert path.stat().st_size < 200 * 1024
        with closing(read_only(path)) as conn:
            versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
        assert versions == list(range(1, number + 1))


def test_the_upgrade_keeps_every_row_the_release_wrote(release: int, upgraded: Path) -> None:
    """Every table of the old store has the same rows (every column it had), the migrations
    it had keep their record, the newer ones are added, and the file checks out whole."""
    with closing(read_only(fixture(release))) as old, closing(sqlite3.connect(upgraded)) as new:
        old_tables = [t for t in tables(old) if t != "schema_migrations"]
        assert {t: rows_of(old, t, ["count(*)"])[0][0] for t in old_tables} == ROWS[release]
        for table in old_tables:
            if table == "alembic_version":  # moves on to this release's revision
                assert rows_of(new, table, ["version_num"]) == [(f"{CURRENT:04d}",)]
                continue
            columns = columns_of(old, table)
            assert rows_of(new, table, columns) == rows_of(old, table, columns), table
        migrations = ["version", "name", "applied"]
        kept = rows_of(new, "schema_migrations", migrations)
        assert kept[:release] == rows_of(old, "schema_migrations", migrations)
        assert [r[0] for r in kept] == VERSIONS
        for table in set(tables(new)) - set(tables(old)):
            assert rows_of(new, table, ["count(*)"])[0][0] == NEW_ROWS.get(table, 0), table
        if release < 7:
            owners = new.execute(
                "SELECT DISTINCT t.username, t.is_admin FROM clients"
                " JOIN trainers AS t ON t.id = clients.trainer_id"
            ).fetchall()
            assert owners == [(LOCAL, 1)]
        assert new.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert new.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_clients_read_back_through_this_release(release: int, upgraded: Path) -> None:
    """Names, contacts (B's as changed), notes and joining times as the release stored them."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        clients = store.clients.all()
    names = [c.name for c in clients]
    assert names == [name for name, _, _ in CLIENTS]
    assert clients[0].details.notes == CLIENTS[0][2]
    assert clients[1].details.contact == B_CONTACT
    assert clients[2].details.contact == CLIENTS[2][1]
    assert clients[0].created == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_clients_are_active_after_an_upgrade_unless_their_release_archived_them(
    release: int, upgraded: Path
) -> None:
    """Before release 10 nobody was archived: every client stays in the pickers; release 10's
    archived C keeps the moment and stays out of them."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        archived = {c.name: c.archived for c in store.clients.all()}
        active = [c.name for c in store.clients.active()]
    names = [name for name, _, _ in CLIENTS]
    if release < 10:
        assert active == names and set(archived.values()) == {None}
    else:
        assert active == names[:2] and archived[names[2]] == ARCHIVED


@pytest.mark.parametrize("release", since(8), ids=ids)
def test_what_deleting_a_client_would_delete_counts_what_the_release_wrote(
    release: int, upgraded: Path
) -> None:
    """A's footprint on an upgraded store: the release's screening, routine, two sessions
    with four holds, four field tests, three back ratings and one link."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        footprint = store.clients.footprint(A)
    assert footprint == ClientFootprint(
        screenings=1, routines=1, sessions=2, holds=4, field_tests=4, back_ratings=3, links=1
    )


@pytest.mark.parametrize("release", since(2), ids=ids)
def test_screenings_and_health_changes_read_back(release: int, upgraded: Path) -> None:
    """The stored intakes decode in this release, with their answers and statuses."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        a, b = store.screenings.history(A), store.screenings.history(B)
        assert store.screenings.history(C) == []
        assert [s.intake.taken_on for s in a] == [date(2026, 1, 5)]
        assert a[0].intake.age == 42 and a[0].intake.notes == A_INTAKE_NOTES
        assert a[0].intake.lower_back_pain and a[0].intake.hamstring_tightness
        assert a[0].status in ("cleared", "cleared-with-cautions")
        assert b[0].status == "needs-clearance" and b[0].intake.parq[0]
        assert store.screenings.latest_health_change(B) == date(2026, 1, 20)
        assert store.screenings.health_changes(B)[0].note == HEALTH_NOTE


@pytest.mark.parametrize("release", since(3), ids=ids)
def test_routines_sessions_and_holds_read_back(release: int, upgraded: Path) -> None:
    """A's routine and the template decode; the sessions, holds and the flag are kept."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        current = store.routines.current(A)
        assert current is not None and len(current.routine.items) == 5
        assert current.routine.budget_min == 15
        assert [t.name for t in store.routines.templates()] == [TEMPLATE]
        sessions = store.sessions.of_client(A)
        assert [(s.place, s.status) for s in sessions] == [
            ("studio", "completed"),
            ("home", "flagged"),
        ]
        holds = store.sessions.holds(sessions[0].id)
        assert [h.entry.held_s for h in holds] == list(HELD_S)
        assert [h.entry.sensation for h in holds] == [5, 6, 7]
        assert all(
            h.entry.stretch_id == current.routine.items[0].prescription.stretch_id for h in holds
        )
        assert [h.entry.flagged for h in store.sessions.holds(sessions[1].id)] == [True]
        assert len(store.sessions.client_holds(A)) == 4


@pytest.mark.parametrize("release", since(4), ids=ids)
def test_measurements_and_history_read_back(release: int, upgraded: Path) -> None:
    """A's field tests, and the whole history as this release reads it."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        saved = store.measurements.of_client(A)
        history = store.history.of_client(A)
    stored = {(m.measurement.test_id, m.measurement.side, m.measurement.value) for m in saved}
    assert stored == {(test, side, value) for test, side, value, _ in MEASURED}
    assert len(history.sessions) == 2 and history.hold_count == 4
    assert len(history.measurements) == len(MEASURED)


@pytest.mark.parametrize("release", since(6), ids=ids)
def test_session_events_read_back_with_their_notes(release: int, upgraded: Path) -> None:
    """A's studio session was warmed up elsewhere, the home session ended for numbness."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        studio, home = store.sessions.of_client(A)
        [warm] = store.sessions.events(studio.id)
        [numb] = store.sessions.events(home.id)
    assert (warm.event.kind, warm.event.detail) == ("warm-up-elsewhere", EVENT_DETAIL)
    assert numb.event.kind == "numbness-tingling" and numb.event.stretch_id
    assert EVENT_DETAIL in studio.note


@pytest.mark.parametrize("release", since(7), ids=ids)
def test_trainers_and_handovers_read_back(release: int, upgraded: Path) -> None:
    """The second trainer and Demo Client C's handover to them; each trainer sees their own."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        assert [t.username for t in store.trainers.all()] == [TRAINER[0], LOCAL]
        [handover] = store.trainers.handovers(C)
        assert (handover.from_trainer, handover.to_trainer) == (LOCAL, TRAINER[0])
    with Store.open(upgraded, trainer=TRAINER[0]) as store:
        assert [c.id for c in store.clients.all()] == [C]
        assert store.trainer is not None and store.trainer.display_name == TRAINER[1]


@pytest.mark.parametrize("release", since(8), ids=ids)
def test_back_ratings_read_back(release: int, upgraded: Path) -> None:
    """Demo Client A's stiffness and pain ratings, places and order, a week apart."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        ratings = store.back_ratings.of_client(A)
        assert [(r.stiffness, r.pain, r.place) for r in ratings] == list(RATED)
        assert store.history.of_client(A).ratings == tuple(ratings)


@pytest.mark.parametrize("release", since(9), ids=ids)
def test_kept_charts_read_back_until_the_client_changes(release: int, upgraded: Path) -> None:
    """A's kept chart comes back under its key; a new field test for A drops it, and B's
    count of changes stays as it was."""
    name, key, alt = KEPT_CHART
    with Store.open(upgraded, trainer=LOCAL) as store:
        kept = store.chart_cache.get(A, name, key)
        assert kept is not None and (kept.png, kept.alt) == (KEPT_PNG, alt)
        before = store.chart_cache.changes(A), store.chart_cache.changes(B)
        store.measurements.add(A, Measurement("sit-and-reach", "", 14.0, date(2026, 3, 1)))
        assert store.chart_cache.get(A, name, key) is None
        assert store.chart_cache.changes(A) == before[0] + 1
        assert store.chart_cache.changes(B) == before[1]


def _one_session() -> SessionRecord:
    """A synthetic session of one hold, after every fixture's own."""
    started = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    hold = HoldEntry("seated-thoracic-flexion", "", 1, 1, 20, 20)
    return SessionRecord(started, holds=(HoldRecord(started, hold),))


@pytest.mark.parametrize("release", since(1), ids=ids)
def test_an_upgraded_store_counts_changes_to_what_charts_show(release: int, upgraded: Path) -> None:
    """On a store of any release, a hold logged after the upgrade counts as a change of its
    client's charts (the triggers hold on migrated tables)."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        before = store.chart_cache.changes(C)
        store.history.add(C, History((_one_session(),)))
        assert store.chart_cache.changes(C) > before


@pytest.mark.parametrize("release", since(5), ids=ids)
def test_links_made_by_the_release_still_open_or_stay_revoked(release: int, upgraded: Path) -> None:
    """A's link opens A's dashboard; B's revoked link opens nothing."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        assert store.links.client_for(PHONE_TOKEN) == A
        assert store.links.client_for(LAPTOP_TOKEN) is None
        phone, laptop = store.links.of_client(A)[0], store.links.of_client(B)[0]
    assert (phone.label, phone.hint, phone.active) == ("phone", f"{PHONE_TOKEN[:4]}\u2026", True)
    assert (laptop.label, laptop.active) == ("laptop", False)


def test_an_upgraded_store_takes_new_data_and_deletes_whole(release: int, upgraded: Path) -> None:
    """After the upgrade every table takes new rows, and deleting a client still removes
    everything about them (the cascades hold on migrated tables)."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        _link, token = store.links.create(C, "new")
        assert store.links.client_for(token) == C
        store.screenings.report_health_change(C, date(2026, 2, 1), "Synthetic")
        store.clients.delete(A)
        assert [c.name for c in store.clients.all()] == [CLIENTS[1][0], CLIENTS[2][0]]
        left = {
            "screenings": store.screenings.history(A),
            "routines": store.routines.history(A),
            "sessions": store.sessions.of_client(A),
            "measurements": store.measurements.of_client(A),
            "client_links": store.links.of_client(A),
        }
        for table, rows in left.items():
            assert len(rows) == 0, table
        assert store.overview.totals().holds == 0
        # raw SQL: the upgraded SQLite file's own foreign-key check
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_an_upgraded_store_starts_its_access_log_empty_and_keeps_release_11s_entry(
    release: int, upgraded: Path
) -> None:
    """Before release 11 nothing was logged: the log starts empty; release 11's entry (A
    viewed) reads back whole, and the upgraded file still refuses to delete it."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        entries = store.access_log.of_client(A)
        if entries:
            with pytest.raises(Exception, match="append-only"):
                store.conn.execute("DELETE FROM access_log")  # raw SQL: the file's trigger
    if release < 11:
        assert entries == ()
    else:
        (entry,) = entries
        assert (entry.kind, entry.at, entry.actor.name) == ("client-viewed", LOGGED, LOCAL)


def test_notes_written_before_release_12_stay_private_and_its_note_for_the_client_reads_back(
    release: int, upgraded: Path
) -> None:
    """Every note a release wrote before the two fields existed is a private note after the
    upgrade (the client sees none of it); release 12's note for Demo Client B reads back."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        a, b = store.clients.get(A).details, store.clients.get(B).details
    assert a.notes == CLIENTS[0][2]
    assert a.client_note == ""
    assert b.client_note == (CLIENT_NOTE if release >= 12 else "")


def test_a_client_s_language_reads_back_from_release_13_and_is_none_before(
    release: int, upgraded: Path
) -> None:
    """Before release 13 no client had a language (their page follows their phone); release
    13's German for Demo Client C reads back."""
    with Store.open(upgraded, trainer=LOCAL) as store:
        spoken = [store.clients.get(c).details.language for c in (A, B, C)]
    assert spoken == ["", "", SPOKEN if release >= 13 else ""]
