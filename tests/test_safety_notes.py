"""Every safety note of the articles is on screen: the timer's "Watch for", the client's
routine card and the handout all read one list, worded for their reader."""

from __future__ import annotations

import pytest

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.planning.prescription import prescribe
from stretchkit.planning.routine import Routine, RoutineItem
from stretchkit.planning.safety_notes import safety_notes
from stretchkit.planning.timeline import Planned, session_timeline
from stretchkit.screening.rules import HYPERMOBILITY_MODIFICATION
from stretchkit.views.client_card_html import client_item_html

BACKBEND = "standing-backbend-assist"
FLEXION = "seated-lower-back-flexion"
SMALL_MOVEMENTS = "Start with very small movements."
HAMSTRINGS = (
    "If the client has significant hamstring tightness, they may need to slightly bend their knees."
)
STRETCH_IDS = [s.id for s in default_catalog().stretches]


def _watched(catalog: Catalog, stretch_id: str, cautions: tuple[str, ...] = ()) -> set[str]:
    """Everything the timer's "Watch for" shows in the holds of one stretch."""
    rx = prescribe(catalog.stretch(stretch_id), None, catalog)
    timeline = session_timeline([Planned(rx, cautions)], catalog, warm_up_min=0)
    return {note for phase in timeline.holds() for note in phase.watch_for}


def _card(catalog: Catalog, stretch_id: str, cautions: tuple[str, ...] = ()) -> str:
    rx = prescribe(catalog.stretch(stretch_id), None, catalog)
    return client_item_html(Routine((RoutineItem(rx, "", cautions),)), 0, catalog)


def test_the_timer_watches_for_the_backbends_very_small_movements(catalog: Catalog) -> None:
    """The backbend's "Start with very small movements" is in every hold's "Watch for"."""
    assert SMALL_MOVEMENTS in _watched(catalog, BACKBEND)


def test_the_timer_watches_for_tight_hamstrings_in_the_lower_back_flexion(
    catalog: Catalog,
) -> None:
    """The lower back flexion's bent-knee note for tight hamstrings is in "Watch for"."""
    assert HAMSTRINGS in _watched(catalog, FLEXION)


def test_the_client_card_tells_the_client_to_bend_the_knees_and_start_small(
    catalog: Catalog,
) -> None:
    """The client's routine card says both notes, to "you"."""
    assert "you may need to bend your knees slightly" in _card(catalog, FLEXION)
    assert SMALL_MOVEMENTS in _card(catalog, BACKBEND)


@pytest.mark.parametrize("stretch_id", STRETCH_IDS)
def test_every_caution_exclusion_and_modification_is_watched_for(
    catalog: Catalog, stretch_id: str
) -> None:
    """Each safety note the catalog holds for a stretch is in "Watch for" in its words."""
    stretch = catalog.stretch(stretch_id)
    notes = {*stretch.cautions, *(x.text for x in stretch.exclusions), *stretch.modifications}
    assert notes <= _watched(catalog, stretch_id)


@pytest.mark.parametrize("stretch_id", STRETCH_IDS)
def test_the_client_reads_every_note_said_to_them(catalog: Catalog, stretch_id: str) -> None:
    """The client's list has one note for each of the trainer's, none about "the client" or
    "the stretchee", and each on the card."""
    stretch = catalog.stretch(stretch_id)
    trainer = safety_notes(stretch, (), "trainer")
    client = safety_notes(stretch, (), "client")
    assert len(client) == len(trainer) == len(stretch.safety_notes)
    card = _card(catalog, stretch_id)
    for note in client:
        assert not any(word in note.lower() for word in ("the client", "stretchee", "individuals"))
        assert note.replace('"', "&quot;").replace("'", "&#x27;") in card


def test_the_screenings_cautions_follow_the_stretchs_notes_for_both_readers(
    catalog: Catalog,
) -> None:
    """The screening's cautions come last: as they are for the trainer, marked for the client."""
    cautions = (HYPERMOBILITY_MODIFICATION,)
    trainer = safety_notes(catalog.stretch(BACKBEND), cautions, "trainer")
    client = safety_notes(catalog.stretch(BACKBEND), cautions, "client")
    assert trainer[-1] == HYPERMOBILITY_MODIFICATION
    assert client[-1] == f"From your screening: {HYPERMOBILITY_MODIFICATION}"
    assert HYPERMOBILITY_MODIFICATION in _watched(catalog, BACKBEND, cautions)


@pytest.mark.parametrize(
    ("stretch_id", "check"),
    [
        ("standing-chest-opener", "ribs don't flare out excessively"),
        ("seated-thoracic-rotation", "hips remain stable and do not rotate excessively"),
    ],
)
def test_the_articles_safety_checks_within_steps_are_watched_for(
    catalog: Catalog, stretch_id: str, check: str
) -> None:
    """The upper back article's checks inside its steps (the ribs do not flare out, the hips
    do not rotate) are safety notes too, not only steps the timer does not show."""
    assert any(check in note for note in _watched(catalog, stretch_id))
    assert any(check in step for step in catalog.stretch(stretch_id).steps)
