"""Every safety note of a planned stretch, worded for whoever reads it.

The session timer's "Watch for", the client's routine card on their dashboard and the
take-home handout all show this one list, so no note of the articles is left off one screen:
the stretch's common mistakes and safety notes, whom it does not suit and how to adapt it (in
the article's words for the trainer, said to "you" for the client), then the client's own
cautions from their screening.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from stretchkit.catalog import Stretch
from stretchkit.i18n import N_, _

__all__ = ["READERS", "SCREENING_LEAD", "Reader", "safety_notes"]

Reader = Literal["trainer", "client"]
READERS: tuple[Reader, ...] = ("trainer", "client")
SCREENING_LEAD: Mapping[Reader, str] = {"trainer": "", "client": N_("From your screening: ")}
"""What goes before a caution of the client's screening, for each reader."""


def safety_notes(stretch: Stretch, cautions: Sequence[str], reader: Reader) -> tuple[str, ...]:
    """The stretch's every safety note, then the screening's `cautions`, each said once, in
    the words of the article for the trainer and to "you" for the client."""
    said = stretch.safety_notes
    if reader == "client":
        said = tuple(stretch.for_client(note) for note in said)
    lead = _(SCREENING_LEAD[reader]) if SCREENING_LEAD[reader] else ""
    return tuple(dict.fromkeys((*said, *(f"{lead}{_(c)}" for c in cautions))))
