"""A clock that keeps a view ticking after its cell has run: an asyncio task where an event
loop runs (a kernel, Voila), else a thread. It is scheduled against the phase's end, never by
summing sleeps."""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Callable

__all__ = ["next_wake", "tick_while"]


def next_wake(remaining_s: float, tick_s: float) -> float:
    """Seconds to sleep: to the next whole second of the display, or to the phase's end."""
    to_next_second = remaining_s - math.floor(remaining_s) or 1.0
    return max(0.001, min(tick_s, to_next_second, remaining_s))


def tick_while(
    going: Callable[[], bool], tick: Callable[[], None], wake: Callable[[], float]
) -> asyncio.Task[None] | threading.Thread:
    """Call `tick` while `going()` holds, sleeping `wake()` seconds between ticks."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        thread = threading.Thread(target=_run_thread, args=(going, tick, wake), daemon=True)
        thread.start()
        return thread
    return loop.create_task(_run_async(going, tick, wake))


async def _run_async(
    going: Callable[[], bool], tick: Callable[[], None], wake: Callable[[], float]
) -> None:
    while going():
        tick()
        await asyncio.sleep(wake())


def _run_thread(
    going: Callable[[], bool], tick: Callable[[], None], wake: Callable[[], float]
) -> None:
    while going():
        tick()
        time.sleep(wake())
