"""Nothing is answered for the client: while a screening is being asked, each PAR-Q+ question
and each condition is None until the client answers yes or no, and no intake (so no status)
exists until every one is answered. A stored `Intake` always holds a complete set of answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from stretchkit.catalog import Catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.errors import StretchkitError
from stretchkit.i18n import N_, _, ngettext
from stretchkit.screening.answers import ANSWER_CONDITIONS, WEAKNESS_LABEL
from stretchkit.screening.intake import PARQ_QUESTIONS

__all__ = [
    "CONDITION_QUESTIONS",
    "CONTEXT_LABELS",
    "UnansweredError",
    "require_answered",
    "unanswered",
    "unanswered_text",
]

CONDITION_QUESTIONS: tuple[tuple[str, str], ...] = (
    *ANSWER_CONDITIONS,
    ("weakness", "weakness"),
    ("recent_injury", "recent-injury"),
    ("recent_surgery", "recent-surgery"),
    ("pregnancy", "pregnancy"),
    ("reduced_flexibility", "reduced-flexibility"),
    ("warm_up_possible", "warm-up-possible"),
)
"""Each condition asked yes or no at screening (by its answer key) and the catalog condition it
names: the yes/no conditions, any recent injury, recent surgery ('no', or where), pregnancy,
and the two context answers (reduced flexibility, a possible warm-up)."""
CONTEXT_LABELS = {
    "weakness": WEAKNESS_LABEL,
    "reduced-flexibility": N_("Reduced flexibility"),
    "warm-up-possible": N_("A 5-10 min warm-up is possible"),
}
"""The names of the questions asked that are not catalog conditions (translated where
shown)."""


class UnansweredError(StretchkitError):
    """A screening with questions not answered yet: no intake, no status, nothing saved."""

    field = "unanswered questions"

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names
        super().__init__(unanswered_text(names))


def _parq_names(parq: Sequence[object | None]) -> list[str]:
    """'PAR-Q+ question 3' or 'PAR-Q+ questions 1, 2, 5' for the unanswered ones."""
    numbers = [
        str(n) for n in range(1, len(PARQ_QUESTIONS) + 1) if n > len(parq) or parq[n - 1] is None
    ]
    if not numbers:
        return []
    said = ngettext("PAR-Q+ question {numbers}", "PAR-Q+ questions {numbers}", len(numbers))
    return [said.format(numbers=", ".join(numbers))]


def unanswered(
    parq: Sequence[object | None], conditions: Mapping[str, object | None], catalog: Catalog
) -> tuple[str, ...]:
    """The questions not answered yet, by name in the form's order (in the reader's
    language): a PAR-Q+ answer or a condition that is None (or missing) is unanswered."""
    names = {
        **{c: catalog_text(n.name) for c, n in catalog.conditions.items()},
        **{c: _(label) for c, label in CONTEXT_LABELS.items()},
    }
    return (
        *_parq_names(parq),
        *(
            names[condition] if condition in names else key.replace("_", " ")
            for key, condition in CONDITION_QUESTIONS
            if conditions.get(key) is None
        ),
    )


def unanswered_text(names: Sequence[str]) -> str:
    """'Not answered yet: PAR-Q+ question 2; Pregnancy. Ask the client and answer each yes or
    no: there is no result until every question is answered.'"""
    return _(
        "Not answered yet: {names}. Ask the client and answer each yes or no: "
        "there is no result until every question is answered."
    ).format(names="; ".join(names))


def require_answered(
    parq: Sequence[object | None], conditions: Mapping[str, object | None], catalog: Catalog
) -> None:
    """Refuse, naming them, while any PAR-Q+ question or condition is unanswered."""
    names = unanswered(parq, conditions, catalog)
    if names:
        raise UnansweredError(names)
