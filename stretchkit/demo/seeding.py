"""Putting the synthetic demo clients into a store, each with months of history.

Each of the six demo clients tells a story the trainer's views should show: one comes
steadily and improves clearly, one has drifted off lately, one stopped coming a few weeks
ago, one had a pain flag a few months back and was screened again, one improves no more than
measurement error, and one answered yes to a PAR-Q question and waits for clearance.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.demo.people import DEMO_SEED, DemoClient, demo_clients
from stretchkit.demo.synthetic_history import DemoProfile, demo_history, rescreen_days
from stretchkit.errors import ValidationError
from stretchkit.planning.planner import plan
from stretchkit.planning.routine import Routine
from stretchkit.progress.history import History
from stretchkit.screening import Screening, screen
from stretchkit.screening.intake import Intake
from stretchkit.screening.validity import expires_on
from stretchkit.store.protocol import ProgressStore

__all__ = [
    "AWAITING_DAYS",
    "DEMO_BUDGET_MIN",
    "DEMO_STORIES",
    "DemoStory",
    "SyntheticClient",
    "add_synthetic_client",
    "demo_story_client",
    "seed_demo_data",
]

DEMO_BUDGET_MIN = 20
AWAITING_DAYS = 14
"""How many days before today a client still waiting for their clearance was screened, when
the demo's own day for it would leave that screening expired by today (stretchkit's own
default): the demo gives the same story on any day."""


@dataclass(frozen=True)
class DemoStory:
    """How one demo client's months went, whether their clearance is still to come (their
    intake is saved without it), and their seed (None: from their place in the list)."""

    profile: DemoProfile
    awaiting_clearance: bool = False
    seed: int | None = None


DEMO_STORIES: tuple[DemoStory, ...] = (
    DemoStory(DemoProfile(adherence=0.9, late_adherence=0.2, gain=0.25)),
    DemoStory(DemoProfile(adherence=0.85, gain=0.0, noise=0.6), seed=DEMO_SEED + 3001),
    DemoStory(DemoProfile(adherence=0.75, lapsed_days=16, gain=0.15)),
    DemoStory(DemoProfile(adherence=0.95, gain=0.35, home_share=0.3)),
    DemoStory(DemoProfile(), awaiting_clearance=True),
    DemoStory(DemoProfile(adherence=0.85, pain_days_before_end=100, gain=0.3)),
)
"""Per demo client, in `demo_clients()` order: slipping lately; steady but within measurement
error (its seed chosen so that every reading up to 2028 stays within the error of the first);
lapsed; steady and improving clearly; waiting for clearance (no routine, no history); a pain
episode about three months back, then screened again."""
_STEADY = DemoStory(DemoProfile())


@dataclass(frozen=True)
class SyntheticClient:
    """An invented client to store: who, when they joined, their first screening, what to
    plan for them and how their history goes until `until` (the day after the last one)."""

    details: ClientDetails
    joined: datetime
    intake: Intake
    profile: DemoProfile
    until: date
    seed: int
    goals: tuple[str, ...] = ()
    budget_min: int = DEMO_BUDGET_MIN
    days_per_week: int = 3


def _local_zone() -> tzinfo:
    """This computer's UTC offset now: demo sessions show at plausible local hours."""
    return datetime.now().astimezone().tzinfo or UTC


def _planned(catalog: Catalog, first: Screening, client: SyntheticClient) -> Routine:
    """The client's first routine: for their goals, minutes and days a week."""
    return plan(
        first,
        catalog,
        goals=client.goals,
        budget_min=client.budget_min,
        days_per_week=client.days_per_week,
    )


def add_synthetic_client(
    store: ProgressStore, catalog: Catalog, client: SyntheticClient
) -> History:
    """Store the client, their first screening and, when it allows stretching, a routine,
    its history and the re-screens that let them carry on; return the history stored."""
    saved = store.clients.add(client.details, created=client.joined)
    first = screen(client.intake, catalog)
    store.screenings.add(saved.id, first)
    if not first.allowed():
        return History()
    routine = _planned(catalog, first, client)
    routine_id = store.routines.save(saved.id, routine, at=client.joined).id
    history = demo_history(
        routine,
        start=client.joined.date() + timedelta(days=1),
        end=client.until,
        rng_seed=client.seed,
        profile=client.profile,
        zone=_local_zone(),
        catalog=catalog,
    )
    store.history.add(saved.id, history, routine_id=routine_id)
    for day in rescreen_days(history, client.intake.taken_on):
        store.screenings.add(saved.id, screen(_screened_again(client.intake, day), catalog))
    return history


def _screened_again(intake: Intake, day: date) -> Intake:
    """The same answers on a later day, with any written clearance renewed that day (a
    clearance counts for 12 months only)."""
    clearance = intake.clearance and replace(intake.clearance, issued_on=day)
    notes = "Screened again: nothing new to report."
    return replace(intake, taken_on=day, clearance=clearance, notes=notes)


def _screened_lately(demo: DemoClient, today: date) -> DemoClient:
    """The demo client as they are, or, when their first screening would have expired by
    `today`, screened (and joined) `AWAITING_DAYS` before it, at the same hour."""
    if expires_on(demo.intake.taken_on) > today:
        return demo
    joined = demo.joined + timedelta(days=(today - demo.joined.date()).days - AWAITING_DAYS)
    return replace(demo, joined=joined, intake=replace(demo.intake, taken_on=joined.date()))


def _story_client(demo: DemoClient, index: int, today: date) -> SyntheticClient:
    """A demo client with their story: the clearance held back when it has not come yet
    (their screening then a recent one, as they have no sessions to be screened again at)."""
    story = DEMO_STORIES[index] if index < len(DEMO_STORIES) else _STEADY
    if story.awaiting_clearance:
        demo = _screened_lately(demo, today)
    intake = replace(demo.intake, clearance=None) if story.awaiting_clearance else demo.intake
    return SyntheticClient(
        details=demo.details,
        joined=demo.joined,
        intake=intake,
        profile=story.profile,
        until=today,
        seed=DEMO_SEED + index if story.seed is None else story.seed,
        goals=demo.goals,
    )


def demo_story_client(name: str, today: date, count: int = 6) -> SyntheticClient:
    """The demo client of that name (one of the first `count`) with their story up to
    `today`, as `seed_demo_data` adds them."""
    for index, demo in enumerate(demo_clients(count)):
        if demo.details.name == name:
            return _story_client(demo, index, today)
    raise ValidationError("name", name, "no demo client has this name")


def seed_demo_data(store: ProgressStore, count: int = 6, today: date | None = None) -> int:
    """Add the demo clients the store does not have yet (matched by name), each with a first
    screening and, where it allows stretching, a routine for their goals and their history
    up to `today` (default: today); return how many were added."""
    catalog = default_catalog()
    today = today or date.today()
    existing = {c.name for c in store.clients.all()}
    added = 0
    for index, demo in enumerate(demo_clients(count)):
        if demo.details.name not in existing:
            add_synthetic_client(store, catalog, _story_client(demo, index, today))
            added += 1
    return added
