"""The --db option every command shares: a store file, or a PostgreSQL database's URL."""

from __future__ import annotations

import argparse

from stretchkit.i18n import _
from stretchkit.paths import DB_ENV_VAR, absolute_location, default_db_location
from stretchkit.store import Store
from stretchkit.store.access_log import command_actor

__all__ = ["db_option", "open_store", "store_location"]


def db_option() -> argparse.ArgumentParser:
    """A parent parser holding --db."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=None,
        metavar="FILE|URL",
        help=_(
            "progress store: an SQLite file, or a studio's PostgreSQL database as {url} "
            "(default: ${variable}, else {default})"
        ).format(
            url="postgresql://USER@HOST:PORT/DATABASE",
            variable=DB_ENV_VAR,
            default=default_db_location(),
        ),
    )
    common.add_argument(
        "--trainer",
        default=None,
        metavar="NAME",
        help=_(
            "the trainer you are, on a store several trainers share (default: "
            "$JUPYTERHUB_USER, else $STRETCHKIT_TRAINER, else the store's only trainer)"
        ),
    )
    return common


def store_location(args: argparse.Namespace) -> str:
    """The store a command works on: --db, else $STRETCHKIT_DB, else the default file; a file
    as an absolute path, a URL as it is."""
    given: str | None = args.db
    return absolute_location(given if given else default_db_location())


def open_store(args: argparse.Namespace) -> Store:
    """The store a command works on, opened for the trainer it names (or finds); its
    access-log entries name the command line and the trainer (else the computer's user)."""
    store = Store.open(store_location(args), trainer=getattr(args, "trainer", None))
    store.access_log.acting_as(command_actor(store.trainer))
    return store
