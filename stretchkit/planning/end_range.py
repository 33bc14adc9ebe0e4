"""Where "Can you go a little further?" may be asked: only where going further is safe.

The screening has no single "gentle range" answer, so it is read here from its result: a
stretch whose cautions ask to stay gentle (hypermobility, a cleared condition's "gentle range
only", no warm-up possible) is never invited further; nor is a client of 65 or over whose hold
target is at the top of their safe range. Which cautions count, and the 65+ reading, are
stretchkit's own reading. The session service adds what happens on the day (a stretch eased
off, a warm-up cut short).
"""

from __future__ import annotations

from stretchkit.catalog import Catalog
from stretchkit.planning.routine import Routine, RoutineItem, gentle_cautions
from stretchkit.planning.timeline import Planned
from stretchkit.screening.intake import Intake

__all__ = [
    "OLDER_AT_TOP",
    "no_end_range_reasons",
    "planned_today",
]

OLDER_AT_TOP = (
    "65 or over, at the top of the safe hold range: not invited further (stretchkit's own reading)"
)


def _older_at_top(item: RoutineItem, intake: Intake, catalog: Catalog) -> bool:
    older = intake.age >= (catalog.guideline("older-adult-age").low or 65)
    rx = item.prescription
    return older and any(t.hold_s >= rx.bounds.max_s for t in rx.targets)


def no_end_range_reasons(
    item: RoutineItem, intake: Intake | None, catalog: Catalog
) -> tuple[str, ...]:
    """Why this stretch is not invited further today ('' reasons: it may be)."""
    reasons = gentle_cautions(item.cautions)
    if intake is not None and _older_at_top(item, intake, catalog):
        reasons = (*reasons, OLDER_AT_TOP)
    return reasons


def planned_today(routine: Routine, intake: Intake | None, catalog: Catalog) -> tuple[Planned, ...]:
    """The routine as the timeline needs it, with end-range assistance only where safe."""
    return tuple(
        Planned(
            item.prescription,
            item.cautions,
            end_range_assist=not no_end_range_reasons(item, intake, catalog),
        )
        for item in routine.items
    )
