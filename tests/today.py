"""The one date the tests call today.

`TODAY` is a fixed day (a Wednesday), so the suite gives the same result on whatever day it
runs; `STRETCHKIT_TEST_TODAY=YYYY-MM-DD` moves it, e.g. to a Sunday or to 29 February. Tests
take it from the `today` fixture (or, at module level, from this module), never from the clock.

Some code stamps what it records with the clock itself: the store (a session's start, a health
change, its refusal of a screening dated after today) and every server. Tests comparing with
those stamps use `clock_today()`, the day that clock says; run the suite under `faketime` to
move it too (README, "Testing"). A `TODAY` after the machine's date needs that as well, as the
store refuses a screening dated in its future.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date

from stretchkit.store.rows import local_now

__all__ = ["DEFAULT_TODAY", "TODAY", "VARIABLE", "clock_today", "read_today"]

VARIABLE = "STRETCHKIT_TEST_TODAY"
DEFAULT_TODAY = date(2026, 6, 3)
"""A Wednesday: every weekday rule of the demo's story holds on it."""


def read_today(environ: Mapping[str, str] = os.environ) -> date:
    """The tests' today: $STRETCHKIT_TEST_TODAY as YYYY-MM-DD, or the fixed default."""
    given = environ.get(VARIABLE, "").strip()
    if not given:
        return DEFAULT_TODAY
    try:
        return date.fromisoformat(given)
    except ValueError:
        raise SystemExit(f"{VARIABLE}={given!r} is not a date as YYYY-MM-DD") from None


TODAY = read_today()


def clock_today() -> date:
    """The day the store and the servers stamp on what they record (the machine's clock,
    or faketime's)."""
    return local_now().date()
