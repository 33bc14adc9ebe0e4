"""Managing clients in the workbook: search, edit, and delete only after a confirmation that
names the client and everything that goes with them."""

from __future__ import annotations

from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.store import Store
from stretchkit.widgets.client_manager import ClientManager
from stretchkit.widgets.client_picker import ClientPicker
from stretchkit.widgets.current_client import CurrentClient


def test_search_finds_clients_by_part_of_a_name_or_contact(memory_store: Store) -> None:
    memory_store.clients.add(ClientDetails("Robin Ashdown", "robin@example.org"))
    memory_store.clients.add(ClientDetails("Noor Calloway"))
    manager = ClientManager(memory_store, CurrentClient())
    manager.search.value = "CALLO"
    assert [name for name, _ in manager.found.options] == ["Noor Calloway"]
    manager.search.value = "example.org"
    assert [name for name, _ in manager.found.options] == ["Robin Ashdown"]


def test_an_edit_is_saved_and_shown_in_the_pickers(memory_store: Store) -> None:
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown")).id
    current = CurrentClient(client_id=robin)
    manager = ClientManager(memory_store, current)
    picker = ClientPicker(memory_store, lambda _c: None, current)
    manager.name.value, manager.notes.value = "Robin Ashdown-Hale", "prefers mornings"
    manager.save_changes()
    saved = memory_store.clients.get(robin).details
    assert (saved.name, saved.notes) == ("Robin Ashdown-Hale", "prefers mornings")
    assert picker.value == robin and picker.client.label == "Robin Ashdown-Hale"


def test_an_empty_name_is_refused_naming_the_field_and_keeping_the_typing(
    memory_store: Store,
) -> None:
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown")).id
    manager = ClientManager(memory_store, CurrentClient(client_id=robin))
    manager.name.value, manager.contact.value = "  ", "07700 900123"
    manager.save_changes()
    assert "name" in manager.message.value
    assert manager.contact.value == "07700 900123"
    assert memory_store.clients.get(robin).name == "Robin Ashdown"


def test_delete_asks_first_naming_what_goes_then_deletes_only_that_client(
    memory_store: Store,
) -> None:
    seed_demo_data(memory_store)
    clients = memory_store.clients.all()
    gone, kept = clients[0], clients[1:]
    before = {c.id: len(memory_store.sessions.of_client(c.id)) for c in kept}
    current = CurrentClient(client_id=gone.id)
    manager = ClientManager(memory_store, current)
    manager.ask_to_delete()
    asked = manager.confirm_text.value
    assert gone.name in asked and "screening" in asked and "session" in asked
    assert memory_store.clients.count() == len(clients)  # nothing deleted yet
    manager.keep.click()
    assert memory_store.clients.count() == len(clients)
    manager.ask_to_delete()
    manager.confirm.click()
    assert [c.id for c in memory_store.clients.all()] == [c.id for c in kept]
    assert memory_store.sessions.of_client(gone.id) == []
    assert memory_store.screenings.history(gone.id) == []
    assert current.client_id is None and gone.name in manager.message.value
    assert {c.id: len(memory_store.sessions.of_client(c.id)) for c in kept} == before
