"""Answers carried over from a client's last screening: each marked 'from the screening of
<date>' until the trainer confirms it or changes it; a carried answer left as it was must be
confirmed, so a 'no' is never saved again without someone asking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.i18n import _, ngettext
from stretchkit.screening.day_text import day_text

__all__ = ["CarriedAnswers"]


@dataclass
class _Mark:
    label: str
    view: w.HTML
    confirm: w.Checkbox
    box: w.HBox
    carried: object = None
    changed: bool = False


class CarriedAnswers:
    """The 'from the screening of' marks of a form, one per answer, by key."""

    def __init__(self, on_change: Callable[[], None]) -> None:
        self._on_change = on_change
        self._marks: dict[str, _Mark] = {}
        self.screened_on: date | None = None
        self.summary = w.HTML().add_class("sk-carried-summary")
        """What was carried over, and how many answers are still to confirm."""

    def mark(self, key: str, label: str) -> w.Widget:
        """A new (hidden) mark for one answer, to place next to it."""
        view = w.HTML().add_class("sk-carried-note")
        confirm = w.Checkbox(
            description=_("Confirmed"), indent=False, layout=w.Layout(width="auto")
        )
        confirm.add_class(f"sk-confirm-{key}")
        confirm.observe(lambda _c: self._on_change(), names="value")
        layout = w.Layout(display="none", flex_flow="row wrap", align_items="center")
        box = w.HBox([view, confirm], layout=layout)
        box.add_class("sk-carried").add_class(f"sk-carried-{key}")
        self._marks[key] = _Mark(label, view, confirm, box)
        return box

    @property
    def keys(self) -> list[str]:
        """The key of every answer that can be carried, in form order."""
        return list(self._marks)

    def confirm_box(self, key: str) -> w.Checkbox:
        """The 'Confirmed' tick of one answer."""
        return self._marks[key].confirm

    def note(self, key: str) -> str:
        """The mark shown by one answer ('' when it carries nothing)."""
        mark = self._marks[key]
        return "" if mark.box.layout.display == "none" else str(mark.view.value)

    def carry(self, screened_on: date, values: dict[str, object]) -> None:
        """Mark these answers (by key: the value filled in) as carried from a screening;
        every other mark is hidden."""
        self.screened_on = screened_on
        for key, mark in self._marks.items():
            mark.confirm.value = False
            mark.changed = False
            mark.carried = values.get(key)
            mark.box.layout.display = None if key in values else "none"
            mark.box.remove_class("sk-carried-confirmed")
        self.update(values)

    def recarry(self, key: str, value: object) -> None:
        """A carried answer's value moved on (the age, when the screening date changes)."""
        self._marks[key].carried = value

    def drop(self) -> None:
        """No answer is carried any more (another client, or this screening was saved)."""
        self.screened_on = None
        self.summary.value = ""
        for mark in self._marks.values():
            mark.box.layout.display = "none"
            mark.confirm.value = False

    @property
    def active(self) -> bool:
        """True while answers carried from an earlier screening are shown."""
        return self.screened_on is not None

    def carried(self, key: str) -> object:
        """The value carried into this answer (None when it carries none)."""
        return self._marks[key].carried if self.active else None

    def is_changed(self, key: str) -> bool:
        """True when the trainer changed this carried answer."""
        return self.active and self._marks[key].changed

    def update(self, values: dict[str, object]) -> None:
        """Show, for each carried answer, whether it was changed, confirmed, or is still to
        be confirmed, given the form's current values."""
        if self.screened_on is None:
            return
        day = day_text(self.screened_on)
        for key, mark in self._marks.items():
            if mark.box.layout.display == "none" or key not in values:
                continue
            mark.changed = values[key] != mark.carried
            mark.confirm.layout.display = "none" if mark.changed else None
            if mark.changed:
                text = _("changed since the screening of {day}").format(day=day)
            else:
                text = _("from the screening of {day}").format(day=day)
            mark.view.value = f'<span class="sk-carried-text">{escape(text)}</span>'
            done = mark.changed or mark.confirm.value
            (mark.box.add_class if done else mark.box.remove_class)("sk-carried-done")
        left = len(self.pending())
        still = (
            ngettext("{count} still to confirm.", "{count} still to confirm.", left).format(
                count=left
            )
            if left
            else _("Every answer is confirmed or changed.")
        )
        intro = _(
            "The answers below are those of the screening of {day} (the age moved on to the "
            "screening date). Ask the client each one again: tick <i>Confirmed</i>, or change "
            "the answer; the screening saves once every one is confirmed or changed."
        ).format(day=escape(day))
        self.summary.value = f'<div class="sk-carried-intro">{intro} <b>{escape(still)}</b></div>'

    def pending(self) -> list[str]:
        """The labels of the carried answers neither confirmed nor changed, in form order."""
        if self.screened_on is None:
            return []
        return [
            m.label
            for m in self._marks.values()
            if m.box.layout.display != "none" and not m.changed and not m.confirm.value
        ]
