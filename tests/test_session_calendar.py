"""The client's planned sessions as an iCalendar file, parsed back with the icalendar library
as a phone's calendar reads it: weekly recurrence on the chosen days, times in their time
zone, the routine's length, a reminder, stable event ids and the link only when asked for."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from stretchkit.catalog import Catalog
from stretchkit.clients import ClientDetails
from stretchkit.errors import ValidationError
from stretchkit.planning.planner import plan
from stretchkit.planning.session_calendar import (
    CalendarPlan,
    SessionTime,
    event_uid,
    parse_time,
)
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.services.session_calendar import calendar_file, client_calendar, routine_minutes
from stretchkit.store import Store

TODAY = date(2026, 11, 19)  # a Thursday
NOW = datetime(2026, 11, 19, 12, 0, tzinfo=UTC)
ZONE = "Europe/Berlin"
TIMES = (SessionTime(0, time(18, 30)), SessionTime(3, time(7, 15)))


def _client_with_routine(store: Store, catalog: Catalog, days: int = 2) -> int:
    client = store.clients.add(ClientDetails("Robin"))
    screening = screen(Intake(TODAY, 40), catalog)
    store.screenings.add(client.id, screening)
    store.routines.save(client.id, plan(screening, catalog, budget_min=15, days_per_week=days))
    return client.id


def _events(data: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def _confirmed(data: bytes) -> list[object]:
    return [e for e in _events(data).values() if str(e["status"]) == "CONFIRMED"]


def test_the_chosen_days_recur_weekly_at_their_local_times(
    memory_store: Store, catalog: Catalog
) -> None:
    """Monday 18:30 and Thursday 07:15 Berlin time, weekly from today: the next two weeks
    hold exactly four sessions, each as long as the routine, with a reminder 30 min ahead."""
    client = _client_with_routine(memory_store, catalog)
    data = client_calendar(memory_store, catalog, client, TIMES, zone=ZONE, today=TODAY, now=NOW)
    routine = memory_store.routines.current(client)
    assert routine is not None
    minutes = routine_minutes(routine.routine, catalog)
    starts = []
    for event in _confirmed(data):
        start = event["dtstart"].dt
        assert start.tzinfo == ZoneInfo(ZONE) and event["dtstart"].params["TZID"] == ZONE
        assert event["duration"].dt == timedelta(minutes=minutes)
        [alarm] = event.walk("VALARM")
        assert alarm["trigger"].dt == timedelta(minutes=-30)
        rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
        until = datetime(2026, 12, 3, tzinfo=ZoneInfo(ZONE))
        starts += rule.between(start - timedelta(seconds=1), until)
    assert sorted(s.strftime("%a %d %H:%M") for s in starts) == [
        "Mon 23 18:30",
        "Mon 30 18:30",
        "Thu 19 07:15",
        "Thu 26 07:15",
    ]
    assert Calendar.from_ical(data).walk("VTIMEZONE")[0]["tzid"] == ZONE


def test_downloading_again_after_a_routine_change_updates_the_same_events(
    memory_store: Store, catalog: Catalog
) -> None:
    """A new routine and a dropped Thursday: the same event ids, a later sequence, the new
    length; Thursday's event comes as cancelled, so nothing doubles."""
    client = _client_with_routine(memory_store, catalog)
    first = client_calendar(memory_store, catalog, client, TIMES, zone=ZONE, today=TODAY, now=NOW)
    screening = screen(Intake(TODAY, 40), catalog)
    memory_store.routines.save(client, plan(screening, catalog, budget_min=30))
    later = NOW + timedelta(days=9)
    times = TIMES[:1]
    second = client_calendar(
        memory_store, catalog, client, times, zone=ZONE, today=TODAY, now=later
    )
    before, after = _events(first), _events(second)
    assert set(before) == set(after) == {event_uid(client, day) for day in range(7)}
    monday, thursday = event_uid(client, 0), event_uid(client, 3)
    assert after[monday]["sequence"] > before[monday]["sequence"]
    assert after[monday]["duration"].dt > before[monday]["duration"].dt
    assert str(before[thursday]["status"]) == "CONFIRMED"
    assert str(after[thursday]["status"]) == "CANCELLED"


def test_the_link_is_in_the_events_only_when_asked_for(catalog: Catalog) -> None:
    """Without a link no event mentions a key; with one, every session's description has it."""
    link = "https://studio.example.org/?key=secret-key-for-the-test"
    plain = CalendarPlan(7, TIMES, ZONE, 20, TODAY)
    asked = CalendarPlan(7, TIMES, ZONE, 20, TODAY, link=link)
    assert b"key=" not in calendar_file(plain, NOW)
    assert all(link in str(e["description"]) for e in _confirmed(calendar_file(asked, NOW)))


@given(st.sets(st.integers(0, 6), min_size=1), st.integers(0, 23), st.integers(0, 59))
def test_every_chosen_day_is_one_confirmed_weekly_event_with_its_id(
    days: set[int], hour: int, minute: int
) -> None:
    """Whatever the days and time: seven events, the chosen ones confirmed at that time."""
    times = tuple(SessionTime(d, time(hour, minute)) for d in sorted(days))
    events = _events(calendar_file(CalendarPlan(3, times, "America/New_York", 25, TODAY), NOW))
    assert set(events) == {event_uid(3, d) for d in range(7)}
    for day in range(7):
        event = events[event_uid(3, day)]
        assert (str(event["status"]) == "CONFIRMED") is (day in days)
        if day in days:
            start = event["dtstart"].dt
            assert (start.weekday(), start.hour, start.minute) == (day, hour, minute)
            assert start.date() >= TODAY


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: parse_time("25:00", 0), "time (Monday)"),
        (lambda: CalendarPlan(1, (), ZONE, 20, TODAY), "days"),
        (lambda: CalendarPlan(1, TIMES, "Mars/Olympus", 20, TODAY), "time zone"),
        (lambda: CalendarPlan(1, TIMES, ZONE, 0, TODAY), "length"),
    ],
)
def test_an_impossible_choice_is_refused_naming_its_field(make: object, field: str) -> None:
    """A time that is no time, no day, an unknown zone or no length: the field is named."""
    with pytest.raises(ValidationError) as caught:
        make()  # type: ignore[operator]
    assert caught.value.field == field


def test_each_event_is_as_long_as_todays_session_with_the_grown_targets(
    memory_store: Store, catalog: Catalog
) -> None:
    """A demo client whose holds grew over months: the calendar's sessions last what the
    timer would run today (targets, warm-up, rests), not the routine as first planned."""
    from stretchkit.demo.seeding import seed_demo_data
    from stretchkit.services.todays_plan import todays_plan

    seed_demo_data(memory_store, today=TODAY)
    jules = next(c for c in memory_store.clients.all() if c.name == "Jules Calloway")
    today_s = todays_plan(memory_store, catalog, jules.id, TODAY).routine
    saved = memory_store.routines.current(jules.id)
    assert today_s is not None and saved is not None
    grown = routine_minutes(today_s, catalog)
    assert grown > routine_minutes(saved.routine, catalog)
    data = client_calendar(memory_store, catalog, jules.id, TIMES, zone=ZONE, today=TODAY, now=NOW)
    for event in _confirmed(data):
        assert event["duration"].dt == timedelta(minutes=grown)
        assert f"about {grown} minutes" in str(event["description"])
