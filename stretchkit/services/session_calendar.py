"""A client's planned sessions as an iCalendar file (RFC 5545) a phone's calendar imports:
one weekly event per chosen weekday at the chosen time in the chosen time zone, as long as
the routine, with a reminder; the personal link goes into the events only when asked for.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from stretchkit.catalog import Catalog
from stretchkit.errors import ValidationError
from stretchkit.i18n import N_, _, current_language, use_language
from stretchkit.i18n.formatting import weekday_name
from stretchkit.planning.routine import Routine
from stretchkit.planning.session_calendar import (
    REMINDER_MIN,
    CalendarPlan,
    SessionTime,
    event_uid,
    first_day,
)
from stretchkit.planning.timeline import session_timeline
from stretchkit.plurals import counted
from stretchkit.services.access_record import logged
from stretchkit.services.calendar_zone import zone_definition
from stretchkit.services.todays_plan import todays_plan
from stretchkit.store.protocol import ProgressStore

if TYPE_CHECKING:  # icalendar is imported only to write a calendar file
    from icalendar import Alarm, Event

__all__ = ["CALENDAR_FILE", "calendar_file", "client_calendar", "routine_minutes"]

CALENDAR_FILE = "stretching-sessions.ics"
SUMMARY = N_("Back stretching session")
"""In English; each event says it in the client's language (`_(SUMMARY)`)."""
_PRODID = "-//stretchkit//planned sessions//EN"
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def routine_minutes(routine: Routine, catalog: Catalog) -> int:
    """How long a session of the routine takes, warm-up included, in whole minutes."""
    timeline = session_timeline(routine.planned(), catalog, routine.warm_up_min)
    return max(1, math.ceil(timeline.total_s / 60))


def _description(plan: CalendarPlan) -> str:
    about = _("Your stretching routine, about {minutes}.")
    lines = [plan.routine_text or about.format(minutes=counted(plan.minutes, "minute"))]
    lines.append(_("Warm up first. Stop and tell your trainer if anything hurts."))
    if plan.link:
        said = _("Your page: {link} (keep it to yourself: it opens your page)")
        lines.append(said.format(link=plan.link))
    return "\n".join(lines)


def _alarm(minutes: int) -> Alarm:
    from icalendar import Alarm  # noqa: PLC0415 - only to write a calendar file

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    said = _("{summary} in {minutes}").format(
        summary=_(SUMMARY), minutes=counted(minutes, "minute")
    )
    alarm.add("description", said)
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm


def _event(plan: CalendarPlan, weekday: int, stamp: datetime) -> Event:
    """The weekday's weekly event, or its cancellation when the weekday is not chosen."""
    from icalendar import Event  # noqa: PLC0415 - only to write a calendar file

    event = Event()
    event.add("uid", event_uid(plan.client_id, weekday))
    event.add("dtstamp", stamp)
    event.add("sequence", int(stamp.timestamp()) // 60)
    at = plan.time_on(weekday)
    day = first_day(plan.starts_on, weekday)
    zone = ZoneInfo(plan.zone)
    event.add("dtstart", datetime.combine(day, at or datetime.min.time(), tzinfo=zone))
    event.add("duration", timedelta(minutes=plan.minutes))
    event.add("rrule", {"freq": "weekly", "byday": _BYDAY[weekday]})
    if at is None:
        said = _("{summary} (no longer on {weekday})")
        event.add("summary", said.format(summary=_(SUMMARY), weekday=weekday_name(weekday)))
        event.add("status", "CANCELLED")
        return event
    event.add("summary", _(SUMMARY))
    event.add("status", "CONFIRMED")
    event.add("description", _description(plan))
    if plan.reminder_min:
        event.add_component(_alarm(plan.reminder_min))
    return event


def calendar_file(plan: CalendarPlan, now: datetime) -> bytes:
    """The calendar file: every weekday's event (a cancelled one for a weekday not chosen),
    with the time zone's definition; `now` stamps it, and each download's events supersede
    the last (their sequence grows with time)."""
    if now.utcoffset() is None:
        raise ValidationError("now", now, "must be a date and time with its UTC offset")
    from icalendar import Calendar  # noqa: PLC0415 - only to write a calendar file

    calendar = Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    stamp = now.astimezone(UTC).replace(microsecond=0)
    for weekday in range(7):
        calendar.add_component(_event(plan, weekday, stamp))
    if calendar.get_used_tzids():
        calendar.add_component(zone_definition(plan.zone, plan.starts_on))
    data: bytes = calendar.to_ical()
    return data


@logged("calendar-exported")
def client_calendar(
    store: ProgressStore,
    catalog: Catalog,
    client_id: int,
    times: tuple[SessionTime, ...],
    *,
    zone: str,
    today: date,
    now: datetime,
    link: str | None = None,
    reminder_min: int = REMINDER_MIN,
) -> bytes:
    """The calendar file of the client's current routine from `today` on, each event as long
    as today's session with the targets the log has grown; no routine yet is an error saying
    so."""
    saved = store.routines.current(client_id)
    if saved is None:
        raise ValidationError("routine", client_id, "no routine yet: plan one first")
    today_s = todays_plan(store, catalog, client_id, today).routine
    routine = saved.routine if today_s is None else today_s  # targets grown by the log
    minutes = routine_minutes(routine, catalog)
    count = len(routine.items)
    with use_language(store.clients.get(client_id).details.language or current_language()):
        text = _("Your stretching routine: {stretches}, about {minutes} with the warm-up.").format(
            stretches=counted(count, "stretch"), minutes=counted(minutes, "minute")
        )
        plan = CalendarPlan(client_id, times, zone, minutes, today, reminder_min, link, text)
        return calendar_file(plan, now)
