"""The client's own screening status: may they stretch, until when, and never the answers."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.planning.planner import plan
from stretchkit.screening import screen
from stretchkit.screening.intake import PARQ_QUESTIONS, Clearance, Injury, Intake
from stretchkit.services.client_page import client_page
from stretchkit.services.client_status import ROUTINE_EXCLUDED, ClientStatus, client_status
from stretchkit.store import Store
from tests.hypothesis_profiles import examples
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


def test_a_screening_that_allows_no_single_stretch_says_none_is_planned(
    memory_store: Store, catalog: Catalog
) -> None:
    """A shoulder fracture and an abdomen strain leave no stretch: the client is told that none
    is planned and to see the trainer, never "cleared" or "adapted"."""
    injuries = (Injury("shoulder", "fracture"), Injury("abdomen", "strain"))
    status = _status(memory_store, catalog, MID_YEAR, injuries=injuries)
    assert status.kind == "stop" and not status.may_stretch
    assert status.text.startswith("No stretch is planned for you")
    assert "see your trainer" in status.text
    assert "Cleared" not in status.text and "adapted" not in status.text


def test_a_page_whose_routine_the_new_screening_empties_is_not_cleared(
    memory_store: Store, catalog: Catalog
) -> None:
    """A routine of one arm-loading stretch, then an arm strain: other stretches are allowed,
    but none of the routine, so the page says none is planned and offers no session."""
    client = _screened(memory_store, catalog, Intake(TAKEN, 40))
    routine = plan(screen(Intake(TAKEN, 40), catalog), catalog, goals=("posture",))
    kept = routine.with_items(
        tuple(i for i in routine.items if i.stretch_id == "seated-lat-reach-pull")
    )
    assert kept.stretch_ids == ("seated-lat-reach-pull",)
    memory_store.routines.save(client, kept)
    strained = Intake(MID_YEAR, 40, injuries=(Injury("arm", "strain"),))
    memory_store.screenings.add(client, screen(strained, catalog))
    assert screen(strained, catalog).allowed()
    page = client_page(memory_store, catalog, client, MID_YEAR)
    assert page.status == ClientStatus("stop", ROUTINE_EXCLUDED)
    assert not page.can_run_session


def test_a_pregnancy_screening_holds_only_until_the_next_trimester(
    memory_store: Store, catalog: Catalog
) -> None:
    """Cleared in the first trimester (due 2026-10-01): until the second begins, 26 March
    2026; from that day the client is asked to be screened again, in plain words that do not
    name the pregnancy (a link may be read over the client's shoulder)."""
    clearance = Clearance(TAKEN, ("pregnancy",), "Dr Demo")
    intake = Intake(TAKEN, 30, pregnancy_due_on=date(2026, 10, 1), clearance=clearance)
    client = _screened(memory_store, catalog, intake)
    early = client_status(memory_store, catalog, client, date(2026, 1, 20))
    assert early.kind == "ok" and "until 26 March 2026" in early.text
    soon = client_status(memory_store, catalog, client, date(2026, 3, 1))
    assert soon.kind == "due" and soon.may_stretch
    assert "Re-screen due by 26 March 2026" in soon.text
    on_the_day = client_status(memory_store, catalog, client, date(2026, 3, 26))
    assert on_the_day == ClientStatus(
        "stop",
        "Re-screen due: your screening has ended. Please see your trainer before you stretch "
        "again.",
    )
    later = client_status(memory_store, catalog, client, date(2026, 4, 2))
    assert later == on_the_day
    for secret in ("dr demo", "trimester", "pregnan", "due date"):
        assert secret not in soon.text.lower() and secret not in later.text.lower()


def test_a_pregnancy_screened_without_a_due_date_asks_for_a_re_screen(
    memory_store: Store, catalog: Catalog
) -> None:
    """An older screening recorded only the trimester: stop, a re-screen is due now."""
    clearance = Clearance(TAKEN, ("pregnancy",), "Dr Demo")
    status = _status(memory_store, catalog, MID_YEAR, pregnancy_trimester=1, clearance=clearance)
    assert status == ClientStatus(
        "stop",
        "Re-screen due: your screening has ended. Please see your trainer before you stretch "
        "again.",
    )


def test_a_clearance_ends_the_screening_that_relies_on_it(
    memory_store: Store, catalog: Catalog
) -> None:
    """Cleared on a clearance from 1 September 2025: until 1 September 2026, not January 2027."""
    clearance = Clearance(date(2025, 9, 1), ("par-q",), "Dr Demo")
    status = _status(memory_store, catalog, MID_YEAR, parq=PARQ_YES, clearance=clearance)
    assert status.kind == "ok" and "until 1 September 2026" in status.text
    ended = _status(memory_store, catalog, date(2026, 9, 1), parq=PARQ_YES, clearance=clearance)
    assert ended.kind == "stop" and "ran out on 1 September 2026" in ended.text


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
    {"injuries": (Injury("shoulder", "fracture"), Injury("abdomen", "strain"))},
]
"""One intake per screening status (the last leaves no stretch): any client's status reads
like one of these."""
DAY_IN_WORDS = re.compile(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b")


def _shape(status: ClientStatus) -> ClientStatus:
    """The status with its days blanked out: its words, not the day it names."""
    return ClientStatus(status.kind, DAY_IN_WORDS.sub("<day>", status.text))


def _references(intake: Intake) -> list[Intake]:
    """The reference intakes screened on the intake's day; with a clearance, also one relying
    on a clearance of the same day (it ends the screening); for a pregnancy, one with the same
    due date (or trimester), cleared, since a re-screen falls due with the trimester."""
    day = intake.taken_on
    found = [Intake(day, 40, **answers) for answers in REFERENCES]  # type: ignore[arg-type]
    if intake.clearance is not None:
        same_day = Clearance(intake.clearance.issued_on, ("par-q",), "Dr Reference")
        found.append(Intake(day, 40, parq=PARQ_YES, clearance=same_day))
    if intake.pregnancy_trimester is not None:
        cleared = Clearance(day, ("pregnancy",), "Dr Reference")
        found.append(
            replace(
                Intake(day, 40, clearance=cleared),
                pregnancy_trimester=intake.pregnancy_trimester,
                pregnancy_due_on=intake.pregnancy_due_on,
            )
        )
    return found


@settings(max_examples=examples(40), deadline=None)
@given(
    intake=intakes(),
    days_after=st.integers(0, 800),
    changed_after=st.none() | st.integers(0, 400),
)
def test_no_status_ever_reveals_the_screening_answers(
    intake: Intake, days_after: int, changed_after: int | None
) -> None:
    """Whatever was answered, the status names no condition, question, note or clearance, and
    reads like the status of a reference intake screened on the same day (its days aside: a
    clearance or a pregnancy can end a screening sooner; a pregnancy's re-screen names the
    trimester or the due date, which the client gave)."""
    if intake.clearance is not None:
        intake = replace(intake, clearance=replace(intake.clearance, issued_by="Dr Private"))
    intake = replace(intake, notes=NOTE)
    today = intake.taken_on + timedelta(days=days_after)
    with Store.open(":memory:") as store:
        clients = [_screened(store, CATALOG, intake)]
        for n, reference in enumerate(_references(intake)):
            clients.append(_screened(store, CATALOG, reference, f"Reference {n}"))
        if changed_after is not None:
            for client in clients:
                changed_on = intake.taken_on + timedelta(days=changed_after)
                store.screenings.report_health_change(client, changed_on, NOTE)
        status, *references = (client_status(store, CATALOG, c, today) for c in clients)
    findings = [f.text for f in screen(intake, CATALOG).findings]
    assert not any(secret in status.text for secret in [*PRIVATE, *findings])
    assert _shape(status) in [_shape(r) for r in references]
