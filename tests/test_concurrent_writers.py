"""Several processes log holds into one store at once (the trainer's workbook and a few
dashboard kernels), on an SQLite file or a PostgreSQL server: every hold arrives, none of them
sees "database is locked" or any other error."""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import text

from stretchkit.store import Store
from stretchkit.store.database import is_url
from tests.conftest import ENGINES, ROOT
from tests.postgres import PostgresCluster
from tests.store_child import expected_entry

TIMEOUT_S = 300.0
CHILD = (sys.executable, "-m", "tests.store_child")


@pytest.fixture(params=ENGINES)
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where the writers make the store themselves: a file that does not exist yet, in a folder
    that does not either (SQLite), or an empty database on the test cluster that nothing has
    migrated (PostgreSQL)."""
    if request.param == "sqlite":
        return str(tmp_path / "studio" / "stretchkit.db")
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.url(cluster.new_database())


def _finish(child: subprocess.Popen[str]) -> tuple[str, str]:
    """Tell a waiting writer to start, then collect what it printed."""
    return child.communicate("go\n", timeout=TIMEOUT_S)


def run_writers(db: str, writers: int, holds: int) -> None:
    """Start the writers on a store that does not exist yet (so they also race to create and
    migrate it), let them all log at the same moment, and check what they left."""
    began = time.monotonic()
    children = [
        subprocess.Popen(
            [*CHILD, "writer", db, f"Writer {n}", str(holds)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(writers)
    ]
    sessions = []
    for child in children:
        assert child.stdout is not None
        ready = child.stdout.readline().split()
        if not ready:
            _, stderr = child.communicate(timeout=TIMEOUT_S)
            pytest.fail(f"a writer could not start:\n{stderr}")
        sessions.append(int(ready[1]))
    with ThreadPoolExecutor(writers) as pool:
        outputs = list(pool.map(_finish, children))
    elapsed = time.monotonic() - began
    for child, (_, stderr) in zip(children, outputs, strict=True):
        assert "database is locked" not in stderr
        assert child.returncode == 0, stderr

    reported: dict[int, list[int]] = {s: [] for s in sessions}
    for stdout, _ in outputs:
        *lines, last = stdout.splitlines()
        assert last == "done"
        for line in lines:
            word, *numbers = line.split()
            hold_id, session, i = map(int, numbers)
            assert (word, i) == ("hold", len(reported[session]))
            reported[session].append(hold_id)

    if not is_url(db):  # the SQLite file itself (a server has no file: its rows are checked)
        raw = sqlite3.connect(db)
        try:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            raw.close()
    with Store.open(db) as store:
        with store.db.read() as conn:  # raw SQL: every hold, whoever it belongs to
            assert conn.execute(text("SELECT count(*) FROM holds")).scalar_one() == writers * holds
        assert len(store.clients.all()) == writers
        for session in sessions:
            stored = store.sessions.holds(session)
            assert [h.id for h in stored] == reported[session]
            assert [h.entry for h in stored] == [expected_entry(i) for i in range(holds)]
    # the writers really took turns: their holds' ids interleave rather than form blocks
    spans = sorted((ids[0], ids[-1]) for ids in reported.values())
    assert any(later[0] < earlier[1] for earlier, later in itertools.pairwise(spans))
    print(f"\n{writers} writers x {holds} holds: {writers * holds} present in {elapsed:.1f} s")


@pytest.mark.slow
def test_four_writers_at_once_lose_nothing(new_store: str) -> None:
    """4 processes x 500 holds into one new store: all 2000 are there, none was refused."""
    run_writers(new_store, 4, 500)


@pytest.mark.soak
def test_many_writers_at_once_lose_nothing_soak(new_store: str) -> None:
    """The same with 12 processes x 2000 holds."""
    run_writers(new_store, 12, 2000)
