"""Record a field test result (sit-and-reach, seated thoracic rotation) for a client."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.errors import StretchkitError
from stretchkit.i18n import _
from stretchkit.progress.outcomes import FIELD_TESTS, Measurement, field_test, parse_measurement
from stretchkit.services.events import ClientEvents
from stretchkit.services.progress_records import record_field_test
from stretchkit.store.protocol import ProgressStore
from stretchkit.widgets.kit.form_kit import FormKit
from stretchkit.widgets.kit.panel import button

__all__ = ["OutcomeForm"]


def _tests() -> list[tuple[str, str]]:
    """Each field test by its name in the reader's language, valued by its id."""
    return [(_(t.name), t.id) for t in FIELD_TESTS]


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
        tests = _tests()
        self.test = add("test", w.Dropdown(options=tests, description=_("Test")), tests[0][1])
        sides = [(_("Left"), "left"), (_("Right"), "right")]
        self.side = add("side", w.ToggleButtons(options=sides))
        self.value = add("value", w.Text(description=_("Result")), "")  # placeholder: the test's
        self.measured_on = add("measured on", w.DatePicker(description=_("Day"), value=today()))
        self.note = add("note", w.Text(description=_("Note"), placeholder=_("optional")), "")
        self.save = button(_("Save result"), "save", "sk-outcome-save", self.submit, "primary")
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
        example = test.value_text(12.5 if test.unit == "cm" else 40)
        self.value.placeholder = _("e.g. {value}").format(value=example)
        within = _("A change smaller than {mdc} is within measurement error ({source}).")
        within = within.format(mdc=test.value_text(test.mdc), source="\0")
        cited = escape(within).replace("\0", f"<cite>{escape(test.mdc_source)}</cite>")
        how = _(test.how)
        self.how.value = f"<p>{escape(how)}</p><p>{cited}</p>"

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
        said = escape(_("Saved: {result}.").format(result=measurement.text))
        self.saved.value = f'<span class="sk-saved">{said}</span>'
        self.form.fill({"value": "", "note": ""})
        self.on_saved()
