"""'Something felt wrong after stretching' on the client's dashboard: the report reaches the
trainer's attention list and ends the screening; a revoked link saves nothing."""

from __future__ import annotations

import copy

import pytest

from stretchkit.demo.seeding import seed_demo_data
from stretchkit.i18n.formatting import format_day
from stretchkit.progress.attention import needs_attention
from stretchkit.store import Store
from stretchkit.widgets.dashboard.client_dashboard import ClientDashboard
from stretchkit.widgets.dashboard.dashboard_kit import DashboardKit

KAI = "Kai Elderfield"


@pytest.fixture
def store(memory_store: Store) -> Store:
    """A fresh store holding the six demo clients and their months of history."""
    seed_demo_data(memory_store)
    return memory_store


@pytest.fixture
def kit(prepared_kit: DashboardKit, store: Store) -> DashboardKit:
    """The prepared kit reading this test's demo store."""
    fresh = copy.copy(prepared_kit)
    fresh.store = store
    return fresh


def _board(kit: DashboardKit, store: Store) -> tuple[ClientDashboard, int, int]:
    client = next(c.id for c in store.clients.all() if c.name == KAI)
    link, token = store.links.create(client, "phone")
    board = kit.page(f"key={token}").live()
    assert isinstance(board, ClientDashboard)
    return board, client, link.id


def test_the_client_reports_numbness_after_stretching_and_the_trainer_sees_it(
    kit: DashboardKit, store: Store
) -> None:
    """Kai opens the form, ticks numbness and sends it: a health change from the client, the
    page stops offering a session, and the attention list says what was reported and when."""
    board, client, _ = _board(kit, store)
    assert not board.start_button.disabled
    assert board.symptoms.layout.display == "none"
    board.wrong.click()
    assert board.symptoms.layout.display is None
    board.symptoms.ticks["numbness-tingling"].value = True
    board.symptoms.detail.value = "right hand, an hour after"
    board.symptoms.send.click()
    assert "your trainer has been told" in board.symptoms.message.value
    change = store.screenings.health_changes(client)[0]
    assert (
        change.note == "Numbness or tingling during or after stretching: right hand, an hour after"
    )
    assert change.source == "client, after stretching" and change.reported_on == board.today()
    assert board.start_button.disabled and board.start_button.layout.display == "none"
    assert "until your trainer has screened you again" in board.status.value
    [kai] = [
        a
        for a in needs_attention(store.overview.client_facts(board.today()), board.today())
        if a.client_id == client
    ]
    day = format_day(board.today())
    assert (
        f"numbness or tingling reported by the client on {day}, during or after stretching"
        in kai.text
    )


def test_a_report_through_a_revoked_link_saves_nothing(kit: DashboardKit, store: Store) -> None:
    """The link is revoked while the page is open: the report is refused, nothing is written."""
    board, client, link_id = _board(kit, store)
    before = store.screenings.health_changes(client)
    store.links.revoke(link_id)
    board.wrong.click()
    board.symptoms.ticks["pain"].value = True
    board.symptoms.send.click()
    assert "no longer valid: nothing was saved" in board.symptoms.message.value
    assert store.screenings.health_changes(client) == before


def test_the_report_is_offered_after_a_home_session_not_during_it(
    kit: DashboardKit, store: Store
) -> None:
    """While the home timer runs its own flag buttons are there; once it ends, the report is
    offered again."""
    board, _, _ = _board(kit, store)
    board.start_home_session()
    timer = board.timer
    assert timer is not None
    assert board.symptom_box.layout.display == "none"
    timer.autorun = False
    timer.start()
    timer.stop()
    assert board.symptom_box.layout.display is None
