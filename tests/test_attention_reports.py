"""Symptoms reported after a session reach the trainer's attention list: what and when."""

from __future__ import annotations

from datetime import date, timedelta

from stretchkit.clients import ClientDetails
from stretchkit.progress.attention import ClientFacts, concerns_of, needs_attention
from stretchkit.services.symptom_report import report_symptoms
from stretchkit.store import Store

TODAY = date(2026, 3, 2)


def test_a_report_is_an_urgent_concern_naming_what_who_and_when() -> None:
    """Weakness reported by the client comes right after a pain flag, in plain words."""
    facts = ClientFacts(
        1,
        "Robin Ashdown",
        screened_on=TODAY - timedelta(days=20),
        symptoms_reported=("weakness",),
        symptoms_reported_on=TODAY - timedelta(days=1),
        symptoms_reported_by="client",
    )
    [concern] = concerns_of(facts, TODAY)
    assert concern.kind == "symptoms-reported" and concern.urgency == 1
    assert concern.text.startswith(
        "weakness reported by the client on 1 March 2026, during or after stretching"
    )


def test_a_report_older_than_four_weeks_is_no_longer_listed_for_itself() -> None:
    """After FLAG_DAYS days the report itself drops off (the screening concern stays)."""
    facts = ClientFacts(
        1,
        "Robin Ashdown",
        symptoms_reported=("pain",),
        symptoms_reported_on=TODAY - timedelta(days=29),
        symptoms_reported_by="trainer",
    )
    assert all(c.kind != "symptoms-reported" for c in concerns_of(facts, TODAY))


def test_the_store_gives_the_days_reports_and_who_sent_the_last(store: Store) -> None:
    """Two symptoms reported the same day are named together; an older report is not (on
    both engines)."""
    client = store.clients.add(ClientDetails("Robin Ashdown")).id
    report_symptoms(store, client, ["pain"], TODAY - timedelta(days=3), "trainer")
    report_symptoms(store, client, ["numbness-tingling", "weakness"], TODAY, "client")
    [robin] = needs_attention(store.overview.client_facts(TODAY), TODAY)
    assert robin.concerns[0].text.startswith(
        "numbness or tingling, weakness reported by the client on 2 March 2026"
    )
