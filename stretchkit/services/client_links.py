"""Clients' personal dashboard links as use cases: make one (its address shown once, with who
can open it), list them, revoke one. Each change is announced on the app's hub."""

from __future__ import annotations

from dataclasses import dataclass

from stretchkit.clients import Client
from stretchkit.link_tokens import ClientLink, link_url
from stretchkit.services.access_record import logged
from stretchkit.services.events import ClientEvents, announce
from stretchkit.services.link_reach import LAN_COMMAND, LinkReach, link_reach
from stretchkit.store.protocol import ProgressStore

__all__ = ["NewLink", "all_links", "client_links", "create_link", "revoke_link"]


@dataclass(frozen=True)
class NewLink:
    """A link just made: the whole address exists only here, and who can open it."""

    link: ClientLink
    client: Client
    url: str
    reach: LinkReach

    def __repr__(self) -> str:  # the address carries the key: never in a log or traceback
        return f"NewLink(link={self.link!r}, client={self.client.id}, url='…')"


@logged("link-made")
def create_link(
    store: ProgressStore,
    client_id: int,
    base_url: str,
    label: str = "",
    *,
    events: ClientEvents | None = None,
    lan_command: str = LAN_COMMAND,
) -> NewLink:
    """Make a personal link for the client on the dashboard at `base_url`, and announce it."""
    client = store.clients.get(client_id)
    link, token = store.links.create(client.id, label)
    announce(events, client.id, "link created")
    return NewLink(link, client, link_url(base_url, token), link_reach(base_url, lan_command))


@logged("link-revoked", client=lambda link: link.client_id)
def revoke_link(
    store: ProgressStore, link_id: int, events: ClientEvents | None = None
) -> ClientLink:
    """Stop a link from opening the dashboard (again: nothing changes), and announce it."""
    link = store.links.revoke(link_id)
    announce(events, link.client_id, "link revoked")
    return link


@logged("links-listed")
def client_links(store: ProgressStore, client_id: int) -> list[ClientLink]:
    """One client's links, newest first (never their keys)."""
    return store.links.of_client(client_id)


def all_links(store: ProgressStore) -> list[ClientLink]:
    """Every client's links, newest first (never their keys)."""
    return store.links.all()
