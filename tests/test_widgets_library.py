"""The stretch library widget, driven headlessly the way a trainer uses it."""

from __future__ import annotations

import base64
from html import escape

import pytest

from stretchkit.catalog import Catalog
from stretchkit.widgets.kit.library import StretchLibrary

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def library(catalog: Catalog) -> StretchLibrary:
    return StretchLibrary(catalog)


def test_the_library_opens_on_the_first_stretch_with_its_card_and_map(
    library: StretchLibrary, catalog: Catalog
) -> None:
    """All 8 stretches are offered; the first is shown with its steps and a PNG muscle map."""
    assert len(library.stretch.options) == 8
    first = catalog.stretches[0]
    assert library.stretch.value == first.id
    assert first.name in library.card.value
    assert first.prescription_text in library.card.value
    assert base64.b64encode(PNG).decode()[:8] in library.picture.value
    assert f"sk-map-{first.id}" in library.picture.value
    assert f'alt="Muscles worked by the {first.name}' in library.picture.value
    assert library.count.value == "8 of 8 stretches match"


def test_choosing_a_stretch_shows_its_how_to_for_both_partners(
    library: StretchLibrary, catalog: Catalog
) -> None:
    """Picking the backbend shows its partner role, its steps and its exclusions."""
    library.stretch.value = "standing-backbend-assist"
    backbend = catalog.stretch("standing-backbend-assist")
    card = library.card.value
    assert "Partner" in card and "Client" in card
    assert "Not suitable for" in card
    assert "10-20 s x 2-3" in card
    for step in backbend.steps:
        assert step.split()[0] in card


def test_filtering_by_muscle_keeps_only_the_stretches_that_work_it(
    library: StretchLibrary,
) -> None:
    """The hamstrings filter leaves only the seated lower back flexion."""
    library.muscle.value = "hamstrings"
    assert [value for _, value in library.stretch.options] == ["seated-lower-back-flexion"]
    assert library.stretch.value == "seated-lower-back-flexion"
    assert library.count.value == "1 of 8 stretches match"


def test_filters_combine_and_an_empty_result_says_so(library: StretchLibrary) -> None:
    """Supine + standing-only muscle gives no match and a plain message, no error."""
    library.position.value = "supine"
    assert library.stretch.value == "supine-thoracic-rotation"
    library.muscle.value = "pectorals"
    assert library.stretch.options == ()
    assert "No stretch matches" in library.card.value
    assert library.picture.layout.display == "none"
    library.muscle.value = ""
    assert library.stretch.value == "supine-thoracic-rotation"
    assert library.picture.layout.display is None


def test_the_chosen_stretch_survives_a_filter_that_still_includes_it(
    library: StretchLibrary,
) -> None:
    """Narrowing the filters does not jump away from a stretch that still matches."""
    library.stretch.value = "seated-thoracic-rotation"
    library.movement.value = "rotation"
    assert library.stretch.value == "seated-thoracic-rotation"


def test_select_clears_filters_that_would_hide_the_stretch(library: StretchLibrary) -> None:
    """`select` shows a stretch even when the current filters exclude it."""
    library.position.value = "standing"
    library.select("supine-thoracic-rotation")
    assert library.position.value == ""
    assert library.stretch.value == "supine-thoracic-rotation"
    assert "Supine Thoracic Rotation" in library.card.value


def test_card_text_is_escaped(catalog: Catalog) -> None:
    """Text from the catalog is HTML-escaped in the card."""
    from dataclasses import replace

    from stretchkit.views.stretch_card_html import stretch_card_html

    tricky = replace(catalog.stretches[0], purpose="<script>alert(1)</script>")
    html = stretch_card_html(tricky, catalog)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_every_stretch_card_shows_its_picture_with_a_text_alternative(
    library: StretchLibrary, catalog: Catalog
) -> None:
    """Each stretch's card carries the picture of both people (start and stretch) as an
    image, above the numbered steps, its alt text naming where the partner's hands go."""
    for stretch in catalog.stretches:
        library.select(stretch.id)
        card = library.card.value
        assert (
            f'<figure class="sk-pose sk-pose-start-stretched" data-stretch="{stretch.id}"' in card
        )
        assert 'src="data:image/png;base64,iVBOR' in card
        alt = card.split('alt="')[1].split('"')[0]
        assert alt.startswith(escape(stretch.name)) and "partner&#x27;s" in alt
        assert card.index("sk-pose-img") < card.index("<h4>Steps</h4>")
