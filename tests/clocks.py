"""A clock for tests to inject where code reads the time (the session runner takes `clock=`)."""

from __future__ import annotations


class FakeClock:
    """A monotonic clock that only moves when the test moves it."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
