"""A TinyDB storage that writes atomically and serves reads from memory.

TinyDB's own JSONStorage overwrites its file in place (a crash mid-write
leaves a file that no longer parses) and CachingMiddleware holds writes only
in memory; this class replaces both. Each `write` replaces the file through
`files.atomic_write`; `batch()` groups several TinyDB operations into one
write so that a logical change (end an attempt and start the next) lands
whole or not at all.

Neither subclasses tinydb's `Storage`: TinyDB only calls `read`, `write`
and `close`, and the plan is read at start-up without importing tinydb.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from exback_tui.store.errors import FileChanged, WriteUnconfirmed
from exback_tui.store.files import atomic_write
from exback_tui.store.reading import identity


class _KnowsItsFile:
    """The identity of the file as this storage last read or wrote it.

    A write checks it first: a file another program replaced or changed
    since (a sync tool, a second exback that found the lock file gone) is
    never overwritten from memory; FileChanged says so and the owner
    reloads (see the stores' `refresh`) and applies its change again.
    """

    path: Path
    _identity: tuple[int, int, int, int] | None

    def _remember_file(self) -> None:
        self._identity = identity(self.path)

    def changed(self) -> bool:
        """Whether the file is no longer the one this storage last read or wrote."""
        return identity(self.path) != self._identity

    def _refuse_if_changed(self) -> None:
        if self.changed():
            raise FileChanged(self.path)


class AtomicJSONStorage(_KnowsItsFile):
    """TinyDB storage for one file. `tables` is the file's content, already read and checked."""

    def __init__(self, path: Path, tables: dict[str, Any] | None, *, indent: int | None = None):
        self.path = path
        self._indent = indent
        self._saved = self._encode(tables) if tables is not None else None
        self._pending: str | None = None
        self._batch_depth = 0
        self._remember_file()

    def reset(self, tables: dict[str, Any] | None) -> None:
        """Start again from `tables`, just read from the file (None: there is none)."""
        self._saved = self._encode(tables) if tables is not None else None
        self._pending = None
        self._remember_file()

    def _encode(self, tables: dict[str, Any]) -> str:
        # ensure_ascii keeps the file 7-bit: any string, even one holding a lone
        # surrogate from a badly encoded terminal, round-trips exactly.
        return json.dumps(tables, ensure_ascii=True, indent=self._indent)

    def read(self) -> dict[str, Any] | None:
        """A fresh copy of the current tables (pending ones inside a batch)."""
        text = self._pending if self._pending is not None else self._saved
        return None if text is None else json.loads(text)

    def write(self, data: dict[str, Any]) -> None:
        """Replace the file with `data`, or hold it until the batch ends."""
        text = self._encode(data)
        if self._batch_depth:
            self._pending = text
            return
        self._commit(text)

    def _commit(self, text: str) -> None:
        self._refuse_if_changed()
        try:
            atomic_write(self.path, text.encode("ascii"))
        except WriteUnconfirmed:
            self._saved = text  # the new file is in place; memory must match it
            self._remember_file()
            raise
        self._saved = text
        self._remember_file()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes: one atomic write at the end, none if the block raises."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            if self._batch_depth == 1:
                self._pending = None
            raise
        finally:
            self._batch_depth -= 1
        if self._batch_depth == 0 and self._pending is not None:
            text, self._pending = self._pending, None
            self._commit(text)

    def close(self) -> None:
        """Nothing is buffered outside a batch, so there is nothing to flush."""


class InMemoryJSONStorage(_KnowsItsFile):
    """TinyDB storage for a large file: TinyDB works on the tables in memory, no copies.

    `read()` hands TinyDB the live tables (copying 10,000 journal entries on
    every operation would cost more than the save); `write()` serialises them
    with orjson and replaces the file atomically. If a write fails, the
    tables are reloaded from the file, which still holds the last good save
    (or, before the first save, put back to the tables the storage started
    with), so memory never runs ahead of the disk.
    """

    def __init__(self, path: Path, tables: dict[str, Any] | None) -> None:
        import orjson

        self.path = path
        self._tables = tables
        # Before the file exists, a failed write falls back to these (small) tables.
        self._initial = None if tables is None or path.exists() else orjson.dumps(tables)
        self._remember_file()

    def reset(self, tables: dict[str, Any] | None) -> None:
        """Start again from `tables`, just read from the file (and merged with memory)."""
        self._tables = tables
        self._remember_file()

    def read(self) -> dict[str, Any] | None:
        """The live tables (TinyDB changes them, then calls `write`)."""
        return self._tables

    def write(self, data: dict[str, Any]) -> None:
        """Replace the file with `data`; on failure put memory back to the file's state."""
        # Changed underneath: memory is left for the owner to rebuild (JournalStore.refresh).
        self._refuse_if_changed()
        try:
            atomic_write(self.path, in_pieces(data))
        except WriteUnconfirmed:
            self._tables = data  # the new file is in place
            self._remember_file()
            raise
        except BaseException:
            self.rollback()
            raise
        self._tables = data
        self._remember_file()

    def rollback(self) -> None:
        """Put the tables in memory back to what the file holds (the last good save)."""
        self._tables = self._reload()

    def _reload(self) -> dict[str, Any] | None:
        import orjson

        try:
            return orjson.loads(self.path.read_bytes())
        except FileNotFoundError:
            return None if self._initial is None else orjson.loads(self._initial)

    def close(self) -> None:
        """Every write is already on disk."""


RECORDS_PER_PIECE = 256


def in_pieces(tables: dict[str, dict[str, Any]]) -> Iterator[bytes | memoryview]:
    """`orjson.dumps(tables)`, byte for byte, as pieces of a few hundred records each.

    Dumped whole, the journal was a second copy of itself in memory for the
    moment of each save (14 MB at 10,000 entries); the pieces cost the same
    time (about 7 ms at 10,000 entries once the texts' UTF-8 forms are made).
    """
    from itertools import islice

    import orjson

    yield b"{"
    for number, (name, table) in enumerate(tables.items()):
        yield (b"," if number else b"") + orjson.dumps(name) + b":"
        if len(table) <= RECORDS_PER_PIECE:
            yield orjson.dumps(table)
            continue
        records = iter(table.items())
        opening = b"{"
        while piece := dict(islice(records, RECORDS_PER_PIECE)):
            yield opening
            yield memoryview(orjson.dumps(piece))[1:-1]  # without its own braces
            opening = b","
        yield b"}"
    yield b"}"
