"""The `stretchkit backup` and `stretchkit restore` commands: safe copies of the progress store,
taken while the workbook and dashboard are in use."""

from __future__ import annotations

import argparse
from pathlib import Path

from stretchkit.paths import default_db_path
from stretchkit.store.backup import BACKUP_FOLDER, backup, restore

__all__ = ["add_backup_commands"]


def _db(args: argparse.Namespace) -> Path:
    return args.db if args.db is not None else default_db_path()


def _clients(n: int) -> str:
    return f"{n} client{'' if n == 1 else 's'}"


def _cmd_backup(args: argparse.Namespace) -> int:
    db = _db(args)
    info = backup(db, args.target)
    print(f"Backed up {db} to {info.path} ({_clients(info.clients)}, owner-only).")
    print(f"Restore it with: stretchkit restore {info.path} --db {db}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
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
