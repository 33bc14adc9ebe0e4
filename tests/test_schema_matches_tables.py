"""The tables every query is built from (stretchkit.store.tables) are the tables the migrations
make, on both engines: a store migrated to the newest release is compared with the
declarations by Alembic's `compare_metadata`.

What Alembic compares: tables, columns, their types, nullability and server defaults, indexes,
unique and foreign key constraints. What it does not (and the migrations hold only in each
engine's SQL): CHECK constraints, triggers, PostgreSQL's functions and row-level security
policies. Those are tested by what they do, in the store's own tests. On SQLite, Alembic
compares the two case-blind indexes (built on an expression) by an approximate signature, and
says so in a warning; PostgreSQL reports their expressions, compared in full.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Connection, Identity, MetaData, Text, create_engine

from stretchkit.store import Store, migration_steps
from stretchkit.store.schema import known_migrations
from stretchkit.store.tables import metadata
from tests.postgres import PostgresCluster

ENGINES = ("sqlite", "postgresql")

MIGRATIONS_RECORD = "schema_migrations"
"""The steps' own record, kept beside Alembic's `alembic_version` for older releases to read
(stretchkit.store.migration_steps writes it): bookkeeping of the migrations, which no query
reads, so not a table of the store's."""


@pytest.fixture(params=ENGINES)
def migrated(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Connection]:
    """A connection to a new store migrated to the newest schema: a real SQLite file, or a
    new database on the test PostgreSQL server (skipped when none can be started)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'stretchkit.db'}"
        Store.open(str(tmp_path / "stretchkit.db")).close()
    else:
        url = _new_postgres_store(request)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _new_postgres_store(request: pytest.FixtureRequest) -> str:
    """A new database on the test cluster, migrated from empty; skips without a server."""
    try:
        cluster: PostgresCluster = request.getfixturevalue("postgres")
    except Exception as error:  # any failure to start the server skips
        pytest.skip(f"no PostgreSQL server could be started for the schema comparison: {error}")
    url = cluster.url(cluster.new_database())
    Store.open(url).close()
    return url


def _same_server_default(
    context: MigrationContext,
    inspected_column: Column[Any],
    metadata_column: Column[Any],
    inspected_default: str | None,
    metadata_default: Any,
    rendered_metadata_default: str | None,
) -> bool | None:
    """Alembic's SQLite comparison unquotes a reflected text default of one character or
    more only, so an empty one (`''`, or `('')` as SQLite keeps it) never equals the declared
    '': that pair is the same default. Anything else is left to Alembic (None)."""
    if rendered_metadata_default == "" and inspected_default in ("''", "('')"):
        return False
    return None


def _ours(item: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Everything but the migrations' own record (Alembic leaves out alembic_version itself)."""
    return not (type_ == "table" and name == MIGRATIONS_RECORD)


def differences(conn: Connection, declared: MetaData = metadata) -> list[tuple[Any, ...]]:
    """What differs between the declared tables and the database, as Alembic's diff tuples,
    less the differences each engine cannot avoid (see _unavoidable)."""
    sqlite = conn.dialect.name == "sqlite"
    context = MigrationContext.configure(
        conn,
        opts={
            "compare_type": True,
            # The callable is for SQLite's empty defaults only: given one, Alembic 1.20 fails
            # on PostgreSQL's identity columns, whose defaults it compares well by itself.
            "compare_server_default": _same_server_default if sqlite else True,
            "include_object": _ours,
        },
    )
    found = []
    for diff in compare_metadata(context, declared):
        found.extend(diff if isinstance(diff, list) else [diff])
    if sqlite:
        found = _without_sqlite_foreign_key_options(found)
        found = [d for d in found if not _unavoidable_on_sqlite(d)]
    return found


def _unavoidable_on_sqlite(diff: tuple[Any, ...]) -> bool:
    """Differences SQLite cannot avoid, each explained."""
    kind = diff[0]
    if kind == "modify_default" and isinstance(diff[-1], Identity):
        # SQLite has no identity columns (SQLAlchemy leaves Identity out of its DDL): an
        # INTEGER PRIMARY KEY is the table's rowid, numbered by SQLite itself.
        return True
    if kind == "modify_nullable" and diff[-2:] == (True, False):
        # A lone INTEGER PRIMARY KEY is the rowid, which can never be NULL; the migrations
        # do not write NOT NULL on it, so SQLite reports it as nullable.
        column = metadata.tables[diff[2]].c[diff[3]]
        return bool(column.primary_key)
    return False


def _without_sqlite_foreign_key_options(found: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """SQLAlchemy reads ON DELETE back from SQLite only for a table-level FOREIGN KEY clause,
    not for a column's REFERENCES, so Alembic sees each such key as dropped and added again.
    A pair that differs only so is left out here; ON DELETE is compared, with SQLite's own
    PRAGMA foreign_key_list, in test_every_foreign_key_deletes_as_declared_on_sqlite."""
    removed = {_key(d[1]) for d in found if d[0] == "remove_fk"}
    added = {_key(d[1]) for d in found if d[0] == "add_fk"}
    both = removed & added
    return [d for d in found if not (d[0] in ("remove_fk", "add_fk") and _key(d[1]) in both)]


def _key(constraint: Any) -> tuple[str, tuple[str, ...], str, tuple[str, ...]]:
    """What a foreign key joins: its table and columns, the table and columns it refers to."""
    return (
        constraint.table.name,
        tuple(c.name for c in constraint.columns),
        constraint.referred_table.name,
        tuple(e.column.name for e in constraint.elements),
    )


def test_the_migrated_store_is_at_the_newest_schema(migrated: Connection) -> None:
    """The store compared is migrated through every migration this release ships."""
    newest = known_migrations()[-1].version
    assert MigrationContext.configure(migrated).get_current_revision() == f"{newest:04d}"


def test_the_declared_tables_are_the_migrated_tables(migrated: Connection) -> None:
    """tables.py and the migrations agree on every table, column, type, default, index and
    key, less the differences an engine cannot avoid."""
    assert differences(migrated) == []


def test_a_column_missing_from_the_migrations_is_reported(migrated: Connection) -> None:
    """The comparison is not blind: a declared column no migration makes is a difference."""
    declared = MetaData()
    for table in metadata.tables.values():
        table.to_metadata(declared)
    declared.tables["clients"].append_column(Column("nickname", Text))
    found = differences(migrated, declared)
    assert [(d[0], d[2], d[3].name) for d in found] == [("add_column", "clients", "nickname")]


def test_every_foreign_key_deletes_as_declared_on_sqlite(tmp_path: Path) -> None:
    """On SQLite, each foreign key's ON DELETE (read with PRAGMA foreign_key_list) is the one
    tables.py declares (NO ACTION when it declares none)."""
    path = tmp_path / "stretchkit.db"
    Store.open(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            stored = {
                (name, row[3], row[2], row[4]): row[6]
                for name in metadata.tables
                for row in conn.exec_driver_sql(f"PRAGMA foreign_key_list({name})")
            }
    finally:
        engine.dispose()
    declared = {
        (name, fk.parent.name, fk.column.table.name, fk.column.name): (fk.ondelete or "NO ACTION")
        for name, table in metadata.tables.items()
        for fk in table.foreign_keys
    }
    assert stored == declared


def test_the_steps_known_by_their_file_names_are_alembics_revisions() -> None:
    """The migrations read from the step files' names (no Alembic needed to open a store)
    are exactly Alembic's revisions, each file named by its revision."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option(
        "script_location", str(Path(migration_steps.__file__).parent / "migrations")
    )
    scripts = ScriptDirectory.from_config(config)
    by_alembic = sorted(
        (int(s.revision), Path(s.path).stem.split("_", 1)[1]) for s in scripts.walk_revisions()
    )
    assert [(m.version, m.name) for m in known_migrations()] == by_alembic
