"""What the session timer shows, as plain values, with no widget: the phase and its cues, the
countdown, the buttons, the notices and the end of the session, in the studio and at home."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.catalog import Catalog
from stretchkit.clients import ClientDetails
from stretchkit.planning.planner import plan
from stretchkit.planning.timeline import END_RANGE_PROMPT, Phase, without_end_range
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.services.guided_session import GuidedSession, Notice, NoticeKind
from stretchkit.services.readiness import readiness
from stretchkit.services.timer_view import (
    KIND_LABEL,
    TimerState,
    clock_text,
    controls_view,
    countdown_view,
    done_view,
    feel_intro,
    notice_view,
    phase_view,
    sensation_scale,
    timer_state,
    warmed_up_label,
)
from stretchkit.session.log import SENSATION_SCALE_TEXT
from stretchkit.store import Store
from stretchkit.views.timer_html import cues_html, done_html, notice_html, title_html
from tests.clocks import FakeClock

TODAY = date(2026, 11, 2)
ROTATION = "seated-thoracic-rotation"
HOLD = Phase(
    "hold",
    30,
    "Seated thoracic rotation - left 1/3",
    "Breathe out and turn.",
    partner_prompt=f"Ask: {END_RANGE_PROMPT}",
    breathing="Breathe slowly.",
    stretch_id=ROTATION,
    side="left",
    rep=1,
    reps=3,
    watch_for=("Keep the hips square.",),
    end_range=True,
)
REST = Phase("rest", 15, "Rest", "Relax.")


def _state(phase: Phase = HOLD, **changes: object) -> TimerState:
    state = TimerState(phase, REST, "running", 12.2, 100.0, 600, started=True)
    return replace(state, **changes)  # type: ignore[arg-type]


def _session(store: Store, catalog: Catalog, clock: FakeClock, place: str) -> GuidedSession:
    client = store.clients.add(ClientDetails("Robin Ashdown")).id
    store.screenings.add(client, screen(Intake(TODAY - timedelta(days=30), 40), catalog))
    ready = readiness(store, catalog, client, TODAY)
    assert ready.screening is not None
    routine = plan(ready.screening, catalog, goals=["rotation"], budget_min=13)
    saved = store.routines.save(client, routine).id
    return GuidedSession(
        store, catalog, client, routine, routine_id=saved, place=place,  # type: ignore[arg-type]
        clock=clock, today=lambda: TODAY,
    )  # fmt: skip


def _to_hold(session: GuidedSession, clock: FakeClock) -> None:
    session.start(warmed_up_elsewhere=True)
    while session.runner.phase.kind != "hold":
        session.skip()
    clock.now += 3
    session.tick()


@pytest.mark.parametrize("kind", sorted(KIND_LABEL))
def test_every_phase_kind_is_named_and_announced_with_its_length(
    kind: str, catalog: Catalog
) -> None:
    """Each kind of phase has its own label, and the announcement says the title and length."""
    view = phase_view(_state(replace(HOLD, kind=kind)), catalog)  # type: ignore[arg-type]
    assert view.label == KIND_LABEL[kind]
    assert view.announce == f"{KIND_LABEL[kind]}: {HOLD.title}, 30 s."
    assert f"sk-phase-{kind}" in title_html(view)


def test_a_hold_shows_its_cues_steps_watch_list_and_the_stretched_position(
    catalog: Catalog,
) -> None:
    """During a hold: the client's and partner's cues, breathing, the go-further prompt, the
    stretch's steps, what to watch for, the stretched picture and what comes next."""
    view = phase_view(_state(), catalog)
    assert (view.client_cue, view.breathing) == (HOLD.cue, "Breathe slowly.")
    assert view.partner_cue == f"Ask: {END_RANGE_PROMPT}"
    assert view.end_range == END_RANGE_PROMPT
    assert view.steps == catalog.stretch(ROTATION).steps
    assert view.watch_for == ("Keep the hips square.",)
    assert view.picture == "stretched"
    assert view.next_text == "Next: Rest (15 s)"
    assert 'class="sk-partner"' in cues_html(view) and "sk-breathing" in cues_html(view)


def test_getting_ready_shows_the_start_position_and_a_rest_shows_no_stretch(
    catalog: Catalog,
) -> None:
    """The start position while getting ready; a rest has no picture, steps or watch list."""
    assert phase_view(_state(replace(HOLD, kind="get-ready")), catalog).picture == "start"
    rest = phase_view(_state(replace(HOLD, kind="rest")), catalog)
    assert (rest.picture, rest.steps, rest.watch_for) == (None, (), ())


def test_a_phase_without_the_go_further_prompt_has_no_end_range_text(catalog: Catalog) -> None:
    """A stretch not invited further today has no end-range prompt."""
    view = phase_view(_state(without_end_range(HOLD)), catalog)
    assert (view.end_range, view.partner_cue) == ("", "")


def test_the_last_phase_says_it_is_the_last(catalog: Catalog) -> None:
    """With nothing after it, the phase says it is the last step of the session."""
    assert phase_view(_state(upcoming=None), catalog).next_text == "Last step of the session."


def test_the_countdown_reads_whole_seconds_rounded_up_and_the_time_left() -> None:
    """12.2 s left reads 0:13; the session's time left is said against its length."""
    view = countdown_view(_state())
    assert (view.text, view.kind, view.state) == ("0:13", "hold", "running")
    assert view.left_text == "8 min 20 s left of about 10 min"
    assert clock_text(0) == "0:00" and clock_text(61) == "1:01"


def test_before_start_only_start_and_the_warm_up_tick_can_be_used() -> None:
    """Ready: Start and the 'warmed up elsewhere' tick; nothing else can be pressed."""
    controls = controls_view(_state(state="ready", started=False))
    assert controls.start.enabled and controls.warmed_up.shown and controls.feel_shown
    others = [controls.pause, controls.skip, controls.stop, *(b for _k, b in controls.flags)]
    assert not any(b.enabled for b in others)


def test_a_paused_session_offers_resume_and_keeps_the_flags_at_hand() -> None:
    """Paused: the pause button reads Resume with a play icon; skip, stop and flags work."""
    controls = controls_view(_state(state="paused"))
    assert (controls.pause.label, controls.pause.icon) == ("Resume", "play")
    assert not controls.start.enabled and not controls.warmed_up.shown
    assert all(b.enabled for _k, b in controls.flags) and controls.stop.enabled
    assert countdown_view(_state(state="paused")).state == "paused"


def test_while_stop_asks_only_its_answers_and_the_flags_can_be_pressed() -> None:
    """Stop asked: "End the session?" with End session and Keep going; pause, skip and stop
    are off (one question, never two), the safety flags stay at hand."""
    controls = controls_view(_state(state="paused", stop_asked=True))
    assert controls.stop_question.startswith("End the session?")
    assert controls.end.shown and controls.end.enabled and controls.keep_going.enabled
    assert not any(b.enabled for b in (controls.pause, controls.skip, controls.stop))
    assert all(b.enabled for _k, b in controls.flags)
    assert controls.pause.label == "Pause"
    plain = controls_view(_state(state="paused"))
    assert plain.stop_question == "" and not plain.end.shown and not plain.keep_going.shown


@given(
    st.sampled_from(["ready", "running", "paused", "finished", "stopped"]),
    st.floats(min_value=0, max_value=3600),
)
def test_start_is_offered_only_before_and_the_flags_only_during_a_session(
    runner_state: str, remaining: float
) -> None:
    """Whatever the time left: Start only when ready; stop, skip and flags only while it runs
    or is paused; the countdown never reads below the time left."""
    state = _state(state=runner_state, remaining_s=remaining)
    controls = controls_view(state)
    going = runner_state in ("running", "paused")
    assert controls.start.enabled == (runner_state == "ready")
    assert all(b.enabled == going for _k, b in (*controls.flags, ("", controls.stop)))
    minutes, seconds = countdown_view(state).text.split(":")
    assert int(minutes) * 60 + int(seconds) >= remaining - 1e-9


def test_the_flag_buttons_name_what_they_flag_and_that_the_session_ends() -> None:
    """Numbness or tingling, weakness and sharp pain, each ending the session."""
    flags = controls_view(_state()).flags
    assert [k for k, _b in flags] == ["numbness-tingling", "weakness", "sharp-pain"]
    assert all(b.label.endswith(": end session") for _k, b in flags)


@pytest.mark.parametrize(
    ("kind", "severity", "title"),
    [
        ("numbness-tingling", "danger", "Session ended."),
        ("sharp-pain", "danger", "Session ended."),
        ("weakness", "danger", "Session ended."),
        ("painful", "danger", "Session ended."),
        ("eased-off", "warning", "Ease off."),
        ("plan-changed", "warning", "Targets changed."),
        ("not-ready", "info", ""),
        ("refused", "info", ""),
        ("too-painful", "danger", ""),
        ("error", "error", ""),
    ],
)
def test_every_notice_kind_has_its_severity_and_heading(
    kind: NoticeKind, severity: str, title: str
) -> None:
    """Each kind of notice is shown with its severity and heading, its text escaped."""
    view = notice_view(Notice(kind, "Stop <now>"))
    assert (view.severity, view.title, view.text) == (severity, title, "Stop <now>")
    assert "Stop &lt;now&gt;" in notice_html(view)


def test_a_back_too_painful_to_start_is_said_where_start_was_pressed() -> None:
    """Only the too-painful refusal goes above the buttons; every other notice below."""
    assert notice_view(Notice("too-painful", "x")).where == "refusal"
    assert notice_view(Notice("refused", "x")).where == "message"


def test_a_session_still_running_has_no_end_view(catalog: Catalog) -> None:
    """No end is shown while the session runs."""
    assert done_view(_state(), catalog) is None


def test_a_completed_session_counts_its_holds_and_offers_the_guidance_list_closed(
    catalog: Catalog,
) -> None:
    """Complete: the holds saved, the guidance list closed, no notice kept."""
    state = _state(state="finished", ended_status="completed")
    done = done_view(state, catalog)
    assert done is not None
    assert done.summary == "Session complete." and done.lines[0] == "0 holds saved."
    assert not done.guidance_open and done.kept is None
    assert done.guidance_title == catalog.guideline("seek-professional-guidance").title
    assert phase_view(state, catalog).title == "Session complete"


def test_after_a_flag_the_buttons_are_off_and_the_flag_stays_with_the_guidance_open(
    memory_store: Store, catalog: Catalog
) -> None:
    """A flagged session: every control is off, the end keeps the flag and opens the list."""
    clock = FakeClock()
    session = _session(memory_store, catalog, clock, "studio")
    _to_hold(session, clock)
    session.flag("sharp-pain")
    state = timer_state(session)
    controls = controls_view(state)
    pressable = [controls.start, controls.pause, controls.skip, controls.stop]
    assert not any(b.enabled for b in [*pressable, *(b for _k, b in controls.flags)])
    done = done_view(state, catalog)
    assert done is not None and done.summary == "Session ended (flagged)."
    assert done.lines[0] == "1 hold saved."
    assert done.kept is not None and done.kept.kind == "sharp-pain" and done.guidance_open
    assert "sk-seek-guidance" in done_html(done) and " open>" in done_html(done)
    assert phase_view(state, catalog).kind == "done"


def test_the_state_follows_the_session_it_is_read_from(
    memory_store: Store, catalog: Catalog
) -> None:
    """Read from a running session: its phase, the hold logged, its place."""
    clock = FakeClock()
    session = _session(memory_store, catalog, clock, "home")
    _to_hold(session, clock)
    session.skip()
    state = timer_state(session)
    assert state.started and state.place == "home" and len(state.logged) == 1
    assert state.phase == session.runner.phase and state.state == "running"


def test_the_studio_speaks_of_the_client_and_home_to_the_client() -> None:
    """The warm-up tick and the back-feel question are worded for where the session runs."""
    assert warmed_up_label("studio").startswith("The client warmed up elsewhere")
    assert warmed_up_label("home").startswith("I warmed up already")
    assert feel_intro("studio").startswith("Ask the client:")
    assert feel_intro("home").startswith("How does your back feel?")
    home = controls_view(_state(state="ready", started=False, place="home"))
    assert home.warmed_up.label == warmed_up_label("home")


def test_the_sensation_scale_gives_its_bands() -> None:
    """The scale is tapped with its bands in view."""
    assert sensation_scale() == ("Sensation", SENSATION_SCALE_TEXT)


def test_the_view_model_and_its_html_load_no_widget_library() -> None:
    """The view model and its renderer are used and tested without ipywidgets."""
    code = (
        "import sys, stretchkit.services.timer_view, stretchkit.views.timer_html;"
        "print('ipywidgets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
