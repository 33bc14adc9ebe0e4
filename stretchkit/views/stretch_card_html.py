"""A stretch's full how-to as HTML: both partners' roles, steps, prescription, safety notes,
in the reader's language. A translated card says it is stretchkit's translation and keeps
the article's English one tap away."""

from __future__ import annotations

from html import escape

from stretchkit.catalog import ROLE_LABELS, Catalog, Stretch
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import _
from stretchkit.views.catalog_labels import (
    condition_name,
    movement_label,
    position_label,
    region_name,
)
from stretchkit.views.client_card_html import original_html
from stretchkit.views.html_parts import html_list
from stretchkit.views.stretch_picture_html import stretch_picture_html

__all__ = ["stretch_card_html"]


def _section(title: str, body: str, css: str = "") -> str:
    return f'<section class="sk-section {css}"><h4>{escape(title)}</h4>{body}</section>'


def _cited(said: str, citation: str) -> str:
    """`said` (with a {title} placeholder) escaped, the title in a <cite>."""
    return escape(said.format(title="\0")).replace("\0", f"<cite>{escape(citation)}</cite>")


def _header(s: Stretch, catalog: Catalog) -> str:
    source = catalog.source_of(s)
    also = ""
    if s.also_called:
        also = f' <span class="sk-muted">({escape(catalog_text(s.also_called))})</span>'
    tags = " · ".join(
        (region_name(catalog, s.region), movement_label(s.movement), position_label(s.position))
    )
    said = _("Source: {title}, stretch {number}").replace("{number}", str(s.article_number))
    return (
        f"<h3>{escape(catalog_text(s.name))}{also}</h3>"
        f'<div class="sk-tags">{escape(tags)}</div>'
        f'<div class="sk-source">{_cited(said, source.citation)}</div>'
    )


def _dose(s: Stretch) -> str:
    """'20-30 s x 2-3, each side', in the current language."""
    text = f"{s.hold.text} x {s.reps.text}"
    return _("{dose}, each side").format(dose=text) if s.per_side else text


def _prescription(s: Stretch, catalog: Catalog) -> str:
    warm_up = catalog.guideline("warm-up")
    reps_note = ""
    if s.reps_source != s.source:
        said = _("Repetitions from the general guidance of {title}.")
        reps_note = (
            f'<div class="sk-muted">{_cited(said, catalog.sources[s.reps_source].citation)}</div>'
        )
    warm = _("Warm up {minutes} first.").format(minutes=warm_up.range_text)
    dose = escape(_("hold x repetitions"))
    return (
        f'<div class="sk-prescription"><span class="sk-big">{escape(_dose(s))}</span>'
        f"<span>{dose}</span></div>{reps_note}"
        f'<div class="sk-muted">{escape(warm)}</div>'
    )


def _roles(s: Stretch) -> str:
    t, label = catalog_text, escape(_("Position:"))
    partner = _section(
        _("Partner"),
        f"<p>{escape(t(s.partner_role))}</p><p><b>{label}</b> {escape(t(s.partner_position))}</p>",
    )
    client = _section(
        _("Client"),
        f"<p>{escape(t(s.client_role))}</p><p><b>{label}</b> {escape(t(s.client_position))}</p>",
    )
    return f'<div class="sk-columns">{partner}{client}</div>'


def _muscles(s: Stretch, catalog: Catalog) -> str:
    items = tuple(
        f"{catalog_text(catalog.muscles[t.muscle].name)}: {_(ROLE_LABELS[t.role])}"
        for t in s.targets
    )
    return _section(_("Muscles"), html_list(items))


def _note(s: Stretch, note: str) -> str:
    """A safety note in the current language: its translation (made from the wording said to
    the client) where there is one, else the article's English."""
    told = catalog_text(s.for_client(note))
    return told if told != s.for_client(note) else note


def _safety(s: Stretch, catalog: Catalog) -> str:
    cautions = tuple(_note(s, c) for c in s.cautions)
    parts = [_section(_("Watch out for"), html_list(cautions), "sk-caution")]
    if s.exclusions:
        lines = tuple(
            f"{condition_name(catalog, x.condition)}: {_note(s, x.text)}" for x in s.exclusions
        )
        parts.append(_section(_("Not suitable for"), html_list(lines), "sk-exclusion"))
    if s.modifications:
        adapted = tuple(_note(s, m) for m in s.modifications)
        parts.append(_section(_("Adapting the stretch"), html_list(adapted)))
    return "".join(parts)


def _english_of(s: Stretch) -> tuple[str, ...]:
    """The card's catalog texts in the article's English, in the card's order."""
    return (
        s.name,
        s.purpose,
        s.partner_role,
        s.partner_position,
        s.client_role,
        s.client_position,
        *s.steps,
        *s.cues,
        *s.safety_notes,
    )


def stretch_card_html(s: Stretch, catalog: Catalog) -> str:
    """The whole card for one stretch, every text escaped, in the current language."""
    t = catalog_text
    steps = tuple(t(step) for step in s.steps)
    cues = tuple(t(cue) for cue in s.cues)
    footer = _(
        "A stretch should feel like a gentle pull, never pain. This is fitness guidance, not "
        "medical advice: refer to a healthcare professional when in doubt."
    )
    purpose = _section(_("Purpose"), f"<p>{escape(t(s.purpose))}</p>")
    setup = _section(_("How to set it up"), stretch_picture_html(s), "sk-setup")
    told = _section(_("Steps"), html_list(steps, "ol"))
    told += _section(_("Ask your client"), html_list(cues))
    return (
        f'<article class="sk-card" data-stretch="{escape(s.id)}">'
        f"{_header(s, catalog)}{_prescription(s, catalog)}"
        f"{purpose}{setup}{_roles(s)}{told}"
        f"{_safety(s, catalog)}{_muscles(s, catalog)}"
        f"{original_html(_english_of(s))}"
        f'<p class="sk-muted">{escape(footer)}</p></article>'
    )
