"""Where stretchkit finds its data files and keeps the local progress store."""

from __future__ import annotations

import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

__all__ = [
    "DB_ENV_VAR",
    "absolute_location",
    "catalog_path",
    "checkout_root",
    "default_db_location",
    "default_db_path",
    "notebooks_dir",
]

DB_ENV_VAR = "STRETCHKIT_DB"
_PACKAGE_ROOT = Path(__file__).resolve().parent


def checkout_root() -> Path | None:
    """The source checkout this package runs from, or None for an installed wheel."""
    root = _PACKAGE_ROOT.parent
    if (root / "pyproject.toml").is_file() and (root / "data" / "catalog.toml").is_file():
        return root
    return None


def _packaged(name: str) -> Path | None:
    candidate = resources.files("stretchkit") / name
    path = Path(str(candidate))
    return path if path.exists() else None


def catalog_path() -> Path:
    """The catalog data file: bundled in a wheel, or ``data/catalog.toml`` in a checkout."""
    bundled = _packaged("_data/catalog.toml")
    if bundled is not None:
        return bundled
    root = checkout_root()
    if root is None:
        raise FileNotFoundError("stretchkit's catalog.toml is missing: reinstall stretchkit")
    return root / "data" / "catalog.toml"


def notebooks_dir() -> Path:
    """The workbook notebooks: ``notebooks/`` in a checkout, else the copy bundled in the wheel."""
    root = checkout_root()
    if root is not None:
        return root / "notebooks"
    bundled = _packaged("_notebooks")
    if bundled is None:
        raise FileNotFoundError("stretchkit's notebooks are missing: reinstall stretchkit")
    return bundled


def default_db_location(environ: Mapping[str, str] = os.environ) -> str:
    """The progress store: $STRETCHKIT_DB (a file path or a database URL such as
    postgresql://…), else the default file (see default_db_path)."""
    configured = environ.get(DB_ENV_VAR, "").strip()
    if "://" in configured:
        return configured
    return str(default_db_path(environ))


def absolute_location(location: str) -> str:
    """A store's location for another process: a file path made absolute (and ~ expanded), a
    database URL or ':memory:' as it is."""
    if "://" in location or location == ":memory:":
        return location
    return str(Path(location).expanduser().resolve())


def default_db_path(environ: Mapping[str, str] = os.environ) -> Path:
    """The progress store: $STRETCHKIT_DB, else ``data/stretchkit.db`` in a checkout,
    else ``stretchkit/stretchkit.db`` in the user's data directory."""
    configured = environ.get(DB_ENV_VAR, "").strip()
    if configured:
        return Path(configured).expanduser()
    root = checkout_root()
    if root is not None:
        return root / "data" / "stretchkit.db"
    base = environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(base) / "stretchkit" / "stretchkit.db"
