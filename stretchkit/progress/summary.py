"""A client's progress in one line, judged only over the full weeks since their routine
started: nobody is told "plan not met" on their first day."""

from __future__ import annotations

from datetime import date, timedelta

from stretchkit.plurals import counted
from stretchkit.progress.weekly import Progress

__all__ = ["progress_summary"]


def _nice(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _first_weeks(progress: Progress, today: date) -> str:
    """Before the first full week: what was done so far, and when the plan is first judged."""
    done = f"{counted(progress.sessions, 'session')} so far"
    if progress.plan_start is None:
        return f"{done} over {counted(len(progress.weeks), 'week')}"
    start = progress.plan_start
    first_monday = start + timedelta(days=(7 - start.weekday()) % 7)
    if first_monday > today:
        return f"{done}; your plan's first full week starts {_nice(first_monday)}"
    return f"{done}, in your plan's first full week"


def progress_summary(progress: Progress, today: date) -> str:
    """'7 sessions of 9 planned (78%) over 3 full weeks; plan met 2 weeks in a row', or
    before the first full week '1 session so far; ...'."""
    full = progress.full_weeks(today)
    if not full:
        return _first_weeks(progress, today)
    done = sum(w.sessions for w in full)
    planned = sum(w.planned or 0 for w in full)
    share = f"{counted(done, 'session')} of {planned} planned"
    if planned:
        share += f" ({100 * done / planned:.0f}%)"
    streak = min(progress.streak(today), len(full) + 1)
    met = f"plan met {counted(streak, 'week')} in a row" if streak else "plan not met last week"
    return f"{share} over {counted(len(full), 'full week')}; {met}"
