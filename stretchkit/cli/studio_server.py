"""The `stretchkit studio` commands: set up and start the studio server (JupyterHub with the
trainers' workbooks and the client dashboard), and give trainers access to it or take it."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from stretchkit.errors import StretchkitError
from stretchkit.i18n import _
from stretchkit.paths import DB_ENV_VAR
from stretchkit.servers.launching import run_servers
from stretchkit.servers.studio_hub import plan_hub
from stretchkit.servers.studio_settings import StudioSettings, load_settings
from stretchkit.servers.studio_setup import add_trainer, init_studio, remove_trainer
from stretchkit.store.database import shown_location

__all__ = ["add_studio_server_commands"]

DEFAULT_FOLDER = Path("/srv/stretchkit")


def _cmd_init(args: argparse.Namespace) -> int:
    db = args.db or os.environ.get(DB_ENV_VAR, "")
    settings = StudioSettings(
        args.dir.resolve(),
        db,
        args.public_url,
        cert=args.cert.resolve() if args.cert else None,
        key=args.key.resolve() if args.key else None,
        ip=args.ip if args.ip is not None else ("" if args.cert else "127.0.0.1"),
        port=args.port or (443 if args.cert else 8000),
        hub_port=args.hub_port,
        proxy_api_port=args.proxy_api_port,
        dashboard_port=args.dashboard_port,
        pool_size=args.pool_size,
    )
    config = init_studio(settings)
    said = _("Studio folder {folder}: {config} and studio.toml written.")
    print(said.format(folder=settings.folder, config=config.name))
    said = _("Store: {store} (migrated; the dashboard has its own login).")
    print(said.format(store=shown_location(settings.db)))
    if not settings.tls:
        said = _("No certificate given: serve {url} with a reverse proxy in front of {local}.")
        print(said.format(url=settings.public_url, local=f"http://127.0.0.1:{settings.port}/"))
    where = "" if settings.folder == DEFAULT_FOLDER else f" --dir {settings.folder}"
    said = _("Next: {add}, then {start}")
    add = f"stretchkit studio add-trainer NAME{where}"
    print(said.format(add=add, start=f"stretchkit studio start{where}"))
    return 0


def _password(file: Path | None) -> str | None:
    if file is None:
        return None
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        said = _("password file {file}: {reason}")
        raise StretchkitError(said.format(file=file, reason=e.strerror)) from None
    if not lines or not lines[0]:
        said = _("password file {file}: its first line (the password) is empty")
        raise StretchkitError(said.format(file=file))
    return lines[0]


def _cmd_add_trainer(args: argparse.Namespace) -> int:
    settings = load_settings(args.dir)
    done = add_trainer(
        settings,
        args.name,
        display_name=args.display_name,
        is_admin=args.admin,
        password=_password(args.password_file),
    )
    if done.is_admin:
        said = _("{name} is an admin of the studio at {url}.")
    else:
        said = _("{name} is a trainer of the studio at {url}.")
    print(said.format(name=done.username, url=settings.public_url))
    said = _("Their database password is in {file} (theirs alone).")
    print("    " + said.format(file=f"~{done.username}/.pgpass"))
    if not done.password_set:
        said = _("Set their login password with: {command}")
        print("    " + said.format(command=f"passwd {done.username}"))
    return 0


def _cmd_remove_trainer(args: argparse.Namespace) -> int:
    settings = load_settings(args.dir)
    stopped = remove_trainer(settings, args.name)
    said = _("{name} can no longer log in to the studio; their database login is gone.")
    print(said.format(name=args.name))
    print("    " + (_("Their server was stopped.") if stopped else _("(The hub is not running.)")))
    return 0


def _cmd_start(args: argparse.Namespace) -> int:
    settings = load_settings(args.dir)
    options = list(args.hub_options)
    hub = plan_hub(settings, options[1:] if options[:1] == ["--"] else options)
    os.umask(0o077)  # the hub's records and every trainer's files: their owner's alone

    def announce() -> None:
        said = _("The studio is open at {url} (trainers log in there).")
        print(said.format(url=f"{settings.public_url}/"))
        print(_("Client links start with {url}").format(url=settings.dashboard_url), flush=True)

    print(_("Starting JupyterHub, its proxy and the client dashboard..."), flush=True)
    return run_servers([hub], announce)


def _folder_option() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--dir",
        type=Path,
        default=DEFAULT_FOLDER,
        metavar="FOLDER",
        help=_("the studio folder (default: {folder})").format(folder=DEFAULT_FOLDER),
    )
    return common


def _add_init(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    folder = _folder_option()
    init = actions.add_parser(
        "init", parents=[folder], help=_("write the studio's hub configuration and accounts")
    )
    init.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help=_("the studio's store, as its owner: {url} (default: ${variable})").format(
            url="postgresql://OWNER@HOST:PORT/DB", variable=DB_ENV_VAR
        ),
    )
    init.add_argument(
        "--public-url", required=True, metavar="URL", help="https://studio.example.org"
    )
    init.add_argument("--cert", type=Path, default=None, help=_("TLS certificate file (PEM)"))
    init.add_argument("--key", type=Path, default=None, help=_("TLS key file (PEM)"))
    init.add_argument(
        "--ip",
        default=None,
        help=_("address to listen on (default: every one with TLS, else 127.0.0.1 only)"),
    )
    init.add_argument(
        "--port", type=int, default=None, help=_("public port (default: 443, or 8000 without TLS)")
    )
    init.add_argument("--hub-port", type=int, default=8081, help=argparse.SUPPRESS)
    init.add_argument("--proxy-api-port", type=int, default=8001, help=argparse.SUPPRESS)
    init.add_argument("--dashboard-port", type=int, default=8866, help=argparse.SUPPRESS)
    init.add_argument("--pool-size", type=int, default=5, help=_("dashboard kernels kept ready"))
    init.set_defaults(handler=_cmd_init)


def add_studio_server_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `studio` command and its actions."""
    studio = sub.add_parser("studio", help=_("run the studio server (JupyterHub), as root"))
    actions = studio.add_subparsers(dest="studio_command", metavar="ACTION", required=True)
    _add_init(actions)
    folder = _folder_option()
    start = actions.add_parser("start", parents=[folder], help=_("start the studio's hub"))
    start.add_argument(
        "hub_options", nargs=argparse.REMAINDER, help=_("extra JupyterHub options, after --")
    )
    start.set_defaults(handler=_cmd_start)
    add = actions.add_parser("add-trainer", parents=[folder], help=_("give a trainer the studio"))
    add.add_argument("name", metavar="NAME", help=_("login name (a system user of that name)"))
    add.add_argument("--display-name", default="", help=_("name shown in the workbook"))
    add.add_argument("--admin", action="store_true", help=_("sees every client, manages the hub"))
    add.add_argument(
        "--password-file",
        type=Path,
        default=None,
        metavar="FILE",
        help=_("sets their login password from the file's first line (else: passwd NAME)"),
    )
    add.set_defaults(handler=_cmd_add_trainer)
    remove = actions.add_parser(
        "remove-trainer", parents=[folder], help=_("take a trainer's access away")
    )
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=_cmd_remove_trainer)
