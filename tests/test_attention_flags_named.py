"""The attention list names what a session flagged (sharp pain, weakness, a 9/10 rating), and
words a flag a later screening settled as history, never as 're-screen first'."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from stretchkit.catalog import default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.i18n.formatting import format_day
from stretchkit.progress.attention import ClientFacts, concerns_of, flag_words, needs_attention
from stretchkit.screening import screen
from stretchkit.screening.intake import Clearance, Intake
from stretchkit.store import Store
from tests.today import clock_today

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
    assert (concern.kind, concern.text) == (
        "pain-flag",
        "weakness in the session of 6 December 2026",
    )
    settled = ClientFacts(
        1,
        "Kai",
        screened_on=TODAY,
        last_flag=TODAY,
        last_flag_what="weakness",
        flag_settled="cleared by Dr Lee on 6 December 2026",
    )
    [concern] = concerns_of(settled, TODAY)
    assert concern.kind == "settled"
    said = "weakness in the session of 6 December 2026, cleared by Dr Lee on 6 December 2026"
    assert concern.text == said


def test_the_store_names_the_flag_and_sees_a_clearance_screening_settle_it(store: Store) -> None:
    """A weakness flag is named; a screening after it answering yes with a named clearance
    dated that day leaves it as history, with no 're-screen first' (on both engines). The
    store stamps the flag's health change with its clock, so the day is the clock's."""
    catalog = default_catalog()
    day = clock_today()
    client = store.clients.add(ClientDetails("Kai Elderfield")).id
    store.screenings.add(client, screen(Intake(day - timedelta(days=35), 40), catalog))
    at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    session = store.sessions.start(client, None, at=at)
    store.sessions.flag(session.id, None, "Weakness during Cat-Cow")
    [kai] = needs_attention(store.overview.client_facts(day), day)
    assert f"weakness in the session of {format_day(day)}" in kai.text
    clearance = Clearance(day, ("numbness-tingling",), "Dr Lee")
    intake = Intake(day, 40, weakness=True, clearance=clearance)
    store.screenings.add(client, screen(intake, catalog))
    listed = needs_attention(store.overview.client_facts(day), day)
    text = " ".join(a.text for a in listed)
    assert "re-screen" not in text
    said = f"weakness in the session of {format_day(day)}, cleared by Dr Lee on {format_day(day)}"
    assert said in text
