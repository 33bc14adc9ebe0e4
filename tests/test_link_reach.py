"""Who can open a client's link, read from the dashboard's address: this computer, this
network or anywhere, and what the trainer is told to do about it."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.errors import ValidationError
from stretchkit.services.link_reach import (
    LAN_COMMAND,
    REACHES,
    LinkReach,
    link_reach,
    reach_of_host,
)


@pytest.mark.parametrize(
    ("host", "reach"),
    [
        ("127.0.0.1", "this computer"),
        ("127.8.9.10", "this computer"),
        ("localhost", "this computer"),
        ("LOCALHOST.", "this computer"),
        ("dash.localhost", "this computer"),
        ("::1", "this computer"),
        ("[::1]", "this computer"),
        ("0.0.0.0", "this computer"),
        ("", "this computer"),
        ("192.168.1.20", "this network"),
        ("10.0.0.5", "this network"),
        ("172.16.4.2", "this network"),
        ("169.254.3.3", "this network"),
        ("fd12:3456::1", "this network"),
        ("fe80::1", "this network"),
        ("trainer-laptop", "this network"),
        ("trainer-laptop.local", "this network"),
        ("studio.lan", "this network"),
        ("studio.example.org", "anywhere"),
        ("8.8.8.8", "anywhere"),
        ("2001:4860:4860::8888", "anywhere"),
    ],
)
def test_a_host_is_reached_from_this_computer_this_network_or_anywhere(
    host: str, reach: str
) -> None:
    """Loopback (and 0.0.0.0, which no phone can reach) is this computer; private, link-local
    and local names are this network; a public address or domain name is anywhere."""
    assert reach_of_host(host) == reach


@given(st.ip_addresses(v=4, network="192.168.0.0/16") | st.ip_addresses(v=4, network="10.0.0.0/8"))
def test_every_private_lan_address_is_this_network(address: ipaddress.IPv4Address) -> None:
    """Any address of the home and office ranges opens on this network only."""
    assert reach_of_host(str(address)) == "this network"


@given(st.ip_addresses(v=4, network="127.0.0.0/8"))
def test_every_loopback_address_is_this_computer(address: ipaddress.IPv4Address) -> None:
    """Any 127.x.y.z opens only on this computer."""
    assert reach_of_host(str(address)) == "this computer"


def test_the_default_dashboard_opens_only_on_this_computer_and_says_how_to_serve_phones() -> None:
    """127.0.0.1:8866 cannot reach a phone: the trainer is told the command and the firewall."""
    reach = link_reach("http://127.0.0.1:8866/")
    assert (reach.reach, reach.port, reach.secure, reach.phone_can_open) == (
        "this computer", 8866, False, False,
    )  # fmt: skip
    assert "opens only on this computer" in reach.headline
    start, firewall = reach.advice
    assert f"`{LAN_COMMAND}`" in start and "--dashboard-host 0.0.0.0" in start
    assert "firewall must allow port 8866" in firewall
    assert "anyone on that network who has the link can open it" in firewall


def test_a_lan_address_opens_on_this_network_with_the_firewall_note_only() -> None:
    """Already served on the network: no command to run, but the firewall and who can open."""
    reach = link_reach("http://192.168.1.20:9000/")
    assert reach.reach == "this network" and reach.phone_can_open
    assert "same Wi-Fi" in reach.headline
    assert reach.advice == (
        "The computer's firewall must allow port 9000, and anyone on that network who has the "
        "link can open it.",
    )


def test_the_studios_https_address_opens_anywhere_with_nothing_to_do() -> None:
    """The studio's public https address needs no advice."""
    reach = link_reach("https://studio.example.org/services/stretchkit-dashboard/")
    assert (reach.reach, reach.secure, reach.port, reach.advice) == ("anywhere", True, 443, ())
    assert "public https address" in reach.headline


def test_a_public_address_without_https_is_called_unencrypted() -> None:
    """A key sent over plain http to a public address is said to travel unencrypted."""
    reach = link_reach("http://203.0.113.9.nip.io:8866/")
    assert reach.reach == "anywhere" and not reach.secure
    assert "unencrypted" in reach.headline and "https" in reach.headline


def test_the_note_can_speak_of_several_links_and_name_the_command_in_use() -> None:
    """The printed demo links say 'These links open ...' and name the command that was run."""
    reach = link_reach("http://127.0.0.1:8866/", "stretchkit dashboard --demo --host 0.0.0.0")
    said = reach.says("These links", plural=True)
    assert said == "These links open only on this computer: a client's phone cannot open them."
    assert "`stretchkit dashboard --demo --host 0.0.0.0`" in reach.advice[0]


def test_a_reach_out_of_range_is_an_error_naming_the_field() -> None:
    """An unknown reach or a port of 0 is refused with the field and the value."""
    with pytest.raises(ValidationError, match=r"reach.*the moon"):
        LinkReach("the moon", False, 80)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="port"):
        LinkReach("this computer", False, 0)


@given(st.text(max_size=60))
def test_any_address_gets_a_reach_and_never_an_error(base_url: str) -> None:
    """Whatever the dashboard's address is set to, the Links tab can say who opens it."""
    reach = link_reach(base_url)
    assert reach.reach in REACHES and 0 < reach.port < 65536


def test_an_address_that_cannot_be_read_promises_no_phone_anything() -> None:
    """A broken address is taken as this computer only."""
    assert link_reach("http://[::1").reach == "this computer"
