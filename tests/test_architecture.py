"""The package's rooms and which way the imports run, read from the tree itself: every module
of every subpackage is checked, so a new one is covered without editing this test."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "stretchkit"

BASICS = {"errors", "paths", "i18n", "plurals", "file_names", "clients", "link_tokens"}
CORE_ORDER = ("catalog", "screening", "planning", "session", "progress")
"""The core, in the order of the work: each may import only those before it."""
CORE = set(CORE_ORDER)
SCREEN_BASE = CORE | BASICS | {"store", "services", "charts", "reports", "views"}
"""What every widget room may import below the widgets."""
WIDGET_ROOMS = ("widgets.kit", "widgets.workbook", "widgets.dashboard")
"""The rooms of `widgets/`: every widget module sits in one of them."""
ALLOWED: dict[str, set[str]] = {
    "errors": {"i18n"},
    "paths": set(),
    "i18n": set(),
    "plurals": {"i18n"},
    "file_names": set(),
    "clients": {"errors", "i18n", "plurals"},
    "link_tokens": {"errors"},
    **{
        room: {"errors", "paths", "i18n", "plurals", *CORE_ORDER[:n]}
        for n, room in enumerate(CORE_ORDER)
    },
    "pictures": {"errors", "i18n", "catalog"},
    "store": CORE | BASICS,
    "services": CORE | BASICS | {"store", "charts", "reports"},
    "charts": CORE | BASICS | {"pictures"},
    "reports": CORE | BASICS | {"charts"},
    "demo": CORE | BASICS | {"store", "services"},
    # The studio server gives its trainers and its dashboard their database logins.
    # The dashboard's server serves the first view the widgets write (servers.dashboard_app).
    "servers": {
        *{"errors", "paths", "i18n", "plurals", "link_tokens"},
        *{"store", "views", "widgets.dashboard"},
    },
    # HTML written as strings, with no widget library: the screens' markup.
    "views": CORE | BASICS | {"store", "services", "charts"},
    # Voila kernel plumbing lives in servers (dashboard_kernel): no widget imports a server.
    # The workbook and the dashboard share the kit and never reach into each other.
    "widgets": set(),
    "widgets.kit": SCREEN_BASE,
    "widgets.workbook": SCREEN_BASE | {"widgets.kit"},
    "widgets.dashboard": SCREEN_BASE | {"widgets.kit"},
    "cli": CORE | BASICS | {"store", "services", "demo", "servers", "__init__"},
    "__main__": {"cli"},
    "__init__": set(),
}
"""What each room (a subpackage, a room of `widgets/`, or a module at the package root) may
import of stretchkit."""
PURE = CORE | BASICS | {"pictures", "demo.people", "demo.synthetic_history"}
"""Rooms (or modules) that never load SQL, plotting or widget libraries."""
FORBIDDEN = ("sqlite3", "matplotlib", "ipywidgets")
NO_WIDGETS = ("ipywidgets",)
"""What the views never load: they write HTML for any screen, widget or not."""


def _modules() -> Iterator[tuple[str, Path]]:
    """Every module of the package as a dotted name, with its file."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        yield ".".join(parts), path


def _room(dotted: str) -> str:
    """A module's room: its subpackage, or for a widget the room of `widgets/` it sits in."""
    parts = dotted.split(".")
    if parts[1:2] == ["widgets"] and len(parts) > 3:
        return ".".join(parts[1:3])
    return parts[1] if len(parts) > 1 else "__init__"


def _imported(path: Path) -> set[str]:
    """The stretchkit modules a file imports (at any depth, type-checking imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "stretchkit"}


MODULES = dict(_modules())


def test_every_room_is_in_the_import_table() -> None:
    """A new subpackage or root module must be given its place before it can land."""
    rooms = {_room(name) for name in MODULES if name != "stretchkit"}
    assert rooms <= set(ALLOWED), sorted(rooms - set(ALLOWED))


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_the_rooms_below_its_own(module: str) -> None:
    """Imports point inward and downward: a module reaches its own room and those its room
    may use, never one above it."""
    room = _room(module)
    allowed = ALLOWED[room] | {room}
    reached = {_room(name) for name in _imported(MODULES[module])}
    assert reached <= allowed, f"{module} imports {sorted(reached - allowed)}"


def test_no_widget_imports_a_server() -> None:
    """Widgets show a page; the kernel's plumbing for Voila is the servers' (the dashboard
    notebook calls it and hands its result to the widgets)."""
    assert all("servers" not in ALLOWED[room] for room in ("widgets", *WIDGET_ROOMS))
    reaching = [
        name
        for name in MODULES
        if _room(name).startswith("widgets")
        and "servers" in {_room(i) for i in _imported(MODULES[name])}
    ]
    assert reaching == []


def test_every_widget_module_sits_in_a_room() -> None:
    """`widgets/` holds only its rooms (and its own docstring): no flat module is left beside
    them, and no folder that is not a room."""
    widgets = PACKAGE / "widgets"
    flat = sorted(p.name for p in widgets.glob("*.py") if p.name != "__init__.py")
    assert flat == []
    folders = {p.name for p in widgets.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == {room.split(".")[1] for room in WIDGET_ROOMS}


def test_the_workbook_and_the_dashboard_meet_only_in_the_kit() -> None:
    """The workbook's screens never import the dashboard's, nor the dashboard the workbook's;
    what both show lives in the kit, and the kit imports neither."""
    assert "widgets.dashboard" not in ALLOWED["widgets.workbook"]
    assert "widgets.workbook" not in ALLOWED["widgets.dashboard"]
    assert not {"widgets.workbook", "widgets.dashboard"} & ALLOWED["widgets.kit"]
    for name, path in MODULES.items():
        room = _room(name)
        if room in WIDGET_ROOMS:
            reached = {_room(i) for i in _imported(path)} - {room}
            assert reached <= ALLOWED[room], f"{name} imports {sorted(reached - ALLOWED[room])}"


def test_the_views_import_no_widget_library() -> None:
    """Importing every view in a fresh interpreter loads no ipywidgets: the views write HTML
    only, and none of them imports a widget room."""
    views = sorted(name for name in MODULES if _room(name) == "views")
    assert len(views) > 1
    assert not {r for r in ALLOWED["views"] if r.startswith("widgets")}
    code = (
        "import importlib, sys\n"
        f"for name in {views!r}:\n"
        "    importlib.import_module(name)\n"
        f"    loaded = [m for m in {NO_WIDGETS!r} if m in sys.modules]\n"
        "    if loaded:\n"
        "        print(name, loaded)\n"
        "        break\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def _pure_modules() -> list[str]:
    return sorted(
        name for name in MODULES if _room(name) in PURE or ".".join(name.split(".")[1:3]) in PURE
    )


def test_the_pure_rooms_hold_the_whole_core() -> None:
    """Every core room and basic module is checked below, with the pictures' geometry and the
    demo's pure parts."""
    found = {_room(name) for name in _pure_modules()}
    assert found == CORE | BASICS | {"pictures", "demo"}


def test_the_core_imports_no_sql_plotting_or_widgets() -> None:
    """Importing every pure module in a fresh interpreter loads none of the edge libraries."""
    modules = _pure_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"    loaded = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        "    if loaded:\n"
        "        print(name, loaded)\n"
        "        break\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_the_core_never_reads_the_clock() -> None:
    """`today` and clocks are passed in: no core module asks the system for the date or time
    (a default argument naming the clock, as the session runner's, is not a call)."""
    calls = tuple(
        f"{clock}(" for clock in ("date.today", "datetime.now", "time.time", "time.monotonic")
    )
    for name in _pure_modules():
        text = MODULES[name].read_text(encoding="utf-8")
        assert not [c for c in calls if c in text], name


def test_the_charts_never_import_pyplot() -> None:
    """Charts use matplotlib's object API only; pyplot keeps global state that leaks in servers."""
    code = (
        "import sys, stretchkit.charts, stretchkit.widgets.kit.library; "
        "print('matplotlib.pyplot' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_no_module_shares_its_name_with_a_folder_beside_it() -> None:
    """`x.py` beside a folder `x/` hides one of them."""
    for path in PACKAGE.rglob("*.py"):
        assert not path.with_suffix("").is_dir(), path
