"""A stretch's full how-to as HTML: both partners' roles, steps, prescription, safety notes."""

from __future__ import annotations

from html import escape

from stretchkit.catalog import MOVEMENT_LABELS, ROLE_LABELS, Catalog, Stretch
from stretchkit.views.html_parts import html_list
from stretchkit.views.stretch_picture_html import stretch_picture_html

__all__ = ["stretch_card_html"]


def _section(title: str, body: str, css: str = "") -> str:
    return f'<section class="sk-section {css}"><h4>{escape(title)}</h4>{body}</section>'


def _header(s: Stretch, catalog: Catalog) -> str:
    source = catalog.source_of(s)
    also = f' <span class="sk-muted">({escape(s.also_called)})</span>' if s.also_called else ""
    tags = " · ".join(
        (catalog.regions[s.region].name, MOVEMENT_LABELS[s.movement], s.position.capitalize())
    )
    return (
        f"<h3>{escape(s.name)}{also}</h3>"
        f'<div class="sk-tags">{escape(tags)}</div>'
        f'<div class="sk-source">Source: <cite>{escape(source.citation)}</cite>, '
        f"stretch {s.article_number}</div>"
    )


def _prescription(s: Stretch, catalog: Catalog) -> str:
    warm_up = catalog.guideline("warm-up")
    reps_note = ""
    if s.reps_source != s.source:
        reps_note = (
            f'<div class="sk-muted">Repetitions from the general guidance of '
            f"<cite>{escape(catalog.sources[s.reps_source].citation)}</cite>.</div>"
        )
    return (
        f'<div class="sk-prescription"><span class="sk-big">{escape(s.prescription_text)}</span>'
        f"<span>hold x repetitions</span></div>{reps_note}"
        f'<div class="sk-muted">Warm up {escape(warm_up.range_text)} first.</div>'
    )


def _roles(s: Stretch) -> str:
    partner = _section(
        "Partner",
        f"<p>{escape(s.partner_role)}</p><p><b>Position:</b> {escape(s.partner_position)}</p>",
    )
    client = _section(
        "Client",
        f"<p>{escape(s.client_role)}</p><p><b>Position:</b> {escape(s.client_position)}</p>",
    )
    return f'<div class="sk-columns">{partner}{client}</div>'


def _muscles(s: Stretch, catalog: Catalog) -> str:
    items = tuple(f"{catalog.muscles[t.muscle].name}: {ROLE_LABELS[t.role]}" for t in s.targets)
    return _section("Muscles", html_list(items))


def _safety(s: Stretch, catalog: Catalog) -> str:
    parts = [_section("Watch out for", html_list(s.cautions), "sk-caution")]
    if s.exclusions:
        lines = tuple(f"{catalog.conditions[x.condition].name}: {x.text}" for x in s.exclusions)
        parts.append(_section("Not suitable for", html_list(lines), "sk-exclusion"))
    if s.modifications:
        parts.append(_section("Adapting the stretch", html_list(s.modifications)))
    return "".join(parts)


def stretch_card_html(s: Stretch, catalog: Catalog) -> str:
    """The whole card for one stretch, every text escaped."""
    return (
        f'<article class="sk-card" data-stretch="{escape(s.id)}">'
        f"{_header(s, catalog)}{_prescription(s, catalog)}"
        f"{_section('Purpose', f'<p>{escape(s.purpose)}</p>')}"
        f"{_section('How to set it up', stretch_picture_html(s), 'sk-setup')}"
        f"{_roles(s)}"
        f"{_section('Steps', html_list(s.steps, 'ol'))}"
        f"{_section('Ask your client', html_list(s.cues))}"
        f"{_safety(s, catalog)}{_muscles(s, catalog)}"
        '<p class="sk-muted">A stretch should feel like a gentle pull, never pain. This is '
        "fitness guidance, not medical advice: refer to a healthcare professional when in "
        "doubt.</p></article>"
    )
