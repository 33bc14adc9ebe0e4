"""Reading a stretch's pose from the catalog file: every defect names the stretch and the field.

Beyond the shape of the data, a pose must agree with its stretch: the client's posture in
both positions is the stretch's own position (seated, supine or standing), the partner's is
the posture it names (a standing person has a foot on the floor, a kneeling one a knee), and
every contact cites a step the stretch has.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, cast

from stretchkit.catalog.entry import Entry
from stretchkit.catalog.pose import (
    CONTACT_ACTIONS,
    JOINTS,
    PARTNER_POSTURES,
    PHASES,
    SIDES,
    VIEWS,
    Contact,
    Pose,
    PoseFigure,
    Posture,
)
from stretchkit.errors import CatalogError, StretchkitError

__all__ = ["parse_pose", "posture_problem"]

_LOW = 14.0
"""How high (body units) the pelvis of someone sitting or lying on the floor may be."""


def _low(posture: Posture, *joints: str) -> bool:
    return all(posture.at(j)[1] <= _LOW for j in joints)


def _above_knees(posture: Posture) -> bool:
    pelvis = posture.at("pelvis")[1]
    return all(pelvis > posture.at(f"{s}_knee")[1] + 5 for s in SIDES)


def posture_problem(kind: str, posture: Posture) -> str:
    """What is wrong with `posture` for a person who is `kind` ('' when nothing is)."""
    feet = ("left_foot", "right_foot", "left_ankle", "right_ankle")
    if kind == "standing" and not posture.on_floor(*feet):
        return "a standing posture needs a foot on the floor"
    if kind == "standing" and not _above_knees(posture):
        return "a standing posture has the pelvis above the knees"
    if kind == "kneeling" and not posture.on_floor("left_knee", "right_knee"):
        return "a kneeling posture needs a knee on the floor"
    if kind == "seated" and not (_low(posture, "pelvis") and posture.at("head")[1] > _LOW + 20):
        return "a seated posture has the pelvis on the floor and the head well above it"
    if kind == "supine" and not _low(posture, "pelvis", "upper_back", "head"):
        return "a supine posture has the back and head on the floor"
    return ""


def _number(e: Entry, field: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise e.fail(field, f"must be a number, got {value!r}")
    return float(value)


def _point(e: Entry, field: str) -> tuple[float, float]:
    if field not in e.data:
        raise e.fail(field, "missing")
    value = e.data[field]
    if not isinstance(value, list) or len(value) != 2:
        raise e.fail(field, f"must be [x, y], got {value!r}")
    return (_number(e, field, value[0]), _number(e, field, value[1]))


def _posture(figure: Entry, phase: str, kind: str) -> Posture:
    table = figure.within(phase)
    unknown = sorted(set(table.data) - set(JOINTS))
    if unknown:
        known = ", ".join(JOINTS)
        raise figure.fail(phase, f"names no body part: {unknown[0]!r} (known: {known})")
    missing = [j for j in JOINTS if j not in table.data]
    if missing:
        raise table.fail(missing[0], "missing")
    joints = tuple((j, _point(table, j)) for j in JOINTS)
    try:
        posture = Posture(joints)
    except StretchkitError as error:
        raise figure.fail(phase, str(error)) from None
    problem = posture_problem(kind, posture)
    if problem:
        raise figure.fail(phase, f"{problem} ({kind})")
    return posture


def _figure(pose: Entry, who: str, position: str) -> PoseFigure:
    figure = pose.within(who)
    kind = position if who == "client" else figure.choice("posture", PARTNER_POSTURES)
    near = figure.choice("near", SIDES)
    start, stretched = (_posture(figure, phase, kind) for phase in PHASES)
    return PoseFigure(kind, cast(Any, near), start, stretched)


def _said_in(contact: Entry, steps: int) -> str:
    value = contact.text("said_in")
    if value == "partner position":
        return value
    if value.startswith("step "):
        number = value.removeprefix("step ")
        if number.isdigit() and 1 <= int(number) <= steps:
            return value
    expected = f"must be 'partner position' or 'step 1'-'step {steps}', got {value!r}"
    raise contact.fail("said_in", expected)


def _contact(pose: Entry, index: int, contact: Entry, steps: int) -> Contact:
    try:
        return Contact(
            by=contact.text("by"),
            on=contact.text("on"),
            push=_point(contact, "push"),
            action=cast(Any, contact.choice("action", CONTACT_ACTIONS)),
            said_in=_said_in(contact, steps),
            optional=contact.get("optional", bool, False),
        )
    except StretchkitError as error:
        if isinstance(error, CatalogError):
            raise
        raise pose.fail(f"contacts[{index + 1}]", str(error)) from None


def parse_pose(e: Entry, position: str, steps: int, sources: Mapping[str, object]) -> Pose:
    """The stretch's pose, checked against its position and its number of steps: every field
    is checked for its type before it is used, so any wrong value is an error naming it."""
    pose = e.within("pose")
    view = pose.choice("view", VIEWS)
    source = pose.choice("source", sources)
    contacts = pose.items_within("contacts")
    if not contacts:
        raise pose.fail("contacts", "must list at least one contact")
    client = _figure(pose, "client", position)
    partner = _figure(pose, "partner", position)
    parsed = tuple(_contact(pose, i, c, steps) for i, c in enumerate(contacts))
    note = pose.text("note", optional=True)
    try:
        return Pose(cast(Any, view), client, partner, parsed, source, note)
    except StretchkitError as error:
        raise pose.fail("contacts", str(error)) from None
