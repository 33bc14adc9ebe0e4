"""What the routine handout says, checked as plain values, without drawing a page."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from stretchkit.catalog import Catalog
from stretchkit.planning.planner import GOALS, plan
from stretchkit.planning.prescription import prescribe
from stretchkit.planning.routine import Routine
from stretchkit.planning.safety_notes import safety_notes
from stretchkit.planning.step_plan import HOLD_STEP, steps_with_plan
from stretchkit.reports.handout_content import HandoutContent, handout_content
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake

MADE_ON = date(2026, 3, 2)
INTAKES = {
    "cleared": Intake(MADE_ON, 40),
    "hypermobile": Intake(MADE_ON, 35, hypermobility=True),
    "tight hamstrings": Intake(MADE_ON, 60, hamstring_tightness=True),
}


def _routine(catalog: Catalog, intake: Intake) -> Routine:
    goals = tuple(g.id for g in GOALS)
    return plan(screen(intake, catalog), catalog, goals=goals, budget_min=30)


def _content(catalog: Catalog, routine: Routine, note: str = "") -> HandoutContent:
    return handout_content(
        routine, catalog, client_name="Ana Test", trainer_notes=note, made_on=MADE_ON
    )


def test_the_handout_content_imports_without_matplotlib() -> None:
    """The content module, and what it needs, load no plotting library."""
    code = "import sys, stretchkit.reports.handout_content; print('matplotlib' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("who", sorted(INTAKES))
def test_every_stretch_page_says_the_client_s_own_plan_and_every_safety_note(
    catalog: Catalog, who: str
) -> None:
    """Each stretch of the routine has its page, in order, with the client's own hold, safe
    range, rest and reason, and every safety note of the stretch and the client's cautions."""
    routine = _routine(catalog, INTAKES[who])
    content = _content(catalog, routine)
    assert [s.stretch_id for s in content.stretches] == list(routine.stretch_ids)
    for number, (entry, page) in enumerate(zip(routine.items, content.stretches, strict=True), 1):
        rx, stretch = entry.prescription, catalog.stretch(entry.stretch_id)
        assert page.title == f"{number}. {stretch.name}"
        assert page.hold == rx.text
        assert f"Safe hold range for you: {rx.bounds.text}." in page.rest_and_range
        assert page.why.text == (entry.why or stretch.purpose)
        assert page.take_care.items == safety_notes(stretch, entry.cautions, "client")
        assert page.steps.items == steps_with_plan(stretch, rx)
        assert page.source.startswith(f"Source: {catalog.source_of(stretch).citation}")
    if who == "hypermobile":
        assert all(entry.cautions for entry in routine.items)


def test_the_front_pages_say_the_routine_the_safety_rules_and_the_note(catalog: Catalog) -> None:
    """The summary lists every stretch with its hold; the safety rules say what to do on
    pain, numbness or tingling and when to see a professional; a blank note says nothing."""
    routine = _routine(catalog, INTAKES["cleared"])
    content = _content(catalog, routine, note="  Gentle this week.  ")
    names = [catalog.stretch(i.stretch_id).name for i in routine.items]
    assert content.summary.stretches == tuple(
        f"{name}: {i.prescription.text}" for name, i in zip(names, routine.items, strict=True)
    )
    assert content.safety.flag.text == catalog.guideline("stop-and-tell").text
    refer = catalog.guideline("seek-professional-guidance")
    assert content.safety.refer.items == tuple(refer.items)
    assert content.note is not None and content.note.text == "Gentle this week."
    assert content.cover.client == "For Ana Test" and "2 March 2026" in content.footer
    assert _content(catalog, routine, note=" \n ").note is None


def test_the_hold_step_keeps_the_article_s_words_and_adds_the_client_s_plan(
    catalog: Catalog,
) -> None:
    """A 50 s x 3 plan reads 'Hold for 15-30 seconds (your plan: 50 s, 3 times; the article:
    15-30 s), ...' and every other step is the article's own, word for word."""
    stretch = catalog.stretch("seated-thoracic-extension")
    first = prescribe(stretch, Intake(MADE_ON, 40, reduced_flexibility=True), catalog)
    rx = first.with_hold("", 50).with_reps(3)
    steps = steps_with_plan(stretch, rx)
    hold = next(n for n, step in enumerate(stretch.steps) if HOLD_STEP.search(step))
    assert steps[hold] == stretch.steps[hold].replace(
        "Hold for 15-30 seconds",
        "Hold for 15-30 seconds (your plan: 50 s, 3 times; the article: 15-30 s)",
    )
    assert [s for n, s in enumerate(steps) if n != hold] == [
        s for n, s in enumerate(stretch.steps) if n != hold
    ]


def test_the_stay_safe_box_speaks_to_the_client_and_names_its_sources(catalog: Catalog) -> None:
    """'Stop and tell your trainer if ...', never 'Refer the client', with both articles cited."""
    content = _content(catalog, _routine(catalog, INTAKES["cleared"]))
    said = " ".join((content.safety.no_pain, content.safety.flag.text, content.safety.refer_text))
    assert content.safety.flag.text.startswith("Stop the stretch at once and tell your trainer")
    assert "the client" not in said.lower()
    for source in catalog.guideline("stop-and-tell").sources:
        assert catalog.sources[source].citation in content.safety.flag.source
