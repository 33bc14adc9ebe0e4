"""The dashboard server's plan and log filter: warmed kernels announced once, keys never shown."""

from __future__ import annotations

import asyncio
import ipaddress
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchkit.errors import ValidationError
from stretchkit.link_tokens import DASHBOARD_URL_ENV
from stretchkit.paths import DB_ENV_VAR, notebooks_dir
from stretchkit.servers.dashboard_kernel import say_ready
from stretchkit.servers.dashboard_server import (
    DASHBOARD_NOTEBOOK,
    READY_MARK,
    DashboardLog,
    link_host,
    plan_dashboard,
)
from tests.hypothesis_profiles import examples

READY = "Dashboard ready: 2 kernels are warmed up for clients."


def test_ready_is_said_once_when_the_last_kernel_of_the_pool_is_ready() -> None:
    """With a pool of 2 the first mark says nothing, the second says ready, later ones nothing."""
    log = DashboardLog(pool_size=2)
    marks = [READY_MARK, f"[Voila] {READY_MARK}", READY_MARK, READY_MARK]
    assert [log(line) for line in marks] == [None, READY, None, None]


def test_two_kernels_marks_on_one_line_count_as_two() -> None:
    """Kernels share the server's pipe: two marks written at the same moment can end up on
    one line, and both kernels count."""
    log = DashboardLog(pool_size=3)
    assert log(READY_MARK) is None
    assert log(READY_MARK + READY_MARK) == "Dashboard ready: 3 kernels are warmed up for clients."
    assert log(READY_MARK) is None


def test_a_kernel_writes_its_mark_and_newline_in_one_write() -> None:
    """One write of the mark and its newline (writes to a pipe this small are never split
    or interleaved with another process's)."""
    read, write = os.pipe()
    try:
        say_ready(write)
        assert os.read(read, 1000) == f"{READY_MARK}\n".encode()
    finally:
        os.close(read)
        os.close(write)


def test_kernels_not_all_ready_in_time_are_said_to_be_slow_and_a_full_pool_is_not() -> None:
    """After slow_start_s, a pool of 3 with 1 kernel ready is said to be slow, with what a
    client meets meanwhile; once all 3 are ready nothing is said."""
    log = DashboardLog(pool_size=3, slow_start_s=120)
    log(READY_MARK)
    note = log.slow_start_note()
    assert note is not None
    assert "slow to start: 1 of 3 kernels are ready after 120 s" in note
    assert "links open meanwhile" in note
    log(READY_MARK)
    log(READY_MARK)
    assert log.slow_start_note() is None


def test_the_slow_start_note_is_printed_by_itself_when_no_kernel_gets_ready(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The server's first line starts the watch; with no kernel ready when it ends, the
    note is printed without waiting for another line."""
    log = DashboardLog(pool_size=2, slow_start_s=0.01)
    assert log("[Voila] Voila is running at:") is None
    assert log._watch is not None
    log._watch.join(timeout=30)
    assert "slow to start: 0 of 2 kernels" in capsys.readouterr().out


@pytest.mark.parametrize(
    "line",
    [
        "200 GET /?key=abc (127.0.0.1) 3.2ms",
        "302 GET /voila/render/dashboard.ipynb?key=abc (10.0.0.7) 12.0ms",
        "http://127.0.0.1:8866/",
        "  http://192.168.1.20:8866/?key=abc  ",
        "[Voila] Voila is running at:",
        "[Voila] Kernel started: 4f0c",
        "[Voila] WARNING | Notebook dashboard.ipynb is not trusted",
        "[Voila] WARNING | Kernel pool of 5 is being filled",
        "[DashboardVoila] WARNING | Culling 'idle' kernel 'python3' (4f0c) with 0 connections"
        " due to 117 seconds of inactivity.",
    ],
)
def test_routine_chatter_and_request_lines_are_dropped(line: str) -> None:
    """Access lines, bare URLs, info lines and known harmless warnings never reach the terminal."""
    assert DashboardLog(pool_size=2)(line) is None


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (
            "[Voila] WARNING | 404 GET /?key=abcDEF123 (127.0.0.1) 2.0ms",
            "[Voila] WARNING | 404 GET /?key=\u2026 (127.0.0.1) 2.0ms",
        ),
        (
            "[Voila] ERROR | Uncaught exception GET /?key=s3cr3t&x=1",
            "[Voila] ERROR | Uncaught exception GET /?key=\u2026&x=1",
        ),
        ("Traceback (most recent call last):", "Traceback (most recent call last):"),
        ("KeyError: 'key=s3cr3t'", "KeyError: 'key=\u2026'"),
        ('  File "page.py", line 3, in page', '  File "page.py", line 3, in page'),
    ],
)
def test_warnings_and_tracebacks_pass_with_keys_removed(line: str, shown: str) -> None:
    """Warnings, errors and traceback lines are kept, each key replaced by 'key=…'."""
    assert DashboardLog(pool_size=2)(line) == shown


URLSAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
TEMPLATES = (
    "200 GET /?key={t} (127.0.0.1) 3.2ms",
    "http://127.0.0.1:8866/?key={t}",
    "[Voila] Opening /?key={t}",
    "[Voila] WARNING | 404 GET /?key={t} (127.0.0.1) 2.0ms",
    "[Voila] ERROR | Uncaught exception GET /?key={t}&v=1 (::1)",
    "[Voila] CRITICAL | lost /voila/render/dashboard.ipynb?x=1&key={t}",
    "KeyError: 'key={t}'",
    'ValueError: "key={t}" is not a page',
    "    raise LookupError(f'key={t} and key={t}')",
    "Referer: http://studio.local:8866/?key={t}",
    "[Voila] WARNING | 302 GET /login?next=%2F%3Fkey%3D{t}%26lang%3Den",
    "[Voila] WARNING | bad query KEY={t}",
)


@settings(max_examples=examples(150), deadline=None)
@given(token=st.text(alphabet=URLSAFE, min_size=20, max_size=100))
def test_no_line_that_reaches_the_terminal_ever_holds_a_key(token: str) -> None:
    """Whatever the token, every line the filter lets through has it replaced."""
    log = DashboardLog(pool_size=1)
    shown = [log(template.format(t=token)) for template in TEMPLATES]
    passed = [line for line in shown if line is not None]
    assert len(passed) == 9
    assert all(token not in line and "\u2026" in line for line in passed)
    assert passed[-2].endswith("%3D\u2026%26lang%3Den")


def test_the_plan_runs_voila_on_the_dashboard_notebook_alone(tmp_path: Path) -> None:
    """Preheated pool of 3, tracebacks hidden, no port hopping, a closed page's kernel given
    back within 2 minutes and an open page's kept; the store and the link base go to the
    server in its environment."""
    db = tmp_path / "studio.db"
    plan = plan_dashboard(db, "127.0.0.1", 0, 3)
    server = plan.server
    argv = list(server.argv)
    for option in (
        "--preheat_kernel=True",
        "--pool_size=3",
        "--show_tracebacks=False",
        "--Voila.port_retries=0",
        "--Voila.ip=127.0.0.1",
        "--template=stretchkit",
        "--MappingKernelManager.cull_connected=False",
        f"--port={server.port}",
        str(notebooks_dir() / DASHBOARD_NOTEBOOK),
    ):
        assert option in argv
    assert argv[1:3] == ["-m", "stretchkit.servers.dashboard_app"]
    idle = next(a for a in argv if "cull_idle_timeout=" in a).split("=")[1]
    every = next(a for a in argv if "cull_interval=" in a).split("=")[1]
    assert int(idle) + int(every) <= 120
    assert server.port > 0
    assert plan.url == f"http://127.0.0.1:{server.port}/"
    assert server.env[DB_ENV_VAR] == str(db.resolve())
    assert server.env[DASHBOARD_URL_ENV] == plan.url
    templates = Path(server.env["JUPYTER_PATH"].split(os.pathsep)[0])
    assert (templates / "voila" / "templates" / "stretchkit" / "index.html.j2").is_file()
    assert isinstance(server.log_filter, DashboardLog) and server.log_filter.pool_size == 3


@pytest.mark.parametrize("size", [0, 21, -1])
def test_a_pool_size_out_of_range_is_an_error_naming_it(tmp_path: Path, size: int) -> None:
    """Pools of 1 to 20 kernels only; the error names the pool size."""
    with pytest.raises(ValidationError, match=r"^pool size: must be 1 to 20 kernels"):
        plan_dashboard(tmp_path / "studio.db", "127.0.0.1", 0, size)


@pytest.mark.parametrize("size", [1, 20])
def test_the_smallest_and_largest_pools_are_accepted(tmp_path: Path, size: int) -> None:
    """1 and 20 kernels are both valid."""
    plan = plan_dashboard(tmp_path / "studio.db", "127.0.0.1", 0, size)
    assert f"--pool_size={size}" in plan.server.argv


def test_links_never_point_at_every_interface() -> None:
    """Listening on 0.0.0.0 puts a real IPv4 address in links; a named host is kept."""
    for wildcard in ("0.0.0.0", ""):
        host = link_host(wildcard)
        assert host not in (wildcard, "0.0.0.0")
        assert isinstance(ipaddress.ip_address(host), ipaddress.IPv4Address)
    assert link_host("127.0.0.1") == "127.0.0.1"
    assert link_host("studio.local") == "studio.local"


def test_a_kernel_socket_whose_page_closed_while_it_opened_ends_quietly() -> None:
    """A page closed during a burst while its kernel socket was still being opened: the
    socket chooses the default protocol and closes, instead of asking the closed connection
    (which logged a traceback on the dashboard's terminal)."""
    from stretchkit.servers.dashboard_app import KernelSocket

    socket = KernelSocket.__new__(KernelSocket)  # as Tornado holds it once on_close has run
    socket.connection = None
    socket.ws_connection = None
    assert socket.select_subprotocol(["v1.kernel.websocket.jupyter.org"]) is None
    asyncio.run(socket.open("a-kernel-id"))  # returns at once, raising nothing
