"""Nothing is answered for the client: a screening has no result until every PAR-Q+ question
and every condition is answered yes or no, and says which are still unanswered, by name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.catalog import default_catalog
from stretchkit.errors import StretchkitError
from stretchkit.screening.intake import PARQ_QUESTIONS
from stretchkit.screening.unanswered import (
    CONDITION_QUESTIONS,
    CONTEXT_LABELS,
    UnansweredError,
    require_answered,
    unanswered,
)

CATALOG = default_catalog()
ALL_NO = dict.fromkeys((key for key, _ in CONDITION_QUESTIONS), False) | {"recent_surgery": ""}


def test_a_new_screening_has_every_question_unanswered_by_name() -> None:
    """Nothing given: all seven PAR-Q+ questions and every condition are named."""
    names = unanswered([None] * len(PARQ_QUESTIONS), {}, CATALOG)
    assert names[0] == "PAR-Q+ questions 1, 2, 3, 4, 5, 6, 7"
    assert "Osteoporosis or other bone density issues" in names
    assert "Recent surgery (especially back or hip surgery)" in names
    assert "Pregnancy" in names
    assert "Recent or acute injury (strain, sprain or fracture)" in names
    assert len(names) == 1 + len(CONDITION_QUESTIONS)


def test_every_question_answered_no_is_complete() -> None:
    """'No' is an answer: nothing is left, and nothing is refused."""
    assert unanswered([False] * 7, ALL_NO, CATALOG) == ()
    require_answered([False] * 7, ALL_NO, CATALOG)


def test_the_refusal_names_what_is_left_in_plain_words() -> None:
    """One PAR-Q+ question and pregnancy left: the message names both and says to ask."""
    parq = [False, False, None, False, False, False, False]
    with pytest.raises(UnansweredError) as raised:
        require_answered(parq, {**ALL_NO, "pregnancy": None}, CATALOG)
    assert isinstance(raised.value, StretchkitError)
    assert raised.value.names == ("PAR-Q+ question 3", "Pregnancy")
    assert str(raised.value).startswith("Not answered yet: PAR-Q+ question 3; Pregnancy.")
    assert "Ask the client and answer each yes or no" in str(raised.value)


@given(
    st.lists(st.sampled_from((None, False, True)), min_size=7, max_size=7),
    st.fixed_dictionaries(
        {key: st.sampled_from((None, False, True)) for key, _ in CONDITION_QUESTIONS}
    ),
)
def test_exactly_the_questions_left_unanswered_are_named(
    parq: list[bool | None], conditions: dict[str, bool | None]
) -> None:
    """Whatever was answered: every None is named, nothing answered is, and a screening is
    refused exactly when something is left."""
    names = unanswered(parq, conditions, CATALOG)
    name = {**{c: n.name for c, n in CATALOG.conditions.items()}, **CONTEXT_LABELS}
    left = [name[c] for k, c in CONDITION_QUESTIONS if conditions[k] is None]
    assert [n for n in names if not n.startswith("PAR-Q+")] == left
    parq_left = [str(n) for n, a in enumerate(parq, 1) if a is None]
    assert any(n.startswith("PAR-Q+") for n in names) == bool(parq_left)
    if parq_left:
        assert names[0].endswith(" " + ", ".join(parq_left))
    try:
        require_answered(parq, conditions, CATALOG)
        refused = False
    except UnansweredError:
        refused = True
    assert refused == bool(names)
