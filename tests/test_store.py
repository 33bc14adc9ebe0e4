"""The SQLite progress store: file safety, migrations, the clients table and the totals."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import Catalog
from stretchkit.clients import ClientDetails
from stretchkit.errors import StoreError, ValidationError
from stretchkit.planning.planner import plan
from stretchkit.progress.outcomes import Measurement
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.session.log import HoldEntry, SessionEvent
from stretchkit.store import Store
from stretchkit.store.schema import known_migrations
from stretchkit.store.values import StoreTotals

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


def test_migrations_are_recorded_in_the_database_and_applied_once(db_path: Path) -> None:
    """Every shipped migration is recorded with its number and name, and reopening adds none."""
    # raw SQL here: the migrations table the SQLite file keeps
    with Store.open(db_path) as store:
        rows = store.conn.execute("SELECT version, name FROM schema_migrations").fetchall()
        assert [(r[0], r[1]) for r in rows] == [(m.version, m.name) for m in known_migrations()]
        assert store.schema_version() == len(known_migrations())
    with Store.open(db_path) as store:
        count = store.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
        assert count == len(known_migrations())


def test_the_first_migration_creates_the_clients_table(memory_store: Store) -> None:
    """The clients table has name, contact, notes and created columns."""
    # raw SQL: the SQLite table's own columns
    columns = {r[1] for r in memory_store.conn.execute("PRAGMA table_info(clients)")}
    assert {"id", "name", "contact", "notes", "created"} <= columns


def test_a_database_from_a_newer_release_is_refused_and_left_untouched(db_path: Path) -> None:
    """A schema version beyond this release's migrations gives a clear message, no change."""
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as conn:
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


def test_clients_can_be_added_read_listed_updated_and_deleted(memory_store: Store) -> None:
    """The clients table round-trips details and keeps id and creation time on update."""
    when = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
    robin = memory_store.clients.add(ClientDetails("Robin", "robin@example.org", "desk"), when)
    avery = memory_store.clients.add(ClientDetails("avery"))
    assert memory_store.clients.get(robin.id) == robin
    assert [c.name for c in memory_store.clients.all()] == ["avery", "Robin"]
    updated = memory_store.clients.update(robin.id, ClientDetails("Robin A.", notes="cyclist"))
    assert (updated.id, updated.created, updated.details.notes) == (robin.id, when, "cyclist")
    memory_store.clients.delete(avery.id)
    assert memory_store.clients.count() == 1


def test_the_totals_count_each_kind_of_thing_the_store_holds(
    memory_store: Store, catalog: Catalog
) -> None:
    """An empty store holds nothing; one of each thing is counted once (a template among the
    routines), and deleting the client leaves only the template."""
    assert memory_store.overview.totals() == StoreTotals(0, 0, 0, 0, 0, 0, 0, 0, 0)
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown")).id
    cleared = screen(Intake(DAY, 40), catalog)
    memory_store.screenings.add(robin, cleared)
    memory_store.screenings.report_health_change(robin, DAY, "moved house")
    saved = memory_store.routines.save(robin, plan(cleared, catalog, goals=["posture"]))
    memory_store.routines.save_template("Desk workers", saved.routine)
    session = memory_store.sessions.start(robin, saved.id)
    memory_store.sessions.log_hold(session.id, HoldEntry(FLEXION, "", 1, 3, 20, 20, 4))
    memory_store.sessions.record_event(session.id, SessionEvent("warm-up-elsewhere", "", "a class"))
    memory_store.measurements.add(robin, Measurement("sit-and-reach", "", 10.0, DAY))
    memory_store.links.create(robin, "phone")
    assert memory_store.overview.totals() == StoreTotals(1, 1, 1, 2, 1, 1, 1, 1, 1)
    memory_store.clients.delete(robin)
    assert memory_store.overview.totals() == StoreTotals(0, 0, 0, 1, 0, 0, 0, 0, 0)


@pytest.mark.parametrize("action", ["get", "delete", "update"])
def test_an_unknown_client_id_is_an_error_naming_it(memory_store: Store, action: str) -> None:
    """Reading, updating or deleting a client that does not exist names the id."""
    with pytest.raises(ValidationError, match=r"client.*no client with this id.*4242"):
        if action == "update":
            memory_store.clients.update(4242, ClientDetails("X"))
        else:
            getattr(memory_store.clients, action)(4242)


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_client_details_reject_an_empty_or_overlong_name(name: str) -> None:
    """A client needs a name of 1-120 characters; the error names the field."""
    with pytest.raises(ValidationError, match=r"^name:"):
        ClientDetails(name)


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(min_size=1, max_size=120).filter(lambda s: s.strip() and "\x00" not in s),
    contact=st.text(max_size=60).filter(lambda s: "\x00" not in s),
    notes=st.text(max_size=300),
)
def test_any_valid_client_round_trips_through_the_store(
    name: str, contact: str, notes: str
) -> None:
    """Whatever text a trainer types (quotes, emoji, SQL) comes back exactly as stored."""
    details = ClientDetails(name, contact, notes)
    with Store.open(":memory:") as store:
        client = store.clients.add(details)
        assert store.clients.get(client.id).details == details
