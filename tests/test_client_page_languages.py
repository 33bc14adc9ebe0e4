"""The client's page in Spanish and German: the first view and the live page say nothing in
English but names, the trainer's own notes, units and the English originals one tap away;
the page is in the client's own language, else in the one their phone asks for."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time
from html import escape
from pathlib import Path

import pytest
from icalendar import Calendar as ICalendar

from stretchkit.catalog import Catalog
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.i18n import use_language
from stretchkit.paths import DB_ENV_VAR
from stretchkit.planning.planner import GOALS, plan
from stretchkit.planning.session_calendar import SessionTime
from stretchkit.reports.handout_content import handout_content
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.services.session_calendar import client_calendar
from stretchkit.store import Store
from stretchkit.store.trainers import EVERYONE
from stretchkit.widgets.dashboard.client_dashboard import ClientDashboard
from stretchkit.widgets.dashboard.dashboard_first_view import first_view_in, first_view_page
from tests.page_texts import html_texts, widget_texts

DAY = date(2026, 3, 2)
TRANSLATED = ("es", "de")
NEUTRAL = re.compile(r"[\d\s.,:;/x°%()+\-\u2013→\u200b]*(?:(?:s|cm)\b[\d\s.,:;/x°%()+\-\u2013→]*)*")
"""Doses, figures and units read the same in every language ('30 s x 3', '14,5 cm')."""
SAME_WORD = {"de": {"Position:", "Pause"}, "es": set()}
"""Words a language writes as English does."""
ENGLISH = re.compile(
    r"\b(the|your|you|and|with|of|for|is|are|this|session|sessions|stretch|stretches|hold|"
    r"minutes?|weeks?|side|back|pain|not|today|tomorrow|left|right|steps)\b",
    re.IGNORECASE,
)
"""Words of English that neither Spanish nor German uses."""
TEST_NAMES = re.compile(r"Sit-and-(?:reach|Reach)")
"""A field test known by its English name in every language (its translation follows it)."""


@pytest.fixture
def studio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The demo studio as the dashboard's server reads it."""
    db = tmp_path / "store.db"
    monkeypatch.setenv(DB_ENV_VAR, str(db))
    with Store.open(db) as store:
        seed_demo_data(store, today=DAY)
    yield db


def _set_languages(language: str) -> dict[str, tuple[int, str, str]]:
    """Give every demo client `language`; their link's key -> (id, name, note for the client)."""
    keys = {}
    with Store.open(os.environ[DB_ENV_VAR], trainer=EVERYONE) as store:
        for client in store.clients.all():
            store.clients.update(client.id, replace(client.details, language=language))
            token = store.links.create(client.id)[1]
            keys[token] = (client.id, client.name, client.details.client_note)
    return keys


def _live_texts(client_id: int, catalog: Catalog, language: str) -> list[str]:
    """What the client's live page shows, built in `language`."""
    with Store.open(os.environ[DB_ENV_VAR], trainer=EVERYONE) as store, use_language(language):
        page = ClientDashboard(store, catalog, client_id, muscle_maps={}, today=lambda: DAY)
        assert page.symptoms is not None and page.calendar is not page  # built when opened
        for index in range(len(page.cards)):
            page.open_card(index)
        return list(widget_texts(page))


def _left_in_english(texts: list[str], english: set[str], language: str, own: set[str]) -> set[str]:
    """The texts still in English: the same as on the English page, or with English words."""
    left = set()
    for text in texts:
        if text in own or text in SAME_WORD[language] or NEUTRAL.fullmatch(text):
            continue
        if text in english or ENGLISH.search(TEST_NAMES.sub("", text)):
            left.add(text)
    return left


@pytest.mark.slow
@pytest.mark.parametrize("language", TRANSLATED)
def test_the_first_view_and_the_live_page_leave_nothing_in_english(
    studio: Path, catalog: Catalog, language: str
) -> None:
    """Every demo client's page, in their language, against the same page in English."""
    _set_languages("en")
    english: set[str] = set()
    for key, (client_id, _name, _notes) in _set_languages("en").items():
        english |= set(html_texts(first_view_in(f"key={key}", catalog, DAY)[0]))
        english |= set(_live_texts(client_id, catalog, "en"))
    left: dict[str, set[str]] = {}
    for key, (client_id, name, notes) in _set_languages(language).items():
        html, live, said = first_view_in(f"key={key}", catalog, DAY)
        assert live and said == language
        shown = html_texts(html) + _live_texts(client_id, catalog, language)
        left[name] = _left_in_english(shown, english, language, {name, notes})
    assert {name: sorted(texts) for name, texts in left.items() if texts} == {}


@pytest.mark.parametrize(
    ("asked", "own", "shown"),
    [
        ("es-ES,es;q=0.9,en;q=0.8", "", "es"),
        ("de-AT,de;q=0.9", "", "de"),
        ("fr-FR,fr;q=0.9", "", "en"),
        ("fr-FR,de;q=0.5", "", "de"),
        (None, "", "en"),
        ("es-ES", "de", "de"),
        ("de", "en", "en"),
    ],
)
def test_the_page_is_in_the_clients_language_else_the_phones(
    studio: Path, asked: str | None, own: str, shown: str
) -> None:
    """The client's own language wins; without one, the first the phone asks for that
    stretchkit speaks; else English. The page's <html lang> and the live page's follow it."""
    key = next(iter(_set_languages(own)))
    page = first_view_page(f"key={key}", DAY, asked=asked)
    assert f'<html lang="{shown}">' in page
    assert f'address.searchParams.set("lang", "{shown}")' in page
    assert f'document.documentElement.lang = "{shown}"' in page


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_link_that_is_not_valid_is_said_in_the_phones_language(
    studio: Path, language: str
) -> None:
    """No client is known, so the phone's language is the only one there is."""
    page = first_view_page("key=not-a-real-key-but-long-enough-xyz", DAY, asked=language)
    assert f'<html lang="{language}">' in page and "This link is not valid" not in page


def test_a_translated_stretch_card_keeps_its_english_original_one_tap_away(
    studio: Path, catalog: Catalog
) -> None:
    """The card says it is stretchkit's translation and holds the English in a <details>."""
    client_id = next(iter(_set_languages("de").values()))[0]
    with Store.open(os.environ[DB_ENV_VAR], trainer=EVERYONE) as store, use_language("de"):
        page = ClientDashboard(store, catalog, client_id, muscle_maps={}, today=lambda: DAY)
        for index in range(len(page.cards)):  # each card is sent when opened
            page.open_card(index)
        html = " ".join(w.value for w in _html_widgets(page) if "sk-client-item" in w.value)
    assert "Übersetzung von stretchkit" in html
    assert '<details class="sk-original" lang="en"><summary>Original (Englisch)</summary>' in html
    first = catalog.stretch(re.findall(r'data-stretch="([^"]+)"', html)[0])
    assert escape(first.steps[0]) in html  # the English step, in the original


def _html_widgets(widget: object) -> Iterator[object]:
    if type(widget).__name__ == "HTML":
        yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _html_widgets(child)


def _strings(value: object) -> Iterator[str]:
    """Every text a handout's content holds, depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _strings(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            if name != "stretch_id":  # a key, never shown
                yield from _strings(getattr(value, name))


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize(
    "intake",
    [{}, {"hypermobility": True}, {"hamstring_tightness": True, "warm_up_possible": False}],
)
def test_the_handout_leaves_nothing_in_english(
    catalog: Catalog, language: str, intake: dict[str, object]
) -> None:
    """Every text of the routine handout (all eight stretches, with and without cautions),
    except the sources' English titles and the client's name."""
    screening = screen(Intake(DAY, 40, **intake), catalog)  # type: ignore[arg-type]
    routine = plan(screening, catalog, goals=tuple(g.id for g in GOALS), budget_min=60)
    citations = [source.citation for source in catalog.sources.values()]

    def texts(code: str) -> set[str]:
        with use_language(code):
            made = handout_content(routine, catalog, client_name="Ana Ruiz", made_on=DAY)
        found = set()
        for said in _strings(made):
            text = said.replace("Ana Ruiz", "")
            for citation in citations:
                text = text.replace(citation, "")
            found.add(text.strip(" .:\u00b7;"))
        return found

    english = texts("en")
    left = _left_in_english(sorted(texts(language)), english, language, {""})
    assert sorted(left) == []


@pytest.mark.parametrize(
    ("language", "summary", "said"),
    [
        ("es", "Sesión de estiramientos de espalda", "Calienta primero."),
        ("de", "Einheit Rückendehnung", "Wärm dich zuerst auf."),
    ],
)
def test_the_calendar_file_is_in_the_clients_language(
    memory_store: Store, catalog: Catalog, language: str, summary: str, said: str
) -> None:
    """A calendar parser reads the client's events, reminder included, in their language."""
    seed_demo_data(memory_store, today=DAY)
    client = next(c for c in memory_store.clients.all() if c.details.language == language)
    data = client_calendar(
        memory_store,
        catalog,
        client.id,
        (SessionTime(0, time(18, 30)),),
        zone="Europe/Madrid",
        today=DAY,
        now=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    )
    events = [e for e in ICalendar.from_ical(data).walk("VEVENT") if e["status"] == "CONFIRMED"]
    assert [str(e["summary"]) for e in events] == [summary]
    assert said in str(events[0]["description"])
    (alarm,) = events[0].walk("VALARM")
    assert str(alarm["description"]).startswith(summary)


class _Clock:
    """A clock that moves only when the test moves it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _home_session_texts(
    db: Path, catalog: Catalog, language: str, flag: bool
) -> tuple[list[str], set[str]]:
    """What a client reads of their home session in `language`, phase by phase, in a demo
    studio of its own: before Start, the warm-up, get-ready, a hold, its rating in the rest
    after it, then Stop's question and the end (or a flag and what to do now); and the
    client's own words (their name, their trainer's note)."""
    with Store.open(db) as store:
        seed_demo_data(store, today=DAY)
    with Store.open(db, trainer=EVERYONE) as store, use_language(language):
        client = next(c for c in store.clients.all() if c.name == _HOME_CLIENT)
        store.clients.update(client.id, replace(client.details, language=language))
        page = ClientDashboard(store, catalog, client.id, muscle_maps={}, today=lambda: DAY)
        page.start_home_session()
        timer = page.timer
        assert timer is not None, "no home session for the demo client"
        clock, timer.autorun = _Clock(), False
        timer.session.runner.clock = clock
        shown = list(widget_texts(page))
        timer.start()
        for kind in ("warm-up", "get-ready", "hold"):
            assert timer.runner.phase.kind == kind
            shown += widget_texts(page)
            clock.now += timer.runner.remaining() + 0.1
            timer.tick()
        shown += widget_texts(page)  # the release, the last hold's fields
        clock.now += timer.runner.remaining() + 0.1
        timer.tick()
        assert timer.runner.phase.kind in ("rest", "switch-side")
        timer.sensation.value = 8  # too intense: the rest of the stretch eases off
        shown += widget_texts(page)
        if flag:
            timer.skip()
            timer.flag("sharp-pain")
            assert timer.ended_status == "flagged"
        else:
            timer.ask_stop()
            shown += widget_texts(page)
            timer.end()
            assert timer.ended_status == "stopped"
        own = {client.name, client.details.client_note}
        return [*shown, *widget_texts(page)], own


_HOME_CLIENT = "Kai Elderfield"
"""A demo client with a routine who may stretch at home on the test's day."""


@pytest.mark.parametrize("flag", [False, True], ids=["stopped", "flagged"])
@pytest.mark.parametrize("language", TRANSLATED)
def test_the_home_session_timer_leaves_nothing_in_english(
    tmp_path: Path, catalog: Catalog, language: str, flag: bool
) -> None:
    """A demo client's home session in their language, against the same session in English:
    the timer's phases, cues, buttons, hold log and rating, Stop's question, the end, a
    flag's what-to-do-now and the 'something felt wrong' form say nothing in English."""
    english, _own = _home_session_texts(tmp_path / "en.db", catalog, "en", flag)
    shown, own = _home_session_texts(tmp_path / f"{language}.db", catalog, language, flag)
    assert len(shown) > 60
    assert sorted(_left_in_english(shown, set(english), language, own)) == []
