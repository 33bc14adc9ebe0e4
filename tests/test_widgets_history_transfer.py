"""The history transfer panel driven headlessly: export link, upload and import, errors."""

from __future__ import annotations

import base64
import re
from datetime import UTC, date, datetime

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.progress.history_csv import COLUMNS, history_from_csv, history_to_csv
from stretchkit.progress.outcomes import Measurement
from stretchkit.store import Store
from stretchkit.widgets.kit.styles import CSS
from stretchkit.widgets.workbook.history_transfer import HistoryTransfer

TODAY = date(2026, 3, 1)
HEADER = ",".join(COLUMNS)
GOOD = (
    f"{HEADER}\n"
    "session,2026-01-05T09:00:00+01:00,home,completed,,,,,,,,,,,,,,warm room\n"
    "hold,2026-01-05T09:00:00+01:00,,,,2026-01-05T09:03:00+01:00,"
    "seated-thoracic-flexion,,1,2,25,24,4,no,,,,\n"
    "hold,2026-01-06,,,,2026-01-06 10:00,seated-thoracic-rotation,left,1,2,20,20,,yes,,,,\n"
    "measurement,,,,,,,,,,,,,,sit-and-reach,2026-01-05,12.5,\n"
)


class Chosen:
    """A stand-in for the client picker: the client id to use, or None."""

    def __init__(self, client_id: int | None) -> None:
        self.client_id = client_id

    def __call__(self) -> int | None:
        return self.client_id


def _upload(panel: HistoryTransfer, text: str, name: str = "robin.csv") -> None:
    """Choose a file in the upload the way ipywidgets 8 reports it."""
    data = text.encode("utf-8")
    panel.upload.value = (
        {
            "name": name,
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": datetime(2026, 2, 1, tzinfo=UTC),
        },
    )


def _counts(store: Store) -> tuple[int, ...]:
    totals = store.overview.totals()
    return (totals.sessions, totals.holds, totals.measurements)


@pytest.fixture
def setup(memory_store: Store) -> tuple[HistoryTransfer, Chosen, Store]:
    client = memory_store.clients.add(ClientDetails("Robin Ashdown")).id
    chosen = Chosen(client)
    return HistoryTransfer(memory_store, chosen, lambda: TODAY), chosen, memory_store


def test_the_panel_carries_its_css_classes_and_a_single_csv_upload(
    setup: tuple[HistoryTransfer, Chosen, Store],
) -> None:
    """Every part has its sk- class; the upload takes one .csv file."""
    panel, _chosen, _store = setup
    assert "sk-history" in panel._dom_classes
    parts = (panel.export_button, panel.link, panel.upload, panel.import_button, panel.result)
    classes = ["sk-export-csv", "sk-export-link", "sk-import-file", "sk-import-csv"]
    assert [p._dom_classes[-1] for p in parts] == [*classes, "sk-import-result"]
    assert (panel.upload.accept, panel.upload.multiple) == (".csv", False)


def test_the_upload_asks_for_a_csv_file_and_names_the_one_chosen(
    setup: tuple[HistoryTransfer, Chosen, Store],
) -> None:
    """The button reads 'Choose a CSV file' (its count of files is hidden by the styles, so
    no 'CSV file (0)'); the file chosen is named beside it; the help names the kind column
    in words."""
    panel, _chosen, _store = setup
    assert panel.upload.description == "Choose a CSV file" and panel.chosen.value == ""
    _upload(panel, GOOD)
    assert "robin.csv" in panel.chosen.value
    help_text = panel.children[2].value
    assert "(column" not in help_text and "<code>kind</code> column" in help_text
    assert ".sk-import-file.widget-upload { font-size: 0" in CSS


def test_export_offers_a_download_link_of_the_clients_history(
    setup: tuple[HistoryTransfer, Chosen, Store],
) -> None:
    """The link is a base64 data URI holding exactly the client's history as CSV."""
    panel, chosen, store = setup
    assert chosen.client_id is not None
    store.measurements.add(chosen.client_id, Measurement("sit-and-reach", "", 9.0, TODAY))
    panel.export_button.click()
    found = re.search(
        r'<a class="sk-download" download="robin-ashdown-history\.csv" '
        r'href="data:text/csv;base64,([^"]+)"',
        panel.link.value,
    )
    assert found is not None
    text = base64.b64decode(found.group(1)).decode("utf-8")
    assert text == history_to_csv(store.history.of_client(chosen.client_id))
    assert history_from_csv(text, today=TODAY).measurements[0].value == 9.0
    assert "(1 row)" in panel.link.value


def test_without_a_client_or_a_file_the_panel_asks_for_one_and_writes_nothing(
    setup: tuple[HistoryTransfer, Chosen, Store],
) -> None:
    """Export and import with no client ask for a client; import with no file asks for one."""
    panel, chosen, store = setup
    panel.import_button.click()
    assert "Choose a CSV file first." in panel.result.value
    chosen.client_id = None
    _upload(panel, GOOD)
    panel.import_button.click()
    panel.export_button.click()
    assert "Choose a client first." in panel.result.value
    assert "Choose a client first." in panel.link.value
    assert _counts(store) == (0, 0, 0)


def test_importing_a_good_file_adds_it_all_and_says_what_was_added(
    setup: tuple[HistoryTransfer, Chosen, Store],
) -> None:
    """The result counts what was added, the upload is cleared and the callback runs."""
    panel, chosen, store = setup
    calls: list[str] = []
    panel.on_import = lambda: calls.append("refreshed")
    _upload(panel, GOOD)
    panel.import_button.click()
    assert "Imported 2 sessions, 2 holds, 1 measurement from robin.csv." in panel.result.value
    assert _counts(store) == (2, 2, 1)
    assert chosen.client_id is not None
    sessions = store.history.of_client(chosen.client_id).sessions
    assert [s.place for s in sessions] == ["home", "studio"]
    assert panel.upload.value == ()
    assert calls == ["refreshed"]


def test_a_bad_file_lists_its_bad_lines_escaped_writes_nothing_and_stays_selected(
    setup: tuple[HistoryTransfer, Chosen, Store],
) -> None:
    """Each bad line is shown as escaped text, no traceback; the store is unchanged and the
    same upload can be imported again once fixed."""
    panel, _chosen, store = setup
    bad = GOOD.replace(",24,4,no,", ",24,11,no,").replace("home", "<b>gym</b>")
    _upload(panel, bad, name="robin <1>.csv")
    panel.import_button.click()
    html = panel.result.value
    assert "Nothing was imported from robin &lt;1&gt;.csv" in html
    gym = "\u201c&lt;b&gt;gym&lt;/b&gt;\u201d"
    assert f"<li>line 2: place: must be one of studio, home; the file has {gym}</li>" in html
    assert (
        "<li>line 3: sensation: must be a whole number 0-10; the file has \u201c11\u201d</li>"
        in html
    )
    assert "<b>" not in html and "Traceback" not in html
    assert _counts(store) == (0, 0, 0)
    assert panel.upload.value[0]["name"] == "robin <1>.csv"


def test_importing_the_same_file_twice_refuses_the_second_time(
    setup: tuple[HistoryTransfer, Chosen, Store],
) -> None:
    """The sessions already imported clash, named by line, and nothing more is written."""
    panel, _chosen, store = setup
    _upload(panel, GOOD)
    panel.import_button.click()
    _upload(panel, GOOD)
    panel.import_button.click()
    assert "line 2: session_started: this client already has it" in panel.result.value
    assert "line 4: session_started" in panel.result.value
    assert _counts(store) == (2, 2, 1)


def test_a_file_that_is_not_text_is_refused_in_the_result(
    setup: tuple[HistoryTransfer, Chosen, Store],
) -> None:
    """A spreadsheet file uploaded by mistake gives a clear line, not an exception."""
    panel, _chosen, store = setup
    panel.upload.value = (
        {
            "name": "robin.xlsx",
            "type": "application/octet-stream",
            "size": 6,
            "content": memoryview(b"PK\x03\x04\xff\xfe"),
            "last_modified": datetime(2026, 2, 1, tzinfo=UTC),
        },
    )
    panel.import_button.click()
    assert "line 1: file: is not UTF-8 text" in panel.result.value
    assert _counts(store) == (0, 0, 0)


def test_reset_forgets_the_link_and_the_result(
    setup: tuple[HistoryTransfer, Chosen, Store],
) -> None:
    """When another client is chosen, the old client's download link disappears."""
    panel, _chosen, _store = setup
    panel.export_button.click()
    _upload(panel, "")
    panel.import_button.click()
    assert panel.link.value and panel.result.value
    panel.reset()
    assert panel.link.value == panel.result.value == ""
