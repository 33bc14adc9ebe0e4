"""The packages' docstrings say what the packages hold now: every module they name exists, and
the servers' and the command's name every module they have."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "stretchkit"
DESCRIBED = ("servers", "cli", "store")
"""Packages whose docstring names their modules."""


def _docstring(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[3 : text.index('"""', 3)]


def _named_modules(doc: str) -> set[str]:
    """The plain lower-case names the docstring quotes (`name`): modules, by this project's
    habit of quoting a module's name in a package docstring."""
    return set(re.findall(r"`([a-z_]+)`", doc))


def _modules(folder: Path) -> set[str]:
    return {p.stem for p in folder.glob("*.py") if p.stem != "__init__"} | {
        p.name for p in folder.iterdir() if (p / "__init__.py").is_file()
    }


@pytest.mark.parametrize("package", DESCRIBED)
def test_every_module_a_package_docstring_names_exists(package: str) -> None:
    """A quoted module name is a module of the package or of stretchkit (or stretchkit)."""
    named = _named_modules(_docstring(PACKAGE / package / "__init__.py"))
    known = _modules(PACKAGE / package) | _modules(PACKAGE) | {"stretchkit"}
    assert named - known == set()


@pytest.mark.parametrize("package", ["servers", "cli"])
def test_the_servers_and_the_command_describe_each_of_their_modules(package: str) -> None:
    """A module added to the servers or the command is described in the package docstring."""
    named = _named_modules(_docstring(PACKAGE / package / "__init__.py"))
    assert _modules(PACKAGE / package) - named == set()


def test_the_tables_docstring_names_where_the_migrations_are() -> None:
    """Every path the tables' docstring gives (the migrations' folders, the test comparing
    them) exists."""
    doc = _docstring(PACKAGE / "store" / "tables.py")
    paths = re.findall(r"((?:stretchkit|tests|migrations)/[\w/.]+\w)", doc)
    assert paths
    root = PACKAGE.parent
    for path in paths:
        where = root / path if not path.startswith("migrations") else PACKAGE / "store" / path
        assert where.exists(), path
