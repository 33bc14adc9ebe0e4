"""The `stretchkit access-log` command: who did what to which client's record, and when, as a
table or CSV; `access-log prune` removes entries older than the retention period (an admin's
task, itself logged)."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from stretchkit.cli.store_option import open_store
from stretchkit.errors import ValidationError
from stretchkit.i18n import _, ngettext
from stretchkit.plurals import counted
from stretchkit.services.access_view import (
    DEFAULT_RETENTION_YEARS,
    RETENTION_NOTE,
    AccessView,
    access_csv,
    client_access,
    prune_access_log,
    retention_cutoff,
    studio_access,
)
from stretchkit.services.history_files import find_client

__all__ = ["PRUNE", "add_access_log_command"]

PRUNE = "prune"
"""The CLIENT argument that asks for the retention prune instead of a listing."""


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(option, text, _("must be a day written YYYY-MM-DD")) from None


def _table(view: AccessView) -> str:
    head = (_("when (UTC)"), _("what"), _("client"), _("who"), _("from"))
    lines = [f"{head[0]:<23}  {head[1]:<32}  {head[2]:<24}  {head[3]:<36}  {head[4]}"]
    for row in view.rows:
        when, what, client, who, place, _detail = row.cells
        lines.append(
            f"{when:<23}  {row.entry.what[:32]:<32}  {client[:24]:<24}  {who[:36]:<36}  {place}"
        )
        del what
    lines.append(_("{entries}, newest first").format(entries=counted(len(view.rows), "entry")))
    return "\n".join(lines)


def _cmd_list(args: argparse.Namespace) -> int:
    since = None if args.since is None else _day(args.since, "--since")
    with open_store(args) as store:
        if args.client is None:
            view = studio_access(store, since=since, everything=True)
        else:
            client = find_client(store, args.client)
            view = client_access(store, client.id, since=since)
    sys.stdout.write(access_csv(view) if args.csv else _table(view) + "\n")
    return 0


def _cmd_prune(args: argparse.Namespace) -> int:
    before = (
        retention_cutoff(date.today()) if args.before is None else _day(args.before, "--before")
    )
    with open_store(args) as store:
        removed = prune_access_log(store, before)
    said = ngettext(
        "Removed {count} access-log entry made before {day}.",
        "Removed {count} access-log entries made before {day}.",
        removed,
    )
    print(said.format(count=removed, day=before))
    if args.before is None:
        print(RETENTION_NOTE)
    print(_("The removal is itself an entry of the log."))
    return 0


def _cmd_access_log(args: argparse.Namespace) -> int:
    if args.client == PRUNE:
        return _cmd_prune(args)
    if args.before is not None:
        raise ValidationError("--before", args.before, _("goes with `stretchkit access-log prune`"))
    return _cmd_list(args)


def add_access_log_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db: argparse.ArgumentParser
) -> None:
    """The `access-log` command (and its `prune` form)."""
    log = sub.add_parser(
        "access-log",
        parents=[db],
        help=_("who read or changed a client's record, and when (`access-log prune`: retention)"),
        description=_(
            "List the access log, newest first: one client's entries (CLIENT: id or exact "
            "name), else every entry you may see (an admin: the whole studio's). "
            "`stretchkit access-log prune [--before DATE]` removes older entries (admins only; "
            "default: older than {years} years, stretchkit's own default)."
        ).format(years=DEFAULT_RETENTION_YEARS),
    )
    log.add_argument(
        "client", nargs="?", metavar="CLIENT", help=_("client id or exact name, or 'prune'")
    )
    log.add_argument(
        "--since", metavar="DATE", help=_("only entries from this day on (YYYY-MM-DD)")
    )
    log.add_argument("--csv", action="store_true", help=_("print CSV instead of a table"))
    log.add_argument(
        "--before",
        metavar="DATE",
        help=_(
            "with prune: remove entries made before this day (default: {years} years ago)"
        ).format(years=DEFAULT_RETENTION_YEARS),
    )
    log.set_defaults(handler=_cmd_access_log)
