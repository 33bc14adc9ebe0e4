"""The `stretchkit workbook` and `stretchkit dashboard` commands: the trainer's JupyterLab and
the clients' Voila dashboard, each in its own process, on one progress store."""

from __future__ import annotations

import argparse
from pathlib import Path

from stretchkit.cli.store_option import open_store, store_location
from stretchkit.demo.links import demo_links
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.i18n import _
from stretchkit.servers.dashboard_server import DashboardPlan, plan_dashboard
from stretchkit.servers.launching import Server, run_servers
from stretchkit.servers.workbook import plan_workbook, prepare_notebook_dir
from stretchkit.services.link_reach import link_reach

__all__ = ["add_server_commands"]

DASHBOARD_PORT = 8866


def _prepare_store(args: argparse.Namespace) -> str:
    """The store's path, with the demo clients added first when asked for."""
    db = store_location(args)
    with open_store(args) as store:
        if args.demo:
            added = seed_demo_data(store)
            said = _("Demo data: {added} synthetic clients added ({total} in all).")
            print(said.format(added=added, total=store.clients.count()))
    print(_("Progress store: {store}").format(store=store.location))
    return db


def _reach_lines(url: str, lan_command: str, subject: str) -> list[str]:
    """Once, who can open the links on this address and how to serve them to phones."""
    reach = link_reach(url, lan_command)
    return [reach.says(subject, plural=True), *(f"    {line}" for line in reach.advice)]


def _dashboard_lines(
    args: argparse.Namespace, plan: DashboardPlan, demo: bool, host_flag: str = "--host"
) -> list[str]:
    """Where the dashboard is, the demo clients' fresh links when the demo runs, and who can
    open them; `host_flag` is this command's option for the dashboard's address."""
    command = f"stretchkit {args.command}{' --demo' if demo else ''} {host_flag} 0.0.0.0"
    lines = [_("The client dashboard (Voila) serves personal links at {url}").format(url=plan.url)]
    if not demo:
        lines.append("    " + _("Make a client's link in the client_links notebook or with"))
        lines.append("    " + _("`stretchkit link create CLIENT`."))
        return lines + _reach_lines(plan.url, command, "Its links")
    with open_store(args) as store:
        made = demo_links(store, plan.url)
    lines.append(_("Demo clients' personal links (synthetic clients; each opens one dashboard):"))
    lines += [f"    {name}: {url}" for name, url in made]
    return lines + _reach_lines(plan.url, command, "These links")


def _announce(lines: list[str]) -> None:
    print("\n" + "\n".join(lines), flush=True)


def _cmd_workbook(args: argparse.Namespace) -> int:
    db = _prepare_store(args)
    dashboard = None
    if not args.no_dashboard:
        dashboard = plan_dashboard(db, args.dashboard_host, args.dashboard_port, args.pool_size)
    workbook = plan_workbook(
        db,
        prepare_notebook_dir(args.notebook_dir),
        args.host,
        args.port,
        dashboard_url=dashboard.url if dashboard else None,
        trainer=args.trainer,
    )
    servers: list[Server] = [workbook.server]
    lines = [_("The stretchkit workbook is open at:"), f"    {workbook.url}"]
    lines += [_("Its notebooks, one by one, in JupyterLab:"), f"    {workbook.lab_url}"]
    if dashboard is not None:
        servers.append(dashboard.server)
        lines += _dashboard_lines(args, dashboard, args.demo, "--dashboard-host")
    print(_("Starting JupyterLab and the client dashboard (this can take a few seconds)..."))
    return run_servers(servers, lambda: _announce(lines))


def _cmd_dashboard(args: argparse.Namespace) -> int:
    db = _prepare_store(args)
    plan = plan_dashboard(db, args.host, args.port, args.pool_size)
    print(_("Starting the client dashboard (Voila)..."), flush=True)
    return run_servers([plan.server], lambda: _announce(_dashboard_lines(args, plan, args.demo)))


def _pool_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pool-size",
        type=int,
        default=None,
        metavar="N",
        help=_(
            "dashboard kernels kept ready for clients arriving at once (default: 2 a core, "
            "within a quarter of the free memory)"
        ),
    )


def _add_workbook(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db: argparse.ArgumentParser
) -> None:
    wb = sub.add_parser(
        "workbook",
        parents=[db],
        help=_("start JupyterLab on the trainer workbook (and the dashboard)"),
    )
    wb.add_argument("--demo", action="store_true", help=_("add synthetic demo clients first"))
    wb.add_argument(
        "--host", default="127.0.0.1", help=_("workbook address (default: %(default)s)")
    )
    wb.add_argument(
        "--port", type=int, default=8888, help=_("preferred port (default: %(default)s)")
    )
    wb.add_argument("--notebook-dir", type=Path, default=None, help=_("folder of the notebooks"))
    wb.add_argument("--no-dashboard", action="store_true", help=_("do not start the dashboard"))
    wb.add_argument(
        "--dashboard-host",
        default="127.0.0.1",
        help=_("dashboard address; 0.0.0.0 lets phones on your network in (default: %(default)s)"),
    )
    wb.add_argument("--dashboard-port", type=int, default=DASHBOARD_PORT, help=_("dashboard port"))
    _pool_option(wb)
    wb.set_defaults(handler=_cmd_workbook)


def add_server_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db: argparse.ArgumentParser
) -> None:
    """The `workbook` and `dashboard` commands."""
    _add_workbook(sub, db)
    dash = sub.add_parser(
        "dashboard",
        parents=[db],
        help=_("serve the client dashboard (Voila) for personal links"),
    )
    dash.add_argument(
        "--demo", action="store_true", help=_("add demo clients and print their links")
    )
    dash.add_argument(
        "--host",
        default="127.0.0.1",
        help=_(
            "address to listen on; 0.0.0.0 lets phones on your network in (default: %(default)s)"
        ),
    )
    dash.add_argument(
        "--port", type=int, default=DASHBOARD_PORT, help=_("preferred port (default: %(default)s)")
    )
    _pool_option(dash)
    dash.set_defaults(handler=_cmd_dashboard)
