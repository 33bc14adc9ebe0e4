"""The client's own copy of their data (GDPR Art. 15 and 20): one ZIP with every record as JSON
and as CSV, and a README.txt saying what each file and column means.

The same file comes from the client's dashboard ("Download my data") and from the workbook
(a client who asks by e-mail). It is written a table at a time and a row at a time into the
ZIP, and the sessions are read from the store a batch at a time, so a client's years of
history are never in memory whole. The trainer's private notes are never in it.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import datetime
from functools import partial
from typing import IO

from stretchkit.clients import Client
from stretchkit.errors import ValidationError
from stretchkit.file_names import file_stem
from stretchkit.i18n import _
from stretchkit.planning.routine_codec import routine_to_dict
from stretchkit.plurals import counted
from stretchkit.progress.back_feel import BackRating
from stretchkit.progress.history import SessionRecord
from stretchkit.progress.history_csv import history_csv_rows, safe_cell
from stretchkit.progress.outcomes import Measurement
from stretchkit.screening.intake_codec import intake_to_dict
from stretchkit.services.access_record import logged
from stretchkit.services.client_copy_readme import (
    ACCESS_LOG_COLUMNS,
    HEALTH_CHANGE_COLUMNS,
    JSON_FILE,
    README_FILE,
    ROUTINE_COLUMNS,
    SCREENING_COLUMNS,
    readme_text,
)
from stretchkit.session.log import HoldEntry
from stretchkit.store.access_values import KINDS
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.values import HealthChange, SavedRoutine, SavedScreening

__all__ = [
    "COPY_FORMAT",
    "AccessEntries",
    "CopyCounts",
    "client_copy_bytes",
    "client_copy_name",
    "write_client_copy",
]

COPY_FORMAT = "stretchkit client copy 1"
"""The `format` of my-data.json: a program reading it checks this first."""
AccessEntries = Iterable[Mapping[str, object]]
"""Entries of the access log about the client, as plain mappings with the keys of
ACCESS_LOG_COLUMNS (`at`, `who`, `what`, `where`; any other key goes to `detail`)."""
_SPOOL_BYTES = 8 * 1024 * 1024
"""A copy made in memory up to this size, in a temporary file beyond it."""


@dataclass
class CopyCounts:
    """How many rows of each table a copy holds."""

    rows: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, count: int = 1) -> None:
        """Count rows of a table."""
        self.rows[table] = self.rows.get(table, 0) + count

    @property
    def text(self) -> str:
        """'2 screenings, 140 sessions with 2,100 holds, ...' for a message."""
        words = {"field_tests": "field test", "back_ratings": "back rating"}
        words |= {"health_changes": "health change"}
        parts = [counted(self.rows.get("screenings", 0), "screening")]
        parts.append(counted(self.rows.get("routines", 0), "routine"))
        sessions = counted(self.rows.get("sessions", 0), "session")
        holds = counted(self.rows.get("holds", 0), "hold")
        parts.append(_("{sessions} with {holds}").format(sessions=sessions, holds=holds))
        parts += [counted(self.rows.get(key, 0), word) for key, word in words.items()]
        entries = counted(self.rows.get("access_log", 0), "entry")
        parts.append(_("{entries} of the access log").format(entries=entries))
        return ", ".join(parts)


def client_copy_name(client: Client, made_at: datetime) -> str:
    """The ZIP's file name: 'robin-ashdown-my-data-2026-12-06.zip'."""
    stem = file_stem(client.name, f"client-{client.id}")
    return f"{stem}-my-data-{made_at.date().isoformat()}.zip"


# --- rows ----------------------------------------------------------------------------------


def _screening(s: SavedScreening) -> dict[str, object]:
    return {
        "taken_on": s.taken_on.isoformat(),
        "status": s.status,
        "expires_on": s.expires_on.isoformat(),
        "recorded": s.created.isoformat(),
        "answers": intake_to_dict(s.intake),
    }


def _health_change(h: HealthChange) -> dict[str, object]:
    return {
        "reported_on": h.reported_on.isoformat(),
        "source": h.source,
        "note": h.note,
        "recorded": h.created.isoformat(),
    }


def _routine(r: SavedRoutine) -> dict[str, object]:
    return {
        "saved": r.created.isoformat(),
        "days_per_week": r.routine.days_per_week,
        "stretches": "; ".join(item.stretch_id for item in r.routine.items),
        "routine": routine_to_dict(r.routine),
    }


def _session(s: SessionRecord) -> dict[str, object]:
    holds = [
        {"logged": h.logged.isoformat(), **{k: getattr(h.entry, k) for k in _HOLD_FIELDS}}
        for h in s.holds
    ]
    ended = None if s.ended is None else s.ended.isoformat()
    return {
        "started": s.started.isoformat(),
        "place": s.place,
        "status": s.status,
        "ended": ended,
        "note": s.note,
        "holds": holds,
    }


_HOLD_FIELDS = tuple(f.name for f in fields(HoldEntry))
"""A hold's fields, as HoldEntry names them."""


def _access_entry(entry: Mapping[str, object]) -> dict[str, object]:
    """An access log entry with the copy's keys; other keys go under `detail`."""
    known = {k: entry.get(k) for k in ACCESS_LOG_COLUMNS if k != "detail"}
    rest = {k: v for k, v in entry.items() if k not in ACCESS_LOG_COLUMNS}
    return {**known, "detail": rest or entry.get("detail")}


# --- writing -------------------------------------------------------------------------------


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return safe_cell(str(value))


@contextmanager
def _member(archive: zipfile.ZipFile, name: str) -> Iterator[IO[str]]:
    """A text file of the ZIP, written through as it is written."""
    with archive.open(name, "w", force_zip64=True) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        yield text
        text.flush()
        text.detach()


def _write_csv(
    archive: zipfile.ZipFile, name: str, columns: Iterable[str], rows: Iterable[dict[str, object]]
) -> None:
    names = list(columns)
    with _member(archive, name) as out:
        writer = csv.writer(out)
        writer.writerow(names)
        writer.writerows([_text(row.get(c)) for c in names] for row in rows)


class _JsonWriter:
    """my-data.json written a value at a time: `{"format": ..., "sessions": [...], ...}`."""

    def __init__(self, out: IO[str]) -> None:
        self.out, self.first = out, True

    def value(self, key: str, value: object) -> None:
        self._key(key)
        self.out.write(json.dumps(value, ensure_ascii=False, default=str))

    def array(self, key: str, rows: Iterable[object], count: Callable[[], object]) -> None:
        self._key(key)
        self.out.write("[")
        for index, row in enumerate(rows):
            self.out.write(",\n  " if index else "\n  ")
            self.out.write(json.dumps(row, ensure_ascii=False, default=str))
            count()
        self.out.write("\n]")

    def _key(self, key: str) -> None:
        self.out.write("{\n" if self.first else ",\n")
        self.first = False
        self.out.write(f"{json.dumps(key)}: ")


@dataclass(frozen=True)
class _Tables:
    """The client's small tables, read once (their sessions are read as they are written)."""

    client_id: int
    client: dict[str, object]
    screenings: list[dict[str, object]]
    health_changes: list[dict[str, object]]
    routines: list[dict[str, object]]
    field_tests: list[dict[str, object]]
    back_ratings: list[dict[str, object]]


def _tables(store: ProgressStore, client: Client) -> _Tables:
    cid = client.id
    about: dict[str, object] = {
        "name": client.name,
        "contact": client.details.contact,
        "note_from_trainer": client.details.client_note,
        "client_since": client.created.isoformat(),
    }
    return _Tables(
        cid,
        about,
        [_screening(s) for s in reversed(store.screenings.history(cid))],
        [_health_change(h) for h in reversed(store.screenings.health_changes(cid))],
        [_routine(r) for r in reversed(store.routines.history(cid))],
        [_measurement(m.measurement) for m in store.measurements.of_client(cid)],
        [_rating(r) for r in store.back_ratings.of_client(cid)],
    )


def _measurement(m: Measurement) -> dict[str, object]:
    day = m.measured_on.isoformat()
    return {"test": m.test_id, "side": m.side, "measured_on": day, "value": m.value, "note": m.note}


def _rating(r: BackRating) -> dict[str, object]:
    return {
        "rated": r.rated.isoformat(),
        "place": r.place,
        "stiffness": r.stiffness,
        "pain": r.pain,
    }


def _counted(sessions: Iterable[SessionRecord], counts: CopyCounts) -> Iterator[dict[str, object]]:
    for session in sessions:
        counts.add("sessions")
        counts.add("holds", len(session.holds))
        yield _session(session)


_SMALL_BEFORE = ("screenings", "health_changes", "routines")
_SMALL_AFTER = ("field_tests", "back_ratings")


def _write_json(
    archive: zipfile.ZipFile,
    store: ProgressStore,
    tables: _Tables,
    made_at: datetime,
    access_log: AccessEntries,
) -> CopyCounts:
    """my-data.json, the sessions streamed from the store; returns what it holds."""
    counts = CopyCounts()
    with _member(archive, JSON_FILE) as out:
        writer = _JsonWriter(out)
        writer.value("format", COPY_FORMAT)
        writer.value("made_at", made_at.isoformat())
        writer.value("client", tables.client)
        for key in _SMALL_BEFORE:
            writer.array(key, getattr(tables, key), partial(counts.add, key))
        sessions = store.history.sessions_of(tables.client_id)
        writer.array("sessions", _counted(sessions, counts), lambda: None)
        for key in _SMALL_AFTER:
            writer.array(key, getattr(tables, key), partial(counts.add, key))
        entries = (_access_entry(e) for e in access_log)
        writer.array("access_log", entries, partial(counts.add, "access_log"))
        out.write("\n}\n")
    return counts


def _write_history_csv(archive: zipfile.ZipFile, store: ProgressStore, client_id: int) -> None:
    """history.csv in `stretchkit import`'s format, the sessions streamed from the store."""
    measurements = (m.measurement for m in store.measurements.of_client(client_id))
    ratings = store.back_ratings.of_client(client_id)
    rows = history_csv_rows(store.history.sessions_of(client_id), measurements, ratings)
    with _member(archive, "history.csv") as out:
        csv.writer(out).writerows(rows)


def _write_csvs(
    archive: zipfile.ZipFile, store: ProgressStore, tables: _Tables, access_log: AccessEntries
) -> None:
    _write_history_csv(archive, store, tables.client_id)
    _write_csv(archive, "screenings.csv", SCREENING_COLUMNS, tables.screenings)
    _write_csv(archive, "health_changes.csv", HEALTH_CHANGE_COLUMNS, tables.health_changes)
    _write_csv(archive, "routines.csv", ROUTINE_COLUMNS, tables.routines)
    entries = (_access_entry(e) for e in access_log)
    _write_csv(archive, "access_log.csv", ACCESS_LOG_COLUMNS, entries)


def logged_entries(store: ProgressStore, client_id: int) -> Callable[[], AccessEntries]:
    """The access log's entries about the client, oldest first, as the copy writes them."""

    def entries() -> AccessEntries:
        found = store.access_log.of_client(client_id)
        return tuple(
            {"at": e.at.isoformat(), "who": e.actor.shown, "what": KINDS[e.kind]}
            | {"where": e.actor.place, "detail": e.detail}
            for e in reversed(found)
        )

    return entries


@logged("data-exported")
def write_client_copy(
    store: ProgressStore,
    client_id: int,
    out: IO[bytes],
    *,
    made_at: datetime,
    access_log: Callable[[], AccessEntries] | None = None,
) -> CopyCounts:
    """Write the client's own copy as a ZIP into `out`: README.txt, my-data.json and the
    CSV files; `access_log()` gives the entries of the access log about the client (it is
    called once for the JSON and once for the CSV). An unknown client raises an error naming
    it. Returns how many rows of each table the copy holds."""
    if made_at.utcoffset() is None:
        raise ValidationError("made at", made_at, "must be a date and time with its UTC offset")
    client = store.clients.get(client_id)
    tables = _tables(store, client)
    access_log = access_log or logged_entries(store, client_id)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(README_FILE, readme_text(made_at.isoformat(timespec="minutes")))
        counts = _write_json(archive, store, tables, made_at, access_log())
        _write_csvs(archive, store, tables, access_log())
    return counts


def client_copy_bytes(
    store: ProgressStore,
    client_id: int,
    *,
    made_at: datetime,
    access_log: Callable[[], AccessEntries] | None = None,
) -> tuple[bytes, CopyCounts]:
    """The client's own copy as the bytes of its ZIP (made in a temporary file when large),
    and what it holds: for a download link."""
    with tempfile.SpooledTemporaryFile(_SPOOL_BYTES) as spool:
        counts = write_client_copy(store, client_id, spool, made_at=made_at, access_log=access_log)
        spool.seek(0)
        return spool.read(), counts
