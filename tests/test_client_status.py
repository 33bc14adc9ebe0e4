"""The client's own screening status: may they stretch, until when, and never the answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.app.client_status import ClientStatus, client_status
from stretchkit.catalog import Catalog, default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.intake import PARQ_QUESTIONS, Clearance, Intake
from stretchkit.screening import screen
from stretchkit.store import Store
from tests.strategies import intakes

TAKEN = date(2026, 1, 5)
EXPIRES = date(2027, 1, 5)
MID_YEAR = date(2026, 6, 1)
PARQ_YES = (True, *(False,) * (len(PARQ_QUESTIONS) - 1))


def _screened(store: Store, catalog: Catalog, intake: Intake | None, name: str = "Robin") -> int:
    client = store.clients.add(ClientDetails(name)).id
    if intake is not None:
        store.screenings.add(client, screen(intake, catalog))
    return client


def _status(store: Store, catalog: Catalog, today: date, **answers: object) -> ClientStatus:
    intake = Intake(TAKEN, 40, **answers)  # type: ignore[arg-type]
    return client_status(store, catalog, _screened(store, catalog, intake), today)


def test_a_client_never_screened_is_asked_to_wait(memory_store: Store, catalog: Catalog) -> None:
    """No screening yet: stop, and the trainer screens first."""
    status = client_status(memory_store, catalog, _screened(memory_store, catalog, None), MID_YEAR)
    assert status == ClientStatus("stop", "Your trainer will screen you before your first session.")
    assert not status.may_stretch


def test_a_cleared_client_may_stretch_until_the_screening_ends(
    memory_store: Store, catalog: Catalog
) -> None:
    """A clear screening half a year old: cleared until the day it runs out."""
    status = _status(memory_store, catalog, MID_YEAR)
    assert status == ClientStatus("ok", "Cleared to stretch until 5 January 2027.")
    assert status.may_stretch


def test_cautions_are_mentioned_without_saying_which(memory_store: Store, catalog: Catalog) -> None:
    """Cleared with cautions: still 'ok', with a line saying some stretches are adapted."""
    status = _status(memory_store, catalog, MID_YEAR, hypermobility=True)
    assert status.kind == "ok" and status.may_stretch
    assert "until 5 January 2027" in status.text
    assert status.text.endswith("Some stretches are adapted for you.")


def test_a_screening_ending_within_30_days_is_due(memory_store: Store, catalog: Catalog) -> None:
    """30 days before the end the re-screen is due (still allowed); 31 days before it is not."""
    due = _status(memory_store, catalog, EXPIRES - timedelta(days=30))
    assert due.kind == "due" and due.may_stretch
    assert "Cleared to stretch." in due.text
    assert "Re-screen due by 5 January 2027" in due.text
    assert _status(memory_store, catalog, EXPIRES - timedelta(days=31)).kind == "ok"


def test_an_expired_screening_stops_stretching(memory_store: Store, catalog: Catalog) -> None:
    """On the day it runs out the client must see the trainer before stretching again."""
    status = _status(memory_store, catalog, EXPIRES)
    assert status.kind == "stop" and not status.may_stretch
    assert status.text.startswith("Re-screen due")
    assert "ran out on 5 January 2027" in status.text


def test_a_health_change_after_the_screening_stops_stretching(
    memory_store: Store, catalog: Catalog
) -> None:
    """A change reported after the screening: stop until screened again."""
    client = _screened(memory_store, catalog, Intake(TAKEN, 40))
    memory_store.screenings.report_health_change(client, date(2026, 3, 1), "sore neck")
    status = client_status(memory_store, catalog, client, MID_YEAR)
    assert status.kind == "stop" and not status.may_stretch
    assert "until your trainer has screened you again" in status.text
    assert "sore neck" not in status.text


def test_a_re_screen_after_a_health_change_clears_the_client_again(
    memory_store: Store, catalog: Catalog
) -> None:
    """A newer screening after the change holds: cleared until a year after it."""
    client = _screened(memory_store, catalog, Intake(TAKEN, 40))
    memory_store.screenings.report_health_change(client, date(2026, 3, 1))
    memory_store.screenings.add(client, screen(Intake(date(2026, 4, 1), 40), catalog))
    status = client_status(memory_store, catalog, client, MID_YEAR)
    assert status == ClientStatus("ok", "Cleared to stretch until 1 April 2027.")


def test_an_intake_that_needs_clearance_waits_for_the_doctor(
    memory_store: Store, catalog: Catalog
) -> None:
    """A 'yes' on the PAR-Q+ without clearance: stop until a doctor or physio says go ahead."""
    status = _status(memory_store, catalog, MID_YEAR, parq=PARQ_YES)
    assert status.kind == "stop" and not status.may_stretch
    assert "go-ahead from your doctor or physiotherapist" in status.text


def test_a_written_clearance_lets_the_client_stretch(memory_store: Store, catalog: Catalog) -> None:
    """The same 'yes' with a clearance covering the PAR-Q+: cleared, with adapted stretches."""
    clearance = Clearance(TAKEN, ("par-q",), "Dr Demo")
    status = _status(memory_store, catalog, MID_YEAR, parq=PARQ_YES, clearance=clearance)
    assert status.may_stretch and "until 5 January 2027" in status.text
    assert "Dr Demo" not in status.text


def test_a_do_not_stretch_intake_says_not_for_now(memory_store: Store, catalog: Catalog) -> None:
    """Osteoporosis: no partner stretching, talk to the trainer."""
    status = _status(memory_store, catalog, MID_YEAR, osteoporosis=True)
    assert status == ClientStatus(
        "stop", "Please don't do partner stretching for now: talk to your trainer first."
    )


NOTE = "Private note: left knee replaced 2019"
CATALOG = default_catalog()
PRIVATE = [
    *(c.name for c in CATALOG.conditions.values()),
    *PARQ_QUESTIONS,
    NOTE,
    "Dr Private",
]
REFERENCES: list[dict[str, object]] = [
    {},
    {"hypermobility": True},
    {"parq": PARQ_YES},
    {"osteoporosis": True},
]
"""One intake per screening status: any client's status reads like one of these."""


@settings(max_examples=40, deadline=None)
@given(
    intake=intakes(),
    days_after=st.integers(0, 800),
    changed_after=st.none() | st.integers(0, 400),
)
def test_no_status_ever_reveals_the_screening_answers(
    intake: Intake, days_after: int, changed_after: int | None
) -> None:
    """Whatever was answered, the status names no condition, question, note or clearance, and
    reads exactly like the status of a reference intake screened on the same day."""
    if intake.clearance is not None:
        intake = replace(intake, clearance=replace(intake.clearance, issued_by="Dr Private"))
    intake = replace(intake, notes=NOTE)
    today = intake.taken_on + timedelta(days=days_after)
    with Store.open(":memory:") as store:
        clients = [_screened(store, CATALOG, intake)]
        for n, answers in enumerate(REFERENCES):
            reference = Intake(intake.taken_on, 40, **answers)  # type: ignore[arg-type]
            clients.append(_screened(store, CATALOG, reference, f"Reference {n}"))
        if changed_after is not None:
            for client in clients:
                changed_on = intake.taken_on + timedelta(days=changed_after)
                store.screenings.report_health_change(client, changed_on, NOTE)
        status, *references = (client_status(store, CATALOG, c, today) for c in clients)
    findings = [f.text for f in screen(intake, CATALOG).findings]
    assert not any(secret in status.text for secret in [*PRIVATE, *findings])
    assert status in references
