"""The request a dashboard kernel serves, read the way Voila hands it over.

Voila runs the dashboard notebook's first cell in kernels made ready ahead of time (preheated)
and, when a client's request arrives, sends that request's details (its query string among
them) to the waiting kernel over its query socket, `…/voila/query/<kernel id>`: this is what
`voila.utils.get_query_string()` waits for. Importing `voila.utils` loads Voila's whole server
(jupyter_server, jupyterlab_server), which costs a kernel more CPU time than building a client's
page; this module waits for the same message with the `websockets` client alone. The names of
the environment variables are Voila's (checked against `voila.utils.ENV_VARIABLE` by the
tests).
"""

from __future__ import annotations

import json
import os

from websockets.exceptions import WebSocketException
from websockets.sync.client import connect

__all__ = ["QUERY_SOCKET_TIMEOUT_S", "request_query_string"]

QUERY_SOCKET_TIMEOUT_S = 5.0
"""How long to try to reach Voila's query socket (Voila's own helper waits as long)."""


def _query_socket_url() -> str:
    protocol = os.getenv("VOILA_WS_PROTOCOL", "ws")
    ip = os.getenv("VOILA_APP_IP", "127.0.0.1")
    port = os.getenv("VOILA_APP_PORT", "8866")
    server_url = os.getenv("VOILA_SERVER_URL", "/")
    base = os.getenv("VOILA_WS_BASE_URL", server_url)
    return f"{protocol}://{ip}:{port}{base}voila/query/{os.getenv('VOILA_KERNEL_ID')}"


def request_query_string() -> str:
    """The query string of the client's request (`key=…`), waiting for the request first in a
    preheated kernel; empty when there is none (the page then says the link is not valid)."""
    if os.getenv("VOILA_PREHEAT", "False") != "False":
        try:
            with connect(_query_socket_url(), open_timeout=QUERY_SOCKET_TIMEOUT_S) as socket:
                message = socket.recv()
        except (OSError, TimeoutError, WebSocketException):
            message = None
        if message is not None:
            for name, value in json.loads(message).items():
                os.environ[name] = str(value)
    return os.getenv("QUERY_STRING", "")
