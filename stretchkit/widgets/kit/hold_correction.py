"""The timer's hold log: the last hold with its seconds and sensation to correct, and the
table of every hold logged so far."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from stretchkit.i18n import _
from stretchkit.services.timer_view import sensation_scale

__all__ = ["HoldCorrection", "html_part"]


def html_part(*css: str) -> w.HTML:
    """An HTML part of a view, with the classes it is styled and found by."""
    part = w.HTML()
    for name in css:
        part.add_class(name)
    return part


class HoldCorrection(w.VBox):  # type: ignore[misc]
    """The last hold's seconds and sensation (each change calls `on_change`), and the log."""

    def __init__(self, on_change: Callable[[], None]) -> None:
        self.last_hold_view, self.log_table = html_part("sk-last-hold"), html_part("sk-log-table")
        wide = {"description_width": "initial"}
        self.held = w.Text(description=_("Seconds held"), continuous_update=False, style=wide)
        self.held.add_class("sk-held").layout = w.Layout(width="200px")
        self.held.observe(lambda _c: on_change(), "value")
        self.sensation = w.ToggleButtons(
            options=[(str(n), n) for n in range(11)], value=None, style={"button_width": "3.2em"}
        ).add_class("sk-sensation")
        self.sensation.observe(lambda _c: on_change(), "value")
        self.log_error = html_part("sk-error", "sk-error-hold")
        head, bands = sensation_scale()
        scale = w.HTML(f"<b>{head}</b>: {escape(bands, quote=False)}")
        scale.add_class("sk-sensation-scale")
        parts = [self.last_hold_view, self.held, scale, self.sensation, self.log_error]
        self.log_box = w.VBox(parts).add_class("sk-log-entry")
        self.log_box.layout.display = "none"
        heading = escape(_("Holds logged"))
        logged = w.HTML(f"<h4>{heading}</h4>")
        super().__init__([self.log_box, logged, self.log_table])
        self.add_class("sk-hold-log")

    def show_last(self, heading: str, text: str, held_s: int) -> None:
        """Show a newly ended hold, its seconds to correct and its sensation not yet rated."""
        self.log_box.layout.display = None
        self.last_hold_view.value = f"<b>{escape(heading)}</b> {escape(text)}"
        with self.held.hold_trait_notifications(), self.sensation.hold_trait_notifications():
            self.held.value, self.sensation.value = str(held_s), None
        self.log_error.value = ""
