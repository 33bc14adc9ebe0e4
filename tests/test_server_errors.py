"""A PostgreSQL server's failures, on a real throwaway cluster: an unreachable server, a wrong
password, a missing database, a store from a newer release, another program's database and a
full disk each give one clear message, through `Store.open` and through the `stretchkit`
command (exit 1, one line, no traceback), never showing a password, and change nothing."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.errors import StoreError
from stretchkit.progress.history import History
from stretchkit.services.history_files import export_client
from stretchkit.store import Store
from tests.conftest import TEMPLATE
from tests.disks import fill
from tests.postgres import PostgresCluster

TODAY = date(2026, 3, 2)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The `stretchkit` command in a fresh process, working in `cwd`."""
    return subprocess.run(
        [sys.executable, "-m", "stretchkit", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def assert_one_clear_line(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit status 1 and a single `stretchkit: ...` line on stderr holding every fragment."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("stretchkit: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def assert_refused(
    location: str, cwd: Path, secrets: tuple[str, ...], *fragments: str
) -> tuple[str, str]:
    """`Store.open` raises StoreError holding every fragment, and `stretchkit clients` exits
    with one clear line holding them; no secret shows in either. The two messages."""
    try:
        opened = Store.open(location)
    except StoreError as e:
        message = str(e)
    else:
        opened.close()
        pytest.fail("Store.open opened the database instead of refusing it")
    for fragment in fragments:
        assert fragment in message, message
    result = run("clients", "--db", location, cwd=cwd)
    line = assert_one_clear_line(result, *fragments)
    for secret in secrets:
        assert secret not in message
        assert secret not in result.stdout
        assert secret not in result.stderr
    return message, line


def rows(postgres: PostgresCluster, database: str, statement: str) -> list[tuple[object, ...]]:
    """What a query returns, run as the superuser."""
    engine = create_engine(postgres.url(database))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(statement))]
    finally:
        engine.dispose()


def free_port() -> int:
    """A local port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def fresh_store(postgres: PostgresCluster) -> str:
    """A new database holding a store of the current schema, with a client; its name."""
    name = postgres.new_database(template=TEMPLATE)
    with Store.open(postgres.url(name)) as store:
        store.clients.add(ClientDetails("Robin Ashdown"))
    return name


@pytest.mark.slow
def test_an_unreachable_server_says_so(tmp_path: Path) -> None:
    """A port nobody listens on: "cannot reach" the server, named without its password."""
    password = "Unreachable-Secret-3141"
    port = free_port()
    location = f"postgresql://trainer:{password}@127.0.0.1:{port}/stretchkit"
    assert_refused(
        location,
        tmp_path,
        (password,),
        "cannot reach the PostgreSQL server",
        f"127.0.0.1:{port}",
        "check that it is running",
    )


@pytest.mark.slow
def test_a_wrong_password_says_the_login_was_refused(
    postgres: PostgresCluster, fresh_store: str, tmp_path: Path
) -> None:
    """The right user with a wrong password: the login was refused; neither the wrong
    password nor the right one is ever shown."""
    wrong = "Wrong-Password-2718"
    assert wrong != postgres.password
    location = postgres.url(fresh_store, password=wrong)
    message, line = assert_refused(
        location,
        tmp_path,
        (wrong, postgres.password),
        "refused the login (wrong user name or password)",
        f"127.0.0.1:{postgres.port}/{fresh_store}",
    )
    assert "***" in message and "***" in line


@pytest.mark.slow
def test_no_password_anywhere_says_where_to_put_it(
    postgres: PostgresCluster, fresh_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A URL with no password and no line for it in the password file: the message says the
    server asks for one and where it goes, with no traceback."""
    empty = tmp_path / "empty.pgpass"
    empty.write_text("")
    empty.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(empty))
    location = postgres.url(fresh_store).replace(f":{quote(postgres.password, safe='')}@", "@")
    assert postgres.password not in location
    assert_refused(
        location,
        tmp_path,
        (postgres.password,),
        "asks for a password and none was found",
        "~/.pgpass",
    )


@pytest.mark.slow
def test_a_missing_database_says_there_is_no_such_database(
    postgres: PostgresCluster, tmp_path: Path
) -> None:
    """A database name the server does not have: "no such database", create it first; the
    command does not create it either."""
    location = postgres.url("no_such_studio")
    assert_refused(
        location,
        tmp_path,
        (postgres.password,),
        "has no such database",
        "create it first",
        "no_such_studio",
    )
    listed = rows(postgres, "postgres", "SELECT datname FROM pg_database")
    assert ("no_such_studio",) not in listed


@pytest.mark.slow
def test_an_unknown_alembic_revision_is_a_newer_release_and_is_left_untouched(
    postgres: PostgresCluster, fresh_store: str, tmp_path: Path
) -> None:
    """A store whose Alembic revision this release does not know was written by a newer
    stretchkit: refused, saying to upgrade; alembic_version still reads 9999 afterwards and
    no table or row changed."""
    postgres.sql("UPDATE alembic_version SET version_num = '9999'", fresh_store)
    before = postgres.fingerprint(fresh_store)
    assert_refused(
        postgres.url(fresh_store),
        tmp_path,
        (postgres.password,),
        "was written by a newer stretchkit",
        "schema version 9999",
        "upgrade stretchkit",
        "left untouched",
    )
    assert rows(postgres, fresh_store, "SELECT version_num FROM alembic_version") == [("9999",)]
    assert postgres.fingerprint(fresh_store) == before


@pytest.mark.slow
def test_a_newer_schema_migrations_version_is_a_newer_release_and_is_left_untouched(
    postgres: PostgresCluster, fresh_store: str, tmp_path: Path
) -> None:
    """A store whose schema_migrations records version 99 (above this release's) was
    written by a newer stretchkit: refused, saying to upgrade, and left as it was."""
    postgres.sql(
        "INSERT INTO schema_migrations (version, name, applied) "
        "VALUES (99, 'future', '2030-01-01')",
        fresh_store,
    )
    before = postgres.fingerprint(fresh_store)
    assert_refused(
        postgres.url(fresh_store),
        tmp_path,
        (postgres.password,),
        "was written by a newer stretchkit",
        "schema version 99",
        "upgrade stretchkit",
        "left untouched",
    )
    assert postgres.fingerprint(fresh_store) == before


@pytest.mark.slow
def test_a_newer_store_numbered_in_schema_migrations_only_is_left_untouched(
    postgres: PostgresCluster, fresh_store: str, tmp_path: Path
) -> None:
    """A store numbered in schema_migrations only (no alembic_version, as before Alembic),
    at version 99: refused as a newer release's, not stamped, not migrated."""
    postgres.sql("DROP TABLE alembic_version", fresh_store)
    postgres.sql(
        "INSERT INTO schema_migrations (version, name, applied) "
        "VALUES (99, 'future', '2030-01-01')",
        fresh_store,
    )
    before = postgres.fingerprint(fresh_store)
    assert_refused(
        postgres.url(fresh_store),
        tmp_path,
        (postgres.password,),
        "was written by a newer stretchkit",
        "schema version 99",
        "left untouched",
    )
    assert "alembic_version" not in postgres.fingerprint(fresh_store)
    assert postgres.fingerprint(fresh_store) == before


@pytest.mark.slow
def test_another_programs_database_is_refused_and_left_untouched(
    postgres: PostgresCluster, tmp_path: Path
) -> None:
    """A database holding an unrelated table is not a stretchkit store: refused, and not a
    table, row or Alembic mark is added."""
    name = postgres.new_database()
    postgres.sql("CREATE TABLE recipes (name text PRIMARY KEY, minutes integer)", name)
    postgres.sql("INSERT INTO recipes VALUES ('soup', 40), ('bread', 180)", name)
    before = postgres.fingerprint(name)
    assert list(before) == ["recipes"]
    assert_refused(
        postgres.url(name),
        tmp_path,
        (postgres.password,),
        "is a database but not a stretchkit progress store",
        "left untouched",
    )
    assert postgres.fingerprint(name) == before
    objects = rows(
        postgres,
        name,
        "SELECT relname FROM pg_class JOIN pg_namespace n ON n.oid = relnamespace "
        "WHERE nspname = 'public' ORDER BY 1",
    )
    assert objects == [("recipes",), ("recipes_pkey",)]


# A full disk: the store's database lives in a tablespace on a real, small tmpfs.

TABLESPACE = "stretchkit_tiny"


@pytest.fixture
def tiny_tablespace(postgres: PostgresCluster) -> Iterator[Path]:
    """A real 64 MiB file system (tmpfs) owned by the server's user, as the tablespace
    TABLESPACE; skipped where this process may not mount one (not root, or a container
    without the right). Dropped and unmounted afterwards."""
    if os.geteuid() != 0 or shutil.which("mount") is None or postgres.user is None:
        pytest.skip("mounting a small file system needs root")
    mount_point = Path(tempfile.mkdtemp(prefix="stretchkit-tiny-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode:
        mount_point.rmdir()
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    try:
        os.chown(mount_point, postgres.user.pw_uid, postgres.user.pw_gid)
        postgres.sql(f"CREATE TABLESPACE {TABLESPACE} LOCATION '{mount_point}'")
        try:
            yield mount_point
        finally:
            (mount_point / "filler").unlink(missing_ok=True)
            postgres.sql(f"DROP TABLESPACE IF EXISTS {TABLESPACE}")
    finally:
        if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(mount_point)], check=True)
        mount_point.rmdir()


@pytest.fixture
def tiny_database(postgres: PostgresCluster, tiny_tablespace: Path) -> Iterator[str]:
    """A store's database (copied from the migrated template) kept on the small tmpfs."""
    name = postgres.new_database(template=TEMPLATE)
    try:
        postgres.sql(f'ALTER DATABASE "{name}" SET TABLESPACE {TABLESPACE}')
        yield name
    finally:
        postgres.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def demo_history(tmp_path_factory: pytest.TempPathFactory) -> tuple[History, Path]:
    """A demo client's months of history, and the same as an exported CSV file."""
    folder = tmp_path_factory.mktemp("history")
    with Store.open(folder / "demo.db") as store:
        seed_demo_data(store, 1, TODAY)
        demo = store.clients.all()[0].id
        history = store.history.of_client(demo)
        export_client(store, demo, folder / "history.csv")
    assert history.sessions
    return history, folder / "history.csv"


@pytest.mark.slow
def test_a_full_server_disk_gives_one_clear_message_and_saves_nothing(
    postgres: PostgresCluster,
    tiny_tablespace: Path,
    tiny_database: str,
    demo_history: tuple[History, Path],
    tmp_path: Path,
) -> None:
    """On a real, full file system under the server's tablespace: a store already open fails
    its write with "the disk of the PostgreSQL server ... is full: nothing was saved"; the
    command fails with the same one line; once space is freed the store holds nothing of the
    failed writes, and the same write then succeeds."""
    history, csv_file = demo_history
    location = postgres.url(tiny_database)
    held = rows(
        postgres,
        "postgres",
        "SELECT spcname FROM pg_database d JOIN pg_tablespace t ON t.oid = d.dattablespace "
        f"WHERE datname = '{tiny_database}'",
    )
    assert held == [(TABLESPACE,)]
    with Store.open(location) as store:
        robin = store.clients.add(ClientDetails("Robin Ashdown")).id
        totals = store.overview.totals()
    before = postgres.fingerprint(tiny_database)
    with Store.open(location) as store:
        filler = fill(tiny_tablespace)
        with pytest.raises(StoreError) as caught:
            store.history.add(robin, history)
        message = str(caught.value)
        assert "the disk of the PostgreSQL server at" in message
        assert "is full: nothing was saved" in message
        assert f"127.0.0.1:{postgres.port}/{tiny_database}" in message
        assert postgres.password not in message
        # the same store still reads: the failed write was rolled back whole
        assert store.history.of_client(robin).sessions == ()
        assert store.clients.get(robin).name == "Robin Ashdown"
    result = run("import", "Robin Ashdown", str(csv_file), "--db", location, cwd=tmp_path)
    assert_one_clear_line(result, "is full: nothing was saved", "Free some space")
    assert postgres.password not in result.stdout + result.stderr
    filler.unlink()
    assert postgres.fingerprint(tiny_database) == before
    with Store.open(location) as store:
        assert store.history.of_client(robin).sessions == ()
        assert store.overview.totals() == totals
        store.history.add(robin, history)
        assert len(store.history.of_client(robin).sessions) == len(history.sessions)
