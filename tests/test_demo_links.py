"""Demo links: one fresh link per demo client each time the demo starts, and none for others."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.demo.links import DEMO_LINK_LABEL, demo_links
from stretchkit.demo.people import demo_clients
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.store import Store

BASE = "http://127.0.0.1:8866/"
DEMO_NAMES = {d.details.name for d in demo_clients()}


@pytest.fixture
def store(memory_store: Store) -> Store:
    """The six demo clients and one real client of the trainer's."""
    seed_demo_data(memory_store)
    memory_store.clients.add(ClientDetails("Noor Real-Client"))
    return memory_store


def _token(link: str) -> str:
    return parse_qs(urlsplit(link).query)["key"][0]


def _ids(store: Store) -> dict[str, int]:
    return {c.name: c.id for c in store.clients.all()}


def test_every_demo_client_gets_one_working_link(store: Store) -> None:
    """One link per demo client on the dashboard's address; each key opens that client."""
    made = demo_links(store, BASE)
    assert sorted(name for name, _ in made) == sorted(DEMO_NAMES)
    ids = _ids(store)
    for name, link in made:
        assert link.startswith(f"{BASE}?key=")
        assert store.links.client_for(_token(link)) == ids[name]


def test_starting_the_demo_again_replaces_the_links(store: Store) -> None:
    """A second round leaves one active demo link per client; the first round's keys fail."""
    first = demo_links(store, BASE)
    second = demo_links(store, BASE)
    ids = _ids(store)
    for name in DEMO_NAMES:
        active = [x for x in store.links.of_client(ids[name]) if x.active]
        assert [x.label for x in active] == [DEMO_LINK_LABEL]
        assert len(store.links.of_client(ids[name])) == 2
    assert all(store.links.client_for(_token(link)) is None for _, link in first)
    assert all(store.links.client_for(_token(link)) == ids[n] for n, link in second)


def test_other_links_of_a_demo_client_are_left_alone(store: Store) -> None:
    """A link the trainer made with another label keeps working through demo restarts."""
    client = _ids(store)["Kai Elderfield"]
    _, token = store.links.create(client, "phone")
    demo_links(store, BASE)
    demo_links(store, BASE)
    assert store.links.client_for(token) == client


def test_a_client_who_is_not_in_the_demo_gets_no_link(store: Store) -> None:
    """The trainer's own client is neither listed nor given a link."""
    made = demo_links(store, BASE)
    real = _ids(store)["Noor Real-Client"]
    assert "Noor Real-Client" not in {name for name, _ in made}
    assert store.links.of_client(real) == []


def test_an_empty_store_gets_no_links(memory_store: Store) -> None:
    """Without demo clients nothing is made."""
    memory_store.clients.add(ClientDetails("Noor Real-Client"))
    assert demo_links(memory_store, BASE) == []
    assert memory_store.links.all() == []
