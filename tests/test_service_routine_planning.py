"""Planning a routine as use cases: each step reads the client's screening as the store has
it now, so nothing is planned or saved that the screening does not allow."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stretchkit.catalog import Catalog
from stretchkit.clients import ClientDetails
from stretchkit.errors import ValidationError
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.services.events import ClientChanged, ClientEvents
from stretchkit.services.routine_planning import (
    NotReadyError,
    PlanSettings,
    add_to_routine,
    addable_stretches,
    plan_routine,
    ready_screening,
    routine_from_template,
    routine_history,
    save_routine,
    save_template,
    start_planning,
    template_names,
)
from stretchkit.store import Store

TODAY = date(2026, 11, 2)
BACKBEND = "standing-backbend-assist"


def _client(store: Store, name: str = "Robin Ashdown") -> int:
    return store.clients.add(ClientDetails(name)).id


def _screen(store: Store, catalog: Catalog, client: int, **answers: object) -> None:
    intake = Intake(TODAY - timedelta(days=30), 40, **answers)  # type: ignore[arg-type]
    store.screenings.add(client, screen(intake, catalog))


def test_an_unscreened_client_cannot_be_planned_for(memory_store: Store, catalog: Catalog) -> None:
    """No screening: the planner opens with no routine, and planning is refused with why."""
    client = _client(memory_store)
    start = start_planning(memory_store, catalog, client, TODAY)
    assert start.routine is None and not start.readiness.ready and start.history == ()
    with pytest.raises(NotReadyError, match="Not screened yet"):
        plan_routine(memory_store, catalog, client, TODAY, PlanSettings())
    assert NotReadyError.field == "client"


def test_a_screening_saved_since_is_what_planning_reads(
    memory_store: Store, catalog: Catalog
) -> None:
    """Screened after the planner opened: the next plan uses the new screening."""
    client = _client(memory_store)
    with pytest.raises(NotReadyError):
        ready_screening(memory_store, catalog, client, TODAY)
    _screen(memory_store, catalog, client, lower_back_pain=True)
    routine = plan_routine(memory_store, catalog, client, TODAY, PlanSettings(budget_min=60))
    assert routine.items and BACKBEND not in routine.stretch_ids
    screening = ready_screening(memory_store, catalog, client, TODAY)
    assert BACKBEND not in addable_stretches(screening, routine)
    assert set(addable_stretches(screening, None)) == set(screening.allowed())


def test_a_saved_routine_is_announced_and_opens_the_planner_next_time(
    memory_store: Store, catalog: Catalog
) -> None:
    """Save: the store keeps it, the hub hears it, the planner reopens on it."""
    client = _client(memory_store)
    _screen(memory_store, catalog, client)
    hub, heard = ClientEvents(), list[ClientChanged]()
    hub.subscribe(heard.append)
    routine = plan_routine(memory_store, catalog, client, TODAY, PlanSettings())
    saved = save_routine(memory_store, catalog, client, TODAY, routine, events=hub)
    assert heard == [ClientChanged(client, "routine saved")]
    assert start_planning(memory_store, catalog, client, TODAY).routine == routine
    assert [s.id for s in routine_history(memory_store, client)] == [saved.id]


def test_a_routine_the_screening_no_longer_allows_is_not_saved(
    memory_store: Store, catalog: Catalog
) -> None:
    """Planned before a screening that excludes the backbend: saving it is refused."""
    client = _client(memory_store)
    _screen(memory_store, catalog, client)
    routine = plan_routine(memory_store, catalog, client, TODAY, PlanSettings(budget_min=60))
    assert BACKBEND in routine.stretch_ids
    _screen(memory_store, catalog, client, lower_back_pain=True)
    with pytest.raises(ValidationError, match=BACKBEND):
        save_routine(memory_store, catalog, client, TODAY, routine)
    assert routine_history(memory_store, client) == ()


def test_a_stretch_the_screening_excludes_cannot_be_added(
    memory_store: Store, catalog: Catalog
) -> None:
    """Adding the backbend for a client with low back pain is refused by name."""
    client = _client(memory_store)
    _screen(memory_store, catalog, client, lower_back_pain=True)
    routine = plan_routine(memory_store, catalog, client, TODAY, PlanSettings())
    with pytest.raises(ValidationError) as refused:
        add_to_routine(memory_store, catalog, client, TODAY, routine, stretch_id=BACKBEND)
    assert refused.value.field == "stretch"


def test_a_template_is_kept_and_fitted_to_another_client(
    memory_store: Store, catalog: Catalog
) -> None:
    """A template from one client is listed by name and fitted to the next one's screening;
    an unknown template is refused next to the template field."""
    robin, jules = _client(memory_store), _client(memory_store, "Jules Calloway")
    _screen(memory_store, catalog, robin)
    _screen(memory_store, catalog, jules, lower_back_pain=True)
    routine = plan_routine(memory_store, catalog, robin, TODAY, PlanSettings(budget_min=60))
    save_template(memory_store, "Full back 60", routine)
    assert template_names(memory_store) == ("Full back 60",)
    fitted = routine_from_template(memory_store, catalog, jules, TODAY, "Full back 60")
    assert BACKBEND not in fitted.stretch_ids and fitted.notes
    with pytest.raises(ValidationError) as refused:
        routine_from_template(memory_store, catalog, jules, TODAY, "")
    assert refused.value.field == "template"
