"""The general guidance and contraindications of the source articles, as one readable panel,
in the reader's language: what stretchkit has translated is shown translated (its English one
tap away); guidance not translated yet is shown in English, said to be so."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from stretchkit.catalog import Catalog, Guideline, default_catalog
from stretchkit.catalog.translations import catalog_text, is_translated
from stretchkit.i18n import _, current_language
from stretchkit.views.catalog_labels import ACTION_LABELS, action_label, condition_name
from stretchkit.views.client_card_html import original_html
from stretchkit.views.html_parts import html_list
from stretchkit.widgets.kit.panel import Panel

__all__ = ["ACTION_LABELS", "GuidancePanel", "guidance_html"]


def _cite(catalog: Catalog, source_ids: tuple[str, ...]) -> str:
    titles = "; ".join(catalog.sources[s].citation for s in source_ids)
    said = escape(_("Source: {title}").format(title="\0"))
    cited = said.replace("\0", f"<cite>{escape(titles)}</cite>")
    return f'<div class="sk-source">{cited}</div>'


def _texts(g: Guideline) -> tuple[str, ...]:
    return (g.title, g.text, *g.items)


def _english_only(g: Guideline, body: str) -> str:
    """A guideline stretchkit has not translated: said so, its English open below."""
    note = escape(_("Not translated yet: the English original follows."))
    summary = escape(_("Original (English)"))
    return (
        f'<p class="sk-muted sk-untranslated">{note}</p>'
        f'<details class="sk-original" lang="en" open><summary>{summary}</summary>'
        f"{body}</details>"
    )


def _guideline(g: Guideline, catalog: Catalog) -> str:
    translated = current_language() == "en" or all(is_translated(t) for t in _texts(g))
    t = catalog_text if translated else (lambda text: text)
    figure = f' <span class="sk-tags">{escape(g.range_text)}</span>' if g.range_text else ""
    body = f"<h4>{escape(t(g.title))}{figure}</h4><p>{escape(t(g.text))}</p>"
    body += html_list([t(item) for item in g.items])
    if translated:
        body += original_html(_texts(g))
    else:
        body = _english_only(g, body)
    return (
        f'<section class="sk-section" data-guideline="{escape(g.id)}">'
        f"{body}{_cite(catalog, g.sources)}</section>"
    )


def _contraindications(catalog: Catalog) -> str:
    rows = "".join(
        f"<tr><td>{escape(condition_name(catalog, c.condition))}</td>"
        f"<td>{escape(action_label(c.action))}</td><td>{escape(catalog_text(c.text))}</td>"
        f"<td><cite>{escape(catalog.sources[c.source].citation)}</cite></td></tr>"
        for c in catalog.contraindications
    )
    heads = (_("Condition"), _("What to do"), _("The article says"), _("Source"))
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    title = escape(_("When not to stretch"))
    return (
        '<section class="sk-section sk-exclusion">'
        f"<h4>{title}</h4>"
        f'<div class="sk-table-wrap"><table class="sk-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
        f"{original_html(tuple(c.text for c in catalog.contraindications))}</section>"
    )


def _from_articles(g: Guideline, catalog: Catalog) -> bool:
    return all(catalog.sources[s].kind == "article" for s in g.sources)


def guidance_html(catalog: Catalog) -> str:
    """Every general guideline and contraindication, each with its source, in the current
    language."""
    articles = [g for g in catalog.guidelines.values() if _from_articles(g, catalog)]
    others = [g for g in catalog.guidelines.values() if not _from_articles(g, catalog)]
    beyond = _("Established guidance and stretchkit's own readings, beyond the articles")
    from_articles = escape(_("From the source articles"))
    return (
        '<article class="sk-card sk-guidance">'
        f"{_contraindications(catalog)}"
        f"<h3>{from_articles}</h3>"
        + "".join(_guideline(g, catalog) for g in articles)
        + f"<h3>{escape(beyond)}</h3>"
        + "".join(_guideline(g, catalog) for g in others)
        + "</article>"
    )


class GuidancePanel(Panel):
    """Safety rules and general guidance, read-only, in the current language."""

    css = ("sk-guidance-panel",)

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.catalog = catalog or default_catalog()
        self.body = w.HTML(
            guidance_html(self.catalog), layout=w.Layout(width="auto", max_width="100%")
        )
        super().__init__([self.body])
