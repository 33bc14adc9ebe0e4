"""The muscle map: every muscle drawn, highlights coloured by role, bad input named, rendering."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text

from stretchkit.charts import (
    MUSCLE_IDS,
    NEUTRAL_COLOUR,
    ROLE_COLOURS,
    figure_pdf,
    figure_png,
    figure_svg,
    muscle_map_figure,
)
from stretchkit.errors import ValidationError

EXAMPLE = {
    "erector-spinae": "primary",
    "pectorals": "primary",
    "hamstrings": "secondary",
    "abdominals": "strengthened",
}


def muscle_patches(fig: Figure) -> Iterator[tuple[str, str, Patch]]:
    """(muscle id, role, patch) for every patch tagged ``muscle:<id>:<role>``."""
    for patch in fig.findobj(Patch):
        assert isinstance(patch, Patch)
        gid = patch.get_gid()
        if gid and gid.startswith("muscle:"):
            _, muscle, role = gid.split(":")
            yield muscle, role, patch


def texts_of(fig: Figure) -> list[Text]:
    """Every text artist in the figure (titles, labels, legend entries)."""
    return [t for t in fig.findobj(Text) if isinstance(t, Text)]


def rgb(patch: Patch) -> tuple[float, float, float]:
    """The patch's fill colour without alpha, rounded for comparison."""
    r, g, b, _ = to_rgba(patch.get_facecolor())
    return (round(r, 3), round(g, 3), round(b, 3))


def rounded(colour: str) -> tuple[float, float, float]:
    """A colour as rounded RGB, to compare with `rgb`."""
    r, g, b = to_rgb(colour)
    return (round(r, 3), round(g, 3), round(b, 3))


def test_every_muscle_id_is_drawn_even_with_nothing_highlighted() -> None:
    """An empty map still draws a patch for each muscle id, tagged with role 'none'."""
    drawn = list(muscle_patches(muscle_map_figure({})))
    assert {muscle for muscle, _, _ in drawn} == MUSCLE_IDS
    assert {role for _, role, _ in drawn} == {"none"}


def test_highlighted_muscles_carry_their_role_colour_and_the_rest_are_neutral() -> None:
    """Each patch's gid names its role, and its fill is that role's colour or the neutral grey."""
    for muscle, role, patch in muscle_patches(muscle_map_figure(EXAMPLE)):
        assert role == EXAMPLE.get(muscle, "none")
        expected = ROLE_COLOURS[role] if muscle in EXAMPLE else NEUTRAL_COLOUR
        assert rgb(patch) == rounded(expected), muscle


@pytest.mark.parametrize("role", ["primary", "secondary", "strengthened"])
def test_each_role_has_its_own_colour(role: str) -> None:
    """A muscle highlighted with a role is filled with that role's Okabe-Ito colour."""
    fig = muscle_map_figure({"gluteals": role})
    gluteals = [p for m, _, p in muscle_patches(fig) if m == "gluteals"]
    assert len(gluteals) == 2  # left and right
    assert {rgb(p) for p in gluteals} == {rounded(ROLE_COLOURS[role])}


def test_secondary_and_strengthened_are_hatched_so_greyscale_prints_stay_distinct() -> None:
    """Secondary and strengthened muscles have a hatch; primary muscles are solid."""
    fig = muscle_map_figure(
        {"gluteals": "primary", "hamstrings": "secondary", "obliques": "strengthened"}
    )
    hatches = {m: p.get_hatch() for m, _, p in muscle_patches(fig)}
    assert not hatches["gluteals"]
    assert hatches["hamstrings"]
    assert hatches["obliques"]
    assert hatches["hamstrings"] != hatches["obliques"]


def test_an_unknown_muscle_id_raises_a_validation_error_naming_it() -> None:
    """A muscle id the map cannot draw is rejected, and the error names it."""
    with pytest.raises(ValidationError, match="biceps") as caught:
        muscle_map_figure({"biceps": "primary"})
    assert caught.value.value == "biceps"


def test_an_unknown_role_raises_a_validation_error_naming_it() -> None:
    """A role other than primary, secondary or strengthened is rejected, and the error names it."""
    with pytest.raises(ValidationError, match="tertiary") as caught:
        muscle_map_figure({"hamstrings": "tertiary"})
    assert caught.value.value == "tertiary"
    assert "hamstrings" in caught.value.field


def test_the_legend_lists_each_highlighted_muscle_under_its_role() -> None:
    """The key shows the role headings and the (custom or default) names of highlighted muscles."""
    fig = muscle_map_figure(EXAMPLE, names={"hamstrings": "Back of thighs"})
    texts = {t.get_text() for t in texts_of(fig)}
    assert {"Stretched (main)", "Stretched (secondary)", "Works to hold the position"} <= texts
    assert {"Erector Spinae", "Pectorals", "Back of thighs", "Abdominals"} <= texts
    assert "Gluteals" not in texts


def test_the_figure_has_a_back_and_a_front_panel_and_phone_sized_fonts() -> None:
    """Two panels titled 'Back view' and 'Front view'; no text is smaller than 9 points."""
    fig = muscle_map_figure(EXAMPLE, title="Seated forward fold")
    assert [ax.get_title() for ax in fig.axes[:2]] == ["Back view", "Front view"]
    assert all(float(t.get_fontsize()) >= 9 for t in texts_of(fig) if t.get_text())
    assert tuple(fig.get_size_inches()) == (6.4, 4.8)


def test_png_bytes_start_with_the_png_signature() -> None:
    """`figure_png` returns a PNG file's bytes."""
    assert figure_png(muscle_map_figure(EXAMPLE)).startswith(b"\x89PNG\r\n\x1a\n")


def test_pdf_bytes_start_with_the_pdf_header() -> None:
    """`figure_pdf` returns a PDF file's bytes."""
    assert figure_pdf(muscle_map_figure(EXAMPLE)).startswith(b"%PDF")


def test_svg_text_is_an_svg_document_that_keeps_the_muscle_ids() -> None:
    """`figure_svg` returns SVG text whose elements carry the muscle gids."""
    svg = figure_svg(muscle_map_figure(EXAMPLE))
    assert "<svg" in svg
    assert 'id="muscle:erector-spinae:primary"' in svg


def test_the_muscle_map_module_does_not_import_pyplot() -> None:
    """Importing the module in a fresh interpreter leaves pyplot (global state) unloaded."""
    code = (
        "import stretchkit.charts.muscle_map, sys; "
        "assert 'matplotlib.pyplot' not in sys.modules; "
        "stretchkit.charts.muscle_map.muscle_map_figure({'rhomboids': 'primary'}); "
        "assert 'matplotlib.pyplot' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
