"""A tiny TOML writer for the shapes the catalog uses, so tests can write altered catalogs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(i) for i in v) + "]"
    if isinstance(v, Mapping):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_value(i)}" for k, i in v.items()) + " }"
    raise TypeError(f"cannot write {v!r} as TOML")


def _is_table_array(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(i, Mapping) for i in v)


def dumps(data: Mapping[str, Any]) -> str:
    """TOML text for a dict of scalars, tables of tables, and arrays of tables."""
    lines = [f"{json.dumps(k)} = {_value(v)}" for k, v in data.items() if not _nested(v)]
    for key, value in data.items():
        if isinstance(value, Mapping):
            for name, table in value.items():
                lines.append(f"[{json.dumps(key)}.{json.dumps(name)}]")
                lines += [f"{json.dumps(k)} = {_value(v)}" for k, v in table.items()]
        elif _is_table_array(value):
            for table in value:
                lines.append(f"[[{json.dumps(key)}]]")
                lines += [f"{json.dumps(k)} = {_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def _nested(v: Any) -> bool:
    return isinstance(v, Mapping) or _is_table_array(v)


def dumps_inline(data: Mapping[str, Any]) -> str:
    """TOML for any dict of TOML values: one top-level key a line, everything nested inline
    (so a test may put any value anywhere, even where the catalog expects a table)."""
    return "\n".join(f"{json.dumps(k)} = {_value(v)}" for k, v in data.items()) + "\n"
