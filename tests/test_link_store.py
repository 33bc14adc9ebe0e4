"""Personal client links in the store: only digests are kept, and a token finds its client."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from stretchkit.clients import ClientDetails
from stretchkit.errors import ValidationError
from stretchkit.link_tokens import LOOKUP_CHARS, token_digest
from stretchkit.store import Store
from stretchkit.store.rows import utc_now
from stretchkit.store.schema import known_migrations
from tests.hypothesis_profiles import examples

ENGINE_PARITY = True
"""The store's own tests: each runs on SQLite and on PostgreSQL."""

RELEASES_DIR = Path(__file__).resolve().parent / "releases"


@pytest.fixture
def robin(store: Store) -> int:
    """One client, Robin, in a fresh store."""
    return store.clients.add(ClientDetails("Robin Ashdown")).id


def _recent(moment: datetime | None) -> bool:
    return moment is not None and abs(utc_now() - moment) < timedelta(minutes=1)


def test_a_new_link_returns_its_token_once_and_lists_without_it(store: Store, robin: int) -> None:
    """Creating gives the link and its token; listings carry the label and a 4-character hint."""
    link, token = store.links.create(robin, "  phone ")
    assert (link.client_id, link.label, link.hint) == (robin, "phone", f"{token[:4]}\u2026")
    assert link.active and link.last_used is None and _recent(link.created)
    assert store.links.of_client(robin) == [link]
    assert store.links.all() == [link]


def test_links_are_listed_newest_first_per_client_and_overall(store: Store) -> None:
    """of_client holds one client's links; all() holds everyone's; newest first in both."""
    a = store.clients.add(ClientDetails("Avery")).id
    b = store.clients.add(ClientDetails("Blake")).id
    first, _ = store.links.create(a, "first")
    other, _ = store.links.create(b)
    second, _ = store.links.create(a, "second")
    assert [x.label for x in store.links.of_client(a)] == ["second", "first"]
    assert [x.id for x in store.links.all()] == [second.id, other.id, first.id]


def test_a_link_for_an_unknown_client_is_an_error_naming_it(store: Store) -> None:
    """No link is made for a client id nobody has."""
    with pytest.raises(ValidationError, match=r"^client: no client with this id.*4242"):
        store.links.create(4242)
    assert store.links.all() == []


def test_an_overlong_label_is_refused_and_nothing_is_stored(store: Store, robin: int) -> None:
    """A label of 61 characters is an error naming the label."""
    with pytest.raises(ValidationError, match=r"^label: at most 60 characters"):
        store.links.create(robin, "x" * 61)
    assert store.links.all() == []


def test_only_the_digest_of_a_token_is_stored(store: Store) -> None:
    """No column of any link row holds the token, on either engine (the SQLite file's bytes:
    see the next test)."""
    client = store.clients.add(ClientDetails("Robin Ashdown")).id
    tokens = [store.links.create(client, label)[1] for label in ("phone", "laptop")]
    with store.db.read() as conn:
        # raw SQL: every stored column of the table, which no method shows whole
        rows = conn.execute(text("SELECT lookup, digest, * FROM client_links")).all()
    cells = [str(value) for row in rows for value in tuple(row)]
    assert sorted(r[1] for r in rows) == sorted(token_digest(t) for t in tokens)
    assert all(r[0] == r[1][:LOOKUP_CHARS] for r in rows)
    for token in tokens:
        assert not any(token in cell or token[:8] in cell for cell in cells)


def test_no_byte_of_the_store_files_holds_a_token(db_path: Path) -> None:
    """Nor does any byte of the SQLite database files (the file, its WAL, its shared memory)."""
    with Store.open(db_path) as store:
        client = store.clients.add(ClientDetails("Robin Ashdown")).id
        tokens = [store.links.create(client, label)[1] for label in ("phone", "laptop")]
        files = b"".join(p.read_bytes() for p in db_path.parent.iterdir())
    files += b"".join(p.read_bytes() for p in db_path.parent.iterdir())
    assert not any(token.encode() in files for token in tokens)


def test_a_token_finds_its_client_and_records_the_use(store: Store, robin: int) -> None:
    """The right token gives the client id and sets last_used to now (UTC)."""
    link, token = store.links.create(robin)
    assert store.links.client_for(token) == robin
    used = store.links.of_client(robin)[0].last_used
    assert _recent(used) and used is not None and used.utcoffset() == timedelta(0)
    assert store.links.get(link.id).last_used == used


def test_wrong_revoked_missing_and_malformed_tokens_find_nobody(store: Store, robin: int) -> None:
    """None, a near miss, another fresh token, junk text and a revoked token all give None."""
    link, token = store.links.create(robin)
    near_miss = token[:-1] + ("A" if token[-1] != "A" else "B")
    for wrong in (None, "", near_miss, token + "x", " " + token, "'; DROP TABLE clients; --"):
        assert store.links.client_for(wrong) is None
    store.links.revoke(link.id)
    assert store.links.client_for(token) is None
    assert store.links.get(link.id).last_used is None


def test_two_tokens_sharing_a_lookup_prefix_are_told_apart(store: Store, robin: int) -> None:
    """When two rows share the indexed prefix, the full digest decides."""
    other = store.clients.add(ClientDetails("Noor")).id
    _, token = store.links.create(robin)
    decoy, _ = store.links.create(other)
    with store.db.write() as conn:
        # raw SQL: a lookup prefix collision, which no method can make on purpose
        conn.execute(
            text("UPDATE client_links SET lookup = :lookup WHERE id = :id"),
            {"lookup": token_digest(token)[:LOOKUP_CHARS], "id": decoy.id},
        )
    assert store.links.client_for(token) == robin


@settings(max_examples=examples(80), deadline=None)
@given(typed=st.none() | st.text() | st.text(alphabet="AbC-_09", min_size=20, max_size=100))
def test_no_text_ever_raises_or_finds_a_client_by_chance(
    shared_store: Store, typed: str | None
) -> None:
    """Any string (or None) given as a token gives None without raising."""
    client = shared_store.clients.add(ClientDetails("Robin")).id
    shared_store.links.create(client)
    assert shared_store.links.client_for(typed) is None


def test_revoking_twice_keeps_the_first_time(store: Store, robin: int) -> None:
    """A revoked link stays revoked since the first revoke."""
    link, _ = store.links.create(robin)
    first = store.links.revoke(link.id)
    again = store.links.revoke(link.id)
    assert _recent(first.revoked) and again.revoked == first.revoked
    assert first.status.startswith("revoked on ")


def test_revoking_an_unknown_link_is_an_error_naming_it(store: Store) -> None:
    """No such link: the error says link and the id."""
    with pytest.raises(ValidationError, match=r"^link: no such link; you gave 77"):
        store.links.revoke(77)


def test_revoking_by_label_touches_only_that_clients_active_links(store: Store) -> None:
    """Only the client's active links with exactly that label are revoked, and counted."""
    robin = store.clients.add(ClientDetails("Robin")).id
    noor = store.clients.add(ClientDetails("Noor")).id
    demo_a, token_a = store.links.create(robin, "demo")
    _, token_b = store.links.create(robin, "demo")
    _, phone = store.links.create(robin, "phone")
    _, noors = store.links.create(noor, "demo")
    store.links.revoke(demo_a.id)
    assert store.links.revoke_labelled(robin, "demo") == 1
    assert store.links.revoke_labelled(robin, "demo") == 0
    assert store.links.client_for(token_a) is None
    assert store.links.client_for(token_b) is None
    assert store.links.client_for(phone) == robin
    assert store.links.client_for(noors) == noor


def test_deleting_a_client_deletes_their_links(store: Store) -> None:
    """The foreign key cascades: no row of a deleted client's links remains."""
    robin = store.clients.add(ClientDetails("Robin")).id
    noor = store.clients.add(ClientDetails("Noor")).id
    _, token = store.links.create(robin)
    store.links.create(noor)
    store.clients.delete(robin)
    assert len(store.links.of_client(robin)) == 0
    assert store.links.client_for(token) is None
    assert [x.client_id for x in store.links.all()] == [noor]


def test_the_table_refuses_a_digest_that_is_not_64_characters(store: Store) -> None:
    """The schema itself checks the digest's length and uniqueness."""
    robin = store.clients.add(ClientDetails("Robin")).id
    insert = text(
        "INSERT INTO client_links (client_id, lookup, digest, hint, created)"
        " VALUES (:client, :lookup, :digest, 'x', '2026-01-01')"
    )

    def add(digest: str) -> None:  # raw SQL: the table's own CHECK and UNIQUE rules
        with store.db.write() as conn:
            conn.execute(insert, {"client": robin, "lookup": "a" * 16, "digest": digest})

    with pytest.raises(IntegrityError):
        add("short")
    add("a" * 64)
    with pytest.raises(IntegrityError):
        add("a" * 64)


def test_a_version_4_store_gains_links_and_keeps_its_data(db_path: Path) -> None:
    """A store written before links existed (release 4's fixture) opens at the newest
    version, its clients intact, and their links work."""
    db_path.parent.mkdir()
    shutil.copyfile(RELEASES_DIR / "schema-0004.db", db_path)
    with closing(sqlite3.connect(db_path)) as old:  # raw SQL: the old file's tables
        assert "client_links" not in {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
        robin = old.execute("SELECT id, name FROM clients ORDER BY id").fetchone()
    with Store.open(db_path) as store:
        assert store.schema_version() == known_migrations()[-1].version >= 5
        assert store.clients.get(robin[0]).name == robin[1]
        _, token = store.links.create(robin[0], "phone")
        assert store.links.client_for(token) == robin[0]
