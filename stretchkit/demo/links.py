"""Fresh dashboard links for the synthetic demo clients, printed when the demo starts."""

from __future__ import annotations

from stretchkit.demo.people import demo_clients
from stretchkit.link_tokens import link_url
from stretchkit.store.protocol import ProgressStore

__all__ = ["DEMO_LINK_LABEL", "demo_links"]

DEMO_LINK_LABEL = "demo link"


def demo_links(store: ProgressStore, base_url: str) -> list[tuple[str, str]]:
    """For each demo client in the store: revoke their previous demo link, make a new one;
    return (name, link) pairs. Only demo clients get links this way."""
    names = {d.details.name for d in demo_clients()}
    made = []
    for client in store.clients.all():
        if client.name not in names:
            continue
        store.links.revoke_labelled(client.id, DEMO_LINK_LABEL)
        _link, token = store.links.create(client.id, DEMO_LINK_LABEL)
        made.append((client.name, link_url(base_url, token)))
    return made
