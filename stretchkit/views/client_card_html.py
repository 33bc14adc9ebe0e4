"""One planned stretch as the client and their partner read it at home: the hold, each
partner's part, the steps, what to watch out for and the source."""

from __future__ import annotations

from html import escape

from stretchkit.catalog import Catalog
from stretchkit.catalog.model import ToClient
from stretchkit.planning.routine import Routine
from stretchkit.planning.safety_notes import safety_notes
from stretchkit.views.html_parts import html_list

__all__ = ["client_item_html", "client_item_title"]


def client_item_title(routine: Routine, index: int, catalog: Catalog) -> str:
    """'1. Seated twist: 30 s x 2 reps, each side' (plain text, for a heading)."""
    item = routine.items[index]
    return f"{index + 1}. {catalog.stretch(item.stretch_id).name}: {item.prescription.text}"


def _part(title: str, role: str, position: str) -> str:
    return (
        f'<section class="sk-section"><h4>{escape(title)}</h4><p>{escape(role)}</p>'
        f"<p><b>Position:</b> {escape(position)}</p></section>"
    )


def client_item_html(routine: Routine, index: int, catalog: Catalog) -> str:
    """The stretch's how-to for both partners, said to the client ("you", never "the
    stretchee"), with this client's hold and every safety note of the stretch and of their
    screening, said to them."""
    item = routine.items[index]
    s = catalog.stretch(item.stretch_id)
    cautions = safety_notes(s, item.cautions, "client")
    told = s.to_client or ToClient(s.client_role, s.partner_role, s.partner_position, s.steps)
    return (
        f'<article class="sk-card sk-client-item" data-stretch="{escape(s.id)}">'
        f'<div class="sk-prescription"><span class="sk-big">'
        f"{escape(item.prescription.text)}</span><span>hold x repetitions</span></div>"
        f'<div class="sk-columns">{_part("You", told.role, s.client_position)}'
        f"{_part('Your partner', told.partner_role, told.partner_position)}</div>"
        f'<section class="sk-section"><h4>Steps</h4>{html_list(told.steps, "ol")}</section>'
        f'<section class="sk-section sk-caution"><h4>Watch out for</h4>{html_list(cautions)}'
        "</section>"
        f'<p class="sk-source">Source: <cite>{escape(catalog.source_of(s).citation)}</cite>, '
        f"stretch {s.article_number}</p></article>"
    )
