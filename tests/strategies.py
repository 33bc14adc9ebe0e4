"""Hypothesis strategies for stretchkit values."""

from __future__ import annotations

import dataclasses
from dataclasses import fields
from datetime import date, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from stretchkit.catalog import HoldRange, Stretch, default_catalog
from stretchkit.catalog.model import MAX_HOLD_S
from stretchkit.planning.planner import GOALS
from stretchkit.planning.prescription import Prescription, Side, Target
from stretchkit.planning.routine import (
    BUDGET_RANGE,
    DAYS_RANGE,
    WARM_UP_RANGE,
    Routine,
    RoutineItem,
)
from stretchkit.progress.back_feel import RATING_PLACES, BackRating
from stretchkit.progress.history import History, HoldRecord, SessionRecord
from stretchkit.progress.outcomes import FIELD_TESTS, Measurement
from stretchkit.screening.intake import (
    CLEARABLE,
    DUE_DATE_AFTER,
    DUE_DATE_BEFORE,
    INJURY_KINDS,
    MAX_AGE,
    MIN_AGE,
    SURGERY_SITES,
    Clearance,
    Injury,
    Intake,
    trimester_on,
)
from stretchkit.session.log import (
    MAX_REPS,
    PLACES,
    SENSATION_RANGE,
    SESSION_STATUSES,
    HoldEntry,
)
from tests.today import TODAY

BOOLEAN_FIELDS = [f.name for f in fields(Intake) if f.type == "bool"]
CONTRAINDICATION_FLAGS = [
    name for name in BOOLEAN_FIELDS if name not in ("reduced_flexibility", "warm_up_possible")
]
"""Intake fields that each add one contraindication when set to True."""

injuries = st.builds(
    Injury,
    body_part=st.sampled_from(sorted(default_catalog().body_parts)),
    kind=st.sampled_from(INJURY_KINDS),
)


issuers = st.sampled_from(("", "  ", "Dr Okafor", "A. Physio")) | st.text(max_size=40)
"""Who issued a clearance: a name, blank, or any text."""


@st.composite
def clearances(draw: st.DrawFn, taken_on: date) -> Clearance:
    """A clearance issued on or before the screening date: of any age (recent, about a year,
    years old), named or not."""
    recent = st.dates(min_value=taken_on - timedelta(days=400), max_value=taken_on)
    issued_on = draw(recent | st.dates(min_value=date(2015, 1, 1), max_value=taken_on))
    covers = draw(st.lists(st.sampled_from(CLEARABLE), min_size=1, unique=True))
    return Clearance(issued_on, tuple(covers), draw(issuers))


def due_dates(taken_on: date) -> st.SearchStrategy[date]:
    """A due date a pregnancy screened on `taken_on` can have (any trimester, or past due)."""
    return st.dates(min_value=taken_on - DUE_DATE_BEFORE, max_value=taken_on + DUE_DATE_AFTER)


@st.composite
def pregnancies(draw: st.DrawFn, taken_on: date) -> tuple[int | None, date | None]:
    """Not pregnant; a due date alone or with its trimester; or, as older screenings were
    stored, a trimester with no due date."""
    kind = draw(st.sampled_from(("none", "due", "both", "trimester")))
    if kind == "none":
        return None, None
    if kind == "trimester":
        return draw(st.integers(1, 3)), None
    due = draw(due_dates(taken_on))
    return (trimester_on(due, taken_on) if kind == "both" else None), due


@st.composite
def intakes(draw: st.DrawFn) -> Intake:
    """Any valid intake a trainer could record, dated between 2020 and today."""
    taken_on = draw(st.dates(min_value=date(2020, 1, 1), max_value=TODAY))
    trimester, due_on = draw(pregnancies(taken_on))
    surgery = draw(st.none() | st.sampled_from(SURGERY_SITES))
    surgery_on = draw(st.none() | st.dates(taken_on - timedelta(days=400), taken_on))
    return Intake(
        taken_on=taken_on,
        age=draw(st.integers(MIN_AGE, MAX_AGE)),
        parq=tuple(draw(st.lists(st.booleans(), min_size=7, max_size=7))),
        injuries=tuple(draw(st.lists(injuries, max_size=4))),
        recent_surgery=surgery,
        recent_surgery_on=surgery_on if surgery else None,
        pregnancy_trimester=trimester,
        pregnancy_due_on=due_on,
        clearance=draw(st.none() | clearances(taken_on)),
        notes=draw(st.text(max_size=200)),
        **{name: draw(st.booleans()) for name in BOOLEAN_FIELDS},
    )


# --- routines, prescriptions and logs ------------------------------------------------------

CATALOG = default_catalog()


@st.composite
def hold_ranges(draw: st.DrawFn, low: int = 1, high: int = 120) -> HoldRange:
    """A safe hold range between `low` and `high` seconds."""
    min_s = draw(st.integers(low, high))
    return HoldRange(min_s, draw(st.integers(min_s, high)))


@st.composite
def prescriptions(
    draw: st.DrawFn, stretch: Stretch | None = None, max_rest_s: int = 30
) -> Prescription:
    """A valid prescription for a catalog stretch: any holds within any safe range."""
    stretch = stretch or draw(st.sampled_from(CATALOG.stretches))
    bounds = draw(hold_ranges())
    sides: tuple[Side, ...] = ("left", "right") if stretch.per_side else ("",)
    holds = st.integers(bounds.min_s, bounds.max_s)
    return Prescription(
        stretch_id=stretch.id,
        targets=tuple(Target(side, draw(holds)) for side in sides),
        reps=draw(st.integers(stretch.reps.min_reps, stretch.reps.max_reps)),
        rep_range=stretch.reps,
        bounds=bounds,
        rest_s=draw(st.integers(0, max_rest_s)),
        basis=tuple(draw(st.lists(st.text(max_size=30), max_size=2))),
    )


@st.composite
def routines(draw: st.DrawFn, min_items: int = 0, max_items: int | None = None) -> Routine:
    """A valid routine of distinct catalog stretches in any order, with any settings."""
    stretches = draw(st.permutations(CATALOG.stretches))
    count = draw(st.integers(min_items, len(stretches) if max_items is None else max_items))
    items = tuple(
        RoutineItem(
            draw(prescriptions(stretch)),
            draw(st.text(max_size=40)),
            tuple(draw(st.lists(st.text(max_size=30), max_size=2))),
        )
        for stretch in stretches[:count]
    )
    return Routine(
        items,
        tuple(draw(st.lists(st.sampled_from([g.id for g in GOALS]), unique=True))),
        draw(st.integers(*BUDGET_RANGE)),
        draw(st.integers(*DAYS_RANGE)),
        draw(st.integers(*WARM_UP_RANGE)),
        tuple(draw(st.lists(st.text(max_size=40), max_size=3))),
    )


@st.composite
def hold_entries(
    draw: st.DrawFn, stretch_id: str = "seated-thoracic-flexion", side: Side = ""
) -> HoldEntry:
    """A valid logged hold of one stretch and side."""
    reps_planned = draw(st.integers(1, MAX_REPS))
    return HoldEntry(
        stretch_id,
        side,
        draw(st.integers(1, reps_planned)),
        reps_planned,
        draw(st.integers(1, MAX_HOLD_S)),
        draw(st.integers(0, MAX_HOLD_S)),
        draw(st.none() | st.integers(*SENSATION_RANGE)),
        draw(st.booleans()),
    )


# --- damaged JSON ------------------------------------------------------------------------


def json_values(
    integers: st.SearchStrategy[int] | None = None, size: int = 5, leaves: int = 20
) -> st.SearchStrategy[Any]:
    """Any JSON-like value: scalars, lists and objects nested to a few levels."""
    numbers = st.integers() if integers is None else integers
    scalars = st.none() | st.booleans() | numbers | st.floats()
    return st.recursive(
        scalars | st.text(max_size=2 * size),
        lambda children: (
            st.lists(children, max_size=size)
            | st.dictionaries(st.text(max_size=2 * size), children, max_size=size)
        ),
        max_leaves=leaves,
    )


def paths(value: object, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path to a value nested in dicts and lists."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


# --- histories -----------------------------------------------------------------------------

HISTORY_TODAY = date(2026, 6, 1)
"""A day after every history drawn below: pass it as `today` when reading them back."""

utc_offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
history_notes = st.text(max_size=60) | st.sampled_from(
    ("=SUM(A1:A9)", "+44 20", "-5 s", "@home", "'=x", "''", "'quoted", 'a,b\n"c"\r\nd', "\tx", " ")
)


@st.composite
def moments(draw: st.DrawFn) -> datetime:
    """An aware moment at whole seconds between 2000 and 2025, with a fixed UTC offset."""
    naive = draw(st.datetimes(min_value=datetime(2000, 1, 3), max_value=datetime(2025, 12, 30)))
    return naive.replace(microsecond=0, tzinfo=draw(utc_offsets))


def _later(draw: st.DrawFn, moment: datetime, hours: int) -> datetime:
    """A moment up to `hours` after another, told in any offset."""
    later = moment + timedelta(seconds=draw(st.integers(0, hours * 3600)))
    return later.astimezone(draw(utc_offsets))


@st.composite
def hold_records(draw: st.DrawFn, started: datetime) -> HoldRecord:
    """A hold of a catalog stretch (sides as the stretch has them), logged after `started`."""
    stretch = draw(st.sampled_from(CATALOG.stretches))
    side: Side = draw(st.sampled_from(("left", "right"))) if stretch.per_side else ""
    return HoldRecord(_later(draw, started, 2), draw(hold_entries(stretch.id, side)))


@st.composite
def session_records(draw: st.DrawFn) -> SessionRecord:
    """A session with any place, status, end, note and up to four holds."""
    started = draw(moments())
    ended = _later(draw, started, 4) if draw(st.booleans()) else None
    return SessionRecord(
        started,
        draw(st.sampled_from(PLACES)),
        draw(st.sampled_from(SESSION_STATUSES)),
        ended,
        draw(history_notes),
        tuple(draw(st.lists(hold_records(started), max_size=4))),
    )


@st.composite
def measurements(draw: st.DrawFn) -> Measurement:
    """A field test result within the test's range, measured between 2000 and 2025."""
    test = draw(st.sampled_from(FIELD_TESTS))
    side: Side = draw(st.sampled_from(("left", "right"))) if test.sided else ""
    value = draw(st.floats(test.low, test.high, allow_nan=False))
    day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2025, 12, 31)))
    return Measurement(test.id, side, value, day, draw(history_notes))


@st.composite
def back_ratings(draw: st.DrawFn) -> BackRating:
    """A back rating at any moment and place, each score 0-10."""
    score = st.integers(0, 10)
    place = draw(st.sampled_from(RATING_PLACES))
    return BackRating(draw(moments()), draw(score), draw(score), place)


@st.composite
def histories(draw: st.DrawFn) -> History:
    """A valid history: sessions with distinct starts, oldest first, measurements, and back
    ratings oldest first (at distinct moments, so their order is the same however read)."""
    sessions = draw(st.lists(session_records(), max_size=5, unique_by=lambda s: s.started))
    ratings = draw(st.lists(back_ratings(), max_size=3, unique_by=lambda r: r.rated))
    return History(
        tuple(sorted(sessions, key=lambda s: s.started)),
        tuple(draw(st.lists(measurements(), max_size=4))),
        tuple(sorted(ratings, key=lambda r: r.rated)),
    )


NUL = "\x00"
"""A NUL character, which no one types and PostgreSQL's text cannot hold: the store refuses
it on both engines, naming the field. The store's round trips try it explicitly, as well as
whatever Hypothesis draws."""


def has_nul(value: object) -> bool:
    """Whether any text inside a value (a string, a collection, a dataclass) holds a NUL
    character, which the store refuses on both engines."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(has_nul(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(has_nul(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False
