"""stretchkit in the reader's language: gettext catalogues (built with Babel, see
stretchkit/locale) and the language a page, a kernel or a request is shown in.

The language is never global to a server: it is set for one request, one page or one
kernel with `use_language` (a context variable, so two clients served at once by the same
process each keep their own); a Voila kernel, which shows one client's page and nothing
else, may also set its own default with `set_kernel_language`. Every function here also
takes the language explicitly."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "LOCALE_DIR",
    "N_",
    "_",
    "current_language",
    "language_or_default",
    "ngettext",
    "pgettext",
    "set_kernel_language",
    "translations",
    "use_language",
]

DOMAIN = "stretchkit"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT_LANGUAGE = "en"
LANGUAGES: tuple[str, ...] = ("en", "es", "de")
"""The languages stretchkit is shown in; English is the source of every text."""
LANGUAGE_NAMES = {"en": "English", "es": "Español", "de": "Deutsch"}
"""Each language by its own name, as a language picker shows it."""

_language: ContextVar[str | None] = ContextVar("stretchkit_language", default=None)
_kernel_language = [DEFAULT_LANGUAGE]


def language_or_default(code: str | None) -> str:
    """`code` when stretchkit speaks it (its first part: 'de-AT' is 'de'), else English."""
    base = (code or "").replace("_", "-").split("-")[0].strip().lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    """The language set for this request or page, else the kernel's own, else English."""
    return _language.get() or _kernel_language[0]


@contextmanager
def use_language(code: str | None) -> Iterator[str]:
    """Show everything inside the block in `code` (English when stretchkit does not speak
    it); the language before is back after the block, for this context only."""
    token = _language.set(language_or_default(code))
    try:
        yield _language.get() or DEFAULT_LANGUAGE
    finally:
        _language.reset(token)


def set_kernel_language(code: str | None) -> str:
    """The language of a kernel that shows a single client's page (a dashboard kernel):
    used wherever no block set one. Never call it in a server that serves many clients."""
    _kernel_language[0] = language_or_default(code)
    return _kernel_language[0]


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of `language` (none for English: the ids are English)."""
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def _t(language: str | None) -> gettext.NullTranslations:
    return translations(language_or_default(language or current_language()))


def _(message: str, language: str | None = None) -> str:
    """`message` in `language` (or the current one)."""
    return _t(language).gettext(message)


def N_(message: str) -> str:  # noqa: N802 (gettext's own name)
    """Marks `message` for the catalogue without translating it now (it is translated
    where it is shown)."""
    return message


def ngettext(singular: str, plural: str, count: int, language: str | None = None) -> str:
    """The form of a message that goes with `count`, by the language's plural rules."""
    return _t(language).ngettext(singular, plural, count)


def pgettext(context: str, message: str, language: str | None = None) -> str:
    """`message` as meant in `context` (for an English word with two meanings)."""
    return _t(language).pgettext(context, message)
