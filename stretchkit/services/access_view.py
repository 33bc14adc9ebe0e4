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
from stretchkit.i18n import N_, _, pgettext
from stretchkit.store.access_values import KINDS, STUDIO_KINDS, AccessEntry, Actor
from stretchkit.store.protocol import ProgressStore

__all__ = [
    "ALL",
    "CSV_COLUMNS",
    "DEFAULT_RETENTION_YEARS",
    "KIND_LABELS",
    "RETENTION_NOTE",
    "AccessRow",
    "AccessView",
    "AdminOnlyError",
    "access_csv",
    "actor_shown",
    "client_access",
    "kind_label",
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
KIND_LABELS: dict[str, str] = {
    "client-added": N_("client added"),
    "client-viewed": N_("client details viewed"),
    "client-edited": N_("client details changed"),
    "client-archived": N_("client archived"),
    "client-restored": N_("client restored"),
    "client-deleted": N_("client deleted"),
    "client-handed-over": N_("client handed over"),
    "screening-read": N_("screening read"),
    "screening-saved": N_("screening saved"),
    "health-change": N_("health change reported"),
    "progress-viewed": N_("progress viewed"),
    "measure-saved": N_("field test or back rating saved"),
    "routine-read": N_("routine read"),
    "routine-saved": N_("routine saved"),
    "session-logged": N_("session logged"),
    "symptoms-reported": N_("symptoms reported"),
    "pdf-exported": N_("PDF exported"),
    "csv-exported": N_("CSV exported"),
    "csv-imported": N_("CSV imported"),
    "calendar-exported": N_("calendar exported"),
    "data-exported": N_("client's own copy exported"),
    "link-made": N_("link made"),
    "link-revoked": N_("link revoked"),
    "links-listed": N_("links listed"),
    "log-pruned": N_("old entries removed (retention)"),
}
"""Each kind's words as the log keeps them (stretchkit.store.access_values.KINDS), marked to
be shown in the reader's language: the log and its CSV keep the English."""
_PLACES = {
    "workbook": N_("workbook"),
    "dashboard": N_("dashboard"),
    "cli": N_("cli"),
    "hub": N_("hub"),
}
_DETAILS = (N_("session not started"),)
"""Details the services write, shown translated (any other detail is shown as kept)."""


def kind_label(kind: str) -> str:
    """A kind of entry in words, in the current language."""
    return _(KIND_LABELS.get(kind, KINDS.get(kind, kind)))


def actor_shown(actor: Actor) -> str:
    """Who acted, in words in the current language: 'trainer alice', "the client's dashboard
    via link #4"."""
    if actor.who == "dashboard":
        link = actor.name.replace("link #", "#") if actor.name.startswith("link #") else ""
        if link:
            return _("the client's dashboard via link {number}").format(number=link)
        return _("the client's dashboard via link")
    if actor.who == "studio":
        return _("the studio's tools ({name})").format(name=actor.name)
    who = {
        "trainer": pgettext("access log", "trainer {name}"),
        "admin": pgettext("access log", "admin {name}"),
        "cli": pgettext("access log", "cli {name}"),
    }[actor.who]
    return who.format(name=actor.name)


class AdminOnlyError(StretchkitError):
    """Something only a studio admin may do (the studio-wide view, pruning the log)."""


@dataclass(frozen=True)
class AccessRow:
    """One entry as shown: when, what, about which client, who, from where."""

    entry: AccessEntry
    client: str
    client_shown: str = ""
    """The client as the workbook shows them, in the reader's language ('' : as `client`)."""

    @property
    def cells(self) -> tuple[str, str, str, str, str, str]:
        """The row's texts, in CSV_COLUMNS' order."""
        e = self.entry
        return (e.when, KINDS[e.kind], self.client, e.actor.shown, e.actor.place, e.detail)

    @property
    def shown(self) -> tuple[str, str, str, str, str]:
        """What the workbook shows of the row, in the current language: when (UTC), what
        (with its detail), the client, who and from where."""
        e = self.entry
        what = kind_label(e.kind)
        if e.detail:
            what = _("{what} ({detail})").format(what=what, detail=_(e.detail))
        place = _(_PLACES.get(e.actor.place, e.actor.place))
        return (e.when, what, self.client_shown or self.client, actor_shown(e.actor), place)


@dataclass(frozen=True)
class AccessView:
    """Entries newest first, with the kinds and trainers there are to filter by."""

    rows: tuple[AccessRow, ...]
    kinds: tuple[tuple[str, str], ...]
    trainers: tuple[str, ...]

    @property
    def empty_text(self) -> str:
        """What to say when there is nothing to list."""
        return _("No entries to show.") if not self.rows else ""


def _trainer_of(entry: AccessEntry) -> str:
    return entry.actor.name if entry.actor.trainer_id is not None else ""


def _names(store: ProgressStore, entries: tuple[AccessEntry, ...]) -> dict[int, tuple[str, str]]:
    """Each entry's client as kept and as shown (in the reader's language): by name while the
    client is there, by number after."""
    names = {c.id: c.name for c in store.clients.all()}
    deleted: dict[int, int] = {}
    for e in entries:
        if e.kind == "client-deleted" and e.client_id is not None:
            deleted[e.client_id] = max(deleted.get(e.client_id, 0), e.id)
    shown = {}
    for e in entries:
        cid = e.client_id
        if cid is None:
            shown[e.id] = ("(the log itself)", _("(the log itself)"))
        elif deleted.get(cid, 0) >= e.id:
            said = _("deleted client #{number}").format(number=cid)
            shown[e.id] = (f"deleted client #{cid}", said)
        elif cid in names:
            shown[e.id] = (names[cid], names[cid])
        else:
            shown[e.id] = (f"client #{cid}", _("client #{number}").format(number=cid))
    return shown


def _view(
    store: ProgressStore, entries: tuple[AccessEntry, ...], kind: str, trainer: str
) -> AccessView:
    kinds = tuple(sorted({(kind_label(e.kind), e.kind) for e in entries}))
    trainers = tuple(sorted({t for e in entries if (t := _trainer_of(e))}))
    chosen = tuple(e for e in entries if kind in (ALL, e.kind) and trainer in (ALL, _trainer_of(e)))
    names = _names(store, entries)
    return AccessView(tuple(AccessRow(e, *names[e.id]) for e in chosen), kinds, trainers)


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
