"""The access log as an HTML table (every text escaped), newest first: when, what, client,
who, from where."""

from __future__ import annotations

from html import escape

from stretchkit.i18n import N_, _
from stretchkit.services.access_view import AccessView

__all__ = ["access_table"]

_HEADS = (N_("When (UTC)"), N_("What"), N_("Client"), N_("Who"), N_("From"))


def access_table(view: AccessView) -> str:
    """The view's rows as a table; a plain sentence when there are none."""
    if not view.rows:
        return f"<p class='sk-muted'>{escape(view.empty_text)}</p>"
    heads = [_(h) for h in _HEADS]
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    body = []
    for row in view.rows:
        cells = zip(heads, row.shown, strict=True)
        tds = "".join(f'<td data-label="{escape(k)}">{escape(v)}</td>' for k, v in cells)
        body.append(f'<tr class="sk-access-{escape(row.entry.kind)}">{tds}</tr>')
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-access-table"><thead><tr>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
