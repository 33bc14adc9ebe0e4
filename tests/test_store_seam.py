"""The store's seam: the protocol services and widgets are typed against, its values, and the
SQLite store that implements it (mypy checks the types; these tests check what mypy cannot)."""

from __future__ import annotations

import inspect
import subprocess
import sys
from typing import Any

import pytest

from stretchkit.store import Store, protocol
from stretchkit.store.protocol import ProgressStore

REPOSITORIES = {
    name: member.fget.__annotations__["return"]
    for name, member in vars(ProgressStore).items()
    if isinstance(member, property) and name != "location"
}
"""Each ProgressStore attribute that is a repository, with its protocol's name."""


def _methods(cls: type[Any]) -> dict[str, inspect.Signature]:
    """The public methods a protocol declares, with their signatures."""
    return {
        name: inspect.signature(member)
        for name, member in vars(cls).items()
        if callable(member) and not name.startswith("_")
    }


def _parameters(signature: inspect.Signature) -> list[tuple[str, Any, Any]]:
    """Each parameter's name, kind and default, `self` left out."""
    found = [(p.name, p.kind, p.default) for p in signature.parameters.values()]
    return [p for p in found if p[0] != "self"]


def test_the_protocol_and_the_values_load_no_database_driver() -> None:
    """A second engine, or a service typed against the seam, imports no sqlite3 with it."""
    code = (
        "import sys, stretchkit.store.protocol, stretchkit.store.values; "
        "print('sqlite3' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_store_holds_the_twelve_repositories() -> None:
    """Clients, screenings, routines, sessions, measurements, back ratings, history, overview,
    links, the kept charts, the access log and the trainers (as services use them)."""
    assert set(REPOSITORIES) == {
        "clients",
        "screenings",
        "routines",
        "sessions",
        "measurements",
        "back_ratings",
        "history",
        "overview",
        "links",
        "chart_cache",
        "access_log",
        "trainers",
    }


@pytest.mark.parametrize("attribute", sorted(REPOSITORIES))
def test_each_sqlite_repository_takes_the_protocols_arguments_by_the_same_names(
    memory_store: Store, attribute: str
) -> None:
    """Every method of the protocol is on the SQLite repository with the same parameter
    names, kinds and defaults, so a call by keyword works on either engine."""
    declared = _methods(getattr(protocol, REPOSITORIES[attribute]))
    concrete = getattr(memory_store, attribute)
    for name, signature in declared.items():
        implemented = inspect.signature(getattr(concrete, name))
        assert _parameters(implemented) == _parameters(signature), f"{attribute}.{name}"
