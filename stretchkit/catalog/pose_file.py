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


def _point(e: Entry, field: str, value: object) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise e.fail(field, f"must be [x, y], got {value!r}")
    return (_number(e, field, value[0]), _number(e, field, value[1]))


def _table(e: Entry, field: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise e.fail(field, f"must be a table, got {value!r}")
    return value


def _posture(e: Entry, field: str, value: object, kind: str) -> Posture:
    data = _table(e, field, value)
    unknown = sorted(set(data) - set(JOINTS))
    if unknown:
        raise e.fail(field, f"names no body part: {unknown[0]!r} (known: {', '.join(JOINTS)})")
    missing = [j for j in JOINTS if j not in data]
    if missing:
        raise e.fail(f"{field}.{missing[0]}", "missing")
    joints = tuple((j, _point(e, f"{field}.{j}", data[j])) for j in JOINTS)
    try:
        posture = Posture(joints)
    except StretchkitError as error:
        raise e.fail(field, str(error)) from None
    problem = posture_problem(kind, posture)
    if problem:
        raise e.fail(field, f"{problem} ({kind})")
    return posture


def _figure(e: Entry, who: str, data: Mapping[str, Any], position: str) -> PoseFigure:
    field = f"pose.{who}"
    table = _table(e, field, data.get(who))
    if who == "client":
        kind = position
    else:
        kind = str(table.get("posture", ""))
        if kind not in PARTNER_POSTURES:
            known = ", ".join(PARTNER_POSTURES)
            raise e.fail(f"{field}.posture", f"unknown value {kind!r} (known: {known})")
    near = table.get("near")
    if near not in SIDES:
        raise e.fail(f"{field}.near", f"must be 'left' or 'right', got {near!r}")
    start, stretched = (_posture(e, f"{field}.{phase}", table.get(phase), kind) for phase in PHASES)
    return PoseFigure(kind, cast(Any, near), start, stretched)


def _said_in(e: Entry, field: str, value: object, steps: int) -> str:
    if value == "partner position":
        return value
    if isinstance(value, str) and value.startswith("step "):
        number = value.removeprefix("step ")
        if number.isdigit() and 1 <= int(number) <= steps:
            return value
    raise e.fail(field, f"must be 'partner position' or 'step 1'-'step {steps}', got {value!r}")


def _contact(e: Entry, index: int, value: object, steps: int) -> Contact:
    field = f"pose.contacts[{index + 1}]"
    data = _table(e, field, value)
    action = data.get("action")
    if action not in CONTACT_ACTIONS:
        known = ", ".join(CONTACT_ACTIONS)
        raise e.fail(f"{field}.action", f"unknown value {action!r} (known: {known})")
    optional = data.get("optional", False)
    if not isinstance(optional, bool):
        raise e.fail(f"{field}.optional", f"must be true or false, got {optional!r}")
    try:
        return Contact(
            by=str(data.get("by", "")),
            on=str(data.get("on", "")),
            push=_point(e, f"{field}.push", data.get("push")),
            action=cast(Any, action),
            said_in=_said_in(e, f"{field}.said_in", data.get("said_in"), steps),
            optional=optional,
        )
    except StretchkitError as error:
        if isinstance(error, CatalogError):
            raise
        raise e.fail(field, str(error)) from None


def parse_pose(e: Entry, position: str, steps: int, sources: Mapping[str, object]) -> Pose:
    """The stretch's pose, checked against its position and its number of steps."""
    data = e.get("pose", dict)
    view = data.get("view")
    if view not in VIEWS:
        raise e.fail("pose.view", f"unknown value {view!r} (known: {', '.join(VIEWS)})")
    source = data.get("source")
    if source not in sources:
        raise e.fail("pose.source", f"unknown source {source!r}")
    contacts = data.get("contacts")
    if not isinstance(contacts, list) or not contacts:
        raise e.fail("pose.contacts", "must list at least one contact")
    client = _figure(e, "client", data, position)
    partner = _figure(e, "partner", data, position)
    parsed = tuple(_contact(e, i, c, steps) for i, c in enumerate(contacts))
    note = data.get("note", "")
    if not isinstance(note, str):
        raise e.fail("pose.note", f"must be text, got {note!r}")
    try:
        return Pose(cast(Any, view), client, partner, parsed, cast(str, source), note)
    except StretchkitError as error:
        raise e.fail("pose.contacts", str(error)) from None
