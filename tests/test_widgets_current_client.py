"""The client picker starts on "Choose a client", and pickers sharing a current client follow
each other: choose a client on one screen and every other screen has it chosen."""

from __future__ import annotations

from stretchkit.clients import ClientDetails
from stretchkit.store import Store
from stretchkit.widgets.kit.client_picker import CHOOSE_A_CLIENT, ClientPicker
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.workbook.link_manager import LinkManager
from stretchkit.widgets.workbook.progress_panel import ProgressPanel


def test_the_picker_starts_on_a_visible_choose_a_client_option(memory_store: Store) -> None:
    memory_store.clients.add(ClientDetails("Robin Ashdown"))
    chosen: list[int | None] = []
    picker = ClientPicker(memory_store, chosen.append)
    assert picker.value is None and chosen == []
    assert picker.client.label == CHOOSE_A_CLIENT  # a None value would show an empty box
    picker.client.value = dict(picker.client.options)["Robin Ashdown"]
    picker.client.value = dict(picker.client.options)[CHOOSE_A_CLIENT]
    assert picker.value is None and chosen[-1] is None


def test_screens_sharing_a_current_client_follow_each_other(memory_store: Store) -> None:
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown")).id
    noor = memory_store.clients.add(ClientDetails("Noor Calloway")).id
    current = CurrentClient()
    links = LinkManager(memory_store, base_url="http://studio.lan:8866/", current=current)
    progress = ProgressPanel(memory_store, current=current)
    links.picker.client.value = robin
    assert current.client_id == robin and progress.picker.value == robin
    progress.picker.client.value = noor
    assert links.picker.value == noor
    current.client_id = None
    assert links.picker.client.label == progress.picker.client.label == CHOOSE_A_CLIENT


def test_a_client_added_on_one_screen_is_chosen_on_the_others(memory_store: Store) -> None:
    current = CurrentClient()
    first = ClientPicker(memory_store, lambda _c: None, current)
    second = ClientPicker(memory_store, lambda _c: None, current)
    first.name.value = "Sasha Brightwater"
    first.add_client()
    assert second.value == first.value == current.client_id is not None
    assert second.client.label == "Sasha Brightwater"


def test_a_new_screen_opens_on_the_current_client(memory_store: Store) -> None:
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown")).id
    current = CurrentClient(client_id=robin)
    assert ClientPicker(memory_store, lambda _c: None, current).value == robin
