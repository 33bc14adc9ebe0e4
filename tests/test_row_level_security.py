"""Isolation enforced by PostgreSQL itself: a trainer who logs in with their own role reads and
changes only their own clients' rows, whatever SQL they write by hand; the tables belong to the
studio's owner role, which the workbook does not use; the dashboard's login sees only the one
client whose link key it checked, in that transaction."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest

from stretchkit.catalog import default_catalog
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.services.chart_store import ChartShelf
from stretchkit.services.client_page import client_page
from stretchkit.services.client_records import get_client
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store
from stretchkit.store.copying import COPIED_TABLES
from stretchkit.store.server_logins import create_login, save_password
from stretchkit.store.trainers import EVERYONE
from tests.postgres import PostgresCluster

TODAY = date(2026, 12, 1)
OWNER, OWNER_PASSWORD = "studio_owner", "owner-secret-for-tests"
DASHBOARD, DASHBOARD_PASSWORD = "studio_dashboard", "dashboard-secret-for-tests"


@dataclass(frozen=True)
class Studio:
    """A studio database: its name, the owner's URL, each trainer's password, their clients."""

    cluster: PostgresCluster
    database: str
    passwords: dict[str, str]
    clients: dict[str, list[int]]

    def url(self, user: str, password: str) -> str:
        return self.cluster.url(self.database, user=user, password=password)

    @property
    def owner_url(self) -> str:
        return self.url(OWNER, OWNER_PASSWORD)

    def connect(self, user: str, password: str | None = None) -> psycopg.Connection[Any]:
        """A hand-written SQL session as this login (psycopg, no stretchkit in between)."""
        return psycopg.connect(
            host="127.0.0.1",
            port=self.cluster.port,
            dbname=self.database,
            user=user,
            password=password or self.passwords[user],
        )


@pytest.fixture(scope="module")
def studio(postgres: PostgresCluster) -> Iterator[Studio]:
    """The owner role migrates the store; trainers alice and bo each get a login and three
    demo clients with months of history; the dashboard has a login of its own."""
    database = f"rls_{postgres.port}"
    for statement in (
        f"CREATE ROLE {OWNER} LOGIN CREATEROLE PASSWORD '{OWNER_PASSWORD}'",
        f'CREATE DATABASE "{database}" OWNER {OWNER}',
    ):
        postgres.sql(statement)
    owner_url = postgres.url(database, user=OWNER, password=OWNER_PASSWORD)
    passwords, clients = {}, {}
    with Store.open(owner_url) as owner:
        owner.trainers.rename("local", "admin")
        for name in ("alice", "bo"):
            owner.trainers.add(name)
            passwords[name] = create_login(owner.db, name)
    postgres.sql(
        f"CREATE ROLE {DASHBOARD} LOGIN PASSWORD '{DASHBOARD_PASSWORD}' IN ROLE "
        "stretchkit_dashboard"
    )
    for name in ("alice", "bo"):
        with Store.open(postgres.url(database, user=name, password=passwords[name])) as store:
            seed_demo_data(store, 3, TODAY)
            clients[name] = sorted(c.id for c in store.clients.all())
            store.links.create(clients[name][0], "phone")
    yield Studio(postgres, database, passwords, clients)
    postgres.sql(f'DROP DATABASE "{database}" WITH (FORCE)')
    for role in ("alice", "bo", DASHBOARD, OWNER):
        postgres.sql(f"DROP ROLE {role}")


def _rows_by_table(conn: psycopg.Connection[Any]) -> dict[str, int]:
    return {
        t.name: conn.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]  # type: ignore[index]
        for t in COPIED_TABLES
    }


def test_each_trainer_reads_only_their_own_rows_with_hand_written_sql(studio: Studio) -> None:
    """SELECT on every table as alice: her clients, and only rows about them; the same for bo;
    together they make up the whole store, as the owner sees it."""
    with studio.connect("alice") as alice, studio.connect("bo") as bo:
        mine = [r[0] for r in alice.execute("SELECT id FROM clients ORDER BY id")]
        assert mine == studio.clients["alice"]
        assert [r[0] for r in bo.execute("SELECT id FROM clients ORDER BY id")] == studio.clients[
            "bo"
        ]
        joined = alice.execute(
            "SELECT DISTINCT s.client_id FROM holds JOIN sessions AS s ON s.id = holds.session_id"
        ).fetchall()
        assert {r[0] for r in joined} <= set(mine) and joined
        seen = {name: _rows_by_table(conn) for name, conn in (("alice", alice), ("bo", bo))}
    with psycopg.connect(studio.owner_url.replace("+psycopg", "")) as owner:
        whole = _rows_by_table(owner)
    for table, count in whole.items():
        if table in ("trainers", "routines"):
            continue  # everyone reads the trainers' names; templates are the studio's
        assert seen["alice"][table] + seen["bo"][table] == count, table
    assert seen["alice"]["holds"] > 0 and seen["bo"]["holds"] > 0


def test_a_trainer_cannot_change_another_trainers_rows(studio: Studio) -> None:
    """UPDATE and DELETE of bo's rows touch nothing; INSERT for bo's client, moving a client
    to bo, or making oneself an admin is refused or touches nothing."""
    bens = studio.clients["bo"]
    with studio.connect("bo") as bo:
        before = _rows_by_table(bo)
    with studio.connect("alice") as alice:
        assert alice.execute("UPDATE clients SET notes = 'mine now'").rowcount == 3
        assert (
            alice.execute(
                "DELETE FROM holds WHERE session_id IN (SELECT id FROM sessions"
                f" WHERE client_id = {bens[0]})"
            ).rowcount
            == 0
        )
        assert alice.execute(f"DELETE FROM clients WHERE id = {bens[0]}").rowcount == 0
        assert alice.execute("UPDATE trainers SET is_admin = 1").rowcount == 0
        alice.rollback()
        refused = (
            "INSERT INTO clients (name, created, trainer_id) SELECT 'X', 'x', id FROM trainers"
            " WHERE username = 'bo'",
            f"INSERT INTO health_changes (client_id, reported_on, created) VALUES ({bens[0]},"
            " '2026-12-01', 'x')",
            "UPDATE clients SET trainer_id = (SELECT id FROM trainers WHERE username = 'bo')",
        )
        for statement in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                alice.execute(statement)
            alice.rollback()
    with studio.connect("bo") as bo:
        assert _rows_by_table(bo) == before
        assert {r[0] for r in bo.execute("SELECT notes FROM clients")} != {"mine now"}


def test_a_trainer_cannot_step_around_the_rules(studio: Studio) -> None:
    """Not the tables' owner: no turning row-level security off, no dropping a table, no
    becoming another role, and the dashboard's per-transaction client means nothing to them."""
    with studio.connect("alice") as alice:
        owner = alice.execute(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
        assert owner == [(OWNER,)]
        for statement in (
            "ALTER TABLE clients DISABLE ROW LEVEL SECURITY",
            "DROP TABLE holds",
            f"SET ROLE {OWNER}",
            "SET ROLE bo",
            "SET ROLE stretchkit_dashboard",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                alice.execute(statement)
            alice.rollback()
        alice.execute(
            "SELECT set_config('stretchkit.dashboard_client', %s, true)",
            (str(studio.clients["bo"][0]),),
        )
        assert [r[0] for r in alice.execute("SELECT id FROM clients ORDER BY id")] == (
            studio.clients["alice"]
        )


def test_the_workbook_on_a_trainers_login_shows_only_their_clients(studio: Studio) -> None:
    """Through stretchkit itself: the trainer is the login; naming another is refused."""
    with Store.open(studio.url("alice", studio.passwords["alice"])) as store:
        assert store.trainer is not None and store.trainer.username == "alice"
        assert sorted(c.id for c in store.clients.all()) == studio.clients["alice"]
        assert store.sessions.of_client(studio.clients["bo"][0]) == []
        assert [f.client_id for f in store.overview.client_facts(TODAY)] == studio.clients["alice"]
    with pytest.raises(Exception, match="logged in as trainer alice, but trainer bo"):
        Store.open(studio.url("alice", studio.passwords["alice"]), trainer="bo")


def test_the_dashboard_login_sees_only_the_client_its_key_opened(studio: Studio) -> None:
    """Before a key is checked the dashboard sees no client (only link digests, to find one);
    the key finds its client (its use recorded), and pinned to that client the dashboard
    reads that client's history and nobody else's; unpinned, it sees no client again."""
    ada, ben = studio.clients["alice"][0], studio.clients["bo"][0]
    with Store.open(studio.url("alice", studio.passwords["alice"])) as alice:
        _, token = alice.links.create(ada, "laptop")
    url = studio.url(DASHBOARD, DASHBOARD_PASSWORD)
    with Store.open(url, trainer=EVERYONE) as dashboard:
        assert dashboard.clients.all() == []
        assert len(dashboard.links.all()) == 3  # digests only: a digest opens nothing
        assert dashboard.links.client_for(token) == ada
        dashboard.pin_client(ada)
        assert dashboard.links.client_for(token) == ada
        assert next(k for k in dashboard.links.of_client(ada) if k.label == "laptop").last_used
        assert [c.id for c in dashboard.clients.all()] == [ada]
        assert dashboard.history.of_client(ada).hold_count > 0
        assert dashboard.history.of_client(ben).hold_count == 0
        assert dashboard.sessions.of_client(ben) == []
        dashboard.unpin()  # as just opened: no client's rows until a key is checked again
        assert dashboard.clients.all() == []
        assert dashboard.history.of_client(ada).hold_count == 0
    with studio.connect(DASHBOARD, DASHBOARD_PASSWORD) as raw:
        for statement in ("UPDATE clients SET notes = 'x'", "DELETE FROM holds"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                raw.execute(statement)
            raw.rollback()


def _keep(store: Store, client_id: int) -> None:
    shelf = ChartShelf(store, default_catalog(), client_id, TODAY)
    shelf.chart("holds", "rls", f"png of {client_id}".encode, lambda: "alt")


def _kept_owners(conn: psycopg.Connection[Any]) -> dict[str, set[int]]:
    return {
        table: {r[0] for r in conn.execute(f"SELECT client_id FROM {table}")}
        for table in ("chart_cache", "chart_states")
    }


def test_kept_charts_follow_their_client_for_trainers_and_the_dashboard(studio: Studio) -> None:
    """A trainer's hand-written SQL sees, changes and adds kept charts (and change counts)
    of their own clients only; the dashboard pinned to a client sees and keeps that client's
    only; a hold alice logs drops her client's kept chart and nobody else's."""
    ada, ben = studio.clients["alice"][0], studio.clients["bo"][0]
    for name, client_id in (("alice", ada), ("bo", ben)):
        with Store.open(studio.url(name, studio.passwords[name])) as store:
            _keep(store, client_id)
    with studio.connect("alice") as alice:
        seen = _kept_owners(alice)
        assert seen["chart_cache"] == {ada}
        assert seen["chart_states"] and seen["chart_states"] <= set(studio.clients["alice"])
        assert alice.execute("DELETE FROM chart_cache WHERE client_id <> %s", (ada,)).rowcount == 0
        assert alice.execute("UPDATE chart_states SET changes = 0").rowcount == len(
            seen["chart_states"]
        )
        alice.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            alice.execute(
                "INSERT INTO chart_cache (client_id, name, key, png, alt, drawn)"
                " VALUES (%s, 'x', 'k', 'x', 'a', 'd')",
                (ben,),
            )
    url = studio.url(DASHBOARD, DASHBOARD_PASSWORD)
    with Store.open(url, trainer=EVERYONE) as dashboard:
        dashboard.pin_client(ada)
        assert dashboard.chart_cache.kept(ada) == ("holds@rls",)
        assert dashboard.chart_cache.kept(ben) == ()
        _keep(dashboard, ben)  # out of view: nothing kept
        dashboard.pin_client(ben)
        assert dashboard.chart_cache.get(ben, "holds@rls", _key(dashboard, ben)) is not None
        home = dashboard.sessions.start(ben, None, place="home")
        dashboard.sessions.log_hold(home.id, HoldEntry("seated-thoracic-flexion", "", 1, 1, 20, 18))
        assert dashboard.chart_cache.kept(ben) == ()
        _keep(dashboard, ben)  # the dashboard keeps its client's chart again
    with Store.open(studio.url("alice", studio.passwords["alice"])) as store:
        session = store.sessions.start(ada, None)
        store.sessions.log_hold(session.id, HoldEntry("seated-thoracic-flexion", "", 1, 1, 20, 20))
        assert store.chart_cache.kept(ada) == ()
    with studio.connect("bo") as bo:
        assert _kept_owners(bo)["chart_cache"] == {ben}
        assert bo.execute("SELECT alt FROM chart_cache").fetchall() == [("alt",)]


def _key(store: Store, client_id: int) -> str:
    return ChartShelf(store, default_catalog(), client_id, TODAY).key("holds", "rls")


def test_a_trainers_password_is_kept_owner_only_and_replaced_not_repeated(
    studio: Studio, tmp_path: Path
) -> None:
    """`trainer login` writes libpq's password file, 0600; a new password replaces the old
    line; the trainer logs in with the file alone (no password in the URL)."""
    file = tmp_path / "keys" / "bo.pgpass"
    with Store.open(studio.owner_url) as owner:
        save_password(file, owner.db, "bo", create_login(owner.db, "bo"))
        new = create_login(owner.db, "bo")
        save_password(file, owner.db, "bo", new)
    assert file.stat().st_mode & 0o777 == 0o600
    [line] = file.read_text(encoding="utf-8").splitlines()
    assert line.endswith(f":bo:{new}") and line.startswith("127.0.0.1:")
    env = {**os.environ, "PGPASSFILE": str(file)}
    done = subprocess.run(
        [sys.executable, "-m", "stretchkit", "clients", "--db", studio.url("bo", "")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(
        f"{len(studio.clients['bo'])} clients in "
        f"postgresql+psycopg://bo@127.0.0.1:{studio.cluster.port}/"
        f"{studio.database}"
    )
    assert new not in done.stdout + done.stderr
    studio.passwords["bo"] = new


def _log_entries(studio: Studio) -> None:
    """alice and bo each read one of their clients through the services (one entry each)."""
    for name in ("alice", "bo"):
        with Store.open(studio.url(name, studio.passwords[name])) as store:
            get_client(store, studio.clients[name][0])


@pytest.mark.parametrize("trainer", ["alice", "admin"])
def test_no_trainer_or_admin_can_update_delete_or_truncate_the_access_log(
    studio: Studio, trainer: str
) -> None:
    """Hand-written UPDATE, DELETE and TRUNCATE of the access log are refused to a trainer
    and to an admin alike (no such right; the owner is refused by its trigger), and the
    dashboard's login is refused too; every entry is still there."""
    _log_entries(studio)
    if trainer not in studio.passwords:
        with Store.open(studio.owner_url) as owner:
            studio.passwords[trainer] = create_login(owner.db, trainer)
    with psycopg.connect(studio.owner_url.replace("+psycopg", "")) as owner_sql:
        before = owner_sql.execute("SELECT count(*) FROM access_log").fetchone()
    logins = ((trainer, studio.passwords[trainer]), (DASHBOARD, DASHBOARD_PASSWORD))
    for login, password in logins:
        with studio.connect(login, password) as raw:
            for statement in (
                "UPDATE access_log SET detail = 'changed'",
                "DELETE FROM access_log",
                "TRUNCATE access_log",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    raw.execute(statement)
                raw.rollback()
    with psycopg.connect(studio.owner_url.replace("+psycopg", "")) as owner_sql:
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            owner_sql.execute("DELETE FROM access_log")
        owner_sql.rollback()
        assert owner_sql.execute("SELECT count(*) FROM access_log").fetchone() == before


def test_a_trainer_reads_only_entries_about_their_own_clients(studio: Studio) -> None:
    """alice's hand-written SELECT finds entries about her clients only; she cannot add one
    about bo's client, nor one naming another trainer; the dashboard pinned to a client
    reads that client's entries only."""
    _log_entries(studio)
    ada, ben = studio.clients["alice"][0], studio.clients["bo"][0]
    with studio.connect("alice") as alice:
        seen = {r[0] for r in alice.execute("SELECT client_id FROM access_log")}
        assert ada in seen and seen <= set(studio.clients["alice"])
        forged = (
            f"INSERT INTO access_log (at, kind, client_id, trainer_id, who, actor, place)"
            f" SELECT 'x', 'client-viewed', {ben}, id, 'trainer', 'alice', 'workbook'"
            " FROM trainers WHERE username = 'alice'",
            f"INSERT INTO access_log (at, kind, client_id, trainer_id, who, actor, place)"
            f" SELECT 'x', 'client-viewed', {ada}, id, 'trainer', 'bo', 'workbook'"
            " FROM trainers WHERE username = 'bo'",
        )
        for statement in forged:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                alice.execute(statement)
            alice.rollback()
    with studio.connect(DASHBOARD, DASHBOARD_PASSWORD) as raw:
        raw.execute("SELECT set_config('stretchkit.dashboard_client', %s, true)", (str(ada),))
        assert {r[0] for r in raw.execute("SELECT client_id FROM access_log")} == {ada}


def test_only_an_admin_prunes_the_access_log_and_the_prune_is_logged(studio: Studio) -> None:
    """alice cannot call the prune function; an admin's login can, through stretchkit, and
    the log then holds an entry saying so."""
    _log_entries(studio)
    refused = pytest.raises(psycopg.errors.RaiseException, match="only a studio admin")
    with studio.connect("alice") as alice, refused:
        alice.execute(
            "SELECT stretchkit_prune_access_log('2100-01-01', 'x', NULL, 'cli', 'a', 'cli')"
        )
    if "admin" not in studio.passwords:
        with Store.open(studio.owner_url) as owner:
            studio.passwords["admin"] = create_login(owner.db, "admin")
    with Store.open(studio.url("admin", studio.passwords["admin"])) as admin:
        assert admin.access_log.prune(date(2000, 1, 1)) == 0
        newest = admin.access_log.entries()[0]
    assert (newest.kind, newest.actor.name) == ("log-pruned", "admin")


def test_the_dashboard_login_logs_its_page_as_the_link_it_opened(studio: Studio) -> None:
    """Through the dashboard's own login, a page opened by a key leaves one entry about that
    client, naming the link's number; alice reads it among her client's entries."""
    ada = studio.clients["alice"][0]
    with Store.open(studio.url("alice", studio.passwords["alice"])) as alice:
        link, token = alice.links.create(ada, "tablet")
    with Store.open(studio.url(DASHBOARD, DASHBOARD_PASSWORD), trainer=EVERYONE) as dashboard:
        assert dashboard.links.client_for(token) == ada
        dashboard.pin_client(ada)
        client_page(dashboard, default_catalog(), ada, TODAY)
    with Store.open(studio.url("alice", studio.passwords["alice"])) as alice:
        newest = alice.access_log.of_client(ada)[0]
    assert (newest.kind, newest.actor.who, newest.actor.name) == (
        "progress-viewed",
        "dashboard",
        f"link #{link.id}",
    )


def test_the_dashboard_login_never_reads_the_trainers_private_notes(studio: Studio) -> None:
    """Pinned to its client, the dashboard reads the note for the client but the private
    notes come back empty, and hand-written SQL for them is refused; the trainer reads both."""
    ada = studio.clients["alice"][0]
    with Store.open(studio.url("alice", studio.passwords["alice"])) as alice:
        details = alice.clients.get(ada).details
        alice.clients.update(ada, replace(details, notes="private", client_note="for you"))
        assert alice.clients.get(ada).details.notes == "private"
    with Store.open(studio.url(DASHBOARD, DASHBOARD_PASSWORD), trainer=EVERYONE) as dashboard:
        dashboard.pin_client(ada)
        shown = dashboard.clients.get(ada).details
        assert (shown.notes, shown.client_note) == ("", "for you")
        assert [c.details.notes for c in dashboard.clients.all()] == [""]
    with studio.connect(DASHBOARD, DASHBOARD_PASSWORD) as raw:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute("SELECT notes FROM clients")
        raw.rollback()
        assert raw.execute("SELECT count(*) FROM clients").fetchone() == (0,)
