"""A client's planned sessions for their own calendar: the weekdays and times they choose, the
routine's length, a reminder, and their personal link only when they ask for it.

Each weekday is one weekly event known by a fixed id (the client and the weekday), so a file
downloaded again after the routine or the times change updates the same events in the
calendar instead of adding a second set; a weekday no longer chosen comes as a cancelled
event. The file itself is written by stretchkit.services.session_calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from stretchkit.errors import ValidationError

__all__ = [
    "DEFAULT_DAYS",
    "DEFAULT_TIME",
    "REMINDER_MIN",
    "WEEKDAYS",
    "CalendarPlan",
    "SessionTime",
    "event_uid",
    "first_day",
    "parse_time",
]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_DAYS: dict[int, tuple[int, ...]] = {
    1: (0,),
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 5),
    5: (0, 1, 2, 3, 4),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}
"""The weekdays first offered for a routine's days per week, spread to leave rest days:
stretchkit's own default."""
DEFAULT_TIME = time(18, 0)
"""The time first offered: stretchkit's own default."""
REMINDER_MIN = 30
"""How long before each session the calendar reminds: stretchkit's own default."""
_TIME = re.compile(r"\s*([01]?[0-9]|2[0-3])[:.h]([0-5][0-9])\s*")


def parse_time(text: str, weekday: int) -> time:
    """A time typed as 18:30 (or 18.30, 6:05); an error names the weekday and the text."""
    match = _TIME.fullmatch(text)
    if match is None:
        raise ValidationError(f"time ({WEEKDAYS[weekday]})", text, "type a time like 18:30")
    return time(int(match[1]), int(match[2]))


@dataclass(frozen=True)
class SessionTime:
    """A weekday (0 is Monday) and the local time the session starts."""

    weekday: int
    at: time

    def __post_init__(self) -> None:
        if isinstance(self.weekday, bool) or self.weekday not in range(7):
            raise ValidationError("weekday", self.weekday, "must be 0 (Monday) to 6 (Sunday)")
        if not isinstance(self.at, time) or self.at.tzinfo is not None:
            raise ValidationError("time", self.at, "must be a local time of day")


def _check_zone(zone: str) -> None:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError("time zone", zone, "must be a time zone like Europe/London") from None


def _check_whole(field: str, value: int, low: int, high: int, unit: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(field, value, f"must be {low} to {high} {unit}")


@dataclass(frozen=True)
class CalendarPlan:
    """What goes into a client's calendar file: their sessions' weekdays and times in a time
    zone, each session's length, the reminder, and the link only when they asked for it."""

    client_id: int
    times: tuple[SessionTime, ...]
    zone: str
    minutes: int
    starts_on: date
    reminder_min: int = REMINDER_MIN
    link: str | None = None
    routine_text: str = ""

    def __post_init__(self) -> None:
        if not self.times or not all(isinstance(t, SessionTime) for t in self.times):
            raise ValidationError("days", self.times, "tick at least one day")
        if len({t.weekday for t in self.times}) != len(self.times):
            raise ValidationError("days", self.times, "each weekday may be chosen once")
        _check_zone(self.zone)
        _check_whole("length", self.minutes, 1, 240, "minutes")
        _check_whole("reminder", self.reminder_min, 0, 1440, "minutes before")
        if type(self.starts_on) is not date:
            raise ValidationError("starts on", self.starts_on, "must be a date")

    def time_on(self, weekday: int) -> time | None:
        """The session time chosen for a weekday, or None when it is not a session day."""
        return next((t.at for t in self.times if t.weekday == weekday), None)


def event_uid(client_id: int, weekday: int) -> str:
    """The fixed id of a client's weekly event on a weekday (it reveals no link key)."""
    return f"stretchkit-client-{client_id}-{WEEKDAYS[weekday].lower()}@stretchkit"


def first_day(starts_on: date, weekday: int) -> date:
    """The first day on or after `starts_on` that falls on the weekday."""
    return starts_on + timedelta(days=(weekday - starts_on.weekday()) % 7)
