"""The `stretchkit` command: the front door for starting the workbook and managing the store."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from stretchkit import __version__
from stretchkit.catalog import default_catalog
from stretchkit.cli.access_log import add_access_log_command
from stretchkit.cli.backup import add_backup_commands
from stretchkit.cli.links import add_link_commands
from stretchkit.cli.servers import add_server_commands
from stretchkit.cli.store_option import db_option, open_store
from stretchkit.cli.studio import add_studio_commands
from stretchkit.cli.studio_server import add_studio_server_commands
from stretchkit.demo.scale import seed_scale_data
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.errors import StretchkitError
from stretchkit.i18n import _, ngettext, set_kernel_language
from stretchkit.i18n.negotiation import system_language
from stretchkit.plurals import counted
from stretchkit.services.history_files import export_client, find_client, import_client

__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]


def _show_progress(done: int, total: int) -> None:
    """Rewrite one progress line on a terminal; elsewhere print every tenth."""
    if sys.stdout.isatty():
        said = _("{done}/{total} clients").format(done=done, total=total)
        print(f"\r{said}", end="\n" if done == total else "", flush=True)
    elif done == total or done % max(1, total // 10) == 0:
        print(_("{done}/{total} clients").format(done=done, total=total), flush=True)


def _cmd_scale(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        summary = seed_scale_data(
            store,
            clients=args.scale,
            years=args.years,
            today=date.today(),
            on_progress=_show_progress,
        )
        print(_("Added to {store}: {summary}.").format(store=store.location, summary=summary.text))
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    if args.scale is not None:
        return _cmd_scale(args)
    with open_store(args) as store:
        added = seed_demo_data(store, args.clients)
        said = ngettext(
            "{count} synthetic demo client added to {store} ({total} in all).",
            "{count} synthetic demo clients added to {store} ({total} in all).",
            added,
        )
        total = counted(store.clients.count(), "client")
        print(said.format(count=added, store=store.location, total=total))
    return 0


def _cmd_clients(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        clients = store.clients.all()
        for c in clients:
            print(f"{c.id:>5}  {c.name:<30} {c.details.contact}")
        print(
            _("{clients} in {store}").format(
                clients=counted(len(clients), "client"), store=store.location
            )
        )
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    catalog = default_catalog()
    print(f"stretchkit {__version__}")
    stretches = counted(len(catalog.stretches), "stretch")
    print(_("catalog: {path} ({stretches})").format(path=catalog.path, stretches=stretches))
    with open_store(args) as store:
        print(
            _("progress store: {store} (schema version {version})").format(
                store=store.location, version=store.schema_version()
            )
        )
        print(_("clients: {count}").format(count=store.clients.count()))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        client = find_client(store, args.client)
        rows = export_client(store, client.id, args.out)
    print(
        _("Wrote {rows} of {name}'s history to {file} (owner-only).").format(
            rows=counted(rows, "row"), name=client.name, file=args.out
        )
    )
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        client = find_client(store, args.client)
        summary = import_client(store, client.id, args.file, date.today())
    print(
        _("Imported {summary} for {name} from {file}.").format(
            summary=summary.text, name=client.name, file=args.file
        )
    )
    return 0


def _add_history_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db: argparse.ArgumentParser
) -> None:
    """The `export` and `import` commands: a client's history as a CSV file."""
    export = sub.add_parser(
        "export", parents=[db], help=_("write a client's history to a CSV file")
    )
    export.add_argument("client", metavar="CLIENT", help=_("client id or exact name"))
    export.add_argument(
        "--out", type=Path, required=True, metavar="FILE.csv", help=_("file to write")
    )
    export.set_defaults(handler=_cmd_export)
    imp = sub.add_parser("import", parents=[db], help=_("add a CSV history file to a client"))
    imp.add_argument("client", metavar="CLIENT", help=_("client id or exact name"))
    imp.add_argument("file", type=Path, metavar="FILE.csv", help=_("history file to read"))
    imp.set_defaults(handler=_cmd_import)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stretchkit",
        description=_("Partner-assisted back stretching: trainer workbook and client dashboard."),
    )
    parser.add_argument("--version", action="version", version=f"stretchkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    db = db_option()
    add_server_commands(sub, db)
    demo = sub.add_parser("demo", parents=[db], help=_("add synthetic demo clients to the store"))
    demo.add_argument("--clients", type=int, default=6, help=_("how many (default: %(default)s)"))
    demo.add_argument(
        "--scale",
        type=int,
        default=None,
        metavar="CLIENTS",
        help=_("instead, add this many synthetic clients with years of history (for benchmarks)"),
    )
    demo.add_argument(
        "--years", type=float, default=2.0, help=_("history per --scale client (default: 2)")
    )
    demo.set_defaults(handler=_cmd_demo)
    clients = sub.add_parser("clients", parents=[db], help=_("list the clients in the store"))
    clients.set_defaults(handler=_cmd_clients)
    info = sub.add_parser("info", parents=[db], help=_("show version, catalog and store"))
    info.set_defaults(handler=_cmd_info)
    _add_history_commands(sub, db)
    add_link_commands(sub, db)
    add_backup_commands(sub, db)
    add_studio_commands(sub, db)
    add_access_log_command(sub, db)
    add_studio_server_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line, in the computer's language; errors print one clear line and
    exit with status 1."""
    set_kernel_language(system_language())
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    try:
        return handler(args)
    except StretchkitError as e:
        print(f"stretchkit: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
