"""The back ratings and the calendar in the widgets, driven headlessly: the dashboard's weekly
rating, the timer's rating before Start, the trainer's pain threshold, and the calendar form
on the dashboard and in the workbook."""

from __future__ import annotations

import base64
import copy
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.i18n.formatting import format_day
from stretchkit.planning.session_calendar import DEFAULT_DAYS
from stretchkit.progress.back_feel import BackRating, too_painful_to_start
from stretchkit.store import Store
from stretchkit.widgets.dashboard.client_dashboard import ClientDashboard
from stretchkit.widgets.dashboard.dashboard_kit import DashboardKit
from stretchkit.widgets.kit.calendar_form import CalendarForm
from stretchkit.widgets.kit.session_timer import SessionTimer
from stretchkit.widgets.workbook.link_manager import LinkManager
from stretchkit.widgets.workbook.progress_panel import ProgressPanel
from tests.clocks import FakeClock
from tests.today import TODAY

KAI, JULES = "Kai Elderfield", "Jules Calloway"


@pytest.fixture
def store(memory_store: Store, today: date) -> Store:
    """The six demo clients with months of history up to the tests' today."""
    seed_demo_data(memory_store, today=today)
    return memory_store


def _client(store: Store, name: str) -> int:
    return next(c.id for c in store.clients.all() if c.name == name)


def _board(
    prepared_kit: DashboardKit, store: Store, name: str, today: date = TODAY
) -> tuple[ClientDashboard, str]:
    kit = copy.copy(prepared_kit)
    kit.store, kit.today = store, lambda: today
    _link, token = store.links.create(_client(store, name), "phone")
    board = kit.page(f"key={token}").live()
    assert isinstance(board, ClientDashboard)
    return board, token


def _calendar(form: CalendarForm) -> Calendar:
    match = re.search(r'href="data:text/calendar;base64,([^"]+)"', form.result.value)
    assert match, form.result.value
    return Calendar.from_ical(base64.b64decode(match[1]))


def _last_rated(store: Store, name: str) -> date:
    return max(r.day for r in store.back_ratings.of_client(_client(store, name)))


def test_the_dashboard_asks_once_a_week_and_saves_the_rating(
    prepared_kit: DashboardKit, store: Store
) -> None:
    """Kai, last rated 7 days ago, is asked; both numbers and Save store a dashboard rating
    and draw the back chart again; Jules, last rated 6 days ago, is not asked (the days are
    counted from each one's last rating, so the week holds whatever the weekday)."""
    board, _token = _board(prepared_kit, store, KAI, _last_rated(store, KAI) + timedelta(7))
    [form] = [c for c in board.feel_box.children if hasattr(c, "stiffness")]
    before = len(store.back_ratings.of_client(_client(store, KAI)))
    form.stiffness.value, form.pain.value = 3, 1
    form.save()
    ratings = store.back_ratings.of_client(_client(store, KAI))
    assert len(ratings) == before + 1 and ratings[-1].place == "dashboard"
    assert (ratings[-1].stiffness, ratings[-1].pain) == (3, 1)
    assert "Thank you" in form.message.value and "feel" in board.charts
    jules, _ = _board(prepared_kit, store, JULES, _last_rated(store, JULES) + timedelta(6))
    assert jules.feel_box.children == ()


def test_saving_with_one_scale_untouched_says_so_and_stores_nothing(
    prepared_kit: DashboardKit, store: Store
) -> None:
    """Only stiffness tapped: the form asks for both, keeps the tap, and stores nothing."""
    board, _token = _board(prepared_kit, store, KAI)
    [form] = [c for c in board.feel_box.children if hasattr(c, "stiffness")]
    before = store.back_ratings.of_client(_client(store, KAI))
    form.stiffness.value = 5
    form.save()
    assert "both scales" in form.message.value and form.stiffness.value == 5
    assert store.back_ratings.of_client(_client(store, KAI)) == before


def test_the_timer_saves_the_rating_tapped_before_start(store: Store, catalog: Catalog) -> None:
    """Stiffness 6 and pain 3 tapped, then Start: one studio rating at the session's start;
    the scales are hidden once the session runs."""
    client = _client(store, JULES)
    saved = store.routines.current(client)
    assert saved is not None
    timer = SessionTimer(
        store, client, saved.routine, catalog, routine_id=saved.id, clock=FakeClock(), autorun=False
    )
    before = store.back_ratings.of_client(client)
    timer.feel.stiffness.value, timer.feel.pain.value = 6, 3
    timer.start()
    assert timer.session_id is not None
    [new] = [r for r in store.back_ratings.of_client(client) if r not in before]
    assert (new.stiffness, new.pain, new.place) == (6, 3, "studio")
    assert timer.feel.layout.display == "none"
    assert timer.announce.value.startswith(("Warm-up:", "Get ready:"))


def test_a_back_too_painful_to_stretch_stops_the_session_before_it_starts(
    store: Store, catalog: Catalog
) -> None:
    """Pain 8/10 tapped, then Start: no session opens, the trainer reads why (the articles'
    severe-pain contraindication, with its source) and to refer the client; the rating is
    saved once however often Start is pressed. Tapping the right number starts the session."""
    client = _client(store, JULES)
    saved = store.routines.current(client)
    assert saved is not None
    timer = SessionTimer(
        store, client, saved.routine, catalog, routine_id=saved.id, clock=FakeClock(), autorun=False
    )
    sessions = len(store.sessions.of_client(client))
    before = store.back_ratings.of_client(client)
    timer.feel.stiffness.value, timer.feel.pain.value = 5, 8
    timer.start()
    timer.start()
    assert timer.session_id is None and len(store.sessions.of_client(client)) == sessions
    message = timer.refusal.value
    assert "Back pain 8/10 right now: no stretching today" in message
    assert "Severe Pain: If any movement causes sharp, radiating, or persistent pain." in message
    assert "Partner Back Stretching" in message and "stretchkit&#x27;s own default" in message
    assert "refer the client to a healthcare professional" in message
    [refused] = [r for r in store.back_ratings.of_client(client) if r not in before]
    assert (refused.pain, refused.place) == (8, "studio")
    timer.feel.pain.value = 7  # at the threshold, not above it
    timer.start()
    assert timer.session_id is not None


def test_at_home_the_client_is_told_to_see_a_professional_and_not_to_stretch() -> None:
    """The same rule at home speaks to the client."""
    rating = BackRating(datetime(2026, 11, 20, 9, 0, tzinfo=UTC), 2, 9, "home")
    text = too_painful_to_start(rating, default_catalog())
    assert text is not None and "tell your trainer, and see a healthcare professional" in text
    assert too_painful_to_start(BackRating(rating.rated, 2, 7, "home"), default_catalog()) is None
    assert too_painful_to_start(None, default_catalog()) is None


def test_the_trainers_threshold_decides_whose_pain_is_listed(store: Store) -> None:
    """A pain of 6 is not listed at the default 7; at a threshold of 5 it is, with the day."""
    client = _client(store, JULES)
    latest = store.back_ratings.of_client(client)[-1]
    store.back_ratings.add(client, BackRating(latest.rated, 2, 6, "home"))
    panel = ProgressPanel(store, default_catalog(), today=lambda: TODAY)
    assert "back pain rated 6/10" not in panel.attention.value
    panel.pain_threshold.value = 5
    assert f"back pain rated 6/10 on {format_day(latest.day)}" in panel.attention.value


def test_the_dashboards_calendar_has_the_routines_days_and_the_link_only_when_ticked(
    prepared_kit: DashboardKit, store: Store
) -> None:
    """The routine's days are ticked first; the file has them as confirmed weekly events,
    with the client's own link only after the box is ticked."""
    board, token = _board(prepared_kit, store, JULES)
    form, routine = board.calendar, board.page.plan.routine
    assert form is not None and routine is not None
    days = DEFAULT_DAYS[routine.days_per_week]
    assert tuple(r.weekday for r in form.rows if r.tick.value) == days
    form.make()
    events = _calendar(form).walk("VEVENT")
    confirmed = sorted(e["dtstart"].dt.weekday() for e in events if e["status"] == "CONFIRMED")
    assert tuple(confirmed) == days
    assert token not in str([e.get("description") for e in events])
    form.with_link.value = True
    form.make()
    assert all(
        token in str(e["description"])
        for e in _calendar(form).walk("VEVENT")
        if e["status"] == "CONFIRMED"
    )


def test_a_time_that_is_no_time_is_shown_next_to_its_day_and_kept(store: Store) -> None:
    """'25:99' on Monday: the problem next to Monday, the text kept, no file made."""
    links = LinkManager(store)
    links.picker.client.value = _client(store, JULES)
    form = links.calendar
    form.rows[0].tick.value = True
    form.rows[0].time.value = "25:99"
    form.make()
    assert "type a time like 18:30" in form.rows[0].error.value
    assert form.rows[0].time.value == "25:99" and form.result.value == ""
    assert "check the times" in form.error.value


def test_a_link_revoked_while_the_page_is_open_saves_no_rating(
    prepared_kit: DashboardKit, store: Store
) -> None:
    """The trainer revokes Kai's link; Save then says the link is no longer valid."""
    board, token = _board(prepared_kit, store, KAI)
    [form] = [c for c in board.feel_box.children if hasattr(c, "stiffness")]
    before = store.back_ratings.of_client(_client(store, KAI))
    link = next(x for x in store.links.of_client(_client(store, KAI)) if x.active)
    store.links.revoke(link.id)
    form.stiffness.value, form.pain.value = 2, 2
    form.save()
    assert "no longer valid" in form.message.value and token not in form.message.value
    assert store.back_ratings.of_client(_client(store, KAI)) == before
