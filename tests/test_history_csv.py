"""A client's history as CSV: the round trip, the format, and every way a file is refused."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings

from stretchkit.progress.history import History, HoldRecord, SessionRecord
from stretchkit.progress.history_csv import (
    COLUMNS,
    MAX_SHOWN,
    CsvImportError,
    RowProblem,
    history_from_csv,
    history_text,
    history_to_csv,
    read_history_csv,
)
from stretchkit.progress.outcomes import Measurement
from stretchkit.session.log import HoldEntry
from tests.csv_rows import hold_cells
from tests.hypothesis_profiles import examples
from tests.strategies import HISTORY_TODAY, histories

TODAY = date(2026, 3, 1)
START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone(timedelta(hours=1)))
HEADER = ",".join(COLUMNS)


def _row(kind: str, **cells: str) -> str:
    """One CSV line with the given cells and every other cell empty."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerow([kind, *(cells.get(c, "") for c in COLUMNS[1:])])
    return out.getvalue()


def _hold(**cells: str) -> str:
    """A valid hold row of the session at START, with some cells changed."""
    return _row("hold", **hold_cells(START, **cells))


def _file(*rows: str) -> str:
    return HEADER + "\n" + "".join(rows)


def _problems(text: str) -> tuple[RowProblem, ...]:
    with pytest.raises(CsvImportError) as caught:
        history_from_csv(text, today=TODAY)
    return caught.value.problems


def _sample() -> History:
    hold = HoldEntry("seated-thoracic-flexion", "", 1, 2, 25, 24, None, True)
    session = SessionRecord(
        START,
        "home",
        "flagged",
        START + timedelta(minutes=20),
        'sore, "left" side\nstopped early',
        (HoldRecord(START + timedelta(minutes=2), hold),),
    )
    sit = Measurement("sit-and-reach", "", -3.5, date(2026, 1, 5), "=1+1")
    turn = Measurement("thoracic-rotation", "left", 41.0, date(2026, 1, 6))
    return History((session,), (sit, turn))


@settings(max_examples=examples(200), deadline=None)
@given(histories())
def test_any_history_survives_a_round_trip_through_csv(history: History) -> None:
    """Reading back the CSV of any valid history gives the same history."""
    assert history_from_csv(history_to_csv(history), today=HISTORY_TODAY) == history


def test_the_export_has_a_header_and_one_row_per_record_with_spreadsheet_friendly_cells() -> None:
    """Each session is followed by its holds, then the measurements; unused cells are empty."""
    rows = list(csv.DictReader(io.StringIO(history_to_csv(_sample()), newline="")))
    assert [r["kind"] for r in rows] == ["session", "hold", "measurement", "measurement"]
    session, hold, sit, _turn = rows
    assert session["session_started"] == "2026-01-05T09:00:00+01:00"
    assert session["ended"] == "2026-01-05T09:20:00+01:00"
    assert hold["session_started"] == session["session_started"]
    assert (hold["flagged"], hold["sensation"], hold["held_s"]) == ("yes", "", "24")
    assert (sit["measured_on"], sit["value"], sit["test"]) == (
        "2026-01-05",
        "-3.5",
        "sit-and-reach",
    )
    assert all(hold[c] == "" for c in ("place", "status", "ended", "test", "value", "note"))


def test_a_note_that_looks_like_a_formula_gets_an_apostrophe_that_import_removes() -> None:
    """'=1+1' is written as "'=1+1", so a spreadsheet shows text, and read back as '=1+1'."""
    text = history_to_csv(_sample())
    assert ",'=1+1,,\r\n" in text
    assert history_from_csv(text, today=TODAY).measurements[0].note == "=1+1"


def test_a_typed_apostrophe_before_plain_text_is_kept() -> None:
    """Only the apostrophe guarding a formula is removed; "'tis fine" stays as typed."""
    text = _file(_row("session", session_started=START.isoformat(), note="'tis fine"))
    assert history_from_csv(text, today=TODAY).sessions[0].note == "'tis fine"


def test_a_start_without_offset_or_a_plain_date_is_read_as_local_time() -> None:
    """Paper logs give '2026-01-05 09:30' or '2026-01-05': both are local wall-clock times."""
    text = _file(
        _row("session", session_started="2026-01-05 09:30"),
        _row("session", session_started="2026-01-07"),
    )
    first, second = history_from_csv(text, today=TODAY).sessions
    assert first.started == datetime(2026, 1, 5, 9, 30).astimezone()
    assert second.started == datetime(2026, 1, 7).astimezone()
    assert first.started.utcoffset() is not None


def test_holds_without_a_session_row_make_a_completed_studio_session() -> None:
    """A log of holds alone still imports: their session is completed, in the studio."""
    (session,) = history_from_csv(_file(_hold(), _hold(rep="2")), today=TODAY).sessions
    assert (session.started, session.place, session.status, session.ended) == (
        START,
        "studio",
        "completed",
        None,
    )
    assert [h.entry.rep for h in session.holds] == [1, 2]


def test_rows_may_come_in_any_order_and_sessions_are_read_oldest_first() -> None:
    """A hold before its session row joins it; sessions are sorted by when they started."""
    later = START + timedelta(days=2)
    text = _file(
        _row("session", session_started=later.isoformat(), place="home"),
        _hold(),
        _row("session", session_started=START.astimezone(UTC).isoformat(), note="first"),
    )
    parsed = read_history_csv(text, today=TODAY)
    assert [s.started for s in parsed.history.sessions] == [START, later]
    assert parsed.history.sessions[0].note == "first"
    assert len(parsed.history.sessions[0].holds) == 1
    assert parsed.session_lines == (4, 2)


def test_stretches_and_tests_by_name_and_relaxed_cells_are_accepted() -> None:
    """Names instead of ids, YES for flagged, a decimal comma and padding all read fine."""
    text = _file(
        _hold(stretch=" Seated Thoracic Flexion ", flagged="YES", sensation=""),
        _row("measurement", test="Sit-and-reach", measured_on="2026-01-05", value="12,5"),
    )
    history = history_from_csv(text, today=TODAY)
    entry = history.sessions[0].holds[0].entry
    assert (entry.stretch_id, entry.flagged, entry.sensation) == (
        "seated-thoracic-flexion",
        True,
        None,
    )
    assert history.measurements[0].value == 12.5


def test_a_header_only_file_is_an_empty_history() -> None:
    """The export of a client with no history reads back as an empty history."""
    assert history_to_csv(History()) == HEADER + "\r\n"
    assert history_from_csv(HEADER + "\r\n", today=TODAY) == History()


def test_every_bad_row_is_listed_with_its_line_column_and_value() -> None:
    """All bad rows are reported at once, each naming the column and the value as typed."""
    text = _file(
        _row("session", session_started=START.isoformat()),
        _hold(held_s="-5"),
        _hold(),
        _hold(sensation="11"),
        _hold(target_s="10000"),
        _hold(held_s="twenty"),
    )
    assert [str(p) for p in _problems(text)] == [
        "line 3: held_s: must be a whole number 0-600 s; the file has \u201c-5\u201d",
        "line 5: sensation: must be a whole number 0-10; the file has \u201c11\u201d",
        "line 6: target_s: must be a whole number 1-600 s; the file has \u201c10000\u201d",
        "line 7: held_s: must be a whole number 0-600 s; the file has \u201ctwenty\u201d",
    ]


def _session(**cells: str) -> str:
    """A valid session row starting at START, with some cells changed."""
    return _row("session", **{"session_started": START.isoformat(), **cells})


def _measure(**cells: str) -> str:
    """A valid sit-and-reach row, with some cells changed."""
    good = {"test": "sit-and-reach", "measured_on": "2026-01-05", "value": "9"}
    return _row("measurement", **{**good, **cells})


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        (_hold(session_started="2026-04-01T09:00:00+00:00"), "session_started", "after today"),
        (_hold(logged="1999-12-31T09:00:00+00:00"), "logged", "before 2000-01-01"),
        (_hold(logged="2026-01-05T07:00:00+01:00"), "logged", "before its session"),
        (_hold(logged="05/01/2026 09:00"), "logged", "like 2026-01-05T09:30:00+01:00"),
        (_hold(stretch="cartwheel"), "stretch", "no stretch with this id or name"),
        (_hold(stretch="supine-thoracic-rotation"), "side", "per side: left or right"),
        (_hold(side="left"), "side", "has no sides"),
        (_hold(rep="3"), "rep", "must be a whole number 1-2"),
        (_hold(flagged="maybe"), "flagged", "must be yes or no"),
        (_hold(note="felt good"), "note", "not used on a hold row"),
        (_session(place="gym"), "place", "studio"),
        (_session(status="done"), "status", "flagged"),
        (_session(ended="2026-01-04"), "ended", "before the start"),
        (_session(test="sit-and-reach"), "test", "not used on a session row"),
        (
            _row("stretch", session_started=START.isoformat()),
            "kind",
            "session, hold, measurement or rating",
        ),
        (_measure(test="plank"), "test", "must be one of sit-and-reach"),
        (_measure(value="95"), "value", "to 80"),
        (_measure(value="nan"), "value", "must be a number of"),
        (_measure(measured_on="2026-1-5"), "measured_on", "like 2026-01-05"),
        (_measure(test="thoracic-rotation"), "side", "left or right"),
        (_session().rstrip("\n") + ",extra\n", "row", "21 cells"),
    ],
)
def test_an_absurd_or_malformed_cell_is_refused_with_its_column(
    row: str, field: str, words: str
) -> None:
    """Future or ancient dates, impossible numbers, unknown names and misplaced cells are
    refused on their own line, naming the column."""
    (problem,) = _problems(_file(row))
    assert (problem.line, problem.field) == (2, field)
    assert words in problem.message


def test_a_second_session_row_for_the_same_moment_is_refused() -> None:
    """The same start told in another offset is the same session: the repeat names line 2."""
    text = _file(
        _row("session", session_started=START.isoformat()),
        _row("session", session_started=START.astimezone(UTC).isoformat()),
    )
    (problem,) = _problems(text)
    assert (problem.line, problem.field) == (3, "session_started")
    assert "already on line 2" in problem.message


def test_line_numbers_are_file_lines_even_after_notes_that_span_lines() -> None:
    """A quoted note over three lines moves the next row's line number on by three."""
    text = _file(
        _row("session", session_started=START.isoformat(), note="one\ntwo\nthree"),
        _hold(held_s="-1"),
    )
    assert [p.line for p in _problems(text)] == [5]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (HEADER.replace(",note", ""), "missing columns: note"),
        (HEADER.replace("held_s", "seconds"), "missing columns: held_s"),
        (HEADER + ",colour", "unknown columns: colour"),
        (HEADER + ",rep", "columns given twice: rep"),
    ],
)
def test_header_problems_name_the_columns(header: str, expected: str) -> None:
    """A missing, unknown or repeated column is named on line 1 and nothing is read."""
    with pytest.raises(CsvImportError) as caught:
        history_from_csv(header + "\n" + _hold(), today=TODAY)
    assert expected in [p.message for p in caught.value.problems]
    assert all(p.line == 1 and p.field == "header" for p in caught.value.problems)


def test_header_columns_may_come_in_any_order_and_any_case() -> None:
    """Reordered, capitalised column names read the same rows."""
    reordered = list(reversed(COLUMNS))
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, reordered)
    out.write(",".join(c.upper() for c in reordered) + "\r\n")
    writer.writerows(csv.DictReader(io.StringIO(history_to_csv(_sample()), newline="")))
    assert history_from_csv(out.getvalue(), today=TODAY) == _sample()


def test_an_empty_file_is_refused() -> None:
    """A file with nothing in it (or only blank lines) says it is empty."""
    for text in ("", "\n\n  \n"):
        (problem,) = _problems(text)
        assert (problem.line, problem.field) == (1, "file")
        assert "empty" in problem.message


def test_bytes_that_are_not_utf8_text_are_refused_with_their_line() -> None:
    """Latin-1 bytes and UTF-16 files are refused, naming the line; a BOM is fine."""
    latin = (HEADER + "\n" + _row("session", session_started="2026-01-05", note="caf\xe9")).encode(
        "latin-1"
    )
    with pytest.raises(CsvImportError) as caught:
        history_text(latin)
    assert str(caught.value.problems[0]).startswith("line 2: file: is not UTF-8 text")
    with pytest.raises(CsvImportError, match="not UTF-8 text"):
        history_text(HEADER.encode("utf-16-le"))
    assert history_text(b"\xef\xbb\xbf" + HEADER.encode()) == HEADER


def test_the_error_lists_at_most_twenty_problems_and_says_how_many_more() -> None:
    """Thirty bad rows give thirty problems but twenty shown lines and 'and 10 more'."""
    text = _file(*(_hold(held_s="-1", rep=str(i % 2 + 1)) for i in range(30)))
    with pytest.raises(CsvImportError) as caught:
        history_from_csv(text, today=TODAY)
    error = caught.value
    assert len(error.problems) == 30
    assert len(error.lines()) == MAX_SHOWN + 1
    assert error.lines()[-1] == "and 10 more"
    assert str(error).splitlines()[0] == "nothing was imported: the file has 30 problems:"
