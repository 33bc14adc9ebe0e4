"""Damaged or missing store files, read-only places and full disks: each gives one clear message
saying what to do, through `Store.open` and through the `stretchkit` command, and the file on
disk keeps exactly the bytes it had."""

from __future__ import annotations

import hashlib
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.demo.scale import seed_scale_data
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.errors import DamagedStoreError, StoreError
from stretchkit.progress.history_csv import read_history_csv
from stretchkit.services.history_files import export_client
from stretchkit.store import Store
from stretchkit.store.schema import known_migrations
from tests.disks import fill

TODAY = date(2026, 3, 2)


def run(
    *args: str, preexec_fn: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    """The `stretchkit` command in a fresh process (`preexec_fn` runs in it before Python)."""
    return subprocess.run(
        [sys.executable, "-m", "stretchkit", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=preexec_fn,
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(db: Path) -> dict[str, int]:
    """Files SQLite may leave beside the store (-wal, -shm, -journal), with their sizes."""
    return {p.name: p.stat().st_size for p in db.parent.glob(f"{db.name}-*")}


def assert_one_clear_line(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit status 1 and a single `stretchkit: ...` line on stderr holding every fragment."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("stretchkit: ")
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def store_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a real store holding two demo clients with months of history."""
    db = tmp_path_factory.mktemp("real") / "stretchkit.db"
    with Store.open(db) as store:
        seed_demo_data(store, 2, TODAY)
    return db.read_bytes()


@pytest.fixture(scope="module")
def history_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A year of a synthetic client's sessions as an exported CSV file: importing it is one
    write of a few hundred kilobytes."""
    folder = tmp_path_factory.mktemp("history")
    with Store.open(folder / "demo.db") as store:
        seed_scale_data(store, clients=1, years=1, today=TODAY)
        export_client(store, store.clients.all()[0].id, folder / "history.csv")
    return folder / "history.csv"


DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "cut in half": (lambda b: b[: len(b) // 2], "is damaged"),
    "cut inside its header": (lambda b: b[:60], "is damaged"),
    "random bytes": (lambda b: random.Random(7).randbytes(len(b) // 4), "not a stretchkit"),
    "a text file": (lambda b: b"Robin: hamstrings tight, longer holds\n" * 300, "not a stretchkit"),
}


@pytest.fixture(params=list(DAMAGE))
def damaged_db(request: pytest.FixtureRequest, db_path: Path, store_bytes: bytes) -> str:
    """A store file damaged in one way; returns the phrase its message must hold."""
    damage, phrase = DAMAGE[request.param]
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(damage(store_bytes))
    return phrase


def test_a_damaged_file_is_refused_by_store_open_and_left_untouched(
    db_path: Path, damaged_db: str
) -> None:
    """A truncated, random or text file is refused naming the file and `stretchkit restore`;
    its bytes are unchanged and no journal files are left beside it."""
    before = sha256(db_path)
    with pytest.raises(DamagedStoreError) as caught:
        Store.open(db_path)
    message = str(caught.value)
    assert damaged_db in message
    assert str(db_path) in message
    assert "left untouched" in message
    assert f"stretchkit restore BACKUP --db {db_path}" in message
    assert sha256(db_path) == before
    assert leftovers(db_path) == {}


@pytest.mark.parametrize("command", ["clients", "demo"])
def test_the_command_reports_a_damaged_file_in_one_line(
    db_path: Path, damaged_db: str, command: str
) -> None:
    """Reading (`clients`) or writing (`demo`) a damaged store exits 1 with one line saying
    what to do, no traceback, and the file as it was."""
    before = sha256(db_path)
    result = run(command, "--db", str(db_path))
    assert_one_clear_line(result, damaged_db, str(db_path), "stretchkit restore")
    assert sha256(db_path) == before
    assert leftovers(db_path) == {}


def test_an_empty_file_becomes_a_new_store(db_path: Path) -> None:
    """An empty file holds nothing to lose (it is how a new store starts): it is opened as
    a new, empty store."""
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    result = run("info", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert f"schema version {known_migrations()[-1].version}" in result.stdout
    assert "clients: 0" in result.stdout


def test_another_programs_database_is_refused_and_left_untouched(db_path: Path) -> None:
    """A valid SQLite file without stretchkit's tables is not written to (no tables added,
    its journal mode not switched)."""
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.close()
    before = sha256(db_path)
    with pytest.raises(StoreError, match="an SQLite database but not a stretchkit"):
        Store.open(db_path)
    result = run("demo", "--db", str(db_path))
    assert_one_clear_line(result, "not a stretchkit progress store", "--db")
    assert sha256(db_path) == before
    assert leftovers(db_path) == {}


@pytest.fixture
def newer_db(db_path: Path) -> Path:
    """A store whose schema is one version newer than this release knows."""
    Store.open(db_path).close()
    newer = known_migrations()[-1].version + 1
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (?, 'future', '2030-01-01')", (newer,))
    conn.close()
    return db_path


def test_a_store_from_a_newer_release_is_refused_untouched(newer_db: Path) -> None:
    """Both the package and the command say to upgrade and change nothing."""
    before = sha256(newer_db)
    newer = known_migrations()[-1].version + 1
    with pytest.raises(StoreError, match=rf"newer stretchkit \(schema version {newer}.*upgrade"):
        Store.open(newer_db)
    result = run("demo", "--db", str(newer_db))
    assert_one_clear_line(result, "newer stretchkit", "upgrade stretchkit", str(newer_db))
    assert sha256(newer_db) == before
    assert leftovers(newer_db) == {}


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a folder or file read-only. As a normal user that is its permission bits; root
    ignores those, so as root the file system's immutable attribute (`chattr +i`) stands in
    for a read-only folder, file or mount (skipped where the attribute is not supported)."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root where `chattr +i` does not work: cannot make it read-only")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_a_store_in_a_read_only_folder_says_the_folder_is_read_only(db_path: Path) -> None:
    """An existing store whose folder cannot be written (SQLite needs to put its -wal and
    -shm files there) is refused with the folder named; the store is unchanged."""
    with Store.open(db_path) as store:
        store.clients.add(ClientDetails("Robin Ashdown"))
    before = sha256(db_path)
    with read_only(db_path.parent):
        with pytest.raises(StoreError, match=r"folder .* is read-only") as caught:
            Store.open(db_path)
        assert str(db_path.parent) in str(caught.value)
        result = run("clients", "--db", str(db_path))
        assert_one_clear_line(result, "is read-only", "Make the folder writable")
    assert sha256(db_path) == before
    assert leftovers(db_path) == {}


def test_a_new_store_in_a_read_only_folder_says_the_folder_is_read_only(tmp_path: Path) -> None:
    """Creating a store where no file can be made names the folder; nothing is created."""
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        with pytest.raises(StoreError, match=r"folder .* is read-only"):
            Store.open(folder / "stretchkit.db")
        result = run("demo", "--db", str(folder / "stretchkit.db"))
        assert_one_clear_line(result, "is read-only", str(folder))
    assert list(folder.iterdir()) == []


def test_a_read_only_store_file_says_so(db_path: Path) -> None:
    """A store file that cannot be written is named as read-only and kept as it was."""
    Store.open(db_path).close()
    before = sha256(db_path)
    with read_only(db_path):
        with pytest.raises(StoreError, match="the file is read-only"):
            Store.open(db_path)
        result = run("clients", "--db", str(db_path))
        assert_one_clear_line(result, "the file is read-only", "Make it writable")
    assert sha256(db_path) == before


def robin_with_history(db: Path) -> tuple[int, int]:
    """A store with a demo client (with history) and Robin (without); their ids."""
    with Store.open(db) as store:
        seed_demo_data(store, 1, TODAY)
        demo = store.clients.all()[0].id
        robin = store.clients.add(ClientDetails("Robin Ashdown")).id
    return demo, robin


def test_a_full_store_keeps_nothing_of_the_failed_write(db_path: Path) -> None:
    """A simulated full disk (SQLite's page limit reached, which fails as SQLITE_FULL,
    "database or disk is full") while importing a history: StoreError saying the disk is
    full, nothing of that import saved, the connection still usable, the file unchanged."""
    demo, robin = robin_with_history(db_path)
    before = sha256(db_path)
    with Store.open(db_path) as store:
        history = store.history.of_client(demo)
        # raw SQL: SQLite's page limit on this file is how a full disk is simulated
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError, match=r"disk holding .* is full: nothing was saved"):
            store.history.add(robin, history)
        assert not store.conn.in_transaction  # the SQLite connection rolled back whole
        assert store.history.of_client(robin).sessions == ()
        assert store.clients.get(robin).name == "Robin Ashdown"
    assert sha256(db_path) == before
    with Store.open(db_path) as store:
        assert store.history.of_client(robin).sessions == ()


def test_a_write_error_from_the_command_saves_nothing(db_path: Path, history_csv: Path) -> None:
    """A simulated write failure: the command runs with a file size limit (RLIMIT_FSIZE) too
    small for its journal, so SQLite's write fails as an I/O error while importing a
    history. One line says nothing was saved; the file is unchanged; nothing was imported."""
    _, robin = robin_with_history(db_path)
    before = sha256(db_path)
    limit = 48 * 1024

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = run(
        "import", "Robin Ashdown", str(history_csv), "--db", str(db_path), preexec_fn=small_files
    )
    assert_one_clear_line(result, str(db_path), "nothing was saved", "try again")
    assert sha256(db_path) == before
    assert all(size == 0 for name, size in leftovers(db_path).items() if name.endswith("-wal"))
    with Store.open(db_path) as store:
        assert store.history.of_client(robin).sessions == ()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MiB file system (tmpfs), mounted for this test; skipped where this process
    may not mount one (not root, or a container without the right)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(mount_point)], check=True)


def test_a_full_disk_gives_one_clear_message_and_saves_nothing(
    tiny_disk: Path, history_csv: Path
) -> None:
    """On a real, full file system: a store already open fails its write with "disk is
    full"; the command fails at once with the same one line; the file keeps its bytes; once
    space is freed the store opens and holds nothing of the failed imports."""
    db = tiny_disk / "stretchkit.db"
    with Store.open(db) as store:
        robin = store.clients.add(ClientDetails("Robin Ashdown")).id
    before = sha256(db)
    history = read_history_csv(history_csv.read_text(encoding="utf-8"), today=TODAY).history
    with Store.open(db) as store:
        filler = fill(tiny_disk)
        with pytest.raises(StoreError, match=r"disk holding .* is full: nothing was saved"):
            store.history.add(robin, history)
        assert not store.conn.in_transaction  # the SQLite connection rolled back whole
    result = run("import", "Robin Ashdown", str(history_csv), "--db", str(db))
    assert_one_clear_line(result, "is full", "Free some space", str(db))
    assert sha256(db) == before
    assert all(size == 0 for name, size in leftovers(db).items() if name.endswith("-wal"))
    filler.unlink()
    with Store.open(db) as store:
        assert store.history.of_client(robin).sessions == ()
