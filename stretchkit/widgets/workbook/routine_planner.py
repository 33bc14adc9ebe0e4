"""The routine planner: goals, time budget and days for a screened client; plan, edit, save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.i18n import N_, _, ngettext, pgettext
from stretchkit.planning.dose import check_routine
from stretchkit.planning.planner import GOALS, goals_heading, session_minutes
from stretchkit.planning.prescription import SIDE_TEXT, Side
from stretchkit.planning.read_back import error_said
from stretchkit.planning.routine import (
    BUDGET_RANGE,
    DAYS_RANGE,
    DEFAULT_BUDGET_MIN,
    DEFAULT_DAYS_PER_WEEK,
    WARM_UP_RANGE,
    Routine,
)
from stretchkit.services.events import ClientChanged, ClientEvents
from stretchkit.services.readiness import Readiness
from stretchkit.services.routine_planning import (
    NotReadyError,
    PlanSettings,
    add_to_routine,
    addable_stretches,
    plan_routine,
    routine_from_template,
    routine_history,
    save_routine,
    save_template,
    start_planning,
    template_names,
)
from stretchkit.session.log import parse_seconds, parse_whole
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.html_parts import error_html, warning_html
from stretchkit.views.routine_html import history_html, item_html, summary_html
from stretchkit.widgets.kit.client_picker import ClientPicker
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.kit.form_parts import FieldErrors
from stretchkit.widgets.kit.panel import Panel

__all__ = ["RoutinePlanner"]

_AUTO = w.Layout(width="auto")
_SMALL = w.Layout(width="auto", min_width="2.6em")
_HOLD_LABELS: dict[Side, str] = {
    "": N_("Hold (s)"),
    "left": N_("Left (s)"),
    "right": N_("Right (s)"),
}


def _muted(text: str) -> str:
    return f'<p class="sk-muted">{escape(text)}</p>'


class RoutinePlanner(Panel):
    """Plan a routine for the chosen client, edit it, and save it or keep it as a template."""

    css = ("sk-planner",)

    def __init__(
        self,
        store: ProgressStore,
        catalog: Catalog | None = None,
        today: Callable[[], date] = date.today,
        *,
        current: CurrentClient | None = None,
    ) -> None:
        self.store, self.catalog, self.today = store, catalog or default_catalog(), today
        self.routine: Routine | None = None
        self.status: Readiness | None = None
        self.errors = FieldErrors()
        self.picker = ClientPicker(store, lambda _client: self._client_changed(), current)
        super().__init__(
            [
                self.errors.section(
                    _("1. Client"), w.VBox([self.picker, self._readiness()]), "client"
                ),
                self.errors.section(_("2. Goals and time"), self._settings()),
                self.errors.section(_("3. Routine"), self._editor()),
                self.errors.section(_("4. Save"), self._saving()),
                self.errors.section(_("Routine history"), self._history()),
            ]
        )
        self._client_changed()
        if current is not None:
            current.events.subscribe(self._changed)

    def _changed(self, change: ClientChanged) -> None:
        """Show afresh what the store has now when the chosen client's screening, routine or
        sessions changed elsewhere (an unsaved plan gives way to the new screening)."""
        if change.client_id == self.picker.value and change.record:
            self._client_changed()

    # -- building ---------------------------------------------------------------------------

    def _readiness(self) -> w.Widget:
        self.readiness_view = w.HTML().add_class("sk-readiness")
        return self.readiness_view

    def _settings(self) -> w.Widget:
        self.goals = {
            g.id: w.Checkbox(description=_(g.name), indent=False).add_class(f"sk-goal-{g.id}")
            for g in GOALS
        }
        self.goals_title = w.HTML().add_class("sk-goals-title")
        for box in self.goals.values():
            box.observe(lambda _c: self._show_goals_title(), names="value")
        self._show_goals_title()
        budget = str(DEFAULT_BUDGET_MIN)
        self.budget = w.Text(
            value=budget,
            description=_("Minutes"),
            placeholder=_("e.g. {minutes}").format(minutes=budget),
        )
        self.budget.add_class("sk-budget")
        self.days = w.Dropdown(
            options=list(range(DAYS_RANGE[0], DAYS_RANGE[1] + 1)),
            value=DEFAULT_DAYS_PER_WEEK,
            description=_("Days/week"),
        )
        self.days.add_class("sk-days")
        self.warm_up = w.Dropdown(
            options=[
                (_("{minutes} min").format(minutes=m), m)
                for m in range(WARM_UP_RANGE[0], WARM_UP_RANGE[1] + 1)
            ],
            value=WARM_UP_RANGE[0],
            description=_("Warm-up"),
        )
        self.plan_button = w.Button(
            description=_("Plan routine"), icon="magic", button_style="primary", layout=_AUTO
        ).add_class("sk-plan")
        self.plan_button.on_click(lambda _b: self.make_plan())
        self.template_choice = w.Dropdown(description=_("Template")).add_class("sk-template-choice")
        self.use_template = w.Button(description=_("Use template"), layout=_AUTO)
        self.use_template.add_class("sk-use-template")
        self.use_template.on_click(lambda _b: self.apply_template())
        return w.VBox(
            [
                self.goals_title,
                w.HBox(list(self.goals.values()), layout=w.Layout(flex_flow="row wrap")),
                self.budget,
                self.errors.box("time budget"),
                self.days,
                self.warm_up,
                self.errors.box("goal"),
                w.HBox([self.plan_button]),
                w.HBox([self.template_choice, self.use_template]),
                self.errors.box("template"),
            ]
        )

    def _editor(self) -> w.Widget:
        self.items_box = w.VBox().add_class("sk-routine-items")
        self.add_choice = w.Dropdown(description=pgettext("routine", "Add")).add_class(
            "sk-add-choice"
        )
        self.add_button = w.Button(description=_("Add stretch"), icon="plus", layout=_AUTO)
        self.add_button.add_class("sk-add-stretch")
        self.add_button.on_click(lambda _b: self.add_chosen())
        self.summary = w.HTML().add_class("sk-routine-summary")
        return w.VBox(
            [
                self.items_box,
                w.HBox([self.add_choice, self.add_button]),
                self.errors.box("stretch"),
                self.summary,
            ]
        )

    def _saving(self) -> w.Widget:
        self.save_button = w.Button(
            description=_("Save as the client's routine"), icon="save", button_style="success"
        ).add_class("sk-save-routine")
        self.save_button.layout = _AUTO
        self.save_button.on_click(lambda _b: self.save_routine())
        self.template_name = w.Text(
            description=_("Name"), placeholder=_("e.g. Desk posture 20 min")
        )
        self.template_name.add_class("sk-template-name")
        self.save_template = w.Button(description=_("Save as template"), icon="copy", layout=_AUTO)
        self.save_template.add_class("sk-save-template")
        self.save_template.on_click(lambda _b: self.keep_template())
        self.message = w.HTML().add_class("sk-message")
        return w.VBox(
            [
                self.save_button,
                w.HBox([self.template_name, self.save_template]),
                self.errors.box("template name"),
                self.message,
            ]
        )

    def _history(self) -> w.Widget:
        self.history = w.HTML().add_class("sk-routine-history-view")
        return self.history

    # -- reacting ---------------------------------------------------------------------------

    def _show_error(self, error: StretchkitError, fallback: str) -> None:
        field = error.field if isinstance(error, ValidationError | NotReadyError) else fallback
        self.errors.show(field if field in self.errors else fallback, error_said(error))

    def _client_changed(self) -> None:
        self.errors.blank()
        self.message.value = ""
        self._refresh_templates()
        client = self.picker.value
        if client is None:
            self.status = None
            self.readiness_view.value = _muted(_("Choose a client to plan for."))
            self._set_routine(None)
            self._show_settings(None)
            self.history.value = ""
            return
        start = start_planning(self.store, self.catalog, client, self.today())
        self.status = start.readiness
        css = "sk-ready" if self.status.ready else "sk-error"
        self.readiness_view.value = f'<p class="{css}">{escape(self.status.message)}</p>'
        self._set_routine(start.routine)
        self._show_settings(start.routine)
        self.history.value = history_html(list(start.history), self.catalog)

    def _chosen_goals(self) -> tuple[str, ...]:
        return tuple(goal for goal, box in self.goals.items() if box.value)

    def _show_goals_title(self) -> None:
        title = goals_heading(self._chosen_goals())
        head, _, rest = title.partition(" ")
        self.goals_title.value = f"<b>{escape(head)}</b> {escape(rest)}".rstrip()

    def _show_settings(self, routine: Routine | None) -> None:
        """Tick the saved routine's goals and show its days and warm-up (none ticked for a
        client with no routine yet)."""
        chosen = set(routine.goals) if routine is not None else set()
        for goal, box in self.goals.items():
            box.value = goal in chosen
        if routine is not None:
            self.days.value = routine.days_per_week
            self.warm_up.value = routine.warm_up_min
            self.budget.value = str(routine.budget_min)

    def _show_history(self) -> None:
        client = self.picker.value
        saved = list(routine_history(self.store, client)) if client is not None else []
        self.history.value = history_html(saved, self.catalog)

    def _refresh_templates(self) -> None:
        names = template_names(self.store)
        self.template_choice.options = [(_("Choose a template..."), ""), *((n, n) for n in names)]

    def _chosen_client(self) -> int | None:
        """The chosen client's id; without one, say so next to the client field."""
        client = self.picker.value
        if client is None:
            self.errors.show("client", _("client: choose or add a client first"))
        return client

    def _budget(self) -> int:
        return parse_whole("time budget", self.budget.value, *BUDGET_RANGE, "min")

    def make_plan(self) -> None:
        """Plan a routine from the goals, budget and days for the chosen client."""
        self.errors.blank()
        client = self._chosen_client()
        if client is None:
            return
        chosen = self._chosen_goals()
        try:
            settings = PlanSettings(chosen, self._budget(), self.days.value, self.warm_up.value)
            routine = plan_routine(self.store, self.catalog, client, self.today(), settings)
        except StretchkitError as e:
            self._show_error(e, "time budget")
            return
        self.message.value = ""
        self._set_routine(routine)

    def apply_template(self) -> None:
        """Make the chosen template this client's, fitted to their screening."""
        self.errors.blank()
        client = self._chosen_client()
        if client is None:
            return
        try:
            routine = routine_from_template(
                self.store, self.catalog, client, self.today(), self.template_choice.value
            )
        except StretchkitError as e:
            self._show_error(e, "template")
            return
        self._set_routine(routine)

    # -- the editor -------------------------------------------------------------------------

    def _set_routine(self, routine: Routine | None) -> None:
        self.routine = routine
        self.items_box.children = (
            [self._item_row(i) for i in range(len(routine.items))] if routine else []
        )
        self._refresh_add_choice()
        self._show_summary()

    def _show_summary(self) -> None:
        if self.routine is None:
            self.summary.value = _muted(_("Plan a routine to see it here."))
            return
        minutes = session_minutes(self.routine, self.catalog)
        advice = check_routine(self.routine, self.catalog)
        self.summary.value = summary_html(self.routine, minutes, advice)

    def _refresh_add_choice(self) -> None:
        screening = self.status.screening if self.status else None
        options = [
            (catalog_text(self.catalog.stretch(sid).name), sid)
            for sid in addable_stretches(screening, self.routine)
        ]
        self.add_choice.options = [(_("Choose a stretch..."), ""), *options]

    def _item_row(self, index: int) -> w.Widget:
        assert self.routine is not None
        item = self.routine.items[index]
        sid, rx = item.stretch_id, item.prescription
        error = w.HTML().add_class("sk-error").add_class(f"sk-error-{sid}")
        holds = [self._hold_field(sid, side, rx.hold_for(side), error) for side in rx.sides]
        reps = w.Dropdown(
            options=list(range(rx.rep_range.min_reps, rx.rep_range.max_reps + 1)),
            value=rx.reps,
            description=_("Reps"),
            layout=w.Layout(width="130px"),
        ).add_class(f"sk-reps-{sid}")
        reps.observe(lambda c: self._edit(lambda r: r.with_reps(sid, c["new"]), error), "value")
        buttons = [
            self._button("\u2191", f"sk-up-{sid}", _("Move up"), lambda r: r.moved(sid, -1), error),
            self._button(
                "\u2193", f"sk-down-{sid}", _("Move down"), lambda r: r.moved(sid, 1), error
            ),
            self._button(
                "\u2715", f"sk-remove-{sid}", _("Remove"), lambda r: r.without(sid), error
            ),
        ]
        controls = w.HBox([*holds, reps, *buttons], layout=w.Layout(flex_flow="row wrap"))
        head = w.HTML(item_html(self.routine, index, self.catalog))
        return w.VBox([head, controls, error]).add_class("sk-item").add_class(f"sk-item-{sid}")

    def _button(
        self,
        label: str,
        css: str,
        tip: str,
        change: Callable[[Routine], Routine],
        error: w.HTML,
    ) -> w.Button:
        button = w.Button(description=label, tooltip=tip, layout=_SMALL).add_class(css)
        button.on_click(lambda _b: self._edit(change, error))
        return button

    def _hold_field(self, sid: str, side: Side, hold_s: int, error: w.HTML) -> w.Text:
        label = _(_HOLD_LABELS[side])
        css = f"sk-hold-{sid}" + (f"-{side}" if side else "")
        field = w.Text(
            value=str(hold_s),
            description=label,
            continuous_update=False,
            layout=w.Layout(width="150px"),
        ).add_class(css)

        def changed(_c: object) -> None:
            field_name = f"hold ({SIDE_TEXT[side]})" if side else "hold"
            try:
                seconds = parse_seconds(field_name, field.value)
            except ValidationError as e:
                error.value = warning_html(error_said(e))
                return
            self._edit(lambda r: r.with_hold(sid, side, seconds), error)

        field.observe(changed, "value")
        return field

    def _edit(self, change: Callable[[Routine], Routine], error: w.HTML) -> None:
        """Apply one edit; on an error show it by the stretch and keep what was typed."""
        if self.routine is None:
            return
        try:
            routine = change(self.routine)
        except StretchkitError as e:
            error.value = warning_html(error_said(e))
            return
        self.message.value = ""
        self._set_routine(routine)

    def add_chosen(self) -> None:
        """Add the stretch chosen in the 'Add' list to the end of the routine."""
        self.errors["stretch"].value = ""
        client = self._chosen_client()
        if client is None:
            return
        chosen = self.add_choice.value
        if not chosen:
            self.errors.show("stretch", _("stretch: choose a stretch to add"))
            return
        base = self.routine or Routine(
            (), budget_min=self._budget_or_default(), days_per_week=self.days.value
        )
        try:
            routine = add_to_routine(
                self.store, self.catalog, client, self.today(), base, stretch_id=chosen
            )
            self._set_routine(routine)
        except StretchkitError as e:
            self._show_error(e, "stretch")

    def _budget_or_default(self) -> int:
        try:
            return self._budget()
        except ValidationError:
            return 20

    # -- saving -----------------------------------------------------------------------------

    def save_routine(self) -> None:
        """Save the routine as the chosen client's current one (earlier ones are kept)."""
        client = self.picker.value
        if client is None or self.routine is None:
            self.message.value = error_html(_("Plan a routine for a client first."))
            return
        routine, name = self.routine, self.picker.client.label
        try:
            save_routine(
                self.store, self.catalog, client, self.today(), routine, events=self._events()
            )
        except StretchkitError as e:
            self.message.value = error_html(error_said(e))
            return
        self._set_routine(routine)
        saved = ngettext(
            "Saved: %(num)d stretch as {name}'s routine.",
            "Saved: %(num)d stretches as {name}'s routine.",
            len(routine.items),
        ) % {"num": len(routine.items)}
        self.message.value = f'<span class="sk-saved">{escape(saved.format(name=name))}</span>'
        self._show_history()

    def _events(self) -> ClientEvents | None:
        current = self.picker.current
        return None if current is None else current.events

    def keep_template(self) -> None:
        """Keep the routine as a named template for other clients."""
        self.errors["template name"].value = ""
        if self.routine is None:
            self.message.value = error_html(_("Plan a routine first."))
            return
        try:
            saved = save_template(self.store, self.template_name.value, self.routine)
        except ValidationError as e:
            self._show_error(e, "template name")
            return
        said = _('Saved template "{name}".').format(name=saved.name)
        self.message.value = f'<span class="sk-saved">{escape(said)}</span>'
        self._refresh_templates()
