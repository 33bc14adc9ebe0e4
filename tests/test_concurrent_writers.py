"""Several processes log holds into one database file at once (the trainer's workbook and a
few dashboard kernels): every hold arrives, none of them sees "database is locked"."""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from stretchkit.store import Store
from tests.conftest import ROOT
from tests.store_child import expected_entry

TIMEOUT_S = 300.0
CHILD = (sys.executable, "-m", "tests.store_child")


def _finish(child: subprocess.Popen[str]) -> tuple[str, str]:
    """Tell a waiting writer to start, then collect what it printed."""
    return child.communicate("go\n", timeout=TIMEOUT_S)


def run_writers(db: Path, writers: int, holds: int) -> None:
    """Start the writers on a file that does not exist yet (so they also race to create and
    migrate it), let them all log at the same moment, and check what they left."""
    began = time.monotonic()
    children = [
        subprocess.Popen(
            [*CHILD, "writer", str(db), f"Writer {n}", str(holds)],
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

    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("SELECT count(*) FROM holds").fetchone()[0] == writers * holds
    finally:
        raw.close()
    with Store.open(db) as store:
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
def test_four_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    """4 processes x 500 holds into one new file: all 2000 are there, none was refused."""
    run_writers(tmp_path / "studio" / "stretchkit.db", 4, 500)


@pytest.mark.soak
def test_many_writers_at_once_lose_nothing_soak(tmp_path: Path) -> None:
    """The same with 12 processes x 2000 holds."""
    run_writers(tmp_path / "studio" / "stretchkit.db", 12, 2000)
