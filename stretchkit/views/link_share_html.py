"""A new link, ready to hand over: who can open it, how to serve it to phones, a Copy button
and a QR code the client scans. The QR is drawn here, as inline SVG: the key never leaves the
page. HTML only, no widgets."""

from __future__ import annotations

import json
import re
from html import escape

import segno

from stretchkit.i18n import _
from stretchkit.services.link_reach import LinkReach

__all__ = ["COPY_SCRIPT", "copy_script", "link_qr", "link_qr_svg", "link_share_html", "qr_alt"]

_COPY_SCRIPT = (
    "(function(b){"
    "var box=b.closest('.sk-link-created'),t=box&&box.querySelector('.sk-link-new input'),"
    "said=b.parentNode.querySelector('.sk-link-copied');"
    "if(!t){return;}"
    "var say=function(m){said.textContent=m;};"
    "var pick=function(){t.focus();t.select();"
    "var ok=false;try{ok=document.execCommand('copy');}catch(e){}"
    "say(ok?COPIED:SELECTED);};"
    "if(navigator.clipboard&&window.isSecureContext){"
    "navigator.clipboard.writeText(t.value).then(function(){say(COPIED);},pick);"
    "}else{pick();}"
    "})(this)"
)
COPY_SCRIPT = _COPY_SCRIPT.replace("COPIED", "'Copied.'").replace(
    "SELECTED", "'The link is selected: press Ctrl+C (Cmd+C on a Mac) to copy it.'"
)
"""Copy the link in the box beside the button: the clipboard API where the page may use it
(https or this computer), else select the text and copy it the older way, else ask for Ctrl+C.
(In English; `copy_script` says the same in the current language.)"""


def copy_script() -> str:
    """COPY_SCRIPT, its two messages in the current language (as JavaScript strings)."""
    copied = json.dumps(_("Copied."))
    selected = json.dumps(_("The link is selected: press Ctrl+C (Cmd+C on a Mac) to copy it."))
    return _COPY_SCRIPT.replace("COPIED", copied).replace("SELECTED", selected)


_SIZE = re.compile(r'^<svg width="\d+" height="\d+"')


def link_qr(url: str) -> segno.QRCode:
    """The link as a QR code (never a Micro QR, which phones' cameras do not read)."""
    return segno.make(url, micro=False, error="m")


def qr_alt(client_name: str) -> str:
    """The QR's text alternative: whose link it is, never the key."""
    return _("QR code of {name}'s personal link").format(name=client_name)


def link_qr_svg(url: str, client_name: str) -> str:
    """The QR code as inline SVG (5 px a module, scaled down on a narrow screen), named for
    screen readers."""
    qr, alt = link_qr(url), escape(qr_alt(client_name))
    svg = qr.svg_inline(scale=1, border=4, dark="#000", light="#fff", svgclass="sk-link-qr-code")
    size = qr.symbol_size(scale=1, border=4)[0]
    head = (
        f'<svg width="{size * 5}" height="{size * 5}" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges" role="img" aria-label="{alt}"'
    )
    return _SIZE.sub(head, svg, count=1)


def _code(text: str) -> str:
    """Escaped text with `commands` shown as code."""
    parts = escape(text, quote=False).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def _reach_html(reach: LinkReach) -> str:
    kind = reach.reach.replace(" ", "-")
    advice = "".join(f"<li>{_code(line)}</li>" for line in reach.advice)
    return (
        f'<div class="sk-link-reach sk-reach-{kind}" role="note"><p><b>{escape(reach.headline)}'
        f"</b></p>{f'<ul>{advice}</ul>' if advice else ''}</div>"
    )


def link_share_html(url: str, client_name: str, reach: LinkReach) -> str:
    """Who can open the link and how to serve it, a Copy button, and the link's QR code."""
    label = escape(_("Copy link"))
    copy = (
        '<div class="sk-link-copy-row"><button type="button" class="sk-link-copy '
        f'jupyter-button mod-primary" onclick="{escape(copy_script())}">{label}</button>'
        '<span class="sk-link-copied" role="status" aria-live="polite"></span></div>'
    )
    caption = escape(
        _("{name} scans this with their phone's camera.").format(name=client_name)
        if reach.phone_can_open
        else _(
            "A phone that scans this cannot open it yet: serve the dashboard to the network "
            "first (see above), then make a new link."
        )
    )
    qr = (
        f'<figure class="sk-link-qr">{link_qr_svg(url, client_name)}<figcaption>'
        f"{caption}</figcaption></figure>"
    )
    return f'<div class="sk-link-share">{_reach_html(reach)}{copy}{qr}</div>'
