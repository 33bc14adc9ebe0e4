"""The store's schema migrations, run with Alembic (stretchkit/store/migrations).

A store is migrated in one transaction, whole or not at all, under a lock another process
waits for. A store from an earlier release, numbered in `schema_migrations` only, is first
stamped with the Alembic revision of its number, then upgraded in place. A store from a newer
release, or a database that is not a stretchkit store, is refused before anything is written.
Alembic is imported only to migrate: a store already at this release's version is opened
without it (the steps are known by their files' names, the version read from its table).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, inspect, text

from stretchkit.errors import StoreError
from stretchkit.store.database import Database

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = [
    "Migration",
    "check_schema",
    "known_migrations",
    "migrate",
    "newest_version",
    "schema_version",
]

_SCRIPTS = str(Path(__file__).resolve().parent / "migrations")
_STEP_FILE = re.compile(r"^(\d{4})_(\w+)\.py$")
"""A migration step's file in migrations/versions: its revision (NNNN) and its name."""
_LEGACY = "schema_migrations"
_ALEMBIC = "alembic_version"
_LOCK = 7_412_563
"""PostgreSQL advisory lock held while a store is migrated (any fixed number)."""


@dataclass(frozen=True)
class Migration:
    """One schema step: its number and its name."""

    version: int
    name: str


def _config(conn: Connection | None = None) -> Config:
    from alembic.config import Config  # noqa: PLC0415 - only to migrate

    config = Config()
    config.set_main_option("script_location", _SCRIPTS)
    if conn is not None:
        config.attributes["connection"] = conn
    return config


@cache
def known_migrations() -> tuple[Migration, ...]:
    """The migrations shipped with this release, in order (revision NNNN, named by its file:
    NNNN_name.py in migrations/versions, whose `revision` is NNNN)."""
    found = [
        Migration(int(step[1]), step[2])
        for path in (Path(_SCRIPTS) / "versions").iterdir()
        if (step := _STEP_FILE.match(path.name))
    ]
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations are not numbered 1, 2, ...: {versions}")
    return tuple(found)


def newest_version() -> int:
    """The schema version this release migrates a store to (its newest migration's)."""
    return known_migrations()[-1].version


def _newer(where: str, version: object) -> StoreError:
    return StoreError(
        f"{where} was written by a newer stretchkit (schema version {version}, this release "
        f"knows up to {newest_version()}): upgrade stretchkit to open it; it was left "
        "untouched"
    )


def _refuse_newer(newest: int | None, where: str) -> None:
    if newest is not None and newest > newest_version():
        raise _newer(where, newest)


def check_schema(conn: sqlite3.Connection, where: str) -> None:
    """Refuse, before anything is written, an SQLite file this release must leave alone:
    another program's database, or a store from a newer stretchkit. Reading the table list
    also makes SQLite report a damaged file here, first."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if _LEGACY in tables:
        _refuse_newer(conn.execute(f"SELECT max(version) FROM {_LEGACY}").fetchone()[0], where)
    elif tables:
        raise StoreError(
            f"{where} is an SQLite database but not a stretchkit progress store; it was left "
            "untouched. Choose another file with --db"
        )


def _stored_version(conn: Connection, where: str) -> int | None:
    """The schema version a database holds (None when new); refuses a foreign or newer one."""
    tables = set(inspect(conn).get_table_names())
    newest_step = None
    if _LEGACY in tables:  # also kept by this release: an older or newer one reads it
        newest_step = conn.execute(text(f"SELECT max(version) FROM {_LEGACY}")).scalar()
        _refuse_newer(newest_step, where)
    if _ALEMBIC in tables:
        revision = _current_revision(conn)
        if revision is not None:
            if revision not in {f"{m.version:04d}" for m in known_migrations()}:
                raise _newer(where, revision)  # an unknown revision: a newer release wrote it
            return int(revision)
    if _LEGACY in tables:
        return None if newest_step is None else int(newest_step)
    if tables:
        raise StoreError(
            f"{where} is a database but not a stretchkit progress store; it was left "
            "untouched. Choose another database"
        )
    return None


def _current_revision(conn: Connection) -> str | None:
    """The Alembic revision a database is stamped with (None when none), read as Alembic
    reads it; more than one is refused (a store never has branches)."""
    if not inspect(conn).has_table(_ALEMBIC):
        return None
    revisions = conn.execute(text(f"SELECT version_num FROM {_ALEMBIC}")).scalars().all()
    if len(revisions) > 1:
        raise StoreError(f"the store's {_ALEMBIC} table names {len(revisions)} versions")
    return str(revisions[0]) if revisions else None


def schema_version(db: Database) -> int:
    """The newest migration applied to this database (0 for a new one)."""
    with db.read() as conn:
        return _stored_version(conn, db.shown) or 0


def migrate(db: Database) -> list[Migration]:
    """Apply every migration not yet applied, in one transaction; return them."""
    if db.raw is not None:
        return _migrate_sqlite(db)
    with db.write() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _LOCK})
        return _upgrade(conn, db.shown)


def _migrate_sqlite(db: Database) -> list[Migration]:
    """On SQLite, foreign keys are off while tables are rebuilt (a rebuilt table would
    otherwise cascade its deletes), checked afterwards, and on again."""
    assert db.raw is not None
    with db.read() as conn:
        if _stored_version(conn, db.shown) == newest_version():
            return []
    db.raw.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.write() as conn:
            applied = _upgrade(conn, db.shown)
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(
                    f"{db.shown}: migrating would leave rows that refer to nothing "
                    f"({len(broken)}); nothing was changed. Restore a backup"
                )
    finally:
        db.raw.execute("PRAGMA foreign_keys = ON")
    return applied


def _upgrade(conn: Connection, where: str) -> list[Migration]:
    """Within the caller's transaction: stamp an earlier release's store, upgrade to head."""
    from alembic import command  # noqa: PLC0415 - only to migrate

    current = _stored_version(conn, where)
    has_alembic = _current_revision(conn) is not None
    pending = [m for m in known_migrations() if current is None or m.version > current]
    if not pending:
        return []
    config = _config(conn)
    if current is not None and not has_alembic:
        command.stamp(config, f"{current:04d}")
    _upgrade_to_head(config)
    return pending


@cache
def _scripts() -> ScriptDirectory:
    """The migration scripts, read once per process (Alembic's own `upgrade` reads every
    one of them again for each store it migrates: most of the time a new store takes)."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415 - only to migrate

    return ScriptDirectory.from_config(_config())


def _upgrade_to_head(config: Config) -> None:
    """What `alembic.command.upgrade(config, "head")` does, with the scripts read once."""
    from alembic.runtime.environment import EnvironmentContext  # noqa: PLC0415

    script = _scripts()

    def steps(revision: Any, _context: Any) -> Any:
        return script._upgrade_revs("head", revision)  # as alembic.command.upgrade does

    with EnvironmentContext(
        config, script, fn=steps, as_sql=False, starting_rev=None, destination_rev="head"
    ):
        script.run_env()
