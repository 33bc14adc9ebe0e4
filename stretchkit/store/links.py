"""Personal client links: only each token's digest is stored, looked up by its first characters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, func, insert, select, update

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
from stretchkit.store.database import Database
from stretchkit.store.rows import inserted_id, require_client, utc_now
from stretchkit.store.scope import scope_of
from stretchkit.store.tables import client_links, clients

__all__ = ["LinkRepository"]

_L = client_links.c
_COLUMNS = (_L.id, _L.client_id, _L.label, _L.hint, _L.created, _L.revoked, _L.last_used)
_NEWEST_FIRST = (_L.created.desc(), _L.id.desc())


def _links() -> Select[Any]:
    """The shown columns of client_links (never the lookup or the digest)."""
    return select(*_COLUMNS)


def _moment(stamp: str | None) -> datetime | None:
    return None if stamp is None else datetime.fromisoformat(stamp)


def _row_to_link(row: Row[Any]) -> ClientLink:
    m = row._mapping
    return ClientLink(
        id=m["id"],
        client_id=m["client_id"],
        label=m["label"],
        hint=m["hint"],
        created=datetime.fromisoformat(m["created"]),
        revoked=_moment(m["revoked"]),
        last_used=_moment(m["last_used"]),
    )


class LinkRepository:
    """The client_links table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, client_id: int, label: str = "") -> tuple[ClientLink, str]:
        """A new link for a client and its token: the only time the whole token exists."""
        cleaned = clean_label(label)
        token = new_token()
        digest, created = token_digest(token), utc_now()
        with self._db.write() as conn:
            require_client(conn, client_id)
            result = conn.execute(
                insert(client_links).values(
                    client_id=client_id,
                    lookup=digest[:LOOKUP_CHARS],
                    digest=digest,
                    hint=token_hint(token),
                    label=cleaned,
                    created=created.isoformat(),
                )
            )
        link = ClientLink(
            inserted_id(result), client_id, cleaned, token_hint(token), created, None, None
        )
        return link, token

    def of_client(self, client_id: int) -> list[ClientLink]:
        """A client's links, newest first."""
        query = _links().where(_L.client_id == client_id).order_by(*_NEWEST_FIRST)
        with self._db.read() as conn:
            return [_row_to_link(r) for r in conn.execute(query)]

    def all(self) -> list[ClientLink]:
        """Every client's links, newest first."""
        with self._db.read() as conn:
            query = _links().order_by(*_NEWEST_FIRST)
            visible = scope_of(conn).clients_filter()
            if visible is not None:
                query = query.where(_L.client_id.in_(select(clients.c.id).where(visible)))
            return [_row_to_link(r) for r in conn.execute(query)]

    def get(self, link_id: int) -> ClientLink:
        """The link with this id; an unknown id is an error naming it."""
        with self._db.read() as conn:
            row = conn.execute(_links().where(_L.id == link_id)).first()
        if row is None:
            raise ValidationError("link", link_id, "no such link")
        return _row_to_link(row)

    def revoke(self, link_id: int) -> ClientLink:
        """Stop a link from working (revoking it again keeps the first time)."""
        with self._db.write() as conn:
            conn.execute(
                update(client_links)
                .where(_L.id == link_id)
                .values(revoked=func.coalesce(_L.revoked, utc_now().isoformat()))
            )
        return self.get(link_id)

    def revoke_labelled(self, client_id: int, label: str) -> int:
        """Revoke a client's active links that carry this label; return how many."""
        with self._db.write() as conn:
            result = conn.execute(
                update(client_links)
                .where(_L.client_id == client_id, _L.label == label.strip(), _L.revoked.is_(None))
                .values(revoked=utc_now().isoformat())
            )
        return int(result.rowcount)

    def client_for(self, token: str | None) -> int | None:
        """The client whose active link has this token (recording the use), else None; any
        text is safe to pass."""
        if not isinstance(token, str) or not plausible_token(token):
            return None
        digest = token_digest(token)
        query = select(_L.id, _L.client_id, _L.digest).where(
            _L.lookup == digest[:LOOKUP_CHARS], _L.revoked.is_(None)
        )
        with self._db.read() as conn:
            rows = conn.execute(query).all()
        found = next((r for r in rows if digests_match(r.digest, digest)), None)
        if found is None:
            return None
        with self._db.write() as conn:
            used = conn.execute(
                update(client_links)
                .where(_L.id == found.id, _L.revoked.is_(None))
                .values(last_used=utc_now().isoformat())
            ).rowcount
        if not used:
            return None
        self._db.opened_link = int(found.id)
        return int(found.client_id)
