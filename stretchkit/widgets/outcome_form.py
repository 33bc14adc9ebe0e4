"""Record a field test result (sit-and-reach, seated thoracic rotation) for a client."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.progress.outcomes import FIELD_TESTS, Measurement, field_test, parse_measurement
from stretchkit.store.protocol import ProgressStore
from stretchkit.widgets.form_parts import FieldErrors
from stretchkit.widgets.panel import button

__all__ = ["OutcomeForm"]

_FIELDS = ("test", "side", "value", "measured on", "note", "client")


class OutcomeForm(w.VBox):  # type: ignore[misc]
    """A small form: test, side, value, day and note; errors next to the field, typed values
    kept; `client_id` is set by the panel that holds the form."""

    def __init__(
        self, store: ProgressStore, today: Callable[[], date], on_saved: Callable[[], None]
    ) -> None:
        self.store, self.today, self.on_saved = store, today, on_saved
        self.client_id: int | None = None
        self.errors = FieldErrors()
        self.test = w.Dropdown(options=[(t.name, t.id) for t in FIELD_TESTS], description="Test")
        self.side = w.ToggleButtons(options=[("Left", "left"), ("Right", "right")])
        self.value = w.Text(description="Result", placeholder="e.g. 12.5")
        self.measured_on = w.DatePicker(description="Day", value=today())
        self.note = w.Text(description="Note", placeholder="optional")
        self.save = button("Save result", "save", "sk-outcome-save", self.submit, "primary")
        self.how = w.HTML().add_class("sk-muted")
        self.saved = w.HTML().add_class("sk-outcome-saved")
        for widget, name in ((self.test, "test"), (self.side, "side"), (self.value, "value")):
            widget.add_class(f"sk-outcome-{name}")
        self.measured_on.add_class("sk-outcome-date")
        self.test.observe(lambda _c: self._test_changed(), names="value")
        rows = [self.test, self.side, self.value, self.measured_on, self.note]
        fields = ("test", "side", "value", "measured on", "note")
        body = [x for row, f in zip(rows, fields, strict=True) for x in (row, self.errors.box(f))]
        super().__init__([self.how, *body, self.save, self.errors.box("client"), self.saved])
        self.add_class("sk-outcome-form")
        self._test_changed()

    def _test_changed(self) -> None:
        test = field_test(self.test.value)
        self.side.layout.display = "" if test.sided else "none"
        self.value.placeholder = f"e.g. {test.value_text(12.5 if test.unit == 'cm' else 40)}"
        self.how.value = (
            f"<p>{escape(test.how)}</p><p>A change smaller than "
            f"{escape(test.value_text(test.mdc))} is within measurement error "
            f"({escape(test.mdc_source)}).</p>"
        )

    def _typed(self) -> Measurement:
        if self.client_id is None:
            raise ValidationError("client", None, "choose a client first")
        test = field_test(self.test.value)
        return parse_measurement(
            test_id=test.id,
            side=self.side.value if test.sided else "",
            value_text=self.value.value,
            measured_on=self.measured_on.value,
            today=self.today(),
            note=self.note.value,
        )

    def submit(self) -> None:
        """Save the typed result; on a problem show it next to its field and keep the input."""
        self.errors.blank()
        self.saved.value = ""
        try:
            measurement = self._typed()
            self.store.measurements.add(self.client_id or 0, measurement)
        except ValidationError as e:
            self.errors.show(e.field if e.field in _FIELDS else "client", e)
            return
        except StretchkitError as e:
            self.errors.show("client", e)
            return
        self.saved.value = f'<span class="sk-saved">Saved: {escape(measurement.text)}.</span>'
        self.value.value = self.note.value = ""
        self.on_saved()
