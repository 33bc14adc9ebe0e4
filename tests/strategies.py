"""Hypothesis strategies for stretchkit values."""

from __future__ import annotations

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

BODY_PARTS = sorted(default_catalog().body_parts)
FLAGS = (
    "acute_pain",
    "severe_pain",
    "osteoporosis",
    "spinal_fusion",
    "disc_herniation",
    "severe_spinal_condition",
    "hypermobility",
    "numbness_tingling",
    "lower_back_pain",
    "hamstring_tightness",
    "contraindicated_by_professional",
)
"""Intake fields that each add one contraindication when set to True."""

injuries = st.builds(Injury, st.sampled_from(BODY_PARTS), st.sampled_from(INJURY_KINDS))


@st.composite
def intakes(draw: st.DrawFn) -> Intake:
    """Any valid intake, dated between 2020 and today."""
    taken_on = draw(st.dates(date(2020, 1, 1), date.today()))
    clearance = draw(
        st.none()
        | st.builds(
            Clearance,
            st.dates(date(2019, 1, 1), taken_on),
            st.lists(st.sampled_from(CLEARABLE), min_size=1, unique=True).map(tuple),
        )
    )
    flags = {flag: draw(st.booleans()) for flag in FLAGS}
    return Intake(
        taken_on=taken_on,
        age=draw(st.integers(MIN_AGE, MAX_AGE)),
        parq=tuple(draw(st.lists(st.booleans(), min_size=7, max_size=7))),
        injuries=tuple(draw(st.lists(injuries, max_size=3))),
        recent_surgery=draw(st.none() | st.sampled_from(SURGERY_SITES)),
        pregnancy_trimester=draw(st.none() | st.integers(1, 3)),
        reduced_flexibility=draw(st.booleans()),
        warm_up_possible=draw(st.booleans()),
        clearance=clearance,
        **flags,
    )
