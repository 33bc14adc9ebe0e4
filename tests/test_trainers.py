"""Trainers on both engines: every client belongs to one; a trainer sees and reaches only
their own clients (in the client list, the attention list, the links and by id); an admin sees
everyone and hands a client over, kept in history; the trainer comes from where stretchkit
runs (JupyterHub's user, then --trainer, then $STRETCHKIT_TRAINER, else the store's only one)."""

from __future__ import annotations

from datetime import date

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.errors import StoreError, ValidationError
from stretchkit.store import Store
from stretchkit.store.trainers import EVERYONE, chosen_trainer

ENGINE_PARITY = True
"""The store's own tests: each runs on SQLite and on PostgreSQL."""

TODAY = date(2026, 12, 1)


@pytest.fixture
def studio(store_location: str) -> str:
    """A store with its own admin trainer `local` and two trainers, each with a client."""
    with Store.open(store_location) as store:
        assert store.trainer is not None and store.trainer.username == "local"
        store.trainers.add("alice", "Alice Brook")
        store.trainers.add("bo")
    for name, client in (("alice", "Ada Client"), ("bo", "Ben Client")):
        with Store.open(store_location, trainer=name) as store:
            assert store.clients.add(ClientDetails(client)).name == client
    return store_location


def _ids(store: Store) -> dict[str, int]:
    with Store.open(store.db.location, trainer="local") as admin:
        return {c.name: c.id for c in admin.clients.all()}


def test_a_new_store_has_one_trainer_who_owns_what_it_adds(store: Store) -> None:
    """A laptop's store: one trainer, `local`, an admin; nobody has to name themselves."""
    [only] = store.trainers.all()
    assert (only.username, only.is_admin) == ("local", True)
    added = store.clients.add(ClientDetails("Robin Ashdown"))
    assert store.trainers.trainer_of(added.id).username == "local"


def test_each_trainer_sees_only_their_own_clients(studio: str) -> None:
    """The client list, the count, the attention list and the links: one's own only."""
    with Store.open(studio, trainer="alice") as alice:
        [ada] = alice.clients.all()
        alice.links.create(ada.id, "phone")
        assert ada.name == "Ada Client" and alice.clients.count() == 1
        assert [f.name for f in alice.overview.client_facts(TODAY)] == ["Ada Client"]
    with Store.open(studio, trainer="bo") as bo:
        assert [c.name for c in bo.clients.all()] == ["Ben Client"]
        assert [f.name for f in bo.overview.client_facts(TODAY)] == ["Ben Client"]
        assert bo.links.all() == []
        with pytest.raises(ValidationError, match="no client with this id"):
            bo.clients.get(ada.id)


def test_a_trainer_cannot_reach_another_trainers_client_by_id(studio: str) -> None:
    """Reading, changing, deleting, screening, planning or linking someone else's client is
    refused as if there were no such client; their client is untouched."""
    with Store.open(studio, trainer="local") as admin:
        ada = next(c for c in admin.clients.all() if c.name == "Ada Client")
    with Store.open(studio, trainer="bo") as bo:
        with pytest.raises(ValidationError, match="no client with this id"):
            bo.clients.update(ada.id, ClientDetails("Taken Over"))
        with pytest.raises(ValidationError, match="no client with this id"):
            bo.clients.delete(ada.id)
        with pytest.raises(ValidationError, match="no client with this id"):
            bo.links.create(ada.id, "stolen")
        with pytest.raises(ValidationError, match="no client with this id"):
            bo.screenings.report_health_change(ada.id, TODAY, "not mine")
    with Store.open(studio, trainer="alice") as alice:
        assert alice.clients.get(ada.id).name == "Ada Client"
        assert alice.links.of_client(ada.id) == []
        assert alice.screenings.health_changes(ada.id) == []


def test_an_admin_sees_everyone_and_hands_a_client_over(studio: str) -> None:
    """The admin's list holds every client; a handover moves the client and is kept."""
    with Store.open(studio, trainer="local") as admin:
        assert {c.name for c in admin.clients.all()} == {"Ada Client", "Ben Client"}
        ada = next(c for c in admin.clients.all() if c.name == "Ada Client")
        done = admin.trainers.hand_over(ada.id, "bo")
        assert (done.from_trainer, done.to_trainer, done.handed_over_by) == ("alice", "bo", "local")
        assert [h.to_trainer for h in admin.trainers.handovers(ada.id)] == ["bo"]
        with pytest.raises(ValidationError, match="already this client's trainer"):
            admin.trainers.hand_over(ada.id, "bo")
    with Store.open(studio, trainer="bo") as bo:
        assert {c.name for c in bo.clients.all()} == {"Ada Client", "Ben Client"}
    with Store.open(studio, trainer="alice") as alice:
        assert alice.clients.all() == []


def test_only_an_admin_manages_trainers(studio: str) -> None:
    """A trainer may not add or rename trainers, nor hand clients over."""
    with Store.open(studio, trainer="alice") as alice:
        ada = alice.clients.all()[0]
        for attempt in (
            lambda: alice.trainers.add("carl"),
            lambda: alice.trainers.rename("bo", "bob"),
            lambda: alice.trainers.hand_over(ada.id, "bo"),
        ):
            with pytest.raises(ValidationError, match="only a studio admin may"):
                attempt()
        assert [t.username for t in alice.trainers.all()] == ["alice", "bo", "local"]


def test_a_trainer_renamed_keeps_their_clients(studio: str) -> None:
    """The laptop's `local` trainer takes the login name they have in the studio."""
    with Store.open(studio, trainer="local") as admin:
        admin.trainers.rename("local", "robin")
        with pytest.raises(ValidationError, match="a trainer with this login name exists"):
            admin.trainers.rename("robin", "alice")
    with Store.open(studio, trainer="robin") as robin:
        assert robin.trainer is not None and robin.trainer.is_admin


@pytest.mark.parametrize("bad", ["", "Alice", "a b", "1abc", "x" * 64, "al;ce"])
def test_a_trainer_name_must_be_a_login_name(store: Store, bad: str) -> None:
    """Names the studio server could not log in with are refused, naming the value."""
    with pytest.raises(ValidationError, match=r"^trainer: must be a login name"):
        store.trainers.add(bad)
    assert [t.username for t in store.trainers.all()] == ["local"]


def test_a_shared_store_asks_which_trainer_you_are(studio: str) -> None:
    """Several trainers and none named: refused, naming them and how to say; an unknown name
    is refused too, saying how to add it (on SQLite; PostgreSQL's owner login sees all)."""
    if "://" in studio:
        with Store.open(studio) as owner:
            assert owner.trainer is None and len(owner.clients.all()) == 2
            with pytest.raises(StoreError, match="a new client needs a trainer"):
                owner.clients.add(ClientDetails("Nobody's"))
    else:
        with pytest.raises(StoreError, match=r"several trainers \(local, alice, bo\).*--trainer"):
            Store.open(studio)
    with pytest.raises(StoreError, match=r"has no trainer carl .*stretchkit trainer add carl"):
        Store.open(studio, trainer="carl")


def test_the_studio_tools_see_every_client(studio: str) -> None:
    """The dashboard, store copy and backups open the store for everyone."""
    with Store.open(studio, trainer=EVERYONE) as tools:
        assert tools.trainer is None
        assert {c.name for c in tools.clients.all()} == {"Ada Client", "Ben Client"}


def test_the_trainer_comes_from_where_stretchkit_runs() -> None:
    """JupyterHub's user wins (a hub login cannot be overridden), then --trainer, then the
    workbook's $STRETCHKIT_TRAINER, else none."""
    hub = {"JUPYTERHUB_USER": "alice", "STRETCHKIT_TRAINER": "bo"}
    assert chosen_trainer("carl", hub) == "alice"
    assert chosen_trainer("carl", {"STRETCHKIT_TRAINER": "bo"}) == "carl"
    assert chosen_trainer(None, {"STRETCHKIT_TRAINER": " bo "}) == "bo"
    assert chosen_trainer(None, {}) is None
