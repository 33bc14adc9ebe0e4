"""SQLite's file failures (full disk, damaged file, read-only folder, I/O error) turned into
one StoreError that names the file and says what to do; a failed write is rolled back whole."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

from stretchkit.errors import DamagedStoreError, StoreError

__all__ = [
    "GuardedConnection",
    "GuardedCursor",
    "damaged",
    "result_code",
    "store_error",
    "unopenable",
]

_READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 8, 10, 11, 13, 14, 26
_NEARLY_FULL = 1 << 20
_ROLLED_BACK = {_READONLY, _IOERR, _CORRUPT, _FULL, _NOTADB}
_DAMAGED = (_CORRUPT, _NOTADB)


def damaged(location: str, detail: str) -> DamagedStoreError:
    """The error for a store file that exists but cannot be read as a database."""
    return DamagedStoreError(
        f"{location} is damaged ({detail}); it was left untouched. Restore your latest "
        f"backup with `stretchkit restore BACKUP --db {location}`, or choose another file "
        "with --db"
    )


def result_code(e: sqlite3.Error) -> int:
    """SQLite's primary result code for an error (the extended code's low byte)."""
    return (getattr(e, "sqlite_errorcode", None) or 0) & 0xFF


def _disk_is_full(location: str) -> bool:
    """Whether the disk holding the store has (almost) no space left: a write there fails
    as an I/O error, not always as SQLite's "disk is full"."""
    try:
        disk = os.statvfs(Path(location).parent)
    except OSError:
        return False
    return disk.f_bavail * disk.f_frsize < _NEARLY_FULL


def _folder_is_writable(location: str) -> bool:
    folder = Path(location).parent
    return os.access(folder, os.W_OK | os.X_OK)


def unopenable(path: Path, e: OSError) -> StoreError:
    """The message for a store file the system will not let us open or create."""
    denied = e.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
    if denied and path.parent.is_dir() and not _folder_is_writable(str(path)):
        return StoreError(
            f"cannot open the progress store {path}: its folder {path.parent} is read-only "
            f"({e.strerror}). Make the folder writable, or choose another file with --db"
        )
    if denied and path.is_file():
        return StoreError(
            f"cannot open the progress store {path}: the file is read-only ({e.strerror}). "
            "Make it writable, or choose another file with --db"
        )
    return StoreError(
        f"cannot open the progress store {path}: {e.strerror}. Check that the folder "
        "exists and is writable, or choose another file with --db"
    )


def _refused(code: int, e: sqlite3.Error, location: str) -> StoreError:
    """A read-only folder or file, or a file SQLite could not open."""
    if not _folder_is_writable(location):
        return StoreError(
            f"cannot use {location}: its folder {Path(location).parent} is read-only (the "
            "store writes its -wal and -shm journal files beside it), so nothing was saved. "
            "Make the folder writable, or choose another file with --db"
        )
    if code == _READONLY:
        return StoreError(
            f"cannot write to {location}: the file is read-only ({e}), so nothing was saved. "
            "Make it writable, or choose another file with --db"
        )
    return StoreError(
        f"cannot open the progress store {location} ({e}). Check that the file and its "
        "folder exist and are writable, or choose another file with --db"
    )


def store_error(e: sqlite3.Error, location: str) -> StoreError | None:
    """The clear message for a failure of the file itself, or None for any other error."""
    code = result_code(e)
    if code == _FULL or (code == _IOERR and _disk_is_full(location)):
        return StoreError(
            f"the disk holding {location} is full: nothing was saved for this action. Free "
            "some space on that disk, then try again"
        )
    if code in _DAMAGED:
        return damaged(location, str(e))
    if code in (_READONLY, _CANTOPEN):
        return _refused(code, e, location)
    if code == _IOERR:
        return StoreError(
            f"could not read or write {location} ({e}): nothing was saved for this action. "
            "Check that its disk has free space and is still connected, then try again"
        )
    return None


class GuardedConnection(sqlite3.Connection):
    """A connection whose file failures raise StoreError, after rolling back the open write."""

    location = ""

    def _failed(self, e: sqlite3.Error) -> BaseException:
        error = store_error(e, self.location or "the progress store")
        if error is None:
            return e
        if result_code(e) in _ROLLED_BACK and self.in_transaction:
            with suppress(sqlite3.Error):  # closing the connection rolls back what is left
                super().execute("ROLLBACK")
        return error

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        """As sqlite3's, but a ROLLBACK with nothing open (SQLite already rolled back after a
        full disk or I/O error) does nothing."""
        if sql == "ROLLBACK" and not self.in_transaction:
            return self.cursor(GuardedCursor)
        try:
            return self.cursor(GuardedCursor).execute(sql, parameters)
        except sqlite3.Error as e:
            raise self._failed(e) from e

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.Error as e:
            raise self._failed(e) from e

    def executescript(self, sql_script: str, /) -> sqlite3.Cursor:
        try:
            return super().executescript(sql_script)
        except sqlite3.Error as e:
            raise self._failed(e) from e


class GuardedCursor(sqlite3.Cursor):
    """A cursor whose fetches report a damaged file as StoreError too."""

    def _failed(self, e: sqlite3.Error) -> BaseException:
        connection = self.connection
        if isinstance(connection, GuardedConnection):
            return connection._failed(e)
        return e

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as e:
            raise self._failed(e) from e

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        try:
            return super().fetchmany(size)
        except sqlite3.Error as e:
            raise self._failed(e) from e

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as e:
            raise self._failed(e) from e
