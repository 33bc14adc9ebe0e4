"""The progress page used as a trainer uses it: pick a client, read the charts, record a test."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime, timedelta
from html import escape

import pytest

from stretchkit.catalog import Catalog
from stretchkit.clients import ClientDetails
from stretchkit.planning.planner import plan
from stretchkit.progress.history import History, HoldRecord, SessionRecord
from stretchkit.progress.outcomes import Measurement
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store
from stretchkit.widgets.workbook.progress_panel import ProgressPanel

TODAY = date(2026, 11, 21)


def _session(day: date, held: int) -> SessionRecord:
    start = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    hold = HoldRecord(start, HoldEntry("seated-thoracic-rotation", "left", 1, 1, 30, held))
    return SessionRecord(start, holds=(hold,))


@pytest.fixture
def panel(memory_store: Store, catalog: Catalog) -> ProgressPanel:
    """A store with one client who stretched in October, then stopped; and a new client."""
    robin = memory_store.clients.add(ClientDetails("Robin Ashdown"))
    memory_store.clients.add(ClientDetails("Noor Calloway"))
    screening = screen(Intake(date(2026, 9, 1), 40), catalog)
    memory_store.screenings.add(robin.id, screening)
    routine = plan(screening, catalog, goals=("rotation",), budget_min=15)
    memory_store.routines.save(robin.id, routine, at=datetime(2026, 9, 1, tzinfo=UTC))
    days = [date(2026, 10, 1) + timedelta(days=3 * i) for i in range(10)]
    history = History(
        tuple(_session(d, 25 + i) for i, d in enumerate(days)),
        (Measurement("sit-and-reach", "", 10, date(2026, 10, 1)),),
    )
    memory_store.history.add(robin.id, history)
    return ProgressPanel(memory_store, catalog, today=lambda: TODAY)


def _choose(panel: ProgressPanel, name: str) -> None:
    panel.picker.client.value = dict(panel.picker.client.options)[name]


def test_the_attention_list_names_each_client_and_why(panel: ProgressPanel) -> None:
    """Robin has not stretched for weeks; Noor was never screened."""
    html = panel.attention.value
    assert "2 of 2 clients need attention" in html
    assert "Robin Ashdown" in html and "no session for 24 days" in html
    assert "Noor Calloway" in html and "not screened yet" in html


def test_choosing_a_client_draws_every_chart_with_a_download(panel: ProgressPanel) -> None:
    """Each chart becomes a PNG picture with its text alternative and a PNG link named after
    the client and day."""
    assert panel.client_box.layout.display == "none"
    _choose(panel, "Robin Ashdown")
    assert panel.client_box.layout.display == ""
    assert "10 sessions" in panel.summary.value
    for view in panel.charts.values():
        assert view.png.startswith(b"\x89PNG") and f'alt="{escape(view.alt)}"' in view.image.value
        assert f'download="robin-ashdown-{TODAY}-{view.name}.png"' in view.links.value
    assert panel.charts["holds"].alt.startswith("Hold duration over weeks. ")
    assert "s now, target" in panel.charts["holds"].alt


def test_the_pdf_button_adds_a_printable_pdf(panel: ProgressPanel) -> None:
    """Pressing PDF under a chart adds a link to a real PDF of that chart."""
    _choose(panel, "Robin Ashdown")
    view = panel.charts["holds"]
    view.pdf.click()
    link = view.links.value
    data = link.split("data:application/pdf;base64,")[1].split('"')[0]
    assert base64.b64decode(data).startswith(b"%PDF")


def test_a_bad_field_test_result_is_refused_next_to_its_field_and_kept(
    panel: ProgressPanel,
) -> None:
    """Words, absurd values and future days are named next to the field; the text stays."""
    _choose(panel, "Robin Ashdown")
    form = panel.outcomes
    form.value.value = "far"
    form.save.click()
    assert "type a number of centimetres" in form.errors["value"].value
    assert form.value.value == "far"
    form.value.value = "900"
    form.save.click()
    assert "must be -40 cm to 80 cm" in form.errors["value"].value
    form.value.value, form.measured_on.value = "12", TODAY + timedelta(days=1)
    form.save.click()
    assert "cannot be in the future" in form.errors["measured on"].value
    assert form.errors["value"].value == ""
    assert len(panel.store.measurements.of_client(panel.picker.value or 0)) == 1


def test_a_saved_result_updates_the_changes_and_the_chart(panel: ProgressPanel) -> None:
    """A second sit-and-reach result 5 cm better is 'improved'; the form is cleared for the next."""
    _choose(panel, "Robin Ashdown")
    before = panel.charts["outcomes"].png
    form = panel.outcomes
    form.value.value, form.measured_on.value = "15 cm", date(2026, 11, 1)
    form.save.click()
    assert "Saved: Sit-and-reach: 15 cm on 1 November 2026" in form.saved.value
    assert "improved, beyond the 4 cm measurement error" in panel.changes.value
    assert panel.charts["outcomes"].png != before
    assert form.value.value == ""


def test_a_rotation_result_needs_its_side(panel: ProgressPanel) -> None:
    """The side buttons show for the sided test and the saved result carries the side."""
    _choose(panel, "Robin Ashdown")
    form = panel.outcomes
    assert form.side.layout.display == "none"
    form.test.value = "thoracic-rotation"
    assert form.side.layout.display == ""
    form.side.value, form.value.value = "right", "38"
    form.save.click()
    saved = panel.store.measurements.of_client(panel.picker.value or 0)[-1].measurement
    assert (saved.test_id, saved.side, saved.value) == ("thoracic-rotation", "right", 38.0)


def test_without_a_client_the_form_says_to_choose_one(panel: ProgressPanel) -> None:
    """Saving before choosing a client explains what to do and saves nothing."""
    panel.outcomes.value.value = "12"
    panel.outcomes.save.click()
    assert "choose a client first" in panel.outcomes.errors["client"].value


def test_the_client_pdf_is_built_with_a_progress_bar(panel: ProgressPanel) -> None:
    """The report button fills its bar page by page and offers the PDF named after the client."""
    _choose(panel, "Robin Ashdown")
    panel.report.button.click()
    assert panel.report.progress.value == panel.report.progress.max > 4
    assert f'download="robin-ashdown-{TODAY}.pdf"' in panel.report.link.value
    data = panel.report.link.value.split("base64,")[1].split('"')[0]
    assert base64.b64decode(data).startswith(b"%PDF")


def test_a_client_without_a_routine_is_told_to_plan_one_first(panel: ProgressPanel) -> None:
    """Noor was never screened and has no routine: the report says what to do first."""
    _choose(panel, "Noor Calloway")
    panel.report.button.click()
    assert "screen" in panel.report.error.value
    assert panel.report.link.value == ""
