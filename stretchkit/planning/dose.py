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

from stretchkit.catalog import Catalog, Guideline
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import N_, _, ngettext, pgettext
from stretchkit.i18n.formatting import weekday_name
from stretchkit.planning.planner import session_minutes
from stretchkit.planning.prescription import Prescription
from stretchkit.planning.routine import Routine, RoutineItem

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


_UNITS = {"days/week": N_("days/week")}
"""A guideline's unit as the reader's language writes it ('min' and 's' read alike)."""


def _range_text(guide: Guideline) -> str:
    """The guideline's figure ('2-3 days/week') in the reader's language."""
    text = guide.range_text
    if guide.unit in _UNITS:
        return text.removesuffix(guide.unit) + _(_UNITS[guide.unit])
    return text


def _short(
    routine: Routine, item: RoutineItem, catalog: Catalog, said: str, target: float
) -> Advice:
    """A stretch below about `target` s: kept so to fit the time budget (said as a fact), or
    worth a look, with what can be done."""
    rx = item.prescription
    if _no_room_for_a_repetition(routine, item, catalog):
        text = ngettext(
            "{said}, with %(num)d repetition to fit the {budget}-minute session (about "
            "{target} s is suggested: a longer time budget makes room for another).",
            "{said}, with %(num)d repetitions to fit the {budget}-minute session (about "
            "{target} s is suggested: a longer time budget makes room for another).",
            rx.reps,
        ) % {"num": rx.reps}
        return Advice(
            "ok", text.format(said=said, budget=routine.budget_min, target=f"{target:g}"), "acsm"
        )
    longest = rx.bounds.max_s * rx.rep_range.max_reps
    hint = (
        _("add a repetition or hold longer as the client progresses")
        if longest >= SHORT_SHARE * target
        else _("this client's safe range allows at most {seconds} s").format(seconds=longest)
    )
    text = _("{said}; about {target} s is suggested: {hint}.")
    return Advice("advice", text.format(said=said, target=f"{target:g}", hint=hint), "acsm")


def _amount(rx: Prescription) -> tuple[str, list[int]]:
    """How long the stretch is held in all: '60 s in total on each side'."""
    totals = [rx.total_hold_s(side) for side in rx.sides]
    if len(set(totals)) == 1:
        each = _("{seconds} s in total on each side") if rx.per_side else _("{seconds} s in total")
        return each.format(seconds=totals[0]), totals
    # each side is checked on its own: the shorter one may fall short
    sides = zip(rx.sides, totals, strict=True)
    amounts = _(" and ").join(
        _("{seconds} s on the {side}").format(seconds=t, side=pgettext("side", side))
        for side, t in sides
    )
    return _("{amounts} in total").format(amounts=amounts), totals


def _per_stretch(routine: Routine, catalog: Catalog) -> list[Advice]:
    guide = catalog.guideline("acsm-total-per-stretch")
    target = guide.low or 60
    out = []
    for item in routine.items:
        rx, name = item.prescription, catalog_text(catalog.stretch(item.stretch_id).name)
        amount, totals = _amount(rx)
        said = _("{name}: {dose} is {amount}").format(name=name, dose=rx.text, amount=amount)
        if min(totals) < SHORT_SHARE * target:
            out.append(_short(routine, item, catalog, said, target))
        elif max(totals) > LONG_SHARE * target:
            text = _("{said}, well over the about {target} s suggested.")
            out.append(Advice("advice", text.format(said=said, target=f"{target:g}"), "acsm"))
        else:
            text = _("{said}, close to the about {target} s suggested.")
            out.append(Advice("ok", text.format(said=said, target=f"{target:g}"), "acsm"))
    return out


def _frequency(days: int, catalog: Catalog) -> Advice:
    guide = catalog.guideline("acsm-frequency")
    least = int(guide.low or 2)
    if days < least:
        text = ngettext(
            "%(num)d day a week is below the {range} or more that ACSM recommends.",
            "%(num)d days a week is below the {range} or more that ACSM recommends.",
            days,
        )
        return Advice("advice", (text % {"num": days}).format(range=_range_text(guide)), "acsm")
    text = ngettext(
        "%(num)d day a week meets ACSM's {range} or more.",
        "%(num)d days a week meets ACSM's {range} or more.",
        days,
    )
    return Advice("ok", (text % {"num": days}).format(range=_range_text(guide)), "acsm")


def _warm_up(minutes: int, catalog: Catalog) -> Advice:
    """A routine always has 5-10 minutes of warm-up (stretchkit.planning.routine.WARM_UP_RANGE)."""
    guide = catalog.guideline("warm-up")
    sources = ", ".join(guide.sources)
    text = ngettext(
        "%(num)d minute of warm-up first ({range}), as the articles ask.",
        "%(num)d minutes of warm-up first ({range}), as the articles ask.",
        minutes,
    )
    return Advice("ok", (text % {"num": minutes}).format(range=_range_text(guide)), sources)


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
    said = ngettext(
        "This week: {done} of %(num)d planned session day",
        "This week: {done} of %(num)d planned session days",
        planned,
    ) % {"num": planned}
    said = said.format(done=done)
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
        return Advice("ok", _("{progress}: on track.").format(progress=said), "acsm")
    if done + days_left < wanted:
        text = ngettext(
            "{progress}: the week cannot reach %(num)d day any more.",
            "{progress}: the week cannot reach %(num)d days any more.",
            wanted,
        ) % {"num": wanted}
        return Advice("advice", text.format(progress=said), "acsm")
    left = wanted - done
    text = ngettext(
        "{progress}: %(num)d more day to go.", "{progress}: %(num)d more days to go.", left
    ) % {"num": left}
    return Advice(short, text.format(progress=said), "acsm")


def _first_week(
    session_days: Iterable[date], today: date, since: date, planned: int, catalog: Catalog
) -> Advice:
    """The client's first week counts from their first day: as many of the planned days as
    the rest of the week holds."""
    sunday = week_of(today)[1]
    days = {d for d in session_days if since <= d <= sunday}
    wanted = min(max(planned, _least(catalog)), (sunday - since).days + 1)
    said = ngettext(
        "First week, from {weekday}: {done} of %(num)d session day",
        "First week, from {weekday}: {done} of %(num)d session days",
        wanted,
    ) % {"num": wanted}
    said = said.format(weekday=weekday_name(since.weekday()), done=len(days))
    return _against(len(days), _days_left(days, today), wanted, said, "ok")
