"""The Access tab used as a trainer and an admin use it: pick a client, read who did what and
when, newest first, filter by kind and by trainer; an admin switches to the studio's exports
and deletions; a trainer sees only their own clients and no studio switch."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.services.access_view import ALL
from stretchkit.services.client_records import delete_client, edit_client, get_client
from stretchkit.services.history_files import export_client
from stretchkit.store import Store
from stretchkit.store.access_values import Actor
from stretchkit.widgets.workbook.access_panel import AccessPanel
from stretchkit.widgets.workbook.workbook_app import TABS

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """Robin (read, edited by the admin, read by bo through a command) and a deleted Noor."""
    opened = Store.open(db_path)
    opened.access_log.clock = lambda: NOW
    opened.trainers.add("bo")
    robin = opened.clients.add(ClientDetails("Robin <b>Ashdown</b>")).id
    noor = opened.clients.add(ClientDetails("Noor Calloway")).id
    get_client(opened, robin)
    edit_client(opened, robin, ClientDetails("Robin <b>Ashdown</b>", "robin@example.org"))
    opened.access_log.acting_as(Actor("cli", "bo", "cli", opened.trainers.get("bo").id))
    get_client(opened, robin)
    opened.access_log.acting_as(None)
    export_client(opened, robin, db_path.parent / "robin.csv")
    delete_client(opened, noor)
    yield opened
    opened.close()


def _choose(panel: AccessPanel, name: str) -> int:
    client_id: int = dict(panel.picker.client.options)[name]
    panel.picker.client.value = client_id
    return client_id


def test_the_workbook_has_an_access_tab() -> None:
    """Access sits between Links and Library."""
    assert TABS[TABS.index("Links") + 1] == "Access"


def test_a_clients_entries_show_newest_first_with_who_and_where(store: Store) -> None:
    """Robin's four uses: the export first, the first read last; names escaped."""
    panel = AccessPanel(store)
    assert "Choose a client" in panel.table.value
    _choose(panel, "Robin <b>Ashdown</b>")
    html = panel.table.value
    order = [html.index(w) for w in ("CSV exported", "cli bo", "client details changed")]
    assert order == sorted(order)
    assert "Robin &lt;b&gt;Ashdown&lt;/b&gt;" in html and "<b>Ashdown" not in html
    assert html.count("<tr class=") == 4


def test_filters_by_kind_and_by_trainer(store: Store) -> None:
    """The filters offer the kinds and trainers there are; each keeps only its rows."""
    panel = AccessPanel(store)
    _choose(panel, "Robin <b>Ashdown</b>")
    assert ("CSV exported", "csv-exported") in panel.kind.options
    assert [v for _l, v in panel.trainer.options] == [ALL, "bo", "local"]
    panel.kind.value = "client-viewed"
    assert panel.table.value.count("<tr class=") == 2
    panel.trainer.value = "bo"
    assert panel.table.value.count("<tr class=") == 1 and "cli bo" in panel.table.value
    panel.kind.value = "csv-exported"
    assert "No entries to show." in panel.table.value


def test_an_admin_sees_the_studios_exports_and_deletions(store: Store) -> None:
    """The studio switch lists the export of Robin and the deletion of a client, by number."""
    panel = AccessPanel(store)
    assert panel.scope.layout.display == ""
    panel.scope.value = "Studio: exports and deletions"
    html = panel.table.value
    assert "CSV exported" in html and "client deleted" in html
    assert "deleted client #2" in html and "Noor" not in html
    assert panel.table.value.count("<tr class=") == 2 and panel.picker.layout.display == "none"


def test_a_trainer_sees_only_their_own_clients_and_no_studio_view(
    store: Store, db_path: Path
) -> None:
    """bo's Access tab offers no studio switch and no other trainer's client."""
    with Store.open(db_path, trainer="bo") as bo:
        panel = AccessPanel(bo)
        assert panel.scope.layout.display == "none"
        assert [name for name, _id in panel.picker.client.options][1:] == []
