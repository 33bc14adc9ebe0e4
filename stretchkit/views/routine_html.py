"""A routine as HTML: the summary with its dose advice and notes, and the saved history."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from stretchkit.catalog import Catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import N_, _, ngettext, pgettext
from stretchkit.i18n.formatting import format_day, format_number
from stretchkit.planning.dose import Advice
from stretchkit.planning.read_back import read_back
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import duration_text
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


_POSITION_WORDS = {"seated": N_("seated"), "supine": N_("supine"), "standing": N_("standing")}
_MOVEMENT_WORDS = {
    "flexion": N_("flexion"),
    "extension": N_("extension"),
    "rotation": N_("rotation"),
    "retraction": N_("retraction"),
}


def summary_html(routine: Routine, minutes: float, advice: Sequence[Advice]) -> str:
    """Session length against the budget, the dose check, and what was left out."""
    length = duration_text(minutes * 60)
    fits = minutes <= routine.budget_min
    over_budget = _("over the budget")
    over = "" if fits else f' <span class="sk-error">{escape(over_budget)}</span>'
    days = routine.days_per_week
    said = ngettext(
        "{length} of the {budget} minutes planned, warm-up included{over}; %(num)d day a week.",
        "{length} of the {budget} minutes planned, warm-up included{over}; %(num)d days a week.",
        days,
    ) % {"num": days}
    sentence = escape(said).format(
        length=escape(length), budget=format_number(routine.budget_min), over=over
    )
    notes = html_list(read_back(n) for n in routine.notes)
    session, dose, left_out = _("Session:"), _("Dose check"), _("Left out")
    return (
        f'<p class="sk-session-length"><b>{escape(session)}</b> {sentence}</p>'
        f"<h4>{escape(dose)}</h4>{advice_html(advice)}"
        + (f"<h4>{escape(left_out)}</h4>{notes}" if routine.notes else "")
    )


def item_html(routine: Routine, index: int, catalog: Catalog) -> str:
    """One planned stretch: name, position, prescription, why, cautions and safe range."""
    item = routine.items[index]
    stretch, rx = catalog.stretch(item.stretch_id), item.prescription
    cautions = "".join(
        f'<div class="sk-caution-note">&#9888; {escape(read_back(c))}</div>' for c in item.cautions
    )
    basis = " ".join(read_back(b) for b in rx.basis)
    position = _(_POSITION_WORDS.get(stretch.position, stretch.position))
    movement = _(_MOVEMENT_WORDS.get(stretch.movement, stretch.movement))
    safe = _("Safe hold for this client: {range}.").format(range=rx.bounds.text)
    return (
        f'<div class="sk-item-head"><b>{index + 1}. {escape(catalog_text(stretch.name))}</b> '
        f'<span class="sk-tags">{escape(position)} &middot; {escape(movement)}'
        f'</span> <span class="sk-rx">{escape(rx.text)}</span></div>'
        f'<div class="sk-muted sk-why">{escape(read_back(item.why))}</div>{cautions}'
        f'<div class="sk-muted">{escape(safe)} {escape(basis)}</div>'
    )


def history_html(saved: Sequence[SavedRoutine], catalog: Catalog) -> str:
    """The client's routines, newest first; the first is the current one."""
    if not saved:
        none_yet = _("No routine saved for this client yet.")
        return f'<p class="sk-muted">{escape(none_yet)}</p>'
    rows = []
    for n, s in enumerate(saved):
        names = ", ".join(
            f"{catalog_text(catalog.stretch(i.stretch_id).name)} ({i.prescription.text})"
            for i in s.routine.items
        )
        state = pgettext("routine", "Current") if n == 0 else pgettext("routine", "Earlier")
        local = s.created.astimezone()
        rows.append(
            f"<tr><td>{escape(format_day(local.date()))} {local:%H:%M}</td>"
            f"<td>{escape(state)}</td><td>{escape(names)}</td></tr>"
        )
    saved_head, stretches_head = pgettext("saved on", "Saved"), _("Stretches")
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-routine-history"><thead><tr>'
        f"<th>{escape(saved_head)}</th><th></th><th>{escape(stretches_head)}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
