"""Logged holds and today's targets as HTML tables."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from stretchkit.catalog import Catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import _, pgettext
from stretchkit.planning.prescription import SIDE_TEXT, Side
from stretchkit.session.log import LoggedHold, sensation_text
from stretchkit.session.targets import Suggestion

__all__ = ["log_table_html", "targets_html"]

_ARROWS = {"up": "&#9650;", "down": "&#9660;", "keep": "&#9679;"}


def log_table_html(logged: Sequence[LoggedHold], catalog: Catalog) -> str:
    """One row per hold: stretch, side, repetition, target, held, sensation, flag."""
    if not logged:
        none_yet = escape(_("No hold logged yet."))
        return f'<p class="sk-muted">{none_yet}</p>'
    said = (_("Stretch"), _("Side"), pgettext("repetition", "Hold"), _("Target"), _("Held"))
    head = [escape(h) for h in (*said, _("Sensation"))]  # also labels cells on a phone
    rows = "".join(_log_row(hold, catalog, head) for hold in logged)
    cells = "".join(f"<th>{h}</th>" for h in head)
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-log"><thead><tr>'
        f"{cells}<th></th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _log_row(hold: LoggedHold, catalog: Catalog, head: list[str]) -> str:
    """One logged hold as a row, its cells labelled by `head`."""
    e = hold.entry
    flag = _("pain / numbness / tingling")
    flagged = f'<span class="sk-error">&#9888; {escape(flag)}</span>' if e.flagged else ""
    rep = _("{rep} of {reps}").format(rep=e.rep, reps=e.reps_planned)
    side = _(SIDE_TEXT[e.side]) if e.side else ""
    return (
        f'<tr class="sk-logged-hold" data-stretch="{e.stretch_id}" data-side="{e.side}">'
        f"<td>{escape(catalog_text(catalog.stretch(e.stretch_id).name))}</td>"
        f'<td data-label="{head[1]}">{escape(side)}</td>'
        f'<td data-label="{head[2]}">{escape(rep)}</td>'
        f'<td data-label="{head[3]}">{e.target_s} s</td>'
        f'<td data-label="{head[4]}" class="sk-held-s">{e.held_s} s</td>'
        f'<td data-label="{head[5]}">{escape(sensation_text(e.sensation))}</td>'
        f"<td>{flagged}</td></tr>"
    )


def _side(side: Side) -> str:
    return _(SIDE_TEXT[side]) if side else ""


def targets_html(suggestions: Sequence[Suggestion], catalog: Catalog) -> str:
    """Today's target per stretch and side, the change from last time, and why."""
    head = [escape(h) for h in (_("Stretch"), _("Side"), _("Last target"), _("Today"), _("Why"))]
    rows = "".join(
        f'<tr class="sk-target sk-target-{s.direction}" data-stretch="{s.stretch_id}" '
        f'data-side="{s.side}"><td>{escape(catalog_text(catalog.stretch(s.stretch_id).name))}</td>'
        f'<td data-label="{head[1]}">{escape(_side(s.side))}</td>'
        f'<td data-label="{head[2]}">{s.current_s} s</td>'
        f'<td data-label="{head[3]}" class="sk-target-s">'
        f"{_ARROWS[s.direction]} {s.suggested_s} s</td>"
        f"<td>{escape(s.reason)}</td></tr>"
        for s in suggestions
    )
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-targets"><thead><tr>'
        + "".join(f"<th>{h}</th>" for h in head)
        + f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )
