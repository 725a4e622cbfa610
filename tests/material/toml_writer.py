"""Writing content TOML back after a test changed it as data (enough TOML for content/)."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def _is_tables(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _table(lines: list[str], table: dict[str, Any], prefix: str) -> None:
    for key, value in table.items():
        if not _is_tables(value):
            lines.append(f"{json.dumps(key)} = {_value(value)}")
    for key, value in table.items():
        if _is_tables(value):
            path = f"{prefix}.{key}" if prefix else key
            for entry in value:
                lines.append(f"\n[[{path}]]")
                _table(lines, entry, path)


def dump_toml(data: dict[str, Any]) -> str:
    """Enough TOML for the content files: scalars, lists and arrays of tables, nested."""
    lines: list[str] = []
    _table(lines, data, "")
    return "\n".join(lines) + "\n"


def change_toml(folder: Path, name: str, change: Callable[[dict[str, Any]], object]) -> None:
    """Read `folder/name`, let `change` edit it as data, write it back."""
    path = folder / name
    data = tomllib.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(dump_toml(data), "utf-8")
