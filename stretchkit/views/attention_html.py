"""The 'needs attention' list as HTML: each client with every reason, most urgent first."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from stretchkit.i18n import _, ngettext
from stretchkit.plurals import counted
from stretchkit.progress.attention import Attention

__all__ = ["attention_html", "attention_summary"]

_URGENT = {"pain-flag", "symptoms-reported", "health-changed", "screening-expired", "not-screened"}


def _row(item: Attention) -> str:
    reasons = "".join(
        f'<li class="sk-concern sk-concern-{c.kind}">{escape(c.text)}</li>' for c in item.concerns
    )
    level = "urgent" if item.concerns[0].kind in _URGENT else "follow-up"
    client, why = escape(_("Client"), quote=True), escape(_("Why"), quote=True)
    return (
        f'<tr class="sk-attention-{level}"><td data-label="{client}">{escape(item.name)}</td>'
        f'<td data-label="{why}"><ul>{reasons}</ul></td></tr>'
    )


def attention_html(items: Sequence[Attention], clients: int) -> str:
    """A table of the clients needing attention, or a line saying all is well."""
    if not items:
        return f'<p class="sk-saved">{escape(attention_summary(0, clients))}</p>'
    rows = "".join(_row(i) for i in items)
    client, why = escape(_("Client")), escape(_("Why"))
    return (
        f'<p class="sk-count">{escape(attention_summary(len(items), clients))}</p>'
        '<div class="sk-table-wrap"><table class="sk-table sk-attention">'
        f"<tr><th>{client}</th><th>{why}</th></tr>{rows}</table></div>"
    )


def attention_summary(listed: int, clients: int) -> str:
    """'All 6 clients are on track.' when none is listed, else '2 of 6 clients need
    attention.' ('1 of 6 clients needs attention.'), in the reader's language."""
    if not listed:
        said = ngettext("%(num)d client is on track.", "All %(num)d clients are on track.", clients)
        return said % {"num": clients}
    need = ngettext(
        "{listed} of {clients} needs attention.", "{listed} of {clients} need attention.", listed
    )
    return need.format(listed=listed, clients=counted(clients, "client"))
