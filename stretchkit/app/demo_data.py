"""Putting the synthetic demo clients into a store."""

from __future__ import annotations

from stretchkit.catalog import default_catalog
from stretchkit.demo import demo_clients
from stretchkit.planner import plan
from stretchkit.screening import screen
from stretchkit.store import Store

__all__ = ["DEMO_BUDGET_MIN", "seed_demo_data"]

DEMO_BUDGET_MIN = 20


def seed_demo_data(store: Store, count: int = 6) -> int:
    """Add the demo clients the store does not have yet (matched by name), each with a first
    screening and, where it allows stretching, a routine for their goals; return how many
    were added."""
    catalog = default_catalog()
    existing = {c.name for c in store.clients.all()}
    added = 0
    for demo in demo_clients(count):
        if demo.details.name not in existing:
            client = store.clients.add(demo.details, created=demo.joined)
            result = screen(demo.intake, catalog)
            store.screenings.add(client.id, result)
            if result.allowed():
                routine = plan(result, catalog, goals=demo.goals, budget_min=DEMO_BUDGET_MIN)
                store.routines.save(client.id, routine, at=demo.joined)
            added += 1
    return added
