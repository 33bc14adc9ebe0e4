"""The access log's rows: an entry for each time a service read or changed a client's record,
written in the same transaction as what it records, never changed or deleted (triggers and,
on PostgreSQL, the roles' rights see to that) but by the retention command.

A service wraps its work in `recorded(kind, client_id)`: one write transaction, whose entry
is added when the client is in the store's view (another trainer's client gets none), and
none at all when the work fails. A service called inside another's recording adds nothing:
one entry per use, however many services it takes.
"""

from __future__ import annotations

import getpass
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import Connection, Row, Select, delete, insert, select, text

from stretchkit.errors import StoreError, ValidationError
from stretchkit.store.access_values import KINDS, AccessEntry, Actor, Place, Recording, Who
from stretchkit.store.database import Database
from stretchkit.store.scope import Scope, scope_of
from stretchkit.store.tables import access_log, clients
from stretchkit.store.values import Trainer

__all__ = ["AccessLogRepository", "command_actor", "default_actor"]

_A = access_log.c
_KEPT = "access_log_kept"


def _os_user() -> str:
    try:
        return getpass.getuser() or "unknown user"
    except (KeyError, OSError):
        return "unknown user"


def default_actor(scope: Scope) -> Actor:
    """Who acts when nobody said: the store's trainer in their workbook (served by the hub
    under JupyterHub), else the studio's own tools as the computer's user."""
    trainer = scope.trainer
    if trainer is None:
        return Actor("studio", _os_user(), "cli")
    place: Place = "hub" if os.environ.get("JUPYTERHUB_USER", "").strip() else "workbook"
    who: Who = "admin" if trainer.is_admin else "trainer"
    return Actor(who, trainer.username, place, trainer.id)


def command_actor(trainer: Trainer | None) -> Actor:
    """A command run at the studio's computer: by the trainer it was run as, else by the
    computer's user."""
    if trainer is None:
        return Actor("cli", _os_user(), "cli")
    return Actor("cli", trainer.username, "cli", trainer.id)


def _row_to_entry(row: Row[Any]) -> AccessEntry:
    m = row._mapping
    actor = Actor(m["who"], m["actor"], m["place"], m["trainer_id"])
    return AccessEntry(
        m["id"], datetime.fromisoformat(m["at"]), m["kind"], m["client_id"], actor, m["detail"]
    )


def _in_view(query: Select[Any], conn: Connection) -> Select[Any]:
    """Only entries about clients in the store's scope (a trainer's own); all for an admin."""
    condition = scope_of(conn).clients_filter()
    if condition is None:
        return query
    return query.where(_A.client_id.in_(select(clients.c.id).where(condition)))


def _visible(conn: Connection, client_id: int) -> bool:
    query = select(clients.c.id).where(clients.c.id == client_id)
    condition = scope_of(conn).clients_filter()
    return conn.execute(query if condition is None else query.where(condition)).first() is not None


class AccessLogRepository:
    """The access_log table: add entries (through `recorded`), read them, prune old ones."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._local = threading.local()
        self._actor: Actor | None = None
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        """When an entry is made: the store's clock (tests and services may set their own)."""

    @property
    def actor(self) -> Actor:
        """Who the entries name: as the edge that opened the store said, else its trainer."""
        return self._actor or default_actor(self._db.scope)

    @property
    def sees_everyone(self) -> bool:
        """Whether every client's entries are in view (an admin, the studio's own tools)."""
        return self._db.scope.everyone

    def acting_as(self, actor: Actor | None) -> None:
        """Name who acts from now on (None: the store's trainer again)."""
        self._actor = actor

    @contextmanager
    def recorded(
        self, kind: str, client_id: int | None = None, detail: str = ""
    ) -> Iterator[Recording]:
        """One write transaction for a use of a client's record, leaving one entry of `kind`
        when it succeeds (see the module's docstring)."""
        if kind not in KINDS:
            raise ValidationError("kind", kind, "is not a kind of access-log entry")
        if getattr(self._local, "open", False):
            yield Recording(kind, client_id, detail)
            return
        recording = Recording(kind, client_id, detail)
        with self._db.write() as conn:
            self._local.open = True
            try:
                if client_id is not None:  # first: the client may be gone by the end
                    self._add(conn, recording)
                yield recording
                if not recording.written:
                    self._add(conn, recording)
            finally:
                self._local.open = False

    @contextmanager
    def covered(self) -> Iterator[None]:
        """Services called inside add no entry: their use is part of one already recorded
        (the checks a running session makes, whose start wrote its one entry)."""
        if getattr(self._local, "open", False):
            yield
            return
        self._local.open = True
        try:
            yield
        finally:
            self._local.open = False

    def _add(self, conn: Connection, recording: Recording) -> None:
        client_id = recording.client_id
        if client_id is None or not _visible(conn, client_id):
            return
        actor = self.actor
        conn.execute(
            insert(access_log).values(
                at=self.clock().astimezone(UTC).isoformat(timespec="seconds"),
                kind=recording.kind,
                client_id=client_id,
                trainer_id=actor.trainer_id,
                who=actor.who,
                actor=actor.name,
                place=actor.place,
                detail=recording.detail,
            )
        )
        recording.written = True

    def of_client(self, client_id: int, since: date | None = None) -> tuple[AccessEntry, ...]:
        """The entries about a client in view, newest first (from `since` on): none for a
        client out of view, none from before an earlier client of that number was deleted."""
        with self._db.read() as conn:
            if not _visible(conn, client_id):
                return ()
            deleted = select(_A.id).where(_A.client_id == client_id, _A.kind == "client-deleted")
            last = max(conn.execute(deleted).scalars(), default=0)
            query = select(access_log).where(_A.client_id == client_id, _A.id > last)
            return self._entries(conn, query, since)

    def entries(
        self, since: date | None = None, kinds: frozenset[str] | None = None
    ) -> tuple[AccessEntry, ...]:
        """Every entry in view, newest first (from `since` on, of `kinds` only if given): a
        trainer's own clients', an admin's (or the studio tools') every one."""
        query = select(access_log)
        if kinds is not None:
            query = query.where(_A.kind.in_(sorted(kinds)))
        with self._db.read() as conn:
            if not scope_of(conn).everyone:
                query = _in_view(query, conn)
            return self._entries(conn, query, since)

    def _entries(
        self, conn: Connection, query: Select[Any], since: date | None
    ) -> tuple[AccessEntry, ...]:
        if since is not None:
            query = query.where(_A.at >= since.isoformat())
        return tuple(_row_to_entry(r) for r in conn.execute(query.order_by(_A.id.desc())))

    def prune(self, before: date) -> int:
        """Remove the entries made before a day (UTC) and add one entry saying how many went;
        an admin's (or the studio tools') only."""
        if not self._db.scope.everyone:
            raise StoreError("only a studio admin may remove old access-log entries")
        actor = self.actor
        at = self.clock().astimezone(UTC).isoformat(timespec="seconds")
        with self._db.write() as conn:
            if self._db.dialect == "postgresql":
                call = text(
                    "SELECT stretchkit_prune_access_log(:before, :at, :trainer, :who, :actor,"
                    " :place)"
                )
                values = {"before": before.isoformat(), "at": at, "trainer": actor.trainer_id}
                values |= {"who": actor.who, "actor": actor.name, "place": actor.place}
                return int(conn.execute(call, values).scalar_one())
            removed = _delete_before(conn, before)
            conn.execute(
                insert(access_log).values(
                    at=at,
                    kind="log-pruned",
                    client_id=None,
                    trainer_id=actor.trainer_id,
                    who=actor.who,
                    actor=actor.name,
                    place=actor.place,
                    detail=f"entries before {before.isoformat()}: {removed} removed",
                )
            )
            return removed


def _delete_before(conn: Connection, before: date) -> int:
    """SQLite: the trigger that refuses deletes is lifted for this transaction only."""
    kept = conn.exec_driver_sql(
        f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{_KEPT}'"
    ).scalar_one()
    conn.exec_driver_sql(f"DROP TRIGGER {_KEPT}")
    removed = conn.execute(delete(access_log).where(_A.at < before.isoformat())).rowcount
    conn.exec_driver_sql(cast(str, kept))
    return int(removed)
