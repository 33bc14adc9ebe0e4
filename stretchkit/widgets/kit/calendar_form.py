"""Put the planned sessions in a calendar: tick the weekdays, type a time for each, choose the
time zone and the reminder, and download an iCalendar file a phone's calendar imports. The
personal link goes in only when the box is ticked (dashboard) or a link is pasted (workbook).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from html import escape
from pathlib import Path
from zoneinfo import available_timezones

import ipywidgets as w

from stretchkit.catalog import Catalog
from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.i18n import N_, _
from stretchkit.i18n.formatting import weekday_name
from stretchkit.planning.session_calendar import (
    DEFAULT_DAYS,
    DEFAULT_TIME,
    REMINDER_MIN,
    WEEKDAYS,
    SessionTime,
    parse_time,
)
from stretchkit.services.session_calendar import CALENDAR_FILE, client_calendar
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.html_parts import download_link, warning_html
from stretchkit.widgets.kit.form_kit import FormKit
from stretchkit.widgets.kit.panel import button

__all__ = ["CalendarForm", "local_zone", "time_field"]

_GENERAL = "calendar"
"""The box for a problem no single field has (no client, no routine, times to check)."""

_DEFAULT = DEFAULT_TIME.strftime("%H:%M")
_TICK = w.Layout(width="9em")
_REMINDERS = [
    (N_("No reminder"), 0),
    (N_("10 minutes before"), 10),
    (N_("30 minutes before"), 30),
    (N_("1 hour before"), 60),
    (N_("2 hours before"), 120),
]
_INTRO = N_(
    "Tick the days you stretch and the time of each; the file adds them to your phone's "
    "calendar as weekly events. Download it again after a change: the same events are "
    "updated."
)


def local_zone(environ: dict[str, str] | None = None) -> str:
    """This computer's time zone name ($TZ, else /etc/localtime's), else UTC."""
    named = (environ if environ is not None else dict(os.environ)).get("TZ", "").lstrip(":")
    if named in available_timezones():
        return named
    try:
        target = Path("/etc/localtime").resolve().as_posix()
    except OSError:
        return "UTC"
    found = target.split("/zoneinfo/", 1)[-1] if "/zoneinfo/" in target else ""
    return found if found in available_timezones() else "UTC"


def time_field(weekday: int) -> str:
    """The key of a weekday's time: the field an error about it names."""
    return f"time ({WEEKDAYS[weekday]})"


class _DayRow(w.HBox):  # type: ignore[misc]
    """One weekday, its fields declared in the form: ticked or not, the time typed, and the
    problem with it next to it."""

    def __init__(self, weekday: int, form: FormKit) -> None:
        self.weekday = weekday
        day = weekday_name(weekday)
        tick = w.Checkbox(description=day[:1].upper() + day[1:], indent=False, layout=_TICK)
        self.tick = form.add(f"day ({WEEKDAYS[weekday]})", tick, False)
        typed = w.Text(value=_DEFAULT, layout=w.Layout(width="6em"))
        self.time = form.add(time_field(weekday), typed, _DEFAULT)
        self.time.add_class(f"sk-calendar-time-{weekday}")
        self.error = form.box(time_field(weekday))
        super().__init__([self.tick, self.time, self.error])
        self.add_class("sk-calendar-day")

    def chosen(self) -> SessionTime | None:
        """The weekday's session time, None when not ticked; a bad time raises, named."""
        if not self.tick.value:
            return None
        return SessionTime(self.weekday, parse_time(self.time.value, self.weekday))


def _link_fields(form: FormKit, *, own: bool, paste: bool) -> tuple[w.Checkbox, w.Text]:
    """The box asking for the client's own link (dashboard) and the field for a pasted one
    (workbook), each shown only where it applies."""
    with_link = w.Checkbox(
        description=_("Put my personal link in the events (keep the file to yourself)"),
        indent=False,
        layout=w.Layout(width="auto", display=None if own else "none"),
    ).add_class("sk-calendar-with-link")
    pasted = w.Text(
        description=_("Link (only if the client asks)"),
        style={"description_width": "auto"},
        layout=w.Layout(width="100%", max_width="560px", display=None if paste else "none"),
    ).add_class("sk-calendar-link")
    return form.add("with link", with_link, False), form.add("link", pasted, "")


class CalendarForm(w.VBox):  # type: ignore[misc]
    """The calendar download for one client (`client_id()` says which, None: none chosen).
    With `own_link`, a box asks whether to put the client's own link in; with
    `paste_link`, a field takes a link the trainer pastes."""

    def __init__(
        self,
        store: ProgressStore,
        catalog: Catalog,
        client_id: Callable[[], int | None],
        *,
        today: Callable[[], date] = date.today,
        own_link: Callable[[], str] | None = None,
        paste_link: bool = False,
    ) -> None:
        self.store, self.catalog, self.client_id, self.today = store, catalog, client_id, today
        self.own_link = own_link
        self.form = FormKit()
        self.rows = [_DayRow(d, self.form) for d in range(7)]
        fits = {"width": "100%", "max_width": "360px"}
        zone = w.Combobox(
            value=local_zone(),
            options=sorted(available_timezones()),
            description=_("Time zone"),
            layout=w.Layout(**fits),
        ).add_class("sk-calendar-zone")
        self.zone = self.form.add("time zone", zone, local_zone())
        reminder = w.Dropdown(
            options=[(_(said), minutes) for said, minutes in _REMINDERS],
            value=REMINDER_MIN,
            description=_("Reminder"),
            layout=w.Layout(**fits),
        )
        self.reminder = self.form.add("reminder", reminder, REMINDER_MIN)
        self.with_link, self.pasted = _link_fields(
            self.form, own=own_link is not None, paste=paste_link
        )
        self.error = self.form.box(_GENERAL).add_class("sk-calendar-error")
        self.result = w.HTML().add_class("sk-calendar-result")
        make = button(_("Make the calendar file"), "calendar", "sk-calendar-make", self.make)
        parts = [w.HTML(f"<p>{escape(_(_INTRO))}</p>"), *self.rows]
        parts += [self.zone, self.form.box("time zone"), self.reminder, self.form.box("reminder")]
        super().__init__([*parts, self.with_link, self.pasted, make, self.error, self.result])
        self.add_class("sk-calendar")
        self.suggest()

    def suggest(self) -> None:
        """Tick the routine's days per week, spread over the week (keeps typed times)."""
        chosen = self.client_id()
        saved = self.store.routines.current(chosen) if chosen is not None else None
        days = DEFAULT_DAYS[saved.routine.days_per_week if saved else 3]
        self.form.fill({f"day ({WEEKDAYS[d]})": d in days for d in range(7)})

    def _times(self) -> tuple[SessionTime, ...]:
        """The ticked days' times; a bad time is shown next to its day (all are checked)."""
        found, bad = [], False
        for row in self.rows:
            try:
                time = row.chosen()
            except ValidationError as e:
                self.form.show_error(e, _GENERAL)
                bad = True
                continue
            if time is not None:
                found.append(time)
        if bad:
            raise ValidationError("times", "", "check the times marked above")
        return tuple(found)

    def _link(self) -> str | None:
        if self.own_link is not None and self.with_link.value:
            return self.own_link()
        return self.pasted.value.strip() or None

    def make(self) -> None:
        """Build the file and offer it as a download; a problem is shown, nothing typed lost."""
        self.form.clear_errors()
        self.result.value = ""
        chosen = self.client_id()
        if chosen is None:
            self.error.value = warning_html(_("Choose a client first."))
            return
        try:
            data = client_calendar(
                self.store,
                self.catalog,
                chosen,
                self._times(),
                zone=self.zone.value.strip(),
                today=self.today(),
                now=datetime.now().astimezone(),
                link=self._link(),
                reminder_min=self.reminder.value,
            )
        except StretchkitError as e:
            self.form.show_error(e, _GENERAL)
            return
        said = _("Download the calendar file")
        link = download_link(data, CALENDAR_FILE, "text/calendar", said)
        after = escape(_("(open it on your phone to add the sessions)"))
        self.result.value = f"<p>{link} {after}</p>"
