"""Whose clients an open store shows: one trainer's, or (an admin, the studio's own tools)
everyone's."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.sql.elements import ColumnElement

from stretchkit.store.tables import clients
from stretchkit.store.values import Trainer

__all__ = ["NOTES_KEY", "SCOPE_KEY", "Scope", "reads_private_notes", "scope_of"]

SCOPE_KEY = "stretchkit_scope"
"""Where a connection in use carries its store's scope (Connection.info)."""
NOTES_KEY = "stretchkit_private_notes"
"""Where a connection in use says whether its login may read the trainers' private notes
(Connection.info): on PostgreSQL the dashboard's may not."""


@dataclass(frozen=True)
class Scope:
    """One trainer's clients (an admin's: everyone's), or everyone's when no trainer."""

    trainer: Trainer | None

    @property
    def everyone(self) -> bool:
        """Whether every client is in view (an admin, or the studio's own tools)."""
        return self.trainer is None or self.trainer.is_admin

    def clients_filter(self) -> ColumnElement[bool] | None:
        """The condition on clients rows for this scope, or None when all are in view."""
        if self.everyone or self.trainer is None:
            return None
        return clients.c.trainer_id == self.trainer.id


def scope_of(conn: Connection) -> Scope:
    """The scope of the store a connection is being used for."""
    found = conn.info.get(SCOPE_KEY)
    return found if isinstance(found, Scope) else Scope(None)


def reads_private_notes(conn: Connection) -> bool:
    """Whether the connection's login may read the trainers' private notes about clients."""
    return conn.info.get(NOTES_KEY) is not False
