"""The `stretchkit backup` and `stretchkit restore` commands: safe copies of the progress store,
taken while the workbook and dashboard are in use."""

from __future__ import annotations

import argparse
from pathlib import Path

from stretchkit.cli.store_option import store_location
from stretchkit.i18n import _
from stretchkit.plurals import counted
from stretchkit.store import Store
from stretchkit.store.backup import BACKUP_FOLDER, backup, restore
from stretchkit.store.database import Database, is_url
from stretchkit.store.server_backup import backup_server, default_server_backup_path, restore_server
from stretchkit.store.trainers import EVERYONE

__all__ = ["add_backup_commands"]


def _db(args: argparse.Namespace) -> Path:
    return Path(store_location(args))


def _clients(n: int) -> str:
    return counted(n, "client")


def _restore(backup_file: Path, store: object) -> str:
    """The command that puts this backup back (a command: never translated)."""
    return f"stretchkit restore {backup_file} --db {store}"


def _server(args: argparse.Namespace) -> str | None:
    """The URL of a store on a PostgreSQL server, or None for a file."""
    location = store_location(args)
    return location if is_url(location) else None


def _server_target(db: Database, target: Path | None) -> Path:
    if target is None:
        return default_server_backup_path(db, Path.cwd() / BACKUP_FOLDER)
    if target.is_dir():
        return default_server_backup_path(db, target)
    return target


def _cmd_backup_server(args: argparse.Namespace, url: str) -> int:
    with Store.open(url, trainer=EVERYONE) as store:
        info = backup_server(store.db, _server_target(store.db, args.target))
        shown = store.location
    said = _("Backed up {store} to {file} with pg_dump ({clients}, owner-only).")
    print(said.format(store=shown, file=info.path, clients=_clients(info.clients)))
    print(_("Restore it with: {command}").format(command=_restore(info.path, shown)))
    return 0


def _cmd_restore_server(args: argparse.Namespace, url: str) -> int:
    with Store.open(url, trainer=EVERYONE) as store:
        aside = default_server_backup_path(store.db, Path.cwd() / BACKUP_FOLDER)
        done = restore_server(args.backup, store.db, aside)
        shown = store.location
    said = _("Restored {store} from {file} with pg_restore ({clients}).")
    print(said.format(store=shown, file=args.backup, clients=_clients(done.backup.clients)))
    print(_("The database as it was is kept in {file} (owner-only).").format(file=done.kept_aside))
    print(_("Reload any open workbook or dashboard page to see the restored data."))
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    url = _server(args)
    if url is not None:
        return _cmd_backup_server(args, url)
    db = _db(args)
    info = backup(db, args.target)
    said = _("Backed up {store} to {file} ({clients}, owner-only).")
    print(said.format(store=db, file=info.path, clients=_clients(info.clients)))
    print(_("Restore it with: {command}").format(command=_restore(info.path, db)))
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    url = _server(args)
    if url is not None:
        return _cmd_restore_server(args, url)
    db = _db(args)
    done = restore(args.backup, db)
    said = _("Restored {store} from {file} ({clients}).")
    print(said.format(store=db, file=args.backup, clients=_clients(done.backup.clients)))
    if done.kept_aside is not None:
        print(_("The store as it was is kept in {file} (owner-only).").format(file=done.kept_aside))
    print(_("Reload any open workbook or dashboard page to see the restored data."))
    return 0


def add_backup_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db_parent: argparse.ArgumentParser
) -> None:
    """The `backup` and `restore` commands."""
    save = sub.add_parser(
        "backup",
        parents=[db_parent],
        help=_("copy the progress store to a backup file (safe while sessions are logged)"),
    )
    save.add_argument(
        "target",
        type=Path,
        nargs="?",
        default=None,
        metavar="TARGET",
        help=_(
            "new file or folder to write (default: a timestamped file in {folder}/ beside the "
            "store)"
        ).format(folder=BACKUP_FOLDER),
    )
    save.set_defaults(handler=_cmd_backup)
    back = sub.add_parser(
        "restore",
        parents=[db_parent],
        help=_("replace the progress store with a checked backup (the current one is kept aside)"),
    )
    back.add_argument("backup", type=Path, metavar="BACKUP", help=_("backup file to restore"))
    back.set_defaults(handler=_cmd_restore)
