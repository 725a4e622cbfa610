"""The program file: the user's answers, ticks, quiz results and logs.

Open it only while holding the data lock. It is small, so it is read whole
at open and every change rewrites it atomically (AtomicJSONStorage).
"""

from __future__ import annotations

from pathlib import Path

from exback_tui.domain.progress import EMPTY_PROGRAM, ProgramState
from exback_tui.store import files, reading
from exback_tui.store.errors import WriteUnconfirmed
from exback_tui.store.fields import BadRecord
from exback_tui.store.names import PROGRAM_FILE
from exback_tui.store.program.records import check_version, state_from_tables, tables_from_state
from exback_tui.store.storage import AtomicJSONStorage


def _read(path: Path) -> tuple[dict | None, ProgramState]:
    raw = reading.read_plain(path)
    if raw is None:
        return None, EMPTY_PROGRAM
    tables = reading.parse_tables(path, raw)
    try:
        check_version(path, tables)
        return tables, state_from_tables(tables)
    except BadRecord as error:
        raise files.damaged(path, raw, str(error)) from None


def read_program_state(folder: Path) -> ProgramState:
    """The program in `folder`, read without the lock and without writing anything."""
    return _read(folder / PROGRAM_FILE)[1]


class ProgramStore:
    """The program state as last saved, and the one way to change it: `save`."""

    def __init__(self, storage: AtomicJSONStorage, state: ProgramState) -> None:
        self._storage = storage
        self._state = state

    def refresh(self, *, force: bool = False) -> bool:
        """Reload the file if another program changed it since; whether it did.

        Raises DamagedFile or NewerSchema, having changed nothing.
        """
        if not force and not self._storage.changed():
            return False
        tables, state = _read(self._storage.path)
        self._storage.reset(tables)
        self._state = state
        return True

    @classmethod
    def open(cls, folder: Path) -> ProgramStore:
        """Read the program file in `folder` (none yet is an empty program).

        Raises DamagedFile or NewerSchema, having written nothing.
        """
        files.remove_stray_temp_files(folder, PROGRAM_FILE)
        path = folder / PROGRAM_FILE
        tables, state = _read(path)
        return cls(AtomicJSONStorage(path, tables, indent=1), state)

    @property
    def state(self) -> ProgramState:
        return self._state

    def save(self, state: ProgramState) -> ProgramState:
        """Replace the file with `state` in one atomic write; memory follows only on success."""
        try:
            self._storage.write(tables_from_state(state))
        except WriteUnconfirmed:
            self._state = state  # the new file is in place; only its folder entry is unconfirmed
            raise
        self._state = state
        return state
