"""`stretchkit workbook` keeps the terminal for what a trainer needs: its addresses and
links, then real warnings and errors only, never Jupyter's routine notes."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from stretchkit.servers.launching import Server
from stretchkit.servers.workbook import workbook_log
from tests.pages import open_page
from tests.servers import LINK, free_port, next_line, stop

NOISE = re.compile(
    r"DeprecationWarning|not trusted|TCP without encryption|_xsrf|403 POST|AutoDateLocator"
    r"|websocket_ping_timeout|Traceback"
)
"""What a trainer was shown before and never needs to see."""
WORKBOOK = (sys.executable, "-m", "stretchkit", "workbook", "--demo")


def _read_until(proc: subprocess.Popen[str], seen: list[str], done: Any, timeout_s: float) -> str:
    """Collect the printed lines into `seen` until one satisfies `done`; return it."""
    deadline = time.monotonic() + timeout_s
    while True:
        line = next_line(proc, deadline, "the workbook's start-up lines")  # quotes it on failure
        seen.append(line)
        if done(line):
            return line.strip()


def _drain(proc: subprocess.Popen[str], seen: list[str], timeout_s: float) -> None:
    """Collect whatever the command prints for `timeout_s`, or until it stops."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            seen.append(next_line(proc, deadline, "more lines"))
        except (TimeoutError, RuntimeError):
            return


def _use_the_app(browser: Any, app: str, link: str) -> None:
    """Open the app's Progress tab on the first client needing attention, and a client's
    page on a phone; close both as a person closes a tab."""
    shown = browser.new_page(viewport={"width": 1280, "height": 900})
    shown.goto(app, timeout=120_000)
    shown.wait_for_selector(".sk-workbook-tabs .sk-client-picker select", timeout=120_000)
    shown.click(".sk-attention-open >> nth=0")
    shown.locator(".sk-progress-summary").first.wait_for(timeout=60_000)
    shown.wait_for_timeout(5_000)
    phone = open_page(browser, link, ".sk-dash-name", 390, 844)
    phone.wait_for_timeout(3_000)
    phone.close(run_before_unload=True)
    shown.close(run_before_unload=True)


@pytest.mark.slow
@pytest.mark.browser
def test_the_workbook_terminal_shows_no_routine_jupyter_notes(tmp_path: Path, browser: Any) -> None:
    """After the app and a client's link were opened and closed, the terminal has the
    addresses and links, and no deprecation, trust, encryption, XSRF or date-axis note."""
    db, port, board = str(tmp_path / "x.db"), str(free_port()), str(free_port())
    proc = subprocess.Popen(
        [*WORKBOOK, "--db", db, "--port", port, "--dashboard-port", board, "--pool-size", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")},
    )
    seen: list[str] = []
    try:
        app = _read_until(proc, seen, lambda line: "/voila/render/" in line, 180)
        with contextlib.suppress(TimeoutError):  # the link's first view needs no kernel
            _read_until(proc, seen, lambda line: line.startswith("Dashboard ready"), 240)
        link = next(m["url"] for line in seen if (m := LINK.match(line.rstrip("\n"))))
        _use_the_app(browser, app, link)
        _drain(proc, seen, 10)
    finally:
        stop(proc)
        _drain(proc, seen, 5)
    printed = "".join(seen)
    assert "The stretchkit workbook is open at:" in printed
    assert not NOISE.search(printed), printed


@pytest.mark.parametrize(
    "line",
    [
        "[W 2026-12-06 15:04:37.442 ServerApp] Notebook workbook.ipynb is not trusted",
        "[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All ...",
        "[W 2026-12-06 15:04:49.584 ServerApp] The websocket_ping_timeout (90000) cannot ...",
        "    Setting websocket_ping_timeout=30000",
        "[W 2026-12-06 15:05:01.000 ServerApp] 403 POST /api/kernels/abc/shutdown (127.0.0.1)",
        "[C 2026-12-06 15:05:31.289 ServerApp] received signal 15, stopping",
    ],
)
def test_routine_notes_are_dropped(line: str) -> None:
    """Jupyter's routine notes never reach the trainer's terminal."""
    assert workbook_log(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "[E 2026-12-06 15:05:01.000 ServerApp] Uncaught exception GET /api/contents",
        "Traceback (most recent call last):",
        "[W 2026-12-06 15:05:01.000 ServerApp] 404 GET /voila/render/missing.ipynb",
    ],
)
def test_real_errors_still_reach_the_terminal(line: str) -> None:
    """Errors, tracebacks and other warnings are passed on unchanged."""
    assert workbook_log(line) == line


def test_a_servers_deprecation_warning_is_left_out_and_its_other_output_kept(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A child server's deprecation warning and the code line after it are dropped, even
    when its warnings filter turns them on; its errors and other warnings pass."""
    script = tmp_path / "server.py"
    script.write_text(
        "import sys, warnings\n"
        "warnings.simplefilter('default')\n"
        "warnings.warn('old setting', DeprecationWarning)\n"
        "warnings.warn('disk nearly full', UserWarning)\n"
        "print('[E ServerApp] real error', flush=True)\n"
    )
    proc = Server([sys.executable, str(script)], "127.0.0.1", 0, {}, lambda line: line).start()
    proc.wait(timeout=30)
    time.sleep(0.5)  # the pump prints what it read
    printed = capfd.readouterr().out
    assert "DeprecationWarning" not in printed and "old setting" not in printed
    assert "UserWarning: disk nearly full" in printed and "real error" in printed
