"""Personal client links: only each token's digest is stored, looked up by its first characters."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from stretchkit.errors import ValidationError
from stretchkit.link_tokens import (
    LOOKUP_CHARS,
    ClientLink,
    clean_label,
    digests_match,
    new_token,
    plausible_token,
    token_digest,
    token_hint,
)
from stretchkit.store.connection import transaction
from stretchkit.store.rows import require_client, utc_now

__all__ = ["LinkRepository"]

_INSERT = (
    "INSERT INTO client_links (client_id, lookup, digest, hint, label, created)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)
_COLUMNS = "id, client_id, label, hint, created, revoked, last_used"
_NEWEST_FIRST = "ORDER BY created DESC, id DESC"


def _moment(stamp: str | None) -> datetime | None:
    return None if stamp is None else datetime.fromisoformat(stamp)


def _row_to_link(row: sqlite3.Row) -> ClientLink:
    return ClientLink(
        id=row["id"],
        client_id=row["client_id"],
        label=row["label"],
        hint=row["hint"],
        created=datetime.fromisoformat(row["created"]),
        revoked=_moment(row["revoked"]),
        last_used=_moment(row["last_used"]),
    )


class LinkRepository:
    """The client_links table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def create(self, client_id: int, label: str = "") -> tuple[ClientLink, str]:
        """A new link for a client and its token: the only time the whole token exists."""
        cleaned = clean_label(label)
        token = new_token()
        digest, created = token_digest(token), utc_now()
        values = (client_id, digest[:LOOKUP_CHARS], digest, token_hint(token), cleaned)
        with transaction(self._conn) as conn:
            require_client(conn, client_id)
            cursor = conn.execute(_INSERT, (*values, created.isoformat()))
        assert cursor.lastrowid is not None
        link = ClientLink(
            cursor.lastrowid, client_id, cleaned, token_hint(token), created, None, None
        )
        return link, token

    def of_client(self, client_id: int) -> list[ClientLink]:
        """A client's links, newest first."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM client_links WHERE client_id = ? {_NEWEST_FIRST}",
            (client_id,),
        )
        return [_row_to_link(r) for r in rows]

    def all(self) -> list[ClientLink]:
        """Every client's links, newest first."""
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM client_links {_NEWEST_FIRST}")
        return [_row_to_link(r) for r in rows]

    def get(self, link_id: int) -> ClientLink:
        """The link with this id; an unknown id is an error naming it."""
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM client_links WHERE id = ?", (link_id,)
        ).fetchone()
        if row is None:
            raise ValidationError("link", link_id, "no such link")
        return _row_to_link(row)

    def revoke(self, link_id: int) -> ClientLink:
        """Stop a link from working (revoking it again keeps the first time)."""
        with transaction(self._conn) as conn:
            conn.execute(
                "UPDATE client_links SET revoked = coalesce(revoked, ?) WHERE id = ?",
                (utc_now().isoformat(), link_id),
            )
        return self.get(link_id)

    def revoke_labelled(self, client_id: int, label: str) -> int:
        """Revoke a client's active links that carry this label; return how many."""
        with transaction(self._conn) as conn:
            cursor = conn.execute(
                "UPDATE client_links SET revoked = ?"
                " WHERE client_id = ? AND label = ? AND revoked IS NULL",
                (utc_now().isoformat(), client_id, label.strip()),
            )
        return cursor.rowcount

    def client_for(self, token: str | None) -> int | None:
        """The client whose active link has this token (recording the use), else None; any
        text is safe to pass."""
        if not isinstance(token, str) or not plausible_token(token):
            return None
        digest = token_digest(token)
        rows = self._conn.execute(
            "SELECT id, client_id, digest FROM client_links WHERE lookup = ? AND revoked IS NULL",
            (digest[:LOOKUP_CHARS],),
        ).fetchall()
        found = next((r for r in rows if digests_match(r["digest"], digest)), None)
        if found is None:
            return None
        with transaction(self._conn) as conn:
            used = conn.execute(
                "UPDATE client_links SET last_used = ? WHERE id = ? AND revoked IS NULL",
                (utc_now().isoformat(), found["id"]),
            ).rowcount
        return int(found["client_id"]) if used else None
