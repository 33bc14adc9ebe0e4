"""One client's progress as the workbook, the reports and the dashboard show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.progress.back_feel import BackRating, FeelChange, FeelWeek, feel_change, feel_weeks
from stretchkit.progress.outcomes import Change, Measurement, changes
from stretchkit.progress.summary import progress_summary
from stretchkit.progress.weekly import (
    Progress,
    dose_guidance,
    weekly_from_facts,
    weeks_from_totals,
)
from stretchkit.services.access_record import logged
from stretchkit.store.protocol import ProgressStore

__all__ = ["ClientProgress", "client_progress", "client_progress_summary"]


@dataclass(frozen=True)
class ClientProgress:
    """A client's weeks, field test results and how those results changed, and how their
    back felt."""

    client_id: int
    name: str
    today: date
    progress: Progress
    measurements: tuple[Measurement, ...]
    ratings: tuple[BackRating, ...] = ()
    detailed: bool = True
    """False for a summary (client_progress_summary): the weeks only, with no hold figures
    per stretch and side, field tests or back ratings."""

    @property
    def feel_weeks(self) -> tuple[FeelWeek, ...]:
        """The back ratings' weekly means."""
        return feel_weeks(self.ratings)

    @property
    def feel_changes(self) -> tuple[FeelChange, ...]:
        """First-to-latest change of stiffness and of pain, judged against the 2-point MCID."""
        found = (feel_change(self.ratings, m) for m in ("stiffness", "pain"))
        return tuple(c for c in found if c is not None)

    @property
    def changes(self) -> tuple[Change, ...]:
        """First-to-latest change per field test and side, judged against the MDC."""
        return changes(self.measurements)

    @property
    def summary(self) -> str:
        """One line: sessions done against the plan over the full weeks since the routine
        started, and the streak (see stretchkit.progress.summary)."""
        return progress_summary(self.progress, self.today)


@logged("progress-viewed")
def client_progress(
    store: ProgressStore, catalog: Catalog, client_id: int, today: date
) -> ClientProgress:
    """Load and aggregate one client's history up to `today`."""
    client = store.clients.get(client_id)
    facts = store.history.progress_facts(client_id)
    progress = weekly_from_facts(
        facts.sessions, facts.plans, today=today, guidance=dose_guidance(catalog)
    )
    return ClientProgress(
        client_id, client.name, today, progress, facts.measurements, facts.ratings
    )


@logged("progress-viewed")
def client_progress_summary(
    store: ProgressStore, catalog: Catalog, client_id: int, today: date
) -> ClientProgress:
    """One client's weeks up to `today` from each session's totals, without reading each
    hold: enough for `summary`, not for charts (see ClientProgress.detailed)."""
    client = store.clients.get(client_id)
    sessions, plans = store.history.session_totals(client_id)
    progress = weeks_from_totals(sessions, plans, today=today, guidance=dose_guidance(catalog))
    return ClientProgress(client_id, client.name, today, progress, (), (), detailed=False)
