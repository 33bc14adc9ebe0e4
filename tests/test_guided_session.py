"""The session service drives whole sessions on a fake clock, with no widget: it records every
hold and event, and the safety rules hold while the client is being stretched."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.errors import ValidationError
from stretchkit.planning.planner import plan
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import END_RANGE_PROMPT
from stretchkit.progress.attention import needs_attention
from stretchkit.screening import screen
from stretchkit.screening.intake import Injury, Intake
from stretchkit.services.guided_session import LINK_REVOKED, GuidedSession
from stretchkit.services.readiness import readiness
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store
from tests.clocks import FakeClock

TODAY = date(2026, 11, 2)
ROTATION = "seated-thoracic-rotation"
SUPINE = "supine-thoracic-rotation"


def _client(store: Store, catalog: Catalog, **answers: object) -> int:
    client = store.clients.add(ClientDetails("Robin Ashdown")).id
    intake = Intake(TODAY - timedelta(days=30), 40, **answers)  # type: ignore[arg-type]
    store.screenings.add(client, screen(intake, catalog))
    return client


def _routine(store: Store, catalog: Catalog, client: int) -> tuple[Routine, int]:
    ready = readiness(store, catalog, client, TODAY)
    assert ready.screening is not None
    routine = plan(ready.screening, catalog, goals=["rotation"], budget_min=30)
    return routine, store.routines.save(client, routine).id


def _session(
    store: Store, catalog: Catalog, client: int, clock: FakeClock, **options: object
) -> GuidedSession:
    routine, routine_id = _routine(store, catalog, client)
    return GuidedSession(
        store,
        catalog,
        client,
        routine,
        routine_id=routine_id,
        clock=clock,
        today=lambda: TODAY,
        **options,  # type: ignore[arg-type]
    )


def _to_hold(session: GuidedSession, clock: FakeClock, stretch_id: str = "") -> None:
    """Move on (skipping) until a hold, of `stretch_id` when given, is running."""
    while session.running and not (
        session.runner.phase.kind == "hold" and stretch_id in ("", session.runner.phase.stretch_id)
    ):
        session.skip()
    clock.now += 3
    session.tick()


def _run_out(session: GuidedSession, clock: FakeClock) -> None:
    while session.running:
        clock.now += 5
        session.tick()


def test_a_whole_session_is_recorded_hold_by_hold(memory_store: Store, catalog: Catalog) -> None:
    """Start to finish on the fake clock: one stored hold per planned hold, then completed."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    planned = len(session.runner.timeline.holds())
    session.start()
    assert session.runner.phase.kind == "warm-up"
    _run_out(session, clock)
    assert session.ended_status == "completed"
    stored = memory_store.sessions.holds(session.session_id or 0)
    assert len(stored) == planned and all(h.entry.at_target for h in stored)
    assert memory_store.sessions.events(session.session_id or 0) == []


def test_numbness_ends_the_session_and_no_hold_can_follow(
    memory_store: Store, catalog: Catalog
) -> None:
    """Numbness or tingling: the hold is flagged, the session has ended flagged, no further
    hold can be logged in it by anyone, and the client must be screened again."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    _to_hold(session, clock)
    session.flag("numbness-tingling")
    sid = session.session_id or 0
    assert not session.running and session.ended_status == "flagged"
    [hold] = memory_store.sessions.holds(sid)
    assert hold.entry.flagged and hold.entry.held_s == 3
    assert session.skip() == [] and session.tick() == []
    entry = HoldEntry(ROTATION, "left", 1, 2, 20, 20)
    with pytest.raises(ValidationError, match="has ended"):
        memory_store.sessions.log_hold(sid, entry)
    assert [e.event.kind for e in memory_store.sessions.events(sid)] == ["numbness-tingling"]
    assert not readiness(memory_store, catalog, client, TODAY).ready
    [listed] = needs_attention(memory_store.overview.client_facts(TODAY), TODAY)
    assert listed.concerns[0].kind == "pain-flag"


def test_sharp_pain_waits_for_the_trainer_who_may_end_the_session(
    memory_store: Store, catalog: Catalog
) -> None:
    """Sharp pain ends the stretch; until the trainer chooses, no time passes in the
    session; ending it is logged, the session is flagged and a re-screen is due."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    _to_hold(session, clock)
    stretch = session.runner.phase.stretch_id
    session.flag("sharp-pain")
    assert session.awaiting_choice == stretch and session.runner.state == "paused"
    assert session.runner.phase.stretch_id != stretch
    assert session.pause_or_resume() == [] and session.skip() == []
    clock.now += 600
    assert session.tick() == []
    session.end_after_pain()
    sid = session.session_id or 0
    kinds = [e.event.kind for e in memory_store.sessions.events(sid)]
    assert kinds == ["sharp-pain", "ended-after-pain"]
    assert session.ended_status == "flagged"
    assert not readiness(memory_store, catalog, client, TODAY).ready


def test_after_sharp_pain_the_trainer_may_go_on_with_the_next_stretch(
    memory_store: Store, catalog: Catalog
) -> None:
    """Going on is logged; the session's own flag does not stop its later stretches, but the
    next session needs a re-screen."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    _to_hold(session, clock)
    first = session.runner.phase.stretch_id
    session.flag("sharp-pain")
    session.go_on()
    _run_out(session, clock)
    sid = session.session_id or 0
    later = [h for h in memory_store.sessions.holds(sid) if h.entry.stretch_id != first]
    assert later and session.ended_status == "flagged"
    assert [e.event.kind for e in memory_store.sessions.events(sid)] == ["sharp-pain", "went-on"]
    assert not readiness(memory_store, catalog, client, TODAY).ready


def test_a_health_change_reported_during_the_session_stops_it_at_the_next_phase(
    memory_store: Store, catalog: Catalog
) -> None:
    """Reported from elsewhere while a hold runs: that hold ends as planned, the session
    stops before the next phase with the reason, and nothing more is logged."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    _to_hold(session, clock)
    memory_store.screenings.report_health_change(client, TODAY, "New back pain")
    held = session.runner.phase.duration_s
    clock.now += held
    session.tick()
    assert session.runner.state == "stopped" and session.ended_status == "stopped"
    assert session.notices[-1].kind == "not-ready"
    assert "Re-screen" in session.notices[-1].text
    assert len(memory_store.sessions.holds(session.session_id or 0)) == 1
    kinds = [e.event.kind for e in memory_store.sessions.events(session.session_id or 0)]
    assert kinds == ["not-ready"]


def test_a_health_change_reported_during_a_pause_stops_the_session_on_resume(
    memory_store: Store, catalog: Catalog
) -> None:
    """Paused in a hold, a change is reported; Resume asks the store and stops the session
    there, keeping the seconds held, instead of going on with the hold."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    _to_hold(session, clock)
    session.pause_or_resume()
    memory_store.screenings.report_health_change(client, TODAY, "New back pain")
    clock.now += 900
    session.pause_or_resume()
    assert session.runner.state == "stopped" and session.notices[-1].kind == "not-ready"
    [hold] = memory_store.sessions.holds(session.session_id or 0)
    assert hold.entry.held_s == 3


def test_going_on_after_sharp_pain_asks_the_store_first(
    memory_store: Store, catalog: Catalog
) -> None:
    """While the trainer decides, a change is reported elsewhere: going on stops instead."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    _to_hold(session, clock)
    session.flag("sharp-pain")
    memory_store.screenings.report_health_change(client, TODAY, "Told us: dizzy")
    session.go_on()
    assert session.runner.state == "stopped" and session.notices[-1].kind == "not-ready"
    kinds = [e.event.kind for e in memory_store.sessions.events(session.session_id or 0)]
    assert kinds == ["sharp-pain", "went-on", "not-ready"]


def test_start_is_refused_from_the_store_not_from_what_was_read_before(
    memory_store: Store, catalog: Catalog
) -> None:
    """Built while the client was ready; a health change since then refuses Start and opens
    no session."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    memory_store.screenings.report_health_change(client, TODAY, "Told us: pregnant")
    assert session.start() == []
    assert session.session_id is None and memory_store.sessions.of_client(client) == []
    assert session.notices[-1].kind == "refused"


def test_an_expired_screening_refuses_start_and_stops_a_session_over_midnight(
    memory_store: Store, catalog: Catalog
) -> None:
    """The day the screening ends, a session running since the day before stops at its next
    phase, and a new one cannot start."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    days = {"today": TODAY}
    session = _session(memory_store, catalog, client, clock)
    session.today = lambda: days["today"]
    session.start()
    days["today"] = TODAY + timedelta(days=400)
    clock.now += 600
    session.tick()
    assert session.runner.state == "stopped" and "Expired" in session.notices[-1].text
    again = _session(memory_store, catalog, client, clock)
    again.today = lambda: days["today"]
    assert again.start() == [] and again.session_id is None


def test_a_revoked_link_refuses_start_and_stops_a_running_home_session(
    memory_store: Store, catalog: Catalog
) -> None:
    """At home the link is asked too: revoked while the session runs, it stops."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    valid = {"link": True}
    session = _session(
        memory_store, catalog, client, clock, place="home", link_valid=lambda: valid["link"]
    )
    session.start()
    valid["link"] = False
    clock.now += 600
    session.tick()
    assert session.runner.state == "stopped" and session.notices[-1].text.endswith(LINK_REVOKED)
    refused = _session(memory_store, catalog, client, clock, link_valid=lambda: False)
    assert refused.start() == [] and refused.session_id is None


def test_a_new_screening_that_excludes_the_next_stretch_stops_before_it(
    memory_store: Store, catalog: Catalog
) -> None:
    """A re-screen saved mid-session that excludes a planned stretch: the session stops
    before that stretch begins."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    later = Intake(TODAY, 40, injuries=(Injury("knee", "strain"),))
    memory_store.screenings.add(client, screen(later, catalog))
    _run_out(session, clock)
    held = {h.entry.stretch_id for h in memory_store.sessions.holds(session.session_id or 0)}
    assert ROTATION in held and SUPINE not in held
    assert session.runner.state == "stopped" and session.runner.refused is not None
    assert session.runner.refused.stretch_id == SUPINE
    assert "excludes Supine Thoracic Rotation Stretch" in session.notices[-1].text


def test_too_intense_a_sensation_eases_off_the_stretchs_remaining_holds_at_once(
    memory_store: Store, catalog: Catalog
) -> None:
    """8/10 on the first hold: every later hold of that stretch is 5 s shorter (within its
    safe range), the timer says so, the event is logged; other stretches are unchanged."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    _to_hold(session, clock, ROTATION)
    before = {p.stretch_id: p.duration_s for p in session.runner.timeline.holds()}
    clock.now += session.runner.phase.duration_s
    session.tick()
    target = session.logged[-1].entry.target_s
    session.rate(target, 8)
    later = session.runner.timeline.phases[session.runner.index + 1 :]
    eased = [p.duration_s for p in later if p.kind == "hold" and p.stretch_id == ROTATION]
    low = session.routine.item(ROTATION).prescription.bounds.min_s
    assert eased and all(d == max(low, target - 5) for d in eased)
    assert all(
        "Ease off" in p.partner_prompt
        for p in later
        if p.stretch_id == ROTATION and p.kind == "hold"
    )
    others = [p for p in later if p.kind == "hold" and p.stretch_id != ROTATION]
    assert all(p.duration_s == before[p.stretch_id] for p in others)
    assert (
        session.notices[-1].kind == "eased-off" and "ease off at once" in session.notices[-1].text
    )
    session.rate(target, 9)  # a second rating of the same hold does not ease twice
    assert [p.duration_s for p in later if p.kind == "hold" and p.stretch_id == ROTATION] == eased
    kinds = [e.event.kind for e in memory_store.sessions.events(session.session_id or 0)]
    assert kinds == ["eased-off"]


def test_the_warm_up_is_run_unless_the_client_warmed_up_elsewhere(
    memory_store: Store, catalog: Catalog
) -> None:
    """By default the session begins with its warm-up; warmed up elsewhere, it begins at the
    first stretch and the session's log says so."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start(warmed_up_elsewhere=True)
    assert session.runner.phase.kind == "get-ready"
    [event] = memory_store.sessions.events(session.session_id or 0)
    assert event.event.kind == "warm-up-elsewhere"
    assert "Warmed up elsewhere" in memory_store.sessions.get(session.session_id or 0).note


def test_a_hypermobile_client_is_never_asked_to_go_further_and_sees_what_to_watch(
    memory_store: Store, catalog: Catalog
) -> None:
    """Never assist into end range: no phase prompts 'Can you go a little further?'; each
    get-ready and hold shows the stretch's own safety notes."""
    clock = FakeClock()
    client = _client(memory_store, catalog, hypermobility=True)
    session = _session(memory_store, catalog, client, clock)
    phases = session.runner.timeline.phases
    assert all(END_RANGE_PROMPT not in p.partner_prompt for p in phases)
    supine = [p for p in phases if p.stretch_id == SUPINE and p.kind in ("get-ready", "hold")]
    assert supine
    assert all(
        "Never force the knee to the floor if the shoulder lifts." in p.watch_for for p in supine
    )
    plain = _client(memory_store, catalog)
    other = _session(memory_store, catalog, plain, clock)
    assert any(END_RANGE_PROMPT in p.partner_prompt for p in other.runner.timeline.phases)


ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("tick"), st.integers(1, 40)),
        st.tuples(st.sampled_from(["skip", "pause", "go_on", "end", "stop"]), st.just(0)),
        st.tuples(st.sampled_from(["numbness-tingling", "sharp-pain"]), st.just(0)),
        st.tuples(st.just("rate"), st.integers(0, 10)),
    ),
    max_size=40,
)


def _act(session: GuidedSession, clock: FakeClock, action: str, value: int) -> None:
    if action == "tick":
        clock.now += value
        session.tick()
    elif action in ("numbness-tingling", "sharp-pain"):
        session.flag(action)  # type: ignore[arg-type]
    elif action == "rate":
        if session.logged:
            session.rate(session.logged[-1].entry.held_s, value)
    else:
        {
            "skip": session.skip,
            "pause": session.pause_or_resume,
            "go_on": session.go_on,
            "end": session.end_after_pain,
            "stop": session.stop,
        }[action]()


@settings(max_examples=60, deadline=None)
@given(actions=ACTIONS)
def test_no_sequence_of_actions_makes_a_flagged_session_look_safer(
    actions: list[tuple[str, int]],
) -> None:
    """Whatever is pressed in whatever order: no hold follows numbness, a flag always leaves
    the session flagged and the client not ready, and no hold ever aims above its plan."""
    catalog = default_catalog()
    with Store.open(":memory:") as store:
        clock = FakeClock()
        client = _client(store, catalog)
        session = _session(store, catalog, client, clock)
        planned = {
            (p.stretch_id, p.side, p.rep): p.duration_s for p in session.runner.timeline.holds()
        }
        session.start()
        sid = session.session_id or 0
        flagged, numb_at = False, None
        for action, value in actions:
            was_running = session.running
            _act(session, clock, action, value)
            if action in ("numbness-tingling", "sharp-pain") and was_running:
                flagged = True
                if action == "numbness-tingling":
                    numb_at = len(store.sessions.holds(sid))
        holds = store.sessions.holds(sid)
        assert all(
            h.entry.target_s <= planned[(h.entry.stretch_id, h.entry.side, h.entry.rep)]
            for h in holds
        )
        if numb_at is not None:
            assert len(holds) == numb_at and not session.running
        if flagged:
            assert store.sessions.get(sid).status == "flagged"
            assert not readiness(store, catalog, client, TODAY).ready
