"""A stretch's pose as shapes: strokes for the bodies, circles for the heads, the partner's
contact marks, force arrows and the client's target area, all in body units (floor at y = 0).

Both panels of a stretch (start, stretched) share one frame, `frame_of`, so the figures keep
their size and place from one panel to the next.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from stretchkit.catalog.model import ROLES, Stretch
from stretchkit.catalog.pose import (
    BONES,
    PHASES,
    SPINE_JOINTS,
    Contact,
    Phase,
    Pose,
    PoseFigure,
    Who,
)
from stretchkit.errors import ValidationError

__all__ = [
    "ARROW_LENGTH",
    "MARK_RADIUS",
    "MUSCLE_BONES",
    "OPTIONAL_LABEL_DROP",
    "Arrow",
    "Frame",
    "Head",
    "Mark",
    "Panel",
    "Shade",
    "Stroke",
    "frame_of",
    "panel_of",
]

Point = tuple[float, float]
Layer = Literal["far", "body", "near"]

ARROW_LENGTH = 13.0
MARK_RADIUS = 2.8
OPTIONAL_LABEL_DROP = 9.0
"""How far below an optional contact its label reaches, in body units."""
_MARGIN = 3.0
_WIDTHS: dict[Who, tuple[float, float, float]] = {
    "client": (7.5, 4.6, 5.8),  # trunk width, limb width, head radius
    "partner": (6.6, 4.2, 5.4),
}
MUSCLE_BONES: dict[str, tuple[tuple[str, str], ...]] = {
    "trapezius": (("neck", "upper_back"),),
    "rhomboids": (("neck", "upper_back"),),
    "pectorals": (("neck", "upper_back"),),
    "intercostals": (("neck", "upper_back"), ("upper_back", "lower_back")),
    "serratus-anterior": (("upper_back", "lower_back"),),
    "latissimus-dorsi": (("neck", "upper_back"), ("upper_back", "lower_back")),
    "erector-spinae": (
        ("neck", "upper_back"),
        ("upper_back", "lower_back"),
        ("lower_back", "pelvis"),
    ),
    "rotatores": (("upper_back", "lower_back"),),
    "multifidus": (("upper_back", "lower_back"), ("lower_back", "pelvis")),
    "obliques": (("upper_back", "lower_back"), ("lower_back", "pelvis")),
    "abdominals": (("upper_back", "lower_back"), ("lower_back", "pelvis")),
    "quadratus-lumborum": (("lower_back", "pelvis"),),
    "gluteals": (("pelvis", "near_hip"),),
    "hip-flexors": (("pelvis", "near_hip"), ("near_hip", "near_knee")),
    "hamstrings": (("near_hip", "near_knee"),),
}
"""Which bones of the client a muscle's shading covers ('near' is the side facing the viewer)."""


@dataclass(frozen=True)
class Stroke:
    """One bone of one person: a line `width` units wide from `a` to `b`."""

    who: Who
    a: Point
    b: Point
    width: float
    layer: Layer


@dataclass(frozen=True)
class Head:
    """One person's head: a circle."""

    who: Who
    centre: Point
    radius: float


@dataclass(frozen=True)
class Shade:
    """Part of the client's target area: an outline around one bone, coloured by role."""

    role: str
    outline: tuple[Point, ...]


@dataclass(frozen=True)
class Mark:
    """Where the partner touches the client; `parts` are the partner's parts that touch."""

    at: Point
    parts: tuple[str, ...]
    optional: bool


@dataclass(frozen=True)
class Arrow:
    """The direction of a force on the client, from `tail` to `tip`."""

    tail: Point
    tip: Point
    optional: bool


@dataclass(frozen=True)
class Frame:
    """The box (in body units) that every panel of a stretch is drawn in."""

    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def aspect(self) -> float:
        """Height over width."""
        return (self.y1 - self.y0) / (self.x1 - self.x0)

    def holds(self, point: Point) -> bool:
        """Whether the point lies inside the frame."""
        x, y = point
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


@dataclass(frozen=True)
class Panel:
    """Everything drawn in one panel (the start or the stretched position)."""

    phase: Phase
    strokes: tuple[Stroke, ...]
    heads: tuple[Head, ...]
    shades: tuple[Shade, ...]
    marks: tuple[Mark, ...]
    arrows: tuple[Arrow, ...]

    def extent(self) -> Iterator[Point]:
        """Every point the panel's shapes reach (stroke widths and head sizes included)."""
        for s in self.strokes:
            for x, y in (s.a, s.b):
                yield from _square((x, y), s.width / 2)
        for h in self.heads:
            yield from _square(h.centre, h.radius)
        for shade in self.shades:
            yield from shade.outline
        for m in self.marks:
            yield from _square(m.at, MARK_RADIUS)
            if m.optional:  # its label, below it
                yield (m.at[0], m.at[1] - OPTIONAL_LABEL_DROP)
        for a in self.arrows:
            yield from (a.tail, *_square(a.tip, 1.5))


def _square(centre: Point, half: float) -> tuple[Point, ...]:
    x, y = centre
    return ((x - half, y - half), (x + half, y + half))


def _pose(stretch: Stretch) -> Pose:
    if stretch.pose is None:
        raise ValidationError("pose", stretch.id, "this stretch has no pose to draw")
    return stretch.pose


def _layer(figure: PoseFigure, a: str, b: str) -> Layer:
    sides = {name.split("_")[0] for name in (a, b) if name.startswith(("left_", "right_"))}
    if not sides:
        return "body"
    return "near" if figure.near in sides else "far"


def _strokes(who: Who, figure: PoseFigure, phase: Phase) -> tuple[Stroke, ...]:
    posture = figure.phase(phase)
    trunk, limb, _head = _WIDTHS[who]
    strokes = []
    for a, b in BONES:
        layer = _layer(figure, a, b)
        width = trunk if layer == "body" else limb
        strokes.append(Stroke(who, posture.at(a), posture.at(b), width, layer))
    return tuple(strokes)


def _head(who: Who, figure: PoseFigure, phase: Phase) -> Head:
    posture = figure.phase(phase)
    return Head(who, posture.at("head"), _WIDTHS[who][2])


def _capsule(a: Point, b: Point, half: float) -> tuple[Point, ...]:
    """An outline `half` units either side of the line a-b, with rounded ends."""
    angle = math.atan2(b[1] - a[1], b[0] - a[0])
    points = []
    for centre, start in ((b, angle - math.pi / 2), (a, angle + math.pi / 2)):
        for step in range(7):
            t = start + math.pi * step / 6
            points.append((centre[0] + half * math.cos(t), centre[1] + half * math.sin(t)))
    return tuple(points)


def _named(joint: str, near: str) -> str:
    return joint.replace("near_", f"{near}_")


def _shades(stretch: Stretch, figure: PoseFigure, phase: Phase) -> tuple[Shade, ...]:
    """The client's target area: the bones of each target muscle. A bone with muscles of
    two roles shows both: the weaker role as a wider band around the stronger one."""
    posture = figure.phase(phase)
    roles: dict[tuple[str, str], list[str]] = {}
    for target in sorted(stretch.targets, key=lambda t: ROLES.index(t.role)):
        for a, b in MUSCLE_BONES.get(target.muscle, ()):
            bone = roles.setdefault((_named(a, figure.near), _named(b, figure.near)), [])
            if target.role not in bone:
                bone.append(target.role)
    trunk, limb, _head = _WIDTHS["client"]
    bands = []
    for (a, b), bone_roles in roles.items():
        width = trunk if a in SPINE_JOINTS and b in SPINE_JOINTS else limb
        for rank, role in enumerate(bone_roles):
            half = width / 2 + 0.9 + 1.8 * rank
            bands.append((-rank, Shade(role, _capsule(posture.at(a), posture.at(b), half))))
    return tuple(shade for _rank, shade in sorted(bands, key=lambda band: band[0]))


def _grouped(pose: Pose, phase: Phase) -> list[tuple[Point, list[Contact]]]:
    """The contacts, those touching the same place with the same force as one."""
    groups: list[tuple[Point, list[Contact]]] = []
    for contact in pose.contacts:
        at = pose.client.phase(phase).at(contact.on_part)
        for place, members in groups:
            same_way = members[0].direction == contact.direction
            if same_way and math.dist(place, at) < 2.5 and members[0].optional == contact.optional:
                members.append(contact)
                break
        else:
            groups.append((at, [contact]))
    return groups


def _arrow(at: Point, contact: Contact) -> Arrow:
    """A pull leads away from the contact point; any other force points into it."""
    dx, dy = contact.direction
    gap, reach = MARK_RADIUS + 0.8, MARK_RADIUS + ARROW_LENGTH
    sign = 1.0 if contact.action == "pull" else -1.0
    near = (at[0] + sign * dx * gap, at[1] + sign * dy * gap)
    far = (at[0] + sign * dx * reach, at[1] + sign * dy * reach)
    tail, tip = (near, far) if contact.action == "pull" else (far, near)
    return Arrow(tail, tip, contact.optional)


def _marks_and_arrows(pose: Pose, phase: Phase) -> tuple[tuple[Mark, ...], tuple[Arrow, ...]]:
    marks, arrows = [], []
    for at, members in _grouped(pose, phase):
        optional = members[0].optional
        marks.append(Mark(at, tuple(c.by_part for c in members), optional))
        if phase == "stretched" or optional:
            arrows.append(_arrow(at, members[0]))
    return tuple(marks), tuple(arrows)


def panel_of(stretch: Stretch, phase: Phase) -> Panel:
    """The shapes of one panel: partner and client, target area, contacts, and (in the
    stretched position) the force arrows."""
    pose = _pose(stretch)
    marks, arrows = _marks_and_arrows(pose, phase)
    return Panel(
        phase=phase,
        strokes=(
            *_strokes("partner", pose.partner, phase),
            *_strokes("client", pose.client, phase),
        ),
        heads=(_head("partner", pose.partner, phase), _head("client", pose.client, phase)),
        shades=_shades(stretch, pose.client, phase),
        marks=marks,
        arrows=arrows,
    )


def frame_of(stretch: Stretch) -> Frame:
    """The one frame both panels are drawn in: everything they show, with a margin, and
    the floor always in view."""
    points = [p for phase in PHASES for p in panel_of(stretch, phase).extent()]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return Frame(min(xs) - _MARGIN, max(xs) + _MARGIN, min(*ys, 0.0) - _MARGIN, max(ys) + _MARGIN)
