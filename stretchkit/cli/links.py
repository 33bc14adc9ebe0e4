"""The `stretchkit link` commands: create, list and revoke clients' personal dashboard links."""

from __future__ import annotations

import argparse
from datetime import datetime

from stretchkit.cli.store_option import open_store
from stretchkit.i18n import _
from stretchkit.link_tokens import (
    DASHBOARD_URL_ENV,
    DEFAULT_DASHBOARD_URL,
    ClientLink,
    dashboard_url,
)
from stretchkit.plurals import counted
from stretchkit.services.client_links import all_links, client_links, create_link, revoke_link
from stretchkit.services.history_files import find_client

__all__ = ["add_link_commands"]


def _day(moment: datetime | None) -> str:
    """The local day of a moment, or 'never'."""
    return _("never") if moment is None else moment.astimezone().date().isoformat()


def _cmd_create(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        client = find_client(store, args.client)
        new = create_link(store, client.id, args.dashboard_url or dashboard_url(), args.label)
    named = _('Link {id} "{label}" for {name}:')
    said = named if new.link.label else _("Link {id} for {name}:")
    print(said.format(id=new.link.id, label=new.link.label, name=client.name))
    print(new.url)
    print(_("Copy it now: it cannot be shown again (only a hash of it is kept)."))
    print(_("It opens the client's dashboard while `stretchkit dashboard` or the studio runs."))
    print(" ".join((new.reach.headline, *new.reach.advice)))
    return 0


def _link_line(link: ClientLink, name: str) -> str:
    """One row of the listing: never the token, only its first characters."""
    return (
        f"{link.id:>5}  {name[:24]:<24}  {link.label[:20]:<20}  {link.hint:<6}  "
        f"{_day(link.created):<10}  {_day(link.last_used):<10}  {link.status}"
    )


def _cmd_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        names = {c.id: c.name for c in store.clients.all()}
        if args.client is None:
            links = all_links(store)
        else:
            links = client_links(store, find_client(store, args.client).id)
    head = (_("id"), _("client"), _("label"), _("key"), _("created"), _("last used"))
    print(f"{head[0]:>5}  {head[1]:<24}  {head[2]:<20}  {head[3]:<6}  {head[4]:<10}  ", end="")
    print(f"{head[5]:<10}  {_('status')}")
    for link in links:
        print(_link_line(link, names.get(link.client_id, "?")))
    print(counted(len(links), "link"))
    return 0


def _cmd_revoke(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        link = revoke_link(store, args.link_id)
        name = store.clients.get(link.client_id).name
    if link.label:
        said = _('Link {id} "{label}" of {name} (key {hint}): {status}.')
    else:
        said = _("Link {id} of {name} (key {hint}): {status}.")
    print(said.format(id=link.id, label=link.label, name=name, hint=link.hint, status=link.status))
    print(_("It no longer opens the dashboard."))
    return 0


def add_link_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db_parent: argparse.ArgumentParser
) -> None:
    """The `link` command and its `create`, `list` and `revoke` subcommands."""
    link = sub.add_parser("link", help=_("personal dashboard links for clients"))
    actions = link.add_subparsers(dest="link_command", metavar="ACTION", required=True)
    create = actions.add_parser(
        "create", parents=[db_parent], help=_("make a new link for a client (shown once)")
    )
    create.add_argument("client", metavar="CLIENT", help=_("client id or exact name"))
    create.add_argument("--label", default="", help=_("a name for the link, e.g. 'phone'"))
    create.add_argument(
        "--dashboard-url",
        default=None,
        metavar="URL",
        help=_("the dashboard's address (default: ${variable}, else {url})").format(
            variable=DASHBOARD_URL_ENV, url=DEFAULT_DASHBOARD_URL
        ),
    )
    create.set_defaults(handler=_cmd_create)
    listing = actions.add_parser("list", parents=[db_parent], help=_("list links (never the key)"))
    listing.add_argument("client", metavar="CLIENT", nargs="?", help=_("only this client's"))
    listing.set_defaults(handler=_cmd_list)
    revoke = actions.add_parser("revoke", parents=[db_parent], help=_("stop a link from working"))
    revoke.add_argument("link_id", type=int, metavar="LINK_ID", help=_("the id from `link list`"))
    revoke.set_defaults(handler=_cmd_revoke)
