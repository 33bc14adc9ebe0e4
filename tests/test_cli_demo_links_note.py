"""The links printed when the dashboard starts say once who can open them and how to serve
them to phones; nothing else printed carries a key."""

from __future__ import annotations

import argparse
from pathlib import Path

from stretchkit.cli.servers import _dashboard_lines
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.servers.dashboard_server import plan_dashboard
from stretchkit.store import Store


def _lines(tmp_path: Path, command: str, host: str, demo: bool, flag: str) -> list[str]:
    db = tmp_path / "demo.db"
    with Store.open(db) as store:
        seed_demo_data(store)
    args = argparse.Namespace(command=command, db=str(db))
    return _dashboard_lines(args, plan_dashboard(db, host, 8866), demo, flag)


def test_the_workbooks_demo_links_say_once_they_open_only_on_this_computer(
    tmp_path: Path,
) -> None:
    """After the six links: one note, naming the workbook's own flag, and the firewall."""
    lines = _lines(tmp_path, "workbook", "127.0.0.1", True, "--dashboard-host")
    links = [line for line in lines if "?key=" in line]
    assert len(links) == 6
    notes = [line for line in lines if "only on this computer" in line]
    assert notes == ["These links open only on this computer: a client's phone cannot open them."]
    assert lines.index(notes[0]) > max(lines.index(line) for line in links)
    text = "\n".join(lines)
    assert "`stretchkit workbook --demo --dashboard-host 0.0.0.0`" in text
    assert text.count("firewall must allow port") == 1


def test_the_dashboard_command_names_its_own_flag(tmp_path: Path) -> None:
    """`stretchkit dashboard` is served on the network with --host, not --dashboard-host."""
    text = "\n".join(_lines(tmp_path, "dashboard", "127.0.0.1", False, "--host"))
    assert "`stretchkit dashboard --host 0.0.0.0`" in text and "?key=" not in text
    assert text.count("Its links open only on this computer") == 1
