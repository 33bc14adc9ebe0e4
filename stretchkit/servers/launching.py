"""Starting a Jupyter server as a child process and telling the user where it is."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from stretchkit.errors import StretchkitError
from stretchkit.i18n import _

__all__ = [
    "LogFilter",
    "Server",
    "free_port",
    "port_is_free",
    "python_module",
    "run_servers",
    "wait_for_port",
]


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port yet."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str, preferred: int) -> int:
    """The preferred port if free, else one the system hands out."""
    if preferred and port_is_free(host, preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def wait_for_port(host: str, port: int, timeout_s: float, proc: subprocess.Popen[bytes]) -> None:
    """Wait until the server accepts TCP connections (never GET a notebook page to probe)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            said = _("the server stopped during start-up (exit code {code})")
            raise StretchkitError(said.format(code=proc.returncode))
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    said = _("the server did not answer on {address} within {seconds} s")
    raise StretchkitError(said.format(address=f"{host}:{port}", seconds=f"{timeout_s:.0f}"))


def _interrupt(_signum: int, _frame: object) -> None:
    """Treat a termination signal like Ctrl+C, so the child servers are stopped too."""
    raise KeyboardInterrupt


LogFilter = Callable[[str], str | None]
"""Turns one line a server logs into what the user should see, or None to drop it."""


_DEPRECATION = re.compile(r"^\S.*:\d+: (Pending)?DeprecationWarning: ")
"""Python's report of a deprecation ('file.py:12: DeprecationWarning: ...'), followed by the
line of code it points at. Voila turns traitlets' deprecation warnings on for every
process that imports it, whatever PYTHONWARNINGS says: they are news for the developers of
the Jupyter packages, never for the person running the servers."""


def _pump(stream: IO[bytes], keep: LogFilter) -> None:
    """Pass a child's output through a filter to our standard output, until it closes (a
    deprecation warning and its line of code are left out)."""
    skip_code = False
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\n")
        was_warning, skip_code = skip_code, bool(_DEPRECATION.match(line))
        if skip_code or (was_warning and line.startswith(" ")):
            continue
        shown = keep(line)
        if shown is not None:
            print(shown, flush=True)


@dataclass
class Server:
    """A Jupyter-family server to run as a child process; `log_filter` (when given) sees
    every line it prints or logs and decides what reaches the terminal."""

    argv: Sequence[str]
    host: str
    port: int
    env: Mapping[str, str]
    log_filter: LogFilter | None = None

    def start(self) -> subprocess.Popen[bytes]:
        """Start the server process (its log piped through the filter, if any) in a session
        of its own: Ctrl+C in the terminal reaches only the launcher, which then stops each
        server in order (a server interrupted on its own would ask to confirm, or shut its
        kernels down in the middle of their work)."""
        env = {**os.environ, **self.env}
        piped = self.log_filter is not None
        proc = subprocess.Popen(
            list(self.argv),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if piped else None,
            stderr=subprocess.STDOUT if piped else None,
            start_new_session=True,
        )
        if self.log_filter is None:
            return proc
        assert proc.stdout is not None
        threading.Thread(target=_pump, args=(proc.stdout, self.log_filter), daemon=True).start()
        return proc


STOP_TIMEOUT_S = 10.0


def _descendants(pid: int) -> list[int]:
    """Every process started under `pid` (kernels included), read from /proc; none where
    there is no /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _signal(pids: Sequence[int], signum: int) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signum)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill a server that did not stop in time, and every process it started, so no kernel
    is left running."""
    _signal([proc.pid, *_descendants(proc.pid)], signal.SIGKILL)
    proc.wait()


def _stop_all(procs: Sequence[subprocess.Popen[bytes]]) -> None:
    """Stop every server at once, each one's kernels first: a kernel a server shuts down
    while it still waits in a cell (as the dashboard's preheated kernels wait for their
    client) logs a traceback for the reply it can no longer send, while a kernel ended by a
    termination signal ends quietly. Kill whatever still runs after the timeout."""
    running = [proc for proc in procs if proc.poll() is None]
    kernels = {proc.pid: _descendants(proc.pid) for proc in running}
    for proc in running:
        _signal(kernels[proc.pid], signal.SIGTERM)
        proc.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for proc in running:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _kill(proc)
    _signal([pid for pids in kernels.values() for pid in pids], signal.SIGKILL)


def _watch(procs: Sequence[subprocess.Popen[bytes]]) -> int:
    """Wait until any server ends; return its exit code."""
    while True:
        for proc in procs:
            code = proc.poll()
            if code is not None:
                return code
        time.sleep(0.5)


def run_servers(
    servers: Sequence[Server], announce: Callable[[], None], startup_timeout_s: float = 120.0
) -> int:
    """Start the servers, wait until each listens, `announce` where they are, then wait
    until one ends or Ctrl+C (or a termination signal) stops them all."""
    signal.signal(signal.SIGTERM, _interrupt)
    # Ctrl+C stops the servers even when this process was started with it ignored (as a
    # shell does for a command it runs in the background).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        procs = [server.start() for server in servers]
        for server, proc in zip(servers, procs, strict=True):
            wait_for_port(server.host, server.port, startup_timeout_s, proc)
        announce()
        print(_("(press Ctrl+C to stop)") + "\n", flush=True)
        return _watch(procs)
    except KeyboardInterrupt:
        return 0
    finally:
        _stop_undisturbed(procs)


def _stop_undisturbed(procs: Sequence[subprocess.Popen[bytes]]) -> None:
    """Stop the servers with Ctrl+C and termination signals ignored meanwhile: a second
    Ctrl+C (people press it twice) would cut the stopping short, print a traceback and leave
    a server and its kernels running. The stopping itself is bounded (STOP_TIMEOUT_S)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _stop_all(procs)


def python_module(module: str, *args: str) -> list[str]:
    """A command line running a module with this very interpreter."""
    return [sys.executable, "-m", module, *args]
