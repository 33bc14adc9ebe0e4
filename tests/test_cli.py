"""The `stretchkit` command as a user runs it (a real subprocess on a real store file)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from stretchkit import __version__
from stretchkit.demo.people import demo_clients


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stretchkit", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_version_prints_the_package_version() -> None:
    """`stretchkit --version` prints the version and exits 0."""
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"stretchkit {__version__}"


def test_help_lists_the_commands() -> None:
    """`stretchkit --help` names every command."""
    result = run("--help")
    assert result.returncode == 0
    for command in ("workbook", "demo", "clients", "info"):
        assert command in result.stdout


def test_the_console_script_is_installed() -> None:
    """The `stretchkit` executable exists next to this interpreter and answers."""
    exe = Path(sys.executable).with_name("stretchkit")
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert __version__ in result.stdout


def test_demo_adds_the_synthetic_clients_once(tmp_path: Path) -> None:
    """Seeding demo data twice adds the clients only the first time."""
    db = tmp_path / "demo.db"
    first = run("demo", "--db", str(db))
    second = run("demo", "--db", str(db))
    assert first.returncode == second.returncode == 0
    assert first.stdout.startswith("6 synthetic demo clients added")
    assert second.stdout.startswith("0 synthetic demo clients added")
    listing = run("clients", "--db", str(db)).stdout
    for demo in demo_clients():
        assert demo.details.name in listing


def test_the_store_location_follows_the_environment_variable(tmp_path: Path) -> None:
    """$STRETCHKIT_DB chooses the store when --db is not given."""
    import os

    db = tmp_path / "env.db"
    result = run("info", env={**os.environ, "STRETCHKIT_DB": str(db)})
    assert result.returncode == 0
    assert f"progress store: {db}" in result.stdout
    assert "8 stretches" in result.stdout
    assert db.exists()


def test_a_damaged_store_gives_one_line_and_no_traceback(tmp_path: Path) -> None:
    """A store path holding a non-SQLite file exits 1 with a one-line message."""
    db = tmp_path / "bad.db"
    db.write_text("not a database at all, but somebody's notes")
    result = run("clients", "--db", str(db))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("stretchkit: ")
    assert "not a stretchkit database" in result.stderr
