"""The `stretchkit backup` and `stretchkit restore` commands: safe copies of the progress store,
taken while the workbook and dashboard are in use."""

from __future__ import annotations

import argparse
from pathlib import Path

from stretchkit.cli.store_option import store_location
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
    print(f"Backed up {shown} to {info.path} with pg_dump ({_clients(info.clients)}, owner-only).")
    print(f"Restore it with: stretchkit restore {info.path} --db {shown}")
    return 0


def _cmd_restore_server(args: argparse.Namespace, url: str) -> int:
    with Store.open(url, trainer=EVERYONE) as store:
        aside = default_server_backup_path(store.db, Path.cwd() / BACKUP_FOLDER)
        done = restore_server(args.backup, store.db, aside)
        shown = store.location
    print(f"Restored {shown} from {args.backup} with pg_restore ({_clients(done.backup.clients)}).")
    print(f"The database as it was is kept in {done.kept_aside} (owner-only).")
    print("Reload any open workbook or dashboard page to see the restored data.")
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    url = _server(args)
    if url is not None:
        return _cmd_backup_server(args, url)
    db = _db(args)
    info = backup(db, args.target)
    print(f"Backed up {db} to {info.path} ({_clients(info.clients)}, owner-only).")
    print(f"Restore it with: stretchkit restore {info.path} --db {db}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    url = _server(args)
    if url is not None:
        return _cmd_restore_server(args, url)
    db = _db(args)
    done = restore(args.backup, db)
    print(f"Restored {db} from {args.backup} ({_clients(done.backup.clients)}).")
    if done.kept_aside is not None:
        print(f"The store as it was is kept in {done.kept_aside} (owner-only).")
    print("Reload any open workbook or dashboard page to see the restored data.")
    return 0


def add_backup_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db_parent: argparse.ArgumentParser
) -> None:
    """The `backup` and `restore` commands."""
    save = sub.add_parser(
        "backup",
        parents=[db_parent],
        help="copy the progress store to a backup file (safe while sessions are logged)",
    )
    save.add_argument(
        "target",
        type=Path,
        nargs="?",
        default=None,
        metavar="TARGET",
        help=f"new file or folder to write (default: a timestamped file in {BACKUP_FOLDER}/ "
        "beside the store)",
    )
    save.set_defaults(handler=_cmd_backup)
    back = sub.add_parser(
        "restore",
        parents=[db_parent],
        help="replace the progress store with a checked backup (the current one is kept aside)",
    )
    back.add_argument("backup", type=Path, metavar="BACKUP", help="backup file to restore")
    back.set_defaults(handler=_cmd_restore)
