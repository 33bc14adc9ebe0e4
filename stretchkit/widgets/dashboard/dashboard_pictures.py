"""The dashboard's pictures that no client changes (each stretch's muscle map and its picture
of both people), drawn once per drawing and language and kept in a file every dashboard
kernel reads, so a kernel made ready for the next client starts without drawing them again.

Their words are drawn in, so each is drawn in every language stretchkit speaks (a kernel is
made ready before it knows its client's language) and looked up in the language of the page
that shows it. The file's name carries a digest of the catalog, the drawing code, the
translations and matplotlib's version: a changed drawing or translation is drawn again, never
taken from an old file. It lives in
$STRETCHKIT_CACHE, else $XDG_CACHE_HOME/stretchkit or ~/.cache/stretchkit (a folder only its
owner may open, files 0600; they hold no client data). Kernels started at once on a first
start (the dashboard's pool) draw them once: the first one draws, the others wait for its file.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.i18n import DEFAULT_LANGUAGE, LANGUAGES, current_language, use_language

__all__ = [
    "DashboardPictures",
    "InLanguage",
    "dashboard_pictures",
    "pictures_folder",
    "read_ahead",
]

T = TypeVar("T")

_PICTURE_CODE = (
    "charts/muscle_map.py",
    "charts/stretch_picture.py",
    "charts/rendering.py",
    "catalog/pose_text.py",
    "charts/chart_layout.py",
    "widgets/kit/library.py",
    "views/stretch_picture_html.py",
    "catalog/translations.py",
    *(f"locale/{code}/LC_MESSAGES/stretchkit.mo" for code in LANGUAGES[1:]),
    *(f"locale/{code}/catalog_texts.toml" for code in LANGUAGES[1:]),
)
"""The modules and translations that decide the pictures' pixels and words: their digest
names the file."""


@dataclass(frozen=True)
class InLanguage(Mapping[str, T]):
    """Pictures by stretch id, in the language of the page that reads them: each lookup
    takes the current language's picture (English when a language has none)."""

    by_language: Mapping[str, Mapping[str, T]]

    def _current(self) -> Mapping[str, T]:
        found = self.by_language.get(current_language())
        return found if found is not None else self.by_language.get(DEFAULT_LANGUAGE, {})

    def __getitem__(self, stretch_id: str) -> T:
        return self._current()[stretch_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._current())

    def __len__(self) -> int:
        return len(self._current())


@dataclass(frozen=True)
class DashboardPictures:
    """Each stretch's muscle map (PNG, 256 colours) and picture (HTML), by stretch id, in
    the current language."""

    maps: InLanguage[bytes]
    poses: InLanguage[str]


def pictures_folder(environ: Mapping[str, str] = os.environ) -> Path:
    """Where the dashboard keeps its pictures."""
    if environ.get("STRETCHKIT_CACHE"):
        return Path(environ["STRETCHKIT_CACHE"])
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stretchkit"


def _digest(catalog: Catalog) -> str:
    root = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256(repr(catalog).encode())
    for name in _PICTURE_CODE:
        digest.update((root / name).read_bytes())
    digest.update(version("matplotlib").encode())
    return digest.hexdigest()[:20]


def _drawn(catalog: Catalog) -> DashboardPictures:
    """Draw every picture in every language (the only place that needs matplotlib)."""
    from stretchkit.views.stretch_picture_html import stretch_picture_html  # noqa: PLC0415
    from stretchkit.widgets.kit.library import muscle_map_png  # noqa: PLC0415 - only to draw

    maps: dict[str, dict[str, bytes]] = {}
    poses: dict[str, dict[str, str]] = {}
    for code in LANGUAGES:
        with use_language(code):
            maps[code] = {s.id: muscle_map_png(s, catalog, palette=True) for s in catalog.stretches}
            poses[code] = {s.id: stretch_picture_html(s) for s in catalog.stretches}
    return DashboardPictures(InLanguage(maps), InLanguage(poses))


def _read(path: Path, catalog: Catalog) -> DashboardPictures | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        maps = {
            code: {k: base64.b64decode(v) for k, v in found["maps"][code].items()}
            for code in LANGUAGES
        }
        poses = {code: {k: str(v) for k, v in found["poses"][code].items()} for code in LANGUAGES}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    ids = {s.id for s in catalog.stretches}
    if any(set(maps[code]) != ids or set(poses[code]) != ids for code in LANGUAGES):
        return None
    return DashboardPictures(InLanguage(maps), InLanguage(poses))


def _write(path: Path, pictures: DashboardPictures) -> None:
    """Write the file whole (another kernel may be reading): a private temporary file,
    then renamed into place; a folder that cannot be written only costs drawing again."""
    maps, poses = pictures.maps.by_language, pictures.poses.by_language
    body = json.dumps(
        {
            "maps": {
                code: {k: base64.b64encode(v).decode("ascii") for k, v in drawn.items()}
                for code, drawn in maps.items()
            },
            "poses": {code: dict(drawn) for code, drawn in poses.items()},
        }
    )
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(body)
        temporary.replace(path)


@contextlib.contextmanager
def _drawing_turn(path: Path) -> Iterator[None]:
    """Hold the lock beside `path` while drawing, so kernels made ready at the same moment
    wait for one drawing instead of each drawing the same pictures; where no lock can be
    taken (a folder that cannot be written, no flock), draw without it."""
    try:
        import fcntl  # noqa: PLC0415 - POSIX only

        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path.with_name(f".{path.name}.lock"), os.O_WRONLY | os.O_CREAT, 0o600)
    except (ImportError, OSError):
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


_IN_MEMORY: dict[Path, DashboardPictures] = {}
"""The pictures this process has read or drawn, by file: the kernel forker reads them once
and every kernel forked from it starts with them (stretchkit.servers.kernel_forks)."""


def dashboard_pictures(catalog: Catalog, folder: Path | None = None) -> DashboardPictures:
    """The pictures as kept for this catalog and drawing, else drawn now and kept."""
    path = (folder or pictures_folder()) / f"dashboard-pictures-{_digest(catalog)}.json"
    if path in _IN_MEMORY:
        return _IN_MEMORY[path]
    kept = _read(path, catalog)
    if kept is None:
        with _drawing_turn(path):
            kept = _read(path, catalog)  # drawn by another kernel while this one waited
            if kept is None:
                kept = _drawn(catalog)
                _write(path, kept)
    _IN_MEMORY[path] = kept
    return kept


def read_ahead() -> DashboardPictures:
    """The stretchkit catalog's pictures, read (or drawn) now and kept in this process: the
    kernel forker calls it once, so every kernel forked from it has them."""
    return dashboard_pictures(default_catalog())
