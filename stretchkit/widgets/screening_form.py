"""The screening form: answer the intake, see the result live, save it to the client's history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

import ipywidgets as w

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.screening import Screening, screen, screening_ends
from stretchkit.screening.intake import (
    CLEARABLE,
    CLEARANCE_TOO_OLD,
    CLEARANCE_UNNAMED,
    INJURY_KINDS,
    MAX_AGE,
    MIN_AGE,
    PARQ_QUESTIONS,
    SURGERY_SITES,
    Clearance,
    Injury,
    Intake,
)
from stretchkit.store.protocol import ProgressStore
from stretchkit.widgets.client_picker import ClientPicker
from stretchkit.widgets.current_client import CurrentClient
from stretchkit.widgets.form_parts import FieldErrors
from stretchkit.widgets.html_parts import error_html, warning_html
from stretchkit.widgets.panel import Panel
from stretchkit.widgets.screening_html import banner_html, decisions_html, history_html

__all__ = ["CONDITION_FLAGS", "ScreeningForm"]

CONDITION_FLAGS: tuple[tuple[str, str], ...] = (
    ("acute_pain", "acute-pain"),
    ("severe_pain", "severe-pain"),
    ("osteoporosis", "osteoporosis"),
    ("spinal_fusion", "spinal-fusion"),
    ("disc_herniation", "disc-herniation"),
    ("severe_spinal_condition", "severe-spinal-condition"),
    ("hypermobility", "hypermobility"),
    ("numbness_tingling", "numbness-tingling"),
    ("lower_back_pain", "lower-back-pain"),
    ("hamstring_tightness", "hamstring-tightness"),
    ("contraindicated_by_professional", "contraindicated-by-professional"),
)
"""Intake yes/no fields and the catalog condition each one answers."""

_CLEARABLE_LABELS = {
    "par-q": "PAR-Q+ 'yes' answers",
    "spinal-fusion": "Spinal fusion",
    "disc-herniation": "Disc herniation",
    "severe-spinal-condition": "Other severe spinal condition",
    "recent-surgery": "Recent surgery",
    "pregnancy": "Pregnancy",
}
_WIDE = w.Layout(width="100%", max_width="560px")
_CLEARANCE_HELP = (
    "A written clearance counts only when it names the professional who issued it "
    "(<b>Issued by</b>, required) and is less than 12 months old on the screening date "
    "(PAR-Q+)."
)
_CLEARANCE_FIELDS = {CLEARANCE_UNNAMED: "clearance issued by", CLEARANCE_TOO_OLD: "clearance date"}


def _labelled(widget: w.Widget, label: str, css: str) -> w.Widget:
    widget.add_class(css)
    return w.VBox([w.HTML(f"<b>{escape(label)}</b>"), widget])


class ScreeningForm(Panel):
    """Screen a client: every answer re-screens live; Save adds to the client's history."""

    css = ("sk-screening-form",)

    def __init__(
        self,
        store: ProgressStore,
        catalog: Catalog | None = None,
        today: Callable[[], date] = date.today,
        *,
        current: CurrentClient | None = None,
    ) -> None:
        self.store, self.catalog, self.today = store, catalog or default_catalog(), today
        self.result: Screening | None = None
        self.errors = FieldErrors()
        self.picker = ClientPicker(store, lambda _client: self._client_changed(), current)
        super().__init__(
            [
                self.errors.section("1. Client", self.picker, "client"),
                *self._questions(),
                *self._outcome(),
            ]
        )
        self._recompute()

    # -- building the form ------------------------------------------------------------------

    def _watch(self, widget: w.Widget) -> w.Widget:
        widget.observe(lambda _c: self._recompute(), names="value")
        return widget

    def _basics(self) -> w.Widget:
        self.taken_on = self._watch(w.DatePicker(description="Date", value=self.today()))
        self.age = self._watch(w.Text(description="Age", placeholder="years", layout=_WIDE))
        self.taken_on.add_class("sk-date")
        self.age.add_class("sk-age")
        return w.VBox(
            [self.taken_on, self.errors.box("screening date"), self.age, self.errors.box("age")]
        )

    def _parq(self) -> w.Widget:
        self.parq = [
            self._watch(
                w.ToggleButtons(options=["No", "Yes"], value="No", style={"button_width": "70px"})
            )
            for _ in PARQ_QUESTIONS
        ]
        rows = [
            _labelled(toggle, f"{n}. {question}", f"sk-parq-{n}")
            for n, (question, toggle) in enumerate(zip(PARQ_QUESTIONS, self.parq, strict=True), 1)
        ]
        return w.VBox(rows)

    def _conditions(self) -> w.Widget:
        names = self.catalog.conditions
        self.flags = {
            field: self._watch(w.Checkbox(description=names[cond].name, indent=False))
            for field, cond in CONDITION_FLAGS
        }
        for field, box in self.flags.items():
            box.add_class(f"sk-flag-{field.replace('_', '-')}")
        parts = [(p.name, p.id) for p in self.catalog.body_parts.values()]
        self.injured = self._watch(w.SelectMultiple(options=parts, rows=5, description="Where"))
        self.injury_kind = self._watch(w.Dropdown(options=INJURY_KINDS, description="Kind"))
        self.surgery = self._watch(
            w.Dropdown(
                options=[("No recent surgery", ""), *((x.capitalize(), x) for x in SURGERY_SITES)],
                description="Surgery",
            )
        )
        self.pregnancy = self._watch(w.Checkbox(description="Pregnant", indent=False))
        self.due_on = self._watch(w.DatePicker(description="Due date"))
        self.due_on.add_class("sk-due-date")
        self.pregnancy_note = w.HTML().add_class("sk-pregnancy-note")
        self.injured.add_class("sk-injury-parts")
        self.surgery.add_class("sk-surgery")
        self.pregnancy.add_class("sk-pregnancy")
        injury = w.VBox(
            [
                w.HTML(
                    "<b>Recent injury</b> (strain, sprain, fracture, acute disc "
                    "herniation): choose where; none if no injury"
                ),
                self.injured,
                self.injury_kind,
                self.errors.box("injury body part"),
            ]
        )
        return w.VBox(
            [
                *self.flags.values(),
                injury,
                self.surgery,
                self.pregnancy,
                self._pregnancy_box(),
            ]
        )

    def _pregnancy_box(self) -> w.Widget:
        self.due_box = w.VBox(
            [
                w.HTML(
                    "<b>Due date (required)</b>: it gives the trimester, and the screening "
                    "holds only until the next trimester begins"
                ),
                self.due_on,
                self.errors.box("pregnancy due date"),
                self.errors.box("pregnancy trimester"),
                self.pregnancy_note,
            ]
        )
        return self.due_box

    def _context(self) -> w.Widget:
        self.reduced = self._watch(w.Checkbox(description="Reduced flexibility", indent=False))
        self.warm_up = self._watch(
            w.Checkbox(description="A 5-10 min warm-up is possible", value=True, indent=False)
        )
        self.has_clearance = self._watch(
            w.Checkbox(description="Written medical clearance", indent=False).add_class(
                "sk-has-clearance"
            )
        )
        self.clearance_on = self._watch(w.DatePicker(description="Issued on"))
        self.clearance_by = self._watch(
            w.Text(
                description="Issued by *",
                placeholder="required: name of the professional",
                layout=_WIDE,
            )
        )
        self.clearance_by.add_class("sk-clearance-by")
        self.clearance_covers = self._watch(
            w.SelectMultiple(
                options=[(_CLEARABLE_LABELS[c], c) for c in CLEARABLE], rows=6, description="Covers"
            )
        )
        self.clearance_covers.add_class("sk-clearance-covers")
        self.notes = w.Textarea(description="Notes", layout=_WIDE)
        self.clearance_box = w.VBox(
            [
                w.HTML(_CLEARANCE_HELP),
                self.clearance_on,
                self.errors.box("clearance date"),
                self.clearance_by,
                self.errors.box("clearance issued by"),
                self.clearance_covers,
                self.errors.box("clearance covers"),
            ]
        )
        return w.VBox(
            [self.reduced, self.warm_up, self.has_clearance, self.clearance_box, self.notes]
        )

    def _questions(self) -> list[w.Widget]:
        return [
            self.errors.section("2. Date and age", self._basics()),
            self.errors.section("3. PAR-Q+ general health questions", self._parq()),
            self.errors.section("4. Conditions named by the source articles", self._conditions()),
            self.errors.section("5. Context and medical clearance", self._context()),
        ]

    def _outcome(self) -> list[w.Widget]:
        self.banner = w.HTML().add_class("sk-banner-view")
        self.table = w.HTML().add_class("sk-decisions-view")
        self.save = w.Button(
            description="Save screening",
            icon="save",
            button_style="primary",
            layout=w.Layout(width="auto"),
        )
        self.save.add_class("sk-save")
        self.save.on_click(lambda _b: self.save_screening())
        self.message = w.HTML().add_class("sk-message")
        self.change_note = w.Text(description="Change", placeholder="what changed in their health")
        self.report = w.Button(
            description="Report a change in health",
            icon="exclamation",
            layout=w.Layout(width="auto"),
        )
        self.report.add_class("sk-report-change")
        self.report.on_click(lambda _b: self.report_change())
        self.history = w.HTML().add_class("sk-history-view")
        return [
            self.errors.section("Result", w.VBox([self.banner, self.table])),
            w.HBox([self.save, self.message]),
            self.errors.section(
                "History", w.VBox([self.history, w.HBox([self.change_note, self.report])])
            ),
        ]

    # -- reading the form -------------------------------------------------------------------

    def _age(self) -> int:
        text = self.age.value.strip()
        if not text.isdecimal():  # isdigit() also passes '²', which int() refuses
            raise ValidationError("age", self.age.value, "must be a whole number of years")
        try:
            return int(text)
        except ValueError:  # more digits than int() converts: far out of range anyway
            problem = f"must be a whole number {MIN_AGE}-{MAX_AGE}"
            raise ValidationError("age", self.age.value, problem) from None

    def _clearance(self) -> Clearance | None:
        if not self.has_clearance.value:
            return None
        if self.clearance_on.value is None:
            raise ValidationError("clearance date", None, "enter the date on the clearance")
        covers = tuple(self.clearance_covers.value)
        return Clearance(self.clearance_on.value, covers, self.clearance_by.value.strip())

    def _due_on(self) -> date | None:
        if not self.pregnancy.value:
            return None
        if self.due_on.value is None:
            raise ValidationError("pregnancy due date", None, "enter the due date")
        return self.due_on.value  # type: ignore[no-any-return]

    def intake(self) -> Intake:
        """The intake the form currently describes; a bad answer raises an error naming it."""
        if self.taken_on.value is None:
            raise ValidationError("screening date", None, "enter the date of the screening")
        if self.taken_on.value > self.today():
            raise ValidationError("screening date", self.taken_on.value, "cannot be in the future")
        kind = self.injury_kind.value
        flags: dict[str, Any] = {field: box.value for field, box in self.flags.items()}
        return Intake(
            taken_on=self.taken_on.value,
            age=self._age(),
            parq=tuple(t.value == "Yes" for t in self.parq),
            injuries=tuple(Injury(part, kind) for part in self.injured.value),
            recent_surgery=self.surgery.value or None,
            pregnancy_due_on=self._due_on(),
            reduced_flexibility=self.reduced.value,
            warm_up_possible=self.warm_up.value,
            clearance=self._clearance(),
            notes=self.notes.value,
            **flags,
        )

    # -- reacting ---------------------------------------------------------------------------

    def _show_error(self, error: ValidationError | None) -> None:
        for field, box in self.errors.items():
            box.value = warning_html(error) if error and error.field == field else ""

    def _incomplete(self, text: str, error: ValidationError | None = None) -> None:
        self._show_error(error)
        self.pregnancy_note.value = ""
        self.result = None
        self.banner.value = f'<div class="sk-banner sk-status-incomplete">{escape(text)}</div>'
        self.table.value = ""

    def _recompute(self) -> None:
        self.clearance_box.layout.display = None if self.has_clearance.value else "none"
        self.due_box.layout.display = None if self.pregnancy.value else "none"
        if not self.age.value.strip():
            self._incomplete(
                "Enter the client's age and answer the questions: the result appears here."
            )
            return
        try:
            self.result = screen(self.intake(), self.catalog)
        except ValidationError as e:
            self._incomplete(f"Correct the answer marked \u26a0 to see the result ({e}).", e)
            return
        self._show_error(None)
        self._show_clearance_and_pregnancy(self.result.intake)
        self.banner.value = banner_html(self.result)
        self.table.value = decisions_html(self.result, self.catalog)

    def _show_clearance_and_pregnancy(self, intake: Intake) -> None:
        """Why a clearance does not count, by its field; the trimester and the re-screen day."""
        clearance = intake.clearance
        if clearance is not None:
            for problem in clearance.problems_on(intake.taken_on):
                field = _CLEARANCE_FIELDS[problem]
                self.errors.show(field, f"{field}: {clearance.problem_text(problem)}")
        trimester = intake.pregnancy_trimester
        if trimester is None:
            self.pregnancy_note.value = ""
            return
        ends = screening_ends(intake)
        self.pregnancy_note.value = escape(
            f"Trimester {trimester} on the screening date. This screening holds until "
            f"{ends.on.isoformat()}: {ends.reason}."
        )

    def _client_changed(self) -> None:
        self.message.value = ""
        self._show_history()

    def _show_history(self) -> None:
        client = self.picker.value
        if client is None:
            self.history.value = '<p class="sk-muted">Choose a client to see their history.</p>'
            return
        history = self.store.screenings.history(client)
        saved = [(s.taken_on, s.status) for s in history]
        current = self.store.screenings.validity_of(history[0], self.today()) if history else None
        self.history.value = history_html(saved, current)

    def _chosen_client(self) -> int | None:
        """The chosen client's id; without one, say so next to the client field."""
        client = self.picker.value
        self.errors["client"].value = (
            "&#9888; client: choose or add a client first" if client is None else ""
        )
        return client

    def save_screening(self) -> None:
        """Save the current result to the chosen client's history (never overwriting)."""
        client = self._chosen_client()
        if client is None:
            return
        if self.result is None:
            self.message.value = '<span class="sk-error">Fix the marked answer first.</span>'
            return
        try:
            self.store.screenings.add(client, self.result)
        except StretchkitError as e:
            self.message.value = error_html(e)
            return
        name = self.store.clients.get(client).name
        self.message.value = (
            f'<span class="sk-saved">Saved: screening of {self.result.intake.taken_on} '
            f"for {escape(name)}.</span>"
        )
        self._show_history()

    def report_change(self) -> None:
        """Record that the client reported a change in health: their screening is due again."""
        client = self._chosen_client()
        if client is None:
            return
        self.store.screenings.report_health_change(client, self.today(), self.change_note.value)
        self.change_note.value = ""
        self._show_history()
