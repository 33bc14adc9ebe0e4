"""A small form kit: each field declared once (its key, its widget, its blank value), and from
that declaration reading, filling and blanking the form, routing an error to the box of the
field it names, and `quiet()` changes that no observer reacts to."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from stretchkit.errors import StretchkitError
from stretchkit.widgets.kit.form_parts import FieldErrors

__all__ = ["Field", "FormKit"]

W = TypeVar("W")


@dataclass(frozen=True)
class Field:
    """One field: the key an error names it by, the widget holding its value, the value it
    takes when blanked, and (for a widget without a settable `value`) how to set it."""

    key: str
    widget: Any
    blank: object = None
    put: Callable[[Any], None] | None = None

    def read(self) -> Any:
        """The value the widget holds now."""
        return self.widget.value

    def write(self, value: object) -> None:
        """Show `value` in the widget."""
        if self.put is not None:
            self.put(value)
        else:
            self.widget.value = value


class FormKit:
    """The fields of one form, in the order declared, with an error box per key on demand;
    `on_change` is called when any field changes, except inside `quiet()`."""

    def __init__(
        self, on_change: Callable[[], None] | None = None, errors: FieldErrors | None = None
    ) -> None:
        self.fields: dict[str, Field] = {}
        self.errors = FieldErrors() if errors is None else errors
        self._on_change = on_change
        self._hushed = 0

    def add(self, key: str, widget: W, blank: object = None, **how: Any) -> W:
        """Declare a field (`watch=False` leaves it unobserved, `put=` sets a widget with no
        settable value); returns the widget, so it is declared where it is made."""
        if key in self.fields:
            raise ValueError(f"field {key!r} is declared twice")
        watch = how.pop("watch", True)
        self.fields[key] = Field(key, widget, blank, **how)
        if watch and self._on_change is not None and how.get("put") is None:
            widget.observe(lambda _c: self.changed(), names="value")  # type: ignore[attr-defined]
        return widget

    def __getitem__(self, key: str) -> Any:
        return self.fields[key].widget

    # -- quiet ------------------------------------------------------------------------------

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Changes made inside (nested or not) call no observer of the kit."""
        self._hushed += 1
        try:
            yield
        finally:
            self._hushed -= 1

    @property
    def is_quiet(self) -> bool:
        """True inside `quiet()`."""
        return self._hushed > 0

    def changed(self) -> None:
        """A field changed: tell `on_change`, unless quiet."""
        if self._on_change is not None and not self.is_quiet:
            self._on_change()

    def unless_quiet(self, callback: Callable[[], object]) -> Callable[..., None]:
        """`callback` as an observer (whatever it is called with), skipped while quiet."""

        def guarded(*_args: Any) -> None:
            if not self.is_quiet:
                callback()

        return guarded

    # -- values -----------------------------------------------------------------------------

    def read(self) -> dict[str, Any]:
        """Every field's value, by key."""
        return {key: field.read() for key, field in self.fields.items()}

    def fill(self, values: Mapping[str, object]) -> None:
        """Show the values given (by key), quietly; a key not declared is refused."""
        unknown = set(values) - set(self.fields)
        if unknown:
            raise KeyError(f"no such field: {', '.join(sorted(unknown))}")
        with self.quiet():
            for key, value in values.items():
                self.fields[key].write(value)

    def blank(self) -> None:
        """Every field back to its blank value, quietly."""
        self.fill({key: field.blank for key, field in self.fields.items()})

    # -- errors -----------------------------------------------------------------------------

    def box(self, key: str) -> Any:
        """The error box of a key (made on first asking), to place next to its field."""
        return self.errors[key] if key in self.errors else self.errors.box(key)

    def clear_errors(self) -> None:
        """Empty every error box."""
        self.errors.blank()

    def show_error(self, error: StretchkitError, fallback: str | None = None) -> str | None:
        """Show `str(error)` in the box of the field it names (else in `fallback`'s box, if
        one is given); nothing typed is touched. Returns the key it was shown at."""
        named = getattr(error, "field", None)
        key = named if isinstance(named, str) and named in self.errors else fallback
        if key is None:
            return None
        self.box(key)
        self.errors.show(key, error)
        return key

    def show_only(self, error: StretchkitError | None, fallback: str | None = None) -> None:
        """Empty every box, then show `error` (if any) by its field."""
        self.clear_errors()
        if error is not None:
            self.show_error(error, fallback)
