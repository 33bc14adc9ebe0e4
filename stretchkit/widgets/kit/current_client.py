"""The client the workbook works on: one shared choice that every screen's picker follows,
with the app's hub on which changes to a client are announced."""

from __future__ import annotations

from typing import Any

import traitlets

from stretchkit.services.events import Change, ClientEvents, announce

__all__ = ["CurrentClient", "announce_change"]


class CurrentClient(traitlets.HasTraits):
    """The chosen client's id (None: no client chosen); pickers given one set and follow it.
    `events` is the app's hub: screens sharing this client subscribe there to refresh."""

    client_id = traitlets.Int(None, allow_none=True)

    def __init__(self, events: ClientEvents | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.events = ClientEvents() if events is None else events


def announce_change(current: CurrentClient | None, client_id: int, what: Change) -> None:
    """Tell the screens sharing `current` that the client changed (a screen alone: nobody)."""
    announce(None if current is None else current.events, client_id, what)
