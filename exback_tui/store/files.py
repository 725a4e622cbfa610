"""Private folders and atomic writes.

A write never touches the file it replaces: it writes a 0600 temp file in the
same folder, fsyncs it, renames it over the old one with `os.replace`, then
fsyncs the folder so the rename itself survives a power cut. A reader sees
the old file or the new one, never half of either.

A write that fails at any step leaves the old file in place, byte for byte:
even when only the final folder fsync fails, the old file (kept under a
second name for the moment of the rename) is put back, so that "not saved"
always means the file holds what it held before.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from exback_tui.store.errors import DamagedFile, LinkedFile, WriteFailed, WriteUnconfirmed
from exback_tui.store.names import DAMAGED_LABEL, TEMP_SUFFIX

# typing costs ~12 ms to import; type checkers read this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import NoReturn

DIR_MODE = 0o700
FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it 0700, whatever the umask.

    Missing parents are made 0700 too (as the XDG spec asks for the data
    folder's), not with the umask's default: under umask 000 a world-writable
    parent would let anyone swap the data folder for their own.
    """
    if not path.is_dir():
        missing = []
        folder = path
        while not folder.exists() and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
        for folder in reversed(missing):
            try:
                folder.mkdir(mode=DIR_MODE)
            except FileExistsError:
                continue
            if folder.stat().st_mode & 0o777 != DIR_MODE:
                folder.chmod(DIR_MODE)
        if not path.is_dir():
            path.mkdir(exist_ok=True, mode=DIR_MODE)  # raises as mkdir does (a file in the way)
        _fsync_dir(path.parent)
    if path.stat().st_mode & 0o777 != DIR_MODE:
        path.chmod(DIR_MODE)
    return path


def temp_path_for(path: Path) -> Path:
    """A fresh temp-file name beside `path`, unique to this process and call."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def atomic_write(
    path: Path, data: bytes | Iterable[bytes | memoryview]
) -> tuple[int, int, int, int]:
    """Replace `path` with `data` completely or not at all; raise WriteFailed on error.

    `data` is the bytes, or pieces of them in order (a large file need not be
    in memory whole); if producing a piece raises, that error is raised and
    the file is left as it was.

    Returns the new file's identity (see `reading.identity`). A link at
    `path` is never replaced (LinkedFile): the caller resolves it if it
    means to write where it points.

    On failure the temp file is removed and `path` holds exactly what it held
    before (or is absent again), whatever step the error came at: open,
    write, fsync, rename, or the folder fsync after the rename. Only when the
    old file can't be put back after a failed folder fsync is the new file
    left in place, and WriteUnconfirmed (a WriteFailed) says so.
    """
    if os.path.islink(path):
        raise LinkedFile(path)
    temp = temp_path_for(path)
    old: _OldFile | None = None
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            for piece in (data,) if isinstance(data, bytes) else data:
                view = memoryview(piece)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
            st = os.fstat(fd)
        finally:
            os.close(fd)
        old = _OldFile.keep(path)
        os.replace(temp, path)
    except OSError as error:
        # The next start sweeps stray temp files; the original error matters more.
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        if old is not None:
            old.forget()
        raise WriteFailed(path, error) from error
    except BaseException:  # a piece of `data` could not be made: nothing was replaced
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise
    try:
        _fsync_dir(path.parent)
    except OSError as error:
        assert old is not None
        old.put_back(path, error)
    assert old is not None
    old.forget()
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class _OldFile:
    """The file a save replaces, kept under a second (temp) name until the save is confirmed.

    If the folder fsync after the rename fails, the rename was never
    confirmed: the save is undone rather than reported as "saved, perhaps",
    so memory (rolled back by the storage) and the file agree again, and a
    retry can't store the same change twice.
    """

    def __init__(self, existed: bool, second_name: Path | None) -> None:
        self.existed = existed
        self.second_name = second_name

    @classmethod
    def keep(cls, path: Path) -> _OldFile:
        second_name = temp_path_for(path)
        try:
            os.link(path, second_name)
        except FileNotFoundError:
            return cls(False, None)  # the first save: undoing it removes the file
        except OSError as error:
            if error.errno in _NO_HARD_LINKS:
                return cls(True, None)  # can't be undone; only reported
            raise
        return cls(True, second_name)

    def put_back(self, path: Path, error: OSError) -> NoReturn:
        """Undo the rename and raise WriteFailed (WriteUnconfirmed if it can't be undone)."""
        try:
            if self.second_name is not None:
                os.replace(self.second_name, path)
            elif not self.existed:
                os.unlink(path)
            else:
                raise error
        except OSError:
            self.forget()
            raise WriteUnconfirmed(path, error) from error
        with contextlib.suppress(OSError):
            _fsync_dir(path.parent)
        raise WriteFailed(path, error) from error

    def forget(self) -> None:
        """Drop the second name (best effort: a name left behind is swept at the next start)."""
        if self.second_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.second_name)
            self.second_name = None


# Errors of os.link on file systems without hard links (FAT, some network mounts).
_NO_HARD_LINKS = frozenset(
    {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS, errno.EXDEV}
)


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
    path = Path(path)
    aside = aside_name(path, raw, DAMAGED_LABEL)
    copy: Path | None = aside
    try:
        if not aside.exists():
            atomic_write(aside, raw)
    except (OSError, WriteFailed):
        copy = None  # the error still names the file; only the copy is missing
    return DamagedFile(path, reason, copy)


def aside_name(path: Path, raw: bytes, label: str) -> Path:
    """Where a copy of `path` holding `raw` is kept: "<name>.<label>-<hash of raw>" beside it."""
    import hashlib

    digest = hashlib.sha256(raw).hexdigest()[:12]
    return path.with_name(f"{path.name}.{label}-{digest}")


def move_aside(path: Path, label: str = DAMAGED_LABEL) -> Path:
    """Move the data file `path` out of the way, whole, and return the name it now has.

    For starting fresh after a damaged (or too new) file: the file is renamed,
    never rewritten, to "<name>.<label>-<hash of its bytes>" in the same folder
    (where `damaged` already kept a copy of the same bytes, which it then
    simply replaces), made 0600, and the folder is fsynced. Call it only
    while holding the data lock. Raises OSError (FileNotFoundError if `path`
    is gone), having moved nothing.
    """
    raw = path.read_bytes()
    target = aside_name(path, raw, label)
    number = 1
    while target.exists() and not _holds(target, raw):  # never replace a different file
        number += 1
        target = aside_name(path, raw, f"{label}{number}")
    os.chmod(path, FILE_MODE)
    os.replace(path, target)
    _fsync_dir(path.parent)
    return target


def _holds(path: Path, raw: bytes) -> bool:
    try:
        return path.is_file() and path.read_bytes() == raw
    except OSError:
        return False


def write_output(target: Path, data: bytes) -> bool:
    """Write an export to `target` as a shell's `>` would, but never half a regular file.

    A regular file (or a missing one) is replaced atomically, 0600; through
    a symbolic link, the file it points to is replaced and the link kept. A
    FIFO, a device, a terminal or /dev/stdout is written straight into (a
    reader is waiting there; replacing it with a file would hang the reader
    or replace a system file). Whether a private (0600) file was written.
    Raises WriteFailed, having written nothing to a regular file.
    """
    import stat

    descriptor = _descriptor_named(str(target))
    if descriptor is not None:
        try:
            _write_all(descriptor, data)
        except OSError as error:
            raise WriteFailed(target, error) from error
        return False
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as error:
        raise WriteFailed(target, error) from error
    special = st is not None and not stat.S_ISREG(st.st_mode)
    if special or (st is not None and str(target).startswith(("/dev/", "/proc/"))):
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CLOEXEC)
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)
        except OSError as error:
            raise WriteFailed(target, error) from error
        return False
    real = Path(os.path.realpath(target)) if os.path.islink(target) else target
    atomic_write(real, data)
    return True


def _descriptor_named(name: str) -> int | None:
    """The open descriptor `name` stands for (/dev/stdout, /dev/fd/N, /proc/self/fd/N), or None.

    Written through as it is, so a file the shell opened for appending (>>)
    is appended to, as it would be by `>`.
    """
    standard = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
    number: int | None = standard.get(name)
    for prefix in ("/dev/fd/", "/proc/self/fd/"):
        tail = name.removeprefix(prefix)
        if tail != name and tail.isascii() and tail.isdigit():
            number = int(tail)
    if number is None:
        return None
    try:
        os.fstat(number)
    except OSError:
        return None
    return number


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def same_file_in(folder: Path, target: Path) -> Path | None:
    """The file in `folder` that `target` is, or would be once written; None if none is.

    By name once every link is resolved, and by identity (a hard link, a
    bind mount), so an export can't be written over exback's own files.
    """
    real_folder = os.path.realpath(folder)
    real = os.path.realpath(target)
    if os.path.dirname(real) == real_folder:
        return Path(real)
    try:
        st = os.stat(target)
        entries = list(os.scandir(folder))
    except OSError:
        return None
    for entry in entries:
        try:
            if os.path.samestat(entry.stat(follow_symlinks=False), st):
                return Path(entry.path)
        except OSError:
            continue
    return None


class AllOrNothing:
    """Several files changed as one: if any save fails, every file is put back as it was.

    `with AllOrNothing(paths):` keeps each file's present version under a
    second name (a hard link: no space needed, so a full disk can't stop
    it) or notes that it is missing; if the block raises, each file is put
    back (renamed back, or removed if it was new) before the error goes on.
    Call it only while holding the data lock.
    """

    def __init__(self, paths: list[Path]) -> None:
        self._kept: list[tuple[Path, _OldFile, bytes | None]] = []
        for path in paths:
            old = _OldFile.keep(path)
            copy = None
            if old.existed and old.second_name is None:  # no hard links here: keep the bytes
                copy = path.read_bytes()
            self._kept.append((path, old, copy))

    def __enter__(self) -> AllOrNothing:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            for _, old, _ in self._kept:
                old.forget()
            return
        for path, old, copy in self._kept:
            with contextlib.suppress(OSError, WriteFailed):
                if old.second_name is not None:
                    os.replace(old.second_name, path)
                    old.second_name = None
                elif not old.existed:
                    path.unlink(missing_ok=True)
                elif copy is not None:
                    atomic_write(path, copy)
        for _, old, _ in self._kept:
            old.forget()
        with contextlib.suppress(OSError):
            _fsync_dir(self._kept[0][0].parent)
