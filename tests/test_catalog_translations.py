"""stretchkit's translations of the catalog's texts and the PAR-Q+ questions: complete,
reviewed against the English they were made from, and shown only while they match it."""

from __future__ import annotations

import pytest

from stretchkit.catalog import Catalog
from stretchkit.catalog.translations import (
    CatalogTranslation,
    catalog_text,
    catalog_translations,
    client_texts,
    source_sha,
    translation_problems,
)
from stretchkit.screening.intake import PARQ_QUESTIONS

TRANSLATED = ("es", "de")


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalog_text_and_parq_question_has_a_reviewed_translation(
    catalog: Catalog, language: str
) -> None:
    """No text is missing, none was reviewed against an English that has changed since, and
    none translates a text the catalog no longer has."""
    texts = (*client_texts(catalog), *PARQ_QUESTIONS)
    assert translation_problems(texts, language) == []


def test_a_changed_english_text_is_named_until_its_translation_is_reviewed_again(
    catalog: Catalog,
) -> None:
    """Editing a step's English leaves its old translation unreviewed and the new text
    untranslated, and the page falls back to the English."""
    step = catalog.stretches[0].steps[0]
    edited = step.replace("upright", "tall")
    texts = [edited if t == step else t for t in (*client_texts(catalog), *PARQ_QUESTIONS)]
    problems = translation_problems(texts, "de")
    assert any("not translated" in p and edited in p for p in problems)
    assert any("no longer in the catalog" in p and step in p for p in problems)
    assert catalog_text(edited, "de") == edited


def test_a_translation_whose_hash_is_not_its_englishs_is_not_shown() -> None:
    """The stored hash is the review's stamp: a translation whose English was edited without
    a new review is not trusted."""
    english = "Hold for 20-30 seconds."
    stale = CatalogTranslation(english, source_sha("Hold 20 s."), "20-30 Sekunden halten.")
    fresh = CatalogTranslation(english, source_sha(english), "20-30 Sekunden halten.")
    assert not stale.reviewed and fresh.reviewed


def test_the_stretch_names_read_in_each_language(catalog: Catalog) -> None:
    """A stretch's name is translated, English is the catalog's own, and the PAR-Q+
    questions say whose wording they are."""
    name = catalog.stretches[0].name
    assert catalog_text(name, "es") == "Flexión torácica sentada"
    assert catalog_text(name, "de") == "Thorakale Flexion im Sitzen"
    assert catalog_text(name, "en") == name
    wording = catalog_translations("es")[PARQ_QUESTIONS[0]].wording
    assert "not verified" in wording
