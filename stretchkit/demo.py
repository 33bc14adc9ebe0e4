"""Synthetic demo clients: invented people, generated the same way every time."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from stretchkit.clients import ClientDetails

__all__ = ["DEMO_SEED", "DemoClient", "demo_clients"]

DEMO_SEED = 20261121
_FIRST = ("Robin", "Avery", "Jules", "Morgan", "Sasha", "Noor", "Kai", "Elliot", "Rowan", "Tamsin")
_LAST = ("Ashdown", "Brightwater", "Calloway", "Dunmore", "Elderfield", "Fairbrook", "Greystone")
_NOTES = (
    "Desk job; stiff upper back by the end of the week.",
    "Keen cyclist; wants more rotation for shoulder checks.",
    "Gardener; lower back tight after weekends.",
    "Swimmer; working on chest opening and posture.",
    "New to stretching; prefers gentle holds.",
    "Office worker; goal: sit taller without effort.",
)


@dataclass(frozen=True)
class DemoClient:
    """A synthetic client and the date they joined the studio."""

    details: ClientDetails
    joined: datetime


def demo_clients(count: int = 6, seed: int = DEMO_SEED) -> tuple[DemoClient, ...]:
    """`count` invented clients with unique names, identical for the same seed."""
    rng = random.Random(seed)
    names = [f"{first} {last}" for first in _FIRST for last in _LAST]
    rng.shuffle(names)
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    return tuple(_demo_client(name, i, rng, start) for i, name in enumerate(names[:count]))


def _demo_client(name: str, index: int, rng: random.Random, start: datetime) -> DemoClient:
    first, last = name.lower().split()
    details = ClientDetails(
        name=name,
        contact=f"{first}.{last}@example.org",
        notes=f"Synthetic demo client. {_NOTES[index % len(_NOTES)]}",
    )
    return DemoClient(details, start + timedelta(days=rng.randrange(0, 60), hours=index))
