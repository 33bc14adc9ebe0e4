"""Dose check: a routine and a week of sessions against the flexibility guidance, as advice.

ACSM suggests about 60 s in total per stretch per session and stretching on at least 2-3 days
a week; the articles ask for a 5-10 minute warm-up first. The check never forbids anything: it
tells the trainer, in plain words, where a plan falls short of the guidance or goes beyond it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from stretchkit.catalog import Catalog
from stretchkit.planning.planner import session_minutes
from stretchkit.planning.routine import Routine, RoutineItem
from stretchkit.plurals import counted

__all__ = ["Advice", "check_routine", "check_week", "week_of"]

Level = Literal["ok", "advice"]
SHORT_SHARE = 0.8
"""Below 80% of the suggested total per stretch is 'short' (ACSM says 'about' 60 s)."""
LONG_SHARE = 2.0


@dataclass(frozen=True)
class Advice:
    """One line of the dose check: fine ('ok') or worth a look ('advice'), with its source."""

    level: Level
    text: str
    source: str


def _no_room_for_a_repetition(routine: Routine, item: RoutineItem, catalog: Catalog) -> bool:
    """True when one more repetition of the item is allowed but would not fit in the
    routine's time budget (the planner gave it fewer to fit)."""
    rx = item.prescription
    if rx.reps >= rx.rep_range.max_reps:
        return False
    more = replace(item, prescription=rx.with_reps(rx.reps + 1))
    trial = routine.with_items(tuple(more if i is item else i for i in routine.items))
    return session_minutes(trial, catalog) > routine.budget_min


def _short(
    routine: Routine, item: RoutineItem, catalog: Catalog, said: str, target: float
) -> Advice:
    """A stretch below about `target` s: kept so to fit the time budget (said as a fact), or
    worth a look, with what can be done."""
    rx = item.prescription
    if _no_room_for_a_repetition(routine, item, catalog):
        return Advice(
            "ok",
            f"{said}, with {counted(rx.reps, 'repetition')} to fit the "
            f"{routine.budget_min}-minute session (about {target:g} s is suggested: a longer "
            "time budget makes room for another).",
            "acsm",
        )
    longest = rx.bounds.max_s * rx.rep_range.max_reps
    hint = (
        "add a repetition or hold longer as the client progresses"
        if longest >= SHORT_SHARE * target
        else f"this client's safe range allows at most {longest} s"
    )
    return Advice("advice", f"{said}; about {target:g} s is suggested: {hint}.", "acsm")


def _per_stretch(routine: Routine, catalog: Catalog) -> list[Advice]:
    guide = catalog.guideline("acsm-total-per-stretch")
    target = guide.low or 60
    out = []
    for item in routine.items:
        rx, name = item.prescription, catalog.stretch(item.stretch_id).name
        totals = [rx.total_hold_s(side) for side in rx.sides]
        if len(set(totals)) == 1:
            each = " on each side" if rx.per_side else ""
            amount = f"{totals[0]} s in total{each}"
        else:  # each side is checked on its own: the shorter one may fall short
            sides = zip(rx.sides, totals, strict=True)
            amount = " and ".join(f"{t} s on the {side}" for side, t in sides) + " in total"
        said = f"{name}: {rx.text} is {amount}"
        if min(totals) < SHORT_SHARE * target:
            out.append(_short(routine, item, catalog, said, target))
        elif max(totals) > LONG_SHARE * target:
            out.append(
                Advice("advice", f"{said}, well over the about {target:g} s suggested.", "acsm")
            )
        else:
            out.append(Advice("ok", f"{said}, close to the about {target:g} s suggested.", "acsm"))
    return out


def _frequency(days: int, catalog: Catalog) -> Advice:
    guide = catalog.guideline("acsm-frequency")
    least = int(guide.low or 2)
    if days < least:
        return Advice(
            "advice",
            f"{counted(days, 'day')} a week is below the {guide.range_text} "
            "or more that ACSM recommends.",
            "acsm",
        )
    return Advice("ok", f"{days} days a week meets ACSM's {guide.range_text} or more.", "acsm")


def _warm_up(minutes: int, catalog: Catalog) -> Advice:
    """A routine always has 5-10 minutes of warm-up (stretchkit.planning.routine.WARM_UP_RANGE)."""
    guide = catalog.guideline("warm-up")
    sources = ", ".join(guide.sources)
    return Advice(
        "ok",
        f"{counted(minutes, 'minute')} of warm-up first ({guide.range_text}), as the articles ask.",
        sources,
    )


def check_routine(routine: Routine, catalog: Catalog) -> tuple[Advice, ...]:
    """Advice on one session of the routine and on its days per week."""
    return (
        _warm_up(routine.warm_up_min, catalog),
        *_per_stretch(routine, catalog),
        _frequency(routine.days_per_week, catalog),
    )


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def check_week(
    session_days: Iterable[date],
    today: date,
    planned: int,
    catalog: Catalog,
    *,
    since: date | None = None,
) -> Advice:
    """Sessions so far this week (days with at least one session) against plan and ACSM. A
    client who started this week (`since`, their first day) is asked only for the days left
    in it from that day: never told on day one that the week cannot reach its days."""
    monday, sunday = week_of(today)
    if since is not None and monday < since <= today:
        return _first_week(session_days, today, since, planned, catalog)
    days = {d for d in session_days if monday <= d <= sunday}
    done = len(days)
    wanted = max(planned, _least(catalog))
    said = f"This week: {done} of {counted(planned, 'planned session day')}"
    return _against(done, _days_left(days, today), wanted, said, "advice")


def _least(catalog: Catalog) -> int:
    return int(catalog.guideline("acsm-frequency").low or 2)


def _days_left(days: set[date], today: date) -> int:
    """Days from today to Sunday that could still become session days: not today if it has
    one."""
    sunday = week_of(today)[1]
    return (sunday - today).days + 1 - len({d for d in days if d >= today})


def _against(done: int, days_left: int, wanted: int, said: str, short: Level) -> Advice:
    """Done against wanted: on track, days to go (at level `short`), or out of reach."""
    if done >= wanted:
        return Advice("ok", f"{said}: on track.", "acsm")
    if done + days_left < wanted:
        return Advice(
            "advice", f"{said}: the week cannot reach {counted(wanted, 'day')} any more.", "acsm"
        )
    return Advice(short, f"{said}: {counted(wanted - done, 'more day')} to go.", "acsm")


def _first_week(
    session_days: Iterable[date], today: date, since: date, planned: int, catalog: Catalog
) -> Advice:
    """The client's first week counts from their first day: as many of the planned days as
    the rest of the week holds."""
    sunday = week_of(today)[1]
    days = {d for d in session_days if since <= d <= sunday}
    wanted = min(max(planned, _least(catalog)), (sunday - since).days + 1)
    said = f"First week, from {since:%A}: {len(days)} of {counted(wanted, 'session day')}"
    return _against(len(days), _days_left(days, today), wanted, said, "ok")
