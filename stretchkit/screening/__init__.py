"""Screening: a client's intake against the articles' contraindications and PAR-Q+, giving an
overall status and a decision per stretch with reasons, and how long the screening holds.

Holds ``intake`` and ``intake_codec`` (the answers), ``rules`` (the rule table), ``model``
(statuses, decisions, reasons), ``validity`` (when a screening ends) and ``screen`` (the
screening itself), whose names are re-exported here. Pure core: may import ``catalog``.
"""

from stretchkit.screening import screen as _screen
from stretchkit.screening.screen import *  # noqa: F403

__all__ = _screen.__all__
