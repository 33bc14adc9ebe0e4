"""History files: export owner-only and whole, import all or nothing, and the CLI commands."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings

from stretchkit.cli.main import main
from stretchkit.clients import ClientDetails
from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.planning.prescription import Side
from stretchkit.progress.history import History, HoldRecord, SessionRecord
from stretchkit.progress.history_csv import CsvImportError, history_to_csv
from stretchkit.progress.outcomes import Measurement
from stretchkit.services import history_files
from stretchkit.services.history_files import (
    ImportSummary,
    export_client,
    find_client,
    import_client,
    import_history,
)
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store
from stretchkit.store.database import is_url
from tests.conftest import TEMPLATE, new_location
from tests.hypothesis_profiles import examples
from tests.postgres import PostgresCluster
from tests.strategies import HISTORY_TODAY, NUL, has_nul, histories

ENGINE_PARITY = True
"""The store's own tests: each runs on SQLite and on PostgreSQL."""

TODAY = date(2026, 3, 1)
CET = timezone(timedelta(hours=1))


def _history() -> History:
    """Two sessions (one flagged, at home) with four holds, and three measurements."""
    first = datetime(2026, 1, 5, 9, 0, tzinfo=CET)
    second = datetime(2026, 1, 8, 18, 30, tzinfo=timezone(timedelta(hours=-5)))

    def hold(at: datetime, stretch: str, side: Side, rep: int, sensation: int | None) -> HoldRecord:
        return HoldRecord(at, HoldEntry(stretch, side, rep, 2, 25, 25, sensation))

    holds = (
        hold(first + timedelta(minutes=3), "seated-thoracic-flexion", "", 1, 4),
        hold(first + timedelta(minutes=4), "seated-thoracic-flexion", "", 2, None),
        hold(first + timedelta(minutes=6), "seated-thoracic-rotation", "left", 1, 5),
    )
    late = hold(second + timedelta(minutes=2), "seated-thoracic-flexion", "", 1, 8)
    sessions = (
        SessionRecord(first, "studio", "completed", first + timedelta(minutes=25), "", holds),
        SessionRecord(second, "home", "flagged", None, "tingling, left arm: stopped", (late,)),
    )
    measurements = (
        Measurement("sit-and-reach", "", -2.5, date(2026, 1, 5), "=start"),
        Measurement("thoracic-rotation", "left", 38.0, date(2026, 1, 5)),
        Measurement("thoracic-rotation", "right", 41.5, date(2026, 2, 2), 'said "easier"'),
    )
    return History(sessions, measurements)


def _client(store: Store, name: str = "Robin Ashdown") -> int:
    return store.clients.add(ClientDetails(name)).id


def _counts(store: Store) -> tuple[int, ...]:
    """How many sessions, holds, measurements and health changes the store holds."""
    totals = store.overview.totals()
    return (totals.sessions, totals.holds, totals.measurements, totals.health_changes)


@pytest.fixture
def source(store_location: str) -> tuple[str, int]:
    """A store (a file, or a database on the server) with one client and their history."""
    with Store.open(store_location) as store:
        client = _client(store)
        store.history.add(client, _history())
    return store_location, client


@pytest.fixture
def other_location(store_location: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Another new store on the same engine: a second file, or a second database."""
    if not is_url(store_location):
        return str(tmp_path / "other" / "stretchkit.db")
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.url(cluster.new_database(template=TEMPLATE))


@pytest.fixture(scope="module")
def two_stores(
    engine: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, Store]]:
    """Two stores on each engine for every example of a Hypothesis test (databases per example
    would be slow): each example adds a client of its own to each."""

    with (
        Store.open(new_location(engine, request, tmp_path_factory.mktemp("one"))) as one,
        Store.open(new_location(engine, request, tmp_path_factory.mktemp("two"))) as two,
    ):
        yield one, two


def test_a_history_exported_from_one_store_and_imported_into_another_exports_the_same(
    source: tuple[str, int], other_location: str, tmp_path: Path
) -> None:
    """Export, import into a fresh client of another store, export again: same text."""
    db, client = source
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    with Store.open(db) as store:
        assert export_client(store, client, first) == 9
    with Store.open(other_location) as other:
        other_client = _client(other, "Robin A.")
        summary = import_client(other, other_client, first, TODAY)
        assert summary == ImportSummary(sessions=2, holds=4, measurements=3)
        export_client(other, other_client, second)
        assert other.history.of_client(other_client) == _history()
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


@settings(max_examples=examples(50), deadline=None)
@example(History((), (Measurement("sit-and-reach", "", 9.0, date(2026, 1, 5), f"note{NUL}"),)))
@given(histories())
def test_any_history_through_two_stores_exports_the_same_text(
    two_stores: tuple[Store, Store], history: History
) -> None:
    """Whatever a store holds, its export imported into another store exports identically."""
    one, two = two_stores
    a, b = _client(one), _client(two)
    if has_nul(history):  # refused on both engines, naming the field; nothing saved
        with pytest.raises(ValidationError, match=r"must not contain a NUL character"):
            one.history.add(a, history)
        assert one.history.of_client(a) == History((), ())
        return
    one.history.add(a, history)
    text = history_to_csv(one.history.of_client(a))
    assume("\x00" not in text)
    import_history(two, b, text.encode("utf-8"), today=HISTORY_TODAY)
    assert history_to_csv(two.history.of_client(b)) == text


def test_the_export_is_readable_by_its_owner_only_and_replaces_an_older_file(
    source: tuple[str, int], tmp_path: Path
) -> None:
    """The file ends up mode 0o600 even over a world-readable one; no temp file is left."""
    db, client = source
    out = tmp_path / "out" / "robin.csv"
    out.parent.mkdir()
    out.write_text("old")
    out.chmod(0o644)
    with Store.open(db) as store:
        export_client(store, client, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith("kind,session_started,")
    assert [p.name for p in out.parent.iterdir()] == ["robin.csv"]


def test_a_failed_export_leaves_the_old_file_and_no_half_written_one(
    source: tuple[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk error during the write is one clear error; the previous file is untouched."""
    db, client = source
    out = tmp_path / "out" / "robin.csv"
    out.parent.mkdir()
    out.write_text("previous export")

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(history_files.os, "fsync", full_disk)
    with Store.open(db) as store, pytest.raises(StretchkitError, match="No space left"):
        export_client(store, client, out)
    assert out.read_text() == "previous export"
    assert [p.name for p in out.parent.iterdir()] == ["robin.csv"]


def test_exporting_into_a_missing_folder_is_a_clear_error(
    source: tuple[str, int], tmp_path: Path
) -> None:
    """A folder that does not exist is named in the error."""
    db, client = source
    with Store.open(db) as store, pytest.raises(StretchkitError, match="does not exist"):
        export_client(store, client, tmp_path / "nowhere" / "robin.csv")


def test_a_file_with_bad_rows_imports_nothing_and_names_every_bad_line(
    source: tuple[str, int], other_location: str, tmp_path: Path
) -> None:
    """One good-looking file with two bad lines: both reported, not one row written."""
    db, client = source
    good = tmp_path / "good.csv"
    with Store.open(db) as store:
        export_client(store, client, good)
    lines = good.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",25,4,no,", ",25,11,no,")
    lines[-1] = lines[-1].replace("2026-02-02", "2027-02-02")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store.open(other_location) as other:
        fresh = _client(other)
        before = _counts(other)
        with pytest.raises(CsvImportError) as caught:
            import_client(other, fresh, bad, TODAY)
        assert _counts(other) == before
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (3, "sensation"),
        (len(lines), "measured_on"),
    ]


def test_sessions_the_client_already_has_refuse_the_file_with_their_lines(
    source: tuple[str, int], tmp_path: Path
) -> None:
    """Importing a client's own export again clashes on every session, naming its line."""
    db, client = source
    out = tmp_path / "robin.csv"
    with Store.open(db) as store:
        export_client(store, client, out)
        before = _counts(store)
        with pytest.raises(CsvImportError) as caught:
            import_client(store, client, out, TODAY)
        assert _counts(store) == before
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (2, "session_started"),
        (6, "session_started"),
    ]
    assert "already has it" in caught.value.problems[0].message


def test_a_missing_oversized_or_binary_file_is_a_clear_error_and_writes_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No file, a file over the size limit and a non-text file each give one clear error."""
    client = _client(store)
    with pytest.raises(StretchkitError, match="no such file"):
        import_client(store, client, tmp_path / "missing.csv", TODAY)
    binary = tmp_path / "sheet.xlsx"
    binary.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xff\xfe")
    with pytest.raises(CsvImportError, match="not UTF-8 text"):
        import_client(store, client, binary, TODAY)
    monkeypatch.setattr(history_files, "MAX_IMPORT_BYTES", 10)
    big = tmp_path / "big.csv"
    big.write_text("kind," * 10)
    with pytest.raises(StretchkitError, match="larger than"):
        import_client(store, client, big, TODAY)
    assert _counts(store) == (0, 0, 0, 0)


def test_clients_are_found_by_id_or_exact_name_in_any_case(store: Store) -> None:
    """An id or a name in any case finds the client; none or two of a name is an error."""
    robin = _client(store)
    assert find_client(store, str(robin)).id == robin
    assert find_client(store, " robin ASHDOWN ").id == robin
    with pytest.raises(ValidationError, match="no client with this id or name"):
        find_client(store, "Robin")
    twin = _client(store, "ROBIN ashdown")
    ids = f"give the id \\({robin}, {twin}\\)"
    with pytest.raises(ValidationError, match=f"2 clients have this name: {ids}"):
        find_client(store, "Robin Ashdown")


def test_the_cli_exports_and_imports_a_client_by_name(
    source: tuple[str, int],
    other_location: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`stretchkit export` then `stretchkit import` into another store say what they did."""
    db, _client_id = source
    out, other = tmp_path / "robin.csv", other_location
    assert main(["export", "robin ashdown", "--out", str(out), "--db", db]) == 0
    assert f"Wrote 9 rows of Robin Ashdown's history to {out}" in capsys.readouterr().out
    with Store.open(other) as store:
        _client(store, "Avery Brightwater")
    assert main(["import", "Avery Brightwater", str(out), "--db", other]) == 0
    printed = capsys.readouterr().out
    assert "Imported 2 sessions, 4 holds, 3 measurements for Avery Brightwater" in printed
    with Store.open(other) as store:
        (avery,) = store.clients.all()
        assert store.history.of_client(avery.id) == _history()


def test_the_cli_prints_one_line_per_bad_row_and_exits_1(
    source: tuple[str, int],
    other_location: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A bad file exits 1 with each bad line on a line of its own, and no traceback."""
    db, client = source
    out = tmp_path / "robin.csv"
    with Store.open(db) as store:
        export_client(store, client, out)
    text = out.read_text(encoding="utf-8").replace(",25,4,no,", ",-5,4,no,")
    out.write_text(text.replace("home", "garden"), encoding="utf-8")
    with Store.open(other_location) as store:
        other = _client(store)
    assert main(["import", str(other), str(out), "--db", other_location]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "stretchkit: nothing was imported: the file has 2 problems:",
        "line 3: held_s: must be a whole number 0-600 s; the file has \u201c-5\u201d",
        "line 6: place: must be one of studio, home; the file has \u201cgarden\u201d",
    ]


def test_the_cli_names_an_unknown_client(
    store_location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown client exits 1 with a one-line message."""
    out = tmp_path / "x.csv"
    assert main(["export", "Nobody", "--out", str(out), "--db", store_location]) == 1
    assert capsys.readouterr().err == (
        "stretchkit: client: no client with this id or name; you gave \u201cNobody\u201d\n"
    )
    assert not out.exists()
