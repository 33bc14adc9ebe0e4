"""The pose of every stretch: valid, faithful to the article's steps, in the catalog's own
position; and a malformed pose fails naming the stretch and the field."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stretchkit.catalog import Catalog, Stretch, default_catalog, load_catalog
from stretchkit.catalog.pose import CONTACT_PARTS, JOINTS, PHASES, Contact, Pose
from stretchkit.catalog.pose_file import posture_problem
from stretchkit.catalog.pose_text import contact_text, direction_text, pose_alt_text
from stretchkit.errors import CatalogError, ValidationError
from stretchkit.paths import catalog_path
from tests.toml_writer import dumps

Raw = dict[str, Any]
IDS = [s.id for s in default_catalog().stretches]

# What each article's steps (or its partner position) say touches what: (partner's part
# kind, client's part kind) for every contact the partner must make, and those it can add.
CONTACTS: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {
    "seated-thoracic-flexion": ([("hand", "elbow"), ("hand", "upper_back")], []),
    "seated-thoracic-rotation": ([("hand", "hip"), ("hand", "shoulder")], []),
    "seated-lat-reach-pull": ([("hand", "hand"), ("hand", "hand")], [("knee", "lower_back")]),
    "standing-chest-opener": ([("hand", "elbow"), ("hand", "elbow")], []),
    "seated-thoracic-extension": ([("hand", "upper_back"), ("hand", "upper_back")], []),
    "supine-thoracic-rotation": ([("hand", "knee"), ("hand", "shoulder")], []),
    "seated-lower-back-flexion": (
        [("foot", "foot"), ("foot", "foot"), ("hand", "hand"), ("hand", "hand")],
        [],
    ),
    "standing-backbend-assist": ([("hand", "lower_back"), ("hand", "lower_back")], []),
}
# The words an article uses for the client's part.
PART_WORDS = {
    "elbow": ("elbow",),
    "upper_back": ("upper back",),
    "lower_back": ("lower back",),
    "hip": ("hip",),
    "shoulder": ("shoulder",),
    "knee": ("knee",),
    "hand": ("wrists", "hands"),
    "foot": ("feet",),
}
# Which way each article says the partner's force goes (direction words, client's terms).
DIRECTIONS = {
    "seated-thoracic-flexion": {"elbow": "forward and down", "upper_back": "down and forward"},
    "seated-thoracic-rotation": {"shoulder": "forward", "hip": "backward"},
    "seated-lat-reach-pull": {"hand": "forward and slightly up", "lower_back": "forward"},
    "standing-chest-opener": {"elbow": "backward"},
    "seated-thoracic-extension": {"upper_back": "up and slightly forward"},
    "supine-thoracic-rotation": {"knee": "down", "shoulder": "down"},
    "seated-lower-back-flexion": {"hand": "forward", "foot": "backward"},
    "standing-backbend-assist": {"lower_back": "up and forward"},
}
PARTNER_POSTURES = {
    "seated-thoracic-flexion": "kneeling",
    "seated-thoracic-rotation": "kneeling",
    "seated-lat-reach-pull": "kneeling",
    "standing-chest-opener": "standing",
    "seated-thoracic-extension": "kneeling",
    "supine-thoracic-rotation": "kneeling",
    "seated-lower-back-flexion": "seated",
    "standing-backbend-assist": "standing",
}


def _kind(part: str) -> str:
    return part.removeprefix("left_").removeprefix("right_")


def _pose(stretch: Stretch) -> Pose:
    assert stretch.pose is not None, stretch.id
    return stretch.pose


def _said(stretch: Stretch, contact: Contact) -> str:
    if contact.said_in == "partner position":
        return stretch.partner_position
    return stretch.steps[int(contact.said_in.removeprefix("step ")) - 1]


@pytest.mark.parametrize("stretch_id", IDS)
def test_every_stretch_has_a_pose_with_both_people_in_both_positions(
    catalog: Catalog, stretch_id: str
) -> None:
    """Each of the 8 stretches has a pose: a view, every joint of client and partner at the
    start and in the stretch, and at least one contact."""
    pose = _pose(catalog.stretch(stretch_id))
    assert pose.view in ("side", "back")
    for figure in (pose.client, pose.partner):
        for phase in PHASES:
            assert [name for name, _ in figure.phase(phase).joints] == list(JOINTS)
    assert pose.contacts
    assert pose.source == "stretchkit"


@pytest.mark.parametrize("stretch_id", IDS)
def test_the_clients_posture_is_the_stretchs_own_position(
    catalog: Catalog, stretch_id: str
) -> None:
    """The client sits, lies or stands as the catalog says, in both positions; the same
    postures would not pass for the other two positions."""
    stretch = catalog.stretch(stretch_id)
    pose = _pose(stretch)
    assert pose.client.posture == stretch.position
    others = {"seated", "supine", "standing"} - {stretch.position}
    for phase in PHASES:
        posture = pose.client.phase(phase)
        assert posture_problem(stretch.position, posture) == ""
        assert all(posture_problem(other, posture) for other in others), phase


@pytest.mark.parametrize("stretch_id", IDS)
def test_the_partner_kneels_stands_or_sits_as_the_article_allows(
    catalog: Catalog, stretch_id: str
) -> None:
    """The partner's posture is one the article names in the partner's position, and the
    drawing keeps to it (a knee on the floor when kneeling, a foot when standing)."""
    stretch = catalog.stretch(stretch_id)
    pose = _pose(stretch)
    expected = PARTNER_POSTURES[stretch_id]
    assert pose.partner.posture == expected
    word = {"kneeling": "kneel", "standing": "stand", "seated": "sit"}[expected]
    assert word in stretch.partner_position.lower() or word in " ".join(stretch.steps).lower()
    for phase in PHASES:
        assert posture_problem(expected, pose.partner.phase(phase)) == ""


@pytest.mark.parametrize("stretch_id", IDS)
def test_the_contacts_are_those_the_articles_steps_name(catalog: Catalog, stretch_id: str) -> None:
    """The partner's hands, knees and feet touch exactly the parts the article names, each
    cited to a step (or the partner's position) that names that part."""
    stretch = catalog.stretch(stretch_id)
    pose = _pose(stretch)
    required, optional = CONTACTS[stretch_id]
    made = sorted((_kind(c.by_part), _kind(c.on_part)) for c in pose.contacts if not c.optional)
    extra = sorted((_kind(c.by_part), _kind(c.on_part)) for c in pose.contacts if c.optional)
    assert made == sorted(required)
    assert extra == sorted(optional)
    for contact in pose.contacts:
        said = _said(stretch, contact).lower()
        assert any(word in said for word in PART_WORDS[_kind(contact.on_part)]), contact


def test_the_supine_rotation_has_one_hand_on_the_far_knee_and_one_on_the_shoulder(
    catalog: Catalog,
) -> None:
    """One partner hand on the client's knee furthest from the extended arm, the other on the
    shoulder of the extended arm; the knee is guided down, the shoulder held down."""
    pose = _pose(catalog.stretch("supine-thoracic-rotation"))
    by_part = {_kind(c.on_part): c for c in pose.contacts}
    knee, shoulder = by_part["knee"], by_part["shoulder"]
    assert {_kind(knee.by_part), _kind(shoulder.by_part)} == {"hand"}
    assert knee.by_part != shoulder.by_part  # two different hands
    assert knee.on_part.split("_")[0] != shoulder.on_part.split("_")[0]  # opposite sides
    start = pose.client.start
    arm_side = shoulder.on_part.split("_")[0]
    assert start.at(f"{arm_side}_hand")[1] <= 3  # the extended arm lies on the floor
    assert pose.client.stretched.at(knee.on_part)[1] < start.at(knee.on_part)[1]


@pytest.mark.parametrize("stretch_id", IDS)
def test_each_force_goes_the_way_the_article_says(catalog: Catalog, stretch_id: str) -> None:
    """The direction of every force, in the client's terms, is the article's."""
    pose = _pose(catalog.stretch(stretch_id))
    for contact in pose.contacts:
        assert direction_text(pose, contact) == DIRECTIONS[stretch_id][_kind(contact.on_part)]


@pytest.mark.parametrize("stretch_id", IDS)
def test_every_contact_touches_in_both_positions(catalog: Catalog, stretch_id: str) -> None:
    """In the drawing, the partner's part sits on the client's part at the start and in the
    stretch (an optional contact excepted)."""
    pose = _pose(catalog.stretch(stretch_id))
    for contact in pose.contacts:
        assert contact.by_part in CONTACT_PARTS
        if contact.optional:
            continue
        for phase in PHASES:
            by = pose.partner.phase(phase).at(contact.by_part)
            on = pose.client.phase(phase).at(contact.on_part)
            assert abs(by[0] - on[0]) + abs(by[1] - on[1]) <= 10, (phase, contact)


@pytest.mark.parametrize("stretch_id", IDS)
def test_the_text_alternative_says_each_contact_and_every_step(
    catalog: Catalog, stretch_id: str
) -> None:
    """The alt text names the stretch, who is where, each contact with its force and cites
    every step in order."""
    stretch = catalog.stretch(stretch_id)
    pose = _pose(stretch)
    text = pose_alt_text(stretch)
    assert text.startswith(stretch.name)
    assert "client (filled figure)" in text and "partner (outlined figure)" in text
    for contact in pose.contacts:
        assert contact_text(pose, contact) in text
    positions = [text.index(f"{n}. {step}") for n, step in enumerate(stretch.steps, 1)]
    assert positions == sorted(positions)


def test_stretchkits_reading_of_the_poses_is_listed(catalog: Catalog) -> None:
    """The joint angles are stretchkit's own reading, and its readings guideline says so."""
    said = " ".join(catalog.guideline("stretchkit-readings").items)
    assert "Pictures of each stretch" in said and "joint angles" in said
    assert catalog.sources["stretchkit"].kind == "own-reading"


# --- A malformed pose is refused, naming the stretch and the field ---------------------------


@pytest.fixture(scope="module")
def raw() -> Raw:
    with catalog_path().open("rb") as f:
        return tomllib.load(f)


def _pose_of(data: Raw, stretch_id: str) -> Raw:
    stretch = next(s for s in data["stretches"] if s["id"] == stretch_id)
    pose: Raw = stretch["pose"]
    return pose


def _bad_contact_part(d: Raw) -> None:
    _pose_of(d, "supine-thoracic-rotation")["contacts"][0]["by"] = "partner.elbow"


def _bad_client_part(d: Raw) -> None:
    _pose_of(d, "supine-thoracic-rotation")["contacts"][0]["on"] = "client.tail"


def _floating_stand(d: Raw) -> None:
    start = _pose_of(d, "standing-chest-opener")["client"]["start"]
    for joint, (x, y) in start.items():
        start[joint] = [x, y + 10]


def _floating_partner(d: Raw) -> None:
    start = _pose_of(d, "standing-backbend-assist")["partner"]["stretched"]
    for joint, (x, y) in start.items():
        start[joint] = [x, y + 8]


def _seated_as_supine(d: Raw) -> None:
    pose = _pose_of(d, "supine-thoracic-rotation")
    pose["client"]["start"] = copy.deepcopy(
        _pose_of(d, "seated-thoracic-flexion")["client"]["start"]
    )


def _missing_joint(d: Raw) -> None:
    _pose_of(d, "seated-thoracic-flexion")["client"]["stretched"].pop("left_knee")


def _unknown_joint(d: Raw) -> None:
    _pose_of(d, "seated-thoracic-flexion")["partner"]["start"]["tail"] = [0, 0]


def _hand_away(d: Raw) -> None:
    hand = _pose_of(d, "seated-thoracic-flexion")["partner"]["stretched"]["right_hand"]
    hand[0] -= 20


def _zero_push(d: Raw) -> None:
    _pose_of(d, "seated-thoracic-flexion")["contacts"][0]["push"] = [0, 0]


def _step_too_far(d: Raw) -> None:
    _pose_of(d, "seated-thoracic-flexion")["contacts"][0]["said_in"] = "step 9"


def _unknown_view(d: Raw) -> None:
    _pose_of(d, "seated-thoracic-flexion")["view"] = "top"


def _no_pose(d: Raw) -> None:
    next(s for s in d["stretches"] if s["id"] == "seated-thoracic-flexion").pop("pose")


def _below_floor(d: Raw) -> None:
    _pose_of(d, "seated-thoracic-flexion")["client"]["start"]["head"] = [0, -5]


BROKEN: list[tuple[str, Callable[[Raw], None], str, str, str]] = [
    ("contact by no body part", _bad_contact_part, "supine-thoracic-rotation", "by", "elbow"),
    ("contact on no body part", _bad_client_part, "supine-thoracic-rotation", "on", "tail"),
    (
        "standing client off the floor",
        _floating_stand,
        "standing-chest-opener",
        "pose.client.start",
        "a standing posture needs a foot on the floor",
    ),
    (
        "standing partner off the floor",
        _floating_partner,
        "standing-backbend-assist",
        "pose.partner.stretched",
        "a standing posture needs a foot on the floor",
    ),
    (
        "supine client drawn seated",
        _seated_as_supine,
        "supine-thoracic-rotation",
        "pose.client.start",
        "supine posture",
    ),
    (
        "missing joint",
        _missing_joint,
        "seated-thoracic-flexion",
        "pose.client.stretched.left_knee",
        "missing",
    ),
    ("unknown joint", _unknown_joint, "seated-thoracic-flexion", "pose.partner.start", "tail"),
    ("hand off its contact", _hand_away, "seated-thoracic-flexion", "pose.contacts", "away"),
    ("no direction", _zero_push, "seated-thoracic-flexion", "push", "not zero"),
    ("step out of range", _step_too_far, "seated-thoracic-flexion", "said_in", "step 9"),
    ("unknown view", _unknown_view, "seated-thoracic-flexion", "pose.view", "top"),
    ("no pose", _no_pose, "seated-thoracic-flexion", "pose", "missing"),
    ("below the floor", _below_floor, "seated-thoracic-flexion", "pose.client.start", "floor"),
]


@pytest.mark.parametrize(
    ("case", "edit", "stretch_id", "field", "problem"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_a_malformed_pose_fails_naming_the_stretch_and_the_field(
    tmp_path: Path,
    raw: Raw,
    case: str,
    edit: Callable[[Raw], None],
    stretch_id: str,
    field: str,
    problem: str,
) -> None:
    """Each defect is reported with the file, the stretch id, the field and the problem."""
    data = copy.deepcopy(raw)
    edit(data)
    path = tmp_path / "catalog.toml"
    path.write_text(dumps(data))
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    message = str(caught.value)
    assert str(path) in message and f"stretch '{stretch_id}'" in message
    assert field in message and problem in message, message


def test_a_contact_refuses_a_part_that_is_not_a_hand_knee_or_foot() -> None:
    """The value itself checks that the partner touches with a hand, knee or foot."""
    with pytest.raises(ValidationError, match="by: must name a body part of the partner"):
        Contact("partner.left_elbow", "client.upper_back", (1.0, 0.0), "push", "step 1")
