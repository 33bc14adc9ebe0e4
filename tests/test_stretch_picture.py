"""The picture of each stretch: drawn from its pose, deterministic, labelled for screen
readers, its two people told apart without colour, its target area as on the muscle map."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Polygon
from PIL import Image

from stretchkit.catalog import Catalog, Stretch, default_catalog
from stretchkit.catalog.pose import JOINTS, PHASES, WORLD_X, WORLD_Y, Posture
from stretchkit.catalog.pose_text import pose_alt_text
from stretchkit.charts import (
    ROLE_COLOURS,
    stretch_picture_figure,
    stretch_picture_png,
    stretch_picture_svg,
)
from stretchkit.charts.stretch_picture import (
    CLIENT_COLOUR,
    PARTNER_COLOUR,
    _picture_png,
    _picture_svg,
)
from stretchkit.pictures import MUSCLE_BONES, frame_of, panel_of
from tests.hypothesis_profiles import examples

IDS = [s.id for s in default_catalog().stretches]


def _uncached_png(stretch: Stretch) -> bytes:
    return _picture_png.__wrapped__(stretch, PHASES, 200, False, "en")  # type: ignore[no-any-return]


def _uncached_svg(stretch: Stretch) -> str:
    return _picture_svg.__wrapped__(stretch, PHASES, "en")  # type: ignore[no-any-return]


@pytest.mark.parametrize("stretch_id", IDS)
def test_the_picture_is_the_same_bytes_every_time(catalog: Catalog, stretch_id: str) -> None:
    """Two renders of the same stretch give byte-identical PNG and SVG."""
    stretch = catalog.stretch(stretch_id)
    assert _uncached_png(stretch) == _uncached_png(stretch)
    assert _uncached_svg(stretch) == _uncached_svg(stretch)


@pytest.mark.parametrize("stretch_id", IDS)
def test_the_png_reads_on_a_phone(catalog: Catalog, stretch_id: str) -> None:
    """720 px wide (sharp at 360 px), no taller than wide enough to scroll past twice."""
    with Image.open(io.BytesIO(stretch_picture_png(catalog.stretch(stretch_id)))) as image:
        width, height = image.size
    assert width == 720
    assert 250 <= height <= 1.1 * width


@pytest.mark.parametrize("stretch_id", IDS)
def test_the_svg_carries_its_title_and_text_alternative(catalog: Catalog, stretch_id: str) -> None:
    """The SVG is an image labelled by a title (the stretch's name) and a description (the
    text alternative built from the contacts and steps); it has no date in it."""
    stretch = catalog.stretch(stretch_id)
    svg = stretch_picture_svg(stretch)
    assert 'role="img"' in svg and 'aria-labelledby="pose-title pose-desc"' in svg
    assert f'<title id="pose-title">{stretch.name.replace("/", "/")}' in svg
    desc = svg.split('<desc id="pose-desc">')[1].split("</desc>")[0]
    assert desc.startswith(stretch.name) and "Steps: 1." in desc
    assert "dc:date" not in svg


@pytest.mark.parametrize("stretch_id", IDS)
def test_start_and_stretch_are_side_by_side_with_contacts_and_forces(
    catalog: Catalog, stretch_id: str
) -> None:
    """Both panels show every contact point; the force arrows show in the stretch (an
    optional contact's in both), each pointing the way its contact pushes."""
    stretch = catalog.stretch(stretch_id)
    assert stretch.pose is not None
    start, stretched = (panel_of(stretch, phase) for phase in PHASES)
    places = {(round(c.push[0], 3), round(c.push[1], 3), c.on_part) for c in stretch.pose.contacts}
    assert 1 <= len(start.marks) <= len(places)
    assert len(stretched.marks) == len(start.marks)
    assert len(stretched.arrows) == len(stretched.marks)
    assert all(a.optional for a in start.arrows)
    for arrow, contact in zip(stretched.arrows, _first_of_each_mark(stretch), strict=True):
        dx, dy = arrow.tip[0] - arrow.tail[0], arrow.tip[1] - arrow.tail[1]
        assert dx * contact.push[0] + dy * contact.push[1] > 0


def _first_of_each_mark(stretch: Stretch) -> list:  # type: ignore[type-arg]
    assert stretch.pose is not None
    seen, firsts = [], []
    for contact in stretch.pose.contacts:
        key = (contact.on_part.split("_")[-1], contact.push, contact.optional)
        if key not in seen:
            seen.append(key)
            firsts.append(contact)
    return firsts


@pytest.mark.parametrize("stretch_id", IDS)
def test_client_and_partner_differ_by_more_than_colour(catalog: Catalog, stretch_id: str) -> None:
    """The client is drawn filled (solid head), the partner hollow (white inside a darker
    outline); the two colours also differ in lightness, for greyscale prints."""
    figure = stretch_picture_figure(catalog.stretch(stretch_id))
    heads = [c for c in figure.findobj(Circle) if c.get_gid() in ("client", "partner")]
    assert {to_hex(c.get_facecolor()) for c in heads if c.get_gid() == "client"} == {
        CLIENT_COLOUR.lower()
    }
    assert {to_hex(c.get_facecolor()) for c in heads if c.get_gid() == "partner"} == {"#ffffff"}
    whites = [
        line
        for line in figure.findobj(Line2D)
        if to_hex(line.get_color()) == "#ffffff" and line.get_gid() is None
    ]
    assert len(whites) >= 17  # every partner bone has its white inside

    def lightness(colour: str) -> float:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    assert abs(lightness(CLIENT_COLOUR) - lightness(PARTNER_COLOUR)) > 0.15


@pytest.mark.parametrize("stretch_id", IDS)
def test_the_target_area_is_shaded_as_on_the_muscle_map(catalog: Catalog, stretch_id: str) -> None:
    """Every role the stretch's muscles have is shaded on the client, in the muscle map's
    colour for that role."""
    stretch = catalog.stretch(stretch_id)
    roles = {t.role for t in stretch.targets if t.muscle in MUSCLE_BONES}
    figure = stretch_picture_figure(stretch)
    shaded = {}
    for patch in figure.findobj(Polygon):
        gid = patch.get_gid() or ""
        if gid.startswith("target:"):
            shaded[gid.split(":")[1]] = to_hex(patch.get_facecolor())
    assert set(shaded) == roles
    assert all(colour == ROLE_COLOURS[role].lower() for role, colour in shaded.items())


@pytest.mark.parametrize("stretch_id", IDS)
def test_every_shape_of_every_panel_fits_its_frame(catalog: Catalog, stretch_id: str) -> None:
    """Nothing drawn falls outside the shared frame, and the floor is in view."""
    stretch = catalog.stretch(stretch_id)
    frame = frame_of(stretch)
    assert frame.y0 < 0 < frame.y1
    for phase in PHASES:
        assert all(frame.holds(p) for p in panel_of(stretch, phase).extent())


coordinate_x = st.floats(WORLD_X[0], WORLD_X[1], allow_nan=False)
coordinate_y = st.floats(WORLD_Y[0], WORLD_Y[1], allow_nan=False)
postures = st.lists(
    st.tuples(coordinate_x, coordinate_y), min_size=len(JOINTS), max_size=len(JOINTS)
).map(lambda points: Posture(tuple(zip(JOINTS, points, strict=True))))


@settings(max_examples=examples(60), deadline=None)
@given(
    stretch_index=st.integers(0, len(IDS) - 1),
    client=postures,
    partner=postures,
)
def test_any_posture_in_the_world_is_drawn_inside_its_panel(
    stretch_index: int, client: Posture, partner: Posture
) -> None:
    """Whatever joints a pose gives (anywhere a joint may be), every stroke, head, shade,
    mark and arrow lies inside the frame both panels are drawn in."""
    stretch = default_catalog().stretches[stretch_index]
    assert stretch.pose is not None
    pose = stretch.pose
    joints = dict(partner.joints)
    for contact in pose.contacts:  # the partner's hands stay on the client
        joints[contact.by_part] = client.at(contact.on_part)
    moved = replace(
        pose,
        client=replace(pose.client, stretched=client),
        partner=replace(pose.partner, stretched=Posture(tuple(joints.items()))),
    )
    changed = replace(stretch, pose=moved)
    frame = frame_of(changed)
    for phase in PHASES:
        assert all(frame.holds(p) for p in panel_of(changed, phase).extent())


def test_a_single_position_is_drawn_large_with_its_own_alt_text(catalog: Catalog) -> None:
    """The timer's picture of one position is one panel, as wide as the pair, and its text
    alternative says which position it shows."""
    stretch = catalog.stretch("seated-thoracic-flexion")
    one = stretch_picture_figure(stretch, ("start",))
    two = stretch_picture_figure(stretch)
    assert len(one.axes) == len(two.axes) - 1
    assert one.axes[0].get_position().width > 1.8 * two.axes[0].get_position().width
    assert "The start position." in pose_alt_text(stretch, ("start",))
    assert "The stretch." in pose_alt_text(stretch, ("stretched",))
