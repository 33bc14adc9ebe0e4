"""Recording a field test and how the back feels, on a memory store: stored and announced."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.errors import ValidationError
from stretchkit.progress.back_feel import BackRating
from stretchkit.progress.outcomes import Measurement
from stretchkit.services.events import ClientChanged, ClientEvents
from stretchkit.services.progress_records import record_back_rating, record_field_test
from stretchkit.services.symptom_report import LINK_NOT_VALID, LinkNotValidError
from stretchkit.store import Store

RATED = datetime(2026, 11, 21, 9, tzinfo=UTC)


@pytest.fixture
def heard() -> list[ClientChanged]:
    return []


@pytest.fixture
def hub(heard: list[ClientChanged]) -> ClientEvents:
    events = ClientEvents()
    events.subscribe(heard.append)
    return events


def test_a_field_test_result_is_stored_and_announced(
    memory_store: Store, hub: ClientEvents, heard: list[ClientChanged]
) -> None:
    """A sit-and-reach result is in the client's measurements and the hub heard 'measured'."""
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown"))
    result = Measurement("sit-and-reach", "", 12.5, date(2026, 11, 20))
    saved = record_field_test(memory_store, robin.id, result, hub)
    assert saved.measurement == result
    assert [m.measurement for m in memory_store.measurements.of_client(robin.id)] == [result]
    assert heard == [ClientChanged(robin.id, "measured")]


def test_a_field_test_without_a_client_is_refused_by_the_client_field(
    memory_store: Store, hub: ClientEvents, heard: list[ClientChanged]
) -> None:
    """No client chosen: an error naming the client, nothing announced."""
    result = Measurement("sit-and-reach", "", 12.5, date(2026, 11, 20))
    with pytest.raises(ValidationError, match="choose a client first") as raised:
        record_field_test(memory_store, None, result, hub)
    assert raised.value.field == "client"
    assert heard == []


def test_a_back_rating_is_stored_with_its_session_and_announced(
    memory_store: Store, hub: ClientEvents, heard: list[ClientChanged]
) -> None:
    """Stiffness 4 and pain 2 are kept for the client; the hub heard 'measured'."""
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown"))
    rating = BackRating(RATED, 4, 2, "dashboard")
    record_back_rating(memory_store, robin.id, rating, events=hub)
    assert memory_store.back_ratings.of_client(robin.id) == [rating]
    assert heard == [ClientChanged(robin.id, "measured")]


def test_a_back_rating_from_a_revoked_link_saves_nothing(
    memory_store: Store, hub: ClientEvents, heard: list[ClientChanged]
) -> None:
    """The link was revoked meanwhile: refused with the link's message, nothing stored."""
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown"))
    rating = BackRating(RATED, 4, 2, "dashboard")
    with pytest.raises(LinkNotValidError, match=LINK_NOT_VALID):
        record_back_rating(memory_store, robin.id, rating, link_valid=lambda: False, events=hub)
    assert memory_store.back_ratings.of_client(robin.id) == []
    assert heard == []


def test_a_back_rating_without_a_hub_is_still_stored(memory_store: Store) -> None:
    """A screen used on its own (no hub) still records the rating."""
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown"))
    record_back_rating(memory_store, robin.id, BackRating(RATED, 1, 0, "studio"))
    assert len(memory_store.back_ratings.of_client(robin.id)) == 1
