"""Hundreds of synthetic clients with years of history, to see how a busy studio's store copes.

The clients vary the way real ones do: how often they come and how steadily, how noisy their
holds are and how fast they improve. One in twenty each stopped coming, slipped lately, had a
pain flag days ago (so waits for a re-screen) or long ago, or let their screening expire; so
the trainer's lists have something to show at any size.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from time import perf_counter
from typing import Literal

from stretchkit.catalog import default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.demo.people import intake_variants
from stretchkit.demo.seeding import SyntheticClient, add_synthetic_client
from stretchkit.demo.synthetic_history import DemoProfile
from stretchkit.errors import ValidationError
from stretchkit.planning.planner import GOALS
from stretchkit.progress.history import History
from stretchkit.screening.intake import Intake
from stretchkit.store.protocol import ProgressStore

__all__ = ["MAX_SCALE_CLIENTS", "MAX_SCALE_YEARS", "SCALE_SEED", "ScaleSummary", "seed_scale_data"]

SCALE_SEED = 20260401
MAX_SCALE_CLIENTS = 9999
MAX_SCALE_YEARS = 10.0
_GOAL_IDS = tuple(g.id for g in GOALS)
_BUDGETS = (10, 15, 20, 25, 30)
_DAYS_PER_WEEK = (2, 3, 3, 4)
_NOTE = "Synthetic client for scale tests."
_Situation = Literal["steady", "lapsed", "slipping", "recent-pain", "past-pain", "expired"]
_SITUATIONS: dict[int, _Situation] = {
    1: "lapsed",
    5: "slipping",
    9: "recent-pain",
    13: "past-pain",
    17: "expired",
}


@dataclass(frozen=True)
class ScaleSummary:
    """What a scale run added, and how long it took."""

    clients: int
    sessions: int
    holds: int
    measurements: int
    seconds: float

    def plus(self, history: History) -> ScaleSummary:
        """This summary with one more client and their history."""
        return ScaleSummary(
            self.clients + 1,
            self.sessions + len(history.sessions),
            self.holds + history.hold_count,
            self.measurements + len(history.measurements),
            self.seconds,
        )

    @property
    def text(self) -> str:
        """One line: '500 clients, 110,000 sessions, ... in 20.1 s'."""
        return (
            f"{self.clients:,} clients, {self.sessions:,} sessions, {self.holds:,} holds, "
            f"{self.measurements:,} measurements in {self.seconds:.1f} s"
        )


def _intake(rng: random.Random, day: date) -> Intake:
    """A first screening that allows stretching: mostly cleared, some with cautions."""
    variants = ({}, *intake_variants(day), {"hamstring_tightness": True})
    return Intake(day, rng.randint(22, 80), **rng.choice(variants))  # type: ignore[arg-type]


def _situation(number: int) -> _Situation:
    """Client `number`'s situation: one in twenty each lapsed, slipping, waiting for a
    re-screen after a pain flag days ago, past a pain flag long ago, or expired."""
    return _SITUATIONS.get(number % 20, "steady")


def _pain_days(situation: _Situation, rng: random.Random, span_days: int) -> int | None:
    """Days before the end of the pain flag: days ago (no session since), or long ago."""
    if situation == "recent-pain":
        return rng.randint(3, 7)
    if situation == "past-pain" and span_days >= 90:
        return rng.randint(30, span_days - 30)
    return None


def _profile(situation: _Situation, rng: random.Random, span_days: int) -> DemoProfile:
    """A varied client in their situation: how steady, how noisy, how fast they improve."""
    return DemoProfile(
        adherence=rng.uniform(0.55, 0.95),
        late_adherence=rng.uniform(0.1, 0.4) if situation == "slipping" else None,
        lapsed_days=rng.randint(10, 90) if situation == "lapsed" else 0,
        holidays_per_year=rng.uniform(1.0, 4.0),
        noise=rng.uniform(0.5, 1.5),
        home_share=rng.choice((0.0, 0.1, 0.3)),
        pain_days_before_end=_pain_days(situation, rng, span_days),
        gain=rng.uniform(0.0, 0.35),
    )


def _joined(rng: random.Random, today: date, span_days: int) -> datetime:
    """A moment near the start of the span, in working hours."""
    day = today - timedelta(days=span_days - rng.randrange(min(56, span_days // 5) + 1))
    return datetime.combine(day, time(rng.randint(8, 18)), UTC)


def _client(number: int, rng: random.Random, today: date, span_days: int) -> SyntheticClient:
    """Client `number`; an expired one stopped coming before their first screening ran out
    (only when the span is over a year)."""
    situation = _situation(number)
    joined = _joined(rng, today, span_days)
    until = today
    if situation == "expired" and span_days > 400:
        until = joined.date() + timedelta(days=365 - rng.randint(25, 90))
    tag = f"{number:04d}"
    return SyntheticClient(
        details=ClientDetails(f"Scale client {tag}", f"scale.client.{tag}@example.org", _NOTE),
        joined=joined,
        intake=_intake(rng, joined.date()),
        profile=_profile(situation, rng, span_days),
        until=until,
        seed=rng.randrange(2**31),
        goals=tuple(rng.sample(_GOAL_IDS, rng.randint(0, 2))),
        budget_min=rng.choice(_BUDGETS),
        days_per_week=rng.choice(_DAYS_PER_WEEK),
    )


def _check(clients: int, years: float) -> None:
    """Refuse a client count or a span out of range, naming it."""
    if type(clients) is not int or not 1 <= clients <= MAX_SCALE_CLIENTS:
        raise ValidationError("clients", clients, f"must be a whole number 1-{MAX_SCALE_CLIENTS}")
    if not 0.05 <= years <= MAX_SCALE_YEARS:
        raise ValidationError("years", years, f"must be 0.05 to {MAX_SCALE_YEARS:g}")


def seed_scale_data(
    store: ProgressStore,
    *,
    clients: int,
    years: float,
    today: date,
    seed: int = SCALE_SEED,
    on_progress: Callable[[int, int], None] | None = None,
) -> ScaleSummary:
    """Add `clients` synthetic clients (those not already there, matched by name), each with
    a screening, a routine and about `years` of history up to `today`; the same seed gives
    the same clients. `on_progress(done, total)` is called after each client."""
    _check(clients, years)
    began = perf_counter()
    catalog = default_catalog()
    rng = random.Random(seed)
    span_days = round(years * 365.25)
    existing = {c.name for c in store.clients.all()}
    summary = ScaleSummary(0, 0, 0, 0, 0.0)
    for number in range(1, clients + 1):
        client = _client(number, rng, today, span_days)
        if client.details.name not in existing:
            summary = summary.plus(add_synthetic_client(store, catalog, client))
        if on_progress is not None:
            on_progress(number, clients)
    return replace(summary, seconds=perf_counter() - began)
