"""The general guidance and contraindications of the source articles, as one readable panel."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from stretchkit.catalog import Catalog, Guideline, default_catalog
from stretchkit.views.html_parts import html_list
from stretchkit.widgets.kit.panel import Panel

__all__ = ["ACTION_LABELS", "GuidancePanel", "guidance_html"]

ACTION_LABELS = {
    "avoid": "Avoid partner stretching",
    "avoid-without-clearance": "Avoid without medical clearance",
    "caution": "Be cautious",
    "stop-and-refer": "Stop and refer to a healthcare professional",
    "consult": "Consult a healthcare professional",
}


def _cite(catalog: Catalog, source_ids: tuple[str, ...]) -> str:
    titles = "; ".join(catalog.sources[s].citation for s in source_ids)
    return f'<div class="sk-source">Source: <cite>{escape(titles)}</cite></div>'


def _guideline(g: Guideline, catalog: Catalog) -> str:
    figure = f' <span class="sk-tags">{escape(g.range_text)}</span>' if g.range_text else ""
    return (
        f'<section class="sk-section" data-guideline="{escape(g.id)}">'
        f"<h4>{escape(g.title)}{figure}</h4><p>{escape(g.text)}</p>{html_list(g.items)}"
        f"{_cite(catalog, g.sources)}</section>"
    )


def _contraindications(catalog: Catalog) -> str:
    rows = "".join(
        f"<tr><td>{escape(catalog.conditions[c.condition].name)}</td>"
        f"<td>{escape(ACTION_LABELS[c.action])}</td><td>{escape(c.text)}</td>"
        f"<td><cite>{escape(catalog.sources[c.source].citation)}</cite></td></tr>"
        for c in catalog.contraindications
    )
    return (
        '<section class="sk-section sk-exclusion"><h4>When not to stretch</h4>'
        '<div class="sk-table-wrap"><table class="sk-table"><thead><tr><th>Condition</th>'
        "<th>What to do</th><th>The article says</th><th>Source</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></section>"
    )


def _from_articles(g: Guideline, catalog: Catalog) -> bool:
    return all(catalog.sources[s].kind == "article" for s in g.sources)


def guidance_html(catalog: Catalog) -> str:
    """Every general guideline and contraindication, each with its source."""
    articles = [g for g in catalog.guidelines.values() if _from_articles(g, catalog)]
    others = [g for g in catalog.guidelines.values() if not _from_articles(g, catalog)]
    return (
        '<article class="sk-card sk-guidance">'
        f"{_contraindications(catalog)}"
        "<h3>From the source articles</h3>"
        + "".join(_guideline(g, catalog) for g in articles)
        + "<h3>Established guidance and stretchkit's own readings, beyond the articles</h3>"
        + "".join(_guideline(g, catalog) for g in others)
        + "</article>"
    )


class GuidancePanel(Panel):
    """Safety rules and general guidance, read-only."""

    css = ("sk-guidance-panel",)

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.catalog = catalog or default_catalog()
        self.body = w.HTML(
            guidance_html(self.catalog), layout=w.Layout(width="auto", max_width="100%")
        )
        super().__init__([self.body])
