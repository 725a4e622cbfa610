"""Reading content files and checking the shape of what they hold.

Shared by every loader of the package: TOML and text files read with the
file named in any error, tables checked key by key, ids checked for shape
and duplicates.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol

from exback_tui.material.errors import ContentError

# Ids become keys in the program file and parts of widget ids: lowercase words joined by "-".
ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class _Texts:
    """Field kind: a non-empty list of non-empty strings."""


TEXTS = _Texts()
Fields = dict[str, Any]  # name -> str | int | bool | TEXTS | list (an array of tables)


class KeptToml(Protocol):
    """Parsed TOML kept between starts (`exback_tui.parsed_cache.ParsedCache`)."""

    def toml(self, path: str) -> dict[str, Any] | None: ...

    def parsed_toml(self, path: str, data: dict[str, Any]) -> None: ...


_kept: KeptToml | None = None


def keep_toml_in(kept: KeptToml | None) -> None:
    """Take content files' data from `kept` while they are unchanged (None: always parse)."""
    global _kept
    _kept = kept


def read_toml(folder: Path, name: str) -> dict[str, Any]:
    """The TOML file `folder/name`; ContentError naming it if it can't be read."""
    path = str(folder / name)
    if _kept is not None:
        data = _kept.toml(path)
        if data is not None:
            return data
    import tomllib  # only when a file is parsed: most starts parse none

    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{name}: {error}") from None
    if _kept is not None:
        _kept.parsed_toml(path, data)
    return data


def read_text(folder: Path, name: str) -> str:
    """The UTF-8 text file `folder/name`; ContentError naming it if it can't be read."""
    try:
        return (folder / name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"{name}: {error}") from None


def array(name: str, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The top-level `[[key]]` array of a file, which must hold nothing else."""
    unknown = set(data) - {key}
    if unknown:
        raise ContentError(f"{name}: unknown top-level keys {sorted(unknown)}")
    return tables(name, data.get(key), f"[[{key}]]")


def tables(where: str, value: object, array: str) -> list[dict[str, Any]]:
    """`value` as a non-empty list of tables."""
    if not isinstance(value, list) or not value:
        raise ContentError(f"{where}: needs at least one {array}")
    for number, entry in enumerate(value, start=1):
        if not isinstance(entry, dict):
            raise ContentError(f"{where}: {array} #{number} must be a table of keys")
    return value


def fields(
    where: str, entry: dict[str, Any], required: Fields, optional: Fields | None = None
) -> dict[str, Any]:
    """Check one table's keys and value kinds; return it with optional defaults filled in."""
    optional = optional or {}
    extra = set(entry) - set(required) - set(optional)
    if extra:
        raise ContentError(f"{where}: unknown keys {sorted(extra)}")
    checked = dict(entry)
    for name, kind in required.items():
        if name not in entry:
            raise ContentError(f"{where}: missing {name!r}")
        check_kind(where, name, entry[name], kind)
    for name, (kind, default) in optional.items():
        if name in entry:
            check_kind(where, name, entry[name], kind)
        else:
            checked[name] = default
    return checked


def check_kind(where: str, name: str, value: object, kind: object) -> None:
    """Refuse `value` unless it is of `kind`: non-empty text, a whole number, a bool, TEXTS,
    a list."""
    if kind is TEXTS:
        if not isinstance(value, list) or not value:
            raise ContentError(f"{where}: {name!r} must be a non-empty list of text")
        for number, text in enumerate(value, start=1):
            if not isinstance(text, str) or not text.strip():
                raise ContentError(f"{where}: {name!r} item {number} must be non-empty text")
    elif kind is list:
        if not isinstance(value, list):
            raise ContentError(f"{where}: {name!r} must be an array of tables")
    elif kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ContentError(f"{where}: {name!r} must be a whole number")
    elif kind is str:
        if not isinstance(value, str) or not value.strip():
            raise ContentError(f"{where}: {name!r} must be non-empty text")
    elif kind is bool:
        if not isinstance(value, bool):
            raise ContentError(f"{where}: {name!r} must be true or false")
    else:  # pragma: no cover - a mistake in this package
        raise TypeError(kind)


def ids(where: str, entries: list[dict[str, Any]], what: str = "id") -> list[str]:
    """The entries' ids, checked for shape and duplicates."""
    seen: set[str] = set()
    for entry in entries:
        value = entry["id"]
        if not ID_PATTERN.fullmatch(value):
            raise ContentError(
                f"{where}: {what} {value!r} must be lowercase words joined by '-' (like 'miss-you')"
            )
        if value in seen:
            raise ContentError(f"{where}: duplicate {what} {value!r}")
        seen.add(value)
    return [entry["id"] for entry in entries]


def unique(where: str, values: list[str], what: str) -> None:
    """Refuse a value that comes twice."""
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ContentError(f"{where}: duplicate {what} {value!r}")
        seen.add(value)


def simple(
    folder: Path, name: str, key: str, kinds: Fields, optional: Fields | None = None
) -> list[dict[str, Any]]:
    """A file that is one `[[key]]` array of flat tables with unique ids."""
    entries = [
        fields(f"{name}: [[{key}]] #{n}", entry, kinds, optional)
        for n, entry in enumerate(array(name, read_toml(folder, name), key), start=1)
    ]
    ids(name, entries)
    return entries
