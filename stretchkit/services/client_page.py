"""Everything one client's dashboard shows, gathered from the store for a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from stretchkit.catalog import Catalog
from stretchkit.i18n import _
from stretchkit.services.access_record import logged
from stretchkit.services.client_progress import (
    ClientProgress,
    client_progress,
    client_progress_summary,
)
from stretchkit.services.client_status import ROUTINE_EXCLUDED, ClientStatus, client_status
from stretchkit.services.first_session import FirstSession, first_session
from stretchkit.services.todays_plan import TodaysPlan, todays_plan
from stretchkit.session.next_session import NextSession, next_session
from stretchkit.store.protocol import ProgressStore

__all__ = ["ClientPage", "client_page"]


@dataclass(frozen=True)
class ClientPage:
    """The client's name and notes, screening status, today's routine, next session and
    progress."""

    client_id: int
    name: str
    trainer_notes: str
    status: ClientStatus
    plan: TodaysPlan
    next: NextSession | None
    progress: ClientProgress
    first: FirstSession | None = None
    """The welcome and first session's plan, while the client has no session yet."""

    @property
    def can_run_session(self) -> bool:
        """True when the screening allows stretching and there is a routine to run."""
        return self.status.may_stretch and self.plan.routine is not None


def _honest(
    status: ClientStatus, plan: TodaysPlan, store: ProgressStore, client_id: int
) -> ClientStatus:
    """The status, unless it clears a client whose routine the screening now leaves empty."""
    planned = store.routines.current(client_id) is not None
    if status.may_stretch and plan.routine is None and planned:
        return ClientStatus("stop", _(ROUTINE_EXCLUDED))
    return status


@logged("progress-viewed")
def client_page(
    store: ProgressStore, catalog: Catalog, client_id: int, today: date, *, detailed: bool = True
) -> ClientPage:
    """Read one client's page as of `today`: never "cleared" when no stretch is planned.
    With `detailed` False its progress is the summary only (a first view shows no more)."""
    client = store.clients.get(client_id)
    plan = todays_plan(store, catalog, client_id, today)
    status = _honest(client_status(store, catalog, client_id, today), plan, store, client_id)
    read = client_progress if detailed else client_progress_summary
    progress = read(store, catalog, client_id, today)
    nxt = None
    if plan.routine is not None and status.may_stretch:
        recent = store.history.of_client(client_id, since=today - timedelta(days=7))
        days = [s.day for s in recent.sessions if s.holds]
        nxt = next_session(days, today, plan.routine.days_per_week)
    first = None
    if nxt is not None and plan.routine is not None and not progress.progress.sessions:
        first = first_session(client.name, plan.routine, nxt, catalog)
    return ClientPage(
        client_id, client.name, client.details.client_note, status, plan, nxt, progress, first
    )
