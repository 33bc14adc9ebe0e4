"""A screening as HTML: the status banner, the per-stretch table with each reason once, and
the history list (what was declared each time, and what changed)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from stretchkit.catalog import Catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import N_, _, current_language, ngettext
from stretchkit.screening import DECISION_TEXT, STATUS_TEXT, Reason, Screening, Validity
from stretchkit.screening.day_text import day_text
from stretchkit.screening.rules import own_reading_what
from stretchkit.views.client_card_html import translated_from_html
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


def _quotes_article(reason: Reason) -> bool:
    """True when the reason quotes an article (its words are then stretchkit's translation)."""
    return "\u201c" in reason.text


def _original(reasons: list[Reason]) -> str:
    """Outside English: the reasons that quote an article are stretchkit's translation, their
    English original one tap away ('' in English, or when none quotes one)."""
    quoting = [r.text for r in reasons if _quotes_article(r)]
    if current_language() == "en" or not quoting:
        return ""
    return translated_from_html(list(dict.fromkeys(quoting)))


def banner_html(result: Screening) -> str:
    """The overall status in a coloured banner, with the referral sentence where due."""
    refer = f'<div class="sk-refer">{escape(_(REFER_ADVICE))}</div>' if result.refer else ""
    listing = html_list(dict.fromkeys(r.shown for r in result.findings)) or (
        "<p>" + escape(_("No contraindication was reported.")) + "</p>"
    )
    return (
        f'<div class="sk-banner sk-status-{result.status}" data-status="{result.status}">'
        f'<div class="sk-banner-title">{STATUS_ICONS[result.status]} '
        f"{escape(_(STATUS_TEXT[result.status]))}</div>{refer}{listing}"
        f"{_original(list(result.findings))}</div>"
    )


REFER_ADVICE = N_(
    "Refer to a healthcare professional before any partner stretching. stretchkit gives "
    "fitness guidance, not medical advice."
)
"""The referral the banner shows (a message: translated where shown)."""


def not_ready_html(problems: tuple[str, ...]) -> str:
    """The result while a flag not yet settled forbids the answers given: never 'Cleared'."""
    return (
        '<div class="sk-banner sk-status-do-not-stretch sk-not-ready" data-status="not-ready">'
        '<div class="sk-banner-title">' + escape(_("Not ready to stretch")) + "</div>"
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
        return _("all {count} stretches").format(count=len(ids))
    return ", ".join(catalog_text(catalog.stretch(i).name) for i in ids)


OWN_CITATION = N_("stretchkit's own reading or default (not stated in the source articles)")
"""The catalog's citation of stretchkit's own readings: its own words, so translated."""


def _cited(reason: Reason, catalog: Catalog) -> str:
    """'(Source: <title>; <what is stretchkit's own reading>: <title>)', the sources'
    titles as they are, the reading in the reader's language ('' without a source)."""
    if not reason.cited:
        return ""
    parts = [escape(reason.source)] if reason.source else []
    if reason.reading:
        what = own_reading_what(reason.reading, catalog)
        if what is None:
            parts.append(escape(_(reason.reading)))
        else:
            own = _(catalog.sources["stretchkit"].citation)  # stretchkit's own words
            parts.append(f"{escape(_(what))}: {escape(own)}")
    source = escape(_("Source: {source}")).replace("{source}", "; ".join(parts))
    return f' <span class="sk-muted">({source})</span>'


def decisions_html(result: Screening, catalog: Catalog) -> str:
    """One row per stretch (its decision, the numbers of its reasons, how to adapt it), then
    each distinct reason once with its source and the stretches it applies to."""
    groups = reason_groups(result)
    number = {(r.text, r.cited): n for n, (r, _ids) in enumerate(groups, 1)}
    rows = []
    adapt = escape(_("Adapt:"))
    decision_label, why_label = escape(_("Decision")), escape(_("Why"))
    for d in result.decisions:
        numbers = sorted({number[(r.text, r.cited)] for r in d.reasons})
        refs = ngettext("Reason {numbers}", "Reasons {numbers}", len(d.reasons)).format(
            numbers=", ".join(str(n) for n in numbers)
        )
        mods = "".join(f"<div><b>{adapt}</b> {escape(_(m))}</div>" for m in d.modifications)
        rows.append(
            f'<tr class="sk-decision-{d.decision}" data-stretch="{d.stretch_id}">'
            f"<td>{escape(catalog_text(catalog.stretch(d.stretch_id).name))}</td>"
            f'<td class="sk-decision" data-label="{decision_label}">'
            f"{escape(_(DECISION_TEXT[d.decision]))}</td>"
            f'<td class="sk-reason-refs" data-label="{why_label}">'
            f"{escape(refs)}{mods}</td></tr>"
        )
    applies = escape(_("Applies to:"))
    reasons = "".join(
        f'<li class="sk-reason" data-rule="{escape(r.rule)}">{escape(r.shown)}'
        + _cited(r, catalog)
        + f'<div class="sk-applies-to"><b>{applies}</b> '
        f"{escape(_stretch_names(ids, result, catalog))}</div></li>"
        for r, ids in groups
    )
    head = "".join(
        f"<th>{escape(t)}</th>"
        for t in (_("Stretch"), _("Decision"), _("Why (see the reasons below)"))
    )
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-decisions"><thead><tr>'
        f"{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        '<h4 class="sk-reasons-title">' + escape(_("Reasons")) + "</h4>"
        f'<ol class="sk-reasons">{reasons}</ol>{_original([r for r, _ids in groups])}'
    )


def history_html(
    saved: Sequence[tuple[date, str, Sequence[str], Sequence[str] | None]],
    current: Validity | None,
) -> str:
    """Past screenings (date, status, what was declared, what changed since the screening
    before it, None for the first), newest first; the first is the current one, whose
    validity (until when, and why it ends) is `current`."""
    if not saved:
        return (
            '<p class="sk-muted">' + escape(_("No screening saved for this client yet.")) + "</p>"
        )
    titles = (
        _("Screened on"),
        _("Status"),
        _("Validity"),
        _("Declared"),
        _("Changed since the previous"),
    )
    label_of = dict(zip(("day", "status", "validity", "declared", "changed"), titles, strict=True))
    rows = []
    for n, (taken_on, status, said, changed) in enumerate(saved):
        state = current.text if n == 0 and current is not None else _("Superseded")
        label = _(STATUS_TEXT.get(status, status))  # type: ignore[call-overload]
        if changed is None:
            change = '<span class="sk-muted">' + escape(_("First screening")) + "</span>"
        else:
            change = html_list(changed) or (
                '<span class="sk-muted">' + escape(_("No answer changed")) + "</span>"
            )
        rows.append(
            f'<tr class="sk-history-row"><td>{escape(day_text(taken_on))}</td>'
            f'<td data-label="{escape(label_of["status"])}">{escape(label)}</td>'
            f'<td data-label="{escape(label_of["validity"])}">{escape(state)}</td>'
            f'<td class="sk-declared" data-label="{escape(label_of["declared"])}">'
            f"{html_list(said)}</td>"
            f'<td class="sk-changed" data-label="{escape(label_of["changed"])}">{change}</td></tr>'
        )
    head = "".join(f"<th>{escape(t)}</th>" for t in titles)
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-history"><thead><tr>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
