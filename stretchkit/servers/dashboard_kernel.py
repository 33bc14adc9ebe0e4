"""What a client dashboard's kernel does for Voila around the page it shows: it says in the
server's log when it is ready for a client, takes the client's request (the link's key) and
keeps no copy of it in its environment, and lowers its CPU priority once the client's first
view is out. The dashboard notebook calls these; the page itself is the widgets' business.
"""

from __future__ import annotations

import contextlib
import os
import sys

import ipywidgets

from stretchkit.servers.dashboard_server import READY_MARK
from stretchkit.servers.voila_request import request_query_string

__all__ = [
    "LIVE_NICENESS",
    "PREVIOUS_REQUEST",
    "kernel_ready",
    "say_ready",
    "take_request",
    "yield_to_first_views",
]

PREVIOUS_REQUEST = "VOILA_REQUEST_URL"
"""Voila hands a kernel it starts to refill the pool the URL of the request that emptied
it, key included: a dashboard kernel drops it at once."""
LIVE_NICENESS = 5
"""How far a kernel lowers its CPU priority once its client's first view is out: when many
clients open their links at once, every first view is drawn before anyone's live page."""


def kernel_ready() -> None:
    """Call once the kernel has everything that does not depend on the client: it forgets
    the request that made Voila start it and, when preheated, says so in the server's log
    (which counts the kernels ready, see dashboard_server)."""
    os.environ.pop(PREVIOUS_REQUEST, None)
    # ipywidgets registers its comm targets when imported inside IPython; a kernel forked
    # from the kernel forker (stretchkit.servers.kernel_forks) imported it before, outside.
    ipywidgets.register_comm_target()
    if os.environ.get("VOILA_PREHEAT") == "True" and sys.__stderr__ is not None:
        say_ready(sys.__stderr__.fileno())


def say_ready(fd: int) -> None:
    """Write the ready mark and its newline in one write: the server's kernels share one
    pipe, and unbuffered (PYTHONUNBUFFERED) a print writes the newline apart, so two kernels
    ready at the same moment could make one line of two marks."""
    os.write(fd, f"{READY_MARK}\n".encode())


def take_request() -> str:
    """The client's request's query string (`key=…`), waited for in a preheated kernel; the
    key is then no longer in the kernel's environment."""
    try:
        return request_query_string()
    finally:
        os.environ.pop("QUERY_STRING", None)


def yield_to_first_views() -> None:
    """Lower this kernel's CPU priority (LIVE_NICENESS), where the system allows it."""
    with contextlib.suppress(OSError, AttributeError):  # not on every system
        os.nice(LIVE_NICENESS)
