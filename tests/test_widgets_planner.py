"""The routine planner used headlessly: plan, edit within safe bounds, save, templates."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stretchkit.catalog import Catalog
from stretchkit.clients import ClientDetails
from stretchkit.screening import screen
from stretchkit.screening.intake import Injury, Intake
from stretchkit.store import Store
from stretchkit.widgets.workbook.routine_planner import RoutinePlanner
from tests.today import TODAY


def _screened(
    store: Store, catalog: Catalog, name: str = "Robin Ashdown", **answers: object
) -> int:
    client = store.clients.add(ClientDetails(name))
    screened = TODAY - timedelta(days=30)
    intake = Intake(screened, 40, **answers)  # type: ignore[arg-type]
    store.screenings.add(client.id, screen(intake, catalog))
    return client.id


@pytest.fixture
def planner(memory_store: Store, catalog: Catalog) -> RoutinePlanner:
    return RoutinePlanner(memory_store, catalog, today=lambda: TODAY)


def test_planning_needs_a_client_first(planner: RoutinePlanner) -> None:
    """Plan without a client: the client field says so, and nothing is planned."""
    planner.plan_button.click()
    assert "choose or add a client" in planner.errors["client"].value
    assert planner.routine is None


def test_an_unscreened_client_is_sent_to_screening(
    planner: RoutinePlanner, memory_store: Store
) -> None:
    """A client without a screening cannot get a routine."""
    client = memory_store.clients.add(ClientDetails("Avery Fairbrook"))
    planner.picker.refresh(select=client.id)
    assert "Not screened yet" in planner.readiness_view.value
    planner.plan_button.click()
    assert planner.routine is None and "Not screened" in planner.errors["client"].value


def test_a_plan_for_rotation_starts_with_rotations_and_explains_each_choice(
    planner: RoutinePlanner, memory_store: Store, catalog: Catalog
) -> None:
    """Goal 'rotation': both rotations are planned, each with its reason; grouped by position."""
    planner.picker.refresh(select=_screened(memory_store, catalog))
    planner.goals["rotation"].value = True
    planner.plan_button.click()
    assert planner.routine is not None
    ids = planner.routine.stretch_ids
    assert {"seated-thoracic-rotation", "supine-thoracic-rotation"} <= set(ids)
    assert all(item.why for item in planner.routine.items)
    assert "For rotation" in planner.routine.item("seated-thoracic-rotation").why
    positions = [catalog.stretch(i).position for i in ids]
    assert positions == sorted(positions, key=("seated", "supine", "standing").index)
    assert "Dose check" in planner.summary.value
    assert len(planner.items_box.children) == len(ids)


def test_an_excluded_stretch_is_never_planned_nor_addable(
    planner: RoutinePlanner, memory_store: Store, catalog: Catalog
) -> None:
    """Lower back pain excludes the backbend: not planned, noted, and not offered to add."""
    client = _screened(memory_store, catalog, lower_back_pain=True)
    planner.picker.refresh(select=client)
    planner.budget.value = "60"
    planner.plan_button.click()
    assert planner.routine is not None
    assert "standing-backbend-assist" not in planner.routine.stretch_ids
    assert "Backbend" in planner.summary.value
    offered = [value for _label, value in planner.add_choice.options]
    assert "standing-backbend-assist" not in offered


def test_a_bad_budget_is_shown_by_its_field_and_kept(
    planner: RoutinePlanner, memory_store: Store, catalog: Catalog
) -> None:
    """'ten' and 2 minutes are refused next to the budget field; the text stays as typed."""
    planner.picker.refresh(select=_screened(memory_store, catalog))
    for typed in ("ten", "2", "500"):
        planner.budget.value = typed
        planner.plan_button.click()
        assert "time budget" in planner.errors["time budget"].value
        assert planner.budget.value == typed
    assert planner.routine is None


def test_a_hold_outside_the_safe_range_is_refused_by_the_stretch(
    planner: RoutinePlanner, memory_store: Store, catalog: Catalog
) -> None:
    """Hypermobility: holds stay at the low end; typing 45 is refused next to the stretch and
    the typed text is kept; the routine is unchanged."""
    planner.picker.refresh(select=_screened(memory_store, catalog, hypermobility=True))
    planner.plan_button.click()
    assert planner.routine is not None
    first = planner.routine.items[0]
    row = planner.items_box.children[0]
    field = row.children[1].children[0]
    field.value = "45"
    error = row.children[2].value
    assert "hold" in error and "45" in error and f"{first.prescription.bounds.text}" in error
    assert field.value == "45"
    assert planner.routine.items[0] == first
    assert first.cautions, "hypermobility cautions are carried along"


def test_edits_reorder_remove_change_reps_and_holds(
    planner: RoutinePlanner, memory_store: Store, catalog: Catalog
) -> None:
    """Move down, remove, change repetitions and a hold: the routine follows each edit."""
    planner.picker.refresh(select=_screened(memory_store, catalog, reduced_flexibility=True))
    planner.plan_button.click()
    assert planner.routine is not None
    first, second = planner.routine.stretch_ids[:2]
    row = planner.items_box.children[0]
    row.children[1].children[-2].click()  # move down
    assert planner.routine.stretch_ids[:2] == (second, first)
    planner.items_box.children[0].children[1].children[-1].click()  # remove
    assert second not in planner.routine.stretch_ids
    sid = planner.routine.stretch_ids[0]
    rx = planner.routine.item(sid).prescription
    controls = planner.items_box.children[0].children[1].children
    controls[len(rx.sides)].value = rx.rep_range.min_reps
    assert planner.routine.item(sid).prescription.reps == rx.rep_range.min_reps
    controls[0].value = "55"
    assert planner.routine.item(sid).prescription.hold_for(rx.sides[0]) == 55


def test_saving_keeps_the_history_and_the_newest_is_current(
    planner: RoutinePlanner, memory_store: Store, catalog: Catalog
) -> None:
    """Save twice (with an edit between): two routines, the newest current, both listed."""
    client = _screened(memory_store, catalog)
    planner.picker.refresh(select=client)
    planner.plan_button.click()
    planner.save_button.click()
    assert "Saved" in planner.message.value
    planner.items_box.children[0].children[1].children[-1].click()
    planner.save_button.click()
    history = memory_store.routines.history(client)
    assert len(history) == 2
    assert history[0].routine == planner.routine
    assert planner.history.value.count("<td>Current</td>") == 1
    assert planner.history.value.count("<td>Earlier</td>") == 1


def test_a_template_is_fitted_to_another_client(
    planner: RoutinePlanner, memory_store: Store, catalog: Catalog
) -> None:
    """A template from one client, used for a client with a shoulder strain, leaves out the
    stretches that load the shoulder and says so."""
    planner.picker.refresh(select=_screened(memory_store, catalog))
    planner.budget.value = "60"
    planner.plan_button.click()
    planner.template_name.value = ""
    planner.save_template.click()
    assert "template name" in planner.errors["template name"].value
    planner.template_name.value = "Full back 60"
    planner.save_template.click()
    assert [t.name for t in memory_store.routines.templates()] == ["Full back 60"]
    other = _screened(
        memory_store, catalog, "Jules Calloway", injuries=(Injury("shoulder", "strain"),)
    )
    planner.picker.refresh(select=other)
    planner.template_choice.value = "Full back 60"
    planner.use_template.click()
    assert planner.routine is not None
    screening = screen(memory_store.screenings.latest(other).intake, catalog)  # type: ignore[union-attr]
    assert set(planner.routine.stretch_ids) <= set(screening.allowed())
    assert any("Not planned" in note for note in planner.routine.notes)


def test_the_saved_routine_s_goals_are_ticked_and_none_chosen_goes_once_one_is(
    planner: RoutinePlanner, memory_store: Store, catalog: Catalog
) -> None:
    """A saved routine for 'rotation' and 4 days reopens with its goal ticked and its days;
    the heading says 'none chosen' only while no goal is ticked."""
    client = _screened(memory_store, catalog)
    planner.picker.refresh(select=client)
    assert "none chosen" in planner.goals_title.value
    planner.goals["rotation"].value = True
    assert "none chosen" not in planner.goals_title.value
    planner.days.value = 4
    planner.plan_button.click()
    planner.save_button.click()
    other = RoutinePlanner(memory_store, catalog, today=lambda: TODAY)
    other.picker.refresh(select=client)
    assert [g for g, box in other.goals.items() if box.value] == ["rotation"]
    assert other.days.value == 4
    assert "none chosen" not in other.goals_title.value


def test_a_fresh_plan_cut_to_its_budget_is_not_marked_for_a_look(
    planner: RoutinePlanner, memory_store: Store, catalog: Catalog
) -> None:
    """A 10-minute plan says its repetitions fit the session, never 'add a repetition'."""
    planner.picker.refresh(select=_screened(memory_store, catalog))
    planner.budget.value = "10"
    planner.plan_button.click()
    assert "to fit the 10-minute session" in planner.summary.value
    assert "add a repetition" not in planner.summary.value
    assert "sk-advice-advice" not in planner.summary.value
