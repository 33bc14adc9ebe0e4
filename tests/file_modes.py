"""Running code under a chosen umask, to see which modes the code itself sets."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["umask"]


@contextmanager
def umask(value: int) -> Iterator[None]:
    """Run with this umask (0: nothing masked, so only the code's own modes protect a file)."""
    before = os.umask(value)
    try:
        yield
    finally:
        os.umask(before)
