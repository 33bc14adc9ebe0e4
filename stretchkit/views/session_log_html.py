"""Logged holds and today's targets as HTML tables."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from stretchkit.catalog import Catalog
from stretchkit.planning.prescription import SIDE_TEXT
from stretchkit.session.log import LoggedHold, sensation_text
from stretchkit.session.targets import Suggestion

__all__ = ["log_table_html", "targets_html"]

_ARROWS = {"up": "&#9650;", "down": "&#9660;", "keep": "&#9679;"}


def log_table_html(logged: Sequence[LoggedHold], catalog: Catalog) -> str:
    """One row per hold: stretch, side, repetition, target, held, sensation, flag."""
    if not logged:
        return '<p class="sk-muted">No hold logged yet.</p>'
    rows = []
    for hold in logged:
        e = hold.entry
        flag = (
            '<span class="sk-error">&#9888; pain / numbness / tingling</span>' if e.flagged else ""
        )
        rows.append(
            f'<tr class="sk-logged-hold" data-stretch="{e.stretch_id}" data-side="{e.side}">'
            f"<td>{escape(catalog.stretch(e.stretch_id).name)}</td>"
            f'<td data-label="Side">{escape(SIDE_TEXT[e.side])}</td>'
            f'<td data-label="Hold">{e.rep} of {e.reps_planned}</td>'
            f'<td data-label="Target">{e.target_s} s</td>'
            f'<td data-label="Held" class="sk-held-s">{e.held_s} s</td>'
            f'<td data-label="Sensation">{escape(sensation_text(e.sensation))}</td>'
            f"<td>{flag}</td></tr>"
        )
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-log"><thead><tr><th>Stretch</th>'
        "<th>Side</th><th>Hold</th><th>Target</th><th>Held</th><th>Sensation</th><th></th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def targets_html(suggestions: Sequence[Suggestion], catalog: Catalog) -> str:
    """Today's target per stretch and side, the change from last time, and why."""
    rows = "".join(
        f'<tr class="sk-target sk-target-{s.direction}" data-stretch="{s.stretch_id}" '
        f'data-side="{s.side}"><td>{escape(catalog.stretch(s.stretch_id).name)}</td>'
        f'<td data-label="Side">{escape(SIDE_TEXT[s.side])}</td>'
        f'<td data-label="Last target">{s.current_s} s</td>'
        f'<td data-label="Today" class="sk-target-s">{_ARROWS[s.direction]} {s.suggested_s} s</td>'
        f"<td>{escape(s.reason)}</td></tr>"
        for s in suggestions
    )
    return (
        '<div class="sk-table-wrap"><table class="sk-table sk-targets"><thead><tr>'
        "<th>Stretch</th><th>Side</th><th>Last target</th><th>Today</th><th>Why</th></tr>"
        f"</thead><tbody>{rows}</tbody></table></div>"
    )
