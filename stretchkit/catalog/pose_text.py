"""A stretch's pose in words: where each of the partner's hands, knees or feet goes and which
way it pushes, and the text alternative of its picture (built from the contacts and steps)."""

from __future__ import annotations

from stretchkit.catalog.model import Stretch
from stretchkit.catalog.pose import Contact, Pose
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import DEFAULT_LANGUAGE, N_, _, current_language

__all__ = ["contact_text", "direction_text", "place_text", "pose_alt_text"]

_VERBS = {
    "pull": "pulls",
    "push": "pushes",
    "hold": "holds",
    "lift": "lifts",
    "guide": "guides",
    "support": "supports",
    "brace": "braces",
}
_CLIENT = {"seated": "sits on the floor", "supine": "lies on their back", "standing": "stands"}
_PARTNER = {"seated": "sits", "kneeling": "kneels", "standing": "stands"}
_SLIGHT = 0.5
"""A direction's smaller part is 'slight' below this share of its larger part."""


def _words(part: str) -> str:
    return part.replace("_", " ")


def _horizontal(pose: Pose, dx: float) -> str:
    """'forward' or 'backward' for the client, or 'towards the head/feet' when lying down."""
    client = pose.client.start
    if pose.client.posture == "supine":
        head_ahead = client.at("head")[0] > client.at("pelvis")[0]
        return "towards the head" if (dx > 0) == head_ahead else "towards the feet"
    facing = 1.0 if pose.client.near == "right" else -1.0
    return "forward" if dx * facing > 0 else "backward"


def direction_text(pose: Pose, contact: Contact) -> str:
    """Which way the force goes, in the client's terms: 'forward and slightly down'."""
    dx, dy = contact.direction
    parts = []
    for size, word in (
        (abs(dx), _horizontal(pose, dx)),
        (abs(dy), "up" if dy > 0 else "down"),
    ):
        if size >= 0.2:
            parts.append((size, word))
    parts.sort(key=lambda p: -p[0])
    if len(parts) == 2 and parts[1][0] < _SLIGHT * parts[0][0]:
        return f"{parts[0][1]} and slightly {parts[1][1]}"
    return " and ".join(word for _size, word in parts)


def contact_text(pose: Pose, contact: Contact) -> str:
    """One contact as a sentence: "The partner's right hand on the client's upper back
    pushes forward and down (step 2)."."""
    where = "the partner's position" if contact.said_in == "partner position" else contact.said_in
    sentence = (
        f"the partner's {_words(contact.by_part)} on the client's {_words(contact.on_part)} "
        f"{_VERBS[contact.action]} {direction_text(pose, contact)} ({where})."
    )
    return f"Optionally, {sentence}" if contact.optional else sentence[0].upper() + sentence[1:]


def place_text(pose: Pose) -> str:
    """Where the partner is, seen from the client: behind, in front or beside."""
    client, partner = pose.client.start, pose.partner.start
    if pose.client.posture == "supine":
        return "beside the client"
    facing = 1.0 if pose.client.near == "right" else -1.0
    ahead = (partner.at("pelvis")[0] - client.at("pelvis")[0]) * facing > 0
    return "in front of the client, facing them" if ahead else "behind the client"


_SHOWN_IN_WORDS = {
    ("start", "stretched"): N_("Left: the start position; right: the stretch."),
    ("start",): N_("The start position."),
    ("stretched",): N_("The stretch."),
}


def _translated_alt(stretch: Stretch, pose: Pose, phases: tuple[str, ...]) -> str:
    """The text alternative in the current language: who is which figure and the steps
    (which say where each hand goes), in stretchkit's translation."""
    view = _("drawn from the side") if pose.view == "side" else _("drawn from behind")
    shown = _(_SHOWN_IN_WORDS[phases]) if phases in _SHOWN_IN_WORDS else ""
    steps = " ".join(f"{n}. {catalog_text(step)}" for n, step in enumerate(stretch.steps, 1))
    said = _(
        "{stretch}, {view}. {shown} The client is the filled figure, the partner the outlined "
        "one. Steps: {steps}"
    )
    return said.format(stretch=catalog_text(stretch.name), view=view, shown=shown, steps=steps)


_SHOWN = {
    ("start", "stretched"): "Left: the start position; right: the stretch.",
    ("start",): "The start position.",
    ("stretched",): "The stretch.",
}


def pose_alt_text(stretch: Stretch, phases: tuple[str, ...] = ("start", "stretched")) -> str:
    """The picture's text alternative: who is where, each contact and force, and the steps."""
    pose = stretch.pose
    if pose is None:
        return _("{stretch}: no picture.").format(stretch=catalog_text(stretch.name))
    if current_language() != DEFAULT_LANGUAGE:
        return _translated_alt(stretch, pose, phases)
    view = "from the side" if pose.view == "side" else "from behind"
    steps = " ".join(f"{n}. {step}" for n, step in enumerate(stretch.steps, 1))
    contacts = " ".join(contact_text(pose, c) for c in pose.contacts)
    return (
        f"{stretch.name}, drawn {view}. {_SHOWN.get(phases, '')} "
        f"The client (filled figure) {_CLIENT[pose.client.posture]}; the partner (outlined "
        f"figure) {_PARTNER[pose.partner.posture]} {place_text(pose)}. {contacts} "
        f"Steps: {steps}"
    )
