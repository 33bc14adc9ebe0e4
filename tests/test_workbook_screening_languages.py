"""The workbook's Screening tab in Spanish and German: for every demo client (one with a
numbness flag, one whose screening has cautions), filled in part, with a bad answer and a
refused 'no', it says nothing in English but names, units, the sources' titles, the trainer's
own notes and the English originals one tap away; what it stores stays English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from stretchkit.catalog import Catalog
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.i18n import use_language
from stretchkit.store import Store
from stretchkit.store.sessions import FLAG_SOURCE
from stretchkit.widgets.workbook.screening_form import ScreeningForm
from tests.page_texts import html_texts, widget_texts

DAY = date(2026, 3, 2)
TRANSLATED = ("es", "de")
NEUTRAL = re.compile(r"[\d\s.,:;/x°%()+\-\u2013→\u200b*⚠\u26a0]*(?:PAR-Q\+[\d\s.,:;()+-]*)?")
"""Figures, signs and the questionnaire's name read the same in every language."""
ENGLISH = re.compile(
    r"\b(the|you|your|and|with|of|for|is|are|this|not|no longer|stretch|stretches|stretching|"
    r"screening|screen|answer|answers|answered|clearance|cleared|injury|surgery|date|saved|"
    r"choose|enter|confirm|confirmed|until|since|refer|professional|healthcare|pain|weakness|"
    r"numbness|tingling|pregnancy|trimester|history|result|reason|reasons|source|yes)\b",
    re.IGNORECASE,
)
"""Words of English that neither Spanish nor German uses."""
SAME_WORD = {"es": {"No"}, "de": {"Status"}}
"""Words a language writes as English does."""
NOTE = "Numbness or tingling during Seated thoracic rotation, right, rep 1"


def _texts(widget: Any, skip: Any) -> Iterator[str]:
    """What a widget tree shows, leaving out `skip` (the client picker, the Clients tab's)."""
    if widget is skip:
        return
    if getattr(widget, "layout", None) is not None and widget.layout.display == "none":
        return
    if not getattr(widget, "children", None):
        yield from widget_texts(widget)
        return
    for name in ("description", "placeholder", "tooltip"):
        said = getattr(widget, name, None)
        if isinstance(said, str) and said.strip():
            yield said.strip()
    for child in widget.children:
        yield from _texts(child, skip)


def _shown(form: ScreeningForm) -> list[str]:
    return list(_texts(form, form.picker))


def _walk(store: Store, client_id: int, flagged: bool) -> list[str]:
    """The form for one client, as a trainer goes through it: the carried answers, a PAR-Q+
    question and a condition left unanswered, a bad age, then (for the flagged client) the
    flagged answer turned to 'no', everything confirmed, and Save pressed."""
    form = ScreeningForm(store, today=lambda: DAY)
    form.picker.client.value = client_id
    seen = _shown(form)
    form.save_screening()  # carried answers still to confirm: refused
    seen += _shown(form)
    age = form.age.value
    form.parq[1].value = None
    form.flags["osteoporosis"].value = None
    seen += _shown(form)
    form.save_screening()  # questions unanswered: refused, naming them
    seen += _shown(form)
    form.parq[1].value = "No"
    form.flags["osteoporosis"].value = False
    form.age.value = "4x"
    seen += _shown(form)
    form.age.value = "7"
    seen += _shown(form)
    form.age.value = age or "40"
    form.injured.value = True
    form.injuries.add_row()
    seen += _shown(form)
    form.injured.value = False
    if flagged:
        form.flags["numbness_tingling"].value = False
        for key in form.carried.keys:
            form.carried.confirm_box(key).value = True
        seen += _shown(form)
        form.save_screening()  # a 'no' after the flag: refused in plain words
        seen += _shown(form)
    return seen


@pytest.fixture
def studio(memory_store: Store) -> Store:
    """The demo studio; its first client flagged numbness in today's session."""
    seed_demo_data(memory_store, today=DAY)
    first = memory_store.clients.all()[0]
    memory_store.screenings.report_health_change(first.id, DAY, NOTE, FLAG_SOURCE)
    return memory_store


def _left_in_english(
    texts: list[str], english: set[str], allowed: set[str], language: str
) -> set[str]:
    left = set()
    for said in texts:
        if said in SAME_WORD[language]:
            continue
        text = said
        for own in allowed:
            text = text.replace(own, "")
        text = text.strip(" .:;,()")
        if not text or NEUTRAL.fullmatch(text):
            continue
        if text in english or ENGLISH.search(text):
            left.add(text)
    return left


@pytest.mark.slow
@pytest.mark.parametrize("language", TRANSLATED)
def test_the_screening_tab_leaves_nothing_in_english(
    studio: Store, catalog: Catalog, language: str
) -> None:
    """Every demo client's screening, step by step, against the same steps in English."""
    clients = studio.clients.all()
    citations = {s.citation for s in catalog.sources.values()}
    allowed = {c.name for c in clients} | citations
    left: dict[str, set[str]] = {}
    cautions = 0
    for n, client in enumerate(clients):
        with use_language("en"):
            english = set(_walk(studio, client.id, flagged=n == 0))
        with use_language(language):
            shown = _walk(studio, client.id, flagged=n == 0)
        latest = studio.screenings.latest(client.id)
        cautions += latest is not None and latest.status == "cleared-with-cautions"
        left[client.name] = _left_in_english(shown, english, allowed, language)
    assert cautions, "no demo client has a screening with cautions"
    assert {name: sorted(texts) for name, texts in left.items() if texts} == {}


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_refused_no_is_said_in_the_readers_language_and_nothing_is_stored(
    studio: Store, language: str
) -> None:
    """The flagged client's 'no' is refused in the reader's words; the store keeps English."""
    client = studio.clients.all()[0]
    before = len(studio.screenings.history(client.id))
    with use_language(language):
        form = ScreeningForm(studio, today=lambda: DAY)
        form.picker.client.value = client.id
        form.flags["numbness_tingling"].value = False
        for key in form.carried.keys:
            form.carried.confirm_box(key).value = True
        form.save_screening()
        message = " ".join(html_texts(form.message.value))
        banner = " ".join(html_texts(form.banner.value))
    assert message and not ENGLISH.search(message)
    assert banner and not ENGLISH.search(banner)
    assert ("2 de marzo de 2026" if language == "es" else "2. März 2026") in message
    assert len(studio.screenings.history(client.id)) == before
    notes = [c.note for c in studio.screenings.health_changes(client.id)]
    assert NOTE in notes


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_par_q_questions_are_stretchkits_translation_with_the_english_at_hand(
    studio: Store, catalog: Catalog, language: str
) -> None:
    """The PAR-Q+ questions come from the catalog's translations, said to be stretchkit's,
    the English original one tap away."""
    from stretchkit.catalog.translations import catalog_text
    from stretchkit.screening.intake import PARQ_QUESTIONS

    with use_language(language):
        form = ScreeningForm(studio, today=lambda: DAY)
        html = " ".join(str(w.value) for w in _html(form))
    assert catalog_text(PARQ_QUESTIONS[0], language) in html
    assert '<details class="sk-original" lang="en">' in html
    assert PARQ_QUESTIONS[0] in html  # the English, inside the original


def _html(widget: Any) -> Iterator[Any]:
    if type(widget).__name__ == "HTML":
        yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _html(child)
