"""Backups of a studio's store on PostgreSQL, with the server's own tools: `pg_dump` writes one
archive file (custom format, owner-only), `pg_restore` puts it back in one transaction, after
the database as it was is dumped aside. The password goes to the tools in their environment,
never on a command line or in a message."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from stretchkit.errors import StoreError
from stretchkit.store.database import Database, shown_location
from stretchkit.store.schema import schema_version
from stretchkit.store.tables import clients
from stretchkit.store.values import BackupInfo, Restored

__all__ = ["backup_server", "default_server_backup_path", "restore_server", "server_tool"]

_FILE_MODE = 0o600


def server_tool(name: str) -> str:
    """The path of pg_dump or pg_restore: on the PATH, else the newest installed server's."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if candidates:
        return str(candidates[-1])
    raise StoreError(
        f"{name} is not installed: install PostgreSQL's client tools (Debian's "
        "postgresql-client package), then try again"
    )


def _environment(location: str) -> dict[str, str]:
    """libpq's variables for the tools: the server, the database, the login (and password)."""
    url = make_url(location)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG") or k == "PGPASSFILE"}
    env.update(
        PGHOST=url.host or "localhost",
        PGPORT=str(url.port or 5432),
        PGDATABASE=url.database or "",
        PGCONNECT_TIMEOUT="10",
    )
    if url.username:
        env["PGUSER"] = url.username
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return env


def _run(argv: list[str], location: str, what: str) -> None:
    done = subprocess.run(
        argv, env=_environment(location), capture_output=True, text=True, check=False
    )
    if done.returncode:
        detail = (done.stderr or done.stdout).strip().splitlines()
        last = detail[-1] if detail else f"exit status {done.returncode}"
        raise StoreError(f"{what} failed for {shown_location(location)}: {last}")


def default_server_backup_path(db: Database, folder: Path, now: datetime | None = None) -> Path:
    """A new timestamped archive file in `folder`, named after the database."""
    name = make_url(db.location).database or "stretchkit"
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate, n = folder / f"{name}-{stamp}.dump", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{name}-{stamp}-{n}.dump"
    return candidate


def _count_clients(db: Database) -> int:
    with db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(clients)).scalar_one())


def backup_server(db: Database, target: Path) -> BackupInfo:
    """Dump the whole database to a new owner-only archive `target` (never overwriting a
    file), and check the archive can be read back."""
    if target.exists():
        raise StoreError(f"{target} already exists and was left as it is: choose a new name")
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE))
    try:
        _run(
            [server_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}"],
            db.location,
            "pg_dump",
        )
        target.chmod(_FILE_MODE)
        verify_server_backup(target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return BackupInfo(target, schema_version(db), _count_clients(db))


def verify_server_backup(path: Path) -> None:
    """Check an archive with pg_restore's own listing: a readable pg_dump archive holding a
    stretchkit store (its clients table)."""
    listing = subprocess.run(
        [server_tool("pg_restore"), "--list", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if listing.returncode or " TABLE public clients " not in listing.stdout:
        raise StoreError(f"{path} is not a usable stretchkit backup of a PostgreSQL store")


def restore_server(backup_file: Path, db: Database, keep_aside: Path) -> Restored:
    """Replace the database's contents with the archive, in one transaction (all or nothing),
    after dumping the database as it was to `keep_aside`."""
    verify_server_backup(backup_file)
    kept = backup_server(db, keep_aside)
    db.close()
    _run(
        [
            server_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={make_url(db.location).database}",
            str(backup_file),
        ],
        db.location,
        "pg_restore",
    )
    restored = Database.open(db.location)
    try:
        info = BackupInfo(backup_file, schema_version(restored), _count_clients(restored))
    finally:
        restored.close()
    return Restored(info, kept.path)
