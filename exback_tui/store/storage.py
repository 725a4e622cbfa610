"""A TinyDB storage that writes atomically and serves reads from memory.

TinyDB's own JSONStorage overwrites its file in place (a crash mid-write
leaves a file that no longer parses) and CachingMiddleware holds writes only
in memory; this class replaces both. Each `write` replaces the file through
`files.atomic_write`; `batch()` groups several TinyDB operations into one
write so that a logical change (end an attempt and start the next) lands
whole or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from exback_tui.store.errors import WriteUnconfirmed
from exback_tui.store.files import atomic_write


class AtomicJSONStorage(Storage):
    """TinyDB storage for one file. `tables` is the file's content, already read and checked."""

    def __init__(self, path: Path, tables: dict[str, Any] | None, *, indent: int | None = None):
        self.path = path
        self._indent = indent
        self._saved = self._encode(tables) if tables is not None else None
        self._pending: str | None = None
        self._batch_depth = 0

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
        try:
            atomic_write(self.path, text.encode("ascii"))
        except WriteUnconfirmed:
            self._saved = text  # the new file is in place; memory must match it
            raise
        self._saved = text

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


class InMemoryJSONStorage(Storage):
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

    def read(self) -> dict[str, Any] | None:
        """The live tables (TinyDB changes them, then calls `write`)."""
        return self._tables

    def write(self, data: dict[str, Any]) -> None:
        """Replace the file with `data`; on failure put memory back to the file's state."""
        import orjson

        try:
            atomic_write(self.path, orjson.dumps(data))
        except WriteUnconfirmed:
            self._tables = data  # the new file is in place
            raise
        except BaseException:
            self.rollback()
            raise
        self._tables = data

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
