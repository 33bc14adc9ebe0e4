"""Personal client links in the store: only digests are kept, and a token finds its client."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.clients import ClientDetails
from stretchkit.errors import ValidationError
from stretchkit.link_tokens import LOOKUP_CHARS, token_digest
from stretchkit.store import Store, schema
from stretchkit.store.schema import known_migrations


@pytest.fixture
def robin(memory_store: Store) -> int:
    """One client, Robin, in a fresh store."""
    return memory_store.clients.add(ClientDetails("Robin Ashdown")).id


def _recent(moment: datetime | None) -> bool:
    return moment is not None and abs(datetime.now(UTC) - moment) < timedelta(minutes=1)


def test_a_new_link_returns_its_token_once_and_lists_without_it(
    memory_store: Store, robin: int
) -> None:
    """Creating gives the link and its token; listings carry the label and a 4-character hint."""
    link, token = memory_store.links.create(robin, "  phone ")
    assert (link.client_id, link.label, link.hint) == (robin, "phone", f"{token[:4]}\u2026")
    assert link.active and link.last_used is None and _recent(link.created)
    assert memory_store.links.of_client(robin) == [link]
    assert memory_store.links.all() == [link]


def test_links_are_listed_newest_first_per_client_and_overall(memory_store: Store) -> None:
    """of_client holds one client's links; all() holds everyone's; newest first in both."""
    a = memory_store.clients.add(ClientDetails("Avery")).id
    b = memory_store.clients.add(ClientDetails("Blake")).id
    first, _ = memory_store.links.create(a, "first")
    other, _ = memory_store.links.create(b)
    second, _ = memory_store.links.create(a, "second")
    assert [x.label for x in memory_store.links.of_client(a)] == ["second", "first"]
    assert [x.id for x in memory_store.links.all()] == [second.id, other.id, first.id]


def test_a_link_for_an_unknown_client_is_an_error_naming_it(memory_store: Store) -> None:
    """No link is made for a client id nobody has."""
    with pytest.raises(ValidationError, match=r"^client: no client with this id.*4242"):
        memory_store.links.create(4242)
    assert memory_store.links.all() == []


def test_an_overlong_label_is_refused_and_nothing_is_stored(
    memory_store: Store, robin: int
) -> None:
    """A label of 61 characters is an error naming the label."""
    with pytest.raises(ValidationError, match=r"^label: at most 60 characters"):
        memory_store.links.create(robin, "x" * 61)
    assert memory_store.links.all() == []


def test_only_the_digest_of_a_token_is_stored(db_path: Path) -> None:
    """No column of any link row, nor any byte of the database files, holds the token."""
    with Store.open(db_path) as store:
        client = store.clients.add(ClientDetails("Robin Ashdown")).id
        tokens = [store.links.create(client, label)[1] for label in ("phone", "laptop")]
        # raw SQL: every stored column of the SQLite file, which no method shows whole
        rows = store.conn.execute("SELECT * FROM client_links").fetchall()
        cells = [str(value) for row in rows for value in tuple(row)]
        assert sorted(r["digest"] for r in rows) == sorted(token_digest(t) for t in tokens)
        assert all(r["lookup"] == r["digest"][:LOOKUP_CHARS] for r in rows)
        for token in tokens:
            assert not any(token in cell or token[:8] in cell for cell in cells)
    files = b"".join(p.read_bytes() for p in db_path.parent.iterdir())
    assert not any(token.encode() in files for token in tokens)


def test_a_token_finds_its_client_and_records_the_use(memory_store: Store, robin: int) -> None:
    """The right token gives the client id and sets last_used to now (UTC)."""
    link, token = memory_store.links.create(robin)
    assert memory_store.links.client_for(token) == robin
    used = memory_store.links.of_client(robin)[0].last_used
    assert _recent(used) and used is not None and used.utcoffset() == timedelta(0)
    assert memory_store.links.get(link.id).last_used == used


def test_wrong_revoked_missing_and_malformed_tokens_find_nobody(
    memory_store: Store, robin: int
) -> None:
    """None, a near miss, another fresh token, junk text and a revoked token all give None."""
    link, token = memory_store.links.create(robin)
    near_miss = token[:-1] + ("A" if token[-1] != "A" else "B")
    for wrong in (None, "", near_miss, token + "x", " " + token, "'; DROP TABLE clients; --"):
        assert memory_store.links.client_for(wrong) is None
    memory_store.links.revoke(link.id)
    assert memory_store.links.client_for(token) is None
    assert memory_store.links.get(link.id).last_used is None


def test_two_tokens_sharing_a_lookup_prefix_are_told_apart(memory_store: Store, robin: int) -> None:
    """When two rows share the indexed prefix, the full digest decides."""
    other = memory_store.clients.add(ClientDetails("Noor")).id
    _, token = memory_store.links.create(robin)
    decoy, _ = memory_store.links.create(other)
    # raw SQL: a lookup prefix collision, which no method can make on purpose
    memory_store.conn.execute(
        "UPDATE client_links SET lookup = ? WHERE id = ?",
        (token_digest(token)[:LOOKUP_CHARS], decoy.id),
    )
    assert memory_store.links.client_for(token) == robin


@settings(max_examples=80, deadline=None)
@given(text=st.none() | st.text() | st.text(alphabet="AbC-_09", min_size=20, max_size=100))
def test_no_text_ever_raises_or_finds_a_client_by_chance(text: str | None) -> None:
    """Any string (or None) given as a token gives None without raising."""
    with Store.open(":memory:") as store:
        client = store.clients.add(ClientDetails("Robin")).id
        store.links.create(client)
        assert store.links.client_for(text) is None


def test_revoking_twice_keeps_the_first_time(memory_store: Store, robin: int) -> None:
    """A revoked link stays revoked since the first revoke."""
    link, _ = memory_store.links.create(robin)
    first = memory_store.links.revoke(link.id)
    again = memory_store.links.revoke(link.id)
    assert _recent(first.revoked) and again.revoked == first.revoked
    assert first.status.startswith("revoked on ")


def test_revoking_an_unknown_link_is_an_error_naming_it(memory_store: Store) -> None:
    """No such link: the error says link and the id."""
    with pytest.raises(ValidationError, match=r"^link: no such link \(got 77\)"):
        memory_store.links.revoke(77)


def test_revoking_by_label_touches_only_that_clients_active_links(memory_store: Store) -> None:
    """Only the client's active links with exactly that label are revoked, and counted."""
    robin = memory_store.clients.add(ClientDetails("Robin")).id
    noor = memory_store.clients.add(ClientDetails("Noor")).id
    demo_a, token_a = memory_store.links.create(robin, "demo")
    _, token_b = memory_store.links.create(robin, "demo")
    _, phone = memory_store.links.create(robin, "phone")
    _, noors = memory_store.links.create(noor, "demo")
    memory_store.links.revoke(demo_a.id)
    assert memory_store.links.revoke_labelled(robin, "demo") == 1
    assert memory_store.links.revoke_labelled(robin, "demo") == 0
    assert memory_store.links.client_for(token_a) is None
    assert memory_store.links.client_for(token_b) is None
    assert memory_store.links.client_for(phone) == robin
    assert memory_store.links.client_for(noors) == noor


def test_deleting_a_client_deletes_their_links(db_path: Path) -> None:
    """The foreign key cascades: no row of a deleted client's links remains."""
    with Store.open(db_path) as store:
        robin = store.clients.add(ClientDetails("Robin")).id
        noor = store.clients.add(ClientDetails("Noor")).id
        _, token = store.links.create(robin)
        store.links.create(noor)
        store.clients.delete(robin)
        assert len(store.links.of_client(robin)) == 0
        assert store.links.client_for(token) is None
        assert [x.client_id for x in store.links.all()] == [noor]


def test_the_table_refuses_a_digest_that_is_not_64_characters(memory_store: Store) -> None:
    """The schema itself checks the digest's length and uniqueness."""
    robin = memory_store.clients.add(ClientDetails("Robin")).id
    insert = (
        "INSERT INTO client_links (client_id, lookup, digest, hint, created)"
        " VALUES (?, ?, ?, 'x', '2026-01-01')"
    )
    with pytest.raises(sqlite3.IntegrityError):  # raw SQL: the SQLite table's own CHECK
        memory_store.conn.execute(insert, (robin, "a" * 16, "short"))
    memory_store.conn.execute(insert, (robin, "a" * 16, "a" * 64))
    with pytest.raises(sqlite3.IntegrityError):
        memory_store.conn.execute(insert, (robin, "a" * 16, "a" * 64))


def test_a_version_4_store_gains_links_and_keeps_its_data(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store written before links existed opens at the newest version, clients intact."""
    shipped = known_migrations()
    with monkeypatch.context() as patch:
        patch.setattr(schema, "known_migrations", lambda: shipped[:4])
        with Store.open(db_path) as old:
            robin = old.clients.add(ClientDetails("Robin Ashdown", "robin@example.org"))
            assert old.schema_version() == 4
            # raw SQL: the old SQLite file's table list
            tables = {r[0] for r in old.conn.execute("SELECT name FROM sqlite_master")}
            assert "client_links" not in tables
    with Store.open(db_path) as store:
        assert store.schema_version() == len(shipped) >= 5
        assert store.clients.get(robin.id) == robin
        _, token = store.links.create(robin.id, "phone")
        assert store.links.client_for(token) == robin.id
