"""Numbered schema migrations, applied in order and recorded in the database itself."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources

from stretchkit.errors import StoreError

__all__ = ["Migration", "applied_versions", "check_schema", "known_migrations", "migrate"]

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One schema step: its number, its name and its SQL."""

    version: int
    name: str
    sql: str


@cache
def known_migrations() -> tuple[Migration, ...]:
    """The migrations shipped with this release, in order (files NNNN_name.sql)."""
    found = []
    for entry in resources.files("stretchkit.store").joinpath("migrations").iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {[m.version for m in found]}")
    return tuple(found)


def applied_versions(conn: sqlite3.Connection) -> list[int]:
    """Versions recorded as applied in this database (empty for a new one)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
    )
    return [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]


def _refuse_newer(newest: int | None, where: str) -> None:
    known = len(known_migrations())
    if newest is not None and newest > known:
        raise StoreError(
            f"{where} was written by a newer stretchkit (schema version {newest}, this "
            f"release knows up to {known}): upgrade stretchkit to open it; the file was left "
            "untouched"
        )


def check_schema(conn: sqlite3.Connection, where: str) -> None:
    """Refuse, before anything is written, a database this release must leave alone: another
    program's SQLite file, or a store from a newer stretchkit. Reading the table list also
    makes SQLite report a damaged file here, first."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_migrations" in tables:
        _refuse_newer(
            conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0], where
        )
    elif tables:
        raise StoreError(
            f"{where} is an SQLite database but not a stretchkit progress store; it was left "
            "untouched. Choose another file with --db"
        )


def migrate(conn: sqlite3.Connection, where: str) -> list[Migration]:
    """Apply every migration not yet applied, each in its own transaction; return them."""
    check_schema(conn, where)
    done = applied_versions(conn)
    _refuse_newer(done[-1] if done else None, where)
    pending = [m for m in known_migrations() if m.version not in done]
    for m in pending:
        _apply(conn, m)
    return pending


def _statements(sql: str) -> list[str]:
    """Split a migration script into complete SQL statements."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current)
            current = ""
    if current.strip(" \n;") and not current.lstrip().startswith("--"):
        statements.append(current)
    return statements


def _apply(conn: sqlite3.Connection, m: Migration) -> None:
    """Apply one migration atomically, unless another process applied it meanwhile."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute(
            "SELECT 1 FROM schema_migrations WHERE version = ?", (m.version,)
        ).fetchone():
            conn.execute("ROLLBACK")
            return
        for statement in _statements(m.sql):
            conn.execute(statement)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (m.version, m.name, now))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
