"""A store's database: an SQLite file (or memory) or a PostgreSQL server, reached through one
SQLAlchemy engine, used in short transactions, each engine's failures turned into one StoreError
that says what to do (and never shows a password)."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import ExecutionContext, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import StaticPool

from stretchkit.errors import StoreError, ValidationError
from stretchkit.store.connection import connect
from stretchkit.store.guard import store_error
from stretchkit.store.scope import NOTES_KEY, SCOPE_KEY, Scope
from stretchkit.store.server_errors import server_error

__all__ = ["Database", "is_url", "shown_location"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_WRITE = "stretchkit_write"


def is_url(location: str) -> bool:
    """Whether a --db value is a database URL (postgresql://…) rather than a file path."""
    return bool(_URL.match(location))


def shown_location(location: str) -> str:
    """A location fit to print: a URL with its password hidden, a path as it is."""
    if not is_url(location):
        return location
    try:
        return make_url(location).render_as_string(hide_password=True)
    except ArgumentError:
        return "the database URL given (it could not be read)"


def _server_url(location: str) -> str:
    """A PostgreSQL URL for the psycopg 3 driver; any other URL is refused by name."""
    try:
        url = make_url(location)
    except ArgumentError:
        raise StoreError(
            f"{shown_location(location)}: not a database URL stretchkit can use; give a file "
            "path, or postgresql://USER@HOST:PORT/DATABASE"
        ) from None
    if url.get_backend_name() != "postgresql":
        raise StoreError(
            f"{shown_location(location)}: stretchkit keeps its store in an SQLite file or on "
            "a PostgreSQL server; give a file path, or postgresql://USER@HOST:PORT/DATABASE"
        )
    return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


_NOTES_READABLE = text(
    "SELECT CASE WHEN to_regclass('clients') IS NULL THEN NULL"
    " ELSE has_column_privilege('clients', 'notes', 'SELECT') END"
)
"""Whether the login may read the trainers' private notes (NULL before the store is made)."""


class Database:
    """An open database: `read()` and `write()` give a connection inside one short
    transaction (a write takes SQLite's write lock at once); a repository call nested in
    another's transaction joins it. Failures of the file or server raise StoreError."""

    def __init__(
        self,
        engine: Engine,
        location: str,
        raw: sqlite3.Connection | None = None,
    ) -> None:
        self.engine = engine
        self.location = location
        self.shown = shown_location(location)
        self.dialect = engine.dialect.name
        self.raw = raw
        """The SQLite connection itself (for backups and the file's own tests), else None."""
        self.scope = Scope(None)
        """Whose clients this store shows (set by the store once it knows its trainer)."""
        self.pinned_client: int | None = None
        """On PostgreSQL, the one client the dashboard's login may see in each transaction
        (after it checked that client's link key), else None."""
        self.opened_link: int | None = None
        """The number of the client link whose key this store last checked, else None."""
        self._private_notes: bool | None = None if self.dialect == "postgresql" else True
        """Whether this login may read the trainers' private notes (None: not asked yet)."""
        self._local = threading.local()

    @classmethod
    def open(
        cls, location: str, verify: Callable[[sqlite3.Connection], None] | None = None
    ) -> Database:
        """Open the database at a path, ':memory:' or a PostgreSQL URL. `verify` may refuse an
        existing SQLite file before anything is written to it."""
        if is_url(location):
            return cls._open_server(location)
        raw = connect(location, verify=verify)
        raw.row_factory = None  # plain tuples: SQLAlchemy builds its own rows
        engine = create_engine("sqlite+pysqlite://", creator=lambda: raw, poolclass=StaticPool)
        event.listen(engine, "begin", _begin_sqlite)
        event.listen(engine, "before_cursor_execute", _refuse_nul)
        return cls(engine, location, raw)

    @classmethod
    def _open_server(cls, location: str) -> Database:
        engine = create_engine(
            _server_url(location),
            pool_size=2,
            max_overflow=4,
            pool_pre_ping=True,
            hide_parameters=True,
        )
        event.listen(engine, "before_cursor_execute", _refuse_nul)
        database = cls(engine, location)
        with database.read() as conn:
            conn.exec_driver_sql("SELECT 1")
        return database

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading, in a transaction rolled back at the end."""
        with self._use(write=False) as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A connection in a write transaction, committed at the end (rolled back whole on an
        error)."""
        with self._use(write=True) as conn:
            yield conn

    @contextmanager
    def _use(self, write: bool) -> Iterator[Connection]:
        active: Connection | None = getattr(self._local, "conn", None)
        if active is not None:
            yield active
            return
        self._local.after = []
        try:
            with self.engine.connect().execution_options(**{_WRITE: write}) as conn, conn.begin():
                conn.info[SCOPE_KEY] = self.scope
                conn.info[NOTES_KEY] = self._notes_readable(conn)
                if self.pinned_client is not None and self.dialect == "postgresql":
                    conn.execute(
                        text("SELECT set_config('stretchkit.dashboard_client', :id, true)"),
                        {"id": str(self.pinned_client)},
                    )
                self._local.conn = conn
                try:
                    yield conn
                finally:
                    self._local.conn = None
        except DBAPIError as e:
            raise self.failure(e) from e
        for then in self._local.after:
            then()

    def after_commit(self, then: Callable[[], None]) -> None:
        """Run `then` once the transaction in use (or, outside one, now) is committed."""
        if getattr(self._local, "conn", None) is None:
            then()
        else:
            self._local.after.append(then)

    def _notes_readable(self, conn: Connection) -> bool | None:
        """On PostgreSQL, whether the login may read clients.notes (the dashboard's may not),
        asked once the table exists; SQLite's one user reads everything."""
        if self._private_notes is None:
            self._private_notes = conn.execute(_NOTES_READABLE).scalar_one()
        return self._private_notes

    def failure(self, e: DBAPIError) -> BaseException:
        """The clear message for a failure of the file or server, else the error itself."""
        original = e.orig
        if isinstance(original, sqlite3.Error):
            return store_error(original, self.location) or e
        return (original is not None and server_error(original, self.shown)) or e

    def close(self) -> None:
        """Close every connection (committed data is already on disk)."""
        self.engine.dispose()
        if self.raw is not None:
            self.raw.close()


def _has_nul(found: object) -> bool:
    if isinstance(found, str):
        return "\x00" in found
    if isinstance(found, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in found.items())
    if isinstance(found, list):
        return any(_has_nul(v) for v in found)
    return False


def _holds_nul(value: str) -> bool:
    """Whether text (or the strings inside JSON text) holds a NUL character."""
    if "\x00" in value:
        return True
    if "\\u0000" in value and value.startswith(("{", "[")):
        try:
            return _has_nul(json.loads(value))
        except ValueError:
            return False
    return False


def _refuse_nul(  # noqa: PLR0917 - SQLAlchemy's event signature
    conn: Connection,
    cursor: object,
    statement: str,
    parameters: object,
    context: ExecutionContext | None,
    executemany: bool,
) -> None:
    """Text with a NUL character is refused before it is written, naming the field: no
    person types one, and PostgreSQL cannot keep it, so neither engine takes it."""
    if context is None or not (context.isinsert or context.isupdate):
        return
    for row in getattr(context, "compiled_parameters", None) or ():
        for field, value in row.items():
            if isinstance(value, str) and _holds_nul(value):
                raise ValidationError(field, value, "must not contain a NUL character (\\x00)")


def _begin_sqlite(conn: Connection) -> None:
    """SQLite's transactions begun by stretchkit itself: a write takes the write lock at once
    (BEGIN IMMEDIATE), so two writers queue instead of failing half-way."""
    write = conn.get_execution_options().get(_WRITE, True)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def local_file(location: str) -> Path | None:
    """The SQLite file of a location, or None for memory or a server."""
    if is_url(location) or location == ":memory:":
        return None
    return Path(location)
