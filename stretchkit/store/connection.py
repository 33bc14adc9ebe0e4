"""Opening the SQLite file: owner-only permissions, WAL, foreign keys, a busy timeout."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from stretchkit.errors import DamagedStoreError, StoreError
from stretchkit.store import MEMORY
from stretchkit.store.guard import GuardedConnection, store_error, unopenable

__all__ = ["BUSY_TIMEOUT_MS", "MEMORY", "connect", "transaction"]

BUSY_TIMEOUT_MS = 10_000
_SQLITE_HEADER = b"SQLite format 3\x00"


def _prepare_file(path: Path) -> None:
    """Create the file (and its folder) readable by its owner only; refuse a non-SQLite file,
    leaving it exactly as it was."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            header = os.read(fd, len(_SQLITE_HEADER))
        finally:
            os.close(fd)
    except OSError as e:
        raise unopenable(path, e) from None
    if header and header != _SQLITE_HEADER:
        raise DamagedStoreError(
            f"{path} is not a stretchkit database (it is not an SQLite file); it was left "
            f"untouched. Restore your latest backup with `stretchkit restore BACKUP --db {path}`, "
            "or choose another file with --db"
        )
    try:
        for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if file.exists():
                file.chmod(0o600)
    except OSError as e:
        raise unopenable(path, e) from None


def connect(
    target: str | Path, verify: Callable[[sqlite3.Connection], None] | None = None
) -> sqlite3.Connection:
    """Open the store at a path (or ':memory:') in autocommit mode with WAL and foreign keys.
    `verify` may refuse an existing database before anything is written to it; a full disk,
    damaged file or read-only folder raises StoreError (see stretchkit.store.guard)."""
    location = str(target)
    if location != MEMORY:
        _prepare_file(Path(target))
    conn: GuardedConnection | None = None
    try:
        conn = sqlite3.connect(
            location, isolation_level=None, check_same_thread=False, factory=GuardedConnection
        )
        conn.location = location
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if verify is not None:
            verify(conn)
        if location != MEMORY:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
    except BaseException as e:
        if conn is not None:
            conn.close()
        if isinstance(e, sqlite3.Error):
            error = store_error(e, location)
            raise error or StoreError(f"cannot open the progress store {location}: {e}") from e
        raise
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A short write transaction: taken at once (IMMEDIATE), committed or rolled back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
