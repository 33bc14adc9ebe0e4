"""A new link on the Links screen, ready to hand over: who can open it and how to serve it to
phones, a Copy button, and a QR code that reads back as the link and never says the key."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.services.events import ClientChanged, ClientEvents
from stretchkit.store import Store
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.workbook.attention_list import AttentionList
from stretchkit.widgets.workbook.link_manager import LinkManager
from tests.qr_reading import decode_qr, modules_png, svg_modules

LOOPBACK = "http://127.0.0.1:8866/"
LAN = "http://192.168.1.20:8866/"
DAY = date(2026, 3, 2)


def _made(store: Store, base: str, current: CurrentClient | None = None) -> LinkManager:
    """A links page on `base` with a link just made for Maria Lopez."""
    maria = store.clients.add(ClientDetails("Maria Lopez")).id
    manager = LinkManager(store, base_url=base, current=current)
    manager.picker.client.value = maria
    manager.create.click()
    return manager


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_a_link_on_this_computer_says_so_and_how_to_serve_it_to_phones(
    memory_store: Store,
) -> None:
    """Beside the loopback link: it opens only here, the command with --dashboard-host
    0.0.0.0, the firewall, and that anyone on the network with the link can open it."""
    share = _made(memory_store, LOOPBACK).share.value
    text = _text(share)
    assert "opens only on this computer" in text
    assert "<code>stretchkit workbook --dashboard-host 0.0.0.0</code>" in share
    assert "firewall must allow port 8866" in text
    assert "anyone on that network who has the link can open it" in text
    assert "cannot open it yet" in text and "scans this with their phone" not in text


def test_a_link_on_the_local_network_says_a_phone_on_the_wifi_can_open_it(
    memory_store: Store,
) -> None:
    """A private address needs no command, only the firewall note."""
    text = _text(_made(memory_store, LAN).share.value)
    assert "same Wi-Fi" in text and "firewall must allow port 8866" in text
    assert "--dashboard-host" not in text
    assert "scans this with their phone's camera" in text


def test_the_copy_button_copies_the_shown_link_with_a_fallback(memory_store: Store) -> None:
    """A real button that copies the link box's text, selects it where the clipboard API is
    not allowed, and says what happened in a status line."""
    share = _made(memory_store, LOOPBACK).share.value
    button = re.search(r'<button type="button" class="sk-link-copy[^"]*" onclick="([^"]+)"', share)
    assert button is not None and "Copy link</button>" in share
    script = unescape(button[1])
    assert ".sk-link-new input" in script and "navigator.clipboard.writeText" in script
    assert "isSecureContext" in script and "select()" in script and "execCommand" in script
    assert 'class="sk-link-copied" role="status"' in share


def test_the_qr_code_is_inline_svg_that_reads_back_as_the_link(memory_store: Store) -> None:
    """The SVG in the page draws the link itself: read back by a QR decoder it is the URL."""
    manager = _made(memory_store, LOOPBACK)
    svg = re.search(r"<svg.*?</svg>", manager.share.value, re.DOTALL)
    assert svg is not None
    assert decode_qr(modules_png(svg_modules(svg[0]))) == manager.new_url.value


def test_the_qr_codes_text_alternative_names_the_client_never_the_key(
    memory_store: Store,
) -> None:
    """A screen reader hears whose link it is; the key appears nowhere in the HTML, which
    loads nothing from outside the page."""
    manager = _made(memory_store, LOOPBACK)
    share, token = manager.share.value, manager.new_url.value.rsplit("=", 1)[1]
    assert 'role="img" aria-label="QR code of Maria Lopez&#x27;s personal link"' in share
    assert token not in share and token[:8] not in share
    assert "http" not in share.replace("https address", "")


def test_revoking_or_choosing_another_client_removes_the_qr(memory_store: Store) -> None:
    """The QR goes with the link it draws: revoked, or another client chosen, it is gone."""
    manager = _made(memory_store, LOOPBACK)
    manager.revoke.click()
    assert manager.share.value == "" and manager.new_box.layout.display == "none"
    manager.create.click()
    assert "<svg" in manager.share.value
    manager.picker.client.value = None
    assert manager.share.value == ""


def test_a_link_made_on_the_screen_is_announced_and_another_links_screen_follows(
    memory_store: Store,
) -> None:
    """The hub hears 'link created'; a second Links screen on the same client lists it."""
    current = CurrentClient(ClientEvents())
    heard: list[ClientChanged] = []
    current.events.subscribe(heard.append)
    other = LinkManager(memory_store, base_url=LOOPBACK, current=current)
    manager = _made(memory_store, LOOPBACK, current)
    assert [c.what for c in heard] == ["link created"]
    assert "active" in other.table.value
    manager.revoke.click()
    assert [c.what for c in heard] == ["link created", "link revoked"]
    assert "revoked on" in other.table.value


@pytest.mark.parametrize("base", [LOOPBACK, "https://studio.example.org/services/dash/"])
def test_every_new_link_gets_its_reach_note_copy_button_and_qr(
    memory_store: Store, base: str
) -> None:
    """Whatever the address, the three parts are beside the new link."""
    share = _made(memory_store, base).share.value
    assert "sk-link-reach" in share and "sk-link-copy" in share and "<svg" in share


def test_a_new_link_leaves_the_other_tabs_as_they_are(memory_store: Store) -> None:
    """Making a link redraws no other screen: the attention list is not recomputed."""
    current = CurrentClient(ClientEvents())
    attention = AttentionList(memory_store, lambda _id: None, lambda: DAY, current.events)
    attention.summary.value = "as it was"
    _made(memory_store, LOOPBACK, current)
    assert attention.summary.value == "as it was"
