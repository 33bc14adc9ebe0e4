"""Real servers for tests: started as child processes, probed by TCP, always stopped."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from stretchkit.servers.launching import _descendants as descendants


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_listening(port: int, proc: subprocess.Popen[str], timeout_s: float = 90) -> None:
    """Wait until something accepts connections on the port (never GET a notebook to probe)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port} after {timeout_s} s")


STOP_WITHIN_S = 4.0
"""How long a server has to stop on SIGTERM before it and everything it started is killed."""


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie waiting to be reaped is gone too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:  # ended between the two looks
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _kill(pids: Sequence[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def stop(proc: subprocess.Popen[str], within_s: float = STOP_WITHIN_S) -> None:
    """Stop a server and every process it started (kernels, a launcher's servers) within
    `within_s`: SIGTERM first, which a Jupyter or Voila server answers by shutting its kernels
    down and exiting (one SIGINT only makes it ask for a confirmation nobody types), and
    `stretchkit workbook` or `dashboard` like Ctrl+C; then SIGKILL to whatever still runs."""
    family = descendants(proc.pid) if proc.poll() is None else []
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=within_s)
        except subprocess.TimeoutExpired:
            _kill([proc.pid, *family, *descendants(proc.pid)])
            proc.wait()
    _kill(family)


def voila_process(
    notebook: Path,
    env: dict[str, str] | None = None,
    extra: Sequence[str] = (),
    stdin: int = subprocess.DEVNULL,
) -> tuple[subprocess.Popen[str], str]:
    """Voila serving one notebook (or every notebook of a folder, each at
    `voila/render/<name>`) on a free port, once it listens: the process and its URL. Its
    input is empty unless `stdin` is given (a server with a terminal asks to confirm a
    Ctrl+C)."""
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        *extra,
    ]
    proc = subprocess.Popen(
        argv,
        cwd=notebook if notebook.is_dir() else notebook.parent,
        env={**os.environ, **(env or {})},
        stdin=stdin,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        wait_listening(port, proc)
    except BaseException:
        stop(proc)
        raise
    return proc, f"http://127.0.0.1:{port}/"


@contextmanager
def voila(
    notebook: Path, env: dict[str, str] | None = None, extra: Sequence[str] = ()
) -> Iterator[str]:
    """Serve one notebook (or a folder's) with Voila on a free port; yield its URL; stop it
    after."""
    proc, url = voila_process(notebook, env, extra)
    try:
        yield url
    finally:
        stop(proc)


_OUTPUT: weakref.WeakKeyDictionary[subprocess.Popen[str], queue.Queue[str | None]] = (
    weakref.WeakKeyDictionary()
)
_SEEN: weakref.WeakKeyDictionary[subprocess.Popen[str], list[str]] = weakref.WeakKeyDictionary()
SAID_ON_FAILURE = 40
"""How many of the last lines a process printed a failed wait quotes (keys and tokens removed)."""
_SECRET = re.compile(r"(key|token)=[^&\s]+")


def _output(proc: subprocess.Popen[str]) -> queue.Queue[str | None]:
    """The process's output lines as one thread reads them (started on first use), then None."""
    if proc not in _OUTPUT:
        lines: queue.Queue[str | None] = queue.Queue()
        seen: list[str] = []

        def pump() -> None:
            assert proc.stdout is not None
            for printed in proc.stdout:
                line = printed.rstrip("\n")
                seen.append(line)
                lines.put(line)
            lines.put(None)

        _OUTPUT[proc], _SEEN[proc] = lines, seen
        threading.Thread(target=pump, daemon=True).start()
    return _OUTPUT[proc]


def said(proc: subprocess.Popen[str]) -> str:
    """The last lines the process printed, keys and tokens removed: for a failure's message."""
    lines = _SEEN.get(proc, [])[-SAID_ON_FAILURE:]
    return "\n".join(_SECRET.sub(r"\1=…", line) for line in lines) or "(nothing)"


def next_line(proc: subprocess.Popen[str], deadline: float, awaited: str) -> str:
    """The next line the process prints before the time.monotonic() `deadline`; a
    TimeoutError or a RuntimeError (it stopped) naming what was `awaited`, and quoting what
    the process printed, otherwise."""
    try:
        line = _output(proc).get(timeout=max(0.0, deadline - time.monotonic()))
    except queue.Empty:
        raise TimeoutError(f"{awaited}: not printed in time; it printed:\n{said(proc)}") from None
    if line is None:
        raise RuntimeError(
            f"{awaited}: the command stopped first, with {proc.wait()}; it printed:\n{said(proc)}"
        )
    return line


def read_for(proc: subprocess.Popen[str], seconds: float) -> None:
    """Read what the process prints for `seconds`, or until it stops (kept for `said` and
    `everything_printed`)."""
    deadline = time.monotonic() + seconds
    with contextlib.suppress(TimeoutError, RuntimeError):
        while True:
            next_line(proc, deadline, "more lines")


def everything_printed(proc: subprocess.Popen[str], timeout_s: float = 10) -> str:
    """Every line the process printed, once it has stopped (or after `timeout_s`): for a
    test's assertions, never for a message (see `said`)."""
    read_for(proc, timeout_s)
    return "\n".join(_SEEN.get(proc, []))


LINK = re.compile(r"^\s+(?P<name>[^:]+): (?P<url>https?://\S+\?key=\S+)$")


def read_demo_links(
    proc: subprocess.Popen[str], timeout_s: float, until: str = "Dashboard ready"
) -> dict[str, str]:
    """The demo clients' links the command prints, up to the line starting with `until`:
    by default once it says every kernel is ready."""
    links: dict[str, str] = {}
    deadline = time.monotonic() + timeout_s
    awaited = f"{until!r} within {timeout_s} s"
    while not (line := next_line(proc, deadline, awaited)).startswith(until):
        if match := LINK.match(line):
            links[match["name"]] = match["url"]
    return links


READY_WITHIN_S = 300
"""How long `stretchkit dashboard` may take to say its kernels are ready: its first start in
a run draws every picture into an empty cache, which takes minutes on a busy two-core machine
(the wait ends as soon as the line is printed)."""


@contextmanager
def dashboard(
    db: Path, pool_size: int = 3, demo: bool = True
) -> Iterator[tuple[str, dict[str, str]]]:
    """`stretchkit dashboard` (`--demo` unless told not to) on a free port, once its kernels
    are ready; yield its URL and the demo clients' links (none without the demo)."""
    port = free_port()
    argv = [sys.executable, "-m", "stretchkit", "dashboard", "--db", str(db)]
    argv += ["--port", str(port), "--pool-size", str(pool_size), *(["--demo"] if demo else [])]
    proc = subprocess.Popen(
        argv,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        links = read_demo_links(proc, timeout_s=READY_WITHIN_S)
        yield f"http://127.0.0.1:{port}/", links
    finally:
        stop(proc)
