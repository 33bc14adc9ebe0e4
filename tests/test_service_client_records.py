"""The client list's use cases on a memory store: each change is stored and announced."""

from __future__ import annotations

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.errors import StretchkitError
from stretchkit.services.client_records import (
    add_client,
    archive_client,
    delete_client,
    edit_client,
    find_clients,
    pickable_clients,
    preview_delete,
    restore_client,
)
from stretchkit.services.events import ClientChanged, ClientEvents
from stretchkit.store import Store


@pytest.fixture
def heard() -> list[ClientChanged]:
    return []


@pytest.fixture
def hub(heard: list[ClientChanged]) -> ClientEvents:
    events = ClientEvents()
    events.subscribe(heard.append)
    return events


def test_adding_and_editing_a_client_is_stored_and_announced(
    memory_store: Store, hub: ClientEvents, heard: list[ClientChanged]
) -> None:
    """A client added then renamed: the store has the new name, the hub heard both."""
    robin = add_client(memory_store, ClientDetails("Robin Ashdown"), hub)
    renamed = edit_client(memory_store, robin.id, ClientDetails("Robin Ash", "0170 1234"), hub)
    assert memory_store.clients.get(robin.id).name == renamed.name == "Robin Ash"
    assert heard == [ClientChanged(robin.id, "added"), ClientChanged(robin.id, "edited")]


def test_a_refused_client_is_neither_stored_nor_announced(
    memory_store: Store, hub: ClientEvents, heard: list[ClientChanged]
) -> None:
    """A blank name never reaches the store and nobody is told of a change."""
    with pytest.raises(StretchkitError, match="name"):
        add_client(memory_store, ClientDetails(""), hub)
    assert memory_store.clients.count() == 0 and heard == []


def test_an_archived_client_leaves_the_pickers_until_restored(
    memory_store: Store, hub: ClientEvents, heard: list[ClientChanged]
) -> None:
    """Archived: not pickable, found only with archived clients; restored: pickable again."""
    kit = add_client(memory_store, ClientDetails("Kit Morrow", notes="runner"), hub)
    archive_client(memory_store, kit.id, hub)
    assert pickable_clients(memory_store) == []
    assert find_clients(memory_store, "RUNNER") == []
    assert [c.id for c in find_clients(memory_store, "runner", archived=True)] == [kit.id]
    restore_client(memory_store, kit.id, hub)
    assert [c.id for c in pickable_clients(memory_store)] == [kit.id]
    assert [c.what for c in heard] == ["added", "archived", "restored"]


def test_a_delete_is_previewed_then_removes_the_client_and_is_announced(
    memory_store: Store, hub: ClientEvents, heard: list[ClientChanged]
) -> None:
    """The preview names what goes and removes nothing; the delete removes the client."""
    avery = add_client(memory_store, ClientDetails("Avery Fairbrook"), hub)
    preview = preview_delete(memory_store, avery.id)
    assert preview.client == avery and preview.text.startswith("their details, ")
    assert memory_store.clients.count() == 1
    gone = delete_client(memory_store, avery.id, hub)
    assert gone.name == "Avery Fairbrook" and memory_store.clients.count() == 0
    assert heard[-1] == ClientChanged(avery.id, "deleted")


def test_search_matches_every_word_in_name_contact_or_notes(memory_store: Store) -> None:
    """Every word must match somewhere, case ignored; an empty search finds everyone."""
    add_client(memory_store, ClientDetails("Robin Ashdown", "robin@example.org", "desk job"))
    add_client(memory_store, ClientDetails("Avery Fairbrook", "", "runner, desk"))
    assert [c.name for c in find_clients(memory_store, "DESK robin")] == ["Robin Ashdown"]
    assert len(find_clients(memory_store, "desk")) == len(find_clients(memory_store)) == 2
