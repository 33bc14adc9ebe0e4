"""Routines: each client's routine history (the newest is current) and named templates."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Text, delete, insert, literal, select

from stretchkit.errors import StoreError, ValidationError
from stretchkit.planning.routine import Routine
from stretchkit.planning.routine_codec import routine_from_dict, routine_to_dict
from stretchkit.store.database import Database
from stretchkit.store.rows import inserted_id, require_client, utc_now
from stretchkit.store.tables import nocase, routines
from stretchkit.store.values import SavedRoutine

__all__ = ["RoutineRepository"]


def _row_to_routine(row: Row[Any]) -> SavedRoutine:
    m = row._mapping
    try:
        routine = routine_from_dict(json.loads(m["body"]))
    except ValueError as e:  # json.JSONDecodeError and ValidationError are ValueErrors
        raise StoreError(
            f"routine {m['id']} in the progress store cannot be read ({e}): restore the "
            "store from a backup or plan the routine again"
        ) from None
    return SavedRoutine(
        m["id"],
        m["client_id"],
        m["template"] or "",
        routine,
        datetime.fromisoformat(m["created"]),
    )


class RoutineRepository:
    """The routines table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, client_id: int, routine: Routine, at: datetime | None = None) -> SavedRoutine:
        """Make `routine` the client's current one; earlier routines stay in the history."""
        if not routine.items:
            raise ValidationError("routine", "empty", "add at least one stretch before saving")
        when = at or utc_now()
        with self._db.write() as conn:
            require_client(conn, client_id)
            result = conn.execute(
                insert(routines).values(
                    client_id=client_id,
                    body=json.dumps(routine_to_dict(routine)),
                    created=when.isoformat(),
                )
            )
        return SavedRoutine(inserted_id(result), client_id, "", routine, when)

    def current(self, client_id: int) -> SavedRoutine | None:
        """The client's newest routine, or None when none was saved."""
        query = (
            select(routines)
            .where(routines.c.client_id == client_id)
            .order_by(routines.c.id.desc())
            .limit(1)
        )
        with self._db.read() as conn:
            row = conn.execute(query).first()
        return None if row is None else _row_to_routine(row)

    def history(self, client_id: int) -> list[SavedRoutine]:
        """Every routine saved for the client, newest first."""
        query = (
            select(routines).where(routines.c.client_id == client_id).order_by(routines.c.id.desc())
        )
        with self._db.read() as conn:
            return [_row_to_routine(r) for r in conn.execute(query)]

    def get(self, routine_id: int) -> SavedRoutine:
        """A routine by id; an unknown id raises an error naming it."""
        with self._db.read() as conn:
            row = conn.execute(select(routines).where(routines.c.id == routine_id)).first()
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
        same_name = nocase(routines.c.template) == nocase(literal(name, Text))
        with self._db.write() as conn:
            conn.execute(delete(routines).where(routines.c.template.is_not(None), same_name))
            result = conn.execute(
                insert(routines).values(
                    template=name,
                    body=json.dumps(routine_to_dict(routine)),
                    created=when.isoformat(),
                )
            )
        return SavedRoutine(inserted_id(result), None, name, routine, when)

    def templates(self) -> list[SavedRoutine]:
        """Every template, by name."""
        query = (
            select(routines)
            .where(routines.c.template.is_not(None))
            .order_by(nocase(routines.c.template))
        )
        with self._db.read() as conn:
            return [_row_to_routine(r) for r in conn.execute(query)]
