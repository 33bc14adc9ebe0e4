"""What the forms share: titled sections and an error box per field, shown next to it."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from stretchkit.views.html_parts import warning_html

__all__ = ["FieldErrors"]


class FieldErrors(dict[str, w.HTML]):
    """The error box of each field, by field name (the name a ValidationError carries)."""

    def box(self, field: str) -> w.HTML:
        """A new, empty error box for a field (CSS class sk-error-<field>)."""
        box = w.HTML().add_class("sk-error").add_class(f"sk-error-{field.replace(' ', '-')}")
        self[field] = box
        return box

    def section(self, title: str, body: w.Widget, field: str = "") -> w.Widget:
        """A titled form section, with the field's error box under it when a field is named."""
        parts = [w.HTML(f"<h3>{escape(title)}</h3>"), body]
        if field:
            parts.append(self.box(field))
        return w.VBox(parts).add_class("sk-form-section")

    def show(self, field: str, text: object) -> None:
        """Show a warning in one field's box."""
        self[field].value = warning_html(text)

    def blank(self) -> None:
        """Empty every box."""
        for box in self.values():
            box.value = ""
