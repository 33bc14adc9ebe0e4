"""The field test and back-feel forms save through their services: stored, announced on the
app's hub, and refused (nothing stored) when the dashboard's link is no longer valid."""

from __future__ import annotations

from datetime import UTC, date, datetime

from stretchkit.clients import ClientDetails
from stretchkit.services.events import ClientChanged, ClientEvents
from stretchkit.store import Store
from stretchkit.widgets.kit.back_feel_form import BackFeelForm
from stretchkit.widgets.workbook.outcome_form import OutcomeForm

TODAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 9, tzinfo=UTC)


def _hub() -> tuple[ClientEvents, list[ClientChanged]]:
    heard: list[ClientChanged] = []
    events = ClientEvents()
    events.subscribe(heard.append)
    return events, heard


def test_a_field_test_saved_on_the_form_is_stored_and_announced(memory_store: Store) -> None:
    """A typed result is stored for the chosen client and the hub hears 'measured'."""
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown"))
    events, heard = _hub()
    saved: list[str] = []
    form = OutcomeForm(memory_store, lambda: TODAY, lambda: saved.append("saved"), events)
    form.client_id = robin.id
    form.value.value = "12.5"
    form.save.click()
    assert [m.measurement.value for m in memory_store.measurements.of_client(robin.id)] == [12.5]
    assert heard == [ClientChanged(robin.id, "measured")] and saved == ["saved"]
    assert form.value.value == "" and "Saved" in form.saved.value


def test_a_back_rating_saved_on_the_dashboard_form_is_announced(memory_store: Store) -> None:
    """Both scales tapped, Save: the rating is stored and the hub hears 'measured'."""
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown"))
    events, heard = _hub()
    form = BackFeelForm(
        memory_store, robin.id, "dashboard", intro="", on_saved=lambda _r: None, now=lambda: NOW,
        events=events,
    )  # fmt: skip
    form.stiffness.value, form.pain.value = 3, 1
    form.save()
    assert len(memory_store.back_ratings.of_client(robin.id)) == 1
    assert heard == [ClientChanged(robin.id, "measured")]
    assert "Thank you" in form.message.value


def test_a_back_rating_after_the_link_is_revoked_is_refused_and_kept(memory_store: Store) -> None:
    """The link was revoked meanwhile: nothing stored or announced, the taps stay."""
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown"))
    events, heard = _hub()
    form = BackFeelForm(
        memory_store, robin.id, "dashboard", intro="", on_saved=lambda _r: None, now=lambda: NOW,
        still_valid=lambda: False, events=events,
    )  # fmt: skip
    form.stiffness.value, form.pain.value = 3, 1
    form.save()
    assert memory_store.back_ratings.of_client(robin.id) == [] and heard == []
    assert "no longer valid" in form.message.value
    assert (form.stiffness.value, form.pain.value) == (3, 1)
