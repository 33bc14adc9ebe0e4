"""Each client's charts drawn once per change, not once per view: kept in the store (PNG and
text alternative) under the key of what they show, and reused by the workbook, the
dashboard's first view and live page.

A shelf reads the client's change count (one cheap query) before anything it draws is read,
so a chart drawn from data read later is never kept under an older key than its data. The
key joins that count with the day, the chart's name and size, and the drawing's version (a
digest of the code of the modules that draw and of every stretchkit module they import, found
by following their imports, so a changed drawing never reuses an old PNG). A kept chart whose
key differs is drawn again; the store's triggers drop a client's kept charts on every change
to what they draw. Nothing here imports matplotlib: a chart found kept is never drawn.

A chart's words, dates and numbers are drawn in the language current when it is drawn: the
language is part of its key, and each language's drawing is kept beside the others (the
English one under the chart's own name, another language's under the name and the
language), so a page in one language never gets another's picture, nor evicts it.
"""

from __future__ import annotations

import ast
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import cache
from importlib.metadata import version
from pathlib import Path

from stretchkit.catalog import Catalog
from stretchkit.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALE_DIR, current_language
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.values import KeptChart

__all__ = [
    "DRAWERS",
    "DRAWING_VERSION",
    "DRAWING_VERSION_ENV",
    "ChartShelf",
    "drawing_digest",
    "drawing_modules",
    "drawing_version",
    "translation_files",
]

DRAWING_VERSION = "1"
"""Raised by hand when what the charts draw changes in a way their code does not show."""
DRAWERS = ("stretchkit.services.client_report", "stretchkit.widgets.dashboard.dashboard_charts")
"""The modules that hand a shelf its drawings (each calls `ChartShelf.chart`; a test finds
them): the drawing code is theirs and every stretchkit module they import, at any depth."""
DRAWING_VERSION_ENV = "STRETCHKIT_DRAWING_VERSION"
"""Set by the dashboard's server to its `drawing_version()` for the kernels and the chart
keeper it starts from the same code: each would otherwise spend about a CPU-second parsing the
drawing code again."""
_PACKAGE = Path(__file__).resolve().parents[1]
"""The stretchkit package's folder."""


def _source_file(module: str) -> Path | None:
    """The file of a stretchkit module (or package), found without importing it (importing
    the chart modules would load matplotlib); None for a name that is not a module."""
    parts = module.split(".")[1:]
    base = _PACKAGE.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if parts and candidate.is_file():
            return candidate
    return None


def _imports(source: str) -> set[str]:
    """The stretchkit modules a module's source imports, at any depth (lazy imports too)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("stretchkit.") and _source_file(name)}


def drawing_modules(roots: Iterable[str] = DRAWERS) -> dict[str, bytes]:
    """The source of each stretchkit module the roots import, followed import by import, by
    module name: the code that decides a kept chart's pixels and words."""
    sources: dict[str, bytes] = {}
    waiting = list(roots)
    while waiting:
        module = waiting.pop()
        path = _source_file(module)
        if module in sources or path is None:
            continue
        sources[module] = path.read_bytes()
        waiting.extend(_imports(sources[module].decode("utf-8")))
    return sources


def drawing_digest(sources: Mapping[str, bytes], base: str = DRAWING_VERSION) -> str:
    """A digest of the drawing code (module names and sources, in name order) and `base`."""
    digest = hashlib.sha256(base.encode())
    for module in sorted(sources):
        digest.update(f"\0{module}\0{len(sources[module])}\0".encode())
        digest.update(sources[module])
    return digest.hexdigest()[:16]


def translation_files() -> dict[str, bytes]:
    """The compiled messages and catalog translations of every language but English, by
    their path under the locale folder: the words a chart draws in that language."""
    found = {}
    for code in LANGUAGES:
        for path in (LOCALE_DIR / code).rglob("*"):
            if path.suffix in {".mo", ".toml"}:
                found[path.relative_to(LOCALE_DIR).as_posix()] = path.read_bytes()
    return found


@cache
def drawing_version() -> str:
    """The digest of the drawing code and the translations it draws, with DRAWING_VERSION
    and matplotlib's version (as the server that started this process found it, when it
    says so: DRAWING_VERSION_ENV)."""
    handed = os.environ.get(DRAWING_VERSION_ENV, "")
    if len(handed) == 16 and all(c in "0123456789abcdef" for c in handed):
        return handed
    sources = {**drawing_modules(), **translation_files()}
    return drawing_digest(sources, f"{DRAWING_VERSION}:{version('matplotlib')}")


def _catalog_digest(catalog: Catalog) -> str:
    """What of the catalog a chart shows: each stretch's id and name."""
    named = "|".join(f"{s.id}={s.name}" for s in catalog.stretches)
    return hashlib.sha256(named.encode()).hexdigest()[:12]


class ChartShelf:
    """One client's kept charts as of the change count read when the shelf is made: make
    the shelf first, then read what the charts draw."""

    def __init__(self, store: ProgressStore, catalog: Catalog, client_id: int, today: date) -> None:
        self.store, self.client_id = store, client_id
        self.changes = store.chart_cache.changes(client_id)
        self._base = f"{drawing_version()}:{_catalog_digest(catalog)}:{today}:{self.changes}"

    def key(self, name: str, size: str) -> str:
        """The key of what the chart `name` drawn at `size` shows now, in the current
        language."""
        return f"{self._base}:{current_language()}:{name}:{size}"

    @staticmethod
    def kept_name(name: str, size: str) -> str:
        """The name the store keeps the chart under, in the current language: 'holds@pdf',
        'holds@pdf:de' (one kept chart per language)."""
        language = current_language()
        return f"{name}@{size}" if language == DEFAULT_LANGUAGE else f"{name}@{size}:{language}"

    def chart(
        self, name: str, size: str, draw: Callable[[], bytes], alt: Callable[[], str]
    ) -> KeptChart:
        """The chart as kept under today's key, or drawn now with `draw` (PNG bytes) and
        `alt` (its text alternative) and kept."""
        kept = self.kept(name, size)
        if kept is not None:
            return kept
        drawn = KeptChart(draw(), alt())
        kept_as = self.kept_name(name, size)
        self.store.chart_cache.put(self.client_id, kept_as, self.key(name, size), drawn)
        return drawn

    def kept(self, name: str, size: str) -> KeptChart | None:
        """The chart `name` at `size` as kept under today's key, or None: never drawn here."""
        kept_as = self.kept_name(name, size)
        return self.store.chart_cache.get(self.client_id, kept_as, self.key(name, size))
