"""The dashboard's pictures that no client changes (each stretch's muscle map and its picture
of both people), drawn once per drawing and kept in a file every dashboard kernel reads, so
a kernel made ready for the next client starts without drawing them again.

The file's name carries a digest of the catalog, the drawing code and matplotlib's version:
a changed drawing is drawn again, never taken from an old file. It lives in
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

from stretchkit.catalog import Catalog

__all__ = ["DashboardPictures", "dashboard_pictures", "pictures_folder"]

_PICTURE_CODE = (
    "charts/muscle_map.py",
    "charts/stretch_picture.py",
    "charts/rendering.py",
    "catalog/pose_text.py",
    "widgets/kit/library.py",
    "views/stretch_picture_html.py",
)
"""The modules that decide the pictures' pixels and words: their digest names the file."""


@dataclass(frozen=True)
class DashboardPictures:
    """Each stretch's muscle map (PNG, 256 colours) and picture (HTML), by stretch id."""

    maps: Mapping[str, bytes]
    poses: Mapping[str, str]


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
    """Draw every picture (the only place that needs matplotlib)."""
    from stretchkit.views.stretch_picture_html import stretch_picture_html  # noqa: PLC0415
    from stretchkit.widgets.kit.library import muscle_map_png  # noqa: PLC0415 - only to draw

    return DashboardPictures(
        {s.id: muscle_map_png(s, catalog, palette=True) for s in catalog.stretches},
        {s.id: stretch_picture_html(s) for s in catalog.stretches},
    )


def _read(path: Path, catalog: Catalog) -> DashboardPictures | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        maps = {k: base64.b64decode(v) for k, v in found["maps"].items()}
        poses = {k: str(v) for k, v in found["poses"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if set(maps) != {s.id for s in catalog.stretches} or set(poses) != set(maps):
        return None
    return DashboardPictures(maps, poses)


def _write(path: Path, pictures: DashboardPictures) -> None:
    """Write the file whole (another kernel may be reading): a private temporary file,
    then renamed into place; a folder that cannot be written only costs drawing again."""
    body = json.dumps(
        {
            "maps": {k: base64.b64encode(v).decode("ascii") for k, v in pictures.maps.items()},
            "poses": dict(pictures.poses),
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


def dashboard_pictures(catalog: Catalog, folder: Path | None = None) -> DashboardPictures:
    """The pictures as kept for this catalog and drawing, else drawn now and kept."""
    path = (folder or pictures_folder()) / f"dashboard-pictures-{_digest(catalog)}.json"
    kept = _read(path, catalog)
    if kept is not None:
        return kept
    with _drawing_turn(path):
        kept = _read(path, catalog)  # drawn by another kernel while this one waited
        if kept is not None:
            return kept
        pictures = _drawn(catalog)
        _write(path, pictures)
        return pictures
