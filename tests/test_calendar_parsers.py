"""The calendar file reads the same in every common parser: Mozilla's ical.js (run under node,
as Thunderbird and many web calendars run it), Python's icalendar (its own reading of the file's
VTIMEZONE) and recurring-ical-events agree with the zone data on the UTC time of every session
for a year, north and south of the equator, and in a zone whose changes follow no yearly rule."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar, Timezone

from stretchkit.planning.session_calendar import CalendarPlan, SessionTime, event_uid, first_day
from stretchkit.services.calendar_zone import zone_definition
from stretchkit.services.session_calendar import calendar_file
from tests.setup_servers import NODE_FOLDER, install_ical_js

STARTS_ON = date(2026, 11, 19)
NOW = datetime(2026, 11, 19, 12, 0, tzinfo=UTC)
UNTIL = STARTS_ON + timedelta(days=366)
TIMES = (SessionTime(0, time(18, 0)), SessionTime(3, time(7, 30)), SessionTime(5, time(23, 45)))
ZONES = ("Europe/Berlin", "Australia/Sydney", "America/New_York", "Africa/Casablanca", "UTC")
READER = Path(__file__).resolve().parent / "ical_occurrences.mjs"

Occurrences = set[tuple[str, datetime]]


@pytest.fixture(scope="module")
def node_modules() -> Path:
    """The folder holding ical.js, installed from npm by the test setup when missing."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed: run tests/setup_servers.py")
    install_ical_js()
    return NODE_FOLDER / "node_modules"


def _file(zone: str, tmp_path: Path) -> Path:
    plan = CalendarPlan(7, TIMES, zone, 25, STARTS_ON)
    path = tmp_path / f"{zone.replace('/', '-')}.ics"
    path.write_bytes(calendar_file(plan, NOW))
    return path


def _expected(zone: str) -> Occurrences:
    """Each session's UTC time, from the zone data itself."""
    found = set()
    for chosen in TIMES:
        day = first_day(STARTS_ON, chosen.weekday)
        while day < UNTIL:
            local = datetime.combine(day, chosen.at, tzinfo=ZoneInfo(zone))
            found.add((event_uid(7, chosen.weekday), local.astimezone(UTC)))
            day += timedelta(days=7)
    return found


def _ical_js(modules: Path, path: Path) -> Occurrences:
    argv = ["node", str(READER), str(modules), str(path), UNTIL.isoformat()]
    done = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=60)
    return {
        (uid, datetime.fromisoformat(moment.replace("Z", "+00:00")))
        for uid, moment in json.loads(done.stdout)
    }


def _recurring_ical_events(path: Path) -> Occurrences:
    calendar = Calendar.from_ical(path.read_bytes())
    events = recurring_ical_events.of(calendar).between(STARTS_ON, UNTIL)
    return {
        (str(e["UID"]), e.decoded("DTSTART").astimezone(UTC))
        for e in events
        if str(e.get("STATUS")) != "CANCELLED"
    }


def _icalendar_own_zone(zone: str, path: Path) -> Occurrences:
    """The sessions placed in time by icalendar's reading of the file's own VTIMEZONE (not
    the system's zone data)."""
    calendar = Calendar.from_ical(path.read_bytes())
    if zone == "UTC":
        return _expected(zone)
    [definition] = calendar.walk("VTIMEZONE")
    assert isinstance(definition, Timezone)
    tz = definition.to_tz(lookup_tzid=False)
    return {
        (uid, moment.astimezone(ZoneInfo(zone)).replace(tzinfo=tz).astimezone(UTC))
        for uid, moment in _expected(zone)
    }


@pytest.mark.parametrize("zone", ZONES)
def test_every_session_for_a_year_is_at_the_same_moment_in_every_parser(
    zone: str, node_modules: Path, tmp_path: Path
) -> None:
    """ical.js, icalendar (reading the file's zone) and recurring-ical-events put every
    session of the next year at the UTC moment the zone data gives."""
    path = _file(zone, tmp_path)
    expected = _expected(zone)
    assert len(expected) >= 3 * 52
    assert _ical_js(node_modules, path) == expected
    assert _recurring_ical_events(path) == expected
    assert _icalendar_own_zone(zone, path) == expected


def test_a_zone_with_summer_time_is_written_as_yearly_rules_not_a_list_of_dates() -> None:
    """Berlin and Sydney: one yearly rule for the start of summer time and one for its end,
    on the last Sunday of March and October, and the first Sunday of October and April."""
    berlin = zone_definition("Europe/Berlin", STARTS_ON).to_ical().decode()
    sydney = zone_definition("Australia/Sydney", STARTS_ON).to_ical().decode()
    assert "RDATE" not in berlin and "RDATE" not in sydney
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in berlin
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in berlin
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=10" in sydney
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4" in sydney


def test_a_change_that_follows_no_yearly_rule_gets_one_date_a_line() -> None:
    """Casablanca's changes around Ramadan move each year: each is an RDATE line of its own,
    never a line of several dates (which ical.js reads only the first of)."""
    text = zone_definition("Africa/Casablanca", STARTS_ON).to_ical().decode()
    lines = [line for line in text.splitlines() if line.startswith("RDATE")]
    assert lines and all("," not in line for line in lines)
