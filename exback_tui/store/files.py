"""Private folders, atomic writes and careful reads of JSON files.

A write never touches the file it replaces: it writes a 0600 temp file in the
same folder, fsyncs it, renames it over the old one with `os.replace`, then
fsyncs the folder so the rename itself survives a power cut. A reader sees
the old file or the new one, never half of either.
"""

from __future__ import annotations

import os
from pathlib import Path

from exback_tui.store.errors import DamagedFile, WriteFailed

DIR_MODE = 0o700
FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it 0700, whatever the umask."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        _fsync_dir(path.parent)
    if path.stat().st_mode & 0o777 != DIR_MODE:
        path.chmod(DIR_MODE)
    return path


def temp_path_for(path: Path) -> Path:
    """A fresh temp-file name beside `path`, unique to this process and call."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` completely or not at all; raise WriteFailed on error.

    On failure the temp file is removed and the old file is untouched.
    """
    temp = temp_path_for(path)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        _fsync_dir(path.parent)
    except OSError as error:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass  # the next start sweeps stray temp files; the original error matters more
        raise WriteFailed(path, error) from error


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stray_temp_files(folder: Path, name: str) -> list[Path]:
    """Delete temp files a killed writer left for `name`. Call only while holding the lock."""
    removed = []
    prefix = f".{name}."
    for entry in folder.iterdir():
        if _is_temp_name(entry.name, prefix):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def _is_temp_name(entry: str, prefix: str) -> bool:
    # Exactly the names temp_path_for makes: ".<name>.<pid>.<8 hex>.tmp". A looser
    # match would also sweep the temp files of other names that share the prefix
    # (".plan.json.damaged-<hash>.<pid>.<hex>.tmp").
    if not (entry.startswith(prefix) and entry.endswith(TEMP_SUFFIX)):
        return False
    pid, dot, token = entry[len(prefix) : -len(TEMP_SUFFIX)].partition(".")
    return (
        dot == "."
        and pid.isascii()
        and pid.isdigit()
        and len(token) == 8
        and all(c in "0123456789abcdef" for c in token)
    )


def read_json_tables(path: Path) -> dict[str, dict[str, dict]] | None:
    """The TinyDB tables stored in `path`, or None when there is no file yet.

    Anything that is not a JSON object of tables of documents raises
    DamagedFile, after a copy of the file is kept beside it.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return parse_tables(path, raw)


def parse_tables(path: Path, raw: bytes) -> dict[str, dict[str, dict]]:
    """Parse the bytes of a TinyDB file; DamagedFile (with a copy kept) if they don't fit."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise damaged(path, raw, f"it is not UTF-8 text (byte {error.start})") from None
    if not text.strip():
        raise damaged(path, raw, "it is empty")
    try:
        tables = loads(text)
    except ValueError as error:
        raise damaged(path, raw, f"it is not valid JSON ({error})") from None
    if not isinstance(tables, dict):
        raise damaged(path, raw, "it does not hold tables")
    for name, table in tables.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise damaged(path, raw, f"table {name!r} is not a set of records")
        if not all(_is_record_number(key) for key in table):
            raise damaged(path, raw, f"table {name!r} has a record without a number")
    return tables


def _is_record_number(key: str) -> bool:
    # The form TinyDB writes: ASCII digits without a leading zero. "²" passes
    # isdigit() but not int(); "01" and "1" would collide as one TinyDB id; a
    # thousands-digit key would exceed int()'s limit.
    return (
        key.isascii()
        and key.isdigit()
        and len(key) <= 18
        and (key == "0" or not key.startswith("0"))
    )


def damaged(path: Path, raw: bytes, reason: str) -> DamagedFile:
    """A DamagedFile error for `path`, after keeping a private copy of `raw` beside it.

    The copy is named by a hash of its content, so reading the same damaged
    file again does not pile up copies.
    """
    import hashlib

    digest = hashlib.sha256(raw).hexdigest()[:12]
    copy = path.with_name(f"{path.name}.damaged-{digest}")
    try:
        if not copy.exists():
            atomic_write(copy, raw)
    except (OSError, WriteFailed):
        copy = None
    return DamagedFile(path, reason, copy)


def loads(text: str) -> object:
    """`json.loads`, without importing the `json` package when its C scanner is there.

    `json` pulls in `re` (about 7 ms); `exback today` runs on a budget of 2x a
    bare interpreter start. This is the same C scanner `json.loads` uses.
    """
    try:
        from _json import make_scanner
    except ImportError:  # pragma: no cover - every CPython build has _json
        import json

        return json.loads(text)
    scan = make_scanner(_ScanContext)
    start = _skip_space(text, 0)
    try:
        value, end = scan(text, start)
    except StopIteration as stop:
        raise ValueError(f"expecting a value at character {stop.value}") from None
    end = _skip_space(text, end)
    if end != len(text):
        raise ValueError(f"extra data at character {end}")
    return value


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\n\r":
        index += 1
    return index


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not allowed")


class _ScanContext:
    """The settings object `_json.make_scanner` reads, as json.JSONDecoder provides."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = staticmethod(_refuse_constant)
