"""What every view of the workbook and the dashboard shares: the stylesheet first, the
classes that scope it, and buttons made one way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from stretchkit.widgets.kit.styles import style_widget

__all__ = ["Panel", "button"]


class Panel(w.VBox):  # type: ignore[misc]
    """A view: its parts after the (invisible) stylesheet, with the CSS classes `sk-root` and
    the view's own (`css`), by which the browser tests and the styles find it."""

    css: tuple[str, ...] = ()

    def __init__(self, parts: Sequence[w.Widget], **kwargs: Any) -> None:
        super().__init__([style_widget(), *parts], **kwargs)
        self.add_class("sk-root")
        for name in self.css:
            self.add_class(name)


def button(
    label: str,
    icon: str,
    css: str,
    action: Callable[[], object],
    style: str = "",
    *,
    tooltip: str = "",
) -> w.Button:
    """A button sized to its label (its own layout, so hiding one never hides another) that
    calls `action` when clicked."""
    made = w.Button(
        description=label,
        icon=icon,
        button_style=style,
        tooltip=tooltip,
        layout=w.Layout(width="auto"),
    )
    made.add_class(css)
    made.on_click(lambda _b: action())
    return made
