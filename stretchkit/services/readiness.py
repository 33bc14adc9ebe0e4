"""Whether a client may be stretched today: their latest screening, still valid, allowing at
least one stretch. The planner and the session timer both ask this first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.i18n import _
from stretchkit.screening import REFER, STATUS_TEXT, Screening, Validity, screen
from stretchkit.screening.day_text import day_text
from stretchkit.screening.symptoms import flag_problems
from stretchkit.services.access_record import logged
from stretchkit.services.symptom_flags import pending_flags
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.values import SavedScreening

__all__ = ["Readiness", "readiness"]


@dataclass(frozen=True)
class Readiness:
    """The client's current screening (when there is a valid one) and what to tell the trainer:
    `message` is said in the language current when it is read (English for a record, under
    `use_language("en")`; the reader's own on a page)."""

    screening: Screening | None
    say: Callable[[], str] = field(compare=False, repr=False)

    @property
    def message(self) -> str:
        """What to tell the trainer, in the current language."""
        return self.say()

    @property
    def ready(self) -> bool:
        """True when a routine may be planned and run."""
        return self.screening is not None and bool(self.screening.allowed())


def _not_screened() -> str:
    return _("Not screened yet: screen this client before planning a session.")


def _rescreen(valid: Validity) -> Callable[[], str]:
    return lambda: _("Re-screen before the next session. {validity}.").format(validity=valid.text)


def _flagged(problems_now: Callable[[], tuple[str, ...]]) -> Callable[[], str]:
    def said() -> str:
        problems = problems_now()
        text = _("No stretch may be planned. {problems}. {refer}")
        return text.format(problems=". ".join(problems), refer=_(REFER))

    return said


def _screened(saved: SavedScreening, result: Screening, valid: Validity) -> Callable[[], str]:
    def said() -> str:
        text = _("Screened on {day}: {status}. {validity}.").format(
            day=day_text(saved.taken_on), status=_(STATUS_TEXT[result.status]), validity=valid.text
        )
        if result.allowed():
            return text
        nothing = _("{headline}: no stretch may be planned.")
        return f"{text} {nothing.format(headline=result.headline_shown)}"

    return said


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
        return Readiness(None, _not_screened)
    valid = store.screenings.validity_of(saved, today, ignore_changes)
    if valid.state != "current":
        return Readiness(None, _rescreen(valid))
    flags = pending_flags(store, saved.client_id, ignore_changes)
    if flag_problems(saved.intake, flags):
        return Readiness(None, _flagged(lambda: flag_problems(saved.intake, flags)))
    result = screen(saved.intake, catalog)
    return Readiness(result, _screened(saved, result, valid))
