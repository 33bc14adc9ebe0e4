"""How the two people stand, sit or lie in a stretch, and where the partner touches the client.

A pose is a simple 2-D skeleton for each person (named joints, in body units: the floor is at
y = 0 and a standing adult is about 100 units tall), once in the start position and once in
the stretched position, seen from one side; and the contacts: which of the partner's hands,
knees or feet touches which part of the client, and which way the force goes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from stretchkit.errors import ValidationError

__all__ = [
    "BONES",
    "CONTACT_ACTIONS",
    "CONTACT_PARTS",
    "CONTACT_REACH",
    "FLOOR_TOLERANCE",
    "JOINTS",
    "LIMB_JOINTS",
    "PARTNER_POSTURES",
    "PHASES",
    "SIDES",
    "SPINE_JOINTS",
    "VIEWS",
    "WORLD_X",
    "WORLD_Y",
    "Contact",
    "Pose",
    "PoseFigure",
    "Posture",
]

Point = tuple[float, float]
Phase = Literal["start", "stretched"]
Side = Literal["left", "right"]
View = Literal["side", "back"]
Who = Literal["client", "partner"]
Action = Literal["pull", "push", "hold", "lift", "guide", "support", "brace"]

PHASES: tuple[Phase, ...] = ("start", "stretched")
SIDES: tuple[Side, ...] = ("left", "right")
VIEWS: tuple[View, ...] = ("side", "back")
PARTNER_POSTURES = ("standing", "kneeling", "seated")
CONTACT_ACTIONS: tuple[Action, ...] = ("pull", "push", "hold", "lift", "guide", "support", "brace")
SPINE_JOINTS = ("head", "neck", "upper_back", "lower_back", "pelvis")
LIMB_JOINTS = ("shoulder", "elbow", "hand", "hip", "knee", "ankle", "foot")
JOINTS: tuple[str, ...] = (
    *SPINE_JOINTS,
    *(f"{side}_{joint}" for side in SIDES for joint in LIMB_JOINTS),
)
"""Every joint a posture names: the spine from head to pelvis, and both sides' limbs."""
BONES: tuple[tuple[str, str], ...] = (
    ("neck", "upper_back"),
    ("upper_back", "lower_back"),
    ("lower_back", "pelvis"),
    *(
        bone
        for side in SIDES
        for bone in (
            ("neck", f"{side}_shoulder"),
            (f"{side}_shoulder", f"{side}_elbow"),
            (f"{side}_elbow", f"{side}_hand"),
            ("pelvis", f"{side}_hip"),
            (f"{side}_hip", f"{side}_knee"),
            (f"{side}_knee", f"{side}_ankle"),
            (f"{side}_ankle", f"{side}_foot"),
        )
    ),
)
"""The lines of a skeleton, joint to joint (the head is drawn as a circle on the neck)."""
CONTACT_PARTS: tuple[str, ...] = tuple(
    f"{side}_{part}" for side in SIDES for part in ("hand", "knee", "foot")
)
"""The parts of the partner that touch the client in the articles: hands, knees and feet."""
WORLD_X, WORLD_Y = (-80.0, 80.0), (0.0, 110.0)
"""Where a joint may be, in body units (the floor is y = 0)."""
FLOOR_TOLERANCE = 2.0
"""A joint this close to the floor (in body units) rests on it."""
CONTACT_REACH = 7.0
"""A partner's hand, knee or foot this close to the client's part (in body units) touches it."""


def _distance(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


@dataclass(frozen=True)
class Posture:
    """One person's joints in one position, as (joint name, (x, y)) pairs in `JOINTS` order."""

    joints: tuple[tuple[str, Point], ...]

    def __post_init__(self) -> None:
        names = tuple(name for name, _point in self.joints)
        if names != JOINTS:
            missing = [j for j in JOINTS if j not in names]
            raise ValidationError("joints", names, f"must name every joint; missing {missing}")
        for name, (x, y) in self.joints:
            inside = WORLD_X[0] <= x <= WORLD_X[1] and WORLD_Y[0] - 0.5 <= y <= WORLD_Y[1]
            if not (math.isfinite(x) and math.isfinite(y)) or not inside:
                raise ValidationError(
                    name, (x, y), f"must lie within x {WORLD_X} and above the floor (y >= 0)"
                )

    def at(self, joint: str) -> Point:
        """The position of one joint; an unknown name raises an error naming it."""
        for name, point in self.joints:
            if name == joint:
                return point
        raise ValidationError("joint", joint, f"no such joint (known: {', '.join(JOINTS)})")

    def on_floor(self, *joints: str) -> bool:
        """Whether any of the joints rests on the floor."""
        return any(self.at(j)[1] <= FLOOR_TOLERANCE for j in joints)

    def points(self) -> tuple[Point, ...]:
        """Every joint's position."""
        return tuple(point for _name, point in self.joints)


@dataclass(frozen=True)
class PoseFigure:
    """One person of a pose: how they are placed, which side faces the viewer, and their
    posture at the start and in the stretch."""

    posture: str
    near: Side
    start: Posture
    stretched: Posture

    def phase(self, phase: Phase) -> Posture:
        """The posture at the start or in the stretch."""
        return self.start if phase == "start" else self.stretched


def _part(field: str, value: str, who: Who, parts: tuple[str, ...]) -> str:
    person, _, part = value.partition(".")
    if person != who or part not in parts:
        known = ", ".join(f"{who}.{p}" for p in parts)
        raise ValidationError(field, value, f"must name a body part of the {who} ({known})")
    return part


@dataclass(frozen=True)
class Contact:
    """Where one of the partner's hands, knees or feet touches the client, and the force it
    gives: `push` is the direction of the force on the client, in the drawing's x and y.
    `said_in` names where the article says so ('step 2', 'partner position'); an `optional`
    contact is one the article says the partner can add."""

    by: str
    on: str
    push: Point
    action: Action
    said_in: str
    optional: bool = False

    def __post_init__(self) -> None:
        _part("by", self.by, "partner", CONTACT_PARTS)
        _part("on", self.on, "client", JOINTS)
        dx, dy = self.push
        if not (math.isfinite(dx) and math.isfinite(dy)) or math.hypot(dx, dy) < 1e-6:
            raise ValidationError("push", self.push, "must be a direction [dx, dy], not zero")
        if self.action not in CONTACT_ACTIONS:
            raise ValidationError("action", self.action, f"known: {', '.join(CONTACT_ACTIONS)}")

    @property
    def by_part(self) -> str:
        """The partner's joint, e.g. 'left_hand'."""
        return self.by.partition(".")[2]

    @property
    def on_part(self) -> str:
        """The client's joint, e.g. 'upper_back'."""
        return self.on.partition(".")[2]

    @property
    def direction(self) -> Point:
        """The push as a unit vector."""
        dx, dy = self.push
        length = math.hypot(dx, dy)
        return (dx / length, dy / length)


def _check_touching(contact: Contact, client: PoseFigure, partner: PoseFigure) -> None:
    for phase in PHASES:
        by = partner.phase(phase).at(contact.by_part)
        on = client.phase(phase).at(contact.on_part)
        if _distance(by, on) > CONTACT_REACH:
            raise ValidationError(
                f"contacts ({contact.by} on {contact.on})",
                (by, on),
                f"the {phase} posture puts the partner's {contact.by_part.replace('_', ' ')} "
                f"{_distance(by, on):.0f} units away from the client's "
                f"{contact.on_part.replace('_', ' ')} (at most {CONTACT_REACH:g})",
            )


@dataclass(frozen=True)
class Pose:
    """Both people of a stretch in the start and the stretched position, seen from the
    `view` that shows the action best, with the partner's contacts. The postures' exact
    angles are `source`'s reading (the articles say where the hands go, not the angles)."""

    view: View
    client: PoseFigure
    partner: PoseFigure
    contacts: tuple[Contact, ...]
    source: str
    note: str = ""

    def __post_init__(self) -> None:
        if self.view not in VIEWS:
            raise ValidationError("view", self.view, f"known: {', '.join(VIEWS)}")
        if not any(not c.optional for c in self.contacts):
            raise ValidationError("contacts", self.contacts, "the partner must touch the client")
        for contact in self.contacts:
            if not contact.optional:
                _check_touching(contact, self.client, self.partner)

    def figure(self, who: Who) -> PoseFigure:
        """The client's or the partner's figure."""
        return self.client if who == "client" else self.partner
