"""Putting the synthetic demo clients into a store."""

from __future__ import annotations

from stretchkit.demo import demo_clients
from stretchkit.store import Store

__all__ = ["seed_demo_data"]


def seed_demo_data(store: Store, count: int = 6) -> int:
    """Add the demo clients the store does not have yet (matched by name); return how many."""
    existing = {c.name for c in store.clients.all()}
    added = 0
    for demo in demo_clients(count):
        if demo.details.name not in existing:
            store.clients.add(demo.details, created=demo.joined)
            added += 1
    return added
