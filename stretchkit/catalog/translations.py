"""stretchkit's translations of the catalog's texts (the stretches' names, roles, positions,
steps, cues and safety notes, the muscles' names, the contraindications) and of the PAR-Q+
questions, one file a language: stretchkit/locale/<lang>/catalog_texts.toml.

English stays the source of truth: each translation carries the English it was made from
and a hash of it (`source_sha`), written when the translation was last reviewed. When the
English of the catalog changes, the old entry no longer matches and the new text has none:
`translation_problems` names both, and the page shows the English until it is translated
again. Every translated text is shown as stretchkit's translation, its original at hand."""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from stretchkit.catalog.model import Catalog
from stretchkit.i18n import DEFAULT_LANGUAGE, LOCALE_DIR, current_language, language_or_default

__all__ = [
    "CatalogTranslation",
    "catalog_text",
    "catalog_translations",
    "client_texts",
    "is_translated",
    "source_sha",
    "translation_problems",
]

FILE_NAME = "catalog_texts.toml"
HANDOUT_GUIDELINES = (
    "warm-up",
    "no-pain",
    "stop-and-tell",
    "seek-professional-guidance",
    "breathing",
    "communication",
    "gradual-progression",
)
"""The guidelines a client reads (on their handout), translated with the stretches."""


def source_sha(english: str) -> str:
    """The hash a reviewed translation stores of its English source (16 hex digits)."""
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class CatalogTranslation:
    """One text in one language: the English it was made from, its hash at the last review,
    the translation and whose wording it is ('stretchkit', or an official translation)."""

    en: str
    source_sha: str
    text: str
    wording: str = "stretchkit"

    @property
    def reviewed(self) -> bool:
        """Whether the stored hash is the English's: the translation was reviewed against it."""
        return self.source_sha == source_sha(self.en)


@cache
def catalog_translations(language: str) -> Mapping[str, CatalogTranslation]:
    """The language's translations by their English text (none for English)."""
    if language == DEFAULT_LANGUAGE:
        return {}
    path = LOCALE_DIR / language / FILE_NAME
    with path.open("rb") as file:
        entries = tomllib.load(file).get("texts", [])
    return {e["en"]: CatalogTranslation(**e) for e in entries}


def catalog_text(english: str, language: str | None = None) -> str:
    """The catalog text in `language` (or the current one) when a reviewed translation of
    this very English exists, else the English."""
    found = catalog_translations(language_or_default(language or current_language())).get(english)
    return found.text if found is not None and found.reviewed else english


def is_translated(english: str, language: str | None = None) -> bool:
    """Whether `catalog_text` gives a translation (not the English) for this text."""
    return catalog_text(english, language) != english or not english.strip()


def client_texts(catalog: Catalog) -> tuple[str, ...]:
    """Every catalog text a client or a trainer reads about a stretch, each once."""
    said: list[str] = []
    for s in catalog.stretches:
        said += [s.name, s.purpose, s.client_role, s.client_position]
        said += [s.partner_role, s.partner_position, *s.steps, *s.cues]
        said += [s.for_client(note) for note in s.safety_notes]
    said += [m.name for m in catalog.muscles.values()]
    said += [c.text for c in catalog.contraindications]
    for guide_id in HANDOUT_GUIDELINES:
        guide = catalog.guideline(guide_id)
        said += [guide.title, guide.text, *guide.items]
    said += [s.also_called for s in catalog.stretches]
    said += [c.name for c in catalog.conditions.values()]  # the Screening tab's questions
    said += [b.name for b in catalog.body_parts.values()]
    said += [x.text for s in catalog.stretches for x in s.exclusions]
    return tuple(dict.fromkeys(t for t in said if t.strip()))


def translation_problems(texts: Iterable[str], language: str) -> list[str]:
    """What keeps the language's translations from matching `texts`: a text with none, a
    translation whose English changed since its review, one of a text no longer used."""
    wanted = tuple(texts)
    stored = catalog_translations(language)
    problems = [f"{language}: not translated: {t!r}" for t in wanted if t not in stored]
    problems += [
        f"{language}: English changed since the translation was reviewed: {e!r}"
        for e, t in stored.items()
        if not t.reviewed
    ]
    problems += [f"{language}: no longer in the catalog: {e!r}" for e in stored if e not in wanted]
    return problems
