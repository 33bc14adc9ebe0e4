"""Backups of an SQLite progress store, taken and restored with SQLite's online backup: safe
while sessions are being logged, written owner-only, and never restoring a damaged or unknown
file. (A store on PostgreSQL is backed up with the server's own pg_dump: see server_backup.)"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from stretchkit.errors import DamagedStoreError, StoreError
from stretchkit.store.connection import BUSY_TIMEOUT_MS, connect
from stretchkit.store.database import Database
from stretchkit.store.guard import GuardedConnection, store_error
from stretchkit.store.schema import check_schema, known_migrations, migrate
from stretchkit.store.values import BackupInfo, Restored

__all__ = [
    "BACKUP_FOLDER",
    "FILE_MODE",
    "FOLDER_MODE",
    "backup",
    "default_backup_path",
    "restore",
    "verify_backup",
]

BACKUP_FOLDER = "backups"
"""Where `backup` puts its files by default: a folder of this name beside the store."""
FILE_MODE = 0o600
"""Backups and the store kept aside by a restore hold health data: owner-only."""
FOLDER_MODE = 0o700
_SQLITE_HEADER = b"SQLite format 3\x00"


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def _free_name(folder: Path, stem: str, suffix: str = "") -> Path:
    """folder/stem+suffix, or with -2, -3... after the stem if a file of that name exists."""
    candidate, n = folder / f"{stem}{suffix}", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate


def default_backup_path(db: Path, now: datetime | None = None) -> Path:
    """A new timestamped file in the `backups` folder beside the store."""
    return _free_name(db.parent / BACKUP_FOLDER, f"{db.stem}-{_stamp(now)}", ".db")


def _open(path: Path, options: str) -> GuardedConnection:
    """A connection to an existing file, never creating one."""
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(path.resolve()))}?{options}",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
            factory=GuardedConnection,
        )
    except sqlite3.Error as e:
        raise store_error(e, str(path)) or StoreError(f"cannot open {path}: {e}") from e
    conn.location = str(path)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _open_backup(path: Path) -> GuardedConnection:
    """A backup file read as it is on disk: no locks, no journal files made beside it."""
    return _open(path, "mode=ro&immutable=1")


def _copy(source: sqlite3.Connection, target: sqlite3.Connection, src: Path, dst: Path) -> None:
    """SQLite's online backup in one step: one consistent snapshot of the source, taken while
    other connections go on writing (in WAL mode they are not held up)."""
    try:
        source.backup(target)
    except sqlite3.Error as e:
        error = store_error(e, str(src))
        if not isinstance(error, DamagedStoreError):
            error = store_error(e, str(dst))
        raise error or StoreError(f"cannot copy {src} to {dst}: {e}") from e


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _snapshot(db: Path, target: Path, *, check: bool = True) -> None:
    """Write a consistent copy of the store at `db` to a new owner-only file `target`, in
    rollback-journal mode so that the copy is one self-contained file."""
    source = _open(db, "mode=rw")
    try:
        if check:
            check_schema(source, str(db))
        target.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        try:
            copy = sqlite3.connect(target, isolation_level=None, factory=GuardedConnection)
            copy.location = str(target)
            try:
                _copy(source, copy, db, target)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
            fd = os.open(target, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except BaseException:
            _remove(target, Path(f"{target}-journal"), Path(f"{target}-wal"))
            raise
    finally:
        source.close()


def backup(db: Path, target: Path | None = None, now: datetime | None = None) -> BackupInfo:
    """Back up the store at `db` to `target` (a new file, or a folder to put one in; by
    default a timestamped file in `backups/` beside the store), owner-only, and check it.
    Safe while sessions are logged; an existing file is never overwritten."""
    if not db.is_file() or db.stat().st_size == 0:
        raise StoreError(
            f"there is no progress store at {db}, so there is nothing to back up. Choose "
            "the store with --db"
        )
    beside_store = target is None
    if target is None:
        target = default_backup_path(db, now)
    elif target.is_dir():
        target = _free_name(target, f"{db.stem}-{_stamp(now)}", ".db")
    if target.exists():
        raise StoreError(f"{target} already exists and was left as it is: choose a new name")
    partial = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        if beside_store:
            target.parent.chmod(FOLDER_MODE)
        _remove(partial)
        try:
            _snapshot(db, partial)
            info = verify_backup(partial)
            partial.replace(target)
        finally:
            _remove(partial)
    except OSError as e:
        raise StoreError(
            f"cannot write the backup {target}: {e.strerror}. Check that its folder is "
            "writable, or give another TARGET"
        ) from None
    return dataclasses.replace(info, path=target)


def _unusable(path: Path, why: str) -> StoreError:
    return StoreError(f"{path} is not a usable stretchkit backup: {why}")


def _read_backup(conn: sqlite3.Connection, path: Path) -> BackupInfo:
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
    if problems != ["ok"]:
        raise _unusable(path, f"it is damaged ({'; '.join(problems)})")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if "schema_migrations" not in tables or "clients" not in tables:
        raise _unusable(path, "it is an SQLite file but holds no stretchkit store")
    version = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
    known = known_migrations()[-1].version
    if not isinstance(version, int) or not 1 <= version <= known:
        raise _unusable(
            path,
            f"its schema version is {version} and this release knows 1 to {known} (a newer "
            "backup needs a newer stretchkit)",
        )
    clients = conn.execute("SELECT count(*) FROM clients").fetchone()[0]
    return BackupInfo(path, version, int(clients))


def verify_backup(path: Path) -> BackupInfo:
    """Check a backup file without changing it: an undamaged SQLite file (integrity check)
    holding a stretchkit store from this release or an older one. Raises StoreError if not."""
    if not path.is_file():
        raise _unusable(path, "there is no such file")
    with path.open("rb") as f:
        if f.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
            raise _unusable(path, "it is not an SQLite database file")
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as e:
        raise _unusable(path, f"it cannot be opened ({e})") from None
    try:
        return _read_backup(conn, path)
    except sqlite3.Error as e:
        raise _unusable(path, f"it is damaged ({e})") from None
    finally:
        conn.close()


def _keep_aside(db: Path, now: datetime | None) -> Path | None:
    """Keep the current store as `<name>.before-restore-<time>`, owner-only: a consistent
    copy of a readable store, or a damaged file moved there as it is (with its -wal)."""
    if not db.is_file() or db.stat().st_size == 0:
        return None
    aside = _free_name(db.parent, f"{db.name}.before-restore-{_stamp(now)}")
    with db.open("rb") as f:
        readable = f.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    if readable:
        try:
            _snapshot(db, aside, check=False)
        except DamagedStoreError:
            pass  # moved aside as it is, below
        else:
            return aside
    db.replace(aside)
    aside.chmod(FILE_MODE)
    wal = Path(f"{db}-wal")
    if wal.exists():
        wal.replace(f"{aside}-wal")
    _remove(Path(f"{db}-shm"))
    return aside


def restore(backup_file: Path, db: Path, now: datetime | None = None) -> Restored:
    """Replace the store's contents with a checked backup, keeping the store as it was aside
    first. Done through SQLite, so connections open on the store see the restored data. A
    damaged, foreign or newer backup is refused and the store is not changed."""
    try:
        info = verify_backup(backup_file)
        if db.exists() and db.samefile(backup_file):
            raise StoreError(f"{backup_file} is the progress store itself")
    except StoreError as e:
        raise StoreError(
            f"{e}. Nothing was restored and {db} is unchanged: choose another backup"
        ) from None
    try:
        kept = _keep_aside(db, now)
    except OSError as e:
        raise StoreError(
            f"cannot keep {db} aside before restoring ({e.strerror}), so nothing was restored. "
            "Check that its folder is writable"
        ) from None
    try:
        source = _open_backup(backup_file)
        try:
            target = connect(db)
            try:
                _copy(source, target, backup_file, db)
            finally:
                target.close()
        finally:
            source.close()
        restored = Database.open(str(db))
        try:
            migrate(restored)
        finally:
            restored.close()
    except StoreError as e:
        if kept is None:
            raise
        raise StoreError(f"{e} (the store as it was is kept in {kept})") from e
    return Restored(info, kept)
