"""Whether a client may be stretched today: their latest screening, still valid, allowing at
least one stretch. The planner and the session timer both ask this first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.screening import REFER, STATUS_TEXT, Screening, screen
from stretchkit.services.access_record import logged
from stretchkit.services.symptom_flags import after_flags
from stretchkit.store.protocol import ProgressStore

__all__ = ["Readiness", "readiness"]


@dataclass(frozen=True)
class Readiness:
    """The client's current screening (when there is a valid one) and what to tell the trainer."""

    screening: Screening | None
    message: str

    @property
    def ready(self) -> bool:
        """True when a routine may be planned and run."""
        return self.screening is not None and bool(self.screening.allowed())


@logged("screening-read")
def readiness(
    store: ProgressStore,
    catalog: Catalog,
    client_id: int,
    today: date,
    ignore_changes: frozenset[int] = frozenset(),
) -> Readiness:
    """Read the client's latest screening and say whether it allows stretching today: it must
    be current, allow a stretch, and settle every numbness, tingling or weakness flag (a
    running session passes its own flags' health changes in `ignore_changes`)."""
    saved = store.screenings.latest(client_id)
    if saved is None:
        return Readiness(None, "Not screened yet: screen this client before planning a session.")
    valid = store.screenings.validity_of(saved, today, ignore_changes)
    if valid.state != "current":
        return Readiness(None, f"Re-screen before the next session. {valid.text}.")
    flagged = after_flags(store, saved, ignore_changes)
    if flagged:
        return Readiness(None, f"No stretch may be planned. {'. '.join(flagged)}. {REFER}")
    result = screen(saved.intake, catalog)
    said = f"Screened on {saved.taken_on.isoformat()}: {STATUS_TEXT[result.status]}. {valid.text}."
    if not result.allowed():
        return Readiness(result, f"{said} {result.headline}: no stretch may be planned.")
    return Readiness(result, said)
