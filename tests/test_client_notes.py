"""The trainer's private notes about a client never reach the client: not their dashboard (first
view or live page) nor their handout; the note written for the client does, and the workbook
says, where each is typed, who reads it."""

from __future__ import annotations

import copy
import shutil
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import ipywidgets as w
import pytest
from pypdf import PdfReader

from stretchkit.catalog import Catalog
from stretchkit.clients import CLIENT_NOTE_HINT, PRIVATE_NOTES_HINT, ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.services.client_progress import client_progress
from stretchkit.services.client_report import client_pdf
from stretchkit.store import Store
from stretchkit.store.trainers import EVERYONE
from stretchkit.widgets.dashboard.client_dashboard import ClientDashboard
from stretchkit.widgets.dashboard.dashboard_kit import DashboardKit
from stretchkit.widgets.kit.client_picker import ClientPicker
from stretchkit.widgets.workbook.client_manager import ClientManager
from tests.today import TODAY

KAI = "Kai Elderfield"
PRIVATE = "Private remark: slow to pay, ask about the knee"
FOR_CLIENT = "Lovely progress, keep breathing out into each hold"
RELEASES = Path(__file__).resolve().parent / "releases"


def _kai(store: Store) -> int:
    """Kai's id, with the two notes written."""
    kai = next(c for c in store.clients.all() if c.name == KAI)
    store.clients.update(kai.id, replace(kai.details, notes=PRIVATE, client_note=FOR_CLIENT))
    return kai.id


@pytest.fixture
def store(memory_store: Store) -> Store:
    """The demo clients and their history, on the tests' day."""
    seed_demo_data(memory_store, today=TODAY)
    return memory_store


def _widget_text(root: w.Widget) -> str:
    parts = [root.value if isinstance(root, w.HTML) else ""]
    parts += [_widget_text(child) for child in getattr(root, "children", ())]
    return "\n".join(parts)


def test_the_dashboard_shows_the_note_for_the_client_and_never_the_private_notes(
    prepared_kit: DashboardKit, store: Store
) -> None:
    """On the first view and the live page the client reads the note written for them,
    labelled from their trainer; the private notes are on neither."""
    _kai(store)
    kit = copy.copy(prepared_kit)
    kit.store = store
    _, token = store.links.create(_kai(store), "phone")
    page = kit.page(f"key={token}")
    board = page.live()
    assert isinstance(board, ClientDashboard)
    live = _widget_text(board)
    for shown in (page.first_view, live):
        assert FOR_CLIENT in shown and "From your trainer" in shown
        assert PRIVATE not in shown and "slow to pay" not in shown


def test_the_handout_pdf_carries_the_note_for_the_client_and_never_the_private_notes(
    store: Store, catalog: Catalog
) -> None:
    """The client's PDF (handout and charts) prints the note for the client only."""
    shown = client_progress(store, catalog, _kai(store), TODAY)
    pages = PdfReader(BytesIO(client_pdf(store, catalog, shown))).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert FOR_CLIENT in text and PRIVATE not in text and "slow to pay" not in text


def test_a_client_with_only_private_notes_has_no_note_from_the_trainer(
    prepared_kit: DashboardKit, store: Store
) -> None:
    """Private notes alone leave the 'From your trainer' line off the page."""
    kai = _kai(store)
    store.clients.update(kai, replace(store.clients.get(kai).details, client_note=""))
    kit = copy.copy(prepared_kit)
    kit.store = store
    _, token = store.links.create(kai, "phone")
    page = kit.page(f"key={token}")
    assert "From your trainer" not in page.first_view and PRIVATE not in page.first_view


def test_a_store_from_the_previous_release_keeps_every_note_private(tmp_path: Path) -> None:
    """Notes written before the two fields existed stay private: the note for the client
    starts empty."""
    copied = tmp_path / "store.db"
    shutil.copyfile(RELEASES / "schema-0010.db", copied)
    with Store.open(str(copied), trainer=EVERYONE) as store:
        clients = store.clients.all()
    written = {c.name: c.details for c in clients}
    assert written["Demo Client A"].notes == "Prefers morning sessions."
    assert all(details.client_note == "" for details in written.values())


def test_the_clients_tab_says_who_reads_each_note_and_saves_them_apart(
    memory_store: Store,
) -> None:
    """Editing a client: each note field says who reads it, and each is stored as typed."""
    client = memory_store.clients.add(ClientDetails("Noor Calloway", notes="desk job"))
    manager = ClientManager(memory_store)
    text = _widget_text(manager)
    assert PRIVATE_NOTES_HINT in text and CLIENT_NOTE_HINT in text
    manager.list.value = client.id
    assert manager.notes.value == "desk job" and manager.client_note.value == ""
    manager.client_note.value = FOR_CLIENT
    manager.save_changes()
    stored = memory_store.clients.get(client.id).details
    assert stored.notes == "desk job" and stored.client_note == FOR_CLIENT


def test_a_new_client_form_says_who_reads_each_note(memory_store: Store) -> None:
    """The short 'new client' form of the pickers stores both notes, each labelled."""
    picker = ClientPicker(memory_store, lambda _id: None)
    assert PRIVATE_NOTES_HINT in _widget_text(picker) and CLIENT_NOTE_HINT in _widget_text(picker)
    picker.name.value, picker.notes.value = "Noor Calloway", "desk job"
    picker.client_note.value = FOR_CLIENT
    picker.add_client()
    stored = memory_store.clients.all()[0].details
    assert (stored.notes, stored.client_note) == ("desk job", FOR_CLIENT)
