"""The attention list: who needs the trainer today, and why, from facts the store gathers."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from stretchkit.catalog import Catalog
from stretchkit.clients import ClientDetails
from stretchkit.planning.planner import plan
from stretchkit.progress.attention import ClientFacts, needs_attention
from stretchkit.progress.history import History, HoldRecord, SessionRecord
from stretchkit.screening import screen, screening_ends
from stretchkit.screening.intake import Clearance, Intake
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store

TODAY = date(2026, 11, 21)  # a Saturday
FINE = ClientFacts(
    client_id=1,
    name="Fine",
    screened_on=date(2026, 6, 1),
    last_session=TODAY - timedelta(days=2),
    planned_per_week=2,
    recent_sessions=8,
    plan_since=date(2026, 6, 1),
)


def _kinds(facts: ClientFacts) -> list[str]:
    listed = needs_attention([facts], TODAY)
    return [c.kind for c in listed[0].concerns] if listed else []


@pytest.mark.parametrize(
    ("change", "kinds"),
    [
        ({}, []),
        ({"last_flag": TODAY - timedelta(days=3)}, ["pain-flag"]),
        ({"last_flag": TODAY - timedelta(days=40)}, []),
        ({"screened_on": None}, ["not-screened"]),
        ({"screened_on": date(2025, 11, 1)}, ["screening-expired"]),
        ({"screened_on": date(2025, 12, 10)}, ["screening-due"]),
        ({"health_changed_on": date(2026, 7, 1)}, ["health-changed"]),
        ({"last_session": TODAY - timedelta(days=7)}, ["no-recent-session"]),
        ({"last_session": TODAY - timedelta(days=6)}, []),
        ({"last_session": None}, ["no-recent-session"]),
        ({"recent_sessions": 6}, []),
        ({"recent_sessions": 5}, ["low-adherence"]),
        ({"recent_sessions": 0, "plan_since": TODAY - timedelta(days=10)}, []),
        ({"planned_per_week": None, "last_session": None, "recent_sessions": 0}, []),
    ],
)
def test_each_concern_has_its_threshold(change: dict[str, object], kinds: list[str]) -> None:
    """Flags for 4 weeks, screenings due within 30 days, 7 days without a session, under 75% of
    the plan over the last 4 full weeks (a plan younger than that is not judged)."""
    assert _kinds(ClientFacts(**{**FINE.__dict__, **change})) == kinds  # type: ignore[arg-type]


def test_the_most_urgent_clients_come_first_with_every_reason() -> None:
    """A pain flag outranks a lapse; each client shows all its reasons in one line."""
    lapsed = ClientFacts(
        **{
            **FINE.__dict__,
            "client_id": 2,
            "name": "Ann",
            "recent_sessions": 1,
            "last_session": TODAY - timedelta(days=12),
        }
    )  # type: ignore[arg-type]
    flagged = ClientFacts(**{**FINE.__dict__, "client_id": 3, "name": "Zed", "last_flag": TODAY})  # type: ignore[arg-type]
    listed = needs_attention([FINE, lapsed, flagged], TODAY)
    assert [a.name for a in listed] == ["Zed", "Ann"]
    assert (
        listed[1].text == "Ann: no session for 12 days; 1 of 8 planned sessions in the last 4 weeks"
    )


def _hold_session(day: date, *, status: str = "completed") -> SessionRecord:
    start = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    hold = HoldRecord(start, HoldEntry("seated-thoracic-rotation", "left", 1, 1, 30, 30))
    return SessionRecord(start, status=status, holds=(hold,))  # type: ignore[arg-type]


def test_the_store_gathers_the_facts_of_every_client_at_once(
    store: Store, catalog: Catalog
) -> None:
    """Latest screening, health change after it, last session, recent sessions, last flag and
    the current routine's days a week, per client, as of one day."""
    robin = store.clients.add(ClientDetails("Robin"), created=datetime(2026, 5, 1, tzinfo=UTC))
    store.clients.add(ClientDetails("Noor"))
    screening = screen(Intake(date(2026, 5, 1), 40), catalog)
    store.screenings.add(robin.id, screening)
    routine = plan(screening, catalog, goals=("rotation",), budget_min=15)
    store.routines.save(robin.id, routine, at=datetime(2026, 5, 1, tzinfo=UTC))
    days = [date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 9)]
    flagged = _hold_session(date(2026, 11, 11), status="flagged")
    sessions = (*(_hold_session(d) for d in days), flagged)
    store.history.add(robin.id, History(sessions))
    robin_facts, noor_facts = store.overview.client_facts(TODAY)
    assert robin_facts.screened_on == date(2026, 5, 1)
    assert robin_facts.health_changed_on == date(2026, 11, 11)
    assert robin_facts.last_session == date(2026, 11, 11)
    assert robin_facts.last_flag == date(2026, 11, 11)
    assert robin_facts.recent_sessions == 4  # weeks of Oct 19 .. Nov 15
    assert robin_facts.planned_per_week == routine.days_per_week
    assert robin_facts.plan_since == date(2026, 5, 1)
    assert noor_facts == ClientFacts(client_id=noor_facts.client_id, name="Noor")
    kinds = [c.kind for c in needs_attention([robin_facts], TODAY)[0].concerns]
    assert kinds[:2] == ["pain-flag", "health-changed"]


def test_a_pregnancy_reaching_its_next_trimester_is_listed_as_a_re_screen() -> None:
    """From the day the second trimester begins the screening has ended, in plain words; in
    the 30 days before, a re-screen is due."""
    ends = screening_ends(Intake(date(2026, 10, 1), 30, pregnancy_due_on=date(2027, 5, 30)))
    assert ends.on == date(2026, 11, 22)
    facts = replace(FINE, screened_on=date(2026, 10, 1), screening_ends=ends)
    (before,) = needs_attention([facts], date(2026, 11, 21))[0].concerns
    assert (before.kind, before.text) == (
        "screening-due",
        "the second trimester begins on 2026-11-22: re-screen due",
    )
    (after,) = needs_attention([facts], date(2026, 11, 22))[0].concerns
    assert (after.kind, after.text) == (
        "screening-expired",
        "the second trimester begins on 2026-11-22: re-screen due",
    )


def test_a_screening_whose_clearance_ended_is_listed_with_the_reason() -> None:
    """A screening relying on a clearance from 2025-11-01 expired with it, and says so."""
    intake = Intake(
        date(2026, 6, 1),
        50,
        spinal_fusion=True,
        clearance=Clearance(date(2025, 11, 1), ("spinal-fusion",), "Dr Okafor"),
    )
    facts = replace(FINE, screened_on=intake.taken_on, screening_ends=screening_ends(intake))
    (concern,) = needs_attention([facts], TODAY)[0].concerns
    assert concern.kind == "screening-expired"
    assert concern.text.startswith(
        "screening expired on 1 November 2026 (the written clearance dated"
    )


def test_the_store_gives_the_attention_list_the_end_of_each_latest_screening(
    store: Store, catalog: Catalog
) -> None:
    """The facts carry the day the latest screening ends and why, read from its intake; a
    pregnancy screened without a due date (as older ones were) is due for a re-screen now."""
    robin = store.clients.add(ClientDetails("Robin")).id
    noor = store.clients.add(ClientDetails("Noor")).id
    pregnant = Intake(date(2026, 10, 1), 30, pregnancy_due_on=date(2027, 5, 30))
    store.screenings.add(robin, screen(pregnant, catalog))
    store.screenings.add(
        noor, screen(Intake(date(2026, 10, 1), 30, pregnancy_trimester=1), catalog)
    )
    robin_facts, noor_facts = store.overview.client_facts(TODAY)
    assert robin_facts.screening_ends == screening_ends(pregnant)
    assert noor_facts.screening_ends is not None
    assert noor_facts.screening_ends.cause == "no-due-date"
    texts = {a.name: a.concerns[0].text for a in needs_attention([robin_facts, noor_facts], TODAY)}
    assert texts["Noor"] == "no due date recorded for the pregnancy: record it and re-screen now"
