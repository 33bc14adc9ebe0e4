"""Opening the SQLite file: owner-only permissions, WAL, foreign keys, a busy timeout."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from stretchkit.errors import StoreError

__all__ = ["BUSY_TIMEOUT_MS", "MEMORY", "connect", "transaction"]

MEMORY = ":memory:"
BUSY_TIMEOUT_MS = 10_000
_SQLITE_HEADER = b"SQLite format 3\x00"


def _prepare_file(path: Path) -> None:
    """Create the file (and its folder) readable by its owner only; refuse a non-SQLite file."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            header = os.read(fd, len(_SQLITE_HEADER))
        finally:
            os.close(fd)
        for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if file.exists():
                file.chmod(0o600)
    except OSError as e:
        raise StoreError(
            f"cannot open the progress store {path}: {e.strerror}. Check that the folder "
            "exists and is writable, or choose another file with --db"
        ) from None
    if header and header != _SQLITE_HEADER:
        raise StoreError(
            f"{path} is not a stretchkit database (it is not an SQLite file); it was left "
            "untouched. Restore it from a backup or choose another file with --db"
        )


def connect(target: str | Path) -> sqlite3.Connection:
    """Open the store at a path (or ':memory:') in autocommit mode with WAL and foreign keys."""
    if str(target) != MEMORY:
        _prepare_file(Path(target))
    try:
        conn = sqlite3.connect(str(target), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if str(target) != MEMORY:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as e:
        raise StoreError(f"cannot open the progress store {target}: {e}") from None
    conn.row_factory = sqlite3.Row
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
