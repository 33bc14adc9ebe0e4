"""Clients managed from the workbook: archived (hidden from the pickers and the attention list,
everything kept) and restored, what deleting one would delete, and the Clients form used as a
trainer uses it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.clients import Client, ClientDetails, ClientFootprint
from stretchkit.errors import ValidationError
from stretchkit.progress.outcomes import Measurement
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store
from stretchkit.widgets.kit.client_picker import ClientPicker
from stretchkit.widgets.workbook.client_manager import ClientManager, client_label, matches

TODAY = date(2026, 11, 20)
ARCHIVED_AT = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
FLEXION = "seated-thoracic-flexion"


def _hold(rep: int) -> HoldEntry:
    return HoldEntry(FLEXION, "", rep, 2, 30, 28)


def test_an_archived_client_leaves_the_pickers_and_the_attention_list_but_keeps_everything(
    store: Store,
) -> None:
    """Archive hides the client from `active()` and the attention list's facts; their
    sessions stay; restore brings them back; archiving twice keeps the first date."""
    robin = store.clients.add(ClientDetails("Robin Ashdown"))
    noor = store.clients.add(ClientDetails("Noor Calloway"))
    session = store.sessions.start(robin.id, None)
    store.sessions.log_hold(session.id, _hold(1))
    archived = store.clients.archive(robin.id, at=ARCHIVED_AT)
    assert archived.archived == ARCHIVED_AT
    assert store.clients.archive(robin.id).archived == ARCHIVED_AT
    assert [c.name for c in store.clients.active()] == ["Noor Calloway"]
    assert [c.name for c in store.clients.all()] == ["Noor Calloway", "Robin Ashdown"]
    assert [f.client_id for f in store.overview.client_facts(TODAY)] == [noor.id]
    assert len(store.sessions.holds(session.id)) == 1
    assert store.clients.restore(robin.id).archived is None
    assert [c.name for c in store.clients.active()] == ["Noor Calloway", "Robin Ashdown"]
    assert {f.client_id for f in store.overview.client_facts(TODAY)} == {robin.id, noor.id}


def test_archiving_an_unknown_client_names_the_id(store: Store) -> None:
    with pytest.raises(ValidationError, match=r"client.*404"):
        store.clients.archive(404)
    with pytest.raises(ValidationError, match=r"client.*404"):
        store.clients.footprint(404)


def test_the_footprint_counts_what_deleting_the_client_deletes_and_only_theirs(
    store: Store,
) -> None:
    """Sessions with their holds, field tests and links of the client, none of another's."""
    robin = store.clients.add(ClientDetails("Robin Ashdown"))
    noor = store.clients.add(ClientDetails("Noor Calloway"))
    assert store.clients.footprint(robin.id) == ClientFootprint()
    for client in (robin, noor):
        session = store.sessions.start(client.id, None)
        store.sessions.log_hold(session.id, _hold(1))
        store.sessions.log_hold(session.id, _hold(2))
    store.sessions.start(robin.id, None)
    store.measurements.add(robin.id, Measurement("sit-and-reach", "", 12.0, TODAY))
    store.links.create(robin.id, "phone")
    footprint = store.clients.footprint(robin.id)
    assert footprint == ClientFootprint(sessions=2, holds=2, field_tests=1, links=1)
    assert footprint.described() == (
        "2 sessions with 2 logged holds, 1 field test, 1 dashboard link"
    )
    store.clients.delete(robin.id)
    assert store.clients.footprint(noor.id).holds == 2


def test_a_footprint_with_nothing_says_so() -> None:
    assert ClientFootprint().described() == "nothing logged yet"
    assert ClientFootprint(screenings=1, sessions=1, holds=1).described() == (
        "1 screening, 1 session with 1 logged hold"
    )


def _client(name: str, contact: str = "", notes: str = "") -> Client:
    return Client(1, ClientDetails(name, contact, notes), ARCHIVED_AT)


@given(st.text(max_size=20), st.text(max_size=20))
def test_a_search_matches_what_any_word_of_it_finds_in_the_client(name: str, word: str) -> None:
    """Every word searched for must be in the name, contact or notes, case ignored."""
    if not name.strip():
        name = "x"
    client = _client(name)
    assert matches(client, "")
    assert matches(client, name.upper()) == all(
        w in client.name.casefold() for w in name.upper().casefold().split()
    )
    found = matches(client, word)
    assert found == all(w in client.name.casefold() for w in word.casefold().split())


def test_the_list_label_names_contact_and_archive() -> None:
    assert client_label(_client("Robin", "robin@example.org")) == "Robin · robin@example.org"
    archived = Client(1, ClientDetails("Robin"), ARCHIVED_AT, ARCHIVED_AT)
    assert client_label(archived).startswith("Robin (archived ")
    assert client_label(archived).endswith(" November 2026)")  # the day in the local zone


# --- the form ----------------------------------------------------------------------------


@pytest.fixture
def manager(memory_store: Store) -> ClientManager:
    memory_store.clients.add(ClientDetails("Robin Ashdown", "robin@example.org"))
    memory_store.clients.add(ClientDetails("Noor Calloway", notes="desk job"))
    return ClientManager(memory_store)


def _pick(manager: ClientManager, name: str) -> int:
    client_id = next(cid for label, cid in manager.list.options if label.startswith(name))
    manager.list.value = client_id
    return client_id


def test_searching_narrows_the_list_by_name_contact_or_notes(manager: ClientManager) -> None:
    assert [label for label, _ in manager.list.options] == [
        "Noor Calloway",
        "Robin Ashdown · robin@example.org",
    ]
    manager.search.value = "DESK"
    assert [label for label, _ in manager.list.options] == ["Noor Calloway"]
    manager.search.value = "example.org"
    assert [label for label, _ in manager.list.options] == ["Robin Ashdown · robin@example.org"]
    assert "1 client" in manager.found.value


def test_a_trainer_edits_a_client_and_a_bad_name_keeps_what_was_typed(
    manager: ClientManager,
) -> None:
    robin = _pick(manager, "Robin")
    assert manager.name.value == "Robin Ashdown" and manager.save.disabled
    manager.notes.value = "prefers mornings"
    manager.name.value = "   "
    manager.save_changes()
    assert "name" in manager.message.value and "a client needs a name" in manager.message.value
    assert manager.notes.value == "prefers mornings"
    assert manager.store.clients.get(robin).details.notes == ""
    manager.name.value = "Robin A. Ashdown"
    manager.save_changes()
    saved = manager.store.clients.get(robin).details
    assert (saved.name, saved.contact, saved.notes) == (
        "Robin A. Ashdown",
        "robin@example.org",
        "prefers mornings",
    )
    assert "Saved" in manager.message.value


def test_choosing_another_client_with_unsaved_edits_is_refused_and_keeps_them(
    manager: ClientManager,
) -> None:
    robin = _pick(manager, "Robin")
    manager.contact.value = "new number"
    _pick(manager, "Noor")
    assert manager.value == robin and manager.list.value == robin
    assert manager.contact.value == "new number"
    assert "not saved yet" in manager.message.value
    manager.discard_edits()
    assert manager.contact.value == "robin@example.org"
    noor = _pick(manager, "Noor")
    assert manager.value == noor and manager.notes.value == "desk job"


def test_a_trainer_adds_a_client_who_is_then_chosen(manager: ClientManager) -> None:
    chosen: list[int | None] = []
    manager._on_change = chosen.append
    manager.start_new()
    manager.add_client()
    assert "name" in manager.message.value
    manager.name.value = "Sam Okafor"
    manager.add_client()
    sam = manager.value
    assert sam is not None and chosen == [sam]
    assert manager.store.clients.get(sam).name == "Sam Okafor"
    assert "Added Sam Okafor" in manager.message.value


def test_archive_hides_a_client_from_pickers_and_restore_brings_them_back(
    manager: ClientManager,
) -> None:
    picker = ClientPicker(manager.store, lambda _c: None)
    robin = _pick(manager, "Robin")
    manager.toggle_archive()
    assert "Archived Robin Ashdown" in manager.message.value
    assert manager.archive.description == "Restore"
    assert robin in dict(manager.list.options).values()  # still shown while chosen
    picker.refresh()
    assert robin not in dict(picker.client.options).values()
    manager.start_new()
    assert robin not in dict(manager.list.options).values()
    manager.select(robin)  # listed again, with the archived ones
    assert manager.show_archived.value and manager.value == robin
    manager.toggle_archive()
    assert manager.store.clients.get(robin).archived is None
    picker.refresh()
    assert robin in dict(picker.client.options).values()


def test_delete_asks_first_naming_what_goes_and_keep_deletes_nothing(
    manager: ClientManager,
) -> None:
    store = manager.store
    robin = _pick(manager, "Robin")
    session = store.sessions.start(robin, None)
    store.sessions.log_hold(session.id, _hold(1))
    manager.delete_client()  # not confirmed: nothing happens
    assert store.clients.get(robin).name == "Robin Ashdown"
    manager.ask_delete()
    assert manager.confirm.layout.display is None
    text = manager.confirm_text.value
    assert "Delete Robin Ashdown and everything about them?" in text
    assert "1 session with 1 logged hold" in text
    manager.cancel_delete()
    assert manager.confirm.layout.display == "none"
    assert store.clients.get(robin).name == "Robin Ashdown"
    manager.ask_delete()
    manager.delete_client()
    assert [c.name for c in store.clients.all()] == ["Noor Calloway"]
    assert manager.value is None and "Deleted Robin Ashdown" in manager.message.value
    assert robin not in dict(manager.list.options).values()


def test_names_are_escaped_in_the_form(memory_store: Store) -> None:
    memory_store.clients.add(ClientDetails("Noor <b>Calloway</b>"))
    manager = ClientManager(memory_store)
    _pick(manager, "Noor")
    manager.ask_delete()
    assert "<b>" not in manager.confirm_text.value and "&lt;b&gt;" in manager.confirm_text.value
    assert "<b>" not in manager.heading.value
