"""The client dashboard as clients use it: `stretchkit dashboard` serving Voila with
preheated kernels, opened in a real Chromium through personal links. Each test adds the
clients it opens (a demo client's story under a name of its own) to the run's dashboard."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from stretchkit.services.client_links import create_link, revoke_link
from stretchkit.store import Store
from tests.pages import open_page, skip_to_phase, view_box
from tests.servers import dashboard
from tests.story_clients import add_story_client, add_story_client_with_link

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLIENT = "Jules Calloway"
"""The demo client whose story most tests' clients have: cleared, holds grown to 50-55 s."""
NOT_VALID = "This link is not valid"
LIVE = ".sk-home-start"
"""On the live page only: the first view (plain HTML) has no buttons."""


@pytest.fixture
def served(client_dashboard: tuple[str, Path]) -> tuple[str, Path]:
    """The run's client dashboard (conftest.py): its URL and its store."""
    return client_dashboard


def _wait_for_charts(page: Any) -> None:
    for chart in ("holds", "adherence"):
        page.wait_for_function(
            f"document.querySelector('img.sk-chart-{chart}')?.naturalWidth > 300",
            timeout=60_000,
        )


def _no_horizontal_scroll(page: Any) -> bool:
    return bool(
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    )


def test_a_valid_link_shows_the_clients_own_page_on_a_phone(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """The link opens the client's name, status, next session, charts as pictures and the
    routine with steps and a muscle map, 390 px wide without sideways scrolling; nothing
    of another client."""
    url, db = served
    name, other = "Jules Onphone", "Tamsin Otherclient"
    link = add_story_client_with_link(db, name, CLIENT, url)
    add_story_client(db, other, "Tamsin Dunmore")
    page = open_page(browser, link, LIVE, 390, 4200)
    try:
        expect(page.locator(".sk-first-view")).to_be_hidden()
        assert page.inner_text(".sk-dash-name:visible") == name
        heading = page.locator(".sk-dash-name:visible").bounding_box()
        assert heading is not None and heading["y"] < 40  # no gap where the first view was
        assert "Cleared to stretch" in page.inner_text(".sk-dash-status:visible")
        assert "This week:" in page.inner_text(".sk-dash-next:visible")
        _wait_for_charts(page)
        assert "Tamsin" not in page.inner_text("body")
        assert _no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts / "dashboard-phone.png"))
        page.click(".sk-dash-routine .jupyter-widget-Collapse-header >> nth=0")
        page.wait_for_selector(".sk-client-item", state="visible", timeout=30_000)
        steps = page.inner_text(".sk-client-item >> nth=0")
        assert "Your partner" in steps and "Steps" in steps
        page.wait_for_function(
            "[...document.querySelectorAll('img.sk-muscle-map')].some(i => i.naturalWidth > 200)",
            timeout=30_000,
        )
        assert _no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts / "dashboard-phone-routine.png"))
    finally:
        page.close()


def test_the_clients_page_says_you_and_names_no_paper_on_a_phone(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """At 390 px the client reads their part as "You ..." and their partner's as "Your
    partner ...", with steps said to them; nowhere does the page say "stretchee", name a paper
    (Suzuki et al.) or say "stretchkit's own suggestion"; no "(s)" or "(got" either."""
    url, db = served
    link = add_story_client_with_link(db, "Jules Saysyou", "Jules Calloway", url)
    page = open_page(browser, link, LIVE, 390, 4200)
    try:
        _wait_for_charts(page)
        page.click(".sk-dash-routine .jupyter-widget-Collapse-header >> nth=0")
        item = page.locator(".sk-client-item >> nth=0")
        item.wait_for(state="visible", timeout=30_000)
        card = item.inner_text()
        assert "\nYou " in card and "\nYour partner " in card, card
        body = page.inner_text("body")
        for word in ("stretchee", "Suzuki", "PLoS", "stretchkit's own suggestion", "(s)", "(got"):
            assert word not in body, word
        item.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "dashboard-phone-you.png"))
    finally:
        page.close()


def test_the_dashboard_is_also_good_on_a_laptop(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """At 1280 px the page stays one readable column with its charts."""
    url, db = served
    link = add_story_client_with_link(db, "Tamsin Onlaptop", "Tamsin Dunmore", url)
    page = open_page(browser, link, LIVE, 1280, 3600)
    try:
        _wait_for_charts(page)
        width = page.evaluate("document.querySelector('.sk-dash').getBoundingClientRect().width")
        assert width <= 700
        assert _no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts / "dashboard-laptop.png"))
    finally:
        page.close()


def _load_once_charts_are_kept(page: Any, link: str, timeout_s: float = 120) -> None:
    """Load the link until its first view holds the hold chart: the dashboard's chart keeper
    draws a client's charts within seconds of their link being made, not at once."""
    deadline = time.monotonic() + timeout_s
    page.goto(link, timeout=90_000)
    while not page.query_selector(".sk-first-view img.sk-chart-holds"):
        if time.monotonic() > deadline:
            return  # the assertions below say what is missing
        page.wait_for_timeout(1_000)
        page.goto(link, timeout=90_000)


def test_the_first_view_shows_the_page_before_any_script_runs(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """With scripts off, the page as it arrives already shows the client's name, status,
    next session, hold chart and routine; a wrong key shows the not-valid page the same way.
    Nothing is fetched from another site."""
    url, db = served
    name = "Jules Noscript"
    link = add_story_client_with_link(db, name, CLIENT, url)
    add_story_client(db, "Tamsin Alsoseeded", "Tamsin Dunmore")
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 3000}
    )
    try:
        requests: list[str] = []
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        _load_once_charts_are_kept(page, link)
        first = page.locator(".sk-first-view")
        expect(first).to_be_visible()
        assert page.inner_text(".sk-first-view .sk-dash-name") == name
        text = first.inner_text()
        assert "Cleared to stretch" in text and "This week:" in text and "Your routine" in text
        assert (
            page.evaluate(
                "document.querySelector('.sk-first-view img.sk-chart-holds').naturalWidth"
            )
            > 300
        )
        assert "Tamsin" not in text
        assert _no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts / "dashboard-first-view.png"))
        assert all(r.startswith(url) or r.startswith("data:") for r in requests), requests
        page.goto(url + "?key=made-up", timeout=90_000)
        expect(page.locator(".sk-not-valid")).to_contain_text(NOT_VALID)
    finally:
        context.close()


@pytest.mark.parametrize("query", ["", "?key=", "?key=not-a-real-key-but-long-enough-xyz"])
def test_a_missing_or_wrong_link_shows_nothing_but_not_valid(
    browser: Any, served: tuple[str, Path], artifacts: Path, query: str
) -> None:
    """No key, an empty key or a made-up key: the same page, no client name, no detail."""
    url, db = served
    name = {"": "Kai Nokey", "?key=": "Kai Emptykey"}.get(query, "Kai Wrongkey")
    add_story_client_with_link(db, name, "Kai Elderfield", url)
    page = open_page(browser, url + query, ".sk-not-valid", 390, 900)
    try:
        page.wait_for_load_state("load")
        text = page.inner_text("body")
        assert NOT_VALID in text
        assert "Kai" not in text
        assert "Traceback" not in text and "stretchkit" not in text.lower()
        page.screenshot(path=str(artifacts / "dashboard-not-valid.png"))
    finally:
        page.close()


def test_a_revoked_link_stops_working(browser: Any, served: tuple[str, Path]) -> None:
    """A link the trainer revoked opens the not-valid page, like a wrong one."""
    url, db = served
    client_id = add_story_client(db, "Kai Revoked", "Kai Elderfield")
    with Store.open(db) as store:
        made = create_link(store, client_id, url, "to revoke")
        revoke_link(store, made.link.id)
    page = open_page(browser, made.url, ".sk-not-valid", 390, 900)
    try:
        assert "Kai" not in page.inner_text("body")
    finally:
        page.close()


def _latest_session(db: Path, name: str) -> tuple[str, str, list[int]]:
    """Place, status and seconds held of the client's newest session."""
    with Store.open(db) as store:
        client = next(c for c in store.clients.all() if c.name == name)
        session = store.sessions.of_client(client.id)[-1]
        held = [h.entry.held_s for h in store.sessions.holds(session.id)]
    return session.place, session.status, held


def test_a_home_session_logs_a_short_hold_and_a_flag_stops_it(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """The client starts a home session, skips to the first hold and ends it early: the hold
    is saved as a home hold. A pain flag then stops the session with the seeds' guidance."""
    url, db = served
    name = "Sasha Athome"
    link = add_story_client_with_link(db, name, "Sasha Elderfield", url)
    page = open_page(browser, link, LIVE, 390, 1400)
    try:
        page.click(LIVE)
        page.click(".sk-timer .sk-start", timeout=30_000)
        page.wait_for_selector(".sk-clock", timeout=30_000)
        skip_to_phase(page, "hold")
        clock = page.locator(".sk-clock-hold")
        shown = clock.inner_text(timeout=30_000)
        expect(clock).not_to_have_text(shown, timeout=10_000)  # held for a second or more
        page.click(".sk-timer .sk-skip")
        page.wait_for_selector(".sk-last-hold", state="visible", timeout=30_000)
        place, _status, held = _latest_session(db, name)
        assert place == "home" and len(held) == 1 and 1 <= held[0] <= 10
        page.click(".sk-timer .sk-skip")
        page.click(".sk-timer .sk-flag")
        page.wait_for_selector(".sk-flagged", timeout=30_000)
        message = page.locator(".sk-timer-message")
        expect(message).to_contain_text("the session has ended", timeout=30_000)
        expect(message).to_contain_text("healthcare professional")
        # The flag, the thanks line and the status arrive as separate widget updates.
        expect(page.locator(".sk-home-message")).to_contain_text(
            "trainer sees this flag", timeout=30_000
        )
        expect(page.locator(".sk-dash-status:visible")).to_contain_text("screened you again")
        assert _no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts / "dashboard-home-session.png"))
    finally:
        page.close()
    assert _latest_session(db, name)[:2] == ("home", "flagged")


def test_a_back_too_painful_at_home_stops_the_session_before_it_starts(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """On a phone the client taps pain 9/10 and presses Start: no session opens; the page
    says there is no stretching today and to tell the trainer and see a professional."""
    url, db = served
    name = "Kai Toopainful"
    link = add_story_client_with_link(db, name, "Kai Elderfield", url)
    with Store.open(db) as store:
        kai = next(c for c in store.clients.all() if c.name == name)
        sessions = len(store.sessions.of_client(kai.id))
    page = open_page(browser, link, LIVE, 360, 740)
    try:
        page.click(LIVE)
        page.wait_for_selector(".sk-timer .sk-feel-form", timeout=30_000)
        page.click(".sk-timer .sk-feel-stiffness button:text-is('3')")
        page.click(".sk-timer .sk-feel-pain button:text-is('9')")
        page.click(".sk-timer .sk-start")
        message = page.locator(".sk-timer .sk-start-refused")
        expect(message).to_contain_text("no stretching today", timeout=30_000)
        expect(message).to_contain_text("tell your trainer, and see a healthcare professional")
        box, start = message.bounding_box(), page.locator(".sk-timer .sk-start").bounding_box()
        assert box is not None and start is not None and box["y"] < start["y"]
        assert page.query_selector(".sk-clock") is None or not page.is_visible(".sk-clock-hold")
        assert _no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts / "dashboard-home-too-painful.png"))
    finally:
        page.close()
    with Store.open(db) as store:
        assert len(store.sessions.of_client(kai.id)) == sessions
        assert store.back_ratings.of_client(kai.id)[-1].pain == 9


def test_the_routine_shows_each_stretchs_picture_on_a_360_px_phone(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """Opening a stretch of the routine shows the picture of both partners above its steps,
    whole at 360 px wide, with its text alternative."""
    url, db = served
    link = add_story_client_with_link(db, "Jules Pictures", CLIENT, url)
    page = open_page(browser, link, LIVE, 360, 3000)
    try:
        page.click(".sk-dash-routine .jupyter-widget-Collapse-header >> nth=0")
        image = page.locator(".sk-dash-pose img.sk-pose-img").first
        image.wait_for(state="visible", timeout=30_000)
        page.wait_for_function(
            "[...document.querySelectorAll('.sk-dash-pose img')].some(i => i.naturalWidth > 700)",
            timeout=30_000,
        )
        box = image.bounding_box()
        assert box is not None and box["width"] <= 360
        assert "partner's" in (image.get_attribute("alt") or "")
        assert _no_horizontal_scroll(page)
        image.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "dashboard-routine-picture-360.png"))
    finally:
        page.close()


def _look(element: Any) -> dict[str, float]:
    """The element's text contrast against its background, its background's lightness (0-1)
    and its opacity, as computed in the browser."""
    return dict(
        element.evaluate(
            """e => {
              const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
              const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
                return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
              const style = getComputedStyle(e), label = e.querySelector('span') || e;
              const fg = lum(rgb(getComputedStyle(label).color));
              const bg = lum(rgb(style.backgroundColor));
              return { contrast: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05),
                       background: bg, opacity: Number(style.opacity) };
            }""",
        )
    )


def test_a_home_session_on_a_phone_has_its_countdown_up_top_big_buttons_and_true_minutes(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """On a 360 x 740 phone, for a client whose holds grew to 50-55 s: the routine's
    "about N minutes" is the timer's own session length; the routine's stretches (enabled)
    look enabled; the field-test chart is shown once; once the home session runs, its
    phase, countdown and cues are in the first view and start, pause, skip, stop and both
    flag buttons are at least 44 px tall."""
    url, db = served
    link = add_story_client_with_link(db, "Jules Countdown", CLIENT, url)
    page = open_page(browser, link, LIVE, 360, 740)
    try:
        page.wait_for_function(
            "document.querySelector('img.sk-chart-outcomes')?.naturalWidth > 300", timeout=60_000
        )
        assert page.locator("img.sk-chart-outcomes:visible").count() == 1  # shown once
        said = page.inner_text(".sk-dash-minutes:visible")
        minutes = int(said.split()[1])
        headers = page.locator(".sk-dash-routine .jupyter-widget-Collapse-header")
        assert headers.count() >= 5
        for index in range(headers.count()):
            look = _look(headers.nth(index))
            assert look["opacity"] == 1 and look["contrast"] >= 4.5
            assert look["background"] > 0.9  # white, not the grey of a disabled control
        assert page.locator(LIVE).bounding_box()["height"] >= 44
        page.click(LIVE)
        page.click(".sk-timer .sk-start", timeout=30_000)
        page.wait_for_selector(".sk-phase-warm-up", timeout=30_000)
        expect(page.locator(".sk-time-left")).to_contain_text(f"of about {minutes} min")
        clock = view_box(page, ".sk-timer .sk-countdown")
        title = view_box(page, ".sk-timer .sk-phase-title")
        cue = view_box(page, ".sk-timer .sk-cues .sk-cue")
        assert title["y"] < clock["y"] < clock["y"] + clock["height"] < cue["y"] < 740
        page.screenshot(path=str(artifacts / "dashboard-home-session-first-view-360.png"))
        for button in ("start", "pause", "skip", "stop", "flag", "pain"):
            box = page.locator(f".sk-timer .sk-{button}").bounding_box()
            assert box is not None and box["height"] >= 44, (button, box)
        page.click(".sk-timer .sk-stop")
        page.click(".sk-timer .sk-end-session")
        page.wait_for_selector(".sk-done", timeout=30_000)
        assert _no_horizontal_scroll(page)
    finally:
        page.close()


def test_a_first_view_comes_before_any_kernel_is_free_and_the_live_page_takes_its_place(
    browser: Any, tmp_path: Path, artifacts: Path
) -> None:
    """With a pool of one kernel, two clients opening their links at once both see their
    first view (name, status, next session, routine) before either live page is drawn; each
    live page then takes its own first view's place."""
    db = tmp_path / "store.db"
    with dashboard(db, pool_size=1, demo=False) as (url, _links):
        names = ["Jules Firstinline", "Tamsin Secondinline"]
        links = [
            add_story_client_with_link(db, names[0], CLIENT, url),
            add_story_client_with_link(db, names[1], "Tamsin Dunmore", url),
        ]
        pages = [browser.new_page(viewport={"width": 390, "height": 3000}) for _ in names]
        try:
            for page, link in zip(pages, links, strict=True):
                page.goto(link, wait_until="commit", timeout=90_000)
            for page, name in zip(pages, names, strict=True):
                page.wait_for_selector(".sk-first-view .sk-dash-name", timeout=10_000)
                assert page.inner_text(".sk-first-view .sk-dash-name") == name
                assert "Your routine" in page.inner_text(".sk-first-view")
            assert all(page.query_selector(LIVE) is None for page in pages)
            pages[1].screenshot(path=str(artifacts / "dashboard-first-view-no-kernel.png"))
            for page, name in zip(pages, names, strict=True):
                page.wait_for_selector(LIVE, timeout=120_000)
                expect(page.locator(".sk-first-view")).to_be_hidden()
                assert page.inner_text(".sk-dash-name:visible") == name
        finally:
            for page in pages:
                page.close()


def test_a_home_session_on_a_phone_survives_20_s_offline_mid_hold_and_logs_the_hold_once(
    browser: Any, served: tuple[str, Path]
) -> None:
    """The phone goes offline for 20 s in the middle of a hold (a tunnel): the page keeps
    its kernel, the timer goes on once back online, and the hold is saved exactly once."""
    url, db = served
    name = "Robin Tunnel"
    link = add_story_client_with_link(db, name, "Robin Calloway", url)
    context = browser.new_context(viewport={"width": 390, "height": 1400})
    page = context.new_page()
    try:
        page.goto(link, timeout=90_000)
        page.wait_for_selector(LIVE, timeout=120_000)
        page.click(LIVE)
        page.click(".sk-timer .sk-start", timeout=30_000)
        page.wait_for_selector(".sk-clock", timeout=30_000)
        skip_to_phase(page, "hold")
        context.set_offline(True)
        page.wait_for_timeout(20_000)
        context.set_offline(False)
        clock = page.locator(".sk-clock")
        shown = clock.inner_text(timeout=30_000)
        expect(clock).not_to_have_text(shown, timeout=60_000)  # the timer is live again
        if not page.locator(".sk-last-hold").is_visible():
            page.click(".sk-timer .sk-skip")  # the hold outlasted the tunnel: end it
        page.wait_for_selector(".sk-last-hold", state="visible", timeout=30_000)
        place, _status, held = _latest_session(db, name)
        assert place == "home" and len(held) == 1 and held[0] >= 1
    finally:
        context.close()


def test_the_something_felt_wrong_form_fits_a_360_px_phone(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """At 360 px the 'Something felt wrong after stretching' button shows its whole label
    (wrapped, not cut off) and the 'What happened' field stays inside the page."""
    url, db = served
    link = add_story_client_with_link(db, "Jules Feltwrong", CLIENT, url)
    page = open_page(browser, link, LIVE, 360, 1600)
    try:
        wrong = page.locator(".sk-something-wrong").first
        wrong.scroll_into_view_if_needed()
        cut = wrong.evaluate("b => b.scrollWidth > b.clientWidth + 1")
        assert not cut, "the button's label is cut off"
        box = wrong.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 360
        wrong.click()
        field = page.locator(".sk-symptom-detail input").first
        field.wait_for(state="visible", timeout=30_000)
        box = field.bounding_box()
        card = page.locator(".sk-symptom-report").first.bounding_box()
        assert box is not None and card is not None
        assert box["x"] + box["width"] <= card["x"] + card["width"] + 1  # inside the card
        assert _no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts / "dashboard-something-wrong-360.png"))
    finally:
        page.close()
