"""A stretch's steps as the client reads them: the article's words kept, and beside the step
that says how long to hold, the client's own plan and the article's range."""

from __future__ import annotations

import re

from stretchkit.catalog import Stretch
from stretchkit.i18n import _, pgettext
from stretchkit.planning.prescription import Prescription
from stretchkit.plurals import counted

__all__ = ["HOLD_STEP", "plan_words", "steps_with_plan"]

HOLD_STEP = re.compile(r"\bhold for \d+\s*-\s*\d+ seconds\b", re.IGNORECASE)
"""An article's step that gives a hold time ('Hold for 20-30 seconds. Release slowly.')."""


def plan_words(rx: Prescription) -> str:
    """The client's plan in words: '50 s, 3 times', '30 s each side, 2 times' or
    'left 30 s, right 25 s, 3 times'."""
    holds = {t.hold_s for t in rx.targets}
    if len(holds) == 1:
        each = _("{seconds} s each side") if rx.per_side else _("{seconds} s")
        hold = each.format(seconds=holds.pop())
    else:
        hold = ", ".join(f"{pgettext('side', t.side)} {t.hold_s} s" for t in rx.targets)
    return f"{hold}, {counted(rx.reps, 'time')}"


def steps_with_plan(stretch: Stretch, rx: Prescription) -> tuple[str, ...]:
    """The article's steps, each word kept; a step giving a hold time says right after it
    '(your plan: 50 s, 3 times; the article: 15-30 s)'."""
    beside = f" (your plan: {plan_words(rx)}; the article: {stretch.hold.text})"
    return tuple(HOLD_STEP.sub(lambda m: m.group(0) + beside, step, 1) for step in stretch.steps)
