"""Who can open a client's link, read from the dashboard's address the link starts with: only
this computer (a loopback address), devices on this network (a private address or a local
name), or anyone (a public address). Pure: no socket is opened, no name is looked up."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal, get_args
from urllib.parse import urlsplit

from stretchkit.errors import ValidationError
from stretchkit.i18n import _

__all__ = [
    "LAN_COMMAND",
    "REACHES",
    "LinkReach",
    "Reach",
    "link_reach",
    "reach_of_host",
]

Reach = Literal["this computer", "this network", "anywhere"]
REACHES: tuple[Reach, ...] = get_args(Reach)
LAN_COMMAND = "stretchkit workbook --dashboard-host 0.0.0.0"
"""How the trainer serves the dashboard to phones on the studio's network."""
_LOCAL_SUFFIXES = (".local", ".lan", ".home", ".home.arpa", ".internal", ".intranet")


def reach_of_host(host: str) -> Reach:
    """Where a link on this host opens: 'this computer' for loopback (and the unspecified
    0.0.0.0, which a phone cannot reach), 'this network' for private, link-local and local
    names, else 'anywhere'."""
    name = host.strip().strip("[]").rstrip(".").casefold()
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return _reach_of_name(name)
    if address.is_loopback or address.is_unspecified:
        return "this computer"
    return "anywhere" if address.is_global else "this network"


def _reach_of_name(name: str) -> Reach:
    if name in ("", "localhost") or name.endswith(".localhost"):
        return "this computer"
    if "." not in name or name.endswith(_LOCAL_SUFFIXES):
        return "this network"
    return "anywhere"


@dataclass(frozen=True)
class LinkReach:
    """Who can open links on one dashboard address, and what to tell the trainer about it."""

    reach: Reach
    secure: bool
    port: int
    lan_command: str = LAN_COMMAND

    def __post_init__(self) -> None:
        if self.reach not in REACHES:
            raise ValidationError("reach", self.reach, f"must be one of {', '.join(REACHES)}")
        if not 0 < self.port < 65536:
            raise ValidationError("port", self.port, "must be 1 to 65535")

    @property
    def phone_can_open(self) -> bool:
        """Whether a phone other than this computer can open the link at all."""
        return self.reach != "this computer"

    @property
    def headline(self) -> str:
        """One sentence for the trainer, in the current language: where the new link opens."""
        if self.reach == "this computer":
            return _("This link opens only on this computer: a client's phone cannot open it.")
        if self.reach == "this network":
            return _(
                "This link opens on this computer's network: a phone on the same Wi-Fi can "
                "open it, not from elsewhere."
            )
        if self.secure:
            return _("This link opens anywhere: on the studio's public https address.")
        return _(
            "This link opens on a public address without https: the key travels unencrypted. "
            "Serve the dashboard over https before sending it."
        )

    def says(self, subject: str = "This link", plural: bool = False) -> str:
        """Where the link opens, said of `subject` ('These links' with `plural`)."""
        it, opens, them = (subject, "open", "them") if plural else (subject, "opens", "it")
        if self.reach == "this computer":
            return f"{it} {opens} only on this computer: a client's phone cannot open {them}."
        if self.reach == "this network":
            return (
                f"{it} {opens} on this computer's network: a phone on the same Wi-Fi can open "
                f"{them}, not from elsewhere."
            )
        if self.secure:
            return f"{it} {opens} anywhere: on the studio's public https address."
        return (
            f"{it} {opens} on a public address without https: the key travels unencrypted. "
            "Serve the dashboard over https before sending it."
        )

    @property
    def advice(self) -> tuple[str, ...]:
        """What to do to serve the link to phones on the local network (none when it is), in
        the current language; a command stays between backquotes."""
        if self.reach == "anywhere":
            return ()
        start = () if self.reach == "this network" else (
            _(
                "To open links on a phone in the studio, start with `{command}`: "
                "the links made then open on this network."
            ).format(command=self.lan_command),
        )  # fmt: skip
        firewall = _(
            "The computer's firewall must allow port {port}, and anyone on that network "
            "who has the link can open it."
        )
        return (*start, firewall.format(port=self.port))


def link_reach(base_url: str, lan_command: str = LAN_COMMAND) -> LinkReach:
    """Who can open links starting with the dashboard's address `base_url`; `lan_command` is
    how this dashboard is served on the local network. An address that cannot be read is
    taken as reaching this computer only: no phone is promised a link it may not open."""
    try:
        parts = urlsplit(base_url.strip())
        host = parts.hostname or ""
    except ValueError:
        return LinkReach("this computer", False, 80, lan_command)
    secure = parts.scheme == "https"
    try:
        port = parts.port or (443 if secure else 80)
    except ValueError:
        port = 443 if secure else 80
    return LinkReach(reach_of_host(host), secure, port, lan_command)
