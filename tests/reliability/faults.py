"""Disk errors at the OS boundary of a save. Not a test module.

`FaultyOS` stands in for the `os` module inside `exback_tui.store.files`,
the one place every save goes through, and makes one step of the saves of
one file fail with a real errno (ENOSPC, EIO), as a full or failing disk
would: opening the temp file, writing it (after half the bytes went in),
fsyncing it, giving the old file its second name, renaming the temp file
over the old one, or fsyncing the folder after the rename. Every other call
goes to the real `os`, and other files save normally.

    python -m tests.reliability.faults STEP ERRNO FILE -- ARGS...

runs the real `exback ARGS` with that fault in place, in a process of its own.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager

STEPS = ("open", "write", "fsync", "link", "rename", "folder-fsync")
ERRORS = {"ENOSPC": errno.ENOSPC, "EIO": errno.EIO}


class FaultyOS:
    """`os`, except that step `step` of each save of the file named `target` raises `number`.

    Set `armed` to False to let saves through again; `fired` counts the faults raised.
    """

    def __init__(self, step: str, number: int, target: str) -> None:
        assert step in STEPS, step
        self.step = step
        self.number = number
        self.target = target
        self.armed = True
        self.fired = 0
        self._temps: set[str] = set()  # temp files of the target's saves
        self._temp_fds: set[int] = set()
        self._half_written: set[int] = set()
        self._renamed = False  # a temp file was renamed over the target: a folder fsync follows

    def __getattr__(self, name: str):
        return getattr(os, name)

    def _fires(self, step: str) -> bool:
        return self.armed and self.step == step

    def _fail(self) -> None:
        self.fired += 1
        raise OSError(self.number, os.strerror(self.number))

    def _is_temp(self, path) -> bool:
        name = os.path.basename(os.fspath(path))
        return name.startswith(f".{self.target}.") and name.endswith(".tmp")

    def _is_target(self, path) -> bool:
        return os.path.basename(os.fspath(path)) == self.target

    def open(self, path, flags, mode=0o777, **kwargs):
        temp = bool(flags & os.O_CREAT) and self._is_temp(path)
        if temp and self._fires("open"):
            self._fail()
        fd = os.open(path, flags, mode, **kwargs)
        if temp:
            self._temps.add(os.fspath(path))
            self._temp_fds.add(fd)
        return fd

    def write(self, fd, data):
        if fd in self._temp_fds and self._fires("write"):
            if fd not in self._half_written and len(data) > 1:
                self._half_written.add(fd)  # a disk fills up part way through
                return os.write(fd, bytes(data[: len(data) // 2]))
            self._fail()
        return os.write(fd, data)

    def fsync(self, fd):
        if fd in self._temp_fds and self._fires("fsync"):
            self._fail()
        if self._renamed and stat.S_ISDIR(os.fstat(fd).st_mode):
            self._renamed = False
            if self._fires("folder-fsync"):
                self._fail()
        return os.fsync(fd)

    def close(self, fd):
        self._temp_fds.discard(fd)
        self._half_written.discard(fd)
        return os.close(fd)

    def link(self, src, dst, **kwargs):
        if self._is_target(src) and self._fires("link"):
            self._fail()
        return os.link(src, dst, **kwargs)

    def replace(self, src, dst, **kwargs):
        ours = os.fspath(src) in self._temps and self._is_target(dst)
        if ours and self._fires("rename"):
            self._fail()
        os.replace(src, dst, **kwargs)
        if ours:
            self._temps.discard(os.fspath(src))
            self._renamed = True


@contextmanager
def faulty(step: str, number: int, target: str) -> Iterator[FaultyOS]:
    """Install a FaultyOS in `exback_tui.store.files` for the block (this process only)."""
    from exback_tui.store import files

    fake = FaultyOS(step, number, target)
    files.os = fake  # type: ignore[assignment]
    try:
        yield fake
    finally:
        files.os = os


def main(argv: list[str]) -> int:
    step, name, target, dashes, *args = argv
    assert dashes == "--"
    from exback_tui import cli
    from exback_tui.store import files

    files.os = FaultyOS(step, ERRORS[name], target)  # type: ignore[assignment]
    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
