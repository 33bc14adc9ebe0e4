"""The `stretchkit link` commands as a trainer runs them (a real subprocess on a real store)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.link_tokens import key_from_query
from stretchkit.store import Store
from tests.test_cli import run

pytestmark = pytest.mark.slow

URL = re.compile(r"^(https?://\S+/)\?key=(\S+)$", re.MULTILINE)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store file with two clients: Robin Ashdown (id 1) and Noor Calloway (id 2)."""
    path = tmp_path / "links.db"
    with Store.open(path) as store:
        store.clients.add(ClientDetails("Robin Ashdown"))
        store.clients.add(ClientDetails("Noor Calloway"))
    return path


def _create(db: Path, *args: str) -> tuple[str, str]:
    """Run `link create`; return its output and the token in the printed URL."""
    result = run("link", "create", *args, "--db", str(db))
    assert result.returncode == 0, result.stderr
    match = URL.search(result.stdout)
    assert match is not None, result.stdout
    return result.stdout, match[2]


def test_create_prints_the_link_once_with_a_warning(db: Path) -> None:
    """The URL carries a key that opens the named client's dashboard; the text says it is
    shown once, only a hash is kept, and the dashboard must run."""
    out, token = _create(db, "Robin Ashdown", "--label", "phone")
    assert "http://127.0.0.1:8866/?key=" in out
    assert key_from_query(f"key={token}") == token
    assert "cannot be shown again" in out and "hash" in out
    assert "stretchkit dashboard" in out
    with Store.open(db) as store:
        assert store.links.client_for(token) == 1
        assert store.links.of_client(1)[0].label == "phone"


def test_create_uses_the_given_or_configured_dashboard_address(db: Path) -> None:
    """--dashboard-url wins; otherwise $STRETCHKIT_DASHBOARD_URL."""
    out, _ = _create(db, "2", "--dashboard-url", "https://studio.example.org/dash")
    assert "https://studio.example.org/dash/?key=" in out
    env = {**os.environ, "STRETCHKIT_DASHBOARD_URL": "http://studio.lan:9000/"}
    result = run("link", "create", "2", "--db", str(db), env=env)
    assert "http://studio.lan:9000/?key=" in result.stdout


def test_list_shows_every_link_but_never_a_full_token(db: Path) -> None:
    """The listing names client, label, hint, dates and status, and no token in full."""
    _, robins = _create(db, "1", "--label", "phone")
    _, noors = _create(db, "2", "--label", "laptop")
    result = run("link", "list", "--db", str(db))
    assert result.returncode == 0
    assert "Robin Ashdown" in result.stdout and "Noor Calloway" in result.stdout
    assert f"{robins[:4]}\u2026" in result.stdout and "never" in result.stdout
    assert "active" in result.stdout and "2 links" in result.stdout
    for token in (robins, noors):
        assert token not in result.stdout and token[:8] not in result.stdout
    only_noor = run("link", "list", "Noor Calloway", "--db", str(db)).stdout
    assert "laptop" in only_noor and "phone" not in only_noor


def test_revoke_stops_a_link_and_says_which(db: Path) -> None:
    """After `link revoke`, the token finds nobody and the listing says revoked."""
    _, token = _create(db, "1", "--label", "phone")
    result = run("link", "revoke", "1", "--db", str(db))
    assert result.returncode == 0
    assert "Robin Ashdown" in result.stdout and "phone" in result.stdout
    assert "revoked on" in result.stdout
    with Store.open(db) as store:
        assert store.links.client_for(token) is None
    assert "revoked on" in run("link", "list", "--db", str(db)).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "Nobody Here"), "client: no client with this id or name"),
        (("create", "99"), "client: no client with this id"),
        (("list", "Nobody Here"), "client: no client with this id or name"),
        (("revoke", "42"), "link: no such link; you gave 42"),
        (("create", "1", "--label", "x" * 61), "label: at most 60 characters"),
    ],
)
def test_mistakes_exit_1_with_one_line(db: Path, args: tuple[str, ...], message: str) -> None:
    """An unknown client or link, or a long label: status 1, one line naming it, no traceback."""
    result = run("link", *args, "--db", str(db))
    assert result.returncode == 1
    assert result.stderr.startswith("stretchkit: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_help_lists_the_link_actions() -> None:
    """`stretchkit link --help` names create, list and revoke."""
    result = run("link", "--help")
    assert result.returncode == 0
    for action in ("create", "list", "revoke"):
        assert action in result.stdout


def test_create_says_who_can_open_the_link_and_how_to_serve_it_to_phones(db: Path) -> None:
    """On the default address the link opens only on this computer: the output says so, with
    the command for the local network and the firewall note."""
    out, token = _create(db, "Robin Ashdown")
    assert out.count(token) == 1
    assert "opens only on this computer" in out
    assert "`stretchkit workbook --dashboard-host 0.0.0.0`" in out
    assert "firewall must allow port 8866" in out
    out, _ = _create(db, "2", "--dashboard-url", "https://studio.example.org/dash")
    assert "opens anywhere" in out and "firewall" not in out
