"""A re-screen cannot undo a nerve flag, through any service: readiness, the client's status and
the screening save read the flags and reports in the store (real memory store, fixed dates)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.errors import ValidationError
from stretchkit.screening import screen
from stretchkit.screening.intake import Clearance, Intake
from stretchkit.services.client_status import client_status
from stretchkit.services.readiness import readiness
from stretchkit.services.screening_save import save_screening
from stretchkit.services.symptom_flags import pending_flags
from stretchkit.services.symptom_report import LinkNotValidError, report_symptoms
from stretchkit.store import Store
from stretchkit.store.sessions import FLAG_SOURCE
from tests.hypothesis_profiles import examples

FLAG_DAY = date(2026, 3, 2)
NUMBNESS_NOTE = "Numbness or tingling during Seated thoracic rotation, right, rep 1"


def _screened_client(store: Store, catalog: Catalog) -> int:
    client = store.clients.add(ClientDetails("Robin Ashdown")).id
    store.screenings.add(client, screen(Intake(FLAG_DAY - timedelta(days=30), 40), catalog))
    return client


def _flag(store: Store, client: int, note: str = NUMBNESS_NOTE, day: date = FLAG_DAY) -> None:
    """What a session's flag writes: a health change from the session, on the flag's day."""
    store.screenings.report_health_change(client, day, note, FLAG_SOURCE)


def _clearance(day: date) -> Clearance:
    return Clearance(day, ("numbness-tingling",), "Dr Ana Ortiz")


def test_a_same_day_re_screen_saying_no_does_not_make_a_flagged_client_ready(
    memory_store: Store, catalog: Catalog
) -> None:
    """The reproduction: numbness is flagged, a re-screen with the old 'no' is saved the same
    day, and a second session must still be refused, naming the flag."""
    client = _screened_client(memory_store, catalog)
    _flag(memory_store, client)
    memory_store.screenings.add(client, screen(Intake(FLAG_DAY, 40), catalog))
    ready = readiness(memory_store, catalog, client, FLAG_DAY)
    assert not ready.ready
    assert "Numbness or tingling was flagged in the session of 2026-03-02" in ready.message
    assert client_status(memory_store, catalog, client, FLAG_DAY).kind == "stop"


def test_the_screening_save_refuses_no_after_a_nerve_flag(
    memory_store: Store, catalog: Catalog
) -> None:
    """Saving 'no' to numbness after its flag is refused by the service, naming the answer."""
    client = _screened_client(memory_store, catalog)
    _flag(memory_store, client)
    before = memory_store.screenings.history(client)
    with pytest.raises(ValidationError, match="answer to numbness or tingling") as error:
        save_screening(memory_store, catalog, client, Intake(FLAG_DAY, 40))
    assert error.value.field == "numbness tingling"
    assert "flagged in the session of 2026-03-02" in str(error.value)
    assert memory_store.screenings.history(client) == before


def test_yes_waits_for_a_named_clearance_dated_since_the_flag(
    memory_store: Store, catalog: Catalog
) -> None:
    """'Yes' is saved but allows nothing; a clearance dated before the flag still allows
    nothing; one dated on the flag's day makes the client ready, with caution."""
    client = _screened_client(memory_store, catalog)
    _flag(memory_store, client)
    save_screening(memory_store, catalog, client, Intake(FLAG_DAY, 40, numbness_tingling=True))
    assert not readiness(memory_store, catalog, client, FLAG_DAY).ready
    old = Intake(
        FLAG_DAY, 40, numbness_tingling=True, clearance=_clearance(FLAG_DAY - timedelta(1))
    )
    save_screening(memory_store, catalog, client, old)
    assert "dated 2026-03-02 or later" in readiness(memory_store, catalog, client, FLAG_DAY).message
    cleared = Intake(FLAG_DAY, 40, numbness_tingling=True, clearance=_clearance(FLAG_DAY))
    save_screening(memory_store, catalog, client, cleared)
    ready = readiness(memory_store, catalog, client, FLAG_DAY)
    assert ready.ready and ready.screening is not None
    assert ready.screening.status == "cleared-with-cautions"
    assert pending_flags(memory_store, client) == ()


def test_once_settled_a_later_screening_may_say_no(memory_store: Store, catalog: Catalog) -> None:
    """A flag settled by a cleared screening is not asked about again."""
    client = _screened_client(memory_store, catalog)
    _flag(memory_store, client)
    cleared = Intake(FLAG_DAY, 40, numbness_tingling=True, clearance=_clearance(FLAG_DAY))
    save_screening(memory_store, catalog, client, cleared)
    later = FLAG_DAY + timedelta(days=60)
    save_screening(memory_store, catalog, client, Intake(later, 40))
    assert readiness(memory_store, catalog, client, later).ready


def test_weakness_in_a_trainers_note_is_a_flag_of_it(memory_store: Store, catalog: Catalog) -> None:
    """A change in health whose note names weakness keeps the weakness answer 'yes'."""
    client = _screened_client(memory_store, catalog)
    memory_store.screenings.report_health_change(client, FLAG_DAY, "Left leg felt weak")
    with pytest.raises(ValidationError, match="weakness"):
        save_screening(memory_store, catalog, client, Intake(FLAG_DAY, 40))
    [flag] = pending_flags(memory_store, client)
    assert flag.said == "Weakness was named in a change in health reported on 2026-03-02"


def test_a_running_sessions_own_flags_are_left_out(memory_store: Store, catalog: Catalog) -> None:
    """Readiness passes over the health changes it is told to ignore (a session's own)."""
    client = _screened_client(memory_store, catalog)
    _flag(memory_store, client)
    ids = frozenset(c.id for c in memory_store.screenings.health_changes(client))
    assert pending_flags(memory_store, client, ids) == ()


def test_a_report_after_a_session_is_a_flag_with_the_same_effect(
    memory_store: Store, catalog: Catalog
) -> None:
    """The trainer reports weakness after a session: the screening ends, and a re-screen saying
    'no' is refused."""
    client = _screened_client(memory_store, catalog)
    said = report_symptoms(memory_store, client, ["weakness"], FLAG_DAY, "trainer")
    assert "weakness" in said
    assert not readiness(memory_store, catalog, client, FLAG_DAY).ready
    [flag] = pending_flags(memory_store, client)
    assert flag.said == (
        "Weakness was reported by the trainer on 2026-03-02, during or after stretching"
    )


def test_a_client_report_through_a_revoked_link_saves_nothing(
    memory_store: Store, catalog: Catalog
) -> None:
    """A link no longer valid refuses the report; no symptom refuses it too."""
    client = _screened_client(memory_store, catalog)
    with pytest.raises(LinkNotValidError, match="no longer valid"):
        report_symptoms(
            memory_store, client, ["pain"], FLAG_DAY, "client", link_valid=lambda: False
        )
    with pytest.raises(ValidationError, match="symptoms"):
        report_symptoms(memory_store, client, [], FLAG_DAY, "client")
    assert memory_store.screenings.health_changes(client) == []


@settings(max_examples=examples(25), deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["no", "yes", "yes-old", "yes-cleared", "flag"]), st.integers(0, 3)
        ),
        min_size=1,
        max_size=6,
    )
)
def test_no_sequence_of_re_screens_and_flags_makes_a_flagged_client_ready_without_clearance(
    steps: list[tuple[str, int]],
) -> None:
    """Over any sequence of flags and re-screens, the client is ready only when every flag is
    followed by a 'yes' screening with a named clearance dated on or after it."""
    catalog = default_catalog()
    with Store.open(":memory:") as store:
        client = _screened_client(store, catalog)
        _flag(store, client)
        day, last_flag, settled = FLAG_DAY, FLAG_DAY, False
        for kind, gap in steps:
            day += timedelta(days=gap)
            if kind == "flag":
                _flag(store, client, day=day)
                last_flag, settled = day, False
                continue
            issued = last_flag if kind == "yes-cleared" else last_flag - timedelta(days=1)
            clearance = _clearance(issued) if kind not in {"yes", "no"} else None
            intake = Intake(day, 40, numbness_tingling=kind != "no", clearance=clearance)
            store.screenings.add(client, screen(intake, catalog))  # any path, not just the form
            settled = settled or kind == "yes-cleared"
        if readiness(store, catalog, client, day).ready:
            assert settled
