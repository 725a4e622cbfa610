"""Private folders and atomic writes.

A write never touches the file it replaces: it writes a 0600 temp file in the
same folder, fsyncs it, renames it over the old one with `os.replace`, then
fsyncs the folder so the rename itself survives a power cut. A reader sees
the old file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from exback_tui.store.errors import DamagedFile, WriteFailed, WriteUnconfirmed

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

    On failure the temp file is removed and the old file is untouched, except
    when only the final folder fsync fails: the new file is then in place and
    WriteUnconfirmed (a WriteFailed) says so.
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
    except OSError as error:
        # The next start sweeps stray temp files; the original error matters more.
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise WriteFailed(path, error) from error
    try:
        _fsync_dir(path.parent)
    except OSError as error:
        raise WriteUnconfirmed(path, error) from error


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


def damaged(path: str | os.PathLike[str], raw: bytes, reason: str) -> DamagedFile:
    """A DamagedFile error for `path`, after keeping a private copy of `raw` beside it.

    The copy is named by a hash of its content, so reading the same damaged
    file again does not pile up copies.
    """
    import hashlib

    path = Path(path)
    digest = hashlib.sha256(raw).hexdigest()[:12]
    copy = path.with_name(f"{path.name}.damaged-{digest}")
    try:
        if not copy.exists():
            atomic_write(copy, raw)
    except (OSError, WriteFailed):
        copy = None
    return DamagedFile(path, reason, copy)
