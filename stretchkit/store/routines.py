"""Routines: each client's routine history (the newest is current) and named templates."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from stretchkit.errors import StoreError, ValidationError
from stretchkit.planning.routine import Routine
from stretchkit.planning.routine_codec import routine_from_dict, routine_to_dict
from stretchkit.store.connection import transaction
from stretchkit.store.rows import require_client, utc_now
from stretchkit.store.values import SavedRoutine

__all__ = ["RoutineRepository"]


def _row_to_routine(row: sqlite3.Row) -> SavedRoutine:
    try:
        routine = routine_from_dict(json.loads(row["body"]))
    except ValueError as e:  # json.JSONDecodeError and ValidationError are ValueErrors
        raise StoreError(
            f"routine {row['id']} in the progress store cannot be read ({e}): restore the "
            "store from a backup or plan the routine again"
        ) from None
    return SavedRoutine(
        row["id"],
        row["client_id"],
        row["template"] or "",
        routine,
        datetime.fromisoformat(row["created"]),
    )


class RoutineRepository:
    """The routines table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def save(self, client_id: int, routine: Routine, at: datetime | None = None) -> SavedRoutine:
        """Make `routine` the client's current one; earlier routines stay in the history."""
        if not routine.items:
            raise ValidationError("routine", "empty", "add at least one stretch before saving")
        when = at or utc_now()
        with transaction(self._conn) as conn:
            require_client(conn, client_id)
            cursor = conn.execute(
                "INSERT INTO routines (client_id, body, created) VALUES (?, ?, ?)",
                (client_id, json.dumps(routine_to_dict(routine)), when.isoformat()),
            )
        assert cursor.lastrowid is not None
        return SavedRoutine(cursor.lastrowid, client_id, "", routine, when)

    def current(self, client_id: int) -> SavedRoutine | None:
        """The client's newest routine, or None when none was saved."""
        row = self._conn.execute(
            "SELECT * FROM routines WHERE client_id = ? ORDER BY id DESC LIMIT 1", (client_id,)
        ).fetchone()
        return None if row is None else _row_to_routine(row)

    def history(self, client_id: int) -> list[SavedRoutine]:
        """Every routine saved for the client, newest first."""
        rows = self._conn.execute(
            "SELECT * FROM routines WHERE client_id = ? ORDER BY id DESC", (client_id,)
        )
        return [_row_to_routine(r) for r in rows]

    def get(self, routine_id: int) -> SavedRoutine:
        """A routine by id; an unknown id raises an error naming it."""
        row = self._conn.execute("SELECT * FROM routines WHERE id = ?", (routine_id,)).fetchone()
        if row is None:
            raise ValidationError("routine", routine_id, "no routine with this id")
        return _row_to_routine(row)

    def save_template(self, name: str, routine: Routine) -> SavedRoutine:
        """Keep a routine as a named template (a template of the same name is replaced)."""
        name = name.strip()
        if not name:
            raise ValidationError("template name", name, "give the template a name")
        if not routine.items:
            raise ValidationError("routine", "empty", "add at least one stretch before saving")
        when = utc_now()
        with transaction(self._conn) as conn:
            conn.execute("DELETE FROM routines WHERE template = ? COLLATE NOCASE", (name,))
            cursor = conn.execute(
                "INSERT INTO routines (template, body, created) VALUES (?, ?, ?)",
                (name, json.dumps(routine_to_dict(routine)), when.isoformat()),
            )
        assert cursor.lastrowid is not None
        return SavedRoutine(cursor.lastrowid, None, name, routine, when)

    def templates(self) -> list[SavedRoutine]:
        """Every template, by name."""
        rows = self._conn.execute(
            "SELECT * FROM routines WHERE template IS NOT NULL ORDER BY template COLLATE NOCASE"
        )
        return [_row_to_routine(r) for r in rows]
