"""The workbook's Progress, Links, Access and Library tabs in Spanish and German: for every
demo client, with a new link made and the access log shown, they say nothing in English but
names, units, cited titles and the English originals one tap away."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html import unescape

import ipywidgets as w
import pytest

from stretchkit.catalog import Catalog
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.i18n import use_language
from stretchkit.store import Store
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.kit.library import StretchLibrary
from stretchkit.widgets.workbook.access_panel import AccessPanel
from stretchkit.widgets.workbook.guidance import GuidancePanel
from stretchkit.widgets.workbook.link_manager import LinkManager
from stretchkit.widgets.workbook.progress_panel import ProgressPanel
from tests.page_texts import widget_texts

DAY = date(2026, 3, 2)
TRANSLATED = ("es", "de")
NEUTRAL = re.compile(
    r"[\d\s.,:;/x°%()+\-\u2013→\u200b\u2b07#*…]*"
    r"(?:(?:s|min|cm|PNG|PDF|CSV|UTC|URL|QR|stretchkit|sk-[\w-]+)\b[\d\s.,:;/x°%()+\-\u2013→#*…]*)*"
)
"""Figures, units, file kinds and the product's name read the same in every language."""
SAME_WORD = {
    "de": {"Pause", "Link", "Links", "Status", "Partner", "Position", "Position:", "Region"}
    | {"Multifidus"},
    "es": set(),
}
"""Words a language writes as English does (a label alone, the same in both)."""
WORDS = (
    "the|your|you|and|with|of|for|is|are|this|session|sessions|stretch|stretches|hold|holds|"
    "minutes?|weeks?|side|back|pain|not|today|tomorrow|left|right|steps|link|links|client|"
    "clients|choose|refresh|revoke|created|never|label|kind|who|what|when|from|field|tests?|"
    "report|build|measured?|none|yet|rating|planned|done|source|muscles?|any|match|filters?|"
    "position|partner|guidance|avoid|consult|condition|every|everyone"
)
SHARED = {"de": {"link", "links", "partner", "position", "filters?", "tests?"}, "es": set()}
"""English words the language has too ('Links' is German for 'left'), as WORDS has them."""


def english_words(language: str) -> re.Pattern[str]:
    """Words of English that the language does not use."""
    words = [w for w in WORDS.split("|") if w not in SHARED[language]]
    return re.compile(rf"\b({'|'.join(words)})\b", re.IGNORECASE)


TEST_NAMES = re.compile(r"Sit-and-(?:reach|Reach)")
"""A field test known by its English name in every language (its translation follows it)."""
HINT = re.compile(r"[\w-]{4}\u2026")
"""A link's key as the table shows it: its first four characters."""
COMMANDS = {"stretchkit workbook --dashboard-host 0.0.0.0"}
"""A command, typed as it is in every language."""


class Screens(w.VBox):  # type: ignore[misc]
    """The four tabs as the workbook app composes them, over one chosen client. `texts` is
    what they show, but for the parts other screens' files draw (the client picker, the
    attention list, the field-test form, the CSV transfer, the PDF's progress and the
    calendar form): those are checked with their own screens."""

    def __init__(self, store: Store, catalog: Catalog) -> None:
        self.current = CurrentClient()
        self.progress = ProgressPanel(store, catalog, lambda: DAY, current=self.current)
        self.links = LinkManager(store, "http://localhost:8866/", current=self.current)
        self.access = AccessPanel(store, current=self.current)
        self.library = StretchLibrary(catalog)
        super().__init__(
            [self.progress, self.links, self.access, self.library, GuidancePanel(catalog)]
        )

    def others(self) -> list[w.Widget]:
        p = self.progress
        pickers = [p.picker, self.links.picker, self.access.picker]
        return [*pickers, p.attention, p.outcomes, p.transfer, p.report, self.links.calendar]

    def texts(self, widget: w.Widget | None = None) -> list[str]:
        hidden = self.others()
        shown = [h.layout.display for h in hidden]
        for h in hidden:
            h.layout.display = "none"
        try:
            return list(widget_texts(widget or self))
        finally:
            for h, display in zip(hidden, shown, strict=True):
                h.layout.display = display


@pytest.fixture
def demo(memory_store: Store) -> Iterator[Store]:
    seed_demo_data(memory_store, today=DAY)
    yield memory_store


def _everything(store: Store, catalog: Catalog, language: str) -> dict[str, list[str]]:
    """What the four tabs show for each demo client (and each stretch of the library), in
    `language`: a link made for the client, the access log of the client and of the studio."""
    shown: dict[str, list[str]] = {}
    with use_language(language):
        screens = Screens(store, catalog)
        shown[""] = screens.texts()
        for client in store.clients.all():
            screens.current.client_id = client.id
            screens.links.label.value = "tel"
            screens.links.create_link()
            screens.access.scope.value = "This client"
            texts = screens.texts()
            screens.access.scope.value = "Studio: exports and deletions"
            texts += screens.texts(screens.access)
            screens.links.choice.index = 0
            screens.links.revoke_link()
            shown[client.name] = [*texts, *screens.texts(screens.links)]
        for stretch in catalog.stretches:
            screens.library.select(stretch.id)
            shown[""] += screens.texts(screens.library)
        screens.library.region.value = next(iter(catalog.regions))
        screens.library.muscle.value = screens.library.muscle.options[-1][1]
        shown[""] += screens.texts(screens.library)
    return shown


def _left_in_english(
    texts: list[str], english: set[str], language: str, own: set[str], cited: list[str]
) -> set[str]:
    """The texts still in English (a cited title taken out first): the same as in English,
    or with English words."""
    left = set()
    for said in texts:
        text = TEST_NAMES.sub("", unescape(said))
        for citation in cited:
            text = text.replace(citation, "")
        if not text.strip(" .,;:()"):
            continue
        if text in own or text in SAME_WORD[language] or NEUTRAL.fullmatch(HINT.sub("", text)):
            continue
        if text in english or english_words(language).search(text):
            left.add(text)
    return left


@pytest.mark.slow
@pytest.mark.parametrize("language", TRANSLATED)
def test_progress_links_access_and_library_leave_nothing_in_english(
    demo: Store, catalog: Catalog, language: str
) -> None:
    english = {t for texts in _everything(demo, catalog, "en").values() for t in texts}
    trainers = {"local"}  # the demo's trainer, by login name
    own = {c.name for c in demo.clients.all()} | {"tel"} | trainers | COMMANDS
    cited = sorted((s.citation for s in catalog.sources.values()), key=len, reverse=True)
    left = {
        name: _left_in_english(texts, english, language, own, cited)
        for name, texts in _everything(demo, catalog, language).items()
    }
    assert {name: sorted(texts) for name, texts in left.items() if texts} == {}
