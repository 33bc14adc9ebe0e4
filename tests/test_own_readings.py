"""The Library's list of stretchkit's own readings and defaults names every figure the code
uses where the articles give none, with the figure the code uses (so the two cannot drift)."""

from __future__ import annotations

import pytest

from stretchkit.catalog import Catalog
from stretchkit.planning.prescription import DEFAULT_REST_S
from stretchkit.planning.timeline import PhaseTimes
from stretchkit.progress.back_feel import PAIN_THRESHOLD
from stretchkit.session.log import SENSATION_WORDS
from stretchkit.session.targets import (
    MIN_DAYS_APART,
    SESSIONS_TO_PROGRESS,
    SPACING_TEXT,
    STEP_S,
    TOLERABLE,
    TOO_INTENSE,
)

TIMES = PhaseTimes()
FIGURES = [
    ("Tolerable", f"stays at {TOLERABLE}/10 or below"),
    ("Too intense", f"rated {TOO_INTENSE}/10 or more eases off"),
    ("Too intense", f"remaining holds by {STEP_S} s at once"),
    ("Too intense", f"next target comes down by {STEP_S} s"),
    ("Painful", f"rated {TOO_INTENSE + 1} or 10 counts as pain"),
    ("Sensation scale", f"{TOO_INTENSE} too intense, {TOO_INTENSE + 1}-10 painful"),
    ("Back pain before a session", f"above {PAIN_THRESHOLD}/10"),
    ("Progression", f"goes up by {STEP_S} s after {SESSIONS_TO_PROGRESS} completed sessions"),
    ("Progression", f"on different days at least {MIN_DAYS_APART} days apart"),
    ("Progression", f"comes down by {STEP_S} s"),
    ("Session timer", f"{TIMES.get_ready_s} s to get ready before each stretch"),
    ("Session timer", f"{TIMES.release_s} s to release after each hold"),
    ("Session timer", f"{DEFAULT_REST_S} s of rest"),
]


def _item(catalog: Catalog, label: str) -> str:
    """The one item of the own-readings list that starts with `label`."""
    items = catalog.guideline("stretchkit-readings").items
    found = [i for i in items if i.startswith(f"{label}:")]
    assert len(found) == 1, label
    return found[0]


@pytest.mark.parametrize(("label", "said"), FIGURES, ids=[f"{lab}: {s}" for lab, s in FIGURES])
def test_each_own_figure_is_listed_as_the_code_uses_it(
    catalog: Catalog, label: str, said: str
) -> None:
    """The list gives each figure the way the code's constant sets it."""
    assert said in _item(catalog, label)


def test_the_sensation_bands_below_too_intense_are_listed_as_the_log_names_them(
    catalog: Catalog,
) -> None:
    """0 nothing, 1-3 mild, 4-6 moderate, 7 strong: the log's own words and ranges."""
    scale = _item(catalog, "Sensation scale")
    bands = [(low, word) for low, word in SENSATION_WORDS if low < TOO_INTENSE]
    ends = [low - 1 for low, _ in bands[1:]] + [TOO_INTENSE - 1]
    for (low, word), high in zip(bands, ends, strict=True):
        assert (f"{low}-{high} {word}" if high > low else f"{low} {word}") in scale


def test_the_trainers_reason_and_the_list_say_the_same_spacing(catalog: Catalog) -> None:
    """The reason text's spacing names the same days apart, as stretchkit's own default."""
    assert f"at least {MIN_DAYS_APART} days apart" in SPACING_TEXT
    assert SPACING_TEXT.endswith("(stretchkit's own default)")
    assert f"at least {MIN_DAYS_APART} days apart" in _item(catalog, "Progression")


def test_the_list_cites_only_stretchkit(catalog: Catalog) -> None:
    """Every one of these figures is stretchkit's own: the list cites no article."""
    assert catalog.guideline("stretchkit-readings").sources == ("stretchkit",)
