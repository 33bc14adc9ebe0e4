"""The store's tables, declared once for every query on both engines (SQLite and PostgreSQL):
their columns, keys and indexes, as the newest migration leaves them.

The migrations (stretchkit/store/migrations/versions, most running each engine's SQL from
migrations/sqlite and migrations/postgresql) make these tables step by step, with the checks,
triggers and (on PostgreSQL) row-level security policies each engine enforces, which are not
declared here. tests/test_schema_matches_tables.py compares the two on both engines. Days are
ISO dates (YYYY-MM-DD) and moments ISO 8601 timestamps, kept as text on both engines so a
moment keeps the UTC offset it was logged with and a day is the same day everywhere.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    REAL,
    Column,
    Double,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Integer as IntegerType
from sqlalchemy.types import NullType, TypeEngine

__all__ = [
    "access_log",
    "back_ratings",
    "chart_cache",
    "chart_states",
    "client_handovers",
    "client_links",
    "clients",
    "health_changes",
    "holds",
    "json_int",
    "measurements",
    "metadata",
    "moment",
    "nocase",
    "routines",
    "screenings",
    "session_events",
    "sessions",
    "trainers",
]

metadata = MetaData()


def _id() -> Column[int]:
    """A row's number: an identity column on PostgreSQL, SQLite's rowid on SQLite (which
    ignores the Identity)."""
    return Column("id", Integer, Identity(always=False), primary_key=True)


def _client(nullable: bool = False) -> Column[int]:
    return Column(
        "client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=nullable
    )


trainers = Table(
    "trainers",
    metadata,
    _id(),
    Column("username", Text, nullable=False, unique=True),
    Column("display_name", Text, nullable=False, server_default=""),
    Column("is_admin", Integer, nullable=False, server_default="0"),
    Column("created", Text, nullable=False),
)

clients = Table(
    "clients",
    metadata,
    _id(),
    Column("name", Text, nullable=False),
    Column("contact", Text, nullable=False, server_default=""),
    Column("notes", Text, nullable=False, server_default=""),  # the trainer's own, private
    Column("created", Text, nullable=False),
    Column(
        "trainer_id",
        Integer,
        ForeignKey("trainers.id", name="clients_trainer", ondelete="RESTRICT"),
        nullable=False,
    ),
    Column("archived", Text),  # NULL while active, else when archived (ISO 8601, UTC)
    Column("client_note", Text, nullable=False, server_default=""),  # shown to the client
    Column("language", Text, nullable=False, server_default=""),  # '' follows the phone
    Index("clients_by_trainer", "trainer_id", "id"),
)

client_handovers = Table(
    "client_handovers",
    metadata,
    _id(),
    _client(),
    Column("from_trainer_id", Integer, ForeignKey("trainers.id"), nullable=False),
    Column("to_trainer_id", Integer, ForeignKey("trainers.id"), nullable=False),
    Column("handed_over_by", Text, nullable=False),
    Column("at", Text, nullable=False),
    Index("client_handovers_by_client", "client_id", "id"),
)

screenings = Table(
    "screenings",
    metadata,
    _id(),
    _client(),
    Column("taken_on", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("intake", Text, nullable=False),
    Column("expires_on", Text, nullable=False),
    Column("created", Text, nullable=False),
    Index("screenings_by_client", "client_id", "taken_on"),
)

health_changes = Table(
    "health_changes",
    metadata,
    _id(),
    _client(),
    Column("reported_on", Text, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("source", Text, nullable=False, server_default="trainer"),
    Column("created", Text, nullable=False),
    Index("health_changes_by_client", "client_id", "reported_on"),
)

routines = Table(
    "routines",
    metadata,
    _id(),
    _client(nullable=True),
    Column("template", Text),
    Column("body", Text, nullable=False),
    Column("created", Text, nullable=False),
    Index("routines_by_client", "client_id", "id"),
)

sessions = Table(
    "sessions",
    metadata,
    _id(),
    _client(),
    Column("routine_id", Integer, ForeignKey("routines.id", ondelete="SET NULL")),
    Column("place", Text, nullable=False),
    Column("status", Text, nullable=False, server_default="in-progress"),
    Column("started", Text, nullable=False),
    Column("ended", Text),
    Column("note", Text, nullable=False, server_default=""),
    Index("sessions_by_client", "client_id", "started"),
)

holds = Table(
    "holds",
    metadata,
    _id(),
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("stretch_id", Text, nullable=False),
    Column("side", Text, nullable=False),
    Column("rep", Integer, nullable=False),
    Column("reps_planned", Integer, nullable=False),
    Column("target_s", Integer, nullable=False),
    Column("held_s", Integer, nullable=False),
    Column("sensation", Integer),
    Column("flagged", Integer, nullable=False, server_default="0"),
    Column("logged", Text, nullable=False),
    Index("holds_by_session", "session_id", "id"),
)

measurements = Table(
    "measurements",
    metadata,
    _id(),
    _client(),
    Column("test", Text, nullable=False),
    Column("side", Text, nullable=False),
    Column("value", Double().with_variant(REAL(), "sqlite"), nullable=False),
    Column("measured_on", Text, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("created", Text, nullable=False),
    Index("measurements_by_client", "client_id", "measured_on"),
)

client_links = Table(
    "client_links",
    metadata,
    _id(),
    _client(),
    Column("lookup", Text, nullable=False),
    Column("digest", Text, nullable=False, unique=True),
    Column("hint", Text, nullable=False),
    Column("label", Text, nullable=False, server_default=""),
    Column("created", Text, nullable=False),
    Column("revoked", Text),
    Column("last_used", Text),
    Index("client_links_by_lookup", "lookup"),
    Index("client_links_by_client", "client_id", "created"),
)

session_events = Table(
    "session_events",
    metadata,
    _id(),
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("stretch_id", Text, nullable=False, server_default=""),
    Column("detail", Text, nullable=False, server_default=""),
    Column("at", Text, nullable=False),
    Index("session_events_by_session", "session_id", "id"),
)

back_ratings = Table(
    "back_ratings",
    metadata,
    _id(),
    _client(),
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="SET NULL")),
    Column("rated", Text, nullable=False),
    Column("stiffness", Integer, nullable=False),
    Column("pain", Integer, nullable=False),
    Column("place", Text, nullable=False),
    Column("created", Text, nullable=False),
    Index("back_ratings_by_client", "client_id", "rated"),
)


chart_states = Table(
    "chart_states",
    metadata,
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    Column("changes", Integer, nullable=False, server_default="0"),
)

chart_cache = Table(
    "chart_cache",
    metadata,
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    Column("name", Text, primary_key=True),
    Column("key", Text, nullable=False),
    Column("png", LargeBinary, nullable=False),
    Column("alt", Text, nullable=False),
    Column("drawn", Text, nullable=False),
)


access_log = Table(
    "access_log",
    metadata,
    _id(),
    Column("at", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("client_id", Integer),  # by number only: no foreign key, it outlives the client
    Column("trainer_id", Integer),
    Column("who", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("place", Text, nullable=False),
    Column("detail", Text, nullable=False, server_default=""),
    Index("access_log_by_client", "client_id", "id"),
    Index("access_log_by_time", "at"),
)


class moment(FunctionElement[Any]):  # noqa: N801 - used like a SQL function
    """An ISO 8601 timestamp column as a point in time, for ordering and comparing moments
    logged with different UTC offsets: julianday() on SQLite, timestamptz on PostgreSQL. Only
    for ORDER BY and comparisons: its value is not read back."""

    type: TypeEngine[Any] = NullType()
    inherit_cache = True


@compiles(moment, "sqlite")
def _moment_sqlite(element: moment, compiler: SQLCompiler, **kw: Any) -> str:
    return f"julianday({compiler.process(element.clauses, **kw)})"


@compiles(moment, "postgresql")
def _moment_postgresql(element: moment, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS timestamptz)"


class nocase(FunctionElement[str]):  # noqa: N801 - used like a SQL function
    """A text column compared and ordered without regard to case (as its index is built)."""

    inherit_cache = True


@compiles(nocase, "sqlite")
def _nocase_sqlite(element: nocase, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)} COLLATE NOCASE)"


@compiles(nocase, "postgresql")
def _nocase_postgresql(element: nocase, compiler: SQLCompiler, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


class json_int(FunctionElement[int]):  # noqa: N801 - used like a SQL function
    """One whole-number field of a JSON object kept as text (NULL when it is not a number)."""

    type = IntegerType()
    inherit_cache = True

    def __init__(self, column: ColumnElement[str], key: str) -> None:
        if not key.isidentifier():
            raise ValueError(f"json_int: key {key!r} is not a plain field name")
        self.key = key
        super().__init__(column)


@compiles(json_int, "sqlite")
def _json_int_sqlite(element: json_int, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    value = f"json_extract({column}, '$.{element.key}')"
    return f"(CASE WHEN json_type({column}, '$.{element.key}') = 'integer' THEN {value} END)"


@compiles(json_int, "postgresql")
def _json_int_postgresql(element: json_int, compiler: SQLCompiler, **kw: Any) -> str:
    """The text is read once per row (in a subquery), as json: it is only scanned for the
    field, not built into jsonb first."""
    column = compiler.process(element.clauses, **kw)
    return (
        "(SELECT CASE WHEN json_typeof(f) = 'number' AND (f #>> '{}') ~ '^-?[0-9]+$'"
        " THEN CAST(f #>> '{}' AS integer) END"
        f" FROM (SELECT CAST({column} AS json) -> '{element.key}' AS f) AS json_field)"
    )


# Indexes on what a column holds compared without regard to case: the expressions above
# compile to each engine's own form (COLLATE NOCASE on SQLite, lower() on PostgreSQL).
Index("clients_by_name", nocase(clients.c.name))
Index(
    "templates_by_name",
    nocase(routines.c.template),
    unique=True,
    sqlite_where=routines.c.template.is_not(None),
    postgresql_where=routines.c.template.is_not(None),
)
