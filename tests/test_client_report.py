"""The client's PDF is built by a service, with no widget: the routine handout, then the
progress charts; a client who cannot stretch today gets none, and the reason."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from stretchkit.catalog import Catalog
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.errors import ValidationError
from stretchkit.services.client_progress import client_progress
from stretchkit.services.client_report import CHART_TITLES, client_pdf, hold_panels
from stretchkit.store import Store
from tests.today import TODAY


def _client(store: Store, name: str) -> int:
    return next(c.id for c in store.clients.all() if c.name == name)


def test_a_ready_clients_pdf_holds_the_handout_then_every_chart(
    memory_store: Store, catalog: Catalog
) -> None:
    """Pages are reported as they are made; the last pages carry the charts' headings."""
    seed_demo_data(memory_store, today=TODAY)
    shown = client_progress(memory_store, catalog, _client(memory_store, "Kai Elderfield"), TODAY)
    seen: list[tuple[int, int]] = []
    data = client_pdf(
        memory_store, catalog, shown, lambda done, total, _label: seen.append((done, total))
    )
    pages = PdfReader(BytesIO(data)).pages
    assert data.startswith(b"%PDF") and seen[-1] == (len(pages), len(pages))
    text = " ".join(page.extract_text() for page in pages[-len(CHART_TITLES) - 1 :])
    assert all(title in text for title in CHART_TITLES)
    assert "Kai Elderfield" in pages[0].extract_text()


def test_the_report_prints_the_hold_chart_as_one_panel_per_stretch_held(
    memory_store: Store, catalog: Catalog
) -> None:
    """Kai holds eight stretches: eight panels, each naming its stretch, over two pages."""
    seed_demo_data(memory_store, today=TODAY)
    shown = client_progress(memory_store, catalog, _client(memory_store, "Kai Elderfield"), TODAY)
    held = list(dict.fromkeys(sid for sid, _side in shown.progress.keys))
    assert len(hold_panels(shown, catalog)) == len(held) == 8
    data = client_pdf(memory_store, catalog, shown)
    texts = [page.extract_text() for page in PdfReader(BytesIO(data)).pages]
    first = next(n for n, text in enumerate(texts) if text.startswith(CHART_TITLES[0]))
    assert texts[first + 1].startswith(f"{CHART_TITLES[0]} (continued)")


def test_a_client_who_may_not_stretch_gets_no_pdf_and_the_reason(
    memory_store: Store, catalog: Catalog
) -> None:
    """Sasha Brightwater needs medical clearance first: refused, naming the routine."""
    seed_demo_data(memory_store, today=TODAY)
    shown = client_progress(
        memory_store, catalog, _client(memory_store, "Sasha Brightwater"), TODAY
    )
    with pytest.raises(ValidationError) as caught:
        client_pdf(memory_store, catalog, shown)
    assert caught.value.field == "routine" and "clearance" in caught.value.problem.lower()
