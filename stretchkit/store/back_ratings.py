"""How clients' backs feel: their stiffness and pain ratings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Insert, Row, insert, select

from stretchkit.progress.back_feel import BackRating
from stretchkit.store.database import Database
from stretchkit.store.rows import inserted_id, require_client, utc_now
from stretchkit.store.tables import back_ratings, moment

__all__ = ["INSERT_RATING", "BackRatingRepository", "rating_values", "row_to_rating"]

INSERT_RATING: Insert = insert(back_ratings)
"""Insert ratings: execute with rating_values(...) (one dict or a list of them)."""


def rating_values(
    client_id: int, rating: BackRating, session_id: int | None = None
) -> dict[str, object]:
    """The INSERT_RATING parameters for one rating."""
    return {
        "client_id": client_id,
        "session_id": session_id,
        "rated": rating.rated.isoformat(),
        "stiffness": rating.stiffness,
        "pain": rating.pain,
        "place": rating.place,
        "created": utc_now().isoformat(),
    }


def row_to_rating(row: Row[Any]) -> BackRating:
    """A stored row as a rating."""
    r = row._mapping
    return BackRating(datetime.fromisoformat(r["rated"]), r["stiffness"], r["pain"], r["place"])


class BackRatingRepository:
    """The back_ratings table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, client_id: int, rating: BackRating, session_id: int | None = None) -> int:
        """Record how a client's back feels (at the start of `session_id`, if given); return
        the new rating's id."""
        with self._db.write() as conn:
            require_client(conn, client_id)
            result = conn.execute(INSERT_RATING, rating_values(client_id, rating, session_id))
        return inserted_id(result)

    def of_client(self, client_id: int) -> list[BackRating]:
        """A client's ratings, oldest first."""
        query = (
            select(back_ratings)
            .where(back_ratings.c.client_id == client_id)
            .order_by(moment(back_ratings.c.rated), back_ratings.c.id)
        )
        with self._db.read() as conn:
            return [row_to_rating(r) for r in conn.execute(query).all()]
