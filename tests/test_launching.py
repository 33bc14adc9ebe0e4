"""Stopping the servers: a server that ignores the request to stop is killed with every
process it started, so no kernel is left running."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from stretchkit.servers import launching
from tests.servers import (
    alive,
    descendants,
    free_port,
    next_line,
    read_demo_links,
    stop,
    voila_process,
)

launching_children = descendants

STUBBORN = """
import signal, subprocess, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
print(child.pid, flush=True)
time.sleep(120)
"""


def test_a_server_that_will_not_stop_is_killed_with_its_children(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(launching, "STOP_TIMEOUT_S", 0.5)
    server = subprocess.Popen([sys.executable, "-c", STUBBORN], stdout=subprocess.PIPE)
    assert server.stdout is not None
    child = int(server.stdout.readline())
    began = time.monotonic()
    launching._stop_all([server])
    assert time.monotonic() - began < 5
    assert server.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 5
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child), f"the server's child {child} still runs 5 s after the kill"


def test_servers_that_stop_when_asked_are_not_killed() -> None:
    servers = [
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) for _ in "ab"
    ]
    launching._stop_all(servers)
    assert [s.returncode for s in servers] == [-signal.SIGTERM, -signal.SIGTERM]


@pytest.mark.slow
def test_ctrl_c_stops_the_dashboard_even_when_started_with_it_ignored(tmp_path: Path) -> None:
    """A shell starts a background command with Ctrl+C ignored; the command still stops on
    it, exits 0, and leaves no Voila server or kernel running."""
    argv = [sys.executable, "-m", "stretchkit", "dashboard", "--db", str(tmp_path / "s.db")]
    argv += ["--demo", "--port", str(free_port()), "--pool-size", "1"]
    command = 'trap "" INT; exec "$@"'  # ignore Ctrl+C, then become the command
    proc = subprocess.Popen(
        ["sh", "-c", command, "sh", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    read_demo_links(proc, timeout_s=180)
    started = launching_children(proc.pid)
    assert started, "the dashboard runs Voila as a child process"
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 0
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in started if alive(pid)]
    assert not left, f"processes {left} still run 10 s after the dashboard stopped"


def _read_until(proc: subprocess.Popen[str], mark: str | None, timeout_s: float) -> list[str]:
    """The lines the launcher prints up to and including the first one holding `mark`, or
    (`mark` None) until it stops."""
    deadline = time.monotonic() + timeout_s
    lines: list[str] = []
    while mark is None or not lines or mark not in lines[-1]:
        try:
            lines.append(next_line(proc, deadline, f"{mark!r} within {timeout_s} s"))
        except RuntimeError:
            if mark is None:
                return lines
            raise
    return lines


@pytest.mark.slow
def test_ctrl_c_on_the_workbook_prints_no_traceback_and_leaves_no_process(
    tmp_path: Path,
) -> None:
    """Ctrl+C in the terminal (SIGINT to the launcher's whole process group) while the
    dashboard's preheated kernels wait for clients and notebooks have kernels: everything
    stops, nothing prints a traceback, and no server or kernel is left."""
    argv = [sys.executable, "-m", "stretchkit", "workbook", "--demo"]
    argv += ["--db", str(tmp_path / "s.db"), "--notebook-dir", str(tmp_path / "nb")]
    argv += ["--port", str(free_port()), "--dashboard-port", str(free_port())]
    argv += ["--pool-size", "3"]
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")},
    )
    try:
        printed = _read_until(proc, "Dashboard ready", timeout_s=240)
        lab = next(line for line in printed if "/lab/" in line and "token=" in line).strip()
        for _ in range(2):  # notebooks the trainer opened: kernels of JupyterLab's own
            request = urllib.request.Request(
                lab.split("/lab/")[0] + "/api/kernels?token=" + lab.split("token=")[1],
                data=b'{"name": "python3"}',
                headers={"Content-Type": "application/json"},
            )
            urllib.request.urlopen(request, timeout=60).close()
        time.sleep(10)  # the kernels are up and connected
        started = launching_children(proc.pid)
        assert len(started) >= 2 + 3 + 2, "JupyterLab, Voila and five kernels run"
        os.killpg(proc.pid, signal.SIGINT)
        rest = "\n".join(_read_until(proc, None, timeout_s=60))
        assert proc.wait(timeout=30) == 0
    finally:
        stop(proc)
    output = "\n".join(printed) + rest
    assert "Traceback" not in output, output
    assert "Error" not in rest, rest
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in started if alive(pid)]
    assert not left, f"processes {left} still run 10 s after the workbook stopped"


@pytest.mark.slow
def test_the_test_helper_stops_a_voila_server_and_its_kernel_within_5_seconds(
    tmp_path: Path,
) -> None:
    """tests/servers.py's stop() ends a Voila server started from a terminal, with a kernel
    running, kernel included, in under 5 s (one SIGINT made such a server ask for a
    confirmation nobody types, and the helper waited 30 s before killing it)."""
    notebook = tmp_path / "one_cell.ipynb"
    cell = {"cell_type": "code", "id": "one", "metadata": {}, "source": "x = 1"}
    cell |= {"outputs": [], "execution_count": None}
    document = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    notebook.write_text(json.dumps(document), encoding="utf-8")
    terminal, terminal_end = pty.openpty()
    try:
        proc, url = voila_process(notebook, stdin=terminal_end)
        try:
            urllib.request.urlopen(url, timeout=120).close()  # the page runs in a kernel
            family = descendants(proc.pid)
            assert family, "the rendered page has a kernel"
        finally:
            began = time.monotonic()
            stop(proc)
            took = time.monotonic() - began
    finally:
        os.close(terminal)
        os.close(terminal_end)
    assert took < 5, f"stop() took {took:.1f} s"
    assert not [pid for pid in family if alive(pid)]


SLOW_TO_STOP = """
import signal, socket, sys, time
def stop(*_):
    time.sleep(2)  # a server shutting its kernels down
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
listening = socket.create_server(("127.0.0.1", int(sys.argv[1])))
time.sleep(120)
"""

LAUNCHER = """
import sys
from stretchkit.servers.launching import Server, run_servers
server = Server([sys.executable, "-c", sys.argv[1], sys.argv[2]], "127.0.0.1", int(sys.argv[2]), {})
sys.exit(run_servers([server], lambda: print("ready", flush=True)))
"""


def test_a_second_ctrl_c_while_the_servers_stop_prints_no_traceback_and_leaves_none(
    tmp_path: Path,
) -> None:
    """Ctrl+C pressed twice: the second one, while a server takes its time to stop, neither
    cuts the stopping short (which printed a traceback and left the server running) nor
    changes the exit code."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, SLOW_TO_STOP, str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert next_line(proc, time.monotonic() + 60, "ready") == "ready"
        started = launching_children(proc.pid)
        proc.send_signal(signal.SIGINT)
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        rest = "\n".join(_read_until(proc, None, timeout_s=30))
        assert proc.wait(timeout=30) == 0
    finally:
        stop(proc)
    assert "Traceback" not in rest, rest
    assert started and not [pid for pid in started if alive(pid)]
