"""No widget writes to the store itself: a screen calls a service (or the guided session),
which writes and announces the change. Read from the widgets' source, like a grep."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from stretchkit.store import protocol

WIDGETS = Path(__file__).resolve().parents[1] / "stretchkit" / "widgets"

REPOS = {
    name: getattr(protocol, f"{kind}Repo")
    for name, kind in (
        ("clients", "Client"),
        ("screenings", "Screening"),
        ("routines", "Routine"),
        ("sessions", "Session"),
        ("measurements", "Measurement"),
        ("back_ratings", "BackRating"),
        ("history", "History"),
        ("overview", "Overview"),
        ("links", "Link"),
        ("chart_cache", "ChartCache"),
    )
}
"""Each repository of `ProgressStore`, by the name a store gives it, with its protocol."""
READS = {
    "get", "all", "active", "footprint", "count", "history", "latest", "latest_health_change",
    "health_changes", "validity_of", "current", "templates", "of_client", "events", "hold",
    "holds", "client_holds", "recent_holds", "session_starts", "plans", "progress_facts", "totals",
    "client_facts", "client_for", "changes", "kept", "session_totals",
}  # fmt: skip
"""The repositories' methods that only read; every other method writes."""

THIN = {
    "workbook/client_manager.py",
    "kit/client_picker.py",
    "workbook/link_manager.py",
    "workbook/routine_planner.py",
    "workbook/workbook_app.py",
}
"""Screens whose every write goes through a service, by their path in `widgets/`."""
STILL_WRITING: set[str] = set()
"""Screens still to be moved onto services (the list only shrinks)."""


def _methods(repo: type) -> set[str]:
    return {name for name, _ in inspect.getmembers(repo, inspect.isfunction) if name[0] != "_"}


def _writes(path: Path) -> list[str]:
    """The repository writes a module calls, as `repo.method` at their line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner, method = node.func.value, node.func.attr
        if not isinstance(owner, ast.Attribute) or owner.attr not in REPOS:
            continue
        if method not in READS and method in _methods(REPOS[owner.attr]):
            found.append(f"{path.name}:{node.lineno} {owner.attr}.{method}")
    return found


def test_every_repository_method_is_known_as_a_read_or_a_write() -> None:
    """The reads named here are real methods, so a renamed read cannot hide a write."""
    every = set().union(*(_methods(repo) for repo in REPOS.values()))
    assert not READS - every, sorted(READS - every)
    assert every - READS, "some methods write"


def test_the_clients_and_routine_screens_write_only_through_services() -> None:
    """The Clients and Links tabs, the pickers, the routine planner and the app call no
    write."""
    writes = [w for name in sorted(THIN) for w in _writes(WIDGETS / name)]
    assert writes == []


def test_no_other_widget_starts_writing_to_the_store() -> None:
    """Only the screens listed as still to move may write; the rest of widgets/ never does."""
    writing = {
        path.relative_to(WIDGETS).as_posix() for path in WIDGETS.rglob("*.py") if _writes(path)
    }
    assert writing <= STILL_WRITING, sorted(writing - STILL_WRITING)
    assert not writing & THIN


def test_the_check_finds_a_write_where_there_is_one(tmp_path: Path) -> None:
    """A handler that adds a client through the store is caught; one that reads is not."""
    module = tmp_path / "sample.py"
    module.write_text(
        "def handler(self):\n"
        "    self.store.clients.get(1)\n"
        "    self.store.routines.history(1)\n"
        "    store.clients.add(details)\n"
        "    self.store.history.add(1, h)\n",
        encoding="utf-8",
    )
    assert _writes(module) == ["sample.py:4 clients.add", "sample.py:5 history.add"]
