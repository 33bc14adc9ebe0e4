"""One planned stretch as the client and their partner read it at home: the hold, each
partner's part, the steps, what to watch out for and the source."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from stretchkit.catalog import Catalog, Stretch
from stretchkit.catalog.model import ToClient
from stretchkit.catalog.translations import catalog_text, is_translated
from stretchkit.i18n import _, current_language, use_language
from stretchkit.planning.routine import Routine
from stretchkit.planning.safety_notes import safety_notes
from stretchkit.views.html_parts import html_list

__all__ = ["client_item_html", "client_item_title", "original_html"]


def client_item_title(routine: Routine, index: int, catalog: Catalog) -> str:
    """'1. Seated twist: 30 s x 2 reps, each side' (plain text, for a heading)."""
    item = routine.items[index]
    name = catalog_text(catalog.stretch(item.stretch_id).name)
    return f"{index + 1}. {name}: {item.prescription.text}"


def _part(title: str, role: str, position: str) -> str:
    label = escape(_("Position:"))
    return (
        f'<section class="sk-section"><h4>{escape(title)}</h4><p>{escape(role)}</p>'
        f"<p><b>{label}</b> {escape(position)}</p></section>"
    )


def original_html(texts: Sequence[str], tag: str = "ul") -> str:
    """In a language other than English: that the texts are stretchkit's translation, with
    their English original one tap away ('' in English, or when none is translated)."""
    if current_language() == "en" or not any(is_translated(t) for t in texts):
        return ""
    return translated_from_html(texts, tag)


def translated_from_html(texts: Sequence[str], tag: str = "ul") -> str:
    """That what is shown is stretchkit's translation, and the English `texts` one tap away
    (a `tag` list: 'ul' or 'ol')."""
    label = escape(_("Translated by stretchkit from the English source."))
    summary = escape(_("Original (English)"))
    return (
        f'<p class="sk-muted sk-translated">{label}</p>'
        f'<details class="sk-original" lang="en"><summary>{summary}</summary>'
        f"{html_list(list(texts), tag)}</details>"
    )


def _english_of(s: Stretch, cautions: tuple[str, ...]) -> tuple[str, ...]:
    """The card's catalog texts in English, as the article (and stretchkit) words them."""
    parts = (s.name, s.client_role, s.client_position, s.partner_role, s.partner_position)
    return (*parts, *s.steps, *cautions)


def _told(s: Stretch) -> ToClient:
    """The stretch as said to the client: in English stretchkit's own words to them ("you"),
    in a translation the article's texts translated (which speak to the client)."""
    if current_language() != "en":
        t = catalog_text
        steps = tuple(t(step) for step in s.steps)
        return ToClient(t(s.client_role), t(s.partner_role), t(s.partner_position), steps)
    return s.to_client or ToClient(s.client_role, s.partner_role, s.partner_position, s.steps)


def client_item_html(routine: Routine, index: int, catalog: Catalog) -> str:
    """The stretch's how-to for both partners, said to the client ("you", never "the
    stretchee"), with this client's hold and every safety note of the stretch and of their
    screening, said to them."""
    item = routine.items[index]
    s = catalog.stretch(item.stretch_id)
    cautions = safety_notes(s, item.cautions, "client")
    with use_language("en"):
        english = _english_of(s, safety_notes(s, item.cautions, "client"))
    t = catalog_text
    told = _told(s)
    you = _part(_("You"), told.role, t(s.client_position))
    partner = _part(_("Your partner"), told.partner_role, told.partner_position)
    steps = html_list(list(told.steps), "ol")
    watch = html_list([t(c) for c in cautions])
    source = _("Source: {title}, stretch {number}").format(title="\0", number=s.article_number)
    cited = escape(source).replace("\0", f"<cite>{escape(catalog.source_of(s).citation)}</cite>")
    dose, steps_title = escape(_("hold x repetitions")), escape(_("Steps"))
    watch_title = escape(_("Watch out for"))
    return (
        f'<article class="sk-card sk-client-item" data-stretch="{escape(s.id)}">'
        f'<div class="sk-prescription"><span class="sk-big">'
        f"{escape(item.prescription.text)}</span><span>{dose}"
        f'</span></div><div class="sk-columns">{you}{partner}</div>'
        f'<section class="sk-section"><h4>{steps_title}</h4>{steps}</section>'
        f'<section class="sk-section sk-caution"><h4>{watch_title}</h4>{watch}'
        f"</section>{original_html(english)}"
        f'<p class="sk-source">{cited}</p></article>'
    )
