"""The whole workbook in Spanish and German: every tab, for every demo client, says nothing in
English but names, units, the trainer's own notes, cited titles and the English originals
one tap away (compared with the same app in English, and searched for English words)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest

from stretchkit.catalog import default_catalog
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.i18n import LANGUAGE_NAMES, set_kernel_language
from stretchkit.store import Store
from stretchkit.widgets.workbook.workbook_app import TABS, WorkbookApp
from tests.page_texts import widget_texts

DAY = date(2026, 3, 2)
TRANSLATED = ("es", "de")
NEUTRAL = re.compile(
    r"[\d\s.,:;/x°%()+\-\u2013\u2014→←↑↓✕⬇▲●·•…*#=<>|\u200b]*"
    r"(?:(?:s|cm|kg|min|h|UTC|PNG|PDF|CSV|ZIP|QR|ACSM|PAR-Q\+|stretchkit)\b[\d\s.,:;/x°%()+\-\u2013→]*)*"
)
"""Doses, figures, units, file types and proper names read the same in every language."""
SAME_WORD = {
    "de": {"Position:", "Pause", "Links", "Routine", "Start", "Stopp", "Name", "Name:", "E-Mail"},
    "es": {"No", "Total"},
}
"""Words a language writes as English does."""
SAME_IN_TEXT = {
    "de": re.compile(
        r"(?i)\b(Routine|Links?|Plan|Test|Partner|Position|Region|Status|Screening|"
        r"Rotation|Multifidus|optional|local)\b"
    ),
    "es": re.compile(r"\b(plan|local|No)\b"),
}
"""Words of English a language also writes inside its sentences (German 'Routine', 'Link'
'Plan'; Spanish 'plan'), and the name of where a command ran ('local')."""
CODE = re.compile(r"\bkind\b")
"""The name of a column of the history file (a data format, the same in every language)."""
ENGLISH = re.compile(
    r"\b(the|your|you|and|with|of|for|is|are|this|session|sessions|stretch|stretches|hold|"
    r"holds|minutes?|weeks?|side|back|pain|not|today|tomorrow|left|right|steps|client|"
    r"clients|save|choose|new|none|no one|screening|routine|progress|link|links|field|"
    r"test|delete|archive|search|add|show|plan|days?|since|from|yes)\b",
    re.IGNORECASE,
)
"""Words of English that neither Spanish nor German uses."""
TEST_NAMES = re.compile(r"Sit-and-(?:reach|Reach)")
"""A field test known by its English name in every language (its translation follows it)."""


CITED = tuple(
    source.citation.replace("'", "&#x27;") if escaped else source.citation
    for source in default_catalog().sources.values()
    if source.id != "stretchkit"
    for escaped in (False, True)
)
"""The titles of the sources cited (as they are, in English; in an image's text alternative
as its attribute writes them)."""


@pytest.fixture
def demo_store(memory_store: Store) -> Iterator[Store]:
    """The demo studio on the test's day; the kernel's language English again after."""
    seed_demo_data(memory_store, today=DAY)
    yield memory_store
    set_kernel_language("en")


def _tab_texts(store: Store, language: str) -> tuple[dict[str, set[str]], set[str]]:
    """What every tab shows, for no client and for each demo client in turn, in `language`;
    and the words that stay as they are: the trainer's own (names, contacts, notes, as
    typed) and each language's own name in the picker."""
    set_kernel_language(language)
    app = WorkbookApp(store, lambda: DAY, autorun=False)
    shown: dict[str, set[str]] = {tab: set() for tab in TABS}
    own: set[str] = set(LANGUAGE_NAMES.values())  # the picker names each in itself
    for client in [None, *store.clients.all()]:
        if client is not None:
            details = client.details
            own |= {client.name, details.contact, details.notes, details.client_note}
        app.current.client_id = None if client is None else client.id
        for index, tab in enumerate(TABS):
            app.tabs.selected_index = index
            shown[tab] |= set(widget_texts(app.tabs.children[index]))
    shown["Clients"] |= (
        set(widget_texts(app.bar)) | set(app.tabs.titles) | set(widget_texts(app.intro))
    )
    shown["Clients"].add(app.title.value)
    return shown, {text.strip() for text in own if text.strip()}


def _left_in_english(texts: set[str], english: set[str], language: str, own: set[str]) -> set[str]:
    """The texts still in English: the same as in the English app, or with English words."""
    left = set()
    for text in texts:
        if text in own or text in SAME_WORD[language] or NEUTRAL.fullmatch(text):
            continue
        bare = TEST_NAMES.sub("", text)
        for said in (*own, *CITED):
            bare = bare.replace(said, "")
        bare = CODE.sub("", SAME_IN_TEXT[language].sub("", bare))
        if NEUTRAL.fullmatch(bare.strip()):
            continue  # names, contacts, titles and figures only
        if text in english or ENGLISH.search(bare):
            left.add(text)
    return left


@pytest.mark.slow
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_tab_of_the_workbook_leaves_nothing_in_english(
    demo_store: Store, language: str
) -> None:
    """Each tab, for each demo client, in `language`, against the same app in English."""
    english, _own = _tab_texts(demo_store, "en")
    shown, own = _tab_texts(demo_store, language)
    every_english = set().union(*english.values())
    left = {
        tab: sorted(_left_in_english(texts, every_english, language, own))
        for tab, texts in shown.items()
    }
    assert {tab: texts for tab, texts in left.items() if texts} == {}
