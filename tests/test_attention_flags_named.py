"""The attention list names what a session flagged (sharp pain, weakness, a 9/10 rating), and
words a flag a later screening settled as history, never as 're-screen first'."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from stretchkit.catalog import default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.progress.attention import ClientFacts, concerns_of, flag_words, needs_attention
from stretchkit.screening import screen
from stretchkit.screening.intake import Clearance, Intake
from stretchkit.store import Store

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("note", "said"),
    [
        ("Sharp pain during Seated Thoracic Rotation", "sharp pain"),
        ("Weakness during Cat-Cow", "weakness"),
        ("Numbness or tingling during Cat-Cow", "numbness or tingling"),
        ("Pain rated 9-10/10: 9/10 in Cat-Cow", "a 9/10 (painful) rating"),
    ],
)
def test_a_flags_note_is_named_in_words(note: str, said: str) -> None:
    """Each session flag's note says what happened, not 'pain, numbness or tingling'."""
    assert flag_words(note) == said


def test_a_flag_is_listed_by_what_happened_and_a_settled_one_as_history() -> None:
    """Weakness in a session is listed as such; once settled it is worded as settled, last."""
    facts = ClientFacts(1, "Kai", screened_on=TODAY, last_flag=TODAY, last_flag_what="weakness")
    [concern] = concerns_of(facts, TODAY)
    assert (concern.kind, concern.text) == ("pain-flag", "weakness in the session of 2026-12-06")
    settled = ClientFacts(
        1,
        "Kai",
        screened_on=TODAY,
        last_flag=TODAY,
        last_flag_what="weakness",
        flag_settled="cleared by Dr Lee on 2026-12-06",
    )
    [concern] = concerns_of(settled, TODAY)
    assert concern.kind == "settled"
    assert concern.text == "weakness in the session of 2026-12-06, cleared by Dr Lee on 2026-12-06"


def test_the_store_names_the_flag_and_sees_a_clearance_screening_settle_it(store: Store) -> None:
    """A weakness flag is named; a screening after it answering yes with a named clearance
    dated that day leaves it as history, with no 're-screen first' (on both engines)."""
    catalog = default_catalog()
    client = store.clients.add(ClientDetails("Kai Elderfield")).id
    store.screenings.add(client, screen(Intake(date(2026, 11, 1), 40), catalog))
    session = store.sessions.start(client, None, at=datetime(2026, 12, 6, 9, tzinfo=UTC))
    store.sessions.flag(session.id, None, "Weakness during Cat-Cow")
    [kai] = needs_attention(store.overview.client_facts(TODAY), TODAY)
    assert "weakness in the session of 2026-12-06" in kai.text
    clearance = Clearance(TODAY, ("numbness-tingling",), "Dr Lee")
    intake = Intake(TODAY, 40, weakness=True, clearance=clearance)
    store.screenings.add(client, screen(intake, catalog))
    listed = needs_attention(store.overview.client_facts(TODAY), TODAY)
    text = " ".join(a.text for a in listed)
    assert "re-screen" not in text
    assert "weakness in the session of 2026-12-06, cleared by Dr Lee on 2026-12-06" in text
