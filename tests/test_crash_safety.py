"""A process killed (SIGKILL) while it logs holds loses no committed hold and leaves the
database intact: a real child process on a real file (SQLite) or a real server (PostgreSQL),
killed at random moments, again and again on the same store."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import text

from stretchkit.store import Store
from stretchkit.store.database import is_url
from tests.conftest import ENGINES, ROOT
from tests.postgres import PostgresCluster
from tests.store_child import expected_entry

CLIENT = "Robin Ashdown"
START_TIMEOUT_S = 30.0


@pytest.fixture(params=ENGINES)
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where the children make the store themselves: a file that does not exist yet (SQLite),
    or an empty database on the test cluster that nothing has migrated (PostgreSQL)."""
    if request.param == "sqlite":
        return str(tmp_path / "studio" / "stretchkit.db")
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.url(cluster.new_database())


@dataclass
class Run:
    """What one killed child reported: its session and the holds it saw committed."""

    session: int | None = None
    holds: list[tuple[int, int]] = field(default_factory=list)  # (hold id, i)


def _read(child: subprocess.Popen[str], lines: list[str], started: threading.Event) -> None:
    assert child.stdout is not None
    for line in child.stdout:
        lines.append(line)
        if line.startswith("session "):
            started.set()


def _parse(lines: list[str]) -> Run:
    run = Run()
    for line in lines:
        if not line.endswith("\n"):
            break  # a line cut short by the kill names nothing
        word, *numbers = line.split()
        if word == "session":
            run.session = int(numbers[0])
        else:
            hold_id, session, i = map(int, numbers)
            assert (word, session) == ("hold", run.session), line
            run.holds.append((hold_id, i))
    return run


def run_and_kill(db: str, rng: random.Random) -> Run:
    """Start a child logging holds and kill it at a random moment: mostly while it logs, now
    and then anywhere (starting up, opening or migrating the store, starting the session)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.store_child", "crash", db, CLIENT],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    started = threading.Event()
    reader = threading.Thread(target=_read, args=(child, lines, started), daemon=True)
    reader.start()
    if rng.random() < 0.25:
        time.sleep(rng.uniform(0.0, 0.3))
    else:
        started.wait(START_TIMEOUT_S)
        time.sleep(rng.uniform(0.0, 0.05))
    child.send_signal(signal.SIGKILL)
    child.wait(START_TIMEOUT_S)
    reader.join(START_TIMEOUT_S)
    assert child.stderr is not None
    stderr = child.stderr.read()
    child.stderr.close()
    assert child.stdout is not None
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL, f"the child ended on its own:\n{stderr}"
    return _parse(lines)


def check_file(db: str) -> None:
    """The SQLite file itself is intact, its foreign keys kept (a server has no file to check:
    its rows are checked below)."""
    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        raw.close()


ORPHANS = text(
    "SELECT (SELECT count(*) FROM holds WHERE session_id NOT IN (SELECT id FROM sessions))"
    " + (SELECT count(*) FROM sessions WHERE client_id NOT IN (SELECT id FROM clients))"
)


def verify(db: str, runs: list[Run]) -> int:
    """The store is intact and holds exactly the reported holds, each with its values, plus at
    most the one hold per kill committed just before the kill (it is always the next one);
    returns how many holds the store has."""
    if not is_url(db):
        check_file(db)
    with Store.open(db) as store:
        with store.db.read() as conn:  # raw SQL: every row, whoever it belongs to
            stored_total = conn.execute(text("SELECT count(*) FROM holds")).scalar_one()
            assert conn.execute(ORPHANS).scalar_one() == 0
        (client,) = store.clients.all()
        sessions = {s.id for s in store.sessions.of_client(client.id)}
        assert len(sessions) <= len(runs)
        counted = 0
        for run in runs:
            if run.session is None:
                continue
            assert run.session in sessions
            stored = store.sessions.holds(run.session)
            reported = run.holds
            assert [i for _, i in reported] == list(range(len(reported)))
            assert [h.id for h in stored[: len(reported)]] == [hold_id for hold_id, _ in reported]
            assert len(stored) - len(reported) in (0, 1)
            assert [h.entry for h in stored] == [expected_entry(i) for i in range(len(stored))]
            counted += len(stored)
        for unreported in sessions - {r.session for r in runs}:
            assert store.sessions.holds(unreported) == []  # killed before it said its id
        assert stored_total == counted
        # the store still takes holds after all those kills
        again = store.sessions.start(client.id, None)
        store.sessions.log_hold(again.id, expected_entry(0))
    return int(stored_total)


def kill_again_and_again(db: str, kills: int) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    began = time.monotonic()
    runs = []
    for _ in range(kills):
        runs.append(run_and_kill(db, rng))
    stored = verify(db, runs)
    reported = sum(len(r.holds) for r in runs)
    mid_logging = sum(1 for r in runs if r.holds)
    print(
        f"\n{kills} kills (seed {seed}) in {time.monotonic() - began:.1f} s: {mid_logging} while"
        f" logging holds; {reported} holds reported committed, all present; {stored} stored"
    )
    assert mid_logging >= kills // 4, f"too few kills landed while logging (seed {seed})"


KILLS_ON_A_SERVER = 20
"""Fewer kills on PostgreSQL: killing a client there cannot tear a file (the server lives on),
only cut a transaction short, and each child's start-up costs as much as on SQLite."""


@pytest.mark.slow
def test_killed_writers_lose_no_committed_hold(new_store: str) -> None:
    """50 kills on one store (20 on a server): it stays intact and every hold reported
    committed is there."""
    kill_again_and_again(new_store, KILLS_ON_A_SERVER if is_url(new_store) else 50)


@pytest.mark.soak
def test_killed_writers_lose_no_committed_hold_soak(new_store: str) -> None:
    """The same with 500 kills."""
    kill_again_and_again(new_store, 500)
