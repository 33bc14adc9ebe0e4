"""A trainer's own login on a studio's PostgreSQL server: a role of their name, a member of
stretchkit_trainer (which holds the table rights; row-level security shows them their own
clients only), its password sent to the server already hashed (SCRAM), and kept for the
trainer in a libpq password file (owner-only), never printed."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from stretchkit.errors import StoreError
from stretchkit.store.database import Database
from stretchkit.store.trainers import valid_username

__all__ = [
    "DASHBOARD_GROUP",
    "TRAINER_GROUP",
    "create_login",
    "default_password_file",
    "drop_login",
    "save_password",
]

TRAINER_GROUP = "stretchkit_trainer"
DASHBOARD_GROUP = "stretchkit_dashboard"
_FILE_MODE = 0o600


def default_password_file() -> Path:
    """Where libpq looks for passwords: $PGPASSFILE, else ~/.pgpass."""
    configured = os.environ.get("PGPASSFILE", "").strip()
    return Path(configured).expanduser() if configured else Path.home() / ".pgpass"


def _escaped(field: str) -> str:
    return field.replace("\\", "\\\\").replace(":", "\\:")


def save_password(file: Path, db: Database, username: str, password: str) -> None:
    """Keep a login's password in a libpq password file (made owner-only), replacing an
    earlier line for the same server, database and user."""
    url = make_url(db.location)
    host, port = url.host or "localhost", str(url.port or 5432)
    key = ":".join(_escaped(f) for f in (host, port, url.database or "*", username))
    lines = []
    if file.exists():
        lines = [
            line
            for line in file.read_text(encoding="utf-8").splitlines()
            if not line.startswith(key + ":")
        ]
    lines.append(f"{key}:{_escaped(password)}")
    file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, _FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    file.chmod(_FILE_MODE)


def _require_server(db: Database) -> None:
    if db.dialect != "postgresql":
        raise StoreError(
            f"{db.shown} is an SQLite file: trainers log in to a studio's PostgreSQL store "
            "only (on a laptop, --trainer NAME is enough)"
        )


def create_login(db: Database, username: str, group: str = TRAINER_GROUP) -> str:
    """Make (or reset the password of) a login role in `group` (the trainers', or the
    dashboard's); return the new password."""
    _require_server(db)
    name = valid_username(username)
    password = secrets.token_urlsafe(24)
    with db.write() as conn:
        dbapi = conn.connection.dbapi_connection
        pgconn = getattr(dbapi, "pgconn", None)
        if pgconn is None:
            raise StoreError(f"{db.shown}: the PostgreSQL driver cannot hash a password")
        verifier = pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
        hashed = verifier.decode("ascii").replace("'", "")
        role = conn.dialect.identifier_preparer.quote(name)
        exists = conn.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}
        ).first()
        verb = "ALTER" if exists else "CREATE"
        conn.exec_driver_sql(f"{verb} ROLE {role} LOGIN PASSWORD '{hashed}'")
        conn.exec_driver_sql(f"GRANT {conn.dialect.identifier_preparer.quote(group)} TO {role}")
    return password


def drop_login(db: Database, username: str) -> None:
    """Remove the trainer's login role (their clients stay in the store)."""
    _require_server(db)
    name = valid_username(username)
    with db.write() as conn:
        role = conn.dialect.identifier_preparer.quote(name)
        exists = conn.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}
        ).first()
        if exists:
            conn.exec_driver_sql(f"DROP ROLE {role}")
