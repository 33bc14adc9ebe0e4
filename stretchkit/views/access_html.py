"""The access log as an HTML table (every text escaped), newest first: when, what, client,
who, from where."""

from __future__ import annotations

from html import escape

from stretchkit.services.access_view import AccessView

__all__ = ["access_table"]

_HEADS = ("When (UTC)", "What", "Client", "Who", "From")


def access_table(view: AccessView) -> str:
    """The view's rows as a table; a plain sentence when there are none."""
    if not view.rows:
        return f"<p class='sk-muted'>{escape(view.empty_text)}</p>"
    head = "".join(f"<th>{h}</th>" for h in _HEADS)
    body = []
    for row in view.rows:
        when, _what, client, who, place, _detail = row.cells
        cells = dict(zip(_HEADS, (when, row.entry.what, client, who, place), strict=True))
        tds = "".join(f'<td data-label="{k}">{escape(v)}</td>' for k, v in cells.items())
        body.append(f'<tr class="sk-access-{escape(row.entry.kind)}">{tds}</tr>')
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-access-table"><thead><tr>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
