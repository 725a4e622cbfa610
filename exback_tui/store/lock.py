"""One exback at a time: an exclusive `flock` on a lock file in the data folder.

Two TinyDB instances on one file overwrite each other's work, so a running
TUI holds the lock for its whole life and command-line writers take it
briefly. The lock file itself is never deleted (deleting it would let two
processes lock two different files).
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from exback_tui.store.errors import LockHeld
from exback_tui.store.files import FILE_MODE
from exback_tui.store.names import LOCK_FILE


class DataLock:
    """The data folder's lock. Use `acquire()`/`release()` or as a context manager."""

    def __init__(self, folder: Path, *, for_tui: bool) -> None:
        self.path = folder / LOCK_FILE
        self.for_tui = for_tui
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def acquire(self, wait: float = 0.0) -> DataLock:
        """Take the lock, retrying for up to `wait` seconds; LockHeld if another has it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
        os.fchmod(fd, FILE_MODE)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockHeld(self.path, for_tui=self.for_tui) from None
                time.sleep(0.05)
            else:
                self._fd = fd
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
