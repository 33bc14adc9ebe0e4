"""A real, throwaway PostgreSQL cluster for the tests: Debian's server started with pg_ctl in a
temporary folder, as an unprivileged user (PostgreSQL refuses to run as root), listening on a
free local port with password logins only. One cluster serves the whole test session; each
test gets a database of its own, copied from a migrated template in a fraction of a second."""

from __future__ import annotations

import itertools
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

__all__ = ["PostgresCluster", "server_binaries"]

SUPERUSER = "stretchkit_test_admin"


def server_binaries() -> Path:
    """The folder of the newest installed PostgreSQL's initdb and pg_ctl."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if not found:
        on_path = shutil.which("pg_ctl")
        if on_path is None:
            raise RuntimeError(
                "PostgreSQL is not installed: run `python3 tests/setup_servers.py` (as root)"
            )
        return Path(on_path).resolve().parent
    return found[-1].parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged account the server runs as when the tests run as root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("no unprivileged user (postgres or nobody) to run PostgreSQL as")


class PostgresCluster:
    """A running cluster; `url(database)` for its superuser, `new_database()` for a test."""

    def __init__(self) -> None:
        self.bin = server_binaries()
        self.user = _server_user()
        self.folder = Path(tempfile.mkdtemp(prefix="stretchkit-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.password = secrets.token_urlsafe(18)
        self._names = itertools.count(1)
        self._start()

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user.pw_name, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=False, cwd="/")

    def _start(self) -> None:
        password_file = self.folder / "password"
        password_file.write_text(self.password, encoding="utf-8")
        if self.user is not None:
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
            os.chown(password_file, self.user.pw_uid, self.user.pw_gid)
        self.folder.chmod(0o700)
        password_file.chmod(0o600)
        made = self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            f"--pwfile={password_file}",
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        password_file.unlink()
        if made.returncode:
            raise RuntimeError(f"initdb failed: {made.stderr or made.stdout}")
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=120"
        )
        started = self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "log"),
            "-w",
            "start",
        )
        if started.returncode:
            log = (self.folder / "log").read_text(encoding="utf-8", errors="replace")
            raise RuntimeError(f"PostgreSQL did not start: {started.stderr}\n{log}")

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = "") -> str:
        """A SQLAlchemy URL for the psycopg driver, as `user` (the superuser by default)."""
        secret = password or (self.password if user == SUPERUSER else "")
        login = quote(user) + (f":{quote(secret, safe='')}" if secret else "")
        return f"postgresql+psycopg://{login}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement as the superuser, outside a transaction (CREATE DATABASE)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=SUPERUSER,
            password=self.password,
            dbname=database,
            autocommit=True,
        ) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def new_database(self, template: str = "template0") -> str:
        """A new empty database (or a copy of `template`); its name."""
        name = f"test_{next(self._names)}"
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def fingerprint(self, database: str) -> dict[str, str]:
        """Every table of the database's public schema, with a digest of all its rows."""
        from sqlalchemy import create_engine, text

        engine = create_engine(self.url(database))
        try:
            with engine.connect() as conn:
                tables = conn.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
                ).scalars()
                return {
                    name: conn.execute(
                        text(
                            "SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text),"
                            f" '')) FROM \"{name}\" t"
                        )
                    ).scalar_one()
                    for name in list(tables)
                }
        finally:
            engine.dispose()

    def stop(self) -> None:
        """Stop the server at once and delete its files."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
