"""The client's own copy of their data: one ZIP whose JSON and CSV hold every row of their
record, whose history.csv `stretchkit import` reads back into the same history, which names
every file and column in its README, and which never holds the trainer's private notes or
another client's data."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stretchkit.cli.main import main
from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.errors import ValidationError
from stretchkit.planning.routine_codec import routine_from_dict
from stretchkit.progress.history_csv import history_to_csv
from stretchkit.screening.intake_codec import intake_from_dict
from stretchkit.services.client_copy import (
    COPY_FORMAT,
    client_copy_bytes,
    client_copy_name,
)
from stretchkit.services.client_copy_readme import FILES, README_FILE
from stretchkit.services.client_records import get_client
from stretchkit.store import Store
from tests.today import TODAY

MADE_AT = datetime(2026, 6, 3, 12, 0, tzinfo=UTC)
KAI = "Kai Elderfield"
PRIVATE = "Private remark: slow to pay"
FOR_CLIENT = "Keep breathing out into each hold"
ENTRIES = (
    {"at": "2026-06-01T09:00:00+00:00", "who": "trainer local", "what": "progress viewed"},
    {
        "at": "2026-06-02T18:00:00+00:00",
        "who": "dashboard link phone",
        "what": "page viewed",
        "where": "dashboard",
        "link": 4,
    },
)


@pytest.fixture
def store(memory_store: Store) -> Store:
    """The demo clients with months of history; Kai has both notes written."""
    seed_demo_data(memory_store, today=TODAY)
    kai = _kai(memory_store)
    details = memory_store.clients.get(kai).details
    memory_store.clients.update(kai, replace(details, notes=PRIVATE, client_note=FOR_CLIENT))
    return memory_store


def _kai(store: Store) -> int:
    return next(c.id for c in store.clients.all() if c.name == KAI)


def _copy(store: Store, client_id: int) -> zipfile.ZipFile:
    data, _ = client_copy_bytes(store, client_id, made_at=MADE_AT, access_log=lambda: ENTRIES)
    return zipfile.ZipFile(io.BytesIO(data))


def _csv(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))


def test_every_row_of_the_history_is_in_the_json_and_the_csv(store: Store) -> None:
    """Sessions with every hold, field tests and back ratings: the JSON holds each one with
    its values, and history.csv is the trainer's CSV export of the same history."""
    kai = _kai(store)
    history = store.history.of_client(kai)
    archive = _copy(store, kai)
    data = json.loads(archive.read("my-data.json"))
    assert data["format"] == COPY_FORMAT and history.hold_count > 100
    assert [s["started"] for s in data["sessions"]] == [
        s.started.isoformat() for s in history.sessions
    ]
    for written, session in zip(data["sessions"], history.sessions, strict=True):
        assert [
            (h["logged"], h["stretch_id"], h["held_s"], h["flagged"]) for h in written["holds"]
        ] == [
            (h.logged.isoformat(), h.entry.stretch_id, h.entry.held_s, h.entry.flagged)
            for h in session.holds
        ]
    assert [(t["test"], t["value"]) for t in data["field_tests"]] == [
        (m.test_id, m.value) for m in history.measurements
    ]
    assert [(r["rated"], r["pain"]) for r in data["back_ratings"]] == [
        (r.rated.isoformat(), r.pain) for r in history.ratings
    ]
    assert archive.read("history.csv").decode("utf-8") == history_to_csv(history)


def test_every_screening_with_its_answers_and_every_routine_is_in_the_json_and_the_csv(
    store: Store,
) -> None:
    """The screenings' answers and the routines read back into the same values."""
    kai = _kai(store)
    archive = _copy(store, kai)
    data = json.loads(archive.read("my-data.json"))
    screenings = list(reversed(store.screenings.history(kai)))
    routines = list(reversed(store.routines.history(kai)))
    assert screenings and routines
    assert [intake_from_dict(s["answers"]) for s in data["screenings"]] == [
        s.intake for s in screenings
    ]
    rows = _csv(archive, "screenings.csv")
    assert [intake_from_dict(json.loads(r["answers"])) for r in rows] == [
        s.intake for s in screenings
    ]
    assert [r["status"] for r in rows] == [s.status for s in screenings]
    assert [routine_from_dict(r["routine"]) for r in data["routines"]] == [
        r.routine for r in routines
    ]
    assert len(_csv(archive, "routines.csv")) == len(routines)
    changes = store.screenings.health_changes(kai)
    assert len(data["health_changes"]) == len(_csv(archive, "health_changes.csv")) == len(changes)


def test_the_access_log_entries_given_are_in_the_json_and_the_csv(store: Store) -> None:
    """Each entry of the access log is a row of both; a field the copy has no column for
    is kept under detail."""
    archive = _copy(store, _kai(store))
    data = json.loads(archive.read("my-data.json"))
    assert [e["what"] for e in data["access_log"]] == ["progress viewed", "page viewed"]
    assert data["access_log"][1]["detail"] == {"link": 4}
    rows = _csv(archive, "access_log.csv")
    assert [r["who"] for r in rows] == ["trainer local", "dashboard link phone"]
    assert rows[1]["where"] == "dashboard" and json.loads(rows[1]["detail"]) == {"link": 4}


def test_the_copys_history_csv_imports_into_the_same_history(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`stretchkit import` of the copy's history.csv gives a new client the same sessions,
    holds, field tests and back ratings."""
    kai = _kai(store)
    history_csv = tmp_path / "history.csv"
    history_csv.write_bytes(_copy(store, kai).read("history.csv"))
    db = tmp_path / "other.db"
    with Store.open(str(db)) as other:
        other.clients.add(ClientDetails("Kai Again"))
    assert main(["import", "Kai Again", str(history_csv), "--db", str(db)]) == 0
    assert "Imported" in capsys.readouterr().out
    with Store.open(str(db)) as other:
        (again,) = other.clients.all()
        assert other.history.of_client(again.id) == store.history.of_client(kai)


def test_the_copy_never_holds_the_private_notes_or_another_clients_data(store: Store) -> None:
    """No file of the ZIP holds the trainer's private notes or another client's name; the
    note for the client is in it."""
    archive = _copy(store, _kai(store))
    everything = "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert PRIVATE not in everything and "slow to pay" not in everything
    assert FOR_CLIENT in everything
    others = [c.name for c in store.clients.all() if c.name != KAI]
    assert others and not any(name in everything for name in others)


def test_the_readme_names_every_file_and_every_column(store: Store) -> None:
    """README.txt describes each file of the ZIP, and each column of each CSV."""
    archive = _copy(store, _kai(store))
    assert sorted(archive.namelist()) == sorted([README_FILE, *FILES])
    readme = archive.read(README_FILE).decode("utf-8")
    for name in FILES:
        assert f"\n{name}: " in readme
        if name.endswith(".csv"):
            header = next(csv.reader(io.StringIO(archive.read(name).decode("utf-8"))))
            assert all(f"  - {column}: " in readme for column in header), name


def test_a_client_with_nothing_logged_gets_a_copy_with_empty_tables(memory_store: Store) -> None:
    """A new client's copy holds their details and empty tables, each CSV with its header."""
    client = memory_store.clients.add(ClientDetails("Noor Calloway", contact="noor@example.org"))
    data, counts = client_copy_bytes(memory_store, client.id, made_at=MADE_AT)
    archive = zipfile.ZipFile(io.BytesIO(data))
    written = json.loads(archive.read("my-data.json"))
    assert written["client"]["name"] == "Noor Calloway" and written["sessions"] == []
    assert counts.text.startswith("0 screenings, 0 routines, 0 sessions with 0 holds")
    assert _csv(archive, "history.csv") == []


def test_an_unknown_client_or_a_time_without_offset_is_refused_by_name(store: Store) -> None:
    """No copy for a client the store does not hold, nor for a time with no UTC offset."""
    with pytest.raises(ValidationError, match="client"):
        client_copy_bytes(store, 9999, made_at=MADE_AT)
    with pytest.raises(ValidationError, match="made at"):
        client_copy_bytes(store, _kai(store), made_at=MADE_AT.replace(tzinfo=None))


def test_the_copys_file_name_names_the_client_and_the_day(store: Store) -> None:
    """'kai-elderfield-my-data-2026-06-03.zip'."""
    kai = store.clients.get(_kai(store))
    assert client_copy_name(kai, MADE_AT) == "kai-elderfield-my-data-2026-06-03.zip"


def test_sessions_read_a_batch_at_a_time_are_the_history_read_whole(store: Store) -> None:
    """The store's piece-by-piece reading gives the same sessions, in the same order."""
    kai = _kai(store)
    whole = store.history.of_client(kai).sessions
    assert tuple(store.history.sessions_of(kai, batch=7)) == whole


def test_the_copy_holds_the_access_log_of_the_clients_record_and_is_logged_as_an_export(
    store: Store,
) -> None:
    """Made from the store, the copy lists who viewed the record (oldest first); making it
    leaves one 'data-exported' entry about that client and none about another."""
    kai = _kai(store)
    get_client(store, kai)
    before = {c.id: len(store.access_log.of_client(c.id)) for c in store.clients.all()}
    data, _ = client_copy_bytes(store, kai, made_at=MADE_AT)
    archive = zipfile.ZipFile(io.BytesIO(data))
    entries = json.loads(archive.read("my-data.json"))["access_log"]
    viewed = [e for e in entries if e["what"] == "client details viewed"]
    assert viewed and viewed[-1]["who"] and viewed[-1]["where"] == "workbook"
    assert [e["at"] for e in entries] == sorted(e["at"] for e in entries)
    assert [e["what"] for e in _csv(archive, "access_log.csv")] == [e["what"] for e in entries]
    after = store.access_log.of_client(kai)
    assert len(after) == before[kai] + 1 and after[0].kind == "data-exported"
    others = {c.id: len(store.access_log.of_client(c.id)) for c in store.clients.all()}
    assert {k: v for k, v in others.items() if k != kai} == {
        k: v for k, v in before.items() if k != kai
    }
