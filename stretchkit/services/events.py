"""The app's announcements: a service that changes a client's data says so here, and every
open screen showing that client, subscribed, refreshes at once. One hub per app (the workbook
makes its own), so nothing leaks between apps, kernels or tests; plain Python, no widgets."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

from stretchkit.errors import ValidationError

__all__ = [
    "CHANGES",
    "LINKS",
    "LISTING",
    "Change",
    "ClientChanged",
    "ClientEvents",
    "Subscriber",
    "announce",
]

Change = Literal[
    "added",
    "edited",
    "archived",
    "restored",
    "deleted",
    "screened",
    "health changed",
    "routine saved",
    "session ended",
    "history imported",
    "link created",
    "link revoked",
    "measured",
]
CHANGES: tuple[Change, ...] = get_args(Change)
"""What can change about a client, as announced."""
LISTING: frozenset[Change] = frozenset({"added", "edited", "archived", "restored", "deleted"})
"""The changes that alter how (or whether) the client is listed in a picker."""
LINKS: frozenset[Change] = frozenset({"link created", "link revoked"})
"""The changes to a client's personal links, which alter none of their records."""

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClientChanged:
    """One announcement: which client changed, and what about them."""

    client_id: int
    what: Change

    def __post_init__(self) -> None:
        if self.what not in CHANGES:
            raise ValidationError("change", self.what, f"must be one of {', '.join(CHANGES)}")

    @property
    def listing(self) -> bool:
        """True when the client's name or place in the pickers may have changed."""
        return self.what in LISTING

    @property
    def record(self) -> bool:
        """True when the client's screening, routine, sessions or history may have changed."""
        return self.what not in LISTING | LINKS


Subscriber = Callable[[ClientChanged], None]


class ClientEvents:
    """Subscribe to and publish client changes; subscribers are called in the order they
    subscribed, and one that fails is logged and skipped, never stopping the publisher."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call `subscriber` with every change from now on; returns the way to unsubscribe."""
        self._subscribers.append(subscriber)
        return lambda: self._unsubscribe(subscriber)

    def _unsubscribe(self, subscriber: Subscriber) -> None:
        if subscriber in self._subscribers:
            self._subscribers.remove(subscriber)

    def publish(self, client_id: int, what: Change) -> ClientChanged:
        """Tell every subscriber that this client's `what` changed; returns the announcement."""
        change = ClientChanged(client_id, what)
        for subscriber in tuple(self._subscribers):
            try:
                subscriber(change)
            except Exception:  # a broken screen must not undo or stop a saved change
                _log.exception("a subscriber failed on %s", change)
        return change


def announce(events: ClientEvents | None, client_id: int, what: Change) -> None:
    """Publish the change when there is a hub to tell (a screen used on its own has none)."""
    if events is not None:
        events.publish(client_id, what)
