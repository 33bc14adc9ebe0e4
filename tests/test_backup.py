"""`stretchkit backup` and `restore`: consistent copies taken while sessions are logged,
owner-only files, and a restore that checks the backup first and keeps the store aside."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.errors import DamagedStoreError, StoreError
from stretchkit.progress.history import History
from stretchkit.store import Store
from stretchkit.store.backup import backup, restore, verify_backup
from stretchkit.store.schema import known_migrations
from tests.file_modes import umask

TODAY = date(2026, 3, 2)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stretchkit", *args], capture_output=True, text=True, timeout=120
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def contents(db: Path) -> dict[str, History]:
    """Every client's name and whole history."""
    with Store.open(db) as store:
        return {c.name: store.history.of_client(c.id) for c in store.clients.all()}


@pytest.fixture
def demo_db(db_path: Path) -> Path:
    """A store with two demo clients and their months of history."""
    with Store.open(db_path) as store:
        seed_demo_data(store, 2, TODAY)
    return db_path


WRITER = """
import sys, time
from pathlib import Path
from stretchkit.clients import ClientDetails
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store

db, stop = sys.argv[1], Path(sys.argv[2])
deadline = time.monotonic() + 60
with Store.open(db) as store:
    client = store.clients.add(ClientDetails("Avery Lund")).id
    n = 0
    while not stop.exists() and time.monotonic() < deadline:
        if n % 10 == 0:
            session = store.sessions.start(client, None).id
        n += 1
        store.sessions.log_hold(session, HoldEntry("cat-cow", "", 1, 1, 30, n % 601))
        if n == 25:
            print("ready", flush=True)
print(n, flush=True)
"""


def check_snapshot(copy: Path) -> int:
    """A backup taken during the writes: a sound database holding holds 1..k exactly as the
    writer logged them, every one in a session it holds. Returns k."""
    verify_backup(copy)
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute("SELECT id, held_s, session_id FROM holds ORDER BY id").fetchall()
        sessions = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    finally:
        conn.close()
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert [r[1] for r in rows] == [i % 601 for i in range(1, len(rows) + 1)]
    assert sessions in {(len(rows) + 9) // 10, (len(rows) + 9) // 10 + 1}
    return len(rows)


@pytest.mark.slow
def test_a_backup_taken_while_holds_are_logged_is_a_consistent_snapshot(
    db_path: Path, tmp_path: Path
) -> None:
    """Another process logs holds as fast as it can; backups taken meanwhile (by the command
    and by the package) are complete databases with a whole prefix of the holds, and the
    writer is never held up into an error."""
    Store.open(db_path).close()
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        by_command = run("backup", "--db", str(db_path), str(tmp_path / "one.db"))
        assert by_command.returncode == 0, by_command.stderr
        by_package = backup(db_path, tmp_path / "two.db")
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=90)
    assert writer.returncode == 0, err
    logged = int(out.split()[-1])
    first, second = check_snapshot(tmp_path / "one.db"), check_snapshot(by_package.path)
    assert 25 <= first <= second <= logged
    with Store.open(db_path) as store:
        count = store.overview.totals().holds
    assert count == logged


def test_backup_and_restore_round_trip_through_the_command(demo_db: Path) -> None:
    """Back up, change the store, restore: the store holds exactly what was backed up, and
    the changed store is kept aside owner-only."""
    original = contents(demo_db)
    result = run("backup", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    (copy,) = (demo_db.parent / "backups").iterdir()
    assert str(copy) in result.stdout
    with Store.open(demo_db) as store:
        store.clients.delete(store.clients.all()[0].id)
        store.clients.add(ClientDetails("Extra Client"))
    changed = contents(demo_db)
    assert changed != original
    result = run("restore", str(copy), "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    assert contents(demo_db) == original
    (aside,) = demo_db.parent.glob(f"{demo_db.name}.before-restore-*")
    assert str(aside) in result.stdout
    assert mode(aside) == 0o600
    assert contents(aside) == changed
    with Store.open(demo_db) as store:
        # raw SQL: the restored SQLite file's own journal mode
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.schema_version() == known_migrations()[-1].version


def test_backup_files_are_owner_only_whatever_the_umask(demo_db: Path, tmp_path: Path) -> None:
    """The backup file is 0600 and the backups folder 0700, even under umask 000 and when
    the folder existed with looser permissions; the default name is timestamped."""
    folder = demo_db.parent / "backups"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    with umask(0):
        made = backup(demo_db)
        chosen = backup(demo_db, tmp_path / "elsewhere" / "copy.db")
    assert made.path.parent == folder
    assert made.path.name.startswith(f"{demo_db.stem}-")
    assert (mode(made.path), mode(folder)) == (0o600, 0o700)
    assert (mode(chosen.path), mode(chosen.path.parent)) == (0o600, 0o700)
    assert made.clients == chosen.clients == 2
    assert [p.name for p in folder.iterdir()] == [made.path.name]


def test_a_second_backup_in_the_same_second_gets_its_own_file(demo_db: Path) -> None:
    """Two default backups never overwrite each other."""
    first, second = backup(demo_db), backup(demo_db)
    assert first.path != second.path
    assert sha256(first.path) and second.path.exists()


def test_backup_never_overwrites_an_existing_file(demo_db: Path, tmp_path: Path) -> None:
    """A target that exists is refused and keeps its bytes."""
    target = tmp_path / "notes.db"
    target.write_text("my notes")
    with pytest.raises(StoreError, match="already exists"):
        backup(demo_db, target)
    assert target.read_text() == "my notes"


def test_backing_up_a_missing_or_damaged_store_says_so(db_path: Path, tmp_path: Path) -> None:
    """No store: nothing to back up. A damaged store: the damage is named, and no partial
    backup file is left behind."""
    result = run("backup", "--db", str(db_path))
    assert result.returncode == 1
    assert "nothing to back up" in result.stderr
    db_path.parent.mkdir()
    db_path.write_bytes(b"SQLite format 3\x00" + bytes(200))
    with pytest.raises(DamagedStoreError, match="is damaged"):
        backup(db_path, tmp_path / "out" / "copy.db")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def damaged_backups(good: Path, folder: Path) -> dict[str, Path]:
    """Backups that must never be restored, each named by what is wrong with it."""
    data = good.read_bytes()
    made = {
        "cut in half": data[: len(data) // 2],
        "a text file": b"not a backup\n" * 100,
        "an empty file": b"",
    }
    paths = {}
    for name, content in made.items():
        paths[name] = folder / f"{name.replace(' ', '-')}.db"
        paths[name].write_bytes(content)
    paths["another program's database"] = folder / "other.db"
    with sqlite3.connect(paths["another program's database"]) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    newer = folder / "newer.db"
    newer.write_bytes(data)
    with sqlite3.connect(newer) as conn:
        version = known_migrations()[-1].version + 1
        conn.execute("INSERT INTO schema_migrations VALUES (?, 'future', '2030-01-01')", (version,))
    conn.close()
    paths["a newer release's backup"] = newer
    paths["a missing file"] = folder / "missing.db"
    return paths


def test_restore_refuses_a_bad_backup_and_leaves_the_store_untouched(
    demo_db: Path, tmp_path: Path
) -> None:
    """Damaged, foreign, newer, empty or missing backups are refused before anything is
    done: the store keeps its bytes and nothing is put aside."""
    good = backup(demo_db).path
    before = sha256(demo_db)
    for what, bad in damaged_backups(good, tmp_path).items():
        with pytest.raises(StoreError, match="not a usable stretchkit backup") as caught:
            restore(bad, demo_db)
        assert "Nothing was restored" in str(caught.value), what
        assert str(bad) in str(caught.value), what
        assert sha256(demo_db) == before, what
    assert list(demo_db.parent.glob("*before-restore*")) == []


def test_the_restore_command_refuses_a_damaged_backup_in_one_line(
    demo_db: Path, tmp_path: Path
) -> None:
    """The command exits 1 with one line naming the backup and saying the store is unchanged."""
    bad = tmp_path / "half.db"
    data = backup(demo_db).path.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    before = sha256(demo_db)
    result = run("restore", str(bad), "--db", str(demo_db))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("stretchkit: ")
    assert str(bad) in lines[0] and "is unchanged" in lines[0] and "damaged" in lines[0]
    assert sha256(demo_db) == before


def test_restore_over_a_damaged_store_moves_the_damaged_file_aside(
    demo_db: Path, tmp_path: Path
) -> None:
    """A store that cannot be read is moved aside byte for byte, then the backup restored."""
    copy = backup(demo_db, tmp_path / "copy.db").path
    original = contents(demo_db)
    damaged = b"SQLite format 3\x00" + bytes(5000)
    demo_db.write_bytes(damaged)
    done = restore(copy, demo_db)
    assert done.kept_aside is not None
    assert done.kept_aside.read_bytes() == damaged
    assert mode(done.kept_aside) == 0o600
    assert contents(demo_db) == original


def test_restore_reaches_a_store_that_is_open_elsewhere(demo_db: Path, tmp_path: Path) -> None:
    """Restoring while the workbook has the store open: its next read sees the restored
    clients (the restore goes through SQLite, not around it)."""
    copy = backup(demo_db, tmp_path / "copy.db").path
    with Store.open(demo_db) as open_elsewhere:
        open_elsewhere.clients.add(ClientDetails("Added After The Backup"))
        result = run("restore", str(copy), "--db", str(demo_db))
        assert result.returncode == 0, result.stderr
        names = [c.name for c in open_elsewhere.clients.all()]
    assert "Added After The Backup" not in names
    assert len(names) == 2


def test_restore_creates_a_missing_store(tmp_path: Path, demo_db: Path) -> None:
    """Restoring to a store that does not exist yet makes it (owner-only), keeping nothing."""
    copy = backup(demo_db, tmp_path / "copy.db").path
    fresh = tmp_path / "new-place" / "stretchkit.db"
    done = restore(copy, fresh)
    assert done.kept_aside is None
    assert contents(fresh) == contents(demo_db)
    assert mode(fresh) == 0o600


def test_a_backup_that_cannot_be_written_says_where(demo_db: Path, tmp_path: Path) -> None:
    """A target whose folder cannot exist (it is under a regular file) gives one line naming
    the target; the command does not crash."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run("backup", "--db", str(demo_db), str(blocker / "copy.db"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"stretchkit: cannot write the backup {blocker / 'copy.db'}")
