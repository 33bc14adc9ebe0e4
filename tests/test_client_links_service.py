"""The links use cases: make a link (its address and who can open it), list and revoke links,
each change announced on the app's hub."""

from __future__ import annotations

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.errors import StretchkitError
from stretchkit.link_tokens import key_from_query
from stretchkit.services.client_links import all_links, client_links, create_link, revoke_link
from stretchkit.services.events import ClientChanged, ClientEvents
from stretchkit.store import Store

BASE = "http://127.0.0.1:8866/"


@pytest.fixture
def robin(memory_store: Store) -> int:
    """Robin Ashdown's id in a store with one client."""
    return memory_store.clients.add(ClientDetails("Robin Ashdown")).id


def _heard(hub: ClientEvents) -> list[ClientChanged]:
    heard: list[ClientChanged] = []
    hub.subscribe(heard.append)
    return heard


def test_a_new_link_opens_the_clients_dashboard_and_is_announced(
    memory_store: Store, robin: int
) -> None:
    """The address carries a key that finds Robin; who can open it comes with it."""
    hub = ClientEvents()
    heard = _heard(hub)
    new = create_link(memory_store, robin, BASE, "phone", events=hub)
    token = key_from_query(new.url.split("?", 1)[1])
    assert new.url.startswith(f"{BASE}?key=") and token is not None
    assert memory_store.links.client_for(token) == robin
    assert (new.client.name, new.link.label, new.reach.reach) == (
        "Robin Ashdown", "phone", "this computer",
    )  # fmt: skip
    assert heard == [ClientChanged(robin, "link created")]


def test_a_new_link_never_shows_its_key_when_printed(memory_store: Store, robin: int) -> None:
    """A log line or a traceback showing the new link does not carry the key."""
    new = create_link(memory_store, robin, BASE)
    token = new.url.rsplit("=", 1)[1]
    assert token not in repr(new) and token not in str(new)


def test_a_link_for_nobody_is_refused_and_nothing_is_announced(memory_store: Store) -> None:
    """An unknown client is an error naming the client; no link is made, nobody is told."""
    hub = ClientEvents()
    heard = _heard(hub)
    with pytest.raises(StretchkitError, match="client"):
        create_link(memory_store, 99, BASE, events=hub)
    assert all_links(memory_store) == [] and heard == []


def test_revoking_stops_the_link_lists_it_revoked_and_is_announced(
    memory_store: Store, robin: int
) -> None:
    """The key finds nobody afterwards; the list says revoked; the hub hears it."""
    hub = ClientEvents()
    new = create_link(memory_store, robin, BASE)
    heard = _heard(hub)
    revoked = revoke_link(memory_store, new.link.id, events=hub)
    token = new.url.rsplit("=", 1)[1]
    assert not revoked.active and memory_store.links.client_for(token) is None
    assert [x.active for x in client_links(memory_store, robin)] == [False]
    assert heard == [ClientChanged(robin, "link revoked")]


def test_a_link_change_is_not_a_change_to_the_clients_records() -> None:
    """Screens that redraw on a new screening or session leave a link change alone."""
    for what in ("link created", "link revoked"):
        change = ClientChanged(1, what)  # type: ignore[arg-type]
        assert not change.record and not change.listing
    assert ClientChanged(1, "screened").record and not ClientChanged(1, "added").record
