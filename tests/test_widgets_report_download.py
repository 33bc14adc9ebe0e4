"""The PDF download panel, driven headlessly with plain builder functions."""

from __future__ import annotations

import base64
from collections.abc import Callable

from stretchkit.errors import ValidationError
from stretchkit.widgets.workbook.report_download import GENERIC_ERROR, ReportDownload, safe_filename

PDF = b"%PDF-1.4 three fake pages"
Progress = Callable[[int, int, str], None]


class ThreePages:
    """A builder that reports three pages and records what the panel showed meanwhile."""

    def __init__(self) -> None:
        self.panel: ReportDownload | None = None
        self.seen: list[tuple[int, int, str, bool]] = []
        self.runs = 0

    def __call__(self, on_progress: Progress) -> bytes:
        self.runs += 1
        assert self.panel is not None
        for n in (1, 2, 3):
            on_progress(n, 3, f"Stretch {n}")
            bar = self.panel.progress
            self.seen.append((bar.value, bar.max, bar.description, self.panel.button.disabled))
        return PDF + str(self.runs).encode()


def _panel(builder: Callable[[Progress], bytes], filename: str = "report.pdf") -> ReportDownload:
    return ReportDownload(builder, filename)


def test_building_moves_the_bar_page_by_page_then_offers_the_pdf_to_download() -> None:
    """Each page moves the bar while the button is disabled; then a data link is shown."""
    builder = ThreePages()
    panel = builder.panel = _panel(builder, "Zoë Brontë routine.pdf")
    panel.button.click()
    assert builder.seen == [(1, 3, "1/3", True), (2, 3, "2/3", True), (3, 3, "3/3", True)]
    assert panel.progress.value == panel.progress.max == 3
    assert 'download="zoe-bronte-routine.pdf"' in panel.link.value
    assert "data:application/pdf;base64," in panel.link.value
    encoded = panel.link.value.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(encoded) == PDF + b"1"
    assert panel.error.value == ""
    assert not panel.button.disabled


def test_the_panel_parts_carry_their_css_classes() -> None:
    """The box, button, bar, link and error area can be found by class."""
    panel = _panel(ThreePages())
    assert "sk-report" in panel._dom_classes
    assert "sk-report-build" in panel.button._dom_classes
    assert "sk-report-progress" in panel.progress._dom_classes
    assert "sk-report-link" in panel.link._dom_classes
    assert "sk-report-error" in panel.error._dom_classes


def test_a_stretchkit_error_is_shown_as_its_message_without_a_traceback() -> None:
    """A ValidationError from the builder shows its own sentence; no link is offered."""

    def refuse(_on_progress: Progress) -> bytes:
        raise ValidationError("client", "x", "has no routine yet")

    panel = _panel(refuse)
    panel.button.click()
    assert "client: has no routine yet" in panel.error.value
    assert "sk-error" in panel.error.value
    assert "Traceback" not in panel.error.value
    assert panel.link.value == ""
    assert not panel.button.disabled


def test_an_unexpected_error_shows_a_kind_message_and_hides_the_details() -> None:
    """A RuntimeError's text (a file path here) never reaches the page."""

    def crash(on_progress: Progress) -> bytes:
        on_progress(1, 4, "Summary")
        raise RuntimeError("disk full at /srv/secret/path.pdf")

    panel = _panel(crash)
    panel.button.click()
    assert GENERIC_ERROR in panel.error.value
    assert "secret" not in panel.error.value and "disk full" not in panel.error.value
    assert "Traceback" not in panel.error.value
    assert panel.link.value == ""


def test_clicking_again_rebuilds_and_clears_an_earlier_error() -> None:
    """A second click runs the builder again; a success replaces the earlier error."""
    outcomes = iter([RuntimeError("first time"), None])
    builder = ThreePages()

    def flaky(on_progress: Progress) -> bytes:
        problem = next(outcomes)
        if problem is not None:
            raise problem
        return builder(on_progress)

    panel = builder.panel = _panel(flaky)
    panel.button.click()
    assert GENERIC_ERROR in panel.error.value
    panel.button.click()
    assert panel.error.value == ""
    assert "data:application/pdf;base64," in panel.link.value
    assert panel.progress.value == 3


def test_a_file_name_is_made_safe_for_any_client_name() -> None:
    """Accents dropped, spaces and symbols become dashes, .pdf kept once, never empty."""
    assert safe_filename("Zoë Brontë routine.pdf") == "zoe-bronte-routine.pdf"
    assert safe_filename("../../etc/passwd") == "etc-passwd.pdf"
    assert safe_filename('a "quoted" <name>') == "a-quoted-name.pdf"
    assert safe_filename("???") == "report.pdf"
