"""The access log on both engines: an entry says who did what to which client, when and from
where; nobody changes or deletes one by hand; only an admin's prune removes old entries and
logs that it did; a use that fails, or another trainer's client, leaves no entry."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError

from stretchkit.catalog import default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.errors import StoreError, ValidationError
from stretchkit.services.access_view import (
    AdminOnlyError,
    access_csv,
    client_access,
    prune_access_log,
    retention_cutoff,
    studio_access,
)
from stretchkit.services.client_page import client_page
from stretchkit.services.client_records import delete_client, edit_client, get_client
from stretchkit.services.routine_planning import NotReadyError, ready_screening
from stretchkit.store import Store
from stretchkit.store.access_values import Actor
from stretchkit.store.trainers import EVERYONE
from tests.today import TODAY

ENGINE_PARITY = True
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
LONG_AGO = NOW - timedelta(days=7 * 365)


@pytest.fixture
def ann(store: Store) -> int:
    """A client of the store's own trainer, with the log's clock fixed."""
    store.access_log.clock = lambda: NOW
    return store.clients.add(ClientDetails("Ann Example", "ann@example.org", "likes mornings")).id


def test_an_entry_says_who_did_what_to_which_client_when_and_from_where(
    store: Store, ann: int
) -> None:
    """Reading a client leaves one entry: the client's number, the kind, the trainer (an
    admin here), the workbook, at the store's clock; the view shows it by name."""
    get_client(store, ann)
    (entry,) = store.access_log.of_client(ann)
    assert (entry.kind, entry.client_id, entry.at) == ("client-viewed", ann, NOW)
    assert entry.actor == Actor(
        "admin", "local", "workbook", store.trainer.id if store.trainer else None
    )
    (row,) = client_access(store, ann).rows
    assert row.cells == (
        "2026-12-01 09:30:00 UTC",
        "client details viewed",
        "Ann Example",
        "admin local",
        "workbook",
        "",
    )


def test_entries_are_newest_first_and_filter_by_kind_and_trainer(store: Store, ann: int) -> None:
    """Three uses by two trainers: newest first; a kind or a trainer keeps only theirs."""
    get_client(store, ann)
    edit_client(store, ann, ClientDetails("Ann Example", "ann@example.org"))
    store.access_log.acting_as(Actor("cli", "ops", "cli"))
    get_client(store, ann)
    view = client_access(store, ann)
    assert [r.entry.kind for r in view.rows] == ["client-viewed", "client-edited", "client-viewed"]
    assert view.trainers == ("local",)
    assert [r.entry.kind for r in client_access(store, ann, kind="client-edited").rows] == [
        "client-edited"
    ]
    assert len(client_access(store, ann, trainer="local").rows) == 2
    assert access_csv(view).splitlines()[0] == "when_utc,what,client,who,from,detail"


@pytest.mark.parametrize(
    "statement",
    ["UPDATE access_log SET kind = 'client-added'", "DELETE FROM access_log"],
)
def test_hand_written_sql_cannot_change_or_delete_an_entry(
    store: Store, ann: int, statement: str
) -> None:
    """A trigger refuses UPDATE and DELETE, even for the store's owner: the entry stays."""
    get_client(store, ann)
    refused = pytest.raises((DBAPIError, IntegrityError), match="append-only")
    with refused, store.db.write() as conn:  # raw SQL: what any hand-written session runs
        conn.exec_driver_sql(statement)
    assert [e.kind for e in store.access_log.of_client(ann)] == ["client-viewed"]


def test_prune_removes_only_older_entries_and_leaves_an_entry_saying_so(
    store: Store, ann: int
) -> None:
    """Entries from seven years ago go at the six-year cutoff, newer ones stay, and one entry
    (about no client) says how many went and before which day."""
    store.access_log.clock = lambda: LONG_AGO
    get_client(store, ann)
    get_client(store, ann)
    store.access_log.clock = lambda: NOW
    get_client(store, ann)
    cutoff = retention_cutoff(NOW.date())
    assert cutoff == date(2020, 12, 1)
    assert prune_access_log(store, cutoff) == 2
    assert [e.at for e in store.access_log.of_client(ann)] == [NOW]
    newest = store.access_log.entries()[0]
    assert (newest.kind, newest.client_id) == ("log-pruned", None)
    assert newest.detail == "entries before 2020-12-01: 2 removed"


def test_the_retention_cutoff_of_29_february_is_the_28th() -> None:
    """Six years before a leap day falls on the 28th of February."""
    assert retention_cutoff(date(2028, 2, 29)) == date(2022, 2, 28)


@pytest.fixture
def bo_store(store: Store, store_location: str, ann: int) -> Iterator[Store]:
    """The same store opened by bo, a trainer (not an admin) with one client of his own."""
    store.trainers.add("bo")
    with Store.open(store_location, trainer="bo") as opened:
        opened.access_log.clock = lambda: NOW
        yield opened


def test_only_an_admin_prunes_or_sees_the_studio(bo_store: Store) -> None:
    """bo may neither prune nor open the studio-wide view; the store refuses too."""
    with pytest.raises(AdminOnlyError, match="only a studio admin"):
        prune_access_log(bo_store, date(2020, 1, 1))
    with pytest.raises(AdminOnlyError):
        studio_access(bo_store)
    with pytest.raises(StoreError, match="only a studio admin"):
        bo_store.access_log.prune(date(2020, 1, 1))


def test_another_trainers_client_shows_nothing_and_the_attempt_is_no_entry_about_them(
    store: Store, bo_store: Store, ann: int
) -> None:
    """bo opening the admin's client is refused as today, reads no entry of hers, and
    leaves none about her; his own client's entries are his to read."""
    get_client(store, ann)
    with pytest.raises(ValidationError, match="no client with this id"):
        get_client(bo_store, ann)
    assert client_access(bo_store, ann).rows == ()
    assert bo_store.access_log.entries() == ()
    assert [e.actor.name for e in store.access_log.of_client(ann)] == ["local"]
    own = bo_store.clients.add(ClientDetails("Bo's Client")).id
    get_client(bo_store, own)
    assert [e.client_id for e in bo_store.access_log.entries()] == [own]


def test_a_use_that_fails_leaves_no_entry(store: Store, ann: int) -> None:
    """Planning for an unscreened client is refused: nothing happened, nothing is logged."""
    with pytest.raises(NotReadyError):
        ready_screening(store, default_catalog(), ann, TODAY)
    assert store.access_log.of_client(ann) == ()


def test_a_new_client_under_a_deleted_clients_number_starts_with_an_empty_log(
    store: Store, ann: int
) -> None:
    """On SQLite a deleted client's number may be given again: the new client's log does not
    show the old client's entries; the studio view names the old ones 'deleted client'."""
    get_client(store, ann)
    delete_client(store, ann)
    again = store.clients.add(ClientDetails("Cleo New"), created=NOW).id
    get_client(store, again)
    assert [e.kind for e in store.access_log.of_client(again)] == ["client-viewed"]
    studio = studio_access(store)
    assert [(r.entry.kind, r.client) for r in studio.rows] == [
        ("client-deleted", f"deleted client #{ann}")
    ]


def test_the_dashboard_is_named_by_its_link_number_never_its_key(
    store: Store, store_location: str, ann: int
) -> None:
    """A page opened through a link: who is 'the client's dashboard via link #N', from the
    dashboard; the link's key is in no entry."""
    link, token = store.links.create(ann, "phone")
    with Store.open(store_location, trainer=EVERYONE) as dash:
        dash.access_log.clock = lambda: NOW
        assert dash.links.client_for(token) == ann
        dash.pin_client(ann)
        client_page(dash, default_catalog(), ann, TODAY)
    (entry,) = store.access_log.of_client(ann)
    assert entry.actor == Actor("dashboard", f"link #{link.id}", "dashboard")
    assert entry.actor.shown == f"the client's dashboard via link #{link.id}"
    assert all(token not in str(value) for value in vars(entry).values())


def test_the_workbook_served_by_the_hub_is_named_as_the_hub(
    store: Store, ann: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under JupyterHub (its user set) the trainer's entries say they came from the hub."""
    monkeypatch.setenv("JUPYTERHUB_USER", "local")
    get_client(store, ann)
    assert store.access_log.of_client(ann)[0].actor.place == "hub"
