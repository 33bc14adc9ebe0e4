"""Screening history in the store, health changes, and the intake dict codec."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.errors import ValidationError
from stretchkit.screening import Screening, screen
from stretchkit.screening.intake import Clearance, Injury, Intake
from stretchkit.screening.intake_codec import intake_from_dict, intake_to_dict
from stretchkit.store import Store
from tests.hypothesis_profiles import examples
from tests.strategies import NUL, has_nul, intakes, json_values, paths
from tests.today import clock_today

ENGINE_PARITY = True
"""The store's own tests: each runs on SQLite and on PostgreSQL."""

SCREENED_ON = date(2024, 3, 1)


def add_client(store: Store, name: str = "Robin Ashdown") -> int:
    return store.clients.add(ClientDetails(name)).id


def screening_on(day: date, catalog: Catalog, **conditions: Any) -> Screening:
    return screen(Intake(day, 40, **conditions), catalog)


# --- strategies --------------------------------------------------------------------------


JSON_VALUES = json_values()
INTAKE_KEYS = sorted(intake_to_dict(Intake(SCREENED_ON, 40)))


DELETE = object()


def replaced(value: Any, path: tuple[str | int, ...], new: object) -> None:
    """Put a new value at a path, or remove what is there when `new` is DELETE."""
    *parents, last = path
    for step in parents:
        value = value[step]
    if new is DELETE:
        del value[last]
    else:
        value[last] = new


def assert_reads_or_refuses(data: Any) -> None:
    """The codec returns an intake or raises ValidationError naming a field, nothing else."""
    try:
        result = intake_from_dict(data)
    except ValidationError as e:
        assert isinstance(e.field, str)
        assert e.field
    else:
        assert isinstance(result, Intake)


# --- history -----------------------------------------------------------------------------


def test_a_new_screening_never_overwrites_the_previous_one(store: Store, catalog: Catalog) -> None:
    """Two screenings of a client are both kept, the newest first."""
    client = add_client(store)
    first = store.screenings.add(client, screening_on(SCREENED_ON, catalog))
    later = screening_on(date(2024, 9, 1), catalog, acute_pain=True)
    second = store.screenings.add(client, later)
    history = store.screenings.history(client)
    assert [s.id for s in history] == [second.id, first.id]
    assert history == [second, first]
    assert history[0].status == later.status
    assert store.screenings.latest(client) == second


def test_screenings_on_the_same_day_are_ordered_by_entry(store: Store, catalog: Catalog) -> None:
    """Of two screenings taken on one day, the one entered last counts as the newest."""
    client = add_client(store)
    first = store.screenings.add(client, screening_on(SCREENED_ON, catalog))
    second = store.screenings.add(client, screening_on(SCREENED_ON, catalog))
    assert [s.id for s in store.screenings.history(client)] == [second.id, first.id]


def test_an_older_screening_entered_later_does_not_become_the_latest(
    store: Store, catalog: Catalog
) -> None:
    """History is ordered by screening date, not by when it was typed in."""
    client = add_client(store)
    newer = store.screenings.add(client, screening_on(date(2024, 9, 1), catalog))
    store.screenings.add(client, screening_on(SCREENED_ON, catalog))
    assert store.screenings.latest(client) == newer


@pytest.mark.parametrize(
    "change",
    ["status = 'do-not-stretch'", "intake = '{}'", "taken_on = '2020-01-01'"],
)
def test_the_database_refuses_to_change_a_stored_screening(
    store: Store, catalog: Catalog, change: str
) -> None:
    """Any UPDATE of a screenings row is aborted by the insert-only trigger."""
    client = add_client(store)
    saved = store.screenings.add(client, screening_on(SCREENED_ON, catalog))
    never = "screenings are never changed: add a new one"
    with pytest.raises(DBAPIError, match=never), store.db.write() as conn:
        # raw SQL: the database's own insert-only trigger, which no method would try
        conn.execute(text(f"UPDATE screenings SET {change} WHERE id = :id"), {"id": saved.id})
    assert store.screenings.history(client) == [saved]


def test_a_saved_screening_keeps_what_was_stored(store: Store, catalog: Catalog) -> None:
    """The saved screening has its client, dates, status and intake, the created time in UTC."""
    client = add_client(store)
    screening = screening_on(SCREENED_ON, catalog, osteoporosis=True, notes="desk job")
    saved = store.screenings.add(client, screening)
    assert (saved.client_id, saved.taken_on, saved.status) == (
        client,
        SCREENED_ON,
        screening.status,
    )
    assert (saved.expires_on, saved.intake) == (date(2025, 3, 1), screening.intake)
    latest = store.screenings.latest(client)
    assert latest is not None
    assert latest.intake.notes == "desk job"
    assert saved.created.utcoffset() is not None
    assert not saved.created.utcoffset()


def test_the_decisions_are_recomputed_from_the_stored_intake(
    store: Store, catalog: Catalog
) -> None:
    """Screening the saved intake again gives the same status and decisions."""
    client = add_client(store)
    screening = screening_on(SCREENED_ON, catalog, injuries=(Injury("lower-back"),))
    store.screenings.add(client, screening)
    latest = store.screenings.latest(client)
    assert latest is not None
    assert screen(latest.intake, catalog) == screening


def test_a_client_never_screened_has_no_latest_screening(store: Store) -> None:
    """History is empty and latest is None before the first screening."""
    client = add_client(store)
    assert store.screenings.history(client) == []
    assert store.screenings.latest(client) is None
    assert store.screenings.latest_health_change(client) is None


# --- validity ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2024, 3, 1), "current"),
        (date(2025, 2, 28), "current"),
        (date(2025, 3, 1), "expired"),
        (date(2026, 1, 1), "expired"),
    ],
)
def test_a_screening_holds_for_twelve_months(
    store: Store, catalog: Catalog, today: date, state: str
) -> None:
    """A stored screening is current until 12 months after it was taken, then expired."""
    client = add_client(store)
    saved = store.screenings.add(client, screening_on(SCREENED_ON, catalog))
    validity = store.screenings.validity_of(saved, today)
    assert (validity.state, validity.expires_on) == (state, date(2025, 3, 1))


@pytest.mark.parametrize(
    ("reported_on", "state"),
    [
        (date(2024, 2, 29), "current"),
        (date(2024, 3, 1), "health-changed"),
        (date(2024, 6, 1), "health-changed"),
    ],
)
def test_a_health_change_on_or_after_the_screening_ends_it(
    store: Store, catalog: Catalog, reported_on: date, state: str
) -> None:
    """A change reported on or after the screening date asks for a re-screen; one before not."""
    client = add_client(store)
    saved = store.screenings.add(client, screening_on(SCREENED_ON, catalog))
    store.screenings.report_health_change(client, reported_on, "back pain", "trainer")
    assert store.screenings.latest_health_change(client) == reported_on
    assert store.screenings.validity_of(saved, date(2024, 7, 1)).state == state


def test_the_latest_health_change_is_the_most_recent_day(store: Store) -> None:
    """Of several reported changes, the latest day counts, whatever the order of entry."""
    client = add_client(store)
    store.screenings.report_health_change(client, date(2024, 5, 1))
    store.screenings.report_health_change(client, date(2024, 3, 1), source="session pain flag")
    assert store.screenings.latest_health_change(client) == date(2024, 5, 1)


def test_a_health_change_of_another_client_changes_nothing(store: Store, catalog: Catalog) -> None:
    """Health changes are per client."""
    robin, avery = add_client(store), add_client(store, "Avery")
    saved = store.screenings.add(robin, screening_on(SCREENED_ON, catalog))
    store.screenings.report_health_change(avery, date(2024, 6, 1))
    assert store.screenings.validity_of(saved, date(2024, 7, 1)).state == "current"


# --- clients -----------------------------------------------------------------------------


def test_deleting_a_client_deletes_their_screenings_and_health_changes(
    store: Store, catalog: Catalog
) -> None:
    """The foreign keys cascade: no screening or health change of a deleted client remains."""
    robin, avery = add_client(store), add_client(store, "Avery")
    for client in (robin, avery):
        store.screenings.add(client, screening_on(SCREENED_ON, catalog))
        store.screenings.add(client, screening_on(date(2024, 9, 1), catalog))
        store.screenings.report_health_change(client, date(2024, 5, 1))
    store.clients.delete(robin)
    totals = store.overview.totals()
    assert (totals.screenings, totals.health_changes) == (2, 1)
    assert store.screenings.history(robin) == []
    assert len(store.screenings.history(avery)) == 2


def test_screening_an_unknown_client_is_an_error_naming_it(store: Store, catalog: Catalog) -> None:
    """Adding a screening for a client id that does not exist names the id, stores nothing."""
    with pytest.raises(ValidationError, match=r"client.*no client with this id.*4242") as e:
        store.screenings.add(4242, screening_on(SCREENED_ON, catalog))
    assert (e.value.field, e.value.value) == ("client", 4242)
    assert store.overview.totals().screenings == 0


def test_a_health_change_of_an_unknown_client_is_an_error_naming_it(store: Store) -> None:
    """Reporting a health change for a client id that does not exist names the id."""
    with pytest.raises(ValidationError, match=r"client.*4242"):
        store.screenings.report_health_change(4242, date(2024, 5, 1))
    assert store.overview.totals().health_changes == 0


def test_a_health_change_needs_a_source(store: Store) -> None:
    """A blank source is refused with an error naming the field."""
    client = add_client(store)
    with pytest.raises(ValidationError, match=r"^source:"):
        store.screenings.report_health_change(client, date(2024, 5, 1), source=" ")


def test_a_clients_health_changes_read_back_newest_first(store: Store) -> None:
    """Each change keeps its day, note and source, with the time it was written (UTC);
    the newest day comes first, and another client's changes are not listed."""
    robin, avery = add_client(store), add_client(store, "Avery")
    store.screenings.report_health_change(robin, date(2024, 5, 1), "knee surgery")
    store.screenings.report_health_change(robin, date(2024, 6, 2), "pregnant", "client")
    store.screenings.report_health_change(avery, date(2024, 7, 3))
    newest, oldest = changes = store.screenings.health_changes(robin)
    assert [(c.reported_on, c.note, c.source) for c in changes] == [
        (date(2024, 6, 2), "pregnant", "client"),
        (date(2024, 5, 1), "knee surgery", "trainer"),
    ]
    assert {newest.client_id, oldest.client_id} == {robin} and newest.id > oldest.id
    assert newest.created.utcoffset() == timedelta(0)
    assert store.screenings.health_changes(add_client(store, "Noor")) == []


# --- the codec ---------------------------------------------------------------------------


def test_the_intake_dict_is_json_with_a_schema_and_every_field() -> None:
    """Dates become ISO strings, tuples lists, clearance and injuries dicts; all fields kept."""
    intake = Intake(
        SCREENED_ON,
        40,
        injuries=(Injury("lower-back", "sprain"),),
        clearance=Clearance(date(2024, 2, 1), ("par-q",), "Dr. Okafor"),
    )
    data = intake_to_dict(intake)
    assert set(data) == {"schema"} | {f.name for f in fields(Intake)}
    assert data["schema"] == 1
    assert data["taken_on"] == "2024-03-01"
    assert data["injuries"] == [{"body_part": "lower-back", "kind": "sprain"}]
    assert data["clearance"] == {
        "issued_on": "2024-02-01",
        "covers": ["par-q"],
        "issued_by": "Dr. Okafor",
    }
    assert json.loads(json.dumps(data)) == data


def test_missing_optional_keys_take_the_intake_defaults() -> None:
    """Only taken_on and age are required; the rest default as in Intake."""
    intake = intake_from_dict({"taken_on": "2024-03-01", "age": 40})
    assert intake == Intake(SCREENED_ON, 40)
    assert intake.warm_up_possible


def valid_dict() -> dict[str, Any]:
    return intake_to_dict(
        Intake(
            SCREENED_ON,
            40,
            injuries=(Injury("lower-back"), Injury("hamstring")),
            clearance=Clearance(date(2024, 2, 1), ("par-q",)),
        )
    )


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("age",), "40", "age"),
        (("age",), 40.0, "age"),
        (("age",), True, "age"),
        (("age",), 11, "age"),
        (("age",), DELETE, "age"),
        (("taken_on",), DELETE, "taken_on"),
        (("taken_on",), "2024-02-30", "taken_on"),
        (("taken_on",), "20240301", "taken_on"),
        (("taken_on",), "3 March 2024", "taken_on"),
        (("taken_on",), 20240301, "taken_on"),
        (("schema",), 2, "schema"),
        (("parq",), [False] * 6, "parq"),
        (("parq", 3), 1, "parq[3]"),
        (("acute_pain",), "yes", "acute_pain"),
        (("recent_surgery",), "knee", "recent_surgery"),
        (("pregnancy_trimester",), 4, "pregnancy_trimester"),
        (("pregnancy_trimester",), True, "pregnancy_trimester"),
        (("notes",), None, "notes"),
        (("injuries",), "lower-back", "injuries"),
        (("injuries", 1), "lower-back", "injuries[1]"),
        (("injuries", 1, "body_part"), 7, "injuries[1].body_part"),
        (("injuries", 1, "body_part"), DELETE, "injuries[1].body_part"),
        (("injuries", 1, "body_part"), "  ", "injuries[1].body_part"),
        (("injuries", 0, "kind"), "bruise", "injuries[0].kind"),
        (("injuries", 0, "side"), "left", "injuries[0].side"),
        (("clearance",), [], "clearance"),
        (("clearance", "issued_on"), "2024-04-01", "clearance.issued_on"),
        (("clearance", "issued_on"), "yesterday", "clearance.issued_on"),
        (("clearance", "issued_on"), DELETE, "clearance.issued_on"),
        (("clearance", "covers"), [], "clearance.covers"),
        (("clearance", "covers"), ["par-q", "knee"], "clearance.covers[1]"),
        (("clearance", "issued_by"), 3, "clearance.issued_by"),
        (("clearance", "stamp"), "ok", "clearance.stamp"),
        (("smoker",), True, "smoker"),
    ],
)
def test_a_bad_intake_dict_is_refused_naming_the_key(
    path: tuple[str | int, ...], value: object, field: str
) -> None:
    """A wrong type, missing required key, unknown key or bad date names the key in the error."""
    data = valid_dict()
    replaced(data, path, value)
    with pytest.raises(ValidationError) as e:
        intake_from_dict(data)
    assert e.value.field == field


@pytest.mark.parametrize("data", [None, [], "intake", 3, {1: 2}])
def test_something_that_is_not_an_intake_dict_is_refused(data: Any) -> None:
    """A value that is not a dict of text keys raises ValidationError."""
    with pytest.raises(ValidationError):
        intake_from_dict(data)


@settings(max_examples=examples(200), deadline=None)
@given(intakes())
def test_any_valid_intake_round_trips_through_the_dict(intake: Intake) -> None:
    """Encoding then decoding (through JSON text) gives the same intake, notes included."""
    again = intake_from_dict(json.loads(json.dumps(intake_to_dict(intake))))
    assert again == intake
    assert again.notes == intake.notes


@settings(max_examples=examples(50), deadline=None)
@example(intake=Intake(SCREENED_ON, 40, notes=f"desk job{NUL}"))
@given(intakes())
def test_any_valid_intake_round_trips_through_the_store(
    shared_store: Store, intake: Intake
) -> None:
    """A screening saved and read back has the same intake (notes included) and status."""
    screening = screen(intake, default_catalog())
    client = add_client(shared_store)
    if has_nul(intake):  # refused on both engines, naming the field; nothing saved
        with pytest.raises(ValidationError, match=r"^intake: must not contain a NUL character"):
            shared_store.screenings.add(client, screening)
        assert shared_store.screenings.history(client) == []
        return
    saved = shared_store.screenings.add(client, screening)
    (read,) = shared_store.screenings.history(client)
    assert read == saved
    assert (read.intake, read.intake.notes, read.status) == (intake, intake.notes, screening.status)


@settings(max_examples=examples(300), deadline=None)
@given(st.dictionaries(st.sampled_from(INTAKE_KEYS) | st.text(max_size=10), JSON_VALUES))
def test_any_json_like_dict_is_read_or_refused_with_a_validation_error(data: Any) -> None:
    """Arbitrary JSON-like dicts give an Intake or a ValidationError, never another error."""
    assert_reads_or_refuses(data)


@settings(max_examples=examples(300), deadline=None)
@given(intakes(), st.data())
def test_a_valid_dict_with_one_value_replaced_is_read_or_refused(
    intake: Intake, data: st.DataObject
) -> None:
    """Replacing or deleting any nested value gives an Intake or a ValidationError only."""
    encoded = intake_to_dict(intake)
    path = data.draw(st.sampled_from(paths(encoded)))
    replaced(encoded, path, data.draw(JSON_VALUES | st.just(DELETE)))
    assert_reads_or_refuses(encoded)


@pytest.mark.parametrize("days", [1, 365 * 900])
def test_a_screening_dated_after_today_is_refused_and_nothing_is_saved(
    store: Store, catalog: Catalog, days: int
) -> None:
    """The core takes any date; the store, which knows today, refuses a future screening date
    by name and keeps the client's history as it was."""
    client = store.clients.add(ClientDetails("Robin Ashdown")).id
    future = Intake(clock_today() + timedelta(days=days), 40)
    with pytest.raises(ValidationError) as caught:
        store.screenings.add(client, screen(future, catalog))
    assert (caught.value.field, caught.value.value) == ("screening date", future.taken_on)
    assert store.screenings.history(client) == []
