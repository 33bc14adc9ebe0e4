"""Back ratings in the store, on both engines: kept in order, read by the attention list,
part of the history, gone with their client; the demo shows stiffness falling as holds rise."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from statistics import mean

import pytest

from stretchkit.catalog import Catalog
from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.progress.back_feel import BackRating, feel_change
from stretchkit.progress.history import History
from stretchkit.progress.history_csv import CsvImportError, history_to_csv
from stretchkit.services.client_progress import client_progress
from stretchkit.services.client_report import chart_texts
from stretchkit.services.history_files import import_history
from stretchkit.store import Store

ENGINE_PARITY = True
"""The store's own tests: each runs on SQLite and on PostgreSQL."""

TODAY = date(2026, 11, 21)


def _rating(days_ago: int, stiffness: int, pain: int) -> BackRating:
    at = datetime(2026, 11, 21, 8, tzinfo=UTC) - timedelta(days=days_ago)
    return BackRating(at, stiffness, pain, "home")


def test_ratings_are_kept_oldest_first_and_in_the_history(store: Store) -> None:
    """Two ratings added out of order read back oldest first, also through the history."""
    robin = store.clients.add(ClientDetails("Robin"))
    later, earlier = _rating(1, 3, 1), _rating(30, 6, 2)
    store.back_ratings.add(robin.id, later)
    store.back_ratings.add(robin.id, earlier)
    assert store.back_ratings.of_client(robin.id) == [earlier, later]
    assert store.history.of_client(robin.id).ratings == (earlier, later)
    assert store.history.of_client(robin.id, since=date(2026, 11, 1)).ratings == (later,)


def test_the_attention_list_sees_the_worst_pain_of_the_last_four_weeks(store: Store) -> None:
    """The highest pain of the last 28 days is the client's fact; an older one is not."""
    robin = store.clients.add(ClientDetails("Robin"))
    noor = store.clients.add(ClientDetails("Noor"))
    store.back_ratings.add(robin.id, _rating(3, 5, 8))
    store.back_ratings.add(robin.id, _rating(1, 4, 2))
    store.back_ratings.add(noor.id, _rating(40, 5, 9))
    facts = {f.name: f for f in store.overview.client_facts(TODAY)}
    assert (facts["Robin"].worst_pain, facts["Robin"].worst_pain_on) == (8, date(2026, 11, 18))
    assert facts["Noor"].worst_pain is None


def test_deleting_a_client_deletes_their_ratings(store: Store) -> None:
    """No rating outlives its client; another client's stay."""
    robin = store.clients.add(ClientDetails("Robin"))
    noor = store.clients.add(ClientDetails("Noor"))
    store.back_ratings.add(robin.id, _rating(1, 3, 1))
    store.back_ratings.add(noor.id, _rating(1, 4, 2))
    store.clients.delete(robin.id)
    assert store.back_ratings.of_client(robin.id) == []
    assert len(store.back_ratings.of_client(noor.id)) == 1


def test_a_demo_clients_stiffness_falls_as_their_holds_rise(memory_store: Store) -> None:
    """Jules Calloway's first month against the last: longer holds, and stiffness down by
    at least the 2-point minimal clinically important difference."""
    seed_demo_data(memory_store, today=TODAY)
    jules = next(c for c in memory_store.clients.all() if c.name == "Jules Calloway")
    history = memory_store.history.of_client(jules.id)
    first, last = history.sessions[0].day, history.sessions[-1].day

    def held(since: date, until: date) -> float:
        return mean(
            h.entry.held_s for s in history.sessions if since <= s.day <= until for h in s.holds
        )

    month = timedelta(days=30)
    assert held(last - month, last) > held(first, first + month) + 3
    change = feel_change(history.ratings, "stiffness")
    assert change is not None and change.verdict == "less"


def test_every_chart_says_in_words_what_it_shows(memory_store: Store, catalog: Catalog) -> None:
    """Each stretch and side's first and latest mean hold and target; sessions against the
    plan; the dose; the field tests; stiffness and pain with their verdict and source."""
    seed_demo_data(memory_store, today=TODAY)
    jules = next(c for c in memory_store.clients.all() if c.name == "Jules Calloway")
    shown = client_progress(memory_store, catalog, jules.id, TODAY)
    holds, adherence, dose, tests, feel = chart_texts(shown, catalog)
    rotation = re.search(
        r"Seated Thoracic Rotation, left: [\d.]+ s in \w+ 2026 to [\d.]+ s now", holds
    )
    assert rotation and ", target " in holds
    assert not re.search(r"\d\.\d\d", holds + feel), "a mean hold read out to a tenth at most"
    assert (
        adherence.startswith("Sessions per week: ") and " planned sessions done over " in adherence
    )
    assert dose.startswith("Weekly stretch dose: ") and "ACSM" in dose
    assert tests.startswith("Field tests. ")
    assert "Back stiffness: " in feel and "points less (Suzuki et al., PLoS ONE 2020" in feel
    assert "Mean hold: " in feel


def test_importing_the_same_ratings_twice_is_refused_by_line(store: Store) -> None:
    """A CSV of two ratings imports once; the second time both lines are named and nothing
    is added."""
    robin = store.clients.add(ClientDetails("Robin"))
    text = history_to_csv(History(ratings=(_rating(9, 5, 2), _rating(2, 4, 1))))
    import_history(store, robin.id, text.encode(), today=TODAY)
    with pytest.raises(CsvImportError) as refused:
        import_history(store, robin.id, text.encode(), today=TODAY)
    assert [p.line for p in refused.value.problems] == [2, 3]
    assert "already has this rating" in str(refused.value)
    assert len(store.back_ratings.of_client(robin.id)) == 2
