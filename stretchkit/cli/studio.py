"""The `stretchkit store copy` and `stretchkit trainer` commands: moving a laptop's store into
a studio's PostgreSQL database (and back), and the studio's trainers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stretchkit.cli.store_option import open_store
from stretchkit.errors import StoreError
from stretchkit.i18n import _, pgettext
from stretchkit.paths import absolute_location
from stretchkit.plurals import counted
from stretchkit.services.client_records import hand_over_client
from stretchkit.services.history_files import find_client
from stretchkit.store import Store
from stretchkit.store.copying import copy_store
from stretchkit.store.server_logins import create_login, default_password_file, save_password
from stretchkit.store.trainers import EVERYONE

__all__ = ["ProgressBar", "add_studio_commands"]

_WIDTH = 30


class ProgressBar:
    """A progress bar rewritten in place on a terminal; elsewhere one line per tenth done."""

    def __init__(self, tty: bool | None = None) -> None:
        self.tty = sys.stdout.isatty() if tty is None else tty
        self._tenths = -1

    def __call__(self, done: int, total: int) -> None:
        share = done / total if total else 1.0
        if self.tty:
            filled = round(share * _WIDTH)
            bar = "#" * filled + "." * (_WIDTH - filled)
            end = "\n" if done == total else ""
            rows = _("{done}/{total} rows").format(done=done, total=total)
            print(f"\r[{bar}] {share:4.0%}  {rows}", end=end, flush=True)
            return
        tenths = int(share * 10)
        if tenths > self._tenths:
            self._tenths = tenths
            said = _("copied {done}/{total} rows ({share})")
            print(said.format(done=done, total=total, share=f"{share:.0%}"), flush=True)


def _cmd_copy(args: argparse.Namespace) -> int:
    source_location = absolute_location(args.source)
    target_location = absolute_location(args.target)
    if source_location == target_location:
        raise StoreError(
            _("{store} is both SOURCE and TARGET: copy into another store").format(
                store=args.source
            )
        )
    with (
        Store.open(source_location, trainer=EVERYONE) as source,
        Store.open(target_location, trainer=EVERYONE) as target,
    ):
        said = _("Copying {source} into {target}...")
        print(said.format(source=source.location, target=target.location), flush=True)
        summary = copy_store(source.db, target.db, ProgressBar())
    tables = sum(1 for n in summary.rows.values() if n)
    said = _(
        "Copied {rows} rows ({clients}) in {tables} tables, and checked all {checked} rows of "
        "the copy against the source, row by row."
    )
    clients = counted(summary.rows["clients"], "client")
    print(said.format(rows=summary.total, clients=clients, tables=tables, checked=summary.checked))
    return 0


def _cmd_trainers(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        for t in store.trainers.all():
            role = pgettext("role", "admin") if t.is_admin else pgettext("role", "trainer")
            print(f"{t.username:<20} {role:<8} {t.display_name}")
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        added = store.trainers.add(args.name, args.display_name or "", is_admin=args.admin)
        if added.is_admin:
            said = _("Added admin {name} to {store}.")
        else:
            said = _("Added trainer {name} to {store}.")
        print(said.format(name=added.username, store=store.location))
        if args.login:
            _make_login(store, added.username, args.password_file)
    return 0


def _make_login(store: Store, username: str, password_file: Path | None) -> None:
    file = password_file or default_password_file()
    password = create_login(store.db, username)
    save_password(file, store.db, username, password)
    said = _(
        "{name} logs in to the database as {name}; the password is kept in {file} "
        "(owner-only; give it to them, or point PGPASSFILE at it on the studio server)."
    )
    print(said.format(name=username, file=file))


def _cmd_login(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        store.trainers.get(args.name)
        _make_login(store, args.name, args.password_file)
    return 0


def _cmd_rename(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        renamed = store.trainers.rename(args.name, args.new_name)
    said = _("Trainer {name} is now {new_name}; their clients stay theirs.")
    print(said.format(name=args.name, new_name=renamed.username))
    return 0


def _cmd_hand_over(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        client = find_client(store, args.client)
        done = hand_over_client(store, client.id, args.to)
    said = _("{name} is now {to}'s client (was {was}'s).")
    print(said.format(name=client.name, to=done.to_trainer, was=done.from_trainer))
    return 0


def add_studio_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db: argparse.ArgumentParser
) -> None:
    """The `store` and `trainer` commands."""
    store = sub.add_parser("store", help=_("copy a whole progress store to another"))
    store_sub = store.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    copy = store_sub.add_parser(
        "copy",
        help=_("copy a whole store (SQLite file or PostgreSQL URL) into a new, empty one"),
    )
    copy.add_argument("source", metavar="SOURCE", help=_("store to copy: a file or a URL"))
    copy.add_argument("target", metavar="TARGET", help=_("empty store to copy into"))
    copy.set_defaults(handler=_cmd_copy)

    trainer = sub.add_parser("trainer", help=_("the studio's trainers (an admin's tasks)"))
    t_sub = trainer.add_subparsers(dest="trainer_command", metavar="ACTION", required=True)
    listing = t_sub.add_parser("list", parents=[db], help=_("list the trainers"))
    listing.set_defaults(handler=_cmd_trainers)
    add = t_sub.add_parser("add", parents=[db], help=_("add a trainer"))
    add.add_argument("name", metavar="NAME", help=_("login name (as on the studio server)"))
    add.add_argument("--display-name", default="", help=_("name shown in the workbook"))
    add.add_argument("--admin", action="store_true", help=_("a studio admin: sees every client"))
    add.add_argument(
        "--login",
        action="store_true",
        help=_("on PostgreSQL, also make their database login (password kept in --password-file)"),
    )
    add.add_argument("--password-file", type=Path, default=None, metavar="FILE")
    add.set_defaults(handler=_cmd_add)
    login = t_sub.add_parser(
        "login", parents=[db], help=_("on PostgreSQL, make or reset a trainer's database login")
    )
    login.add_argument("name", metavar="NAME")
    login.add_argument("--password-file", type=Path, default=None, metavar="FILE")
    login.set_defaults(handler=_cmd_login)
    rename = t_sub.add_parser("rename", parents=[db], help=_("change a trainer's login name"))
    rename.add_argument("name", metavar="NAME")
    rename.add_argument("new_name", metavar="NEW_NAME")
    rename.set_defaults(handler=_cmd_rename)
    hand = t_sub.add_parser("hand-over", parents=[db], help=_("make a client another trainer's"))
    hand.add_argument("client", metavar="CLIENT", help=_("client id or exact name"))
    hand.add_argument("--to", required=True, metavar="NAME", help=_("the trainer taking them on"))
    hand.set_defaults(handler=_cmd_hand_over)
