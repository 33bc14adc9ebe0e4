"""`stretchkit backup` and `stretchkit restore` on a store kept on PostgreSQL, through the
command on a real throwaway cluster: an owner-only pg_dump archive, a restore that brings back
exactly what was backed up and keeps the database as it was aside, a damaged archive refused
with the database unchanged, and never a password in what the command prints."""

from __future__ import annotations

import os
import random
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.store import Store
from stretchkit.store.values import StoreTotals
from tests.conftest import TEMPLATE
from tests.postgres import PostgresCluster

TODAY = date(2026, 3, 2)
ADDED = "Added After The Backup"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The `stretchkit` command in a fresh process, working in `cwd`."""
    return subprocess.run(
        [sys.executable, "-m", "stretchkit", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def contents(location: str) -> tuple[StoreTotals, list[str]]:
    """How many of each thing the store holds, and its clients' names."""
    with Store.open(location) as store:
        return store.overview.totals(), sorted(c.name for c in store.clients.all())


@pytest.fixture
def demo_database(postgres: PostgresCluster) -> str:
    """A new database holding a store with three demo clients and their months of history."""
    name = postgres.new_database(template=TEMPLATE)
    with Store.open(postgres.url(name)) as store:
        seed_demo_data(store, 3, TODAY)
    return name


def assert_no_password(postgres: PostgresCluster, result: subprocess.CompletedProcess[str]) -> None:
    assert postgres.password not in result.stdout
    assert postgres.password not in result.stderr


@pytest.mark.slow
def test_backup_and_restore_round_trip_through_the_command(
    postgres: PostgresCluster, demo_database: str, tmp_path: Path
) -> None:
    """Back up to a folder (an owner-only .dump named in the output), add a client, restore:
    the added client is gone, every earlier client, session and hold is back, and the
    database as it was is kept aside owner-only in ./backups of the working directory."""
    location = postgres.url(demo_database)
    original = contents(location)
    original_rows = postgres.fingerprint(demo_database)
    assert original[0].clients == 3 and original[0].sessions > 0 and original[0].holds > 0
    work = tmp_path / "work"
    work.mkdir()
    folder = tmp_path / "archives"
    folder.mkdir()

    saved = run("backup", "--db", location, str(folder), cwd=work)
    assert saved.returncode == 0, saved.stderr
    assert_no_password(postgres, saved)
    (archive,) = folder.iterdir()
    assert archive.suffix == ".dump"
    assert archive.name.startswith(f"{demo_database}-")
    assert mode(archive) == 0o600
    assert str(archive) in saved.stdout
    assert "3 clients" in saved.stdout
    assert "***" in saved.stdout  # the URL is shown with its password hidden

    with Store.open(location) as store:
        store.clients.add(ClientDetails(ADDED))
    changed = contents(location)
    assert ADDED in changed[1]
    assert changed[0].clients == 4

    restored = run("restore", str(archive), "--db", location, cwd=work)
    assert restored.returncode == 0, restored.stderr
    assert_no_password(postgres, restored)
    assert "Traceback" not in restored.stderr
    assert contents(location) == original
    assert postgres.fingerprint(demo_database) == original_rows

    (aside,) = (work / "backups").iterdir()
    assert aside.suffix == ".dump"
    assert mode(aside) == 0o600
    assert str(aside) in restored.stdout
    assert list(folder.iterdir()) == [archive]

    # the copy kept aside is the database as it was: restoring it brings the added client back
    elsewhere = postgres.new_database(template=TEMPLATE)
    again = run("restore", str(aside), "--db", postgres.url(elsewhere), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert contents(postgres.url(elsewhere)) == changed


@pytest.mark.slow
def test_a_damaged_backup_is_refused_in_one_line_and_the_database_is_unchanged(
    postgres: PostgresCluster, demo_database: str, tmp_path: Path
) -> None:
    """An archive of random bytes is refused before anything is done: one `stretchkit:` line
    naming it, no traceback, no password, the database's rows as they were, nothing put
    aside."""
    location = postgres.url(demo_database)
    before = contents(location)
    before_rows = postgres.fingerprint(demo_database)
    bad = tmp_path / "studio.dump"
    bad.write_bytes(random.Random(7).randbytes(64 * 1024))
    work = tmp_path / "work"
    work.mkdir()

    result = run("restore", str(bad), "--db", location, cwd=work)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("stretchkit: ")
    assert str(bad) in lines[0]
    assert "not a usable stretchkit backup" in lines[0]
    assert_no_password(postgres, result)
    assert contents(location) == before
    assert postgres.fingerprint(demo_database) == before_rows
    assert not (work / "backups").exists() or list((work / "backups").iterdir()) == []
