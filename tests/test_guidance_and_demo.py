"""The guidance panel shows every rule with its source; demo data is synthetic and repeatable."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.catalog import Catalog, HoldRange, Stretch, default_catalog
from stretchkit.demo.people import demo_clients
from stretchkit.demo.seeding import DEMO_STORIES, demo_story_client, seed_demo_data
from stretchkit.errors import ValidationError
from stretchkit.screening.validity import intake_validity
from stretchkit.store import Store
from stretchkit.widgets.workbook.guidance import GuidancePanel


def test_the_guidance_panel_lists_every_contraindication_and_guideline(catalog: Catalog) -> None:
    """Each contraindication's text and each guideline's title appears with the sources."""
    html = GuidancePanel(catalog).body.value
    for c in catalog.contraindications:
        assert c.text.replace("'", "&#x27;") in html
    for g in catalog.guidelines.values():
        assert f'data-guideline="{g.id}"' in html
    for source in catalog.sources.values():
        if source.id != "par-q-plus":
            assert source.title.replace("'", "&#x27;") in html


def test_demo_clients_are_the_same_every_time_and_clearly_synthetic() -> None:
    """Same seed, same clients; names unique; contacts on the reserved example.org domain;
    the private notes say the client is synthetic, the note for the client is in their
    language."""
    first, second = demo_clients(8), demo_clients(8)
    assert first == second
    assert len({c.details.name for c in first}) == 8
    assert all(c.details.contact.endswith("@example.org") for c in first)
    assert all(c.details.notes.startswith("Synthetic demo client.") for c in first)
    opening = {"": {"Keep", "Breathe"}, "es": {"Mantén", "Suelta"}, "de": {"Halte", "Atme"}}
    assert {c.details.language for c in first} == set(opening)
    for client in first:
        assert client.details.client_note.split(" ")[0] in opening[client.details.language]


def test_a_different_seed_gives_different_demo_clients() -> None:
    """The seed drives the generator."""
    assert demo_clients(6, seed=1) != demo_clients(6, seed=2)


@given(st.integers(-1000, 1000), st.integers(-1000, 1000))
def test_a_hold_range_is_valid_or_rejected_naming_the_field(low: int, high: int) -> None:
    """Any pair of seconds either makes a sane range or raises an error naming hold_s."""
    try:
        hold = HoldRange(low, high)
    except ValidationError as e:
        assert e.field == "hold_s"
    else:
        assert 0 < hold.min_s <= hold.max_s <= 600
        assert hold.text.endswith(" s")


@given(
    region=st.sampled_from([None, "upper-back", "mid-back", "lower-back", "front-of-trunk"]),
    movement=st.sampled_from([None, "flexion", "extension", "rotation", "retraction"]),
    position=st.sampled_from([None, "seated", "supine", "standing"]),
    muscle=st.sampled_from([None, "erector-spinae", "obliques", "hamstrings", "pectorals"]),
)
def test_filtering_returns_exactly_the_matching_stretches(
    region: str | None, movement: str | None, position: str | None, muscle: str | None
) -> None:
    """Filtered stretches all match, and no matching stretch is left out."""
    catalog = default_catalog()
    found = catalog.filter(region=region, movement=movement, position=position, muscle=muscle)

    def matches(s: Stretch) -> bool:
        wanted = ((region, s.region), (movement, s.movement), (position, s.position))
        return all(want in (None, got) for want, got in wanted) and (
            muscle is None or muscle in s.muscles()
        )

    assert set(found) == {s for s in catalog.stretches if matches(s)}


def test_seeded_demo_clients_each_have_a_first_screening(memory_store: Store) -> None:
    """Seeding gives every demo client a saved screening: most cleared, some with cautions,
    one waiting for medical clearance; a second run adds nobody."""
    assert seed_demo_data(memory_store) == 6
    statuses = [memory_store.screenings.latest(c.id) for c in memory_store.clients.all()]
    assert all(s is not None for s in statuses)
    kinds = [s.status for s in statuses if s is not None]
    assert set(kinds) == {"cleared", "cleared-with-cautions", "needs-clearance"}
    assert kinds.count("needs-clearance") == 1
    assert seed_demo_data(memory_store) == 0


WAITING = demo_clients()[next(i for i, s in enumerate(DEMO_STORIES) if s.awaiting_clearance)]


@given(st.dates(date(2026, 3, 1), date(2030, 12, 31)))
def test_the_client_waiting_for_clearance_has_a_screening_that_holds_on_any_day(
    today: date,
) -> None:
    """Whatever day the demo is seeded on, the client still waiting for their clearance was
    screened (and joined) on or before it, and that screening holds on it: the demo shows
    'needs clearance', never an expired screening."""
    waiting = demo_story_client(WAITING.details.name, today)
    assert waiting.intake.clearance is None
    assert waiting.intake.taken_on == waiting.joined.date() <= today
    assert intake_validity(waiting.intake, today).state == "current"


def test_a_demo_story_is_asked_for_by_a_demo_clients_name() -> None:
    """A name no demo client has is refused, naming it; the story of one runs to the day."""
    with pytest.raises(ValidationError) as caught:
        demo_story_client("Nobody Atall", date(2026, 6, 3))
    assert caught.value.field == "name" and caught.value.value == "Nobody Atall"
    assert demo_story_client(WAITING.details.name, date(2026, 6, 3)).until == date(2026, 6, 3)
