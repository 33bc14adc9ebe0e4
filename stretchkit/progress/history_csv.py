"""A client's whole history as one CSV file, for spreadsheets and for history kept elsewhere.

One row per record after a header row; the `kind` column says what the row is:

- `session`: session_started, place, status, ended, note
- `hold`: session_started (its session's start), logged, stretch, side, rep, reps_planned,
  target_s, held_s, sensation, flagged
- `measurement`: test, side, measured_on, value, note
- `rating`: logged (when it was rated), place (studio, home or dashboard), stiffness and
  pain (0-10)

Cells that do not apply to a kind are empty; a file written before ratings existed (no
stiffness and pain columns) reads as before. Moments are ISO 8601 with their UTC offset
(2026-01-05T09:30:00+01:00); a moment without an offset, or a plain date (a paper log), is read
as local time. Days are ISO dates (2026-01-05). `flagged` is yes or no (empty reads as no);
`sensation` is 0-10, empty when not rated; an empty place reads as studio and an empty status
as completed. A stretch or test may be given by its id or its name. Hold rows whose session
has no session row make a completed studio session at that start. A note starting with
', =, +, -, @, a tab or a carriage return is written with one extra leading apostrophe so that
spreadsheets never run it as a formula; reading removes that apostrophe again.

Reading checks every row with the core's own constructors (the rules of live logging) and
refuses the whole file, listing every bad row by line number, when any row is bad. It also
refuses a stretch or test not in the catalog, a side the stretch does not have, a day after
today or before 2000, a hold logged before its session started, and a second session row for
the same start. Columns may come in any order; blank lines are skipped; a UTF-8 BOM is fine.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, TypeVar

from stretchkit.catalog import Catalog, Stretch, default_catalog
from stretchkit.errors import StretchkitError, ValidationError, given_text
from stretchkit.planning.prescription import Side
from stretchkit.plurals import counted
from stretchkit.progress.back_feel import BackRating
from stretchkit.progress.history import History, HoldRecord, SessionRecord
from stretchkit.progress.outcomes import FIELD_TESTS, FieldTest, Measurement
from stretchkit.session.log import HoldEntry

__all__ = [
    "COLUMNS",
    "EARLIEST",
    "KINDS",
    "MAX_SHOWN",
    "CsvImportError",
    "ParsedHistory",
    "RowProblem",
    "history_csv_rows",
    "history_from_csv",
    "history_text",
    "history_to_csv",
    "read_history_csv",
    "safe_cell",
]

COLUMNS = (
    "kind",
    "session_started",
    "place",
    "status",
    "ended",
    "logged",
    "stretch",
    "side",
    "rep",
    "reps_planned",
    "target_s",
    "held_s",
    "sensation",
    "flagged",
    "test",
    "measured_on",
    "value",
    "note",
    "stiffness",
    "pain",
)
_OPTIONAL = ("stiffness", "pain")
"""Columns a file may lack (those written before back ratings existed)."""
KINDS = ("session", "hold", "measurement", "rating")
_USED = {
    "session": {"session_started", "place", "status", "ended", "note"},
    "hold": {"session_started", "logged", "stretch", "side", "rep", "reps_planned"}
    | {"target_s", "held_s", "sensation", "flagged"},
    "measurement": {"test", "side", "measured_on", "value", "note"},
    "rating": {"logged", "place", "stiffness", "pain"},
}
EARLIEST = date(2000, 1, 1)
"""Nothing in a history file is older than this: an earlier year is a typing slip."""
MAX_SHOWN = 20
"""How many problems an import error lists before it says how many more there are."""
_COLUMN_OF = {
    "started": "session_started",
    "rated": "logged",
    "repetitions planned": "reps_planned",
    "repetition": "rep",
    "target": "target_s",
    "seconds held": "held_s",
    "flag": "flagged",
    "measured on": "measured_on",
}
"""The CSV column of each field a core constructor names in its errors (others are equal)."""
_FORMULA_START = ("'", "=", "+", "-", "@", "\t", "\r")
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}
_WHOLE = re.compile(r"[+-]?[0-9]{1,18}")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?")
_MOMENT_HELP = "must be a date and time like 2026-01-05T09:30:00+01:00, or a date like 2026-01-05"
_T = TypeVar("_T")


@dataclass(frozen=True)
class RowProblem:
    """Why one line of a CSV file cannot be imported: the line, the column and the reason."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


class CsvImportError(StretchkitError):
    """A CSV file that cannot be imported, with every problem found; none of it is imported."""

    def __init__(self, problems: Iterable[RowProblem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"nothing was imported: the file has {counted(count, 'problem')}:"
        super().__init__("\n".join([head, *self.lines()]))

    def lines(self) -> tuple[str, ...]:
        """The problems to show, one a line: the first MAX_SHOWN, then how many more."""
        shown = [str(p) for p in self.problems[:MAX_SHOWN]]
        if len(self.problems) > MAX_SHOWN:
            shown.append(f"and {len(self.problems) - MAX_SHOWN} more")
        return tuple(shown)


@dataclass(frozen=True)
class ParsedHistory:
    """A history read from CSV, and the line each of its sessions and ratings was read from."""

    history: History
    session_lines: tuple[int, ...]
    rating_lines: tuple[int, ...] = ()


# --- writing -------------------------------------------------------------------------------


def _guard(note: str) -> str:
    """The note as written: an extra apostrophe when a spreadsheet could run it as a formula."""
    return f"'{note}" if note.startswith(_FORMULA_START) else note


def safe_cell(text: str) -> str:
    """A cell of free text as written to any CSV a spreadsheet may open (see `_guard`)."""
    return _guard(text)


def _unguard(note: str) -> str:
    """The note as read: the apostrophe `_guard` adds is removed again."""
    return note[1:] if note.startswith("'") and note[1:].startswith(_FORMULA_START) else note


def _moment_text(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat()


def _number_text(value: float) -> str:
    return repr(float(value)).removesuffix(".0")


def _row(kind: str, **cells: str) -> list[str]:
    return [kind, *(cells.get(column, "") for column in COLUMNS[1:])]


def _session_rows(s: SessionRecord) -> Iterator[list[str]]:
    started = s.started.isoformat()
    yield _row(
        "session",
        session_started=started,
        place=s.place,
        status=s.status,
        ended=_moment_text(s.ended),
        note=_guard(s.note),
    )
    for hold in s.holds:
        e = hold.entry
        yield _row(
            "hold",
            session_started=started,
            logged=hold.logged.isoformat(),
            stretch=e.stretch_id,
            side=e.side,
            rep=str(e.rep),
            reps_planned=str(e.reps_planned),
            target_s=str(e.target_s),
            held_s=str(e.held_s),
            sensation="" if e.sensation is None else str(e.sensation),
            flagged="yes" if e.flagged else "no",
        )


def _measurement_row(m: Measurement) -> list[str]:
    return _row(
        "measurement",
        test=m.test_id,
        side=m.side,
        measured_on=m.measured_on.isoformat(),
        value=_number_text(m.value),
        note=_guard(m.note),
    )


def _rating_row(r: BackRating) -> list[str]:
    return _row(
        "rating",
        logged=r.rated.isoformat(),
        place=r.place,
        stiffness=str(r.stiffness),
        pain=str(r.pain),
    )


def history_csv_rows(
    sessions: Iterable[SessionRecord],
    measurements: Iterable[Measurement] = (),
    ratings: Iterable[BackRating] = (),
) -> Iterator[list[str]]:
    """The rows of a history's CSV, one at a time: the header, then each session followed
    by its holds, then the measurements, then the back ratings."""
    yield list(COLUMNS)
    for session in sessions:
        yield from _session_rows(session)
    yield from (_measurement_row(m) for m in measurements)
    yield from (_rating_row(r) for r in ratings)


def history_to_csv(history: History) -> str:
    """The history as CSV text (see `history_csv_rows`)."""
    out = io.StringIO(newline="")
    rows = history_csv_rows(history.sessions, history.measurements, history.ratings)
    csv.writer(out).writerows(rows)
    return out.getvalue()


# --- reading cells -------------------------------------------------------------------------


def _cut(value: object) -> object:
    """A value as quoted in a problem, long text cut short."""
    if isinstance(value, str) and len(value) > 40:
        return value[:37] + "..."
    return value


def _whole(text: str) -> int | str:
    """A whole number, or the text itself for the core constructor to refuse."""
    cleaned = text.strip()
    return int(cleaned) if _WHOLE.fullmatch(cleaned) else text


def _decimal(text: str) -> float | str:
    """A number (a decimal comma is accepted), or the text for the constructor to refuse."""
    cleaned = text.strip().replace(",", ".", 1)
    return float(cleaned) if _DECIMAL.fullmatch(cleaned) else text


def _flag(text: str) -> bool | str:
    word = text.strip().lower()
    return True if word in _YES else False if word in _NO else text


def _build(make: Callable[..., _T], cells: Mapping[str, str], **values: Any) -> _T:
    """A core value made by its own constructor; an error names the CSV column and cell."""
    try:
        return make(**values)
    except ValidationError as e:
        column = _COLUMN_OF.get(e.field, e.field)
        raise ValidationError(column, cells.get(column, e.value), e.problem) from None


def _find_stretch(catalog: Catalog, text: str) -> Stretch:
    wanted = text.strip().lower()
    for stretch in catalog.stretches:
        if wanted in (stretch.id, stretch.name.lower()):
            return stretch
    raise ValidationError("stretch", text, "no stretch with this id or name in the catalog")


def _stretch_side(stretch: Stretch, text: str) -> Side:
    side = text.strip().lower()
    if stretch.per_side and side in ("left", "right"):
        return "left" if side == "left" else "right"
    if not stretch.per_side and not side:
        return ""
    if stretch.per_side:
        raise ValidationError("side", text, f"{stretch.name} is done per side: left or right")
    raise ValidationError("side", text, f"{stretch.name} has no sides: leave it empty")


def _find_test(text: str) -> FieldTest:
    wanted = text.strip().lower()
    for test in FIELD_TESTS:
        if wanted in (test.id, test.name.lower()):
            return test
    known = ", ".join(t.id for t in FIELD_TESTS)
    raise ValidationError("test", text, f"must be one of {known}")


def _kind(cells: Mapping[str, str]) -> str:
    """The row's kind; a cell that the kind does not use must be empty."""
    kind = cells["kind"].strip().lower()
    if kind not in KINDS:
        raise ValidationError("kind", cells["kind"], "must be session, hold, measurement or rating")
    for column, text in cells.items():
        if column != "kind" and column not in _USED[kind] and text.strip():
            raise ValidationError(column, text, f"is not used on a {kind} row: leave it empty")
    return kind


# --- reading rows --------------------------------------------------------------------------


class _Reader:
    """Turns the rows of a file into records, collecting every bad row."""

    def __init__(self, columns: Sequence[str], today: date, catalog: Catalog) -> None:
        self.columns, self.today, self.catalog = columns, today, catalog
        self.problems: list[RowProblem] = []
        self.sessions: dict[datetime, tuple[int, SessionRecord]] = {}
        self.holds: dict[datetime, list[HoldRecord]] = {}
        self.hold_lines: dict[datetime, int] = {}
        self.measurements: list[Measurement] = []
        self.ratings: list[tuple[BackRating, int]] = []

    def read(self, line: int, row: Sequence[str]) -> None:
        """Read one row, or note why it is bad."""
        try:
            cells = self._cells(row)
            kind = _kind(cells)
            if kind == "session":
                self._session(line, cells)
            elif kind == "hold":
                self._hold(line, cells)
            elif kind == "rating":
                self._rating(line, cells)
            else:
                self._measurement(cells)
        except ValidationError as e:
            self.problems.append(
                RowProblem(line, e.field, f"{e.problem}{given_text(_cut(e.value), 'the file has')}")
            )

    def _cells(self, row: Sequence[str]) -> dict[str, str]:
        extra = [cell for cell in row[len(self.columns) :] if cell.strip()]
        if extra:
            problem = f"the row has {len(row)} cells but the header has {len(self.columns)}"
            raise ValidationError("row", extra[0], problem)
        padded = [*row, *[""] * (len(self.columns) - len(row))]
        return dict(zip(self.columns, padded, strict=False))

    def _day_in_range(self, column: str, text: str, day: date) -> None:
        if day < EARLIEST:
            raise ValidationError(column, text, f"is before {EARLIEST.isoformat()}: check the year")
        if day > self.today:
            raise ValidationError(column, text, f"is after today, {self.today.isoformat()}")

    def _moment(self, cells: Mapping[str, str], column: str) -> datetime:
        try:
            moment = datetime.fromisoformat(cells[column].strip())
        except ValueError:
            raise ValidationError(column, cells[column], _MOMENT_HELP) from None
        self._day_in_range(column, cells[column], moment.date())
        return moment if moment.utcoffset() is not None else moment.astimezone()

    def _day(self, cells: Mapping[str, str], column: str) -> date:
        try:
            day = date.fromisoformat(cells[column].strip())
        except ValueError:
            raise ValidationError(column, cells[column], "must be a date like 2026-01-05") from None
        self._day_in_range(column, cells[column], day)
        return day

    def _session(self, line: int, cells: Mapping[str, str]) -> None:
        started = self._moment(cells, "session_started")
        ended = self._moment(cells, "ended") if cells["ended"].strip() else None
        record = _build(
            SessionRecord,
            cells,
            started=started,
            place=cells["place"].strip().lower() or "studio",
            status=cells["status"].strip().lower() or "completed",
            ended=ended,
            note=_unguard(cells["note"]),
        )
        if started in self.sessions:
            first = self.sessions[started][0]
            problem = f"a session row with this start is already on line {first}"
            raise ValidationError("session_started", cells["session_started"], problem)
        self.sessions[started] = (line, record)

    def _hold(self, line: int, cells: Mapping[str, str]) -> None:
        started = self._moment(cells, "session_started")
        logged = self._moment(cells, "logged")
        if logged < started:
            problem = f"is before its session started ({started.isoformat()})"
            raise ValidationError("logged", cells["logged"], problem)
        stretch = _find_stretch(self.catalog, cells["stretch"])
        entry = _build(
            HoldEntry,
            cells,
            stretch_id=stretch.id,
            side=_stretch_side(stretch, cells["side"]),
            rep=_whole(cells["rep"]),
            reps_planned=_whole(cells["reps_planned"]),
            target_s=_whole(cells["target_s"]),
            held_s=_whole(cells["held_s"]),
            sensation=_whole(cells["sensation"]) if cells["sensation"].strip() else None,
            flagged=_flag(cells["flagged"]),
        )
        self.holds.setdefault(started, []).append(HoldRecord(logged, entry))
        self.hold_lines.setdefault(started, line)

    def _measurement(self, cells: Mapping[str, str]) -> None:
        test = _find_test(cells["test"])
        measured_on = self._day(cells, "measured_on")
        measurement = _build(
            Measurement,
            cells,
            test_id=test.id,
            side=cells["side"].strip().lower(),
            value=_decimal(cells["value"]),
            measured_on=measured_on,
            note=_unguard(cells["note"]),
        )
        self.measurements.append(measurement)

    def _rating(self, line: int, cells: Mapping[str, str]) -> None:
        rating = _build(
            BackRating,
            cells,
            rated=self._moment(cells, "logged"),
            stiffness=_whole(cells.get("stiffness", "")),
            pain=_whole(cells.get("pain", "")),
            place=cells["place"].strip().lower() or "dashboard",
        )
        self.ratings.append((rating, line))

    def _session_at(self, start: datetime) -> tuple[int, SessionRecord]:
        """The session row at a start, or a completed studio session made for its holds."""
        if start in self.sessions:
            return self.sessions[start]
        return self.hold_lines[start], SessionRecord(start)

    def result(self) -> ParsedHistory:
        """The history read, sessions oldest first; any bad row refuses the whole file."""
        if self.problems:
            raise CsvImportError(self.problems)
        sessions, lines = [], []
        for start in sorted(self.sessions.keys() | self.holds.keys()):
            line, record = self._session_at(start)
            sessions.append(replace(record, holds=tuple(self.holds.get(start, ()))))
            lines.append(line)
        ratings = sorted(self.ratings, key=lambda r: r[0].rated)
        history = History(tuple(sessions), tuple(self.measurements), tuple(r for r, _ in ratings))
        return ParsedHistory(history, tuple(lines), tuple(line for _, line in ratings))


# --- reading files -------------------------------------------------------------------------


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on (the header is line 1)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    first = 1
    try:
        for row in reader:
            yield first, row
            first = reader.line_num + 1
    except csv.Error as e:
        raise CsvImportError([RowProblem(first, "file", f"is not readable as CSV ({e})")]) from None


def _header_problems(names: Sequence[str]) -> list[RowProblem]:
    missing = [c for c in COLUMNS if c not in names and c not in _OPTIONAL]
    unknown = [n or "(blank)" for n in names if n not in COLUMNS]
    repeated = sorted({n for n in names if n in COLUMNS and names.count(n) > 1})
    found = [
        ("missing columns", missing),
        ("unknown columns", unknown),
        ("columns given twice", repeated),
    ]
    return [RowProblem(1, "header", f"{what}: {', '.join(cs)}") for what, cs in found if cs]


def read_history_csv(text: str, *, today: date, catalog: Catalog | None = None) -> ParsedHistory:
    """The history in CSV text, checked row by row against `today`
    and the catalog; any problem raises CsvImportError listing every bad line."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CsvImportError([RowProblem(1, "file", "is empty: line 1 must be the header")])
    records = _records(text)
    columns = [name.strip().lower() for name in next(records)[1]]
    problems = _header_problems(columns)
    if problems:
        raise CsvImportError(problems)
    reader = _Reader(columns, today, catalog or default_catalog())
    for line, row in records:
        if any(cell.strip() for cell in row):
            reader.read(line, row)
    return reader.result()


def history_from_csv(text: str, *, today: date, catalog: Catalog | None = None) -> History:
    """The history in CSV text (see `read_history_csv`)."""
    return read_history_csv(text, today=today, catalog=catalog).history


def history_text(data: bytes) -> str:
    """The text of a CSV file's bytes; a file that is not UTF-8 text raises CsvImportError."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        problem = "is not UTF-8 text (it holds NUL bytes: save it as CSV UTF-8)"
        raise CsvImportError([RowProblem(line, "file", problem)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        problem = f"is not UTF-8 text (byte {data[e.start]:#04x}): save it as CSV UTF-8"
        raise CsvImportError([RowProblem(line, "file", problem)]) from None
