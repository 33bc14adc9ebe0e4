"""The client the workbook works on: one shared choice that every screen's picker follows."""

from __future__ import annotations

import traitlets

__all__ = ["CurrentClient"]


class CurrentClient(traitlets.HasTraits):
    """The chosen client's id (None: no client chosen); pickers given one set and follow it."""

    client_id = traitlets.Int(None, allow_none=True)
