"""The Session tab's week line for a client, read from a real store."""

from __future__ import annotations

from datetime import UTC, date, datetime

from stretchkit.catalog import Catalog
from stretchkit.clients import ClientDetails
from stretchkit.services.week_check import week_advice
from stretchkit.store import Store

SATURDAY = date(2026, 11, 7)


def test_a_client_added_today_is_not_told_the_week_cannot_reach_its_days(
    memory_store: Store, catalog: Catalog
) -> None:
    """Added on Saturday with three days a week planned: two days to go, not 'cannot reach'."""
    added = datetime(2026, 11, 7, 12, 0, tzinfo=UTC)
    client = memory_store.clients.add(ClientDetails("Noor Calloway"), created=added)
    advice = week_advice(memory_store, catalog, client.id, SATURDAY, 3)
    assert advice.text == "First week, from Saturday: 0 of 2 session days: 2 more days to go."


def test_a_client_added_weeks_ago_is_held_to_the_whole_week(
    memory_store: Store, catalog: Catalog
) -> None:
    """Added a month before and no session by Saturday: the week cannot reach 3 days."""
    added = datetime(2026, 10, 3, 12, 0, tzinfo=UTC)
    client = memory_store.clients.add(ClientDetails("Robin Ashdown"), created=added)
    advice = week_advice(memory_store, catalog, client.id, SATURDAY, 3)
    assert advice.text.endswith("the week cannot reach 3 days any more.")
