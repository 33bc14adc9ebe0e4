"""Reading the access log: a client's entries (who did what and when, newest first, filtered
by kind and by trainer), an admin's studio-wide view of what left the studio and what was
deleted, the same as CSV, and the retention prune (an admin's task).

Reading the log is not itself logged: it holds no health data, and an entry for each look at
it would grow the log with every look."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from stretchkit.errors import StretchkitError
from stretchkit.store.access_values import KINDS, STUDIO_KINDS, AccessEntry
from stretchkit.store.protocol import ProgressStore

__all__ = [
    "ALL",
    "CSV_COLUMNS",
    "DEFAULT_RETENTION_YEARS",
    "RETENTION_NOTE",
    "AccessRow",
    "AccessView",
    "AdminOnlyError",
    "access_csv",
    "client_access",
    "prune_access_log",
    "retention_cutoff",
    "studio_access",
]

ALL = ""
"""The filter value that keeps every kind, or every trainer."""
DEFAULT_RETENTION_YEARS = 6
RETENTION_NOTE = (
    f"Entries are kept {DEFAULT_RETENTION_YEARS} years by default: stretchkit's own default "
    "(a studio sets its own retention period to suit the rules it works under)."
)
CSV_COLUMNS = ("when_utc", "what", "client", "who", "from", "detail")


class AdminOnlyError(StretchkitError):
    """Something only a studio admin may do (the studio-wide view, pruning the log)."""


@dataclass(frozen=True)
class AccessRow:
    """One entry as shown: when, what, about which client, who, from where."""

    entry: AccessEntry
    client: str

    @property
    def cells(self) -> tuple[str, str, str, str, str, str]:
        """The row's texts, in CSV_COLUMNS' order."""
        e = self.entry
        return (e.when, KINDS[e.kind], self.client, e.actor.shown, e.actor.place, e.detail)


@dataclass(frozen=True)
class AccessView:
    """Entries newest first, with the kinds and trainers there are to filter by."""

    rows: tuple[AccessRow, ...]
    kinds: tuple[tuple[str, str], ...]
    trainers: tuple[str, ...]

    @property
    def empty_text(self) -> str:
        """What to say when there is nothing to list."""
        return "No entries to show." if not self.rows else ""


def _trainer_of(entry: AccessEntry) -> str:
    return entry.actor.name if entry.actor.trainer_id is not None else ""


def _names(store: ProgressStore, entries: tuple[AccessEntry, ...]) -> dict[int, str]:
    """Each entry's client as shown: by name while the client is there, by number after."""
    names = {c.id: c.name for c in store.clients.all()}
    deleted: dict[int, int] = {}
    for e in entries:
        if e.kind == "client-deleted" and e.client_id is not None:
            deleted[e.client_id] = max(deleted.get(e.client_id, 0), e.id)
    shown = {}
    for e in entries:
        cid = e.client_id
        if cid is None:
            shown[e.id] = "(the log itself)"
        elif deleted.get(cid, 0) >= e.id:
            shown[e.id] = f"deleted client #{cid}"
        else:
            shown[e.id] = names.get(cid, f"client #{cid}")
    return shown


def _view(
    store: ProgressStore, entries: tuple[AccessEntry, ...], kind: str, trainer: str
) -> AccessView:
    kinds = tuple(sorted({(KINDS[e.kind], e.kind) for e in entries}))
    trainers = tuple(sorted({t for e in entries if (t := _trainer_of(e))}))
    chosen = tuple(e for e in entries if kind in (ALL, e.kind) and trainer in (ALL, _trainer_of(e)))
    names = _names(store, entries)
    return AccessView(tuple(AccessRow(e, names[e.id]) for e in chosen), kinds, trainers)


def client_access(
    store: ProgressStore,
    client_id: int,
    *,
    kind: str = ALL,
    trainer: str = ALL,
    since: date | None = None,
) -> AccessView:
    """Who did what to the client's record and when, newest first (of one kind, by one
    trainer, from a day on, when asked); nothing for a client who is not the store's to see."""
    return _view(store, store.access_log.of_client(client_id, since), kind, trainer)


def _require_admin(store: ProgressStore, what: str) -> None:
    if not store.access_log.sees_everyone:
        raise AdminOnlyError(f"only a studio admin may {what}")


def studio_access(
    store: ProgressStore,
    *,
    kind: str = ALL,
    trainer: str = ALL,
    since: date | None = None,
    everything: bool = False,
) -> AccessView:
    """An admin's view of the whole studio, newest first: what was exported and what was
    deleted (every entry when `everything`), with each client named while they exist."""
    _require_admin(store, "see the studio-wide access log")
    entries = store.access_log.entries(since, None if everything else STUDIO_KINDS)
    return _view(store, entries, kind, trainer)


def access_csv(view: AccessView) -> str:
    """The view's rows as CSV, with a header row (CSV_COLUMNS)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(row.cells for row in view.rows)
    return out.getvalue()


def retention_cutoff(today: date, years: int = DEFAULT_RETENTION_YEARS) -> date:
    """The day before which entries are older than the retention period (29 February falls
    back to the 28th)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def prune_access_log(store: ProgressStore, before: date) -> int:
    """Remove the entries made before a day (an admin's task) and log that it did; return
    how many went."""
    _require_admin(store, "remove old access-log entries")
    return store.access_log.prune(before)
