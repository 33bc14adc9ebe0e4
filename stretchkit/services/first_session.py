"""What a client who has not stretched yet reads first: a welcome, and their first session's
plan (when, how long, which stretches), instead of figures about weeks not yet lived."""

from __future__ import annotations

from dataclasses import dataclass

from stretchkit.catalog import Catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import _
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
    when = _(
        "Your first session: {day}, about {minutes} with a {warm_up}-minute warm-up, {stretches}:"
    ).format(
        day=nxt.day_text,
        minutes=counted(minutes, "minute"),
        warm_up=routine.warm_up_min,
        stretches=counted(len(routine.items), "stretch"),
    )
    stretches = tuple(
        f"{catalog_text(catalog.stretch(item.stretch_id).name)}: {item.prescription.text}"
        for item in routine.items
    )
    first_name = name.split(maxsplit=1)[0] if name.split() else name
    return FirstSession(_("Welcome, {name}.").format(name=first_name), when, stretches)
