"""The workbook's Clients tab in Spanish and German: the client picker, the attention list and
the client manager, with every demo client chosen, the edit form open, a delete asked and
called off, an archived client restored and bad input refused, say nothing in English but
names, contacts, the trainer's own notes and units; a bad input's message names the field
and the value in the reader's language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import ipywidgets as w
import pytest

from stretchkit.demo.seeding import seed_demo_data
from stretchkit.i18n import LANGUAGE_NAMES, set_kernel_language
from stretchkit.services.client_records import archive_client
from stretchkit.store import Store
from stretchkit.widgets.kit.client_picker import ClientPicker
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.workbook.attention_list import AttentionList
from stretchkit.widgets.workbook.client_manager import ClientManager
from tests.page_texts import widget_texts

DAY = date(2026, 3, 2)
ARCHIVED_AT = datetime(2026, 2, 20, 10, tzinfo=UTC)
TRANSLATED = ("es", "de")
NEUTRAL = re.compile(r"[\d\s.,:;/x°%()+\-\u2013→\u200b…·]*")
"""Figures and punctuation read the same in every language."""
SAME_WORD = {"de": re.compile(r"\b(Name|Test|optional|Private)\b"), "es": re.compile(r"^\b$")}
"""Words a language writes as English does (case kept: German's 'Name' is a noun)."""
ENGLISH = re.compile(
    r"\b(the|your|you|and|with|of|for|is|are|this|session|sessions|stretch|hold|holds|"
    r"clients?|name|contact|notes|save|saved|delete|deleted|archived?|restored?|search|add|"
    r"added|new|changes|details|choose|everything|about|them|their|or|screening|attention|"
    r"needs|track|pain|weeks?|days?|yet|nothing|must|least|most|characters|gave|phone|"
    r"language|private|shown|only|never|keep|discard|open|progress)\b",
    re.IGNORECASE,
)
"""Words of English that neither Spanish nor German uses."""
TOO_LONG = "R" * 121


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The demo studio on DAY, with one client archived (the manager lists them on asking)."""
    with Store.open(tmp_path / "store.db") as opened:
        seed_demo_data(opened, today=DAY)
        archived = opened.clients.active()[-1]
        archive_client(opened, archived.id, at=ARCHIVED_AT)
        yield opened


@pytest.fixture
def language() -> Iterator[None]:
    """Each test sets the kernel's language; English is back after it."""
    yield
    set_kernel_language("en")


def _own_words(store: Store) -> list[str]:
    """What the trainer typed (names, contacts, notes) and the languages' own names, longest
    first: these read the same in every language."""
    own = {*LANGUAGE_NAMES.values(), TOO_LONG, "Robin Ashdown"}
    for client in store.clients.all():
        d = client.details
        own |= {client.name, d.contact, d.notes, d.client_note}
    return sorted((o for o in own if o), key=len, reverse=True)


def _clients_tab(store: Store) -> tuple[w.VBox, ClientManager, CurrentClient]:
    """The Clients tab as the workbook composes it, and a picker of another tab (its 'New
    client' button goes to the Clients tab)."""
    current = CurrentClient()
    picker = ClientPicker(store, lambda _c: None, current)
    picker.send_new_clients_to(None)
    manager = ClientManager(store, current)
    attention = AttentionList(store, lambda _c: None, lambda: DAY, current.events)
    elsewhere = ClientPicker(store, lambda _c: None, current)
    elsewhere.send_new_clients_to(lambda: None)
    return w.VBox([picker, attention, manager, elsewhere]), manager, current


def _everything_shown(store: Store) -> tuple[list[str], list[str]]:
    """Every text of the Clients tab as each demo client is chosen and worked on, and the
    messages of the bad inputs tried."""
    tab, manager, current = _clients_tab(store)
    shown = list(widget_texts(tab))
    for client in store.clients.active():
        current.client_id = client.id
        shown += widget_texts(tab)
        manager.contact.value = "changed"  # typed, not saved: the buttons and warnings
        current.client_id = None
        shown += widget_texts(tab)
        manager.discard_edits()
        shown += widget_texts(tab)
        manager.ask_delete()
        shown += widget_texts(tab)
        manager.cancel_delete()
        shown += widget_texts(tab)
    errors = []
    for bad in ("", TOO_LONG):
        manager.name.value = bad
        manager.save_changes()
        errors.append(manager.message.value)
        shown += widget_texts(tab)
        manager.discard_edits()
    manager.toggle_archive()
    shown += widget_texts(tab)
    manager.show_archived.value = True
    archived = next(c for c in store.clients.all() if c.archived is not None)
    manager.select(archived.id)
    shown += widget_texts(tab)
    manager.toggle_archive()
    shown += widget_texts(tab)
    manager.start_new()
    manager.add_client()
    errors.append(manager.message.value)
    shown += widget_texts(tab)
    return shown, errors


def _left_in_english(
    texts: list[str], english: set[str], language: str, own: list[str]
) -> set[str]:
    """The texts still in English: the same as on the English screens, or with English words,
    once the trainer's own words are taken out."""
    left = set()
    for text in texts:
        rest = text
        for word in own:
            rest = rest.replace(word, " ")
        rest = re.sub(r"\S+@\S+", " ", rest).strip(" \u201c\u201d")
        rest = SAME_WORD[language].sub(" ", rest).strip()
        if not rest or NEUTRAL.fullmatch(rest):
            continue
        if text in english or ENGLISH.search(rest):
            left.add(text)
    return left


@pytest.mark.slow
@pytest.mark.parametrize("code", TRANSLATED)
def test_the_clients_tab_leaves_nothing_in_english(
    tmp_path: Path, language: None, code: str
) -> None:
    """Every screen state of the Clients tab, in `code`, against the same screens in English."""
    with Store.open(tmp_path / "en.db") as english_store:
        seed_demo_data(english_store, today=DAY)
        archive_client(english_store, english_store.clients.active()[-1].id, at=ARCHIVED_AT)
        set_kernel_language("en")
        english_texts, english_errors = _everything_shown(english_store)
    assert any("a client needs a name" in e for e in english_errors)
    with Store.open(tmp_path / "translated.db") as translated:
        seed_demo_data(translated, today=DAY)
        archive_client(translated, translated.clients.active()[-1].id, at=ARCHIVED_AT)
        set_kernel_language(code)
        texts, errors = _everything_shown(translated)
        own = _own_words(translated)
    english = set(english_texts) - set(own)
    assert sorted(_left_in_english(texts, english, code, own)) == []
    assert all(e and e not in english_errors for e in errors)


@pytest.mark.parametrize(
    ("code", "field", "problem", "given"),
    [
        ("es", "nombre", "como máximo 120 caracteres", "se indicó"),
        ("de", "Name", "höchstens 120 Zeichen", "Ihre Eingabe:"),
    ],
)
def test_a_bad_name_is_refused_naming_the_field_and_the_value_in_the_readers_language(
    store: Store, language: None, code: str, field: str, problem: str, given: str
) -> None:
    """A name too long is refused with a message naming the field, the rule and the value
    typed, in the reader's language; what was typed stays in the form."""
    set_kernel_language(code)
    _tab, manager, current = _clients_tab(store)
    client = store.clients.active()[0]
    current.client_id = client.id
    manager.name.value = TOO_LONG
    manager.save_changes()
    said = manager.message.value
    assert f"{field}: {problem}; {given} \u201c{TOO_LONG}\u201d" in said
    assert manager.name.value == TOO_LONG
    assert store.clients.get(client.id).name == client.name
    manager.name.value = " "
    manager.save_changes()
    said = manager.message.value
    assert f"{field}: " in said and not ENGLISH.search(SAME_WORD[code].sub(" ", said))


@pytest.mark.parametrize(
    ("code", "summary", "reason"),
    [
        ("es", "3 de 6 clientes requieren atención.", "ninguna sesión desde hace 23 días"),
        ("de", "3 von 6 Kunden brauchen Aufmerksamkeit.", "seit 23 Tagen keine Einheit"),
    ],
)
def test_the_attention_list_counts_and_gives_reasons_in_the_readers_language(
    tmp_path: Path, language: None, code: str, summary: str, reason: str
) -> None:
    """The count of clients needing attention and each reason, with dates the language's way."""
    with Store.open(tmp_path / "store.db") as demo:
        seed_demo_data(demo, today=DAY)
        set_kernel_language(code)
        attention = AttentionList(demo, lambda _c: None, lambda: DAY)
        texts = list(widget_texts(attention))
    assert summary in texts
    assert any(reason in t for t in texts)
    dated = [t for t in texts if "2026" in t]
    assert dated and not any(re.search(r"\d{4}-\d\d-\d\d", t) for t in dated)
