"""The 'needs attention' list as HTML: each client with every reason, most urgent first."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from stretchkit.progress.attention import Attention

__all__ = ["attention_html"]

_URGENT = {"pain-flag", "symptoms-reported", "health-changed", "screening-expired", "not-screened"}


def _row(item: Attention) -> str:
    reasons = "".join(
        f'<li class="sk-concern sk-concern-{c.kind}">{escape(c.text)}</li>' for c in item.concerns
    )
    level = "urgent" if item.concerns[0].kind in _URGENT else "follow-up"
    return (
        f'<tr class="sk-attention-{level}"><td data-label="Client">{escape(item.name)}</td>'
        f'<td data-label="Why"><ul>{reasons}</ul></td></tr>'
    )


def attention_html(items: Sequence[Attention], clients: int) -> str:
    """A table of the clients needing attention, or a line saying all is well."""
    if not items:
        return f'<p class="sk-saved">All {clients} clients are on track.</p>'
    rows = "".join(_row(i) for i in items)
    return (
        f'<p class="sk-count">{len(items)} of {clients} clients need attention.</p>'
        '<div class="sk-table-wrap"><table class="sk-table sk-attention">'
        f"<tr><th>Client</th><th>Why</th></tr>{rows}</table></div>"
    )
