"""The client dashboard driven headlessly on the demo data: links, charts and a home session."""

from __future__ import annotations

import base64
import copy
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import ipywidgets as w
import pytest
from hypothesis import given, settings
from ipywidgets.widgets.widget import _instances

from stretchkit.catalog import default_catalog
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.link_tokens import new_token
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import END_RANGE_PROMPT
from stretchkit.progress.attention import needs_attention
from stretchkit.screening import screen
from stretchkit.servers.dashboard_kernel import take_request
from stretchkit.services.guided_session import GuidedSession
from stretchkit.store import Store
from stretchkit.widgets.dashboard.client_dashboard import ClientDashboard
from stretchkit.widgets.dashboard.dashboard_html import (
    FIRST_VIEW_CLASS,
    HIDE_FIRST_VIEW,
    routine_intro_html,
)
from stretchkit.widgets.dashboard.dashboard_kit import (
    LIVE_NOT_AVAILABLE,
    NOT_AVAILABLE,
    NOT_VALID,
    DashboardKit,
    DashboardPage,
)
from stretchkit.widgets.kit.session_timer import SessionTimer
from tests.clocks import FakeClock
from tests.hypothesis_profiles import examples
from tests.strategies import routines
from tests.today import clock_today

KAI = "Kai Elderfield"
SASHA = "Sasha Brightwater"


@pytest.fixture
def store(memory_store: Store) -> Store:
    """A fresh store holding the six demo clients and their months of history."""
    seed_demo_data(memory_store)
    return memory_store


@pytest.fixture
def kit(prepared_kit: DashboardKit, store: Store) -> DashboardKit:
    """The prepared kit (same catalog and muscle maps) reading this test's demo store."""
    fresh = copy.copy(prepared_kit)
    fresh.store = store
    return fresh


def _widgets(root: w.Widget) -> Iterator[w.Widget]:
    yield root
    for child in getattr(root, "children", ()):
        yield from _widgets(child)


def _text(root: w.Widget) -> str:
    """Every word the page shows: HTML, button labels and accordion titles."""
    parts: list[str] = []
    for widget in _widgets(root):
        if isinstance(widget, w.HTML):
            parts.append(widget.value)
        elif isinstance(widget, w.Button):
            parts.append(widget.description)
        elif isinstance(widget, w.Accordion):
            parts.extend(widget.titles)
    return "\n".join(parts)


def _classes(root: w.Widget) -> set[str]:
    return {css for widget in _widgets(root) for css in widget._dom_classes}


def _client(store: Store, name: str) -> int:
    return next(c.id for c in store.clients.all() if c.name == name)


def _link(store: Store, name: str) -> tuple[int, str]:
    link, token = store.links.create(_client(store, name), "phone")
    return link.id, token


def _page(kit: DashboardKit, token: str) -> ClientDashboard:
    board = kit.page(f"key={token}").live()
    assert isinstance(board, ClientDashboard)
    return board


def _skip_to_hold(timer: SessionTimer, limit: int = 10) -> None:
    """Skip phases until a hold runs; fail after `limit` skips."""
    for _ in range(limit):
        if timer.runner.phase.kind == "hold":
            return
        timer.skip()
    assert timer.runner.phase.kind == "hold", f"no hold after {limit} skips"


def test_a_valid_link_shows_a_first_view_then_the_live_page_with_every_chart(
    kit: DashboardKit, store: Store
) -> None:
    """The first view (plain HTML) names the client and no other, never shows the key, and
    carries the hold chart; the live page has every chart as a PNG, the hold chart the same
    picture, and steps the first view aside once drawn."""
    _, token = _link(store, KAI)
    page = kit.page(f"key={token}")
    others = [c.name for c in store.clients.all() if c.name != KAI]
    assert len(others) == 5
    first = page.first_view
    assert FIRST_VIEW_CLASS in first and KAI in first and token not in first
    assert not any(name in first for name in others)
    assert first.count('<img class="sk-chart-holds"') == 1 and "data:image/png;base64," in first
    assert "go-ahead" not in first and "This week:" in first
    board = page.live()
    assert isinstance(board, ClientDashboard)
    text = _text(board)
    assert KAI in text and token not in text and HIDE_FIRST_VIEW in text
    assert not any(name in text for name in others)
    assert set(board.charts) == {"holds", "adherence", "outcomes", "feel"}
    for name, png in board.chart_pngs.items():
        assert png.startswith(b"\x89PNG")
        assert base64.b64encode(png).decode() in board.charts[name]
        assert 'alt="' in board.charts[name] and 'alt=""' not in board.charts[name]
    assert base64.b64encode(board.chart_pngs["holds"]).decode() in first


def test_the_first_view_escapes_what_the_trainer_typed(kit: DashboardKit, store: Store) -> None:
    """A name or note with HTML in it is shown as text, in the first view and the live page."""
    client = _client(store, KAI)
    details = store.clients.get(client).details
    store.clients.update(client, replace(details, name="<b>Kai</b>", client_note="<script>x"))
    _, token = _link(store, "<b>Kai</b>")
    page = kit.page(f"key={token}")
    assert "&lt;b&gt;Kai&lt;/b&gt;" in page.first_view and "<b>Kai</b>" not in page.first_view
    assert "&lt;script&gt;x" in page.first_view and "<script>x" not in page.first_view
    board = page.live()
    assert isinstance(board, ClientDashboard)
    assert "<script>x" not in _text(board)


UNKNOWN_KEY = "key=" + "A" * 43
"""A key of a real link's shape that no link has (a new_token() is as long)."""


@pytest.mark.parametrize("query", [None, "", "key=", "key=wrong", UNKNOWN_KEY, "x=1"])
def test_a_missing_or_wrong_key_gives_the_not_valid_page(
    kit: DashboardKit, store: Store, query: str | None
) -> None:
    """No key, an empty key, junk or a well-formed unknown key: the same not-valid page."""
    _link(store, KAI)
    page = kit.page(query)
    assert page.first_view == NOT_VALID and page.live() is None
    assert "sk-not-valid" in NOT_VALID and "This link is not valid" in NOT_VALID
    assert KAI not in NOT_VALID


def test_a_revoked_link_gives_the_same_not_valid_page(kit: DashboardKit, store: Store) -> None:
    """Once revoked, a link that worked shows exactly what a wrong key shows."""
    link_id, token = _link(store, KAI)
    store.links.revoke(link_id)
    page = kit.page(f"key={token}")
    assert page.first_view == kit.page("key=wrong").first_view == NOT_VALID
    assert page.live() is None


def test_a_client_waiting_for_clearance_cannot_start_and_sees_no_routine(
    kit: DashboardKit, store: Store
) -> None:
    """Sasha needs a doctor's go-ahead: start is hidden, no routine or charts, no trainer-facing
    reason on the page, and asking to start anyway opens nothing."""
    _, token = _link(store, SASHA)
    board = _page(kit, token)
    assert board.start_button.disabled
    assert "sk-dash-routine" not in _classes(board)
    assert not any(isinstance(x, w.Accordion) for x in _widgets(board))
    assert board.charts == {}
    assert "go-ahead from your doctor" in board.status.value
    assert board.start_button.layout.display == "none"
    text = _text(board)
    assert "Not yet: see the note above." in text
    assert "Refer" not in text and "no stretch may be planned" not in text
    board.start_home_session()
    assert board.timer is None and board.home_box.children == ()


def test_start_opens_the_guided_timer_for_a_home_session(kit: DashboardKit, store: Store) -> None:
    """Pressing start puts a home timer on today's routine in the page; nothing is logged
    until the timer itself is started."""
    _, token = _link(store, KAI)
    board = _page(kit, token)
    assert not board.start_button.disabled
    assert "sk-dash-routine" in _classes(board)
    before = len(store.sessions.of_client(board.page.client_id))
    board.start_button.click()
    timer = board.timer
    assert isinstance(timer, SessionTimer)
    assert board.home_box.children == (timer,)
    assert timer.place == "home" and timer.routine_id == board.page.plan.routine_id
    assert board.start_button.layout.display == "none"
    assert len(store.sessions.of_client(board.page.client_id)) == before
    timer.stop()


def test_a_home_session_runs_on_a_re_screen_saved_after_the_page_opened(
    kit: DashboardKit, store: Store
) -> None:
    """The trainer re-screens Kai with hypermobility while his page is open: the home timer's
    Start runs every hold at the low end of its range, with no "go further" prompt."""
    _, token = _link(store, KAI)
    board = _page(kit, token)
    client = board.page.client_id
    catalog = default_catalog()
    saved = store.screenings.latest(client)
    assert saved is not None
    board.start_button.click()
    timer = board.timer
    assert timer is not None
    timer.autorun = False
    lows = {s.id: s.hold.min_s for s in catalog.stretches}
    assert any(p.duration_s > lows[p.stretch_id] for p in timer.timeline.holds())
    again = replace(saved.intake, taken_on=board.today(), hypermobility=True, clearance=None)
    store.screenings.add(client, screen(again, catalog))
    timer.start()
    assert timer.session_id is not None
    assert all(p.duration_s == lows[p.stretch_id] for p in timer.timeline.holds())
    assert all(END_RANGE_PROMPT not in p.partner_prompt for p in timer.timeline.phases)
    assert "Targets changed" in timer.message.value
    timer.stop()


def test_a_link_revoked_while_the_page_is_open_cannot_start_a_session(
    kit: DashboardKit, store: Store
) -> None:
    """Revoked after the page was built: start refuses, says so and logs nothing."""
    link_id, token = _link(store, KAI)
    board = _page(kit, token)
    client = board.page.client_id
    before = store.sessions.of_client(client)
    store.links.revoke(link_id)
    board.start_home_session()
    assert "no longer valid" in board.home_message.value
    assert board.start_button.disabled
    assert board.timer is None and board.home_box.children == ()
    assert store.sessions.of_client(client) == before


def _report_from_another_process(db: Path, client: int) -> None:
    """A trainer's workbook, elsewhere, reports a change in the client's health."""
    code = (
        "import sys; from stretchkit.store import Store\n"
        "from stretchkit.store.rows import local_now\n"
        "with Store.open(sys.argv[1]) as s:\n"
        "    s.screenings.report_health_change(int(sys.argv[2]), local_now().date(),"
        " 'Told us: new back pain')\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db), str(client)], check=True)


@pytest.fixture
def file_board(
    prepared_kit: DashboardKit, db_path: Path
) -> Iterator[tuple[ClientDashboard, Store, Path]]:
    """Kai's live page, read from a real store file that another process can write to."""
    with Store.open(db_path) as store:
        seed_demo_data(store)
        kit = copy.copy(prepared_kit)
        kit.store = store
        _, token = _link(store, KAI)
        yield _page(kit, token), store, db_path


def test_a_health_change_reported_elsewhere_after_the_page_opened_refuses_start(
    file_board: tuple[ClientDashboard, Store, Path],
) -> None:
    """The dashboard kernel opened the page while the client was cleared; a health change
    reported from another process then refuses *Start a home session*: no timer, no session,
    and the page shows the status the store has now."""
    board, store, db_path = file_board
    client = board.page.client_id
    assert board.page.status.may_stretch and not board.start_button.disabled
    _report_from_another_process(db_path, client)
    before = store.sessions.of_client(client)
    board.start_home_session()
    assert board.timer is None and board.home_box.children == ()
    assert "No home session today" in board.home_message.value
    assert "screened you again" in board.status.value
    assert board.start_button.disabled
    assert store.sessions.of_client(client) == before


def test_a_health_change_reported_elsewhere_stops_a_running_home_session(
    file_board: tuple[ClientDashboard, Store, Path],
) -> None:
    """Reported from another process while the home session runs: it stops at its next
    phase with the reason, and no further hold is logged."""
    board, store, db_path = file_board
    board.start_home_session()
    timer = board.timer
    assert timer is not None
    timer.autorun = False
    timer.start()
    _report_from_another_process(db_path, board.page.client_id)
    timer.skip()
    assert timer.runner.state == "stopped" and timer.ended_status == "stopped"
    assert "Session stopped" in timer.message.value
    assert store.sessions.holds(timer.session_id or 0) == []


def test_a_flag_at_home_ends_the_session_and_tells_the_trainer(
    kit: DashboardKit, store: Store
) -> None:
    """Pain during a home hold: the session ends flagged at home, the page asks the client to
    wait for a re-screen, and the trainer's attention list names the home session."""
    _, token = _link(store, KAI)
    board = _page(kit, token)
    board.start_home_session()
    timer = board.timer
    assert timer is not None
    timer.autorun = False  # this test moves the session on itself
    timer.start()
    _skip_to_hold(timer)
    timer.flag()
    assert timer.ended_status == "flagged"
    saved = store.sessions.get(timer.session_id or 0)
    assert (saved.status, saved.place) == ("flagged", "home")
    assert "screened you again" in board.status.value
    assert "sk-status-do-not-stretch" in board.status.value
    assert "Your trainer sees this flag" in board.home_message.value
    today = clock_today()  # the store stamped the flag
    [listed] = [
        a for a in needs_attention(store.overview.client_facts(today), today) if a.name == KAI
    ]
    assert "during a home session" in listed.text


def test_a_page_that_cannot_be_built_says_not_available_and_hides_why(
    kit: DashboardKit, caplog: pytest.LogCaptureFixture
) -> None:
    """A store that fails (its connection closed): a kind page, the details only in the log."""
    broken = Store.open(":memory:")
    broken.close()
    kit.store = broken
    with caplog.at_level(logging.ERROR):
        page = kit.page(f"key={new_token()}")
    assert page.first_view == NOT_AVAILABLE and page.live() is None
    assert "sk-not-valid" in NOT_AVAILABLE and "not available" in NOT_AVAILABLE
    for word in ("Traceback", "Error", "sqlite", "closed"):
        assert word not in NOT_AVAILABLE
    assert any(r.exc_info for r in caplog.records)


def test_a_live_page_that_cannot_be_built_leaves_the_first_view_with_a_kind_note(
    kit: DashboardKit,
    store: Store,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A chart fails to draw after the first view went out: the first view stays (it is
    never hidden) and a note says the home session is not available, without details."""
    _, token = _link(store, KAI)
    page = kit.page(f"key={token}")

    def broken_chart(_figure: object) -> bytes:
        raise OSError("sqlite disk I/O error")

    monkeypatch.setattr("stretchkit.widgets.dashboard.dashboard_charts.chart_png", broken_chart)
    with caplog.at_level(logging.ERROR):
        live = page.live()
    assert isinstance(live, w.HTML) and live.value == LIVE_NOT_AVAILABLE
    assert HIDE_FIRST_VIEW not in live.value and "sqlite" not in live.value
    assert KAI in page.first_view
    assert any(r.exc_info for r in caplog.records)


@pytest.mark.parametrize("valid", [True, False])
def test_the_key_is_dropped_from_the_environment(
    kit: DashboardKit, store: Store, monkeypatch: pytest.MonkeyPatch, valid: bool
) -> None:
    """Whether the key works or not, QUERY_STRING is gone once the notebook has taken the
    request, and the page is built from what was taken."""
    token = _link(store, KAI)[1] if valid else new_token()
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", f"key={token}")
    page = kit.page(take_request())
    assert "QUERY_STRING" not in os.environ
    assert isinstance(page, DashboardPage)
    assert isinstance(page.live(), ClientDashboard) == valid
    assert "QUERY_STRING" not in os.environ


def test_a_finished_home_session_shows_up_in_the_charts_and_next_session(
    kit: DashboardKit, store: Store
) -> None:
    """A short home hold, then stop: the page thanks the client, and the next session and
    the charts are drawn again with the session just done."""
    _, token = _link(store, KAI)
    board = _page(kit, token)
    before_next, before_holds = board.next_info.value, board.chart_pngs["holds"]
    board.start_home_session()
    timer = board.timer
    assert timer is not None
    timer.autorun = False
    clock = FakeClock()
    timer.runner.clock = clock  # the page builds its own timer: its runner takes the clock
    timer.start()
    _skip_to_hold(timer)
    clock.now += 1.2
    timer.skip()
    timer.stop()
    assert timer.ended_status == "stopped" and len(timer.logged) == 1
    assert "Well done" in board.home_message.value
    assert board.chart_pngs["holds"] != before_holds
    assert board.charts["holds"] in board.progress.value
    assert board.next_info.value != before_next and "This week:" in board.next_info.value


def test_a_home_session_folds_away_what_it_does_not_need_until_it_ends(
    kit: DashboardKit, store: Store
) -> None:
    """While the home timer is open, the trainer's notes, the status, the next session and
    'something felt wrong' are folded away (on a phone the countdown and first cue come up
    top); once the session ends they are back."""
    _, token = _link(store, KAI)
    board = _page(kit, token)
    between = (board.trainer_notes, board.status, board.next_info, board.symptom_box)
    assert "From your trainer" in board.trainer_notes.value
    assert all(part.layout.display is None for part in between)
    board.start_home_session()
    timer = board.timer
    assert timer is not None
    timer.autorun = False
    assert all(part.layout.display == "none" for part in between)
    timer.start()
    timer.stop()
    assert all(part.layout.display is None for part in between)


def test_each_stretch_of_the_clients_routine_shows_its_picture(
    kit: DashboardKit, store: Store
) -> None:
    """In the routine, every stretch's card opens with the picture of both people, then the
    steps, then the muscle map; a card is sent when opened (the first view showed them)."""
    _, token = _link(store, KAI)
    board = _page(kit, token)
    routine = board.page.plan.routine
    assert routine is not None and routine.items
    [accordion] = [x for x in _widgets(board) if "sk-dash-routine" in x._dom_classes]
    assert accordion.selected_index is None
    assert all(card.children == () for card in accordion.children)
    for index, (item, card) in enumerate(zip(routine.items, accordion.children, strict=True)):
        accordion.selected_index = index
        pose, steps, _map = card.children
        assert f'data-stretch="{item.stretch_id}"' in pose.value and "sk-pose-img" in pose.value
        assert "Steps" in steps.value


_MINUTES = re.compile(r'class="sk-dash-minutes">about (\d+) minutes?<')


def _minutes_shown(html: str) -> int:
    found = _MINUTES.search(html)
    assert found is not None, html
    return int(found[1])


def test_the_routines_minutes_follow_the_grown_targets_as_the_timer_runs_them(
    kit: DashboardKit, store: Store
) -> None:
    """A client whose holds grew to 50-55 s x 2-3 over the months: the page's "about N minutes"
    is the home timer's own session length (targets, warm-up, rests), rounded to the minute,
    not the 20 minutes planned; the first view says the same."""
    _, token = _link(store, "Jules Calloway")
    page = kit.page(f"key={token}")
    board = page.live()
    assert isinstance(board, ClientDashboard) and board.routine_intro is not None
    routine = board.page.plan.routine
    assert routine is not None
    assert min(t.hold_s for i in routine.items for t in i.prescription.targets) >= 40
    shown = _minutes_shown(board.routine_intro.value)
    board.start_button.click()
    assert board.timer is not None
    timer_total = board.timer.timeline.total_s
    board.timer.stop()
    assert shown == round(timer_total / 60) and shown > routine.budget_min
    assert board.timer.timeline.text == f"about {shown} min"
    assert _minutes_shown(page.first_view) == shown


@settings(max_examples=examples(60), deadline=None)
@given(routine=routines())
def test_the_minutes_shown_are_the_studio_timers_session_rounded(routine: Routine) -> None:
    """For any routine and targets, "about N minutes" is the session the studio timer would
    run, rounded to the nearest minute (at least 1)."""
    catalog = default_catalog()
    with Store.open(":memory:") as store:
        session = GuidedSession(store, catalog, 1, routine)
        total = session.runner.timeline.total_s
    shown = _minutes_shown(routine_intro_html(routine, catalog))
    assert shown == max(1, round(total / 60))
    assert abs(shown * 60 - total) <= 30 or shown == 1


def _models() -> int:
    """Widget models alive in this process (each is a message to the browser when shown)."""
    return len(_instances)


def test_the_live_page_sends_the_forms_and_the_routines_cards_when_the_client_opens_them(
    kit: DashboardKit, store: Store
) -> None:
    """At first the live page holds the calendar's fold, the 'something felt wrong' button
    and the routine's folds, empty; opening each builds it, once. The page opens with fewer
    than half the widget models it has once everything is open."""
    _, token = _link(store, KAI)
    before = _models()
    board = _page(kit, token)
    at_first = _models() - before
    assert board._calendar is None and board._symptoms is None
    [calendar] = [x for x in _widgets(board) if "sk-dash-calendar" in x._dom_classes]
    calendar.selected_index = 0
    form = board.calendar
    assert form is not None and form in _widgets(board)
    calendar.selected_index = None
    calendar.selected_index = 0
    assert board.calendar is form  # built once
    board.wrong.click()
    assert board.symptoms.layout.display is None and board.symptoms in _widgets(board)
    [routine] = [x for x in _widgets(board) if "sk-dash-routine" in x._dom_classes]
    for index in range(len(routine.children)):
        routine.selected_index = index
    everything = _models() - before
    assert at_first * 2 < everything, (at_first, everything)
