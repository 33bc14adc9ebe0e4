"""The dashboard's kernels are forks of one process that imported what they need once: a
fork is a real kernel that runs code, is stopped like any kernel, and nothing is left once the
dashboard is gone."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file

from stretchkit.servers.kernel_forks import FORKER_MODULE, ForkedKernel, Forker, forks
from tests.servers import alive, dashboard, descendants

GONE_WITHIN_S = 10


def _gone_within(pids: list[int], seconds: float = GONE_WITHIN_S) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(alive(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _argv(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


@pytest.fixture
def forker() -> Iterator[Forker]:
    started = Forker()
    yield started
    started.stop()


@pytest.mark.slow
def test_a_forked_kernel_runs_code_in_its_own_folder_and_environment_and_stops(
    forker: Forker, tmp_path: Path
) -> None:
    """A kernel forked for a connection file answers an execute request with the folder and
    environment it was asked for (not the forker's), and is gone once killed."""
    connection, _info = write_connection_file(str(tmp_path / "kernel.json"))
    env = {**os.environ, "STRETCHKIT_FORK_TEST": "asked for"}
    pid = forker.fork(["-f", connection], env, str(tmp_path))
    kernel = ForkedKernel(pid)
    client = BlockingKernelClient(connection_file=connection)
    client.load_connection_file()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        code = "import os; print(os.getcwd(), os.environ['STRETCHKIT_FORK_TEST'])"
        said: list[str] = []
        reply = client.execute_interactive(
            code, timeout=30, output_hook=lambda m: said.append(m["content"].get("text", ""))
        )
        assert reply["content"]["status"] == "ok"
        assert "".join(said).strip() == f"{tmp_path} asked for"
        assert _parent(pid) == forker.process.pid and os.getpgid(pid) == pid
        assert kernel.poll() is None
    finally:
        client.stop_channels()
        kernel.kill()
    assert _gone_within([pid]) and kernel.wait(5) == 0
    forker.stop()
    assert not forker.folder.exists()  # the socket's folder goes with the forker


@pytest.mark.slow
def test_the_forker_and_its_kernels_end_when_the_dashboard_ends(tmp_path: Path) -> None:
    """A process that started a forker and a kernel from it is killed outright (no clean-up
    runs): the forker and the kernel end within seconds, and the socket's folder is gone."""
    connection, _info = write_connection_file(str(tmp_path / "kernel.json"))
    script = (
        "import os, sys\n"
        "from stretchkit.servers.kernel_forks import Forker\n"
        "f = Forker()\n"
        f"pid = f.fork(['-f', {connection!r}], dict(os.environ), {str(tmp_path)!r})\n"
        "print(f.process.pid, pid, f.folder, flush=True)\n"
        "sys.stdin.read()\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout is not None
        forker_id, kernel_id, folder = parent.stdout.readline().split()
        forker_pid, kernel_pid = int(forker_id), int(kernel_id)
        assert alive(forker_pid) and alive(kernel_pid)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    assert _gone_within([forker_pid, kernel_pid])
    assert not Path(folder).exists()


def test_a_fork_whose_forker_ended_before_it_ran_starts_no_kernel(tmp_path: Path) -> None:
    """A dashboard killed just as a kernel is forked: the forker ends before the fork runs,
    so the fork finds another parent than the forker that made it. It ends at once rather
    than start a kernel that nothing would ever stop. (Here the fork's parent is this
    test's child process, not the forker named: the same situation.)"""
    connection, _info = write_connection_file(str(tmp_path / "kernel.json"))
    script = (
        "import os, socket\n"
        "from stretchkit.servers.kernel_forks import _become_kernel\n"
        "listener, asked = socket.socketpair()\n"
        "gone = os.getppid() + 1_000_000  # no process has this id\n"
        f"_become_kernel(listener, asked, gone, argv=['-f', {connection!r}],"
        f" env=dict(os.environ), cwd={str(tmp_path)!r})\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert child.returncode == 1, child.stderr
    assert "IPKernelApp" not in child.stderr  # no kernel was started


@pytest.mark.slow
def test_a_forker_that_does_not_end_when_asked_is_killed(forker: Forker) -> None:
    """A forker that does not answer the request to end (here: stopped) is killed 5 s later;
    stopping it raises nothing and removes its socket's folder."""
    assert forker.ready.wait(60)
    os.kill(forker.process.pid, signal.SIGSTOP)
    forker.stop()
    assert forker.process.poll() is not None
    assert not forker.folder.exists()


def test_only_this_pythons_ipykernel_is_forked() -> None:
    """Another kernel (another Python, another program) is started the usual way."""
    assert forks([sys.executable, "-m", "ipykernel_launcher", "-f", "k.json"])
    assert not forks(["/usr/bin/python3.9", "-m", "ipykernel_launcher", "-f", "k.json"])
    assert not forks([sys.executable, "-m", "some_other_kernel", "-f", "k.json"])
    assert not forks(["R", "--slave"])


@pytest.mark.slow
def test_the_dashboards_kernels_are_forks_of_its_forker(tmp_path: Path) -> None:
    """Under the dashboard's Voila, every kernel of the pool is a child of the forker, and
    none is a Python started afresh."""
    with dashboard(tmp_path / "store.db", pool_size=2) as (url, _links):
        port = url.rsplit(":", 1)[1].strip("/")
        [voila] = [
            int(p.name)
            for p in Path("/proc").iterdir()
            if p.name.isdigit()
            and f"--port={port}" in _try_argv(int(p.name))
            and "dashboard_app" in _try_argv(int(p.name))
        ]
        under = descendants(voila)
        [forker] = [pid for pid in under if FORKER_MODULE in _argv(pid) and _parent(pid) == voila]
        assert not [pid for pid in under if "ipykernel_launcher" in _try_argv(pid)]
        assert len(descendants(forker)) >= 2  # the pool's kernels


def _try_argv(pid: int) -> str:
    try:
        return _argv(pid)
    except OSError:
        return ""


@pytest.mark.slow
def test_a_request_the_forker_cannot_read_is_refused_and_it_goes_on(forker: Forker) -> None:
    """A malformed request gets an error answer, no fork, and the forker keeps serving."""
    assert forker.ready.wait(60)
    for asked in (b"not json\n", b'{"argv": ["-f"]}\n'):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(10)
            connection.connect(forker.socket_path)
            connection.sendall(asked)
            answer = json.loads(connection.makefile().readline())
        assert "error" in answer and "pid" not in answer
    assert forker.process.poll() is None and descendants(forker.process.pid) == []
    assert oct(Path(forker.socket_path).stat().st_mode & 0o777) == "0o600"
    assert oct(forker.folder.stat().st_mode & 0o777) == "0o700"
