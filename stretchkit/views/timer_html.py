"""The session timer's view values (stretchkit.services.timer_view) as HTML, every text escaped;
the CSS classes are those the styles and the browser tests find the timer's parts by."""

from __future__ import annotations

from html import escape

from stretchkit.catalog import Catalog
from stretchkit.i18n import _
from stretchkit.services.timer_view import CountdownView, DoneView, NoticeView, PhaseView
from stretchkit.views.html_parts import html_list
from stretchkit.views.stretch_picture_html import stretch_picture_html

__all__ = [
    "clock_html",
    "cues_html",
    "done_html",
    "left_html",
    "next_html",
    "notice_html",
    "picture_html",
    "title_html",
    "watch_html",
]

_BREATH_ICON = (
    '<svg class="sk-breath-icon" aria-hidden="true" focusable="false" width="1.1em" '
    'height="1.1em" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" '
    'stroke-linecap="round" style="vertical-align:-0.15em">'
    '<path d="M3 8h11a3 3 0 1 0-3-3"/><path d="M3 12h16a3 3 0 1 1-3 3"/>'
    '<path d="M3 16h7"/></svg>'
)
"""A breath of air, drawn inline: it needs no emoji font (a page without one shows a box)."""

_NOTICE_CSS = {
    "danger": "sk-status-do-not-stretch sk-flagged",
    "warning": "sk-eased",
    "info": "sk-not-ready",
}
"""The banner's classes by severity (a changed plan is also `sk-plan-changed`)."""


def title_html(view: PhaseView) -> str:
    """The phase's kind and title, styled by its kind."""
    return (
        f'<div class="sk-phase sk-phase-{view.kind}">'
        f'<span class="sk-kind">{escape(view.label)}</span> '
        f"{escape(view.title)}</div>"
    )


def clock_html(view: CountdownView) -> str:
    """The big countdown, styled by the phase kind and the runner's state."""
    return f'<div class="sk-clock sk-clock-{view.kind} sk-state-{view.state}">{view.text}</div>'


def left_html(view: CountdownView) -> str:
    """How much of the session is left."""
    return f'<span class="sk-muted">{escape(view.left_text)}</span>'


def next_html(view: PhaseView) -> str:
    """What comes next ('' once the session has ended)."""
    return f'<span class="sk-muted">{escape(view.next_text)}</span>' if view.next_text else ""


def cues_html(view: PhaseView) -> str:
    """The client's cue, the partner's, the breathing cue and the stretch's steps."""
    if not view.client_cue:
        return ""
    client, partner = escape(_("Client:")), escape(_("Partner:"))
    parts = [f'<p class="sk-cue"><b>{client}</b> {escape(view.client_cue)}</p>']
    if view.partner_cue:
        parts.append(f'<p class="sk-partner"><b>{partner}</b> {escape(view.partner_cue)}</p>')
    if view.breathing:
        parts.append(f'<p class="sk-breathing">{_BREATH_ICON} {escape(view.breathing)}</p>')
    if view.steps:
        steps = escape(_("Steps"))
        parts.append(
            f'<details class="sk-steps"><summary>{steps}</summary>'
            f"{html_list(view.steps, 'ol')}</details>"
        )
    return "".join(parts)


def watch_html(view: PhaseView) -> str:
    """The stretch's common mistakes, safety notes and the client's cautions, in view."""
    if not view.watch_for:
        return ""
    heading = escape(_("Watch for"))
    return f'<div class="sk-watch"><b>{heading}</b>{html_list(view.watch_for)}</div>'


def picture_html(view: PhaseView, catalog: Catalog) -> str:
    """The start position while getting ready, the stretch during the hold, large."""
    if view.picture is None or not view.stretch_id:
        return ""
    return stretch_picture_html(catalog.stretch(view.stretch_id), (view.picture,), max_width=640)


def notice_html(view: NoticeView) -> str:
    """A notice as a banner (an error as an error line)."""
    if view.severity == "error":
        return f'<span class="sk-error">{escape(view.text)}</span>'
    css = _NOTICE_CSS[view.severity] + (" sk-plan-changed" if view.kind == "plan-changed" else "")
    head = f"<b>{escape(view.title)}</b> " if view.title else ""
    return f'<div class="sk-banner {css}">{head}{escape(view.text)}</div>'


def done_html(view: DoneView) -> str:
    """The end: holds saved, the notice that ended it, when to seek professional guidance."""
    kept = notice_html(view.kept) if view.kept is not None else ""
    opened = " open" if view.guidance_open else ""
    return (
        f'<div class="sk-done"><b>{escape(view.summary)}</b>{html_list(view.lines)}</div>'
        f'{kept}<details class="sk-seek-guidance"{opened}><summary>'
        f"{escape(view.guidance_title)}</summary>{html_list(view.guidance)}</details>"
    )
