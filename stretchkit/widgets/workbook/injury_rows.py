"""The injury picker: a list of rows (where, what kind), none by default."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w

from stretchkit.i18n import _
from stretchkit.screening.answers import injury_kind_text
from stretchkit.screening.intake import INJURY_KINDS

__all__ = ["InjuryRows"]

_ROW = w.Layout(flex_flow="row wrap", align_items="center", width="100%")


def _capital(text: str) -> str:
    """The text with its first letter a capital ('Strain', 'Distensión')."""
    return text[:1].upper() + text[1:]


class InjuryRows(w.VBox):  # type: ignore[misc]
    """Recent injuries, one row each (where, what kind, remove); 'No injury added yet' when there
    are none. `value` is the rows as (body part id or None, kind or None) pairs, in order."""

    def __init__(self, parts: Sequence[tuple[str, str]], on_change: Callable[[], None]) -> None:
        self._parts = [(_("Choose where..."), ""), *parts]
        self._kinds = [
            (_("Choose the kind..."), ""),
            *((_capital(injury_kind_text(k)), k) for k in INJURY_KINDS),
        ]
        self._on_change = on_change
        self.rows: list[tuple[w.Dropdown, w.Dropdown, w.Button]] = []
        self.none = w.HTML(_("No injury added yet")).add_class("sk-no-injury")
        self.list = w.VBox([]).add_class("sk-injury-list")
        self.add = w.Button(
            description=_("Add injury"),
            icon="plus",
            layout=w.Layout(width="auto", align_self="flex-start"),
        )
        self.add.add_class("sk-add-injury")
        self.add.on_click(lambda _b: self.add_row())
        super().__init__([self.none, self.list, self.add])
        self.add_class("sk-injuries")

    @property
    def value(self) -> tuple[tuple[str | None, str | None], ...]:
        """Each row's (body part id, kind); None where it is not chosen yet."""
        return tuple((where.value or None, kind.value or None) for where, kind, _ in self.rows)

    def add_row(self, where: str | None = None, kind: str | None = None) -> None:
        """Add a row (blank unless given), then tell the form."""
        self._append(where, kind)
        self._show()
        self._on_change()

    def set(self, injuries: Sequence[tuple[str | None, str | None]]) -> None:
        """Replace every row with these, then tell the form once."""
        self.rows = []
        for where, kind in injuries:
            self._append(where, kind)
        self._show()
        self._on_change()

    def remove(self, number: int) -> None:
        """Remove the row at this position (from 0), then tell the form."""
        del self.rows[number]
        self._show()
        self._on_change()

    def _append(self, where: str | None, kind: str | None) -> None:
        n = len(self.rows) + 1
        where_said = _("Injury {number}: where").format(number=n)
        place = w.Dropdown(options=self._parts, value=where or "", description=where_said)
        sort = w.Dropdown(options=self._kinds, value=kind or "", description=_("kind"))
        for box, css in ((place, "sk-injury-where"), (sort, "sk-injury-kind")):
            box.style.description_width = "initial"
            box.layout = w.Layout(width="auto", max_width="100%")
            box.add_class(css)
            box.observe(lambda _c: self._on_change(), names="value")
        remove = w.Button(description=_("Remove"), icon="times", layout=w.Layout(width="auto"))
        remove.add_class("sk-remove-injury")
        remove.on_click(lambda b: self.remove([r[2] for r in self.rows].index(b)))
        self.rows.append((place, sort, remove))

    def _show(self) -> None:
        for n, (place, _kind, _remove) in enumerate(self.rows, 1):
            place.description = _("Injury {number}: where").format(number=n)
        self.list.children = [w.HBox(list(row), layout=_ROW) for row in self.rows]
        self.none.layout.display = "none" if self.rows else None
        self.add.description = _("Add another injury") if self.rows else _("Add injury")
