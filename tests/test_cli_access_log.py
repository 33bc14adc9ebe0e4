"""`stretchkit access-log` as a user runs it: a client's entries or the whole studio's,
newest first, as a table or CSV, from a day on; `access-log prune` for admins only, with
stretchkit's own six-year default, itself logged."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.services.client_records import edit_client, get_client
from stretchkit.store import Store
from tests.test_cli import run

OLD = datetime(2019, 5, 2, 8, 0, tzinfo=UTC)
NEW = datetime(2026, 11, 30, 17, 45, tzinfo=UTC)
ADMIN = ("--trainer", "local")
"""The store's first trainer, its admin (the store is shared with bo)."""


@pytest.fixture
def logged_store(db_path: Path) -> Path:
    """Ann read in 2019 and edited in 2026 by the store's trainer; bo, a trainer, too."""
    with Store.open(db_path) as store:
        store.trainers.add("bo")
        ann = store.clients.add(ClientDetails("Ann Example")).id
        store.access_log.clock = lambda: OLD
        get_client(store, ann)
        store.access_log.clock = lambda: NEW
        edit_client(store, ann, ClientDetails("Ann Example", "ann@example.org"))
    return db_path


def test_a_clients_log_prints_newest_first(logged_store: Path) -> None:
    """The table lists the edit before the read, who did them and from where."""
    result = run("access-log", "Ann Example", "--db", str(logged_store), *ADMIN)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["when", "(UTC)", "what"]
    assert "2026-11-30 17:45:00 UTC" in lines[1] and "client details changed" in lines[1]
    assert "2019-05-02 08:00:00 UTC" in lines[2] and "client details viewed" in lines[2]
    assert "admin local" in lines[1] and lines[1].rstrip().endswith("workbook")
    assert lines[-1] == "2 entries, newest first"


def test_csv_from_a_day_on(logged_store: Path) -> None:
    """--csv --since keeps the 2026 entry only, as CSV with its header."""
    result = run(
        "access-log", "1", "--since", "2026-01-01", "--csv", "--db", str(logged_store), *ADMIN
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["what"], r["client"], r["who"]) for r in rows] == [
        ("client details changed", "Ann Example", "admin local")
    ]


def test_a_bad_day_is_named(logged_store: Path) -> None:
    """A --since that is not a day exits 1 naming the option and the value."""
    result = run("access-log", "--since", "2026-13-01", "--db", str(logged_store), *ADMIN)
    assert result.returncode == 1
    assert "--since" in result.stderr and "2026-13-01" in result.stderr


def test_a_trainer_may_not_prune(logged_store: Path) -> None:
    """bo is refused, and nothing is removed."""
    result = run("access-log", "prune", "--trainer", "bo", "--db", str(logged_store))
    assert result.returncode == 1
    assert "only a studio admin" in result.stderr
    with Store.open(logged_store, trainer="local") as store:
        assert len(store.access_log.entries()) == 2


def test_prune_by_default_keeps_six_years_says_whose_default_and_logs_itself(
    logged_store: Path,
) -> None:
    """The 2019 entry goes, the 2026 one stays, the default is named stretchkit's own, and
    the log's newest entry is the prune, by the command's user."""
    result = run("access-log", "prune", "--db", str(logged_store), *ADMIN)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Removed 1 access-log entry made before ")
    assert "6 years by default: stretchkit's own default" in result.stdout
    listing = run("access-log", "--csv", "--db", str(logged_store), *ADMIN)
    rows = list(csv.DictReader(io.StringIO(listing.stdout)))
    assert [r["what"] for r in rows] == [
        "old entries removed (retention)",
        "client details changed",
    ]
    assert rows[0]["who"] == "cli local" and rows[0]["from"] == "cli"


def test_prune_before_a_given_day(logged_store: Path) -> None:
    """--before 2030-01-01 removes both entries and says so."""
    result = run("access-log", "prune", "--before", "2030-01-01", "--db", str(logged_store), *ADMIN)
    assert result.returncode == 0, result.stderr
    assert "Removed 2 access-log entries made before 2030-01-01." in result.stdout
