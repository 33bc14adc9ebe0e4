"""The Clients tab and the workbook's current client: the client chosen there is chosen on
every screen, a change elsewhere is followed, and edits not yet saved are never lost."""

from __future__ import annotations

from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.store import Store
from stretchkit.widgets.kit.client_picker import ClientPicker
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.workbook.client_manager import ClientManager


def test_choosing_in_the_list_chooses_the_client_everywhere(memory_store: Store) -> None:
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown")).id
    memory_store.clients.add(ClientDetails("Noor Calloway"))
    current = CurrentClient()
    manager = ClientManager(memory_store, current)
    picker = ClientPicker(memory_store, lambda _c: None, current)
    manager.list.value = robin
    assert current.client_id == robin and picker.value == robin


def test_the_manager_follows_the_client_chosen_elsewhere_unless_edits_are_unsaved(
    memory_store: Store,
) -> None:
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown")).id
    noor = memory_store.clients.add(ClientDetails("Noor Calloway")).id
    current = CurrentClient(client_id=robin)
    manager = ClientManager(memory_store, current)
    assert manager.value == robin and manager.name.value == "Robin Ashdown"
    current.client_id = noor
    assert manager.value == noor and manager.name.value == "Noor Calloway"
    manager.contact.value = "07700 900123"
    current.client_id = robin
    assert manager.value == noor and manager.contact.value == "07700 900123"
    assert "not saved yet" in manager.message.value


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
    assert manager.value == robin and "Saved the details" in manager.message.value


def test_archiving_the_current_client_clears_the_pickers_but_the_manager_keeps_them(
    memory_store: Store,
) -> None:
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown")).id
    current = CurrentClient(client_id=robin)
    manager = ClientManager(memory_store, current)
    picker = ClientPicker(memory_store, lambda _c: None, current)
    manager.toggle_archive()
    assert current.client_id is None and picker.value is None
    assert robin not in dict(picker.client.options).values()
    assert manager.value == robin and manager.archive.description == "Restore"
    manager.toggle_archive()
    assert current.client_id == robin and picker.value == robin


def test_a_delete_from_the_tab_deletes_only_that_client_and_clears_the_choice(
    memory_store: Store,
) -> None:
    seed_demo_data(memory_store)
    clients = memory_store.clients.all()
    gone, kept = clients[0], clients[1:]
    before = {c.id: len(memory_store.sessions.of_client(c.id)) for c in kept}
    current = CurrentClient(client_id=gone.id)
    manager = ClientManager(memory_store, current)
    picker = ClientPicker(memory_store, lambda _c: None, current)
    manager.ask_delete()
    asked = manager.confirm_text.value
    assert gone.name in asked and "screening" in asked and "session" in asked
    manager.cancel_delete()
    assert memory_store.clients.count() == len(clients)
    manager.ask_delete()
    manager.delete_client()
    assert [c.id for c in memory_store.clients.all()] == [c.id for c in kept]
    assert memory_store.sessions.of_client(gone.id) == []
    assert memory_store.screenings.history(gone.id) == []
    assert current.client_id is None and picker.value is None
    assert gone.id not in dict(picker.client.options).values()
    assert {c.id: len(memory_store.sessions.of_client(c.id)) for c in kept} == before


def test_the_clients_language_is_chosen_saved_and_shown_again(memory_store: Store) -> None:
    """'Their language' offers their phone's and each language stretchkit speaks by its own
    name; the choice is saved with the details and shown when the client is chosen again."""
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown")).id
    current = CurrentClient(client_id=robin)
    manager = ClientManager(memory_store, current)
    assert manager.language.value == ""
    assert [label for label, _code in manager.language.options][1:] == [
        "English",
        "Español",
        "Deutsch",
    ]
    manager.language.value = "es"
    manager.save_changes()
    assert memory_store.clients.get(robin).details.language == "es"
    current.client_id = None
    current.client_id = robin
    assert manager.language.value == "es"
