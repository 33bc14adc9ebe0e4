"""A client's progress in one line, judged only over the full weeks since their routine
started: nobody is told "plan not met" on their first day."""

from __future__ import annotations

from datetime import date, timedelta

from stretchkit.i18n import _
from stretchkit.i18n.formatting import format_percent, format_weekday_day
from stretchkit.plurals import counted
from stretchkit.progress.weekly import Progress

__all__ = ["progress_summary"]


def _nice(day: date) -> str:
    return format_weekday_day(day)


def _first_weeks(progress: Progress, today: date) -> str:
    """Before the first full week: what was done so far, and when the plan is first judged."""
    done = _("{sessions} so far").format(sessions=counted(progress.sessions, "session"))
    if progress.plan_start is None:
        return _("{done} over {weeks}").format(
            done=done, weeks=counted(len(progress.weeks), "week")
        )
    start = progress.plan_start
    first_monday = start + timedelta(days=(7 - start.weekday()) % 7)
    if first_monday > today:
        said = _("{done}; your plan's first full week starts {day}")
        return said.format(done=done, day=_nice(first_monday))
    return _("{done}, in your plan's first full week").format(done=done)


def progress_summary(progress: Progress, today: date) -> str:
    """'7 sessions of 9 planned (78%) over 3 full weeks; plan met 2 weeks in a row', or
    before the first full week '1 session so far; ...'."""
    full = progress.full_weeks(today)
    if not full:
        return _first_weeks(progress, today)
    done = sum(w.sessions for w in full)
    planned = sum(w.planned or 0 for w in full)
    share = _("{sessions} of {planned} planned").format(
        sessions=counted(done, "session"), planned=planned
    )
    if planned:
        share += f" ({format_percent(done / planned)})"
    streak = min(progress.streak(today), len(full) + 1)
    met = (
        _("plan met {weeks} in a row").format(weeks=counted(streak, "week"))
        if streak
        else _("plan not met last week")
    )
    said = _("{share} over {weeks}; {met}")
    return said.format(share=share, weeks=counted(len(full), "full week"), met=met)
