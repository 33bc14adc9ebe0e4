"""'Download my data' on the client's dashboard gives the copy of the key's client only, and
none once the link is revoked; the workbook offers the same file for the chosen client."""

from __future__ import annotations

import base64
import copy
import io
import json
import re
import zipfile
from dataclasses import replace
from html import escape

import ipywidgets as w
import pytest

from stretchkit.demo.seeding import seed_demo_data
from stretchkit.services.guided_session import LINK_REVOKED
from stretchkit.store import Store
from stretchkit.widgets.dashboard.client_dashboard import ClientDashboard
from stretchkit.widgets.dashboard.dashboard_kit import DashboardKit
from stretchkit.widgets.kit.data_copy import COPY_HELP
from stretchkit.widgets.workbook.history_transfer import HistoryTransfer
from tests.today import TODAY

KAI = "Kai Elderfield"
PRIVATE = "Private remark: slow to pay"
_LINK = re.compile(r'download="([^"]+)" href="data:application/zip;base64,([^"]+)"')


@pytest.fixture
def store(memory_store: Store) -> Store:
    """The demo clients; Kai has private notes."""
    seed_demo_data(memory_store, today=TODAY)
    kai = _client(memory_store, KAI)
    details = memory_store.clients.get(kai).details
    memory_store.clients.update(kai, replace(details, notes=PRIVATE))
    return memory_store


def _client(store: Store, name: str) -> int:
    return next(c.id for c in store.clients.all() if c.name == name)


def _board(prepared_kit: DashboardKit, store: Store, client: int) -> tuple[ClientDashboard, int]:
    kit = copy.copy(prepared_kit)
    kit.store = store
    link, token = store.links.create(client, "phone")
    board = kit.page(f"key={token}").live()
    assert isinstance(board, ClientDashboard)
    return board, link.id


def _shown(root: w.Widget) -> str:
    """Every HTML text under a widget."""
    own = root.value if isinstance(root, w.HTML) else ""
    return "\n".join([own, *(_shown(child) for child in getattr(root, "children", ()))])


def _zip(html: str) -> tuple[str, zipfile.ZipFile]:
    found = _LINK.search(html)
    assert found is not None, html
    return found[1], zipfile.ZipFile(io.BytesIO(base64.b64decode(found[2])))


def test_the_dashboard_gives_the_keys_client_their_own_copy_and_nobody_elses(
    prepared_kit: DashboardKit, store: Store
) -> None:
    """The page says what the copy holds; the ZIP is Kai's, with no other client's name and
    none of the private notes."""
    board, _ = _board(prepared_kit, store, _client(store, KAI))
    assert board.data_copy.make.description == "Download my data"
    assert escape(COPY_HELP) in _shown(board)
    board.data_copy.build()
    name, archive = _zip(board.data_copy.result.value)
    assert name.startswith("kai-elderfield-my-data-") and name.endswith(".zip")
    data = json.loads(archive.read("my-data.json"))
    assert data["client"]["name"] == KAI and data["sessions"]
    everything = "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    others = [c.name for c in store.clients.all() if c.name != KAI]
    assert not any(other in everything for other in others) and PRIVATE not in everything


def test_a_link_revoked_while_the_page_is_open_gets_no_copy(
    prepared_kit: DashboardKit, store: Store
) -> None:
    """Once the trainer revokes the link, the button says so and offers no file."""
    board, link = _board(prepared_kit, store, _client(store, KAI))
    store.links.revoke(link)
    board.data_copy.build()
    assert LINK_REVOKED in board.data_copy.result.value
    assert "base64" not in board.data_copy.result.value


def test_the_workbook_makes_the_same_copy_for_the_chosen_client(store: Store) -> None:
    """The progress view's 'Client's own copy (ZIP)' gives the chosen client's copy; with no
    client chosen it asks for one."""
    chosen: list[int | None] = [None]
    transfer = HistoryTransfer(store, lambda: chosen[0], lambda: TODAY)
    transfer.copy.build()
    assert "Choose a client first" in transfer.copy.result.value
    chosen[0] = _client(store, KAI)
    transfer.copy.build()
    _, archive = _zip(transfer.copy.result.value)
    assert json.loads(archive.read("my-data.json"))["client"]["name"] == KAI
    transfer.reset()
    assert transfer.copy.result.value == ""
