"""The client links page used as a trainer uses it: pick a client, create, copy, revoke."""

from __future__ import annotations

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.link_tokens import DEFAULT_DASHBOARD_URL, key_from_query
from stretchkit.store import Store
from stretchkit.widgets.workbook.link_manager import COPY_NOTE, LinkManager

BASE = "http://studio.lan:8866/"


@pytest.fixture
def manager(memory_store: Store) -> LinkManager:
    """A links page over a store with Robin and Noor, building links on a known address."""
    memory_store.clients.add(ClientDetails("Robin Ashdown"))
    memory_store.clients.add(ClientDetails("Noor <b>Calloway</b>"))
    return LinkManager(memory_store, base_url=BASE)


def _choose(manager: LinkManager, name: str) -> int:
    client_id: int = dict(manager.picker.client.options)[name]
    manager.picker.client.value = client_id
    return client_id


def _token(manager: LinkManager) -> str:
    query = manager.new_url.value.split("?", 1)[1]
    token = key_from_query(query)
    assert token is not None
    return token


def test_the_page_carries_its_css_classes_and_starts_empty(manager: LinkManager) -> None:
    """Browser tests and the stylesheet find the parts by class; no link is shown yet."""
    assert "sk-links" in manager._dom_classes
    for widget, css in [
        (manager.label, "sk-link-label"),
        (manager.create, "sk-link-create"),
        (manager.new_url, "sk-link-new"),
        (manager.table, "sk-link-table"),
        (manager.choice, "sk-link-choice"),
        (manager.revoke, "sk-link-revoke"),
        (manager.error, "sk-link-error"),
    ]:
        assert css in widget._dom_classes
    assert manager.new_box.layout.display == "none"
    assert manager.client_box.layout.display == "none"
    _choose(manager, "Robin Ashdown")
    assert manager.client_box.layout.display == ""
    assert manager.choice.value is None and manager.choice.label == "No active link"


def test_creating_a_link_shows_its_url_once_with_the_copy_note(
    manager: LinkManager, memory_store: Store
) -> None:
    """The URL on the given address opens the chosen client's dashboard; the label is cleared
    and the table lists the link by its hint only."""
    robin = _choose(manager, "Robin Ashdown")
    manager.label.value = "phone"
    manager.create.click()
    assert manager.new_url.value.startswith(f"{BASE}?key=")
    assert manager.new_box.layout.display == ""
    assert COPY_NOTE in manager.new_box.children[1].value
    token = _token(manager)
    assert memory_store.links.client_for(token) == robin
    assert manager.label.value == "" and manager.error.value == ""
    assert "phone" in manager.table.value and f"{token[:4]}\u2026" in manager.table.value
    assert token not in manager.table.value
    assert manager.choice.value == memory_store.links.of_client(robin)[0].id


def test_the_url_box_is_read_only(manager: LinkManager) -> None:
    """Typing in the URL box puts the link back as it was."""
    _choose(manager, "Robin Ashdown")
    manager.create.click()
    url = manager.new_url.value
    manager.new_url.value = "oops"
    assert manager.new_url.value == url


def test_choosing_another_client_hides_the_new_link(manager: LinkManager) -> None:
    """A link made for Robin is not left on screen while Noor's links are shown."""
    _choose(manager, "Robin Ashdown")
    manager.create.click()
    _choose(manager, "Noor <b>Calloway</b>")
    assert manager.new_box.layout.display == "none" and manager.new_url.value == ""
    assert "No links yet" in manager.table.value


def test_revoking_a_link_stops_it_and_updates_the_list(
    manager: LinkManager, memory_store: Store
) -> None:
    """The chosen link is revoked: its token finds nobody, the table says so, and it leaves
    the list of links to revoke."""
    _choose(manager, "Robin Ashdown")
    manager.label.value = "phone"
    manager.create.click()
    token = _token(manager)
    manager.revoke.click()
    assert memory_store.links.client_for(token) is None
    assert "revoked on" in manager.table.value
    assert "no longer opens" in manager.done.value
    assert manager.choice.value is None and manager.choice.label == "No active link"
    assert manager.new_box.layout.display == "none"


def test_revoking_an_older_link_keeps_the_new_one_on_screen(manager: LinkManager) -> None:
    """Revoking the laptop link while the phone link is shown leaves the phone link to copy."""
    _choose(manager, "Robin Ashdown")
    manager.label.value = "laptop"
    manager.create.click()
    manager.label.value = "phone"
    manager.create.click()
    url = manager.new_url.value
    manager.choice.value = next(v for k, v in manager.choice.options if k.startswith("laptop"))
    manager.revoke.click()
    assert manager.new_url.value == url and manager.new_box.layout.display == ""


def test_a_long_label_is_refused_naming_it_and_kept_for_editing(
    manager: LinkManager, memory_store: Store
) -> None:
    """61 characters: the error names the label and shows the value; the text stays typed."""
    _choose(manager, "Robin Ashdown")
    manager.label.value = "x" * 61
    manager.create.click()
    assert "label: at most 60 characters" in manager.error.value
    assert "x" * 61 in manager.error.value
    assert manager.label.value == "x" * 61
    assert memory_store.links.all() == [] and manager.new_url.value == ""


def test_creating_without_a_client_says_choose_one(manager: LinkManager) -> None:
    """No client chosen: a message, the typed label kept, nothing created."""
    manager.label.value = "phone"
    manager.create.click()
    assert "choose a client first" in manager.error.value
    assert manager.label.value == "phone"


def test_revoking_with_no_active_link_says_so(manager: LinkManager) -> None:
    """With nothing to revoke the button explains instead of failing."""
    _choose(manager, "Robin Ashdown")
    manager.revoke.click()
    assert "choose an active link to revoke" in manager.error.value


def test_labels_and_names_are_escaped(manager: LinkManager) -> None:
    """A label with markup is shown as text, never as HTML."""
    _choose(manager, "Noor <b>Calloway</b>")
    manager.label.value = "<img src=x onerror=alert(1)>"
    manager.create.click()
    assert "<img" not in manager.table.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in manager.table.value


def test_the_address_defaults_to_the_configured_dashboard(
    memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without base_url, $STRETCHKIT_DASHBOARD_URL or the local default is used."""
    memory_store.clients.add(ClientDetails("Robin Ashdown"))
    monkeypatch.delenv("STRETCHKIT_DASHBOARD_URL", raising=False)
    assert LinkManager(memory_store).base_url == DEFAULT_DASHBOARD_URL
    monkeypatch.setenv("STRETCHKIT_DASHBOARD_URL", "http://studio:9000/")
    manager = LinkManager(memory_store)
    _choose(manager, "Robin Ashdown")
    manager.create.click()
    assert manager.new_url.value.startswith("http://studio:9000/?key=")
