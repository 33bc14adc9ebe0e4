"""The screening form: answer the intake, see the result live, save it to the client's history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

import ipywidgets as w

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.errors import MissingChoiceError, StretchkitError, ValidationError
from stretchkit.i18n import N_, _, pgettext
from stretchkit.screening import Screening, screen, screening_ends
from stretchkit.screening.answers import (
    ANSWER_CONDITIONS,
    CLEARABLE_TEXT,
    WEAKNESS_LABEL,
    age_on,
    surgery_text,
)
from stretchkit.screening.day_text import day_text
from stretchkit.screening.intake import (
    CLEARABLE,
    CLEARANCE_TOO_OLD,
    CLEARANCE_UNNAMED,
    MAX_AGE,
    MIN_AGE,
    PARQ_QUESTIONS,
    SURGERY_SITES,
    Clearance,
    Injury,
    Intake,
)
from stretchkit.screening.rules import clearance_timing_text
from stretchkit.screening.symptoms import SYMPTOM_FIELD, SymptomFlag, flag_problems
from stretchkit.screening.unanswered import (
    UnansweredError,
    require_answered,
    unanswered,
    unanswered_text,
)
from stretchkit.services.events import ClientChanged
from stretchkit.services.screening_save import (
    report_health_change,
    save_screening,
    screening_history,
)
from stretchkit.services.symptom_flags import pending_flags
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.values import SavedScreening
from stretchkit.views.html_parts import error_html
from stretchkit.views.screening_html import (
    banner_html,
    decisions_html,
    history_html,
    not_ready_html,
)
from stretchkit.widgets.kit.client_picker import ClientPicker
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.kit.form_kit import FormKit
from stretchkit.widgets.kit.panel import Panel
from stretchkit.widgets.kit.symptom_report_form import SymptomReportForm
from stretchkit.widgets.workbook.carried_answers import CarriedAnswers
from stretchkit.widgets.workbook.injury_rows import InjuryRows
from stretchkit.widgets.workbook.screening_words import error_text, field_label, original_html

__all__ = ["CONDITION_FLAGS", "ScreeningForm"]

CONDITION_FLAGS = ANSWER_CONDITIONS
"""Intake yes/no fields and the catalog condition each one answers."""

_CLEARABLE_LABELS = CLEARABLE_TEXT
_WIDE = w.Layout(width="100%", max_width="560px")
_FULL_LABEL = {"description_width": "initial"}
"""A description as wide as its words, never cut off."""
_CLEARANCE_HELP = N_(
    "A written clearance counts only when it names the professional who issued it "
    "(<b>Issued by</b>, required) and is less than 12 months old on the screening date "
    "(PAR-Q+)."
)
_ASK_AGAIN = {
    True: N_(
        "{flag}: the answer is ticked and stays 'yes' until a named professional's written "
        "clearance, dated since, covers it."
    ),
    False: N_(
        "{flag}: the answer is ticked: ask the client whether any movement still causes "
        "sharp, radiating or persistent pain."
    ),
}
"""What the form says by a flag of numbness, tingling or weakness (True) or of pain."""
_GROUPED = {
    "injured": ("injured", "injuries"),
    "surgery": ("recent surgery", "recent surgery date"),
    "pregnancy": ("pregnancy", "pregnancy due date"),
    "clearance": ("clearance", "clearance date", "clearance issued by", "clearance covers"),
}
"""The marks that carry a yes/no answer with its details, by the fields' keys."""
_UNMARKED = {"notes"}
"""Fields no 'from the screening of' mark carries."""
_CLEARANCE_FIELDS = {CLEARANCE_UNNAMED: "clearance issued by", CLEARANCE_TOO_OLD: "clearance date"}


def _capital(text: str) -> str:
    """The text with its first letter a capital ('Hip', 'Cadera')."""
    return text[:1].upper() + text[1:]


def _labelled(widget: w.Widget, label: str, css: str, mark: w.Widget) -> w.Widget:
    widget.add_class(css)
    return w.VBox([w.HTML(f"<b>{escape(label)}</b>"), w.HBox([widget, mark], layout=_WRAP)])


_WRAP = w.Layout(flex_flow="row wrap", align_items="center", width="100%")


def _flag_questions(catalog: Catalog) -> list[tuple[str, str]]:
    """Each yes/no condition's field and label, weakness beside numbness and tingling."""
    names = catalog.conditions
    found = [(field, catalog_text(names[cond].name)) for field, cond in CONDITION_FLAGS]
    at = next(n for n, (field, _label) in enumerate(found) if field == "numbness_tingling") + 1
    return [*found[:at], ("weakness", _(WEAKNESS_LABEL)), *found[at:]]


def _yes_no() -> w.ToggleButtons:
    """A yes/no answer that starts unanswered (nothing is answered for the client)."""
    return w.ToggleButtons(
        options=[(pgettext("answer", "No"), False), (pgettext("answer", "Yes"), True)],
        value=None,
        style={"button_width": "70px"},
    )


def _checkbox(description: str, value: bool = False) -> w.Checkbox:
    """A checkbox whose label shows in full (wrapping on a narrow screen)."""
    return w.Checkbox(
        description=description, value=value, indent=False, layout=w.Layout(width="auto")
    )


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
        self.form = FormKit(on_change=self._recompute)
        self.errors = self.form.errors
        self.result: Screening | None = None
        self._missing: MissingChoiceError | None = None
        """A choice not made yet (a blank injury row, say): marked by its field at Save."""
        self.previous: SavedScreening | None = None
        self.flagged: tuple[SymptomFlag, ...] = ()
        """The flags and reports of symptoms no screening has settled yet."""
        self._answers_of: int | None = None
        """The client whose screening the answers were filled from or saved for."""
        with self.form.quiet():  # nothing reacts until the form is built
            self.carried = CarriedAnswers(self.form.changed)
            changed = self.form.unless_quiet(self._client_changed)
            self.picker = ClientPicker(store, changed, current)
            super().__init__(
                [
                    self.errors.section(_("1. Client"), self.picker, "client"),
                    self.carried.summary,
                    *self._questions(),
                    *self._outcome(),
                ]
            )
        self._client_changed()
        if current is not None:
            current.events.subscribe(self._changed)

    def _changed(self, change: ClientChanged) -> None:
        """The chosen client's health changed elsewhere (a flag, a painful rating or a
        report): the flagged answers are ticked and noted, every other answer kept as typed."""
        if change.client_id == self.picker.value and change.what == "health changed":
            self._reported()

    # -- building the form ------------------------------------------------------------------

    def _with_mark(self, widget: w.Widget, key: str, label: str) -> w.Widget:
        """The answer with its 'from the screening of' mark beside it."""
        return w.HBox([widget, self.carried.mark(key, label)], layout=_WRAP)

    def _basics(self) -> w.Widget:
        self.taken_on = w.DatePicker(description=_("Date"), value=self.today())
        self.taken_on.observe(self.form.unless_quiet(self._date_changed), names="value")
        self.age = self.form.add(
            "age",
            w.Text(
                description=_("Age"),
                placeholder=_("years"),
                layout=w.Layout(width="100%", max_width="260px"),
            ),
            "",
        )
        self.taken_on.add_class("sk-date")
        self.age.add_class("sk-age")
        return w.VBox(
            [
                self.taken_on,
                self.errors.box("screening date"),
                self._with_mark(self.age, "age", _("age")),
                self.errors.box("age"),
            ]
        )

    def _parq(self) -> w.Widget:
        self.parq = [
            self.form.add(
                f"parq-{n}",
                w.ToggleButtons(
                    options=[(pgettext("answer", "No"), "No"), (pgettext("answer", "Yes"), "Yes")],
                    value=None,
                    style={"button_width": "70px"},
                ),
            )
            for n in range(1, len(PARQ_QUESTIONS) + 1)
        ]
        rows = [
            _labelled(
                toggle,
                f"{n}. {catalog_text(question)}",
                f"sk-parq-{n}",
                self.carried.mark(f"parq-{n}", _("PAR-Q+ question {number}").format(number=n)),
            )
            for n, (question, toggle) in enumerate(zip(PARQ_QUESTIONS, self.parq, strict=True), 1)
        ]
        return w.VBox([*rows, w.HTML(original_html(PARQ_QUESTIONS))])

    def _conditions(self) -> w.Widget:
        questions = _flag_questions(self.catalog)
        self.flags = {field: self.form.add(field, _yes_no()) for field, _label in questions}
        self.flag_note = w.HTML().add_class("sk-flag-note")
        parts = [(p.name, p.id) for p in self.catalog.body_parts.values()]
        parts = [(catalog_text(name), part) for name, part in parts]
        self.injuries = InjuryRows(parts, self.form.changed)
        self.form.add("injuries", self.injuries, (), put=self.injuries.set)
        self.surgery = self.form.add(
            "recent surgery",
            w.Dropdown(
                options=[
                    (_("No recent surgery"), ""),
                    *((_capital(surgery_text(x)), x) for x in SURGERY_SITES),
                ],
                value=None,
                description=_("Recent surgery"),
                style=_FULL_LABEL,
                layout=w.Layout(width="auto"),
            ).add_class("sk-surgery"),
        )
        self.pregnancy = self.form.add("pregnancy", _yes_no())
        self.due_on = self.form.add("pregnancy due date", w.DatePicker(description=_("Due date")))
        self.due_on.add_class("sk-due-date")
        self.pregnancy_note = w.HTML().add_class("sk-pregnancy-note")
        self.injured = self.form.add("injured", _yes_no())
        injury = w.VBox(
            [
                self._asked(
                    self.injured,
                    "injured",
                    _(
                        "Any recent injury (strain, sprain, fracture, acute disc herniation)? "
                        "If yes, add one row per injury, saying where and what kind"
                    ),
                    _("recent injuries"),
                ),
                self.injuries,
                self.errors.box("injury body part"),
                self.errors.box("injury kind"),
            ]
        )
        flag_rows = [
            self._asked(box, f"flag-{field.replace('_', '-')}", label)
            for (field, label), box in zip(questions, self.flags.values(), strict=True)
        ]
        return w.VBox(
            [
                self.flag_note,
                *flag_rows,
                injury,
                self._with_mark(self.surgery, "surgery", _("recent surgery")),
                self._surgery_box(),
                self._asked(self.pregnancy, "pregnancy", _("Pregnant"), _("pregnancy")),
                self._pregnancy_box(),
            ]
        )

    def _asked(self, answer: w.Widget, key: str, label: str, mark: str = "") -> w.Widget:
        """A condition asked at screening: its name above the answer (CSS class sk-<key>),
        with its 'from the screening of' mark (labelled `mark`) beside it."""
        carried = self.carried.mark(key.removeprefix("flag-"), mark or label)
        return _labelled(answer, label, f"sk-{key}", carried)

    def _surgery_box(self) -> w.Widget:
        self.surgery_on = self.form.add(
            "recent surgery date", w.DatePicker(description=_("Surgery date"))
        )
        self.surgery_on.add_class("sk-surgery-date")
        self.surgery_box = w.VBox(
            [
                w.HTML(
                    _(
                        "<b>Date of the surgery (required)</b>: a written clearance counts for "
                        "it only when dated after it"
                    )
                ),
                self.surgery_on,
                self.errors.box("recent surgery date"),
            ]
        )
        return self.surgery_box

    def _pregnancy_box(self) -> w.Widget:
        self.due_box = w.VBox(
            [
                w.HTML(
                    _(
                        "<b>Due date (required)</b>: it gives the trimester, and the screening "
                        "holds only until the next trimester begins"
                    )
                ),
                self.due_on,
                self.errors.box("pregnancy due date"),
                self.errors.box("pregnancy trimester"),
                self.pregnancy_note,
            ]
        )
        return self.due_box

    def _context(self) -> w.Widget:
        add = self.form.add
        self.reduced = add("reduced", _yes_no())
        self.warm_up = add("warm-up", _yes_no())
        has_clearance = _checkbox(_("Written medical clearance")).add_class("sk-has-clearance")
        self.has_clearance = add("clearance", has_clearance, False)
        self.clearance_on = add("clearance date", w.DatePicker(description=_("Issued on")))
        self.clearance_by = add(
            "clearance issued by",
            w.Text(
                description=_("Issued by *"),
                placeholder=_("required: name of the professional"),
                layout=_WIDE,
                style=_FULL_LABEL,
            ),
            "",
        )
        self.clearance_by.add_class("sk-clearance-by")
        self.clearance_covers = add(
            "clearance covers",
            w.SelectMultiple(
                options=[(_(_CLEARABLE_LABELS[c]), c) for c in CLEARABLE],
                rows=7,
                description=_("Covers"),
                layout=w.Layout(width="100%", max_width="420px"),
            ),
            (),
        )
        self.clearance_covers.add_class("sk-clearance-covers")
        self.notes = add("notes", w.Textarea(description=_("Notes"), layout=_WIDE), "", watch=False)
        self.clearance_box = w.VBox(
            [
                w.HTML(_(_CLEARANCE_HELP)),
                self.clearance_on,
                self.errors.box("clearance date"),
                self.clearance_by,
                self.errors.box("clearance issued by"),
                self.clearance_covers,
                self.errors.box("clearance covers"),
            ]
        )
        return w.VBox(
            [
                self._asked(
                    self.reduced, "reduced", _("Reduced flexibility"), _("reduced flexibility")
                ),
                self._asked(
                    self.warm_up, "warm-up", _("A 5-10 min warm-up is possible"), _("warm-up")
                ),
                self._with_mark(self.has_clearance, "clearance", _("written clearance")),
                self.clearance_box,
                self.notes,
            ]
        )

    def _questions(self) -> list[w.Widget]:
        return [
            self.errors.section(_("2. Date and age"), self._basics()),
            self.errors.section(_("3. PAR-Q+ general health questions"), self._parq()),
            self.errors.section(
                _("4. Conditions named by the source articles"), self._conditions()
            ),
            self.errors.section(_("5. Context and medical clearance"), self._context()),
        ]

    def _outcome(self) -> list[w.Widget]:
        self.banner = w.HTML().add_class("sk-banner-view")
        self.table = w.HTML().add_class("sk-decisions-view")
        self.save = w.Button(
            description=_("Save screening"),
            icon="save",
            button_style="primary",
            layout=w.Layout(width="auto"),
        )
        self.save.add_class("sk-save")
        self.save.on_click(lambda _b: self.save_screening())
        self.message = w.HTML().add_class("sk-message")
        self.change_note = w.Text(
            description=_("Change"),
            placeholder=_("what changed in their health"),
            layout=w.Layout(width="100%", max_width="420px"),
        )
        self.report = w.Button(
            description=_("Report a change in health"),
            icon="exclamation",
            layout=w.Layout(width="auto"),
        )
        self.report.add_class("sk-report-change")
        self.report.on_click(lambda _b: self.report_change())
        self.history = w.HTML().add_class("sk-history-view")
        self.symptoms = SymptomReportForm(
            self.store,
            self._chosen_client,
            "trainer",
            today=self.today,
            on_reported=self._symptoms_reported,
        )
        return [
            self.errors.section(_("Result"), w.VBox([self.banner, self.table])),
            w.HBox([self.save, self.message], layout=_WRAP).add_class("sk-save-row"),
            self.errors.section(
                _("History"),
                w.VBox([self.history, w.HBox([self.change_note, self.report], layout=_WRAP)]),
            ),
            self.errors.section(
                _("Pain, numbness, tingling or weakness after a session"), self.symptoms
            ),
        ]

    # -- reading the form -------------------------------------------------------------------

    def _age(self) -> int:
        text = self.age.value.strip()
        if not text.isdecimal():  # isdigit() also passes '²', which int() refuses
            problem = _("type the age in whole years, e.g. 45")
            raise ValidationError("age", self.age.value, problem)
        try:
            return int(text)
        except ValueError:  # more digits than int() converts: far out of range anyway
            problem = _("must be a whole number {low}-{high}").format(low=MIN_AGE, high=MAX_AGE)
            raise ValidationError("age", self.age.value, problem) from None

    def _clearance(self) -> Clearance | None:
        if not self.has_clearance.value:
            return None
        if self.clearance_on.value is None:
            raise MissingChoiceError("clearance date", _("enter the date on the clearance"))
        covers = tuple(self.clearance_covers.value)
        return Clearance(self.clearance_on.value, covers, self.clearance_by.value.strip())

    def _surgery_on(self) -> date | None:
        if not self.surgery.value:
            return None
        if self.surgery_on.value is None:
            raise MissingChoiceError("recent surgery date", _("enter the date of the surgery"))
        return self.surgery_on.value  # type: ignore[no-any-return]

    def _due_on(self) -> date | None:
        if not self.pregnancy.value:
            return None
        if self.due_on.value is None:
            raise MissingChoiceError("pregnancy due date", _("enter the due date"))
        return self.due_on.value  # type: ignore[no-any-return]

    def _injuries(self) -> tuple[Injury, ...]:
        """The injury rows, each with where and what kind chosen (none unless the answer to
        'any recent injury?' is yes, and then at least one)."""
        if self.injured.value is not True:
            return ()
        if not self.injuries.value:
            problem = _("answered yes: add each injury, saying where it is and what kind")
            raise MissingChoiceError("injury body part", problem)
        injuries = []
        for n, (part, kind) in enumerate(self.injuries.value, 1):
            if part is None:
                problem = _("choose where injury {number} is").format(number=n)
                raise MissingChoiceError("injury body part", problem)
            if kind is None:
                problem = _("choose what kind injury {number} is").format(number=n)
                raise MissingChoiceError("injury kind", problem)
            injuries.append(Injury(part, kind))
        return tuple(injuries)

    def unanswered(self) -> tuple[str, ...]:
        """The PAR-Q+ questions and conditions not answered yet, by name."""
        return unanswered(*self._yes_no_answers(), self.catalog)

    def _yes_no_answers(self) -> tuple[list[object | None], dict[str, object | None]]:
        """The PAR-Q+ answers and each condition's answer, None while unanswered."""
        parq = [None if t.value is None else t.value == "Yes" for t in self.parq]
        conditions = {field: box.value for field, box in self.flags.items()}
        conditions.update(
            recent_injury=self.injured.value,
            recent_surgery=self.surgery.value,
            pregnancy=self.pregnancy.value,
            reduced_flexibility=self.reduced.value,
            warm_up_possible=self.warm_up.value,
        )
        return parq, conditions

    def intake(self) -> Intake:
        """The intake the form currently describes; a bad answer raises an error naming it,
        and any question not answered yet an UnansweredError naming each."""
        if self.taken_on.value is None:
            raise MissingChoiceError("screening date", _("enter the date of the screening"))
        if self.taken_on.value > self.today():
            problem = _("cannot be in the future")
            raise ValidationError("screening date", self.taken_on.value, problem)
        typed: dict[str, Any] = {
            "age": self._age(),
            "injuries": self._injuries(),
            "recent_surgery_on": self._surgery_on(),
            "pregnancy_due_on": self._due_on(),
            "clearance": self._clearance(),
        }
        parq, conditions = self._yes_no_answers()
        require_answered(parq, conditions, self.catalog)
        flags: dict[str, Any] = {field: box.value for field, box in self.flags.items()}
        return Intake(
            taken_on=self.taken_on.value,
            parq=tuple(answer is True for answer in parq),
            recent_surgery=self.surgery.value or None,
            reduced_flexibility=self.reduced.value is True,
            warm_up_possible=self.warm_up.value is True,
            notes=self.notes.value,
            **typed,
            **flags,
        )

    # -- reacting ---------------------------------------------------------------------------

    def _show_error(self, error: ValidationError | None) -> None:
        """Show the error (in the reader's language) by the field it names, else nothing."""
        self.form.clear_errors()
        if error is not None and error.field in self.errors:
            self.errors.show(error.field, error_text(error))

    def _incomplete(self, text: str, error: ValidationError | None = None) -> None:
        self._show_error(error)
        self.pregnancy_note.value = ""
        self.result = None
        self.banner.value = f'<div class="sk-banner sk-status-incomplete">{escape(text)}</div>'
        self.table.value = ""

    def _answers(self) -> dict[str, object]:
        """Each answer a mark can carry, by the mark's key, as the form holds it now: a
        field's own, or a yes/no with its details (counted only with a yes)."""
        typed = {k: v.strip() if isinstance(v, str) else v for k, v in self.form.read().items()}
        grouped = {k for keys in _GROUPED.values() for k in keys}
        answers: dict[str, object] = {
            key.replace("_", "-"): value
            for key, value in typed.items()
            if key not in grouped and key not in _UNMARKED
        }
        for mark, (answer, *details) in _GROUPED.items():
            answers[mark] = (typed[answer], *(typed[d] for d in details if typed[answer]))
        return answers

    def _recompute(self) -> None:
        self._missing = None
        self.carried.update(self._answers())
        self.clearance_box.layout.display = None if self.has_clearance.value else "none"
        self.due_box.layout.display = None if self.pregnancy.value else "none"
        self.surgery_box.layout.display = None if self.surgery.value else "none"
        self.injuries.layout.display = None if self.injured.value else "none"
        if not self.age.value.strip():
            missing = self.unanswered()
            said = _("Enter the client's age and answer the questions: the result appears here.")
            self._incomplete(said + (f" {unanswered_text(missing)}" if missing else ""))
            return
        try:
            self.result = screen(self.intake(), self.catalog)
        except UnansweredError as e:
            self._incomplete(str(e))
            return
        except MissingChoiceError as e:  # a prompt while filling in; marked once Save is pressed
            self._missing = e
            problem = f"{e.problem[:1].upper()}{e.problem[1:]}"
            self._incomplete(_("{problem}: the result appears here.").format(problem=problem))
            return
        except ValidationError as e:
            said = _("Correct the answer marked \u26a0 to see the result ({error}).")
            self._incomplete(said.format(error=error_text(e)), e)
            return
        self._show_error(None)
        self._show_flags(self.result.intake)
        self._show_clearance_and_pregnancy(self.result.intake)
        problems = flag_problems(self.result.intake, self.flagged)
        shown = not_ready_html(problems) if problems else banner_html(self.result)
        self.banner.value = shown
        self.table.value = decisions_html(self.result, self.catalog)

    def _show_clearance_and_pregnancy(self, intake: Intake) -> None:
        """Why a clearance does not count, by its field; the trimester and the re-screen day."""
        clearance = intake.clearance
        if clearance is not None:
            said = dict.fromkeys(_CLEARANCE_FIELDS.values(), "")
            for problem in clearance.problems_on(intake.taken_on):
                said[_CLEARANCE_FIELDS[problem]] += f" {clearance.problem_text(problem)}"
            said["clearance date"] += f" {clearance_timing_text(intake)}".rstrip()
            for field, text in said.items():
                if text:
                    self.errors.show(field, f"{field_label(field)}:{text}")
        trimester = intake.pregnancy_trimester
        if trimester is None:
            self.pregnancy_note.value = ""
            return
        ends = screening_ends(intake)
        note = _(
            "Trimester {trimester} on the screening date. This screening holds until {day}: "
            "{reason}."
        )
        self.pregnancy_note.value = escape(
            note.format(trimester=trimester, day=day_text(ends.on), reason=ends.reason)
        )

    def _show_flags(self, intake: Intake | None) -> None:
        """Why an answer starts ticked (a flag or report since the last screening) and, for
        the answers as they are, what still stands before the client may be stretched."""
        if not self.flagged:
            self.flag_note.value = ""
            return
        said = [_(_ASK_AGAIN[f.nerve]).format(flag=f.said) for f in self.flagged]
        problems = flag_problems(intake, self.flagged) if intake is not None else ()
        still = [_("Not ready to stretch: {problem}.").format(problem=p) for p in problems]
        self.flag_note.value = (
            '<div class="sk-flag-intro">'
            + "".join(f"<p>{escape(t)}</p>" for t in said)
            + "".join(f'<p class="sk-error">&#9888; {escape(t)}</p>' for t in still)
            + "</div>"
        )

    def _date_changed(self) -> None:
        """A new screening date moves a carried-over age on (or back) with it."""
        previous, day = self.previous, self.taken_on.value
        if previous is not None and day is not None and self.carried.active:
            aged = str(age_on(previous.intake.age, previous.taken_on, day))
            if not self.carried.is_changed("age"):
                self.form.fill({"age": aged})
            self.carried.recarry("age", aged)
        self._recompute()

    def _fill(self, intake: Intake) -> None:
        """Fill the form with an earlier screening's answers (the age moved on to the form's
        date); every one is marked, to be confirmed or changed."""
        day = self.taken_on.value or self.today()
        clearance = intake.clearance
        pregnant = intake.pregnancy_due_on is not None or intake.pregnancy_trimester is not None
        self.form.fill(
            {
                "age": str(age_on(intake.age, intake.taken_on, day)),
                **{f"parq-{n}": "Yes" if a else "No" for n, a in enumerate(intake.parq, 1)},
                **{field: getattr(intake, field) for field in self.flags},
                "injured": bool(intake.injuries),
                "injuries": [(i.body_part, i.kind) for i in intake.injuries],
                "recent surgery": intake.recent_surgery or "",
                "recent surgery date": intake.recent_surgery_on,
                "pregnancy": pregnant,
                "pregnancy due date": intake.pregnancy_due_on,
                "reduced": intake.reduced_flexibility,
                "warm-up": intake.warm_up_possible,
                "clearance": clearance is not None,
                "clearance date": clearance.issued_on if clearance else None,
                "clearance issued by": clearance.issued_by if clearance else "",
                "clearance covers": clearance.covers if clearance else (),
            }
        )

    def _client_changed(self) -> None:
        """Another client chosen: their latest answers, to confirm, or a blank form."""
        self.message.value = ""
        client = self.picker.value
        latest = None if client is None else self.store.screenings.latest(client)
        if latest is not None:
            self._fill(latest.intake)
        elif self._answers_of not in (None, client):
            self.form.blank()  # never keep the answers of another client
        self._answers_of = client if latest is not None else None
        self.previous = latest
        if latest is None:
            self.carried.drop()
        else:
            self.carried.carry(latest.taken_on, self._answers())
        self._read_flags(client)
        self._recompute()
        self._show_history()

    def _read_flags(self, client: int | None) -> None:
        """The client's unsettled flags and reports, their answers ticked."""
        self.flagged = () if client is None else pending_flags(self.store, client)
        self.form.fill({SYMPTOM_FIELD[flag.symptom]: True for flag in self.flagged})
        self._show_flags(None)

    def _show_history(self) -> None:
        client = self.picker.value
        if client is None:
            said = escape(_("Choose a client to see their history."))
            self.history.value = f'<p class="sk-muted">{said}</p>'
            return
        shown = screening_history(self.store, self.catalog, client, self.today())
        self.history.value = history_html(shown.rows, shown.current)

    def _chosen_client(self) -> int | None:
        """The chosen client's id; without one, say so next to the client field."""
        client = self.picker.value
        said = _("client: choose or add a client first")
        self.errors["client"].value = f"&#9888; {escape(said)}" if client is None else ""
        return client

    def save_screening(self) -> None:
        """Save the current result to the chosen client's history (never overwriting)."""
        client = self._chosen_client()
        if client is None:
            return
        if self.result is None:
            missing = self.unanswered()
            if self._missing is not None and not missing:
                self._show_error(self._missing)
                said = _("Not saved: {problem}.").format(problem=self._missing.problem)
                self.message.value = error_html(said)
            elif missing:
                said = _("Not saved. {unanswered}").format(unanswered=unanswered_text(missing))
                self.message.value = error_html(said)
            else:
                self.message.value = error_html(_("Fix the marked answer first."))
            return
        pending = self.carried.pending()
        if pending:
            day = day_text(self.carried.screened_on) if self.carried.screened_on else ""
            said = _(
                "Not saved: confirm with the client, or change, each answer carried over from "
                "the screening of {day}. Still to confirm: {answers}."
            )
            self.message.value = error_html(said.format(day=day, answers=", ".join(pending)))
            return
        try:
            saved = save_screening(self.store, self.catalog, client, self.result.intake)
        except StretchkitError as e:
            shown = error_text(e) if type(e) is ValidationError else str(e)
            self.message.value = error_html(shown)
            return
        self.picker.announce(client, "screened")
        name = self.store.clients.get(client).name
        said = _("Saved: screening of {day} for {name}.").format(
            day=day_text(self.result.intake.taken_on), name=name
        )
        self.message.value = f'<span class="sk-saved">{escape(said)}</span>'
        self.previous, self._answers_of = saved, client
        self.carried.drop()
        self._read_flags(client)
        self._recompute()
        self._show_history()

    def report_change(self) -> None:
        """Record that the client reported a change in health: their screening is due again."""
        client = self._chosen_client()
        if client is None:
            return
        report_health_change(self.store, client, self.today(), self.change_note.value)
        self.picker.announce(client, "health changed")
        self.change_note.value = ""
        self._reported()

    def _symptoms_reported(self) -> None:
        """Symptoms reported after a session: announced, and the answers they name ticked."""
        client = self._chosen_client()
        if client is not None:
            self.picker.announce(client, "health changed")
        self._reported()

    def _reported(self) -> None:
        """A change or symptoms were reported: the answers they name are ticked now."""
        self._read_flags(self.picker.value)
        self._recompute()
        self._show_history()
