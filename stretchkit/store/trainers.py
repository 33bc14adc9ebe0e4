"""Trainers, whose clients a store keeps: who is using the store (its scope), the studio's
trainers, and clients handed over from one trainer to another (kept as history).

The trainer comes from where stretchkit runs: the login of a PostgreSQL trainer role; else
the name given (JUPYTERHUB_USER under JupyterHub, --trainer, $STRETCHKIT_TRAINER); else the
one trainer the store has; else, on PostgreSQL, the studio's owner role sees every client.
A trainer sees only their own clients; an admin sees everyone's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import Connection, Row, insert, select, text, update

from stretchkit.errors import StoreError, ValidationError
from stretchkit.store.database import Database
from stretchkit.store.scope import Scope
from stretchkit.store.tables import client_handovers, clients, trainers
from stretchkit.store.values import Handover, Trainer

__all__ = [
    "EVERYONE",
    "TRAINER_ENV_VARS",
    "Scope",
    "TrainerRepository",
    "chosen_trainer",
    "resolve_scope",
    "valid_username",
]

TRAINER_ENV_VARS = ("JUPYTERHUB_USER", "STRETCHKIT_TRAINER")
"""Where the workbook learns its trainer, first found first: JupyterHub's user, then the
trainer the `stretchkit workbook --trainer` command passed on."""
EVERYONE = "*"
"""The scope of the studio's own tools (the client dashboard, store copy and backups): every
client, no trainer's in particular."""
_USERNAME = re.compile(r"^[a-z_][a-z0-9_.-]{0,62}$")


def valid_username(name: str) -> str:
    """A trainer's login name, as JupyterHub and PostgreSQL accept it; else an error."""
    cleaned = name.strip()
    if not _USERNAME.match(cleaned):
        raise ValidationError(
            "trainer",
            name,
            "must be a login name: lowercase letters, digits, '_', '.' or '-', starting with a "
            "letter or '_', at most 63 characters",
        )
    return cleaned


def chosen_trainer(option: str | None, environ: Mapping[str, str]) -> str | None:
    """The trainer named where stretchkit runs: JupyterHub's user first (a hub's login cannot
    be overridden), then --trainer, then $STRETCHKIT_TRAINER."""
    hub = environ.get("JUPYTERHUB_USER", "").strip()
    if hub:
        return hub
    if option:
        return option.strip()
    return environ.get("STRETCHKIT_TRAINER", "").strip() or None


def _trainer(row: Row[tuple[object, ...]]) -> Trainer:
    m = row._mapping
    return Trainer(m["id"], m["username"], m["display_name"], bool(m["is_admin"]))


def _by_name(conn: Connection, username: str) -> Trainer | None:
    row = conn.execute(select(trainers).where(trainers.c.username == username)).first()
    return None if row is None else _trainer(row)


def _names(found: list[Trainer]) -> str:
    return ", ".join(t.username for t in found) or "none"


def resolve_scope(db: Database, chosen: str | None) -> Scope:
    """Who uses this store: see the module's docstring. A name the store does not know, or a
    store of several trainers with none named, raises StoreError saying what to do."""
    if chosen == EVERYONE:
        return Scope(None)
    with db.read() as conn:
        everyone = [_trainer(r) for r in conn.execute(select(trainers).order_by(trainers.c.id))]
        login = None
        if db.dialect == "postgresql":
            login = _by_name(conn, str(conn.execute(text("SELECT current_user")).scalar_one()))
    if db.dialect == "postgresql" and login is None and chosen is None and len(everyone) != 1:
        return Scope(None)  # the studio's owner role, which row-level security does not limit
    if login is not None:
        if chosen is not None and chosen != login.username:
            raise StoreError(
                f"{db.shown}: logged in as trainer {login.username}, but trainer {chosen} was "
                f"asked for: log in to the database as {chosen}"
            )
        return Scope(login)
    if chosen is not None:
        found = next((t for t in everyone if t.username == chosen), None)
        if found is None:
            raise StoreError(
                f"{db.shown} has no trainer {chosen} (it has: {_names(everyone)}). A studio "
                f"admin adds one with `stretchkit trainer add {chosen}`"
            )
        return Scope(found)
    if len(everyone) == 1:
        return Scope(everyone[0])
    raise StoreError(
        f"{db.shown} is shared by several trainers ({_names(everyone)}): say which one you "
        "are with --trainer NAME (or $STRETCHKIT_TRAINER)"
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class TrainerRepository:
    """The trainers table, and clients handed over between trainers."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[Trainer]:
        """Every trainer of the studio, by login name."""
        with self._db.read() as conn:
            rows = conn.execute(select(trainers).order_by(trainers.c.username))
            return [_trainer(r) for r in rows]

    def get(self, username: str) -> Trainer:
        """The trainer with this login name; an unknown one is an error naming it."""
        with self._db.read() as conn:
            found = _by_name(conn, username)
        if found is None:
            raise ValidationError("trainer", username, "no trainer with this login name")
        return found

    def add(self, username: str, display_name: str = "", is_admin: bool = False) -> Trainer:
        """Add a trainer (a studio admin's task); a login name already taken is refused."""
        name = valid_username(username)
        self._require_admin("add a trainer")
        with self._db.write() as conn:
            if _by_name(conn, name) is not None:
                raise ValidationError("trainer", name, "a trainer with this login name exists")
            conn.execute(
                insert(trainers).values(
                    username=name,
                    display_name=display_name.strip(),
                    is_admin=int(is_admin),
                    created=_now(),
                )
            )
            added = _by_name(conn, name)
        assert added is not None
        return added

    def rename(self, username: str, new_username: str) -> Trainer:
        """Give a trainer a new login name (e.g. the laptop's `local` trainer, moving into a
        studio where they log in as themselves); their clients stay theirs."""
        new = valid_username(new_username)
        self._require_admin("rename a trainer")
        with self._db.write() as conn:
            if _by_name(conn, username) is None:
                raise ValidationError("trainer", username, "no trainer with this login name")
            if _by_name(conn, new) is not None:
                raise ValidationError("trainer", new, "a trainer with this login name exists")
            conn.execute(
                update(trainers).where(trainers.c.username == username).values(username=new)
            )
            renamed = _by_name(conn, new)
        assert renamed is not None
        return renamed

    def hand_over(self, client_id: int, to_username: str) -> Handover:
        """Make another trainer the client's trainer (an admin's task), keeping the handover
        in the client's history."""
        self._require_admin("hand a client over")
        by = self._db.scope.trainer
        with self._db.write() as conn:
            target = _by_name(conn, to_username)
            if target is None:
                raise ValidationError("trainer", to_username, "no trainer with this login name")
            row = conn.execute(
                select(clients.c.trainer_id).where(clients.c.id == client_id)
            ).first()
            if row is None:
                raise ValidationError("client", client_id, "no client with this id")
            source = conn.execute(
                select(trainers.c.username).where(trainers.c.id == row[0])
            ).scalar_one()
            if row[0] == target.id:
                raise ValidationError("trainer", to_username, "is already this client's trainer")
            at = _now()
            who = by.username if by is not None else "studio"
            conn.execute(
                update(clients).where(clients.c.id == client_id).values(trainer_id=target.id)
            )
            conn.execute(
                insert(client_handovers).values(
                    client_id=client_id,
                    from_trainer_id=row[0],
                    to_trainer_id=target.id,
                    handed_over_by=who,
                    at=at,
                )
            )
        return Handover(client_id, source, target.username, who, datetime.fromisoformat(at))

    def handovers(self, client_id: int) -> list[Handover]:
        """A client's handovers, oldest first."""
        giver, taker = trainers.alias("giver"), trainers.alias("taker")
        query = (
            select(
                client_handovers.c.client_id,
                giver.c.username,
                taker.c.username,
                client_handovers.c.handed_over_by,
                client_handovers.c.at,
            )
            .join(giver, giver.c.id == client_handovers.c.from_trainer_id)
            .join(taker, taker.c.id == client_handovers.c.to_trainer_id)
            .where(client_handovers.c.client_id == client_id)
            .order_by(client_handovers.c.id)
        )
        with self._db.read() as conn:
            return [
                Handover(r[0], r[1], r[2], r[3], datetime.fromisoformat(r[4]))
                for r in conn.execute(query)
            ]

    def trainer_of(self, client_id: int) -> Trainer:
        """The trainer a client belongs to."""
        query = select(trainers).join(clients, clients.c.trainer_id == trainers.c.id)
        with self._db.read() as conn:
            row = conn.execute(query.where(clients.c.id == client_id)).first()
        if row is None:
            raise ValidationError("client", client_id, "no client with this id")
        return _trainer(row)

    def _require_admin(self, what: str) -> None:
        if not self._db.scope.everyone:
            raise ValidationError(
                "trainer",
                self._db.scope.trainer.username if self._db.scope.trainer else "",
                f"only a studio admin may {what}",
            )
