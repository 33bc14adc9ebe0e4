"""Hypothesis strategies for stretchkit values."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from hypothesis import strategies as st

from stretchkit.catalog import default_catalog
from stretchkit.intake import (
    CLEARABLE,
    INJURY_KINDS,
    MAX_AGE,
    MIN_AGE,
    SURGERY_SITES,
    Clearance,
    Injury,
    Intake,
)

BOOLEAN_FIELDS = [f.name for f in fields(Intake) if f.type == "bool"]
CONTRAINDICATION_FLAGS = [
    name for name in BOOLEAN_FIELDS if name not in ("reduced_flexibility", "warm_up_possible")
]
"""Intake fields that each add one contraindication when set to True."""

injuries = st.builds(
    Injury,
    body_part=st.sampled_from(sorted(default_catalog().body_parts)),
    kind=st.sampled_from(INJURY_KINDS),
)


@st.composite
def clearances(draw: st.DrawFn, taken_on: date) -> Clearance:
    """A clearance issued on or before the screening date."""
    issued_on = draw(st.dates(min_value=date(2015, 1, 1), max_value=taken_on))
    covers = draw(st.lists(st.sampled_from(CLEARABLE), min_size=1, unique=True))
    return Clearance(issued_on, tuple(covers), draw(st.text(max_size=40)))


@st.composite
def intakes(draw: st.DrawFn) -> Intake:
    """Any valid intake a trainer could record, dated between 2020 and today."""
    taken_on = draw(st.dates(min_value=date(2020, 1, 1), max_value=date.today()))
    return Intake(
        taken_on=taken_on,
        age=draw(st.integers(MIN_AGE, MAX_AGE)),
        parq=tuple(draw(st.lists(st.booleans(), min_size=7, max_size=7))),
        injuries=tuple(draw(st.lists(injuries, max_size=4))),
        recent_surgery=draw(st.none() | st.sampled_from(SURGERY_SITES)),
        pregnancy_trimester=draw(st.none() | st.integers(1, 3)),
        clearance=draw(st.none() | clearances(taken_on)),
        notes=draw(st.text(max_size=200)),
        **{name: draw(st.booleans()) for name in BOOLEAN_FIELDS},
    )
