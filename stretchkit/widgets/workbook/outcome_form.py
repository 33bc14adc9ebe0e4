"""Record a field test result (sit-and-reach, seated thoracic rotation) for a client."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.errors import StretchkitError
from stretchkit.progress.outcomes import FIELD_TESTS, Measurement, field_test, parse_measurement
from stretchkit.services.events import ClientEvents
from stretchkit.services.progress_records import record_field_test
from stretchkit.store.protocol import ProgressStore
from stretchkit.widgets.kit.form_kit import FormKit
from stretchkit.widgets.kit.panel import button

__all__ = ["OutcomeForm"]

_TESTS = [(t.name, t.id) for t in FIELD_TESTS]


class OutcomeForm(w.VBox):  # type: ignore[misc]
    """A small form: test, side, value, day and note; errors next to the field, typed values
    kept; `client_id` is set by the panel that holds the form."""

    def __init__(
        self,
        store: ProgressStore,
        today: Callable[[], date],
        on_saved: Callable[[], None],
        events: ClientEvents | None = None,
    ) -> None:
        self.store, self.today, self.on_saved, self.events = store, today, on_saved, events
        self.client_id: int | None = None
        self.form = FormKit()
        self.errors = self.form.errors
        add = self.form.add
        self.test = add("test", w.Dropdown(options=_TESTS, description="Test"), _TESTS[0][1])
        self.side = add("side", w.ToggleButtons(options=[("Left", "left"), ("Right", "right")]))
        self.value = add("value", w.Text(description="Result", placeholder="e.g. 12.5"), "")
        self.measured_on = add("measured on", w.DatePicker(description="Day", value=today()))
        self.note = add("note", w.Text(description="Note", placeholder="optional"), "")
        self.save = button("Save result", "save", "sk-outcome-save", self.submit, "primary")
        self.how = w.HTML().add_class("sk-muted")
        self.saved = w.HTML().add_class("sk-outcome-saved")
        for widget, name in ((self.test, "test"), (self.side, "side"), (self.value, "value")):
            widget.add_class(f"sk-outcome-{name}")
        self.measured_on.add_class("sk-outcome-date")
        self.test.observe(lambda _c: self._test_changed(), names="value")
        body = [x for key, f in self.form.fields.items() for x in (f.widget, self.form.box(key))]
        super().__init__([self.how, *body, self.save, self.form.box("client"), self.saved])
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
        self.form.clear_errors()
        self.saved.value = ""
        try:
            measurement = self._typed()
            record_field_test(self.store, self.client_id, measurement, self.events)
        except StretchkitError as e:
            self.form.show_error(e, "client")
            return
        self.saved.value = f'<span class="sk-saved">Saved: {escape(measurement.text)}.</span>'
        self.form.fill({"value": "", "note": ""})
        self.on_saved()
