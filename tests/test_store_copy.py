"""Moving a laptop into the studio: `stretchkit store copy SOURCE TARGET` copies a whole store
between engines (SQLite -> PostgreSQL and back) with a progress bar, checks the copy row by
row, and refuses a target that already holds data."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.errors import StoreError
from stretchkit.store import Store
from stretchkit.store.copying import copy_store, verify_copy
from stretchkit.store.trainers import EVERYONE
from tests.postgres import PostgresCluster

TODAY = date(2026, 12, 1)


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    """A laptop's store: demo clients with months of history, a template, a link, and a
    second trainer with a client handed over to them."""
    path = tmp_path / "laptop" / "stretchkit.db"
    with Store.open(path) as store:
        seed_demo_data(store, 4, TODAY)
        first = store.clients.all()[0]
        current = store.routines.current(first.id)
        assert current is not None
        store.routines.save_template("Morning", current.routine)
        store.links.create(first.id, "phone")
        store.trainers.add("jordan", "Jordan Vale")
        store.trainers.hand_over(first.id, "jordan")
    return path


@pytest.fixture
def empty_server(postgres: PostgresCluster) -> str:
    return postgres.url(postgres.new_database())


def _everything(location: str) -> tuple[object, ...]:
    """What a store holds, as every reader sees it."""
    with Store.open(location, trainer=EVERYONE) as store:
        people = store.clients.all()
        return (
            store.overview.totals(),
            [(c.id, c.name, c.details, c.created) for c in people],
            [store.history.of_client(c.id) for c in people],
            [store.screenings.history(c.id) for c in people],
            [store.trainers.trainer_of(c.id).username for c in people],
            [t.name for t in store.routines.templates()],
            [(t.username, t.display_name, t.is_admin) for t in store.trainers.all()],
        )


def test_a_laptop_store_moves_to_postgresql_and_back_unchanged(
    laptop: Path, empty_server: str, tmp_path: Path
) -> None:
    """SQLite -> PostgreSQL -> SQLite: every row, id and trainer as it was; the progress goes
    up to the total; links still open their client on the server."""
    seen: list[tuple[int, int]] = []
    with (
        Store.open(laptop, trainer=EVERYONE) as source,
        Store.open(empty_server, trainer=EVERYONE) as target,
    ):
        token = source.links.create(source.clients.all()[1].id, "laptop")[1]
        summary = copy_store(source.db, target.db, lambda done, total: seen.append((done, total)))
        assert target.links.client_for(token) == source.clients.all()[1].id
    assert summary.checked == summary.total == seen[-1][0] == seen[-1][1]
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert summary.rows["clients"] == 4 and summary.rows["holds"] > 100
    assert _everything(empty_server) == _everything(str(laptop))
    back = tmp_path / "back" / "stretchkit.db"
    with (
        Store.open(empty_server, trainer=EVERYONE) as source,
        Store.open(back, trainer=EVERYONE) as target,
    ):
        copy_store(source.db, target.db)
    assert _everything(str(back)) == _everything(str(laptop))


def test_the_copy_takes_new_rows_after_the_copied_ids(laptop: Path, empty_server: str) -> None:
    """On the server, a client added after the copy gets a new id, not a copied one's."""
    with (
        Store.open(laptop, trainer=EVERYONE) as source,
        Store.open(empty_server, trainer=EVERYONE) as target,
    ):
        copy_store(source.db, target.db)
    with Store.open(empty_server, trainer="local") as store:
        before = max(c.id for c in store.clients.all())
        assert store.clients.add(ClientDetails("After Copy")).id == before + 1


def test_a_target_that_holds_data_is_refused_and_left_as_it_was(
    laptop: Path, empty_server: str
) -> None:
    """Copying into a store with a client (or a second trainer) copies nothing."""
    with Store.open(empty_server) as target:
        target.clients.add(ClientDetails("Already Here"))
    before = _everything(empty_server)
    with (
        Store.open(laptop, trainer=EVERYONE) as source,
        Store.open(empty_server, trainer=EVERYONE) as target,
        pytest.raises(StoreError, match=r"already holds data \(1 row in clients\)"),
    ):
        copy_store(source.db, target.db)
    assert _everything(empty_server) == before


def test_the_row_by_row_check_finds_a_difference(laptop: Path, empty_server: str) -> None:
    """A copy changed afterwards (one hold's seconds) no longer checks out, naming the row."""
    with (
        Store.open(laptop, trainer=EVERYONE) as source,
        Store.open(empty_server, trainer=EVERYONE) as target,
    ):
        copy_store(source.db, target.db)
        with target.db.write() as conn:  # raw SQL: a change behind the store's back
            conn.execute(text("UPDATE holds SET held_s = held_s + 1 WHERE id = 7"))
        with pytest.raises(StoreError, match=r"differs from .* in holds, row 7"):
            verify_copy(source.db, target.db)


@pytest.mark.slow
def test_the_command_shows_progress_and_never_the_password(
    laptop: Path, empty_server: str, postgres: PostgresCluster
) -> None:
    """`stretchkit store copy FILE URL`: progress lines, then one summary; the password of
    the URL appears nowhere; a second copy into the same target is refused in one line."""
    argv = [sys.executable, "-m", "stretchkit", "store", "copy", str(laptop), empty_server]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("copied 0/") for line in lines)
    assert lines[-1].startswith("Copied ") and "checked all" in lines[-1]
    assert postgres.password not in done.stdout + done.stderr
    again = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and "already holds data" in again.stderr
    assert postgres.password not in again.stdout + again.stderr
