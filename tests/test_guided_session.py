"""The session service drives whole sessions on a fake clock, with no widget: it records every
hold and event, and the safety rules hold while the client is being stretched."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.errors import ValidationError
from stretchkit.i18n import _, use_language
from stretchkit.planning.planner import plan
from stretchkit.planning.prescription import safe_hold
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import END_RANGE_PROMPT, asks_further
from stretchkit.progress.attention import needs_attention
from stretchkit.progress.back_feel import BackRating
from stretchkit.screening import screen
from stretchkit.screening.intake import Clearance, Injury, Intake
from stretchkit.services.guided_session import LINK_REVOKED, GuidedSession
from stretchkit.services.readiness import readiness
from stretchkit.session.log import HOME_SHARP_PAIN_GUIDANCE, HoldEntry, SessionEvent
from stretchkit.store import Store
from tests.clocks import FakeClock
from tests.hypothesis_profiles import examples

TODAY = date(2026, 11, 2)
ROTATION = "seated-thoracic-rotation"
SUPINE = "supine-thoracic-rotation"


def _client(store: Store, catalog: Catalog, age: int = 40, **answers: object) -> int:
    client = store.clients.add(ClientDetails("Robin Ashdown")).id
    intake = Intake(TODAY - timedelta(days=30), age, **answers)  # type: ignore[arg-type]
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


@pytest.mark.parametrize(
    ("kind", "note", "says"),
    [
        ("sharp-pain", "Sharp pain during", "Ease the client out of the position slowly"),
        ("weakness", "Weakness during", "Ease the client out of the position slowly"),
    ],
)
def test_sharp_pain_and_weakness_end_the_session_as_numbness_does(
    memory_store: Store, catalog: Catalog, kind: str, note: str, says: str
) -> None:
    """No choice to go on: the session ends flagged at once, no further hold can be logged,
    the flag is a health change whose note names it, and the client must be re-screened."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    _to_hold(session, clock)
    session.flag(kind)  # type: ignore[arg-type]
    sid = session.session_id or 0
    assert not session.running and session.ended_status == "flagged"
    assert not hasattr(session, "go_on") and session.skip() == [] and session.tick() == []
    [hold] = memory_store.sessions.holds(sid)
    assert hold.entry.flagged
    assert [e.event.kind for e in memory_store.sessions.events(sid)] == [kind]
    [change] = memory_store.screenings.health_changes(client)
    assert change.note.startswith(note)
    assert says in session.notices[-1].text and session.notices[-1].kind == kind
    assert not readiness(memory_store, catalog, client, TODAY).ready


def test_a_painful_rating_ends_the_session_like_sharp_pain(
    memory_store: Store, catalog: Catalog
) -> None:
    """A hold rated 9/10 is pain, not a rating that eases off: the hold and session are
    flagged, a health change is reported, the session ends and the client is re-screened."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    _to_hold(session, clock, ROTATION)
    clock.now += session.runner.phase.duration_s
    session.tick()
    session.rate(session.logged[-1].entry.held_s, 9)
    sid = session.session_id or 0
    assert not session.running and session.ended_status == "flagged"
    assert session.logged[-1].entry.flagged and session.notices[-1].kind == "painful"
    assert [e.event.kind for e in memory_store.sessions.events(sid)] == ["painful"]
    [change] = memory_store.screenings.health_changes(client)
    assert change.note == "Pain rated 9-10/10: 9/10 in Seated Thoracic Rotation"
    assert not readiness(memory_store, catalog, client, TODAY).ready


def test_ten_out_of_ten_on_the_last_hold_flags_a_session_already_complete(
    memory_store: Store, catalog: Catalog
) -> None:
    """Rated after the session ran out: it is flagged all the same, never left 'completed'."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    _run_out(session, clock)
    assert session.ended_status == "completed"
    session.rate(session.logged[-1].entry.held_s, 10)
    assert str(session.ended_status) == "flagged"
    assert memory_store.sessions.get(session.session_id or 0).status == "flagged"
    assert not readiness(memory_store, catalog, client, TODAY).ready


def test_a_log_written_when_sharp_pain_offered_a_choice_still_reads(
    memory_store: Store, catalog: Catalog
) -> None:
    """Older sessions recorded "went on" or "ended after pain": no session writes them now,
    but the store reads them back with their words."""
    client = _client(memory_store, catalog)
    sid = memory_store.sessions.start(client, None).id
    for kind in ("sharp-pain", "went-on", "ended-after-pain"):
        memory_store.sessions.record_event(sid, SessionEvent(kind, ROTATION))  # type: ignore[arg-type]
    texts = [e.event.text for e in memory_store.sessions.events(sid)]
    assert texts[1:] == [
        "After sharp pain, the trainer went on with the next stretch",
        "After sharp pain, the session was ended",
    ]


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
    session.rate(target, 8)  # a second rating of the same hold does not ease twice
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


def _older_client_at_sixty(store: Store, catalog: Catalog) -> tuple[int, Routine, int]:
    """A 70-year-old whose routine holds both rotations for 60 s (the top of ACSM's 30-60 s)."""
    client = _client(store, catalog, age=70)
    routine, _ = _routine(store, catalog, client)
    for stretch in (ROTATION, SUPINE):
        for side in routine.item(stretch).prescription.sides:
            routine = routine.with_hold(stretch, side, 60)
    return client, routine, store.routines.save(client, routine).id


def _rescreen(
    store: Store, client: int, catalog: Catalog, age: int = 40, **answers: object
) -> None:
    store.screenings.add(client, screen(Intake(TODAY, age, **answers), catalog))  # type: ignore[arg-type]


def test_start_runs_on_the_screening_saved_after_the_page_opened(
    memory_store: Store, catalog: Catalog
) -> None:
    """Made from a plan, then a re-screen ticks hypermobility, then Start: the first hold is
    the article's low end, not 60 s, no phase asks to go further, "Watch for" shows the
    hypermobility caution, and the timer says what changed and why."""
    clock = FakeClock()
    client, routine, routine_id = _older_client_at_sixty(memory_store, catalog)
    session = GuidedSession(
        memory_store,
        catalog,
        client,
        routine,
        routine_id=routine_id,
        clock=clock,
        today=lambda: TODAY,
    )
    first = session.runner.timeline.holds()[0]
    assert first.duration_s == 60
    assert any(END_RANGE_PROMPT in p.partner_prompt for p in session.runner.timeline.phases)
    _rescreen(memory_store, client, catalog, age=70, hypermobility=True)
    session.start(warmed_up_elsewhere=True)
    low = catalog.stretch(ROTATION).hold.min_s
    holds = session.runner.timeline.holds()
    assert holds[0].stretch_id == ROTATION and holds[0].duration_s == low == 20
    assert all(END_RANGE_PROMPT not in p.partner_prompt for p in session.runner.timeline.phases)
    assert any("never assist into end range" in w for w in holds[0].watch_for)
    said = next(n.text for n in session.notices if n.kind == "plan-changed")
    assert said.startswith("Hold targets changed since this page opened: the screening of 2 Nov")
    assert "Hypermobility" in said and "Seated Thoracic Rotation now 20 s (was 60 s)" in said
    [logged] = memory_store.sessions.events(session.session_id or 0)[1:]
    detail = "the screening of 2 Nov 2026: 7 stretches re-targeted"
    assert (logged.event.kind, logged.event.detail) == ("plan-changed", detail)
    clock.now += 15
    session.tick()
    clock.now += 25
    session.tick()
    assert session.logged[0].entry.target_s == 20


def test_a_re_screen_during_the_session_shortens_the_holds_still_to_come(
    memory_store: Store, catalog: Catalog
) -> None:
    """Saved while a 60 s hold runs: that hold ends as planned, then before the next phase
    the later holds come within the new screening (never longer), lose "go further", and
    the timer says so; the change is logged."""
    clock = FakeClock()
    client, routine, routine_id = _older_client_at_sixty(memory_store, catalog)
    session = GuidedSession(
        memory_store,
        catalog,
        client,
        routine,
        routine_id=routine_id,
        clock=clock,
        today=lambda: TODAY,
    )
    session.start(warmed_up_elsewhere=True)
    _to_hold(session, clock, ROTATION)
    _rescreen(memory_store, client, catalog, age=70, hypermobility=True)
    clock.now += 60
    session.tick()
    assert session.logged[0].entry.target_s == 60
    later = [p for p in session.runner.timeline.phases[session.runner.index :] if p.kind == "hold"]
    assert all(p.duration_s <= catalog.stretch(p.stretch_id).hold.min_s for p in later)
    assert all(END_RANGE_PROMPT not in p.partner_prompt for p in later)
    said = session.notices[-1].text
    assert said.startswith("Hold targets changed during the session: the screening of 2 Nov")
    assert "Seated Thoracic Rotation now 20 s (was 60 s)" in said
    kinds = [e.event.kind for e in memory_store.sessions.events(session.session_id or 0)]
    assert kinds == ["warm-up-elsewhere", "plan-changed"]


def test_a_back_too_painful_to_stretch_refuses_start_in_the_session_itself(
    memory_store: Store, catalog: Catalog
) -> None:
    """Pain above 7/10 tapped before Start: no session opens, the notice says why, and the
    rating is kept once (pressing Start again with the same numbers saves nothing more)."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    rated = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    feel = BackRating(rated, 3, 8, "studio")
    assert session.start(feel=feel) == [] and session.start(feel=feel) == []
    assert session.session_id is None and memory_store.sessions.of_client(client) == []
    assert session.notices[-1].kind == "too-painful" and "no stretching today" in (
        session.notices[-1].text
    )
    assert len(memory_store.back_ratings.of_client(client)) == 1
    session.start(feel=BackRating(rated, 3, 4, "studio"))
    assert session.session_id is not None


@pytest.mark.parametrize(
    "answers",
    [
        {"hypermobility": True},
        {"warm_up_possible": False},
        {
            "spinal_fusion": True,
            "clearance": Clearance(TODAY - timedelta(days=40), ("spinal-fusion",), "Dr Okafor"),
        },
        {
            "recent_surgery": "back",
            "recent_surgery_on": TODAY - timedelta(days=60),
            "clearance": Clearance(TODAY - timedelta(days=40), ("recent-surgery",), "Dr Okafor"),
        },
    ],
)
def test_no_phase_asks_to_go_further_with_a_gentle_range_caution(
    memory_store: Store, catalog: Catalog, answers: dict[str, object]
) -> None:
    """Hypermobility, no warm-up possible, a cleared spinal fusion or recent surgery ("gentle
    range only"): "Can you go a little further?" is never asked once started."""
    clock = FakeClock()
    client = _client(memory_store, catalog, 40, **answers)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    assert session.session_id is not None
    assert all(END_RANGE_PROMPT not in p.partner_prompt for p in session.runner.timeline.phases)


def test_an_older_client_at_the_top_of_their_range_is_not_asked_to_go_further(
    memory_store: Store, catalog: Catalog
) -> None:
    """65 or over with the supine rotation at 60 s: not asked of that stretch; still asked of
    a stretch below the top of its range (the seated extension at 30 s)."""
    clock = FakeClock()
    client, routine, routine_id = _older_client_at_sixty(memory_store, catalog)
    session = GuidedSession(
        memory_store,
        catalog,
        client,
        routine,
        routine_id=routine_id,
        clock=clock,
        today=lambda: TODAY,
    )
    session.start()
    phases = session.runner.timeline.phases
    asked = {p.stretch_id for p in phases if END_RANGE_PROMPT in p.partner_prompt}
    assert SUPINE not in asked and "seated-thoracic-extension" in asked


def test_a_warm_up_cut_short_drops_go_further_but_one_done_elsewhere_does_not(
    memory_store: Store, catalog: Catalog
) -> None:
    """Skipping the running warm-up means no warm-up today: no "go further" for the whole
    session; "warmed up elsewhere" ticked keeps it."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start()
    session.skip()
    assert all(END_RANGE_PROMPT not in p.partner_prompt for p in session.runner.timeline.phases)
    assert "warm-up was cut short" in session.notices[-1].text
    other = _session(memory_store, catalog, client, clock)
    other.start(warmed_up_elsewhere=True)
    assert any(END_RANGE_PROMPT in p.partner_prompt for p in other.runner.timeline.phases)


def test_an_eased_off_stretch_is_not_asked_to_go_further_and_the_defaults_are_labelled(
    memory_store: Store, catalog: Catalog
) -> None:
    """After 8/10 the rest of that stretch never asks "Can you go a little further?", and the
    notice labels 8/10 and the 5 s step as stretchkit's own defaults."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    session = _session(memory_store, catalog, client, clock)
    session.start(warmed_up_elsewhere=True)
    _to_hold(session, clock, ROTATION)
    clock.now += session.runner.phase.duration_s
    session.tick()
    session.rate(session.logged[-1].entry.held_s, 8)
    rest = session.runner.timeline.phases[session.runner.index :]
    assert all(END_RANGE_PROMPT not in p.partner_prompt for p in rest if p.stretch_id == ROTATION)
    assert any(END_RANGE_PROMPT in p.partner_prompt for p in rest if p.stretch_id == SUPINE)
    said = session.notices[-1].text
    assert "8/10 as too intense, and the 5 s step, are stretchkit's own defaults" in said


FLAGS = ("numbness-tingling", "sharp-pain", "weakness")
RESCREENS = (
    {"age": 70},
    {"age": 70, "hypermobility": True},
    {"age": 40, "warm_up_possible": False},
    {"age": 40},
)
ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("tick"), st.integers(1, 40)),
        st.tuples(st.sampled_from(["skip", "pause", "stop"]), st.just(0)),
        st.tuples(st.sampled_from(FLAGS), st.just(0)),
        st.tuples(st.just("rate"), st.integers(0, 10)),
        st.tuples(st.just("rescreen"), st.integers(0, len(RESCREENS) - 1)),
    ),
    max_size=40,
)


def _act(session: GuidedSession, clock: FakeClock, action: str, value: int) -> None:
    if action == "tick":
        clock.now += value
        session.tick()
    elif action in FLAGS:
        session.flag(action)  # type: ignore[arg-type]
    elif action == "rate":
        if session.logged:
            session.rate(session.logged[-1].entry.held_s, value)
    elif action == "rescreen":
        answers = dict(RESCREENS[value])
        _rescreen(session.store, session.client_id, session.catalog, **answers)  # type: ignore[arg-type]
    else:
        {"skip": session.skip, "pause": session.pause_or_resume, "stop": session.stop}[action]()


def _allowed_now(store: Store, catalog: Catalog, client: int) -> tuple[dict[str, int], bool]:
    """The longest hold the current screening allows per stretch, and whether it keeps every
    stretch gentle (no "go further")."""
    saved = store.screenings.latest(client)
    assert saved is not None
    intake = saved.intake
    longest = {s.id: safe_hold(s, intake, catalog).range.max_s for s in catalog.stretches}
    return longest, intake.hypermobility or not intake.warm_up_possible


class _Watch:
    """What the property checks as the session goes: each hold's bound and gentleness when it
    began, and which stretches were eased off."""

    def __init__(self, session: GuidedSession, store: Store, catalog: Catalog) -> None:
        self.session, self.store, self.catalog = session, store, catalog
        self.at_start: dict[tuple[str, str, int], tuple[int, bool]] = {}
        self.eased: set[str] = set()
        self.seen_logged = 0

    def after(self, action: str, value: int) -> None:
        session = self.session
        longest, gentle = _allowed_now(self.store, self.catalog, session.client_id)
        for hold in session.logged[self.seen_logged :]:
            e = hold.entry
            bound = self.at_start.get((e.stretch_id, e.side, e.rep), (longest[e.stretch_id],))[0]
            assert e.target_s <= bound
        self.seen_logged = len(session.logged)
        if action == "rate" and value >= 8 and session.logged:
            self.eased.add(session.logged[-1].entry.stretch_id)
        phase = session.runner.phase
        if session.running and phase.kind == "hold":
            key = (phase.stretch_id, phase.side, phase.rep)
            bound, was_gentle = self.at_start.setdefault(key, (longest[phase.stretch_id], gentle))
            assert phase.duration_s <= bound
            if phase.stretch_id in self.eased or was_gentle:
                assert END_RANGE_PROMPT not in phase.partner_prompt
                assert not asks_further(phase)


@settings(max_examples=examples(60), deadline=None)
@given(actions=ACTIONS)
def test_no_sequence_of_re_screens_flags_and_ratings_makes_the_session_less_safe(
    actions: list[tuple[str, int]],
) -> None:
    """Whatever is pressed, rated or re-screened in whatever order: no hold runs longer than
    the screening current when it began allows, no "go further" follows an ease-off or a
    gentle-range screening, nothing is logged after a flag, and a flagged client is not ready
    until a newer screening is saved."""
    catalog = default_catalog()
    with Store.open(":memory:") as store:
        clock = FakeClock()
        client, routine, routine_id = _older_client_at_sixty(store, catalog)
        session = GuidedSession(
            store,
            catalog,
            client,
            routine,
            routine_id=routine_id,
            clock=clock,
            today=lambda: TODAY,
        )
        session.start()
        sid = session.session_id or 0
        watch = _Watch(session, store, catalog)
        flagged_at: int | None = None
        rescreened_after_flag = False
        for action, value in actions:
            was_running, holds_before = session.running, len(store.sessions.holds(sid))
            _act(session, clock, action, value)
            watch.after(action, value)
            ended_by_flag = was_running and (action in FLAGS or (action == "rate" and value >= 9))
            if ended_by_flag and session.logged:
                flagged_at, rescreened_after_flag = len(store.sessions.holds(sid)), False
                assert not session.running
            if action == "rescreen" and flagged_at is not None:
                rescreened_after_flag = True
            if flagged_at is not None and action != "rescreen":
                assert len(store.sessions.holds(sid)) == max(flagged_at, holds_before)
        if flagged_at is not None:
            assert store.sessions.get(sid).status == "flagged"
            if not rescreened_after_flag:
                assert not readiness(store, catalog, client, TODAY).ready


def _late_from_get_ready(session: GuidedSession, clock: FakeClock) -> int:
    """Start at the get-ready and return its phase id after its time ran out: the next hold
    has just begun, as when a tap made on the get-ready reaches the session late."""
    session.start(warmed_up_elsewhere=True)
    assert session.runner.phase.kind == "get-ready"
    seen = session.phase_id
    clock.now += session.runner.phase.duration_s + 0.2
    session.tick()
    assert session.runner.phase.kind == "hold" and session.phase_id != seen
    return seen


def test_a_skip_tapped_during_get_ready_never_logs_a_hold_of_the_next_phase(
    memory_store: Store, catalog: Catalog
) -> None:
    """A Skip tapped on the get-ready that arrives once the hold began is ignored: no 0 s hold
    is logged and the hold runs on; a Skip tapped on the hold itself ends it."""
    clock = FakeClock()
    session = _session(memory_store, catalog, _client(memory_store, catalog), clock)
    seen = _late_from_get_ready(session, clock)
    assert session.skip(seen) == []
    assert session.runner.phase.kind == "hold" and session.logged == []
    clock.now += 4
    session.skip(session.phase_id)
    [hold] = session.logged
    assert hold.entry.held_s == 4


def test_stop_asks_once_and_ends_on_the_phase_the_person_saw(
    memory_store: Store, catalog: Catalog
) -> None:
    """Stop tapped on the get-ready, arriving once the hold began, asks "End the session?"
    once (a second tap changes nothing, the countdown waits); ending then logs no 0 s hold."""
    clock = FakeClock()
    session = _session(memory_store, catalog, _client(memory_store, catalog), clock)
    seen = _late_from_get_ready(session, clock)
    session.ask_stop(seen)
    session.ask_stop(session.phase_id)
    assert session.stop_asked == seen and session.runner.state == "paused"
    assert session.skip() == [] and session.pause_or_resume() == []
    clock.now += 30
    session.stop()
    assert session.ended_status == "stopped" and session.stop_asked is None
    assert memory_store.sessions.holds(session.session_id or 0) == []


def test_keep_going_after_stop_goes_on_where_the_countdown_was(
    memory_store: Store, catalog: Catalog
) -> None:
    """Answering "Keep going" resumes the hold with the seconds it had left; Stop on the
    current hold, ended, logs the seconds actually held."""
    clock = FakeClock()
    session = _session(memory_store, catalog, _client(memory_store, catalog), clock)
    session.start(warmed_up_elsewhere=True)
    _to_hold(session, clock)
    left = session.runner.remaining()
    session.ask_stop(session.phase_id)
    clock.now += 60
    session.keep_going()
    assert session.running and session.stop_asked is None
    assert session.runner.state == "running" and session.runner.remaining() == left
    clock.now += 2
    session.ask_stop(session.phase_id)
    session.stop()
    [hold] = session.logged
    assert hold.entry.held_s == 5 and session.ended_status == "stopped"


@pytest.mark.parametrize("language", ["es", "de"])
def test_a_home_session_in_spanish_or_german_keeps_the_log_in_english(
    memory_store: Store, catalog: Catalog, language: str
) -> None:
    """The client reads the phase and what to do now in their language; the flag's note and
    the eased-off event the trainer reads in the log name the stretch and the hold in English."""
    clock = FakeClock()
    client = _client(memory_store, catalog)
    with use_language(language):
        session = _session(memory_store, catalog, client, clock, place="home")
        session.start()
        _to_hold(session, clock, ROTATION)
        shown = session.runner.phase.title
        clock.now += session.runner.remaining() + 0.1
        session.tick()
        session.rate(session.logged[-1].entry.held_s, 8)
        _to_hold(session, clock, ROTATION)
        session.flag("sharp-pain")
    english = catalog.stretch(ROTATION).name
    assert english not in shown and "hold" not in shown
    [change] = memory_store.screenings.health_changes(client)
    said = rf"Sharp pain during {english} - (left|right) side, hold \d of \d"
    assert re.fullmatch(said, change.note)
    events = memory_store.sessions.events(session.session_id or 0)
    eased = next(e.event for e in events if e.event.kind == "eased-off")
    assert re.fullmatch(rf"\d+ holds? of {english} now \d+ s \(were up to \d+ s\)", eased.detail)
    assert session.notices[-1].text == _(HOME_SHARP_PAIN_GUIDANCE, language)
    assert session.notices[-1].text != HOME_SHARP_PAIN_GUIDANCE
