"""Starting a Jupyter server as a child process and telling the user where it is."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stretchkit.errors import StretchkitError

__all__ = ["Server", "free_port", "port_is_free", "wait_for_port"]


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
            raise StretchkitError(
                f"the server stopped during start-up (exit code {proc.returncode})"
            )
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise StretchkitError(f"the server did not answer on {host}:{port} within {timeout_s:.0f} s")


def _interrupt(_signum: int, _frame: object) -> None:
    """Treat a termination signal like Ctrl+C, so the child server is stopped too."""
    raise KeyboardInterrupt


@dataclass
class Server:
    """A Jupyter-family server running as a child process."""

    argv: Sequence[str]
    host: str
    port: int
    env: Mapping[str, str]

    def run(self, url: str, banner: str, startup_timeout_s: float = 120.0) -> int:
        """Start, wait until it listens, print the URL, then wait until it ends (Ctrl+C, or a
        termination signal, stops the server too)."""
        signal.signal(signal.SIGTERM, _interrupt)
        proc = subprocess.Popen(list(self.argv), env={**os.environ, **self.env})
        try:
            wait_for_port(self.host, self.port, startup_timeout_s, proc)
            print(f"\n{banner}\n    {url}\n(press Ctrl+C to stop)\n", flush=True)
            return proc.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def python_module(module: str, *args: str) -> list[str]:
    """A command line running a module with this very interpreter."""
    return [sys.executable, "-m", module, *args]
