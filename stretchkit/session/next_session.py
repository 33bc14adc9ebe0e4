"""When the next session falls: the plan's sessions per week, spread over the week so that
sessions are not on consecutive days when the week leaves room for a rest day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from stretchkit.i18n import _
from stretchkit.i18n.formatting import format_weekday_day
from stretchkit.plurals import counted

__all__ = ["NextSession", "next_session"]


@dataclass(frozen=True)
class NextSession:
    """The suggested day of the next session and this week's count against the plan."""

    day: date
    today: date
    done_this_week: int
    planned_per_week: int

    @property
    def day_text(self) -> str:
        """'today', 'tomorrow (Sunday 22 November)' or 'Monday 23 November'."""
        nice = format_weekday_day(self.day)
        if self.day == self.today:
            return _("today")
        if self.day == self.today + timedelta(days=1):
            return _("tomorrow ({day})").format(day=nice)
        return nice

    @property
    def text(self) -> str:
        """'Today. This week: 1 of 3 sessions done.'"""
        week = _("This week: {done} of {planned} done").format(
            done=self.done_this_week, planned=counted(self.planned_per_week, "session")
        )
        if self.done_this_week >= self.planned_per_week:
            week += _(", the plan is met")
        return f"{self.day_text[:1].upper()}{self.day_text[1:]}. {week}."


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def next_session(session_days: Iterable[date], today: date, per_week: int) -> NextSession:
    """The next day to stretch: today unless a session was held today, a day later when the
    last session was yesterday and the week has room to rest; next Monday once the week's
    plan is met."""
    days = set(session_days)
    start = _week_start(today)
    done = sum(1 for d in days if start <= d <= today)
    monday = start + timedelta(days=7)
    if done >= per_week:
        return NextSession(monday, today, done, per_week)
    day = today + timedelta(days=1) if today in days else today
    left = per_week - done
    days_left = (monday - day).days
    if day - timedelta(days=1) in days and days_left > left:
        day += timedelta(days=1)
    return NextSession(min(day, monday), today, done, per_week)
