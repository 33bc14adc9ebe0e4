"""The progress store on SQLite and PostgreSQL: the SQLite file's safety, migrations, the
clients table and the totals."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, inspect, text

from stretchkit.catalog import Catalog
from stretchkit.clients import ClientDetails
from stretchkit.errors import StoreError, ValidationError
from stretchkit.planning.planner import plan
from stretchkit.progress.outcomes import Measurement
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.session.log import HoldEntry, SessionEvent
from stretchkit.store import Store
from stretchkit.store.database import is_url
from stretchkit.store.schema import known_migrations
from stretchkit.store.values import StoreTotals
from tests.hypothesis_profiles import examples
from tests.strategies import NUL, has_nul

ENGINE_PARITY = True
"""The store's own tests: each runs on SQLite and on PostgreSQL."""

DAY = date(2024, 3, 1)
FLEXION = "seated-thoracic-flexion"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_store_file_and_its_wal_are_readable_by_the_owner_only(db_path: Path) -> None:
    """The database, its WAL and shared-memory files are created 0600 in a 0700 folder."""
    with Store.open(db_path) as store:
        store.clients.add(ClientDetails("Robin Ashdown"))
        assert mode(db_path) == 0o600
        assert mode(Path(f"{db_path}-wal")) == 0o600
        assert mode(Path(f"{db_path}-shm")) == 0o600
    assert mode(db_path.parent) == 0o700


def test_opening_an_existing_store_tightens_loose_permissions(db_path: Path) -> None:
    """A store file someone made world-readable is made owner-only again on open."""
    Store.open(db_path).close()
    db_path.chmod(0o644)
    Store.open(db_path).close()
    assert mode(db_path) == 0o600


def test_the_store_runs_in_wal_mode_with_foreign_keys_on(db_path: Path) -> None:
    """Journal mode is WAL and foreign keys are enforced."""
    with Store.open(db_path) as store:
        # raw SQL: the SQLite file's own settings
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_are_recorded_in_the_database_and_applied_once(store_location: str) -> None:
    """Every shipped migration is recorded with its number and name, and reopening adds none."""
    # raw SQL here: the migrations table the database keeps
    recorded = text("SELECT version, name FROM schema_migrations ORDER BY version")
    with Store.open(store_location) as store:
        with store.db.read() as conn:
            rows = conn.execute(recorded).all()
        assert [(r[0], r[1]) for r in rows] == [(m.version, m.name) for m in known_migrations()]
        assert store.schema_version() == known_migrations()[-1].version
    with Store.open(store_location) as store, store.db.read() as conn:
        count = conn.execute(text("SELECT count(*) FROM schema_migrations")).scalar_one()
        assert count == len(known_migrations())


def test_the_first_migration_creates_the_clients_table(store: Store) -> None:
    """The clients table has name, contact, notes and created columns."""
    with store.db.read() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("clients")}
    assert {"id", "name", "contact", "notes", "created"} <= columns


def _rows_of(location: str, table: str) -> list[tuple[Any, ...]]:
    """Every row of a table, read without opening the store (which would refuse it)."""
    engine = create_engine(location if is_url(location) else f"sqlite:///{location}")
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
    finally:
        engine.dispose()


VERSION_TABLES = ("schema_migrations", "alembic_version", "trainers", "clients")


def test_a_database_from_a_newer_release_is_refused_and_left_untouched(
    store_location: str,
) -> None:
    """A schema version beyond this release's migrations gives a clear message, no change."""
    with Store.open(store_location) as store:
        store.clients.add(ClientDetails("Robin Ashdown"))
        with store.db.write() as conn:
            # raw SQL: what a newer release records of its schema, which no method writes
            conn.execute(text("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')"))
            conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    before = {table: _rows_of(store_location, table) for table in VERSION_TABLES}
    with pytest.raises(StoreError, match=r"newer stretchkit.*upgrade"):
        Store.open(store_location)
    assert {table: _rows_of(store_location, table) for table in VERSION_TABLES} == before


def test_a_store_file_from_a_newer_release_is_left_byte_for_byte_untouched(db_path: Path) -> None:
    """A file whose schema version is beyond this release's is refused before anything is
    written: not one byte of it changes."""
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as conn:  # raw SQL: the SQLite file an older release reads
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')")
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match=r"newer stretchkit.*upgrade"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(db_path: Path) -> None:
    """Opening a text file as the store fails with a message and does not overwrite it."""
    db_path.parent.mkdir(parents=True)
    db_path.write_text("these are my notes, not a database\n" * 10)
    with pytest.raises(StoreError, match="not a stretchkit database"):
        Store.open(db_path)
    assert db_path.read_text().startswith("these are my notes")


def test_a_store_in_an_unwritable_place_gives_one_clear_message(tmp_path: Path) -> None:
    """A path under a regular file cannot hold a store: the error says so and names the path."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open the progress store"):
        Store.open(blocker / "stretchkit.db")


def test_clients_can_be_added_read_listed_updated_and_deleted(store: Store) -> None:
    """The clients table round-trips details and keeps id and creation time on update."""
    when = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
    robin = store.clients.add(ClientDetails("Robin", "robin@example.org", "desk"), when)
    avery = store.clients.add(ClientDetails("avery"))
    assert store.clients.get(robin.id) == robin
    assert [c.name for c in store.clients.all()] == ["avery", "Robin"]
    updated = store.clients.update(robin.id, ClientDetails("Robin A.", notes="cyclist"))
    assert (updated.id, updated.created, updated.details.notes) == (robin.id, when, "cyclist")
    store.clients.delete(avery.id)
    assert store.clients.count() == 1


def test_the_totals_count_each_kind_of_thing_the_store_holds(
    store: Store, catalog: Catalog
) -> None:
    """An empty store holds nothing; one of each thing is counted once (a template among the
    routines), and deleting the client leaves only the template."""
    assert store.overview.totals() == StoreTotals(0, 0, 0, 0, 0, 0, 0, 0, 0)
    robin = store.clients.add(ClientDetails("Robin Ashdown")).id
    cleared = screen(Intake(DAY, 40), catalog)
    store.screenings.add(robin, cleared)
    store.screenings.report_health_change(robin, DAY, "moved house")
    saved = store.routines.save(robin, plan(cleared, catalog, goals=["posture"]))
    store.routines.save_template("Desk workers", saved.routine)
    session = store.sessions.start(robin, saved.id)
    store.sessions.log_hold(session.id, HoldEntry(FLEXION, "", 1, 3, 20, 20, 4))
    store.sessions.record_event(session.id, SessionEvent("warm-up-elsewhere", "", "a class"))
    store.measurements.add(robin, Measurement("sit-and-reach", "", 10.0, DAY))
    store.links.create(robin, "phone")
    assert store.overview.totals() == StoreTotals(1, 1, 1, 2, 1, 1, 1, 1, 1)
    store.clients.delete(robin)
    assert store.overview.totals() == StoreTotals(0, 0, 0, 1, 0, 0, 0, 0, 0)


@pytest.mark.parametrize("action", ["get", "delete", "update"])
def test_an_unknown_client_id_is_an_error_naming_it(store: Store, action: str) -> None:
    """Reading, updating or deleting a client that does not exist names the id."""
    with pytest.raises(ValidationError, match=r"client.*no client with this id.*4242"):
        if action == "update":
            store.clients.update(4242, ClientDetails("X"))
        else:
            getattr(store.clients, action)(4242)


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_client_details_reject_an_empty_or_overlong_name(name: str) -> None:
    """A client needs a name of 1-120 characters; the error names the field."""
    with pytest.raises(ValidationError, match=r"^name:"):
        ClientDetails(name)


@settings(max_examples=examples(60), deadline=None)
@example(name="Robin Ashdown", contact="", notes=f"desk job{NUL}")
@given(
    name=st.text(min_size=1, max_size=120).filter(str.strip),
    contact=st.text(max_size=60),
    notes=st.text(max_size=300),
)
def test_any_valid_client_round_trips_through_the_store(
    shared_store: Store, name: str, contact: str, notes: str
) -> None:
    """Whatever text a trainer types (quotes, emoji, SQL) comes back exactly as stored; text
    with a NUL character is refused on both engines, naming the field, and nothing is saved."""
    details = ClientDetails(name, contact, notes)
    if has_nul(details):
        before = shared_store.clients.count()
        with pytest.raises(ValidationError, match=r"must not contain a NUL character"):
            shared_store.clients.add(details)
        assert shared_store.clients.count() == before
        return
    client = shared_store.clients.add(details)
    assert shared_store.clients.get(client.id).details == details
