"""Recording what a client's progress is measured by: a field test result (sit-and-reach,
seated thoracic rotation) and how the back feels (stiffness and pain, 0-10). Each is stored
and announced on the app's hub as "measured"."""

from __future__ import annotations

from collections.abc import Callable

from stretchkit.errors import ValidationError
from stretchkit.progress.back_feel import BackRating
from stretchkit.progress.outcomes import Measurement
from stretchkit.services.access_record import logged
from stretchkit.services.events import ClientEvents, announce
from stretchkit.services.symptom_report import LINK_NOT_VALID, LinkNotValidError
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.values import SavedMeasurement

__all__ = ["record_back_rating", "record_field_test"]


@logged("measure-saved")
def record_field_test(
    store: ProgressStore,
    client_id: int | None,
    measurement: Measurement,
    events: ClientEvents | None = None,
) -> SavedMeasurement:
    """Store a field test result for the client and announce it; no client chosen (None)
    raises an error naming the client."""
    if client_id is None:
        raise ValidationError("client", None, "choose a client first")
    saved = store.measurements.add(client_id, measurement)
    announce(events, client_id, "measured")
    return saved


@logged("measure-saved")
def record_back_rating(
    store: ProgressStore,
    client_id: int,
    rating: BackRating,
    session_id: int | None = None,
    *,
    link_valid: Callable[[], bool] = lambda: True,
    events: ClientEvents | None = None,
) -> int:
    """Store how the client's back feels (at the start of `session_id`, if given) and
    announce it; returns the rating's id. A dashboard whose link is no longer valid saves
    nothing (LinkNotValidError)."""
    if not link_valid():
        raise LinkNotValidError(LINK_NOT_VALID)
    rating_id = store.back_ratings.add(client_id, rating, session_id)
    announce(events, client_id, "measured")
    return rating_id
