"""The client's PDF report: the handout's pages, their text, progress, and charts appended."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from pypdf import PdfReader

from stretchkit.catalog import Catalog
from stretchkit.demo.people import demo_clients
from stretchkit.errors import ValidationError
from stretchkit.planning.planner import GOALS, plan
from stretchkit.planning.routine import Routine
from stretchkit.planning.step_plan import steps_with_plan
from stretchkit.reports import (
    NOTE_MAX_LINES,
    Page,
    build_pdf,
    client_report,
    handout_pages,
)
from stretchkit.reports.handout import chart_panel_pages, chart_picture
from stretchkit.screening import screen

MADE_ON = date(2026, 3, 2)
NAME = "Zoë Brontë-Smith"
Calls = list[tuple[int, int, str]]


def _routine(catalog: Catalog, goals: tuple[str, ...], budget_min: int) -> Routine:
    cleared = demo_clients(1)[0]
    return plan(screen(cleared.intake, catalog), catalog, goals=goals, budget_min=budget_min)


def _flat(text: str) -> str:
    """Text with every run of whitespace (line breaks from wrapping too) as one space."""
    return " ".join(text.split())


def _pages_text(data: bytes) -> list[str]:
    return [_flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def routine() -> Routine:
    from stretchkit.catalog import default_catalog

    return _routine(default_catalog(), ("posture", "rotation"), 20)


@pytest.fixture(scope="module")
def built(routine: Routine) -> tuple[bytes, Calls]:
    from stretchkit.catalog import default_catalog

    calls: Calls = []
    pages = handout_pages(
        routine,
        default_catalog(),
        client_name=NAME,
        trainer_notes="Keep the holds gentle this week; costs $5 and $10 per class.",
        made_on=MADE_ON,
    )
    data = build_pdf(pages, title="Handout", on_progress=lambda *call: calls.append(call))
    return data, calls


def test_the_handout_is_a_pdf_with_one_progress_call_per_page_in_order(
    built: tuple[bytes, Calls],
) -> None:
    """The bytes are a PDF; progress went (1, n), (2, n) ... (n, n) for its n pages."""
    data, calls = built
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    assert total >= 2
    assert [(done, of) for done, of, _label in calls] == [(n, total) for n in range(1, total + 1)]
    assert reader.metadata is not None and reader.metadata.title == "Handout"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_the_first_page_names_the_client_the_routine_and_the_safety_rule(
    built: tuple[bytes, Calls], routine: Routine, catalog: Catalog
) -> None:
    """Title, client, date, days a week, warm-up, the trainer's note and the stop rule, said
    to the client."""
    first = _pages_text(built[0])[0]
    assert "Your stretching routine" in first
    assert NAME in first
    assert "2 March 2026" in first
    assert f"{routine.days_per_week} days a week" in first
    assert f"Warm-up: {routine.warm_up_min} minutes first" in first
    assert "costs $5 and $10 per class" in first
    assert _flat(catalog.guideline("stop-and-tell").text) in first
    assert "Refer the client" not in first
    assert "fitness guidance, not medical advice" in first


def test_every_stretch_has_its_name_hold_steps_for_both_partners_and_source(
    built: tuple[bytes, Calls], routine: Routine, catalog: Catalog
) -> None:
    """Each planned stretch shows its prescription, client and partner text and its article."""
    text = " ".join(_pages_text(built[0]))
    for n, entry in enumerate(routine.items, 1):
        stretch = catalog.stretch(entry.stretch_id)
        assert f"{n}. {stretch.name}" in text
        assert entry.prescription.text in text
        assert _flat(stretch.client_position) in text
        assert _flat(stretch.partner_position) in text
        assert all(_flat(step) in text for step in steps_with_plan(stretch, entry.prescription))
        assert _flat(entry.why) in text
        assert f"{catalog.source_of(stretch).citation}, stretch {stretch.article_number}" in text


def test_progress_labels_name_the_stretches_being_drawn(
    built: tuple[bytes, Calls], routine: Routine, catalog: Catalog
) -> None:
    """The label of each progress call says what the page holds."""
    labels = " ".join(label for _done, _total, label in built[1])
    for entry in routine.items:
        assert catalog.stretch(entry.stretch_id).name in labels


def _texts_outside_page(fig: Figure) -> list[str]:
    """The texts of a drawn page that reach past a 0.4 inch border."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    border = 0.4 * fig.dpi
    inside = fig.bbox.padded(-border)
    return [
        t.get_text()
        for t in fig.texts
        if not inside.contains(*t.get_window_extent(renderer).p0)
        or not inside.contains(*t.get_window_extent(renderer).p1)
    ]


def test_a_long_note_and_every_stretch_stay_within_the_page(catalog: Catalog) -> None:
    """With all eight stretches and a note far too long, no text crosses the page's border."""
    everything = _routine(catalog, tuple(g.id for g in GOALS), 120)
    assert len(everything.items) == len(catalog.stretches)
    note = "W" * 140 + " " + " ".join(f"word{n:04d}" for n in range(1, 2001))
    pages = handout_pages(
        everything, catalog, client_name=NAME * 6, trainer_notes=note, made_on=MADE_ON
    )
    for page in pages:
        fig = page.draw()
        assert _texts_outside_page(fig) == [], page.label


def test_a_long_note_is_cut_with_an_ellipsis_after_its_last_whole_lines(
    routine: Routine, catalog: Catalog
) -> None:
    """The note keeps its first words and ends with '...' after a bounded number of lines."""
    note = " ".join(f"word{n:04d}" for n in range(1, 2001))
    pages = handout_pages(routine, catalog, client_name=NAME, trainer_notes=note, made_on=MADE_ON)
    raw = PdfReader(io.BytesIO(build_pdf(pages[:1], title="Note"))).pages[0].extract_text()
    note_lines = [line for line in raw.splitlines() if line.startswith("word")]
    assert len(note_lines) == NOTE_MAX_LINES
    last = re.search(r"word(\d{4})\u2026$", note_lines[-1].strip())
    assert last is not None
    shown = int(last.group(1))
    assert note_lines[0].startswith("word0001 word0002")
    assert f"word{shown + 1:04d}" not in raw


def _chart() -> Figure:
    fig = Figure(figsize=(8, 5))
    ax = fig.add_subplot()
    ax.plot([1, 2, 3], [20, 25, 30])
    ax.set_title("Hold seconds by week")
    return fig


def test_the_client_report_appends_numbered_chart_pages_after_the_handout(
    routine: Routine, catalog: Catalog
) -> None:
    """Each chart gets an A4 page with its heading; every page says 'Page n of N'."""
    calls: Calls = []
    data = client_report(
        routine,
        catalog,
        client_name=NAME,
        made_on=MADE_ON,
        charts=[("Weekly hold duration", _chart), ("Adherence", _chart)],
        on_progress=lambda *call: calls.append(call),
    )
    texts = _pages_text(data)
    total = len(texts)
    assert [label for _done, _total, label in calls][-2:] == ["Weekly hold duration", "Adherence"]
    assert texts[-2].startswith("Weekly hold duration") and texts[-1].startswith("Adherence")
    assert all(f"Page {n} of {total}" in text for n, text in enumerate(texts, 1))
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta is not None and meta.title == f"Your stretching routine: {NAME}"


def test_build_pdf_takes_plain_figure_functions_and_clears_each_after_saving() -> None:
    """A bare function is a page labelled 'Page n'; its figure is emptied once saved."""
    drawn: list[Figure] = []

    def page() -> Figure:
        drawn.append(_chart())
        return drawn[-1]

    calls: Calls = []
    data = build_pdf([page, Page("Last", page)], title="T", on_progress=lambda *c: calls.append(c))
    assert len(PdfReader(io.BytesIO(data)).pages) == 2
    assert calls == [(1, 2, "Page 1"), (2, 2, "Last")]
    assert all(not fig.axes for fig in drawn)


def test_a_pdf_with_no_pages_is_refused() -> None:
    """An empty page list is a ValidationError naming the pages."""
    with pytest.raises(ValidationError, match="pages"):
        build_pdf([], title="Empty")


def test_each_stretch_has_a_set_up_page_with_its_picture_above_the_steps(
    built: tuple[bytes, Calls], routine: Routine, catalog: Catalog
) -> None:
    """After each stretch's page, 'how to set it up' shows the picture of both people as an
    image, followed by the numbered steps, on the same page."""
    reader = PdfReader(io.BytesIO(built[0]))
    texts = _pages_text(built[0])
    for n, entry in enumerate(routine.items, 1):
        stretch = catalog.stretch(entry.stretch_id)
        title = f"{n}. {stretch.name}: how to set it up"
        [page] = [i for i, text in enumerate(texts) if title in text]
        assert _flat(stretch.steps[0]) in texts[page]
        assert texts[page].index(title) < texts[page].index("Steps")
        [(width, height)] = _drawn_images(reader.pages[page])
        assert width == 720 and 250 <= height <= 800


def _drawn_images(page: Any) -> list[tuple[int, int]]:
    """The (width, height) of each image the page's content draws (the PDF shares one list
    of images among its pages, so the page's own drawing says which it shows)."""
    drawn = re.findall(rb"/([A-Za-z0-9]+) Do", page.get_contents().get_data())
    objects = page["/Resources"]["/XObject"]
    sizes = []
    for name in drawn:
        image = objects["/" + name.decode()].get_object()
        if image.get("/Subtype") == "/Image":
            sizes.append((int(image["/Width"]), int(image["/Height"])))
    return sizes


def _drawn_widths_cm(fig: Figure) -> list[float]:
    FigureCanvasAgg(fig).draw()
    page_w = fig.get_size_inches()[0]
    return [ax.get_position().width * page_w * 2.54 for ax in fig.axes if ax.images]


def test_a_chart_in_panels_prints_each_panel_at_least_6_cm_wide_across_pages() -> None:
    """Seven stretches' panels: six on the first page, one on a 'continued' page, each at
    least 6 cm wide (not seven in a narrow strip)."""
    png = chart_picture(_chart())
    pngs = tuple((lambda: png) for _ in range(7))
    pages = chart_panel_pages("Hold duration over weeks", pngs, client_name=NAME, made_on=MADE_ON)
    assert [p.label for p in pages] == [
        "Hold duration over weeks",
        "Hold duration over weeks (continued)",
    ]
    widths = [_drawn_widths_cm(page.draw()) for page in pages]
    assert [len(w) for w in widths] == [6, 1]
    assert min(min(w) for w in widths) >= 6.0
