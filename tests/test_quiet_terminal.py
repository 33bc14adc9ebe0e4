"""`stretchkit workbook` keeps the terminal for what a trainer needs: its addresses and
links, then real warnings and errors only, never Jupyter's routine notes. Line by line here;
a real workbook's whole terminal, after JupyterLab, the app and a client's live page were
used, in tests/test_workbook_server.py."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from stretchkit.servers.launching import Server
from stretchkit.servers.workbook import workbook_log


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
