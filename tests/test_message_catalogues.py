"""stretchkit's gettext catalogues: the template holds every message the code marks, each
language translates every one of them (every plural form, the same placeholders), and the
compiled catalogues shipped in the package say what their sources say."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog as Messages
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from stretchkit.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, _, ngettext, pgettext, use_language
from stretchkit.plurals import counted

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = tuple(code for code in LANGUAGES if code != "en")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[ds]|\[|\]")
"""What a translation must keep of its message: named fields, and the [ ] some mark."""


def _template() -> Messages:
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as file:
        return read_po(file)


def _catalogue(language: str) -> Messages:
    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as file:
        return read_po(file, locale=language)


def _key(message_id: str | tuple[str, ...], context: str | None) -> tuple[str | None, str]:
    return context, message_id if isinstance(message_id, str) else message_id[0]


def test_the_template_holds_every_message_the_code_marks() -> None:
    """The same messages as `pybabel extract` finds now: run it again when this fails (see
    README, 'Adding a language')."""
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found = {
        _key(message, context)
        for _file, _line, message, _comments, context in extract_from_dir(
            ROOT / "stretchkit",
            method_map=[("**.py", "python")],
            keywords=keywords,
        )
    }
    assert found == {_key(m.id, m.context) for m in _template() if m.id}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_every_plural_form(language: str) -> None:
    """No message of the template is missing, empty, fuzzy or left with a plural form out."""
    template, catalogue = _template(), _catalogue(language)
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalogue.get(message.id, message.context)
        strings = found.string if found is not None else ""
        forms = strings if isinstance(strings, tuple) else (strings,)
        wanted = catalogue.num_plurals if isinstance(message.id, tuple) else 1
        if found is None or found.fuzzy or len(forms) != wanted or not all(forms):
            missing.append(message.id)
    assert missing == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_translation_keeps_its_messages_placeholders(language: str) -> None:
    """'{day}' stays '{day}' and '%(num)d' stays '%(num)d', in every form."""
    wrong = []
    for message in _catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        wrong += [s for s in strings if sorted(PLACEHOLDER.findall(s)) != wanted]
    assert wrong == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_says_what_its_source_says(language: str) -> None:
    """The .mo shipped in the package is compiled from the .po as it is now (run `pybabel
    compile` when this fails)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for message in _catalogue(language):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for count, form in ((1, 0), (2, -1)):
                said = compiled.ngettext(message.id[0], message.id[1], count)
                assert said == message.string[form], message.id
        elif message.context:
            assert compiled.pgettext(message.context, message.id) == message.string
        else:
            assert compiled.gettext(message.id) == message.string, message.id


def test_counts_take_each_languages_plural_forms() -> None:
    """No '1 clients' in any language, and the language can come from the call or a block."""
    assert counted(1, "client") == "1 client" and counted(2, "stretch") == "2 stretches"
    with use_language("de"):
        assert counted(1, "stretch") == "1 Dehnübung"
        assert counted(3, "stretch") == "3 Dehnübungen"
    assert counted(1, "session") == "1 session"  # the block is over
    assert ngettext("%(num)d session", "%(num)d sessions", 2, "es") % {"num": 2} == "2 sesiones"
    assert pgettext("side", "left", "de") == "links" and _("Steps", "es") == "Pasos"


def test_an_unknown_language_reads_in_english() -> None:
    """A language stretchkit does not speak (or a region of one it does) is matched."""
    with use_language("fr-FR"):
        assert _("Steps") == "Steps"
    with use_language("de-AT"):
        assert _("Steps") == "Schritte"
