"""Putting the synthetic demo clients into a store."""

from __future__ import annotations

from stretchkit.catalog import default_catalog
from stretchkit.demo import demo_clients
from stretchkit.screening import screen
from stretchkit.store import Store

__all__ = ["seed_demo_data"]


def seed_demo_data(store: Store, count: int = 6) -> int:
    """Add the demo clients the store does not have yet (matched by name), each with a first
    screening; return how many were added."""
    existing = {c.name for c in store.clients.all()}
    added = 0
    for demo in demo_clients(count):
        if demo.details.name not in existing:
            client = store.clients.add(demo.details, created=demo.joined)
            store.screenings.add(client.id, screen(demo.intake, default_catalog()))
            added += 1
    return added
