"""One exback at a time: an exclusive `flock` on the data folder itself.

Two TinyDB instances on one file overwrite each other's work, so a running
TUI holds the lock for its whole life and command-line writers take it
briefly. The lock is taken on the folder, not on a file in it: a cleanup
script or a sync tool can delete a file (after which a second process
would lock a new file of the same name and write alongside the app), but
not the folder a running exback has open.

`exback.lock` is still made, as a sign that exback uses the folder; it is
opened without following a link (a link planted there is left alone, never
followed to change or create another file), and losing it changes nothing.
"""

from __future__ import annotations

import fcntl
import os
import stat
import time
from pathlib import Path

from exback_tui.store.errors import LockHeld
from exback_tui.store.files import FILE_MODE
from exback_tui.store.names import LOCK_FILE


class DataLock:
    """The data folder's lock. Use `acquire()`/`release()` or as a context manager."""

    def __init__(self, folder: Path, *, for_tui: bool) -> None:
        self.folder = folder
        self.path = folder / LOCK_FILE
        self.for_tui = for_tui
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def acquire(self, wait: float = 0.0) -> DataLock:
        """Take the lock, retrying for up to `wait` seconds; LockHeld if another has it."""
        fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockHeld(self.path, for_tui=self.for_tui) from None
                time.sleep(0.05)
            except BaseException:
                os.close(fd)
                raise
            else:
                self._fd = fd
                _make_marker(self.path)
                return self

    def release(self) -> None:
        """Let go of the lock (closing the descriptor drops the flock)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> DataLock:
        if not self.held:
            self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _make_marker(path: Path) -> None:
    """Make `exback.lock` (0600) if it is missing; leave anything but a plain file alone.

    O_NOFOLLOW: a link in its place is never followed (to change a victim
    file's mode, or to create a file where it points). The folder's lock
    alone keeps other exbacks out, so a marker that can't be made is skipped.
    """
    flags = os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK
    try:
        fd = os.open(path, flags, FILE_MODE)
    except OSError:
        return
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.fchmod(fd, FILE_MODE)
    except OSError:
        pass
    finally:
        os.close(fd)
