"""A routine as HTML: the summary with its dose advice and notes, and the saved history."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from stretchkit.catalog import Catalog
from stretchkit.planning.dose import Advice
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import duration_text
from stretchkit.plurals import counted
from stretchkit.store.values import SavedRoutine
from stretchkit.views.html_parts import html_list

__all__ = ["advice_html", "history_html", "item_html", "summary_html"]


def advice_html(advice: Sequence[Advice]) -> str:
    """The dose check as a list: fine lines ticked, advice lines marked."""
    rows = "".join(
        f'<li class="sk-advice-{a.level}">'
        f"{'&#10004;' if a.level == 'ok' else '&#9888;'} {escape(a.text)}</li>"
        for a in advice
    )
    return f'<ul class="sk-advice">{rows}</ul>'


def summary_html(routine: Routine, minutes: float, advice: Sequence[Advice]) -> str:
    """Session length against the budget, the dose check, and what was left out."""
    length = duration_text(minutes * 60)
    fits = minutes <= routine.budget_min
    mark = "" if fits else ' <span class="sk-error">over the budget</span>'
    notes = html_list(routine.notes)
    return (
        f'<p class="sk-session-length"><b>Session:</b> {escape(length)} of the '
        f"{routine.budget_min} minutes planned, warm-up included{mark}; "
        f"{counted(routine.days_per_week, 'day')} a week.</p>"
        f"<h4>Dose check</h4>{advice_html(advice)}"
        + (f"<h4>Left out</h4>{notes}" if routine.notes else "")
    )


def item_html(routine: Routine, index: int, catalog: Catalog) -> str:
    """One planned stretch: name, position, prescription, why, cautions and safe range."""
    item = routine.items[index]
    stretch, rx = catalog.stretch(item.stretch_id), item.prescription
    cautions = "".join(
        f'<div class="sk-caution-note">&#9888; {escape(c)}</div>' for c in item.cautions
    )
    basis = " ".join(rx.basis)
    return (
        f'<div class="sk-item-head"><b>{index + 1}. {escape(stretch.name)}</b> '
        f'<span class="sk-tags">{escape(stretch.position)} &middot; {escape(stretch.movement)}'
        f'</span> <span class="sk-rx">{escape(rx.text)}</span></div>'
        f'<div class="sk-muted sk-why">{escape(item.why)}</div>{cautions}'
        f'<div class="sk-muted">Safe hold for this client: {escape(rx.bounds.text)}. '
        f"{escape(basis)}</div>"
    )


def history_html(saved: Sequence[SavedRoutine], catalog: Catalog) -> str:
    """The client's routines, newest first; the first is the current one."""
    if not saved:
        return '<p class="sk-muted">No routine saved for this client yet.</p>'
    rows = []
    for n, s in enumerate(saved):
        names = ", ".join(
            f"{catalog.stretch(i.stretch_id).name} ({i.prescription.text})" for i in s.routine.items
        )
        state = "Current" if n == 0 else "Earlier"
        rows.append(
            f"<tr><td>{s.created.astimezone():%Y-%m-%d %H:%M}</td><td>{state}</td>"
            f"<td>{escape(names)}</td></tr>"
        )
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-routine-history"><thead><tr>'
        "<th>Saved</th><th></th><th>Stretches</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
