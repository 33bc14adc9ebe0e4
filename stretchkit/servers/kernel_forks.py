"""Dashboard kernels started by forking a process that has already imported what a kernel
needs, instead of starting Python afresh for each one.

A dashboard kernel started the usual way spends most of its CPU before its client arrives:
Python, IPython, ipykernel, ipywidgets, SQLAlchemy and the dashboard's own modules are
imported again in every kernel. Here one process, the kernel forker, imports them once when
the dashboard starts and waits; each kernel the dashboard asks for is a fork of it, which
starts with those modules already in memory (shared with the forker until written to) and
runs ipykernel as `python -m ipykernel_launcher` would.

The forker starts no thread and opens no store or socket but its own, so a fork holds
nothing it should not share. It listens on a Unix socket in a folder only its owner may open,
answers one request per connection (the kernel's command line, environment and folder) with
the new kernel's process id, and exits with the dashboard: it is told to by the system when
its parent goes, and the system ends the kernels it forked as it goes (each asks for that
first thing in the fork, then checks that the forker is still its parent).

The dashboard's Voila process chooses it (use_forked_kernels) as its kernels' provisioner,
ForkedKernelProvisioner: a kernel the forker cannot start is started the usual way, with a
line in the log. Other Jupyter servers (the workbook's) start their kernels as usual.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

from jupyter_client.provisioning.factory import KernelProvisionerFactory
from jupyter_client.provisioning.local_provisioner import LocalProvisioner

__all__ = [
    "FORKER_MODULE",
    "PROVISIONER_NAME",
    "ForkedKernel",
    "ForkedKernelProvisioner",
    "Forker",
    "forks",
    "serve",
    "use_forked_kernels",
]

PROVISIONER_NAME = "stretchkit-forked-kernel"
FORKER_MODULE = "stretchkit.servers.kernel_forks"
PRELOADED = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.comm",
    "ipywidgets",
    "sqlalchemy",
    "stretchkit.servers.dashboard_kernel",
    "stretchkit.widgets.dashboard.dashboard_kit",
)
"""What every dashboard kernel imports before its client arrives (no matplotlib: a dashboard
kernel imports it only to draw a chart that is missing)."""
_KERNEL_MODULE = "ipykernel_launcher"
_READY_LINE = f"{FORKER_MODULE} ready"
"""What the forker prints once it takes requests."""
_START_S = 60.0
"""How long a dashboard waits for its forker to be ready (it imports for a second or two)."""
_ANSWER_S = 10.0
_PR_SET_PDEATHSIG = 1
_FOLDER_PREFIX = "stretchkit-forker-"
"""The 0700 folder a dashboard makes for its forker's socket (removed as the forker ends)."""


# --- the forker ------------------------------------------------------------------------------


def _exit_with_parent() -> None:
    """Ask Linux to end this process when its parent ends (the forker's: the dashboard's
    Voila; a kernel's: the forker)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def serve(socket_path: str) -> None:
    """Import what a kernel needs, then fork a kernel for each request on `socket_path`."""
    _exit_with_parent()
    parent = os.getppid()
    for name in PRELOADED:
        __import__(name)
    from stretchkit.widgets.dashboard.dashboard_pictures import read_ahead  # noqa: PLC0415

    read_ahead()  # read (or drawn) once, in memory in every fork
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the system reaps the kernels that end
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    Path(socket_path).chmod(0o600)
    listener.listen(16)
    listener.settimeout(1.0)
    signal.signal(signal.SIGTERM, _end)
    print(_READY_LINE, flush=True)
    try:
        while os.getppid() == parent:  # a dashboard that is gone leaves no forker behind
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(_ANSWER_S)
                _answer(connection, listener)
    finally:  # ended by the dashboard or by the system as the dashboard ended
        listener.close()
        _remove_socket(Path(socket_path))


def _end(_signal: int, _frame: object) -> None:
    raise SystemExit(0)


def _remove_socket(path: Path) -> None:
    """Remove the socket and, when it is one the dashboard made for it, its folder."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
    if path.parent.name.startswith(_FOLDER_PREFIX):
        with contextlib.suppress(OSError):
            path.parent.rmdir()


def _answer(connection: socket.socket, listener: socket.socket) -> None:
    try:
        asked = json.loads(_read_line(connection))
        argv, env, cwd = list(asked["argv"]), dict(asked["env"]), str(asked["cwd"])
    except (OSError, ValueError, KeyError, TypeError) as problem:
        _reply(connection, {"error": str(problem)})
        return
    forker = os.getpid()
    try:
        pid = os.fork()
    except OSError as problem:  # no memory or process left: said, and the forker goes on
        _reply(connection, {"error": str(problem)})
        return
    if pid == 0:  # the kernel
        _become_kernel(listener, connection, forker, argv=argv, env=env, cwd=cwd)
    _reply(connection, {"pid": pid})


def _reply(connection: socket.socket, answer: dict[str, Any]) -> None:
    """One line of JSON: the requests' and the answers' form."""
    connection.sendall(json.dumps(answer).encode() + b"\n")


def _become_kernel(
    listener: socket.socket,
    connection: socket.socket,
    forker: int,
    *,
    argv: list[str],
    env: dict[str, str],
    cwd: str,
) -> None:
    """In the fork: leave the forker's socket and signals behind, take the kernel's
    environment, folder and session, and run ipykernel; never return to the forker's loop.
    It ends with the forker (`forker`, its parent): asked of the system first, then checked,
    so a forker that ended before this fork ran leaves no kernel behind."""
    code = 1
    try:
        _exit_with_parent()
        if os.getppid() != forker:  # the forker ended before this fork ran: nobody to serve
            os._exit(code)
        listener.close()
        connection.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.setsid()  # a process group of its own, as jupyter_client starts kernels
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        # the forker's id as known before the fork: asked now, a forker that has just ended
        # would name whoever took this process over, and the kernel would never end
        os.environ["JPY_PARENT_PID"] = str(forker)
        from ipykernel.kernelapp import launch_new_instance  # noqa: PLC0415 - imported already

        sys.argv = [_KERNEL_MODULE, *argv, f"--IPKernelApp.parent_handle={forker}"]
        launch_new_instance()
        code = 0
    except SystemExit as ended:
        code = ended.code if isinstance(ended.code, int) else 0
    except BaseException:  # said on the dashboard's log, then the fork ends
        import traceback  # noqa: PLC0415

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _read_line(connection: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


# --- asking for a kernel ---------------------------------------------------------------------


class Forker:
    """The dashboard's one forker, started on first use beside the Voila server."""

    _lock = threading.Lock()
    _started: Forker | None = None

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=_FOLDER_PREFIX))  # mode 0700
        self.socket_path = str(self.folder / "forker.sock")
        self.process = subprocess.Popen(
            [sys.executable, "-m", FORKER_MODULE, self.socket_path],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.ready = threading.Event()
        threading.Thread(target=self._relay, daemon=True).start()

    def _relay(self) -> None:
        """Notice the ready line; pass anything else the forker prints on to the log."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.strip() == _READY_LINE:
                self.ready.set()
            else:
                print(line, end="", flush=True)

    @classmethod
    def get(cls) -> Forker:
        with cls._lock:
            if cls._started is None or cls._started.process.poll() is not None:
                cls._started = Forker()
            return cls._started

    def stop(self) -> None:
        """End the forker (killed if it has not ended 5 s after being asked) and remove its
        socket."""
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        _remove_socket(Path(self.socket_path))

    def fork(self, argv: list[str], env: dict[str, str], cwd: str) -> int:
        """A new kernel's process id."""
        if not self.ready.wait(_START_S):
            raise OSError("the kernel forker did not start")
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(_ANSWER_S)
            connection.connect(self.socket_path)
            _reply(connection, {"argv": argv, "env": env, "cwd": cwd})
            answer = json.loads(_read_line(connection))
        if "pid" not in answer:
            raise OSError(f"the kernel forker refused: {answer.get('error')}")
        return int(answer["pid"])


def forks(cmd: list[str]) -> bool:
    """Whether the forker can start `cmd`: `python -m ipykernel_launcher …` with this
    Python."""
    return len(cmd) >= 3 and cmd[0] == sys.executable and cmd[1:3] == ["-m", _KERNEL_MODULE]


class ForkedKernel:
    """What jupyter_client's local provisioner needs of a process (see subprocess.Popen),
    for a kernel that is not this process's child: the forker reaps it."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0  # ended; its exit code went to the forker
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.05)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkedKernelProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, with the kernel forked by the forker."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        if not forks(cmd):
            return await super().launch_kernel(cmd, **kwargs)
        env = {str(k): str(v) for k, v in (kwargs.get("env") or os.environ).items()}
        cwd = str(kwargs.get("cwd") or Path.cwd())
        try:
            forker = Forker.get()  # started here, in the server's own thread, if not yet
            loop = asyncio.get_running_loop()
            pid = await loop.run_in_executor(None, forker.fork, cmd[3:], env, cwd)
        except (OSError, ValueError) as problem:
            print(f"Kernel started without the forker: {problem}", file=sys.stderr, flush=True)
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedKernel(pid)  # type: ignore[assignment] # what Popen offers it
        self.pid = self.pgid = pid
        self.cwd = cwd
        return self.connection_info


def use_forked_kernels() -> Forker:
    """Make this process's kernels forks (ForkedKernelProvisioner, for every kernel whose
    spec names no provisioner) and start the forker now, in this thread: it imports while
    the server starts, and the system ends it when this process ends."""
    factory = KernelProvisionerFactory.instance()
    where = f"{__name__}:{ForkedKernelProvisioner.__name__}"
    factory.provisioners[PROVISIONER_NAME] = EntryPoint(
        PROVISIONER_NAME, where, KernelProvisionerFactory.GROUP_NAME
    )
    factory.default_provisioner_name = PROVISIONER_NAME
    forker = Forker.get()
    atexit.register(forker.stop)
    return forker


if __name__ == "__main__":
    serve(sys.argv[1])
