"""This week's sessions against the client's plan, as the Session tab shows it: counted from
the client's first day when they started this week."""

from __future__ import annotations

from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.planning.dose import Advice, check_week
from stretchkit.store.protocol import ProgressStore

__all__ = ["week_advice"]


def week_advice(
    store: ProgressStore, catalog: Catalog, client_id: int, today: date, days_per_week: int
) -> Advice:
    """The week so far for this client against `days_per_week` and ACSM's 2-3 days; a client
    added this week is asked only for the days from the one they were added on."""
    added = store.clients.get(client_id).created.astimezone().date()
    days = [s.started.date() for s in store.sessions.of_client(client_id)]
    since = added if added <= today else None  # a creation 'after today' is a clock mismatch
    return check_week(days, today, days_per_week, catalog, since=since)
