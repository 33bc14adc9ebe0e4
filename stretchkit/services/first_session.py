"""What a client who has not stretched yet reads first: a welcome, and their first session's
plan (when, how long, which stretches), instead of figures about weeks not yet lived."""

from __future__ import annotations

from dataclasses import dataclass

from stretchkit.catalog import Catalog
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import session_timeline
from stretchkit.plurals import counted
from stretchkit.session.next_session import NextSession

__all__ = ["FirstSession", "first_session"]


@dataclass(frozen=True)
class FirstSession:
    """'Welcome, Maria.', 'Your first session: today, about 9 minutes ...', and its stretches."""

    greeting: str
    when: str
    stretches: tuple[str, ...]


def first_session(name: str, routine: Routine, nxt: NextSession, catalog: Catalog) -> FirstSession:
    """The welcome and the plan of the client's first session."""
    minutes = session_timeline(routine.planned(), catalog, routine.warm_up_min).minutes
    when = (
        f"Your first session: {nxt.day_text}, about {counted(minutes, 'minute')} with a "
        f"{routine.warm_up_min}-minute warm-up, {counted(len(routine.items), 'stretch')}:"
    )
    stretches = tuple(
        f"{catalog.stretch(item.stretch_id).name}: {item.prescription.text}"
        for item in routine.items
    )
    first_name = name.split(maxsplit=1)[0] if name.split() else name
    return FirstSession(f"Welcome, {first_name}.", when, stretches)
