"""What the migrations in stretchkit/store/migrations/versions share: each engine's SQL of a
step, and the record every step leaves in `schema_migrations`.

That table was how releases up to schema 6 numbered their steps, and it is kept up to date
beside Alembic's own `alembic_version`: an older stretchkit reads it, sees a newer store and
refuses to touch it, instead of writing rows without the columns this release added.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from importlib import resources

from alembic import op
from sqlalchemy import text

__all__ = ["record_step", "run_sql_step", "sql_statements"]


def sql_statements(script: str, dialect: str) -> list[str]:
    """A step's script as statements to run one by one (SQLite) or as one (PostgreSQL,
    whose function bodies hold semicolons of their own)."""
    if dialect != "sqlite":
        return [script]
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current)
            current = ""
    if current.strip(" \n;") and not current.lstrip().startswith("--"):
        statements.append(current)
    return statements


def run_sql_step(version: int, name: str) -> None:
    """Run the step's SQL for this engine, then record the step."""
    bind = op.get_bind()
    dialect = bind.dialect.name
    folder = resources.files("stretchkit.store").joinpath("migrations", dialect)
    script = folder.joinpath(f"{version:04d}_{name}.sql").read_text(encoding="utf-8")
    for statement in sql_statements(script, dialect):
        bind.exec_driver_sql(statement)
    record_step(version, name)


def record_step(version: int, name: str) -> None:
    """Note the step in schema_migrations (made on the first step)."""
    bind = op.get_bind()
    bind.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
    )
    bind.execute(
        text("INSERT INTO schema_migrations (version, name, applied) VALUES (:v, :n, :at)"),
        {"v": version, "n": name, "at": datetime.now(UTC).isoformat(timespec="seconds")},
    )
