"""The workbook's Routine and Session tabs in Spanish and German: a trainer chooses a demo
client, plans and edits a routine, saves it, then runs today's session (warm-up, get-ready,
a hold, its rating, a flag and what to do now) and reads nothing in English but names,
units, the trainer's own notes and the English originals one tap away."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import ipywidgets as w
import pytest

from stretchkit.catalog import Catalog
from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.i18n import use_language
from stretchkit.planning.planner import plan
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.store import Store
from stretchkit.store.trainers import EVERYONE
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.kit.session_timer import SessionTimer
from stretchkit.widgets.workbook.routine_planner import RoutinePlanner
from stretchkit.widgets.workbook.session_panel import SessionPanel
from tests.clocks import FakeClock
from tests.page_texts import html_texts, widget_texts
from tests.today import clock_today

DAY = date(2026, 3, 2)
TRANSLATED = ("es", "de")
NEUTRAL = re.compile(
    r"[\d\s.,:;/x°%()+\-\u2013\u2192\u2191\u2193\u2715\u25cf\u200b]*(?:(?:s|cm|min)\b[\d\s.,:;/x°%()+\-\u2013\u2192]*)*"
)
"""Doses, figures, units and arrows read the same in every language ('30 s x 3', '↑')."""
SAME_WORD = {"de": {"Name", "Rotation", "3. Routine", "Pause"}, "es": set()}
"""Words a language writes as English does."""
ENGLISH = re.compile(
    r"\b(the|your|you|and|with|of|for|is|are|this|to|session|sessions|stretch|"
    r"stretches|hold|holds|minutes?|weeks?|days?|side|back|pain|not|today|tomorrow|left|"
    r"right|steps|plan|save|saved|choose|start|stop|skip|next|targets?|reps|goals?|"
    r"rest|done|warm-up|remove|move|up|down|add|template|client|flag|ended|start)\b",
    re.IGNORECASE,
)
"""Words of English that neither Spanish nor German uses."""
PICKER = {"Client", "Choose a client", "New client", "Add a client on the Clients tab"}
"""The client picker shared by every tab (stretchkit/widgets/kit/client_picker.py, translated
with the Clients tab)."""
READINESS = re.compile(r"^(Screened on|Re-screen before|Not screened yet|No stretch may be)")
"""The readiness line of the client's screening (stretchkit/services/readiness.py, translated
with the Screening tab)."""
ROTATION = "seated-thoracic-rotation"
_CLIENT = "Kai Elderfield"
"""A demo client with a routine who has a session due on the test's day."""


def _studio(db: Path) -> Path:
    """A demo studio of its own (a flag raised in one language stops the client's plan)."""
    with Store.open(db) as store:
        seed_demo_data(store, today=DAY)
    return db


def _choose(picker_dropdown: w.Dropdown, name: str) -> int:
    value: int = next(v for label, v in picker_dropdown.options if label.startswith(name))
    picker_dropdown.value = value
    return value


def _tabs_texts(db: Path, catalog: Catalog, language: str) -> tuple[list[str], set[str]]:
    """What a trainer reads on the Routine and Session tabs in `language`, step by step; and
    the client's own words (names, the trainer's notes)."""
    with Store.open(db, trainer=EVERYONE) as store, use_language(language):
        clock, current = FakeClock(), CurrentClient()
        own = {c.name for c in store.clients.all()}
        own |= {c.details.client_note for c in store.clients.all() if c.details.client_note}
        planner = RoutinePlanner(store, catalog, lambda: DAY, current=current)
        panel = SessionPanel(store, catalog, lambda: DAY, clock, False, current=current)
        for screen in (planner, panel):
            screen.picker.send_new_clients_to(lambda: None)
        shown = [*widget_texts(planner), *widget_texts(panel)]
        planner.make_plan()  # no client yet: said by the client field
        shown += widget_texts(planner)
        _choose(planner.picker.client, _CLIENT)
        shown += widget_texts(planner)
        planner.budget.value = "500"
        planner.make_plan()  # out of range: said by the budget field
        shown += widget_texts(planner)
        planner.budget.value = "20"
        for box in planner.goals.values():
            box.value = False
        planner.make_plan()  # no goal: said by the goal field
        shown += widget_texts(planner)
        next(iter(planner.goals.values())).value = True
        planner.make_plan()
        assert planner.routine is not None
        shown += widget_texts(planner)
        planner.add_chosen()  # nothing chosen to add
        planner.apply_template()  # no template chosen
        shown += widget_texts(planner)
        planner.keep_template()  # no name
        shown += widget_texts(planner)
        planner.template_name.value = "Desk 20"
        planner.keep_template()
        shown += widget_texts(planner)
        planner.save_routine()
        shown += widget_texts(planner)
        own.add("Desk 20")

        panel.picker.client.value = planner.picker.client.value
        timer = panel.timer
        assert timer is not None, "no session for the demo client"
        shown += widget_texts(panel)
        timer.start()
        for kind in ("warm-up", "get-ready", "hold"):
            assert timer.runner.phase.kind == kind
            shown += widget_texts(panel)
            clock.now += timer.runner.remaining() + 0.1
            timer.tick()
        shown += widget_texts(panel)
        clock.now += timer.runner.remaining() + 0.1
        timer.tick()
        timer.sensation.value = 8  # too intense: the rest of the stretch eases off
        shown += widget_texts(panel)
        timer.skip()
        shown += widget_texts(panel)
        timer.flag("sharp-pain")
        assert timer.ended_status == "flagged"
        shown += widget_texts(panel)
        planner.picker.client.value = planner.picker.client.value
        shown += widget_texts(planner)
        return shown, own


def _left_in_english(texts: list[str], english: set[str], language: str, own: set[str]) -> set[str]:
    """The texts still in English: the same as in English, or with English words."""
    left = set()
    for text in texts:
        if text in own or text in PICKER or text in SAME_WORD[language] or READINESS.match(text):
            continue
        if NEUTRAL.fullmatch(text):
            continue
        if text in english or ENGLISH.search(text):
            left.add(text)
    return left


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_routine_and_session_tabs_leave_nothing_in_english(
    tmp_path: Path, catalog: Catalog, language: str
) -> None:
    """Planning, editing and saving a routine, then running a session to a flag, in
    Spanish and German, against the same steps in English."""
    english, _own = _tabs_texts(_studio(tmp_path / "en.db"), catalog, "en")
    shown, own = _tabs_texts(_studio(tmp_path / "tr.db"), catalog, language)
    assert len(shown) > 100
    assert sorted(_left_in_english(shown, set(english), language, own)) == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_plan_changed_by_a_new_screening_is_said_in_the_language(
    memory_store: Store, catalog: Catalog, language: str
) -> None:
    """A 70-year-old's 60 s holds, then a re-screen ticking hypermobility before Start: the
    timer says what changed and why (the new basis of the hold, read back from the routine's
    English) in the trainer's language."""
    with use_language(language):
        client = memory_store.clients.add(ClientDetails("Robin Ashdown")).id
        first = screen(Intake(clock_today(), 70), catalog)
        memory_store.screenings.add(client, first)
        routine = plan(first, catalog, goals=["rotation"], budget_min=13)
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
        memory_store.screenings.add(
            client, screen(Intake(clock_today(), 70, hypermobility=True), catalog)
        )
        timer.warmed_up.value = True
        timer.start_button.click()
        message = " ".join(html_texts(timer.message.value))
        shown = list(widget_texts(timer))
    assert " 60 s)" in message and timer.timeline.holds()[0].duration_s == 20
    assert sorted(_left_in_english(shown, set(), language, {"Robin Ashdown"})) == []
