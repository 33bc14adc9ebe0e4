"""One table of the catalog file, with what is needed to name it in an error."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from stretchkit.errors import CatalogError, StretchkitError

__all__ = ["Entry"]

T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    """One table of the file, with what is needed to name it in an error."""

    file: str
    name: str
    data: Mapping[str, Any]
    prefix: str = ""
    """How the fields of a table inside the entry are named: 'pose.' for the pose's 'view'."""

    def fail(self, field: str, problem: str) -> CatalogError:
        return CatalogError(self.file, self.name, f"{self.prefix}{field}", problem)

    def get(self, field: str, kind: type[T], default: T | None = None) -> T:
        if field not in self.data:
            if default is not None:
                return default
            raise self.fail(field, "missing")
        value = self.data[field]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            if abs(value) > 2**53:
                raise self.fail(field, f"must be a number of a sensible size, got {value!r}")
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(field, f"must be {kind.__name__}, got {value!r}")
        return value

    def text(self, field: str, *, optional: bool = False) -> str:
        value = self.get(field, str, "" if optional else None)
        if not optional and not value.strip():
            raise self.fail(field, "must not be empty")
        return value

    def texts(self, field: str, *, optional: bool = False) -> tuple[str, ...]:
        items = self.get(field, list, [] if optional else None)
        if not optional and not items:
            raise self.fail(field, "must list at least one item")
        if not all(isinstance(i, str) and i.strip() for i in items):
            raise self.fail(field, "every item must be non-empty text")
        return tuple(items)

    def choice(self, field: str, allowed: Mapping[str, object] | tuple[str, ...]) -> str:
        value = self.text(field)
        if value not in allowed:
            raise self.fail(field, f"unknown value {value!r} (known: {', '.join(allowed)})")
        return value

    def choices(self, field: str, allowed: Mapping[str, object]) -> tuple[str, ...]:
        values = self.texts(field)
        for value in values:
            if value not in allowed:
                raise self.fail(field, f"unknown value {value!r} (known: {', '.join(allowed)})")
        return values

    def pair(self, field: str) -> tuple[int, int]:
        values = self.get(field, list)
        if len(values) != 2 or not all(type(v) is int for v in values):
            raise self.fail(field, f"must be [min, max] whole numbers, got {values!r}")
        return values[0], values[1]

    def build(self, field: str, make: Callable[[], T]) -> T:
        try:
            return make()
        except StretchkitError as e:
            raise self.fail(field, str(e)) from None

    def within(self, field: str) -> Entry:
        """The table under `field`, its fields named from this entry ('pose.client.near')."""
        return Entry(self.file, self.name, self.get(field, dict), f"{self.prefix}{field}.")

    def items_within(self, field: str) -> tuple[Entry, ...]:
        """The tables listed under `field`, each named by its place ('pose.contacts[2].on')."""
        items = self.get(field, list)
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise self.fail(f"{field}[{index + 1}]", f"must be a table, got {item!r}")
        return tuple(
            Entry(self.file, self.name, item, f"{self.prefix}{field}[{index + 1}].")
            for index, item in enumerate(items)
        )

    def sub(self, field: str, index: int, data: object) -> Entry:
        if not isinstance(data, Mapping):
            raise self.fail(field, f"item {index + 1} must be a table")
        return Entry(self.file, f"{self.name} {field}[{index + 1}]", data)
