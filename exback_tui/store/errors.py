"""Errors the store raises; each carries a message a person can act on."""

from __future__ import annotations

import os

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from pathlib import Path


def _as_path(path: str | os.PathLike[str]) -> Path:
    # Errors are rare, so pathlib is imported here rather than on the fast read path.
    from pathlib import Path

    return Path(path)


class BadExport(ValueError):
    """A file that is not an exback JSON export this version can read; says what is wrong."""


class StoreError(Exception):
    """Base for store failures. `str(error)` is the message for the user."""


class DamagedFile(StoreError):
    """A data file could not be read. It was left untouched and a copy kept beside it."""

    def __init__(self, path: str | os.PathLike[str], reason: str, copy: Path | None) -> None:
        self.path = _as_path(path)
        self.reason = reason
        self.copy = copy
        kept = f" A copy is kept at {copy}." if copy is not None else ""
        super().__init__(f"Can't read {path}: {reason}. The file was left exactly as it is.{kept}")


class NewerSchema(StoreError):
    """The file was written by a newer exback than this one."""

    def __init__(self, path: str | os.PathLike[str], found: int, known: int) -> None:
        self.path = _as_path(path)
        self.found = found
        self.known = known
        super().__init__(
            f"{path} was written by a newer version of exback (data version {found}; "
            f"this one knows up to {known}). Update exback; the file was left as it is."
        )


class LockHeld(StoreError):
    """Another exback holds the data lock."""

    def __init__(self, lock_path: str | os.PathLike[str], *, for_tui: bool) -> None:
        self.lock_path = _as_path(lock_path)
        if for_tui:
            message = (
                "exback is already open in another terminal. Switch to that one, "
                "or close it and start exback again."
            )
        else:
            message = (
                "exback is open in another terminal, so this change wasn't made. "
                "Make it there, or close exback and try again."
            )
        super().__init__(message)


class WriteFailed(StoreError):
    """Saving failed; the file on disk still holds the last good save."""

    def __init__(self, path: str | os.PathLike[str], error: OSError) -> None:
        self.path = _as_path(path)
        self.error = error
        reason = error.strerror or str(error)
        super().__init__(self._message(path, reason))

    @staticmethod
    def _message(path: str | os.PathLike[str], reason: str) -> str:
        return f"Couldn't save to {path}: {reason}. Your last saved data is intact."


class WriteUnconfirmed(WriteFailed):
    """The new file is in place, but the disk did not confirm the rename (folder fsync)."""

    @staticmethod
    def _message(path: str | os.PathLike[str], reason: str) -> str:
        return (
            f"Saved to {path}, but the disk did not confirm it ({reason}); "
            "it may not survive a power cut."
        )


class FileChanged(StoreError):
    """A data file was replaced by another program since exback read it: nothing was saved."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = _as_path(path)
        super().__init__(
            f"{path} was changed by another program while exback was saving, so nothing "
            "was saved. Try again: exback reads the new file first."
        )


class LinkedFile(StoreError):
    """A data file is a symbolic link; exback only reads and writes plain files in its folder."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = _as_path(path)
        try:
            target = f" (it points to {os.readlink(path)})"
        except OSError:
            target = ""
        super().__init__(
            f"{path} is a link{target}, and exback keeps its files as plain files, "
            "so it was left as it is and nothing was changed. Move the file itself "
            "into the folder in place of the link, or point --data-dir (or "
            "EXBACK_DATA_DIR) at the folder that holds it."
        )
