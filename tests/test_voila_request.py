"""The dashboard kernel's wait for its request: Voila's message over the query socket, read
without importing Voila's server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from websockets.sync.server import ServerConnection, serve

from stretchkit.servers.dashboard_kernel import (
    LIVE_NICENESS,
    PREVIOUS_REQUEST,
    kernel_ready,
    take_request,
)
from stretchkit.servers.dashboard_server import READY_MARK
from stretchkit.servers.voila_request import request_query_string

KERNEL = "0f3c-kernel"


@pytest.fixture
def query_socket(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A socket at …/services/dashboard/voila/query/<kernel> that sends one request's
    details as Voila does, with the environment of a preheated kernel pointing at it; the
    paths it was asked for."""
    asked: list[str] = []

    def handler(connection: ServerConnection) -> None:
        assert connection.request is not None
        asked.append(connection.request.path)
        connection.send(json.dumps({"QUERY_STRING": "key=abc123", "PATH_INFO": "/"}))

    with serve(handler, "127.0.0.1", 0) as server:
        port = server.socket.getsockname()[1]
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        for name, value in {
            "VOILA_PREHEAT": "True",
            "VOILA_KERNEL_ID": KERNEL,
            "VOILA_APP_IP": "127.0.0.1",
            "VOILA_APP_PORT": str(port),
            "VOILA_WS_BASE_URL": "/services/dashboard/",
        }.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("QUERY_STRING", raising=False)
        monkeypatch.delenv("PATH_INFO", raising=False)
        yield asked
        server.shutdown()


def test_a_preheated_kernel_waits_for_the_request_and_takes_its_details(
    query_socket: list[str],
) -> None:
    import os

    assert request_query_string() == "key=abc123"
    assert query_socket == [f"/services/dashboard/voila/query/{KERNEL}"]
    assert os.environ["PATH_INFO"] == "/"


def test_a_kernel_not_preheated_reads_the_query_string_it_was_started_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "key=xyz")
    assert request_query_string() == "key=xyz"
    monkeypatch.delenv("QUERY_STRING")
    assert request_query_string() == ""


def test_an_unreachable_query_socket_gives_no_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing listens: no query string (the page says the link is not valid)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_KERNEL_ID", KERNEL)
    monkeypatch.setenv("VOILA_APP_PORT", str(port))
    monkeypatch.delenv("QUERY_STRING", raising=False)
    assert request_query_string() == ""


def test_the_environment_names_are_voilas_own() -> None:
    """Every variable read here is one Voila's helper names (so a renamed one fails here)."""
    from voila.utils import ENV_VARIABLE

    names = {str(v) for v in ENV_VARIABLE}
    used = {
        "VOILA_PREHEAT",
        "VOILA_KERNEL_ID",
        "VOILA_APP_IP",
        "VOILA_APP_PORT",
        "VOILA_SERVER_URL",
        "VOILA_WS_PROTOCOL",
        "VOILA_WS_BASE_URL",
        "QUERY_STRING",
    }
    assert used <= names


def test_waiting_for_the_request_does_not_load_voilas_server() -> None:
    """The point of the module: a kernel importing it does not import jupyter_server."""
    code = (
        "import sys, stretchkit.servers.voila_request as r; r.request_query_string(); "
        "print('jupyter_server' in sys.modules, 'voila' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.split() == ["False", "False"]


def test_the_request_taken_by_a_preheated_kernel_leaves_no_key_behind(
    query_socket: list[str],
) -> None:
    """The notebook takes the request: its query string is returned, and the link's key is
    no longer in the kernel's environment."""
    assert take_request() == "key=abc123"
    assert "QUERY_STRING" not in os.environ


def test_the_request_taken_by_a_kernel_not_preheated_leaves_no_key_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A kernel started for the request takes the query string it was started with."""
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "key=xyz")
    assert take_request() == "key=xyz"
    assert "QUERY_STRING" not in os.environ
    assert take_request() == ""


@pytest.mark.parametrize("preheated", [True, False])
def test_a_ready_kernel_forgets_the_previous_request_and_says_it_is_ready_when_preheated(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], preheated: bool
) -> None:
    """The URL of the request that made Voila start the kernel (key included) is dropped;
    a preheated kernel writes the mark the dashboard server counts to the server's log."""
    monkeypatch.setenv(PREVIOUS_REQUEST, "http://127.0.0.1/?key=old")
    monkeypatch.setenv("VOILA_PREHEAT", str(preheated))
    kernel_ready()
    assert PREVIOUS_REQUEST not in os.environ
    assert (READY_MARK in capfd.readouterr().err) == preheated


def test_a_kernel_yields_to_first_views_by_lowering_its_priority() -> None:
    """Once its first view is out, a kernel runs LIVE_NICENESS steps nicer (in a process of
    its own here, not to slow the tests)."""
    code = (
        "import os; from stretchkit.servers.dashboard_kernel import yield_to_first_views; "
        "before = os.nice(0); yield_to_first_views(); print(os.nice(0) - before)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before = os.nice(0)
    assert int(done.stdout) == min(LIVE_NICENESS, 19 - before)


def test_the_previous_request_is_named_as_voila_names_it() -> None:
    """The variable a ready kernel drops is one Voila's helper names."""
    from voila.utils import ENV_VARIABLE

    assert PREVIOUS_REQUEST in {str(v) for v in ENV_VARIABLE}
