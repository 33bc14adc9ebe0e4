"""The Hypothesis profiles the suite runs under, and `examples(n)` for a test's own count.

- `ci`: every property with the examples its test asks for (100 where it asks for none). The
  full run (README command 2, `.ci/run`) uses it.
- `fast`: every property still runs, with a tenth of those examples (at least `FAST_MINIMUM`,
  or the test's own count when that is fewer). The fast lane (`-m "not slow"`) uses it.

`--hypothesis-profile=NAME` chooses either for any run (tests/conftest.py picks one otherwise).
Neither has a deadline: on a busy machine a slow example is not a failing one.
"""

from __future__ import annotations

from math import ceil

from hypothesis import HealthCheck, settings

__all__ = ["CI", "FAST", "FAST_MINIMUM", "examples", "profile_for"]

CI = "ci"
FAST = "fast"
CI_EXAMPLES = 100
"""Hypothesis's own default: the scale a test's stated count is written for."""
FAST_MINIMUM = 10

settings.register_profile(
    CI, max_examples=CI_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    FAST,
    max_examples=CI_EXAMPLES // 10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def examples(count: int) -> int:
    """How many examples a test asking for `count` runs under the loaded profile."""
    loaded = settings.default
    scale = (loaded.max_examples if loaded is not None else CI_EXAMPLES) / CI_EXAMPLES
    if scale >= 1:
        return count
    return min(count, max(FAST_MINIMUM, ceil(count * scale)))


def profile_for(markexpr: str) -> str:
    """The profile for a run selected by `-m markexpr`: fast when it leaves slow tests out."""
    return FAST if "not slow" in " ".join(markexpr.split()) else CI
