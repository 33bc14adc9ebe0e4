"""A screening as HTML: the status banner, the per-stretch table with each reason once, and
the history list (what was declared each time, and what changed)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from stretchkit.catalog import Catalog
from stretchkit.screening import DECISION_TEXT, STATUS_TEXT, Reason, Screening, Validity
from stretchkit.views.html_parts import html_list

__all__ = [
    "STATUS_ICONS",
    "banner_html",
    "decisions_html",
    "history_html",
    "not_ready_html",
    "reason_groups",
]

_SVG = (
    '<svg class="sk-status-icon" viewBox="0 0 24 24" width="1.1em" height="1.1em" '
    'aria-hidden="true" focusable="false">{}</svg>'
)
STATUS_ICONS = {
    "cleared": _SVG.format(
        '<circle cx="12" cy="12" r="11" fill="#009e73"/>'
        '<path d="M6.5 12.5l3.5 3.5 7.5-8" fill="none" stroke="#fff" stroke-width="2.6" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    ),
    "cleared-with-cautions": _SVG.format(
        '<path d="M12 1.5L23 21.5H1z" fill="#e69f00"/>'
        '<path d="M12 8.5v6.5" stroke="#1d1d1d" stroke-width="2.6" stroke-linecap="round"/>'
        '<circle cx="12" cy="18.2" r="1.5" fill="#1d1d1d"/>'
    ),
    "needs-clearance": _SVG.format(
        '<circle cx="12" cy="12" r="11" fill="#0072b2"/>'
        '<path d="M12 6v12M6 12h12" stroke="#fff" stroke-width="3" stroke-linecap="round"/>'
    ),
    "do-not-stretch": _SVG.format(
        '<path d="M7.4 1h9.2L23 7.4v9.2L16.6 23H7.4L1 16.6V7.4z" fill="#d55e00"/>'
        '<path d="M7.5 7.5l9 9M16.5 7.5l-9 9" stroke="#fff" stroke-width="2.8" '
        'stroke-linecap="round"/>'
    ),
}
"""Each status's icon as inline SVG: drawn by the browser, with no font needed."""


def banner_html(result: Screening) -> str:
    """The overall status in a coloured banner, with the referral sentence where due."""
    refer = (
        '<div class="sk-refer">Refer to a healthcare professional before any partner '
        "stretching. stretchkit gives fitness guidance, not medical advice.</div>"
        if result.refer
        else ""
    )
    listing = html_list(dict.fromkeys(r.text for r in result.findings)) or (
        "<p>No contraindication was reported.</p>"
    )
    return (
        f'<div class="sk-banner sk-status-{result.status}" data-status="{result.status}">'
        f'<div class="sk-banner-title">{STATUS_ICONS[result.status]} '
        f"{escape(STATUS_TEXT[result.status])}</div>{refer}{listing}</div>"
    )


def not_ready_html(problems: tuple[str, ...]) -> str:
    """The result while a flag not yet settled forbids the answers given: never 'Cleared'."""
    return (
        '<div class="sk-banner sk-status-do-not-stretch sk-not-ready" data-status="not-ready">'
        '<div class="sk-banner-title">Not ready to stretch</div>'
        f"{html_list(problems)}</div>"
    )


def reason_groups(result: Screening) -> list[tuple[Reason, list[str]]]:
    """Each distinct reason (same words, same source) once, in order of first appearance,
    with the ids of the stretches it applies to."""
    groups: dict[tuple[str, str], tuple[Reason, list[str]]] = {}
    for d in result.decisions:
        for r in d.reasons:
            groups.setdefault((r.text, r.cited), (r, []))[1].append(d.stretch_id)
    return list(groups.values())


def _stretch_names(ids: list[str], result: Screening, catalog: Catalog) -> str:
    if len(ids) == len(result.decisions) > 1:
        return f"all {len(ids)} stretches"
    return ", ".join(catalog.stretch(i).name for i in ids)


def decisions_html(result: Screening, catalog: Catalog) -> str:
    """One row per stretch (its decision, the numbers of its reasons, how to adapt it), then
    each distinct reason once with its source and the stretches it applies to."""
    groups = reason_groups(result)
    number = {(r.text, r.cited): n for n, (r, _) in enumerate(groups, 1)}
    rows = []
    for d in result.decisions:
        refs = ", ".join(str(n) for n in sorted({number[(r.text, r.cited)] for r in d.reasons}))
        word = "Reason" if len(d.reasons) == 1 else "Reasons"
        mods = "".join(f"<div><b>Adapt:</b> {escape(m)}</div>" for m in d.modifications)
        rows.append(
            f'<tr class="sk-decision-{d.decision}" data-stretch="{d.stretch_id}">'
            f"<td>{escape(catalog.stretch(d.stretch_id).name)}</td>"
            f'<td class="sk-decision" data-label="Decision">'
            f"{escape(DECISION_TEXT[d.decision])}</td>"
            f'<td class="sk-reason-refs" data-label="Why">{word} {refs}{mods}</td></tr>'
        )
    reasons = "".join(
        f'<li class="sk-reason" data-rule="{escape(r.rule)}">{escape(r.text)}'
        + (f' <span class="sk-muted">(Source: {escape(r.cited)})</span>' if r.cited else "")
        + '<div class="sk-applies-to"><b>Applies to:</b> '
        f"{escape(_stretch_names(ids, result, catalog))}</div></li>"
        for r, ids in groups
    )
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-decisions"><thead><tr>'
        "<th>Stretch</th><th>Decision</th><th>Why (see the reasons below)</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        f'<h4 class="sk-reasons-title">Reasons</h4><ol class="sk-reasons">{reasons}</ol>'
    )


def history_html(
    saved: Sequence[tuple[date, str, Sequence[str], Sequence[str] | None]],
    current: Validity | None,
) -> str:
    """Past screenings (date, status, what was declared, what changed since the screening
    before it, None for the first), newest first; the first is the current one, whose
    validity (until when, and why it ends) is `current`."""
    if not saved:
        return '<p class="sk-muted">No screening saved for this client yet.</p>'
    rows = []
    for n, (taken_on, status, said, changed) in enumerate(saved):
        state = current.text if n == 0 and current is not None else "Superseded"
        label = STATUS_TEXT.get(status, status)  # type: ignore[call-overload]
        if changed is None:
            change = '<span class="sk-muted">First screening</span>'
        else:
            change = html_list(changed) or '<span class="sk-muted">No answer changed</span>'
        rows.append(
            f'<tr class="sk-history-row"><td>{taken_on.isoformat()}</td>'
            f'<td data-label="Status">{escape(label)}</td>'
            f'<td data-label="Validity">{escape(state)}</td>'
            f'<td class="sk-declared" data-label="Declared">{html_list(said)}</td>'
            f'<td class="sk-changed" data-label="Changed since the previous">{change}</td></tr>'
        )
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-history"><thead><tr>'
        "<th>Screened on</th><th>Status</th><th>Validity</th><th>Declared</th>"
        f"<th>Changed since the previous</th></tr></thead><tbody>{''.join(rows)}</tbody>"
        "</table></div>"
    )
