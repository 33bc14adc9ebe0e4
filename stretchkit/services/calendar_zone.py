"""A time zone's definition (an iCalendar VTIMEZONE) that every common calendar reads alike.

`icalendar`'s own `add_missing_timezones()` lists every change of a zone's offset on one
multi-valued RDATE line; Mozilla's ical.js (Thunderbird's and many web calendars' parser)
reads only the first value of such a line, and shows a Europe/Berlin session at 18:00 at 19:00
all summer. So the zone is written the way Outlook and tzurl.org write it: a change that comes
back every year on the same weekday of the same month at the same time is one yearly rule
(`RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`); any other change is one RDATE per line.

The changes are read from the system's zone data (zoneinfo) for the years around the events;
a rule found in every one of those years goes on without end, as the zone's rules do.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

__all__ = ["YEARS_AFTER", "Change", "offset_changes", "zone_definition"]

YEARS_AFTER = 5
"""How many years after the first event the zone's changes are read (rules go on after)."""
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
    """One change of a zone's UTC offset: when (UTC), the offsets before and after, whether
    summer time starts, and the zone's abbreviation after it."""

    at: datetime
    before: timedelta
    after: timedelta
    daylight: bool
    name: str

    @property
    def local(self) -> datetime:
        """The change's wall-clock time as read before it (how a VTIMEZONE states it)."""
        return (self.at + self.before).replace(tzinfo=None)

    @property
    def kind(self) -> tuple[timedelta, timedelta, bool, str]:
        """What makes two changes the same observance, year after year."""
        return (self.before, self.after, self.daylight, self.name)


def _offset(zone: ZoneInfo, at: datetime) -> timedelta:
    found = at.astimezone(zone).utcoffset()
    return found if found is not None else timedelta(0)


def _change_at(zone: ZoneInfo, low: datetime, high: datetime) -> Change:
    """The change between two instants hours apart, found to the second."""
    before = _offset(zone, low)
    first, last = int(low.timestamp()), int(high.timestamp())
    while last - first > 1:
        middle = (first + last) // 2
        moment = datetime.fromtimestamp(middle, UTC)
        first, last = (middle, last) if _offset(zone, moment) == before else (first, middle)
    at = datetime.fromtimestamp(last, UTC)
    local = at.astimezone(zone)
    return Change(at, before, _offset(zone, at), bool(local.dst()), local.tzname() or "")


def offset_changes(zone: ZoneInfo, first: date, last: date) -> tuple[Change, ...]:
    """Every change of the zone's offset from the first day to the last, in order."""
    found = []
    moment = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    end = datetime.combine(last, datetime.min.time(), tzinfo=UTC)
    while moment < end:
        following = moment + timedelta(hours=6)
        if _offset(zone, moment) != _offset(zone, following):
            found.append(_change_at(zone, moment, following))
        moment = following
    return tuple(found)


def _weeks(day: date) -> set[int]:
    """Which weekday of its month the day is: the nth (1-5) and -1 when it is the last."""
    weeks = {(day.day - 1) // 7 + 1}
    if day.day + 7 > calendar.monthrange(day.year, day.month)[1]:
        weeks.add(-1)
    return weeks


def _yearly_rule(changes: list[Change], years: range) -> vRecur | None:
    """The yearly rule giving exactly these changes, one in each of the years; None if none."""
    if [c.local.year for c in changes] != list(years):
        return None
    locals_ = [c.local for c in changes]
    same = {(d.month, d.weekday(), d.time()) for d in locals_}
    weeks = set.intersection(*(_weeks(d.date()) for d in locals_))
    if len(same) != 1 or not weeks:
        return None
    first = locals_[0]
    week = -1 if -1 in weeks else min(weeks)
    return vRecur(freq="YEARLY", bymonth=first.month, byday=f"{week}{_WEEKDAYS[first.weekday()]}")


def _observance(changes: list[Change], years: range) -> TimezoneStandard | TimezoneDaylight:
    """One observance: a yearly rule when one fits, else one RDATE line per change."""
    first = changes[0]
    part = TimezoneDaylight() if first.daylight else TimezoneStandard()
    part.add("tzname", first.name)
    part.add("tzoffsetfrom", first.before)
    part.add("tzoffsetto", first.after)
    part.add("dtstart", first.local)
    rule = _yearly_rule(changes, years)
    if rule is not None:
        part.add("rrule", rule)
        return part
    for change in changes[1:]:
        part.add("rdate", change.local)
    return part


def _grouped(changes: tuple[Change, ...]) -> Iterator[list[Change]]:
    kinds: dict[tuple[timedelta, timedelta, bool, str], list[Change]] = {}
    for change in changes:
        kinds.setdefault(change.kind, []).append(change)
    yield from kinds.values()


def _fixed(zone: ZoneInfo, name: str, first: date) -> TimezoneStandard:
    """The one observance of a zone whose offset does not change in the years read."""
    at = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    part = TimezoneStandard()
    part.add("tzname", at.astimezone(zone).tzname() or name)
    part.add("tzoffsetfrom", _offset(zone, at))
    part.add("tzoffsetto", _offset(zone, at))
    part.add("dtstart", datetime(1970, 1, 1))
    return part


def zone_definition(name: str, first: date) -> Timezone:
    """The VTIMEZONE of the zone `name` for events from the first day on: the changes of the
    year before it to YEARS_AFTER years after, as yearly rules where they are."""
    zone = ZoneInfo(name)
    start, end = date(first.year - 1, 1, 1), date(first.year + YEARS_AFTER + 1, 1, 1)
    changes = offset_changes(zone, start, end)
    definition = Timezone()
    definition.add("tzid", name)
    if not changes:
        definition.add_component(_fixed(zone, name, start))
        return definition
    for group in _grouped(changes):
        definition.add_component(_observance(group, range(start.year, end.year)))
    return definition
