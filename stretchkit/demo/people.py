"""Synthetic demo clients: invented people, generated the same way every time."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from stretchkit.clients import ClientDetails
from stretchkit.screening.intake import Clearance, Injury, Intake

__all__ = ["DEMO_SEED", "DemoClient", "demo_clients", "intake_variants"]

DEMO_SEED = 20261121
_FIRST = ("Robin", "Avery", "Jules", "Morgan", "Sasha", "Noor", "Kai", "Elliot", "Rowan", "Tamsin")
_LAST = ("Ashdown", "Brightwater", "Calloway", "Dunmore", "Elderfield", "Fairbrook", "Greystone")
_GOALS: tuple[tuple[str, ...], ...] = (
    ("posture",),
    ("rotation",),
    ("lower-back",),
    ("chest-opening", "posture"),
    (),
    ("posture",),
)
"""The planner goals that match each note below."""
_NOTES = (
    "Desk job; stiff upper back by the end of the week.",
    "Keen cyclist; wants more rotation for shoulder checks.",
    "Gardener; lower back tight after weekends.",
    "Swimmer; working on chest opening and posture.",
    "New to stretching; prefers gentle holds.",
    "Office worker; goal: sit taller without effort.",
)

_CLIENT_NOTES = {
    "": (
        "Breathe out slowly as you ease into each hold.",
        "Keep every hold gentle: a stretch, never pain.",
    ),
    "es": (
        "Suelta el aire despacio al entrar en cada estiramiento.",
        "Mantén cada estiramiento suave: estirar, nunca sentir dolor.",
    ),
    "de": (
        "Atme langsam aus, während du in jede Dehnung gehst.",
        "Halte jede Dehnung sanft: ein Ziehen, nie ein Schmerz.",
    ),
}
"""What the demo trainer writes for each client to read (synthetic), in the client's
language."""
_LANGUAGES = {1: "es", 2: "de"}
"""The demo's Spanish- and German-speaking clients (by their place among the demo clients):
their page, handout and calendar are in their language; the others follow their phone."""


@dataclass(frozen=True)
class DemoClient:
    """A synthetic client, the date they joined, their first screening and their goals."""

    details: ClientDetails
    joined: datetime
    intake: Intake
    goals: tuple[str, ...] = ()


def intake_variants(day: date) -> tuple[dict[str, object], ...]:
    """Varied but plausible first screening answers (Intake keywords) for a screening on `day`:
    cleared, or allowed with cautions."""
    return (
        {},
        {"hypermobility": True},
        {"injuries": (Injury("shoulder", "strain"),)},
        {"lower_back_pain": True, "reduced_flexibility": True},
        {"parq": (True, *(False,) * 6), "clearance": Clearance(day, ("par-q",), "Demo GP")},
        {"reduced_flexibility": True},
    )


def _demo_intake(index: int, age: int, on: datetime) -> Intake:
    """A varied but plausible first screening: most clients cleared, a few with cautions."""
    day = on.date()
    variants = intake_variants(day)
    return Intake(day, age, **variants[index % len(variants)])  # type: ignore[arg-type]


def demo_clients(count: int = 6, seed: int = DEMO_SEED) -> tuple[DemoClient, ...]:
    """`count` invented clients with unique names, identical for the same seed."""
    rng = random.Random(seed)
    names = [f"{first} {last}" for first in _FIRST for last in _LAST]
    rng.shuffle(names)
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    return tuple(_demo_client(name, i, rng, start) for i, name in enumerate(names[:count]))


def _demo_client(name: str, index: int, rng: random.Random, start: datetime) -> DemoClient:
    first, last = name.lower().split()
    language = _LANGUAGES.get(index, "")
    details = ClientDetails(
        name=name,
        contact=f"{first}.{last}@example.org",
        notes=f"Synthetic demo client. {_NOTES[index % len(_NOTES)]}",
        client_note=_CLIENT_NOTES[language][index % 2],
        language=language,
    )
    joined = start + timedelta(days=rng.randrange(0, 60), hours=index)
    intake = _demo_intake(index, rng.randrange(24, 78), joined)
    return DemoClient(details, joined, intake, _GOALS[index % len(_GOALS)])
