"""Reading data files strictly, without `pathlib`, `json` or TinyDB.

`exback today` reads the plan through here on a budget of 2x a bare
interpreter start: `pathlib` costs about 5 ms to import and `json` about
7 ms (through `re`), so this module uses neither on the way to a good file.
A file that does not parse is handed to `files.damaged`, which keeps a copy.
"""

from __future__ import annotations

import os

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from exback_tui.store.errors import DamagedFile


def read_json_tables(path: str | os.PathLike[str]) -> dict[str, dict[str, dict]] | None:
    """The TinyDB tables stored in `path`, or None when there is no file yet.

    Anything that is not a JSON object of tables of documents raises
    DamagedFile, after a copy of the file is kept beside it.
    """
    raw = read_plain(path)
    if raw is None:
        return None
    return parse_tables(path, raw)


def read_plain(path: str | os.PathLike[str]) -> bytes | None:
    """The bytes of the data file `path`, or None when there is none.

    The file is opened without following a link: a data file that is a link
    raises LinkedFile naming it (a save would turn the link into a plain
    file, and wherever it pointed would stop getting updates).
    """
    fd = open_plain(path)
    if fd is None:
        return None
    try:
        # One read of the whole file into one buffer: reading in chunks and joining
        # them held the file twice at once (28 MB of a 14 MB journal).
        chunks = [os.read(fd, os.fstat(fd).st_size + 1)]
        while chunks[-1]:  # the file grew since fstat (or is not a plain file)
            chunks.append(os.read(fd, 1 << 20))
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) <= 2 else b"".join(chunks)


def open_plain(path: str | os.PathLike[str]) -> int | None:
    """A read-only descriptor of the data file `path` (not followed if a link), or None.

    Raises LinkedFile when `path` is a link, as `read_plain` says.
    """
    try:
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as error:
        import errno

        if error.errno == errno.ELOOP:
            from exback_tui.store.errors import LinkedFile

            raise LinkedFile(path) from None
        raise


def identity(path: str | os.PathLike[str]) -> tuple[int, int, int, int] | None:
    """What tells one version of a file from another: device, inode, size, mtime (None: no file).

    Every save renames a new file into place, so a save by anyone else gives
    a new inode; an edit in place changes the size or the mtime.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def parse_tables(path: str | os.PathLike[str], raw: bytes) -> dict[str, dict[str, dict]]:
    """Parse the bytes of a TinyDB file; DamagedFile (with a copy kept) if they don't fit."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _damaged(path, raw, f"it is not UTF-8 text (byte {error.start})") from None
    if not text.strip():
        raise _damaged(path, raw, "it is empty")
    try:
        tables = loads(text)
    except ValueError as error:
        raise _damaged(path, raw, f"it is not valid JSON ({error})") from None
    if not isinstance(tables, dict):
        raise _damaged(path, raw, "it does not hold tables")
    for name, table in tables.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise _damaged(path, raw, f"table {name!r} is not a set of records")
        if not all(is_record_number(key) for key in table):
            raise _damaged(path, raw, f"table {name!r} has a record without a number")
    return tables


def is_record_number(key: str) -> bool:
    """Whether `key` is a record number as TinyDB writes it, and all it can read back."""
    # The form TinyDB writes: ASCII digits without a leading zero. "²" passes
    # isdigit() but not int(); "01" and "1" would collide as one TinyDB id; a
    # thousands-digit key would exceed int()'s limit.
    return (
        key.isascii()
        and key.isdigit()
        and len(key) <= 18
        and (key == "0" or not key.startswith("0"))
    )


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
    # typeshed types the context as a scanner; the C scanner only reads the
    # attributes json.JSONDecoder has, which _ScanContext provides.
    context: Any = _ScanContext
    scan = make_scanner(context)
    start = _skip_space(text, 0)
    try:
        value, end = scan(text, start)
    except StopIteration as stop:
        raise ValueError(f"expecting a value at character {stop.value}") from None
    except SystemError:
        # The C scanner reports a syntax error by importing json.decoder's
        # JSONDecodeError; when that import fails it returns NULL with no
        # exception set. The json package then gives the real error.
        import json

        return json.loads(text)
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


def _damaged(path: str | os.PathLike[str], raw: bytes, reason: str) -> DamagedFile:
    from exback_tui.store.files import damaged

    return damaged(path, raw, reason)


def tighten(folder: str | os.PathLike[str]) -> bool:
    """Make `folder` 0700 and every plain file in it 0600 if others could use them; whether any.

    Run on every open, read-only commands included: a folder restored from a
    backup or synced from elsewhere may arrive 0777 with 0666 files, and a
    journal must not stay readable by others. Links are left alone (never
    followed); a file that can't be changed (not this user's) is skipped.
    Only a folder holding exback's files is touched, and only those files
    (a mistyped `--data-dir ~` must not close the home folder).
    """
    import stat

    from exback_tui.store.names import DATA_FILES, DRAFT_FILE, LOCK_FILE

    ours = (*DATA_FILES, DRAFT_FILE, LOCK_FILE)
    try:
        entries = [e for e in os.scandir(folder) if e.name.lstrip(".").startswith(ours)]
        if not entries:
            return False
        changed = False
        if stat.S_IMODE(os.stat(folder).st_mode) & 0o077:
            os.chmod(folder, 0o700)
            changed = True
    except OSError:
        return False
    for entry in entries:
        try:
            if entry.is_file(follow_symlinks=False) and (
                stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode) & 0o077
            ):
                # Opened without following a link, in case one was swapped in since.
                fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
                try:
                    os.fchmod(fd, 0o600)
                finally:
                    os.close(fd)
                changed = True
        except OSError:
            continue
    return changed


def tightened_note(folder: str | os.PathLike[str]) -> str:
    """What to say once `tighten` changed something."""
    return (
        f"note: made {folder} and its files private to you again "
        "(others could read or change them)."
    )
