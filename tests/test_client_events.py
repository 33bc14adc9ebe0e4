"""The app's hub: changes to a client are announced to every subscriber, in order, and a
failing subscriber never stops the publisher or the others."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.errors import ValidationError
from stretchkit.services.events import CHANGES, LISTING, ClientChanged, ClientEvents, announce


def test_every_subscriber_hears_each_change_in_the_order_they_subscribed() -> None:
    """Two subscribers get the same announcement, the first to subscribe first."""
    hub, heard = ClientEvents(), list[tuple[str, ClientChanged]]()
    hub.subscribe(lambda c: heard.append(("first", c)))
    hub.subscribe(lambda c: heard.append(("second", c)))
    change = hub.publish(7, "screened")
    assert change == ClientChanged(7, "screened")
    assert heard == [("first", change), ("second", change)]


def test_a_failing_subscriber_is_logged_and_the_others_still_hear(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A subscriber that raises does not reach the publisher; the next one is still called."""
    hub, heard = ClientEvents(), list[ClientChanged]()

    def broken(_change: ClientChanged) -> None:
        raise RuntimeError("a screen went wrong")

    hub.subscribe(broken)
    hub.subscribe(heard.append)
    with caplog.at_level(logging.ERROR, logger="stretchkit.services.events"):
        hub.publish(3, "routine saved")
    assert heard == [ClientChanged(3, "routine saved")]
    assert "a subscriber failed" in caplog.text


def test_an_unsubscribed_screen_hears_nothing_more() -> None:
    """The function subscribe returns stops the announcements (twice is harmless)."""
    hub, heard = ClientEvents(), list[ClientChanged]()
    stop = hub.subscribe(heard.append)
    hub.publish(1, "added")
    stop()
    stop()
    hub.publish(1, "edited")
    assert [c.what for c in heard] == ["added"]


def test_two_hubs_share_nothing() -> None:
    """A change on one app's hub is never heard on another's (one hub per app or kernel)."""
    one, other, heard = ClientEvents(), ClientEvents(), list[ClientChanged]()
    other.subscribe(heard.append)
    one.publish(1, "deleted")
    announce(None, 1, "deleted")  # a screen on its own has no hub: nobody is told
    assert heard == []


def test_an_unknown_change_is_refused_by_name() -> None:
    """Only the known changes can be announced; the error names the bad one."""
    refused = r"change: must be one of .*; you gave \u201crenamed\u201d"
    with pytest.raises(ValidationError, match=refused):
        ClientChanged(1, "renamed")  # type: ignore[arg-type]


@given(st.sampled_from(CHANGES), st.integers(min_value=1))
def test_only_changes_to_the_client_list_ask_pickers_to_relist(what: str, client: int) -> None:
    """Added, edited, archived, restored and deleted change a picker's list; the rest not."""
    change = ClientChanged(client, what)  # type: ignore[arg-type]
    assert change.listing == (what in LISTING)
    assert change.listing == (what in {"added", "edited", "archived", "restored", "deleted"})
