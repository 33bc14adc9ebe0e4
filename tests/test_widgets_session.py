"""The session timer and panel driven headlessly with a hand-driven clock: time, buttons, log."""

from __future__ import annotations

import re
from datetime import timedelta

import ipywidgets as w
import pytest

from stretchkit.catalog import Catalog
from stretchkit.clients import ClientDetails
from stretchkit.planning.planner import plan
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import END_RANGE_PROMPT
from stretchkit.screening import screen
from stretchkit.screening.intake import Clearance, Intake
from stretchkit.services.readiness import readiness
from stretchkit.store import Store
from stretchkit.widgets.kit.session_timer import SessionTimer, clock_text
from stretchkit.widgets.workbook.session_panel import SessionPanel
from tests.clocks import FakeClock
from tests.today import clock_today

ROTATION = "seated-thoracic-rotation"


def _client(store: Store, catalog: Catalog, age: int = 40, **answers: object) -> int:
    client = store.clients.add(ClientDetails("Robin Ashdown"))
    screened = clock_today() - timedelta(days=30)  # the store's clock stamps the session
    intake = Intake(screened, age, **answers)  # type: ignore[arg-type]
    store.screenings.add(client.id, screen(intake, catalog))
    return client.id


def _routine(store: Store, catalog: Catalog, client: int, budget: int = 8) -> Routine:
    ready = readiness(store, catalog, client, clock_today())
    assert ready.screening is not None
    routine = plan(ready.screening, catalog, goals=["rotation"], budget_min=budget + 5)
    store.routines.save(client, routine)
    return routine


@pytest.fixture
def setup(memory_store: Store, catalog: Catalog) -> tuple[SessionTimer, FakeClock, Store]:
    client = _client(memory_store, catalog)
    routine = _routine(memory_store, catalog, client)
    clock = FakeClock()
    saved = memory_store.routines.current(client)
    assert saved is not None
    timer = SessionTimer(
        memory_store, client, routine, catalog, routine_id=saved.id, clock=clock, autorun=False
    )
    timer.warmed_up.value = True  # most tests start at the first stretch
    return timer, clock, memory_store


def _advance(timer: SessionTimer, clock: FakeClock, seconds: float) -> None:
    clock.now += seconds
    timer.tick()


def test_the_countdown_reads_minutes_and_seconds_rounded_up() -> None:
    """0.2 s left still shows 0:01; 75 s shows 1:15; nothing negative."""
    assert [clock_text(s) for s in (75, 20, 0.2, 0, -3)] == ["1:15", "0:20", "0:01", "0:00", "0:00"]


def test_nothing_is_stored_before_start_and_start_opens_a_session(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """The timer waits for Start; Start opens an in-progress session and a get-ready phase."""
    timer, clock, store = setup
    _advance(timer, clock, 60)
    assert timer.session_id is None and timer.runner.state == "ready"
    timer.start_button.click()
    assert timer.session_id is not None
    assert store.sessions.get(timer.session_id).status == "in-progress"
    assert "sk-phase-get-ready" in timer.title.value and "0:10" in timer.countdown.value


def test_a_hold_is_saved_when_its_time_is_up_and_can_be_rated(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """After get-ready and the hold, one hold is in the store with the full time; rating and
    correcting it updates the same row."""
    timer, clock, store = setup
    timer.start_button.click()
    _advance(timer, clock, 10)
    assert "sk-phase-hold" in timer.title.value
    _advance(timer, clock, 19.9)
    assert store.sessions.holds(timer.session_id or 0) == []
    _advance(timer, clock, 0.2)
    [hold] = store.sessions.holds(timer.session_id or 0)
    assert (hold.entry.held_s, hold.entry.target_s, hold.entry.sensation) == (20, 20, None)
    assert timer.held.value == "20" and timer.audio.autoplay
    timer.sensation.value = 3
    timer.held.value = "18"
    [hold] = store.sessions.holds(timer.session_id or 0)
    assert (hold.entry.held_s, hold.entry.sensation) == (18, 3)
    assert "3/10" in timer.log_table.value


def test_a_bad_correction_is_shown_by_the_field_and_keeps_what_was_typed(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """Typing 'lots' or 10000 into the seconds field shows an error and changes nothing."""
    timer, clock, store = setup
    timer.start_button.click()
    _advance(timer, clock, 31)
    for typed in ("lots", "10000"):
        timer.held.value = typed
        assert "seconds held" in timer.log_error.value and typed in timer.log_error.value
        assert timer.held.value == typed
    [hold] = store.sessions.holds(timer.session_id or 0)
    assert hold.entry.held_s == 20


def test_pause_freezes_the_countdown_and_resume_continues_it(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """A pause of 5 minutes inside a hold does not end it; the held time excludes the pause."""
    timer, clock, store = setup
    timer.start_button.click()
    _advance(timer, clock, 15)  # 5 s into the hold
    timer.pause_button.click()
    assert timer.pause_button.description == "Resume"
    _advance(timer, clock, 300)
    assert "0:15" in timer.countdown.value
    timer.pause_button.click()
    _advance(timer, clock, 14)
    assert store.sessions.holds(timer.session_id or 0) == []
    _advance(timer, clock, 1)
    [hold] = store.sessions.holds(timer.session_id or 0)
    assert hold.entry.held_s == 20


def test_skip_during_a_hold_logs_the_seconds_actually_held(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """Skipping 7 s into a 20 s hold logs 7 s and moves on to the release."""
    timer, clock, store = setup
    timer.start_button.click()
    _advance(timer, clock, 17)
    timer.skip_button.click()
    [hold] = store.sessions.holds(timer.session_id or 0)
    assert hold.entry.held_s == 7
    assert "sk-phase-release" in timer.title.value


def test_a_late_skip_from_the_get_ready_is_ignored_and_stop_asks_once(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """The get-ready's Skip, tapped as the hold begins, carries the get-ready's phase: it
    logs nothing. Stop asks "End the session?" once, with the countdown's buttons off until
    it is answered; "End session" ends it with no 0 s hold."""
    timer, clock, store = setup
    timer.start_button.click()
    late_skip, late_stop = timer.skip_button, timer.stop_button
    _advance(timer, clock, 10.2)  # the hold begins; the get-ready's buttons are still shown
    assert "sk-phase-hold" in timer.title.value and timer.skip_button is not late_skip
    late_skip.click()
    assert "sk-phase-hold" in timer.title.value and timer.logged == []
    late_stop.click()
    assert "End the session?" in timer.stop_question.value
    assert timer.stop_confirm.layout.display is None
    assert timer.skip_button.disabled and timer.stop_button.disabled
    assert not timer.flag_button.disabled  # a flag can always be pressed
    timer.stop_button.click()  # no second question
    timer.end_button.click()
    assert store.sessions.get(timer.session_id or 0).status == "stopped"
    assert store.sessions.holds(timer.session_id or 0) == []
    assert timer.stop_confirm.layout.display == "none"


def test_keep_going_answers_stop_and_the_session_goes_on(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """Keep going closes the question and the countdown runs on from where it was."""
    timer, clock, store = setup
    timer.start_button.click()
    _advance(timer, clock, 15)
    timer.stop_button.click()
    _advance(timer, clock, 30)
    assert "sk-phase-hold" in timer.title.value
    timer.keep_button.click()
    assert timer.stop_confirm.layout.display == "none" and not timer.skip_button.disabled
    _advance(timer, clock, 1)
    timer.skip_button.click()
    [hold] = store.sessions.holds(timer.session_id or 0)
    assert hold.entry.held_s == 6


def test_a_whole_session_logs_every_hold_and_completes(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """Letting time run to the end logs one hold per planned hold, sides alternating."""
    timer, clock, store = setup
    timer.start_button.click()
    while timer.runner.state == "running":
        _advance(timer, clock, 3)
    holds = store.sessions.holds(timer.session_id or 0)
    expected = [(p.stretch_id, p.side, p.rep) for p in timer.timeline.holds()]
    assert [(h.entry.stretch_id, h.entry.side, h.entry.rep) for h in holds] == expected
    assert [h.entry.side for h in holds][:4] == ["left", "right", "left", "right"]
    assert store.sessions.get(timer.session_id or 0).status == "completed"
    assert "Session complete" in timer.message.value
    assert timer.start_button.disabled and timer.stop_button.disabled


def test_stop_ends_the_session_keeping_what_was_logged(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """Stop in the middle, answered "End session": the session is 'stopped' and its holds
    stay."""
    timer, clock, store = setup
    timer.start_button.click()
    _advance(timer, clock, 50)
    timer.stop_button.click()
    timer.end_button.click()
    session = store.sessions.get(timer.session_id or 0)
    assert session.status == "stopped" and session.ended is not None
    assert len(store.sessions.holds(session.id)) == 2


def test_numbness_during_a_hold_ends_the_session_and_asks_for_a_re_screen(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """Numbness or tingling in the middle of a hold: the hold is logged flagged, the session
    ends (no Resume), the trainer reads what to do, and the screening no longer holds."""
    timer, clock, store = setup
    timer.start_button.click()
    _advance(timer, clock, 14)
    timer.flag_button.click()
    [hold] = store.sessions.holds(timer.session_id or 0)
    assert hold.entry.flagged and hold.entry.held_s == 4
    assert timer.runner.state == "stopped" and timer.ended_status == "flagged"
    assert timer.pause_button.disabled and timer.skip_button.disabled
    assert "healthcare professional" in timer.message.value
    assert "no further hold is logged today" in timer.message.value
    assert "sk-seek-guidance" in timer.message.value and "weakness" in timer.message.value
    saved = store.screenings.latest(timer.client_id)
    assert saved is not None
    assert store.screenings.validity_of(saved, clock_today()).state == "health-changed"
    _advance(timer, clock, 600)
    assert len(store.sessions.holds(timer.session_id or 0)) == 1


def test_sharp_pain_ends_the_session_with_what_to_do_now_and_no_choice(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """Sharp pain: the session ends at once, flagged, with no "go on" choice; the trainer
    reads to ease the client out slowly, and the seek-guidance list is open."""
    timer, clock, store = setup
    timer.start_button.click()
    assert timer.warmed_up.layout.display == "none"
    assert timer.pain_button.description == "Sharp pain: end session"
    _advance(timer, clock, 14)
    timer.pain_button.click()
    assert timer.runner.state == "stopped" and timer.ended_status == "flagged"
    assert not hasattr(timer, "choice") and not hasattr(timer, "go_on_button")
    assert all(b.disabled for b in (timer.pause_button, timer.skip_button, timer.pain_button))
    assert "Ease the client out of the position slowly" in timer.message.value
    assert '<details class="sk-seek-guidance" open>' in timer.message.value
    events = [e.event.kind for e in store.sessions.events(timer.session_id or 0)]
    assert events == ["warm-up-elsewhere", "sharp-pain"]
    _advance(timer, clock, 600)
    assert len(store.sessions.holds(timer.session_id or 0)) == 1


def test_weakness_has_its_own_button_and_ends_the_session_as_a_health_change(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """*Weakness: end session* stops it flagged; the health change's note begins "Weakness"."""
    timer, clock, store = setup
    assert timer.weakness_button.disabled
    timer.start_button.click()
    _advance(timer, clock, 14)
    timer.weakness_button.click()
    assert timer.runner.state == "stopped" and timer.ended_status == "flagged"
    assert "Weakness" in timer.message.value
    [change] = store.screenings.health_changes(timer.client_id)
    assert change.note.startswith("Weakness during")


def test_the_sensation_scale_names_its_bands_and_a_painful_tap_ends_the_session(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """The scale reads 0 nothing ... 8 too intense, 9-10 painful, as stretchkit's own reading;
    tapping 9 on a hold ends the session flagged, as sharp pain does."""
    timer, clock, store = setup
    scale = _text_of(timer.log_box)
    assert "8 too intense, 9-10 painful" in scale and "stretchkit's own reading" in scale
    timer.start_button.click()
    _advance(timer, clock, 10)
    _advance(timer, clock, timer.runner.phase.duration_s)
    assert timer.logged and timer.runner.state == "running"
    timer.sensation.value = 9
    assert str(timer.runner.state) == "stopped" and timer.ended_status == "flagged"
    assert "painful" in timer.message.value and "Session ended" in timer.title.value
    assert store.sessions.get(timer.session_id or 0).status == "flagged"


def test_start_runs_the_holds_of_a_screening_saved_after_the_timer_opened(
    memory_store: Store, catalog: Catalog
) -> None:
    """The timer opened on a 70-year-old's 60 s holds; a re-screen then ticks hypermobility:
    Start runs 20 s holds with no "go further" prompt, and says what changed and why."""
    client = _client(memory_store, catalog, age=70)
    routine = _routine(memory_store, catalog, client)
    for side in routine.item(ROTATION).prescription.sides:
        routine = routine.with_hold(ROTATION, side, 60)
    routine_id = memory_store.routines.save(client, routine).id
    clock = FakeClock()
    timer = SessionTimer(
        memory_store,
        client,
        routine,
        catalog,
        routine_id=routine_id,
        clock=clock,
        autorun=False,
    )
    assert timer.timeline.holds()[0].duration_s == 60
    intake = Intake(clock_today(), 70, hypermobility=True)
    memory_store.screenings.add(client, screen(intake, catalog))
    timer.warmed_up.value = True
    timer.start_button.click()
    assert timer.timeline.holds()[0].duration_s == 20
    assert "Targets changed" in timer.message.value and "(was 60 s)" in timer.message.value
    assert "Hypermobility" in timer.watch.value or "end range" in timer.watch.value
    _advance(timer, clock, 10)
    assert timer.runner.phase.kind == "hold" and "0:20" in timer.countdown.value
    assert END_RANGE_PROMPT not in timer.cues.value


def _text_of(box: w.Widget) -> str:
    return " ".join(getattr(c, "value", "") for c in box.children if isinstance(c, w.HTML))


def test_the_panel_refuses_a_session_until_the_client_is_screened_again(
    memory_store: Store, catalog: Catalog
) -> None:
    """After a numbness flag the panel shows 're-screen' and no timer; a re-screen saying 'no'
    does not bring it back, one with a named clearance dated since the flag does."""
    client = _client(memory_store, catalog)
    _routine(memory_store, catalog, client)
    clock = FakeClock()
    panel = SessionPanel(memory_store, catalog, clock=clock, autorun=False)
    panel.picker.client.value = client
    assert panel.timer is not None
    panel.timer.start_button.click()
    clock.now += 12
    panel.timer.tick()
    panel.timer.flag_button.click()
    panel.timer.stop_button.click()
    assert "Re-screen" in panel.after.value
    panel.picker.client.value = None
    panel.picker.client.value = client
    assert panel.timer is None and "Re-screen before the next session" in panel.status.value
    memory_store.screenings.add(client, screen(Intake(clock_today(), 40), catalog))
    panel.picker.client.value = None
    panel.picker.client.value = client
    assert panel.timer is None  # 'no' to numbness after its flag: not ready
    flagged_on = memory_store.screenings.health_changes(client)[0].reported_on
    cleared = Clearance(flagged_on, ("numbness-tingling",), "Dr Ana Ortiz")
    rescreen = Intake(clock_today(), 40, numbness_tingling=True, clearance=cleared)
    memory_store.screenings.add(client, screen(rescreen, catalog))
    panel.picker.client.value = None
    panel.picker.client.value = client
    assert panel.timer is not None


def test_the_next_session_targets_follow_the_log(memory_store: Store, catalog: Catalog) -> None:
    """Two sessions completed at target with sensation 3 on one day: the third session keeps
    every target (progression counts sessions on different days), and the panel says why."""
    client = _client(memory_store, catalog)
    _routine(memory_store, catalog, client)
    clock = FakeClock()
    panel = SessionPanel(memory_store, catalog, clock=clock, autorun=False)
    assert panel.timer is None
    panel.picker.client.value = client
    assert panel.timer is not None
    first = [h.duration_s for h in panel.timer.timeline.holds()]
    for _ in range(2):
        panel.picker.client.value = None
        panel.picker.client.value = client
        timer = panel.timer
        assert timer is not None
        timer.start_button.click()
        while timer.runner.state == "running":
            clock.now += 2
            timer.tick()
            if timer.logged and timer.sensation.value is None:
                timer.sensation.value = 3
    assert "Keep 20 s" in panel.after.value and "on different days" in panel.after.value
    panel.next_session.click()
    assert panel.timer is not None
    assert [h.duration_s for h in panel.timer.timeline.holds()] == first
    week = r"(This week|First week, from \w+): 1 of \d (planned )?session days?"
    assert re.search(week, panel.targets.value)  # one day, twice (the client is new today)
    assert "sk-target-up" not in panel.targets.value


def test_a_client_without_a_routine_is_sent_to_the_planner(
    memory_store: Store, catalog: Catalog
) -> None:
    """No routine saved: the panel says to plan one and shows no timer."""
    client = _client(memory_store, catalog)
    panel = SessionPanel(memory_store, catalog, autorun=False)
    panel.picker.client.value = client
    assert panel.timer is None and "plan one" in panel.status.value


def test_the_timer_shows_the_start_position_to_get_ready_and_the_stretch_to_hold(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """Large on the timer: the start position while getting ready, the stretched position
    during the hold, nothing once the hold is released."""
    timer, clock, _store = setup
    assert timer.picture.value == ""
    timer.start_button.click()
    stretch_id = timer.runner.phase.stretch_id
    assert timer.runner.phase.kind == "get-ready" and stretch_id
    assert f'class="sk-pose sk-pose-start" data-stretch="{stretch_id}"' in timer.picture.value
    assert "max-width: 640px" in timer.picture.value
    _advance(timer, clock, 10)
    assert timer.runner.phase.kind == "hold"
    assert f'class="sk-pose sk-pose-stretched" data-stretch="{stretch_id}"' in timer.picture.value
    assert "The stretch." in timer.picture.value
    _advance(timer, clock, 30)
    assert timer.runner.phase.kind != "hold" and timer.picture.value == ""


def test_the_breathing_cue_draws_its_icon_without_an_emoji_font(
    setup: tuple[SessionTimer, FakeClock, Store],
) -> None:
    """The hold's breathing cue has an inline drawing, not an emoji a page without an emoji
    font shows as an empty box; no cue on the timer needs a character beyond the basic plane."""
    timer, clock, _store = setup
    timer.start_button.click()
    _advance(timer, clock, 10)
    assert timer.runner.phase.kind == "hold"
    html = timer.cues.value
    assert '<p class="sk-breathing"><svg class="sk-breath-icon" aria-hidden="true"' in html
    assert "&#127788;" not in html
    assert all(ord(c) < 0x10000 for c in html)
