"""The client dashboard's text as HTML, shared by its two forms: the first view, plain HTML
the browser shows as soon as the page arrives, and the live page (widgets) that replaces it
once Voila's scripts have drawn it. Every text from the store is escaped."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from html import escape

from stretchkit.catalog import Catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import _
from stretchkit.i18n.formatting import format_day
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import session_timeline
from stretchkit.plurals import counted
from stretchkit.services.client_page import ClientPage
from stretchkit.services.client_status import ClientStatus
from stretchkit.services.first_session import FirstSession
from stretchkit.views.html_parts import html_list
from stretchkit.views.live_regions import LIVE_REGIONS_JS
from stretchkit.widgets.dashboard.dashboard_styles import DASHBOARD_CSS
from stretchkit.widgets.kit.styles import CSS

__all__ = [
    "FIRST_VIEW_CLASS",
    "FIRST_VIEW_METADATA",
    "FOOTER_HTML",
    "HIDE_FIRST_VIEW",
    "NOT_AVAILABLE",
    "NOT_VALID",
    "chart_img_html",
    "feel_html",
    "field_tests_html",
    "first_view_html",
    "footer_html",
    "header_html",
    "message_html",
    "name_html",
    "next_session_html",
    "not_available_html",
    "not_valid_html",
    "progress_intro_html",
    "routine_intro_html",
    "status_html",
    "trainer_notes_html",
]

FIRST_VIEW_CLASS = "sk-first-view"
FIRST_VIEW_METADATA = {"stretchkit": "first-view"}
"""Output metadata that tells the dashboard's page template to write the output into the
page as HTML (see stretchkit/dashboard_template)."""
HIDE_FIRST_VIEW = (
    f"<style>.{FIRST_VIEW_CLASS}, .jp-Cell:has(.{FIRST_VIEW_CLASS}) "
    "{ display: none !important; }</style>"
)
"""Part of the live page: once it is drawn, the first view steps aside, and so does its
notebook cell (its padding would leave a gap above the live page's heading)."""


def footer_html() -> str:
    """The page's last words, in the current language."""
    said = _(
        "A stretch should feel like a gentle pull, never pain. "
        "This is fitness guidance, not medical advice."
    )
    return f'<p class="sk-muted sk-dash-footer">{escape(said)}</p>'


FOOTER_HTML = footer_html()
"""The footer in English (see footer_html for the current language)."""
CHART_STYLE = "width: 100%; max-width: 640px; height: auto;"
_STATUS_CLASS = {"ok": "sk-status-cleared", "due": "sk-status-cleared-with-cautions"}


def status_html(status: ClientStatus) -> str:
    """The screening status in the client's words, coloured by what it allows."""
    css = _STATUS_CLASS.get(status.kind, "sk-status-do-not-stretch")
    return f'<div class="sk-banner {css} sk-dash-status">{escape(status.text)}</div>'


def header_html(page: ClientPage) -> str:
    """The client's name and their trainer's notes."""
    return name_html(page) + trainer_notes_html(page)


def name_html(page: ClientPage) -> str:
    """The client's name, as the page's heading."""
    return f'<h2 class="sk-dash-name">{escape(page.name)}</h2>'


def trainer_notes_html(page: ClientPage) -> str:
    """The trainer's notes for the client ('' when there are none)."""
    if not page.trainer_notes.strip():
        return ""
    notes = escape(page.trainer_notes)
    said = escape(_("From your trainer:"))
    return f'<div class="sk-dash-notes"><b>{said}</b> {notes}</div>'


def _welcome_html(first: FirstSession) -> str:
    """The welcome and the first session's plan, for a client who has not stretched yet."""
    return (
        f'<h3 class="sk-dash-welcome">{escape(first.greeting)}</h3>'
        f'<p class="sk-dash-first">{escape(first.when)}</p>'
        f'<div class="sk-dash-first-stretches">{html_list(list(first.stretches), "ol")}</div>'
    )


def next_session_html(page: ClientPage) -> str:
    """The welcome and first session's plan before any session, else when the next session
    is due; and how a home session works (or why there is none)."""
    how = (
        _(
            "Run today's routine with your partner: the timer guides each hold, and every "
            "hold is saved for your trainer."
        )
        if page.can_run_session
        else _("A home session opens once your trainer has cleared you and planned a routine.")
    )
    if page.first is not None:
        return f'{_welcome_html(page.first)}<p class="sk-muted">{escape(how)}</p>'
    if page.next is not None:
        nxt = page.next.text
    elif not page.status.may_stretch:  # the trainer's reasons stay in the workbook
        nxt = _("Not yet: see the note above.")
    else:
        nxt = _("Your trainer has not planned your routine yet.")
    heading = escape(_("Next session"))
    return (
        f'<h3>{heading}</h3><p class="sk-dash-next">{escape(nxt)}</p>'
        f'<p class="sk-muted">{escape(how)}</p>'
    )


def progress_intro_html(page: ClientPage) -> str:
    """The progress heading with its one-line summary, or what to expect before a session."""
    heading = escape(_("Your progress"))
    if not page.progress.progress.sessions:
        said = escape(_("Your progress shows here after your first session."))
        return f'<h3>{heading}</h3><p class="sk-dash-summary">{said}</p>'
    summary = escape(page.progress.summary)
    return f'<h3>{heading}</h3><p class="sk-dash-summary">{summary}.</p>'


def field_tests_html(page: ClientPage) -> str:
    """The latest field tests, each change said against its measurement error."""
    shown = page.progress
    texts = [c.text for c in shown.changes] or [m.text for m in shown.measurements[-2:]]
    heading = escape(_("Field tests"))
    return f"<h4>{heading}</h4>{html_list(texts)}"


def feel_html(page: ClientPage) -> str:
    """How the back feels: each change said against the 2-point measurement error, in the
    client's words (the paper it comes from stays in the trainer's view)."""
    shown = page.progress
    texts = [c.client_text for c in shown.feel_changes]
    if not texts and shown.ratings:
        last = shown.ratings[-1]
        said = _("Back stiffness {stiffness}/10, back pain {pain}/10 on {day}.")
        texts = [said.format(stiffness=last.stiffness, pain=last.pain, day=format_day(last.day))]
    heading = escape(_("How your back feels"))
    return f"<h4>{heading}</h4>{html_list(texts)}"


def routine_intro_html(routine: Routine, catalog: Catalog) -> str:
    """How many stretches, how often and how long: the minutes of the session the timer runs
    (today's targets, the warm-up, the rests and side switches), not the planned budget."""
    minutes = session_timeline(routine.planned(), catalog, routine.warm_up_min).minutes
    said = escape(
        # TRANSLATORS: keep the [ ] around the minutes: the page shows that part apart.
        _(
            "{stretches}, {days} a week, [about {minutes}] with a {warm_up}-minute warm-up. "
            "Tap a stretch for the steps."
        ).format(
            stretches=counted(len(routine.items), "stretch"),
            days=counted(routine.days_per_week, "day"),
            minutes=counted(minutes, "minute"),
            warm_up=routine.warm_up_min,
        )
    )
    said = said.replace("[", '<span class="sk-dash-minutes">').replace("]", "</span>")
    heading = escape(_("Your routine"))
    return f"<h3>{heading}</h3><p>{said}</p>"


def chart_img_html(name: str, png: bytes, alt: str) -> str:
    """A chart as an <img> carrying its PNG and its text alternative, with the class the
    live page gives it."""
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<img class="sk-chart-{escape(name)}" style="{CHART_STYLE}" alt="{escape(alt)}" '
        f'src="data:image/png;base64,{data}">'
    )


def first_view_html(
    page: ClientPage, charts: Mapping[str, bytes], catalog: Catalog, alts: Mapping[str, str]
) -> str:
    """The client's page as plain HTML: everything the live page shows first, the routine's
    stretches by name (until the live page brings their steps) before the charts."""
    parts = [header_html(page), status_html(page.status), next_session_html(page)]
    if page.can_run_session:  # where the live page's start button goes
        wait = escape(_("Preparing the home session…"))
        parts.append(f'<div class="sk-first-view-wait">{wait}</div>')
    routine = page.plan.routine
    if routine is not None:  # what the client needs first, before the charts
        named = (
            (catalog_text(catalog.stretch(i.stretch_id).name), i.prescription.text)
            for i in routine.items
        )
        titles = [f"{name}: {dose}" for name, dose in named]
        parts += [routine_intro_html(routine, catalog), html_list(titles, "ol")]  # numbered once
    parts.append(progress_intro_html(page))
    for name, png in charts.items():
        if name == "outcomes":
            parts.append(f'<div class="sk-dash-tests">{field_tests_html(page)}</div>')
        if name == "feel":
            parts.append(f'<div class="sk-dash-feel-text">{feel_html(page)}</div>')
        parts.append(chart_img_html(name, png, alts.get(name, "")))
    return _first_view("".join(parts) + footer_html())


def message_html(title: str, text: str) -> str:
    """A page with a single message (e.g. "This link is not valid"), nothing else."""
    return _first_view(
        f'<div class="sk-not-valid"><h2>{escape(title)}</h2><p>{escape(text)}</p></div>'
    )


def _first_view(body: str) -> str:
    """The first view, with the script that lets the live page announce the timer's phases
    to a screen reader (see stretchkit.views.live_regions)."""
    return (
        f'<div class="{FIRST_VIEW_CLASS} sk-root sk-dash">{CSS}{DASHBOARD_CSS}{body}</div>'
        f"{LIVE_REGIONS_JS}"
    )


def not_valid_html() -> str:
    """The same page for a missing, wrong or revoked link, in the current language."""
    return message_html(_("This link is not valid"), _("Please ask your trainer for a new link."))


def not_available_html() -> str:
    """Shown when the page cannot be built; no detail of why reaches the browser."""
    return message_html(
        _("Your page is not available right now"),
        _("Please try again in a few minutes, or tell your trainer."),
    )


NOT_VALID = not_valid_html()
"""The not-valid page in English (see not_valid_html)."""
NOT_AVAILABLE = not_available_html()
"""The not-available page in English (see not_available_html)."""
