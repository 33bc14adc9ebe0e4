"""A screening as HTML: the status banner, the per-stretch table, and the history list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from stretchkit.catalog import Catalog
from stretchkit.screening import DECISION_TEXT, STATUS_TEXT, Screening, StretchDecision, Validity
from stretchkit.widgets.html_parts import html_list

__all__ = ["banner_html", "decisions_html", "history_html"]

_ICONS = {
    "cleared": "&#10004;",
    "cleared-with-cautions": "&#9888;",
    "needs-clearance": "&#9995;",
    "do-not-stretch": "&#10006;",
}


def banner_html(result: Screening) -> str:
    """The overall status in a coloured banner, with the referral sentence where due."""
    refer = (
        '<div class="sk-refer">Refer to a healthcare professional before any partner '
        "stretching. stretchkit gives fitness guidance, not medical advice.</div>"
        if result.refer
        else ""
    )
    listing = html_list(r.text for r in result.findings) or (
        "<p>No contraindication was reported.</p>"
    )
    return (
        f'<div class="sk-banner sk-status-{result.status}" data-status="{result.status}">'
        f'<div class="sk-banner-title">{_ICONS[result.status]} '
        f"{escape(STATUS_TEXT[result.status])}</div>{refer}{listing}</div>"
    )


def _reasons(d: StretchDecision) -> str:
    items = "".join(
        f"<li>{escape(r.text)}"
        + (f' <span class="sk-muted">({escape(r.cited)})</span>' if r.cited else "")
        + "</li>"
        for r in d.reasons
    )
    mods = "".join(f"<li><b>Adapt:</b> {escape(m)}</li>" for m in d.modifications)
    return f"<ul>{items}{mods}</ul>"


def decisions_html(result: Screening, catalog: Catalog) -> str:
    """One row per stretch: its decision and every reason with its source."""
    rows = "".join(
        f'<tr class="sk-decision-{d.decision}" data-stretch="{d.stretch_id}">'
        f"<td>{escape(catalog.stretch(d.stretch_id).name)}</td>"
        f'<td class="sk-decision">{escape(DECISION_TEXT[d.decision])}</td>'
        f"<td>{_reasons(d)}</td></tr>"
        for d in result.decisions
    )
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-decisions"><thead><tr>'
        "<th>Stretch</th><th>Decision</th><th>Why</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def history_html(saved: Sequence[tuple[date, str]], current: Validity | None) -> str:
    """Past screenings (date, status), newest first; the first is the current one, whose
    validity (until when, and why it ends) is `current`."""
    if not saved:
        return '<p class="sk-muted">No screening saved for this client yet.</p>'
    rows = []
    for n, (taken_on, status) in enumerate(saved):
        state = current.text if n == 0 and current is not None else "Superseded"
        label = STATUS_TEXT.get(status, status)  # type: ignore[call-overload]
        rows.append(
            f"<tr><td>{taken_on.isoformat()}</td><td>{escape(label)}</td>"
            f"<td>{escape(state)}</td></tr>"
        )
    return (
        '<table class="sk-table sk-history"><thead><tr><th>Screened on</th><th>Status</th>'
        f"<th>Validity</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
