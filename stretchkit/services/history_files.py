"""A client's history to and from CSV files: written owner-only and whole, imported all or
nothing."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from stretchkit.clients import Client
from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.file_names import file_stem
from stretchkit.plurals import counted
from stretchkit.progress.history import History
from stretchkit.progress.history_csv import (
    CsvImportError,
    ParsedHistory,
    RowProblem,
    history_text,
    history_to_csv,
    read_history_csv,
)
from stretchkit.services.access_record import logged
from stretchkit.store.protocol import ProgressStore

__all__ = [
    "FILE_MODE",
    "MAX_IMPORT_BYTES",
    "HistoryDownload",
    "ImportSummary",
    "export_client",
    "find_client",
    "history_download",
    "history_file_name",
    "import_client",
    "import_history",
]

FILE_MODE = 0o600
"""Exported histories are health data: readable and writable by their owner only."""
MAX_IMPORT_BYTES = 50 * 1024 * 1024
"""The largest history file imported (far more than years of sessions need)."""


@dataclass(frozen=True)
class ImportSummary:
    """How many sessions, holds and measurements an import added."""

    sessions: int
    holds: int
    measurements: int

    @classmethod
    def of(cls, history: History) -> ImportSummary:
        """The counts of a history."""
        return cls(len(history.sessions), history.hold_count, len(history.measurements))

    @property
    def text(self) -> str:
        """'3 sessions, 12 holds, 1 measurement'."""
        parts = (
            counted(self.sessions, "session"),
            counted(self.holds, "hold"),
            counted(self.measurements, "measurement"),
        )
        return ", ".join(parts)


def find_client(store: ProgressStore, text: str) -> Client:
    """The client with this id (digits) or exact name (any case); an error says when none or
    several match."""
    wanted = text.strip()
    if wanted.isdecimal():
        return store.clients.get(int(wanted))
    found = [c for c in store.clients.all() if c.name.casefold() == wanted.casefold()]
    if not found:
        raise ValidationError("client", text, "no client with this id or name")
    if len(found) > 1:
        ids = ", ".join(str(c.id) for c in found)
        problem = f"{len(found)} clients have this name: give the id ({ids})"
        raise ValidationError("client", text, problem)
    return found[0]


def history_file_name(client: Client) -> str:
    """A file name for a client's history: 'robin-ashdown-history.csv'."""
    return f"{file_stem(client.name, f'client-{client.id}')}-history.csv"


def _write_private(path: Path, text: str) -> None:
    """Write the file owner-only through a temporary file in the same folder, so a failure
    never leaves a half-written file behind."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), FILE_MODE)
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@logged("csv-exported")
def export_client(store: ProgressStore, client_id: int, path: Path) -> int:
    """Write a client's whole history to a CSV file (mode 0o600); return the rows written."""
    store.clients.get(client_id)
    history = store.history.of_client(client_id)
    path = Path(path)
    if not path.parent.is_dir():
        raise StretchkitError(f"{path}: the folder {path.parent} does not exist")
    try:
        _write_private(path, history_to_csv(history))
    except OSError as e:
        raise StretchkitError(f"{path}: cannot write the file ({e.strerror})") from None
    return len(history.sessions) + history.hold_count + len(history.measurements)


@dataclass(frozen=True)
class HistoryDownload:
    """A client's whole history as CSV text for a download, its file name and its rows."""

    name: str
    text: str
    rows: int


@logged("csv-exported")
def history_download(store: ProgressStore, client_id: int) -> HistoryDownload:
    """The client's whole history as CSV text, for the workbook's download link."""
    client = store.clients.get(client_id)
    history = store.history.of_client(client_id)
    rows = len(history.sessions) + history.hold_count + len(history.measurements)
    return HistoryDownload(history_file_name(client), history_to_csv(history), rows)


def _read_limited(path: Path) -> bytes:
    try:
        with Path(path).open("rb") as file:
            data = file.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise StretchkitError(f"{path}: no such file") from None
    except OSError as e:
        raise StretchkitError(f"{path}: cannot read the file ({e.strerror})") from None
    _check_size(data)
    return data


def _check_size(data: bytes) -> None:
    if len(data) > MAX_IMPORT_BYTES:
        limit = MAX_IMPORT_BYTES // (1024 * 1024)
        raise StretchkitError(f"the file is larger than {limit} MB: is it a history file?")


def _refuse_clashes(store: ProgressStore, client_id: int, parsed: ParsedHistory) -> None:
    """Sessions the client already has (a session is known by its start), and back ratings
    at a moment they already have one, refuse the file."""
    taken = store.history.session_starts(client_id)
    problems = [
        RowProblem(line, "session_started", f"this client already has it ({s.started.isoformat()})")
        for s, line in zip(parsed.history.sessions, parsed.session_lines, strict=True)
        if s.started in taken
    ]
    rated = {r.rated for r in store.back_ratings.of_client(client_id)}
    problems += [
        RowProblem(line, "logged", f"this client already has this rating ({r.rated.isoformat()})")
        for r, line in zip(parsed.history.ratings, parsed.rating_lines, strict=True)
        if r.rated in rated
    ]
    if problems:
        raise CsvImportError(problems)


@logged("csv-imported")
def import_history(
    store: ProgressStore, client_id: int, data: bytes, *, today: date
) -> ImportSummary:
    """Add the history in a CSV file's bytes to a client, in one transaction; any problem
    raises an error and writes nothing."""
    store.clients.get(client_id)
    _check_size(data)
    parsed = read_history_csv(history_text(data), today=today)
    _refuse_clashes(store, client_id, parsed)
    store.history.add(client_id, parsed.history)
    return ImportSummary.of(parsed.history)


@logged("csv-imported")
def import_client(store: ProgressStore, client_id: int, path: Path, today: date) -> ImportSummary:
    """Add the history in a CSV file to a client (see `import_history`)."""
    store.clients.get(client_id)
    return import_history(store, client_id, _read_limited(path), today=today)
