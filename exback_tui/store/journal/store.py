"""The journal file (`journal.json`): a TinyDB database of its own, apart from the plan.

`exback today` never opens it. It is written through InMemoryJSONStorage:
one atomic write per change, from a worker thread in the app. Open it with
`JournalStore.open` only while holding the data lock; `read_journal` reads
it without the lock (a reader sees the previous save or the next, never
half of one) and never writes it.

Save latency at 10,000 entries (about 15 MB) is the sum of TinyDB's change
in place (see `InPlaceTable`), one orjson dump and the atomic write with its
fsyncs. The journal is read a record at a time (`_read_by_record`), so its
bytes are never all in memory beside the entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exback_tui.domain.journal import Entry
from exback_tui.store import files
from exback_tui.store.errors import FileChanged, NewerSchema, WriteUnconfirmed
from exback_tui.store.fields import BadRecord
from exback_tui.store.journal.records import (
    ENTRIES,
    META,
    SCHEMA_VERSION,
    entry_doc,
    entry_from_doc,
)
from exback_tui.store.names import JOURNAL_FILE
from exback_tui.store.reading import is_record_number, open_plain, read_plain

if TYPE_CHECKING:
    from tinydb.table import Table

    from exback_tui.store.storage import InMemoryJSONStorage


def _parse(path: Path, raw: bytes) -> dict[str, dict[str, dict[str, Any]]]:
    import orjson

    if not raw.strip():
        raise files.damaged(path, raw, "it is empty")
    try:
        tables = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise files.damaged(path, raw, f"it is not valid JSON ({error})") from None
    if not isinstance(tables, dict) or not all(
        isinstance(t, dict) and all(isinstance(d, dict) for d in t.values())
        for t in tables.values()
    ):
        raise files.damaged(path, raw, "it does not hold tables of records")
    for name in (META, ENTRIES):
        if not all(is_record_number(key) for key in tables.get(name, {})):
            raise files.damaged(path, raw, f"table {name!r} has a record without a number")
    return tables


def _schema_version(path: Path, raw: bytes, tables: dict[str, Any]) -> int:
    for record in tables.get(META, {}).values():
        version = record.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool) and version >= 1:
            return version
        raise files.damaged(path, raw, "its schema version is not a number")
    return SCHEMA_VERSION


def _decode_all(path: Path, tables: dict[str, Any]) -> dict[str, tuple[int, Entry]]:
    """Every stored entry by id, with its TinyDB document id; DamagedFile if one is bad."""
    decoded: dict[str, tuple[int, Entry]] = {}
    try:
        for key, doc in tables.get(ENTRIES, {}).items():
            entry = entry_from_doc(doc)
            if entry.id in decoded:
                raise BadRecord(f"two entries have the id {entry.id}")
            decoded[entry.id] = (int(key), entry)
    except BadRecord as error:
        # The bytes are read again only now: the copy kept beside a damaged file.
        raise files.damaged(path, read_plain(path) or b"", str(error)) from None
    return decoded


# How exback writes the journal: orjson's compact form of the two tables, meta first.
# A file in this form is read a block at a time, one record parsed at once (see
# `_read_by_record`); any other file is read and parsed whole, as before.
_PREFIX = b'{"meta":{"1":{"schema_version":%d}},"entries":{' % SCHEMA_VERSION
_EMPTY = _PREFIX + b"}}"
_BLOCK = 1 << 20
# The first record's number, and every later one's with the end of the record before it.
_FIRST = re.compile(rb'"(0|[1-9][0-9]{0,17})":')
_NEXT = re.compile(rb'\},"(0|[1-9][0-9]{0,17})":\{')
_LONGEST_NEXT = 2 + 2 + 18 + 3


class _NotByRecord(Exception):
    """The file is not in the form exback writes (or not valid): read it whole instead."""


def _record(piece: memoryview) -> dict[str, Any]:
    import orjson

    try:
        doc = orjson.loads(piece)
    except orjson.JSONDecodeError:
        raise _NotByRecord from None
    if not isinstance(doc, dict):
        raise _NotByRecord
    return doc


def _read_by_record(path: Path) -> dict[str, dict[str, dict[str, Any]]] | None:
    """The tables of `path` (None: no file), never holding more than a block of its bytes.

    Reading the file whole held all its bytes, and orjson's copy of them, next
    to the entries being built: at 10,000 entries about 30 MB more at the
    peak than the entries themselves. Each record is cut out at the only
    place `},"<number>":{` can stand in valid JSON outside a string, and
    parsed alone; a cut inside a record (a nested table) leaves a piece that
    does not parse. The pieces, the fixed start and the end `}}` together
    are then valid JSON with the same tables as a whole parse would give.
    Raises _NotByRecord for anything else, damaged files included.
    """
    import os

    fd = open_plain(path)
    if fd is None:
        return None
    try:
        buffer = os.read(fd, max(_BLOCK, 2 * len(_EMPTY)))
        if not buffer.startswith(_PREFIX):
            raise _NotByRecord
        rows: dict[str, dict[str, Any]] = {}
        tables = {META: {"1": {"schema_version": SCHEMA_VERSION}}, ENTRIES: rows}
        if buffer == _EMPTY:
            if os.read(fd, 1):
                raise _NotByRecord
            return tables
        first = _FIRST.match(buffer, len(_PREFIX))
        if first is None:
            raise _NotByRecord
        key, start = first[1].decode("ascii"), first.end()
        search_from, at_end = start, False
        while True:
            cut = _NEXT.search(buffer, search_from)
            if cut is not None:
                rows[key] = _record(memoryview(buffer)[start : cut.start() + 1])
                key, start = cut[1].decode("ascii"), cut.end() - 1
                search_from = start
                continue
            if at_end:  # the last record, then the ends of both tables
                if not buffer.endswith(b"}}}") or len(buffer) - 2 <= start:
                    raise _NotByRecord
                rows[key] = _record(memoryview(buffer)[start : len(buffer) - 2])
                return tables
            block = os.read(fd, _BLOCK)
            at_end = not block
            search_from = max(0, len(buffer) - start - _LONGEST_NEXT)
            buffer = buffer[start:] + block
            start = 0
    finally:
        os.close(fd)


def _load(path: Path) -> dict[str, Any] | None:
    """The checked tables of `path` (None if there is no file)."""
    try:
        return _read_by_record(path)
    except _NotByRecord:
        pass
    raw = read_plain(path)
    if raw is None:
        return None
    tables = _parse(path, raw)
    version = _schema_version(path, raw, tables)
    if version > SCHEMA_VERSION:
        raise NewerSchema(path, version, SCHEMA_VERSION)
    return tables


def read_journal(folder: Path) -> list[Entry]:
    """Every entry in `folder`'s journal (deleted ones too, unordered), without the lock.

    Writes nothing, except the copy of a damaged file that DamagedFile
    points to. Raises DamagedFile or NewerSchema.
    """
    path = folder / JOURNAL_FILE
    tables = _load(path)
    if tables is None:
        return []
    return [entry for _, entry in _decode_all(path, tables).values()]


class _IntKeys(MutableMapping[int, Any]):
    """A stored table (documents keyed "1", "2", ...) seen as the int-keyed dict TinyDB uses."""

    __slots__ = ("_raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self._raw = raw

    def __getitem__(self, doc_id: int) -> Any:
        return self._raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self._raw[str(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        del self._raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def clear(self) -> None:
        self._raw.clear()


def _in_place_table_class() -> type[Table]:
    from tinydb.table import Table

    from exback_tui.store.storage import InMemoryJSONStorage

    class InPlaceTable(Table):
        """A TinyDB table that changes the stored documents in place.

        TinyDB's own `_update_table` copies the whole table into a new dict
        with int keys and back again on every change: about 4 ms at 10,000
        entries, for a save whose budget is 60 ms. Here the updater works on
        the stored dict through `_IntKeys`; if it fails, memory is put back
        to the file's state, as after a failed write.
        """

        def _update_table(self, updater: Callable[[Any], None]) -> None:
            storage = self._storage
            assert isinstance(storage, InMemoryJSONStorage)  # JournalStore gives it no other
            tables = storage.read()
            if tables is None:
                tables = {}
            try:
                updater(_IntKeys(tables.setdefault(self.name, {})))
            except BaseException:
                storage.rollback()
                raise
            storage.write(tables)
            self.clear_cache()

    return InPlaceTable


class JournalStore:
    """All journal entries, kept in memory, each change saved whole and atomically."""

    def __init__(
        self, path: Path, tables: dict[str, Any], decoded: dict[str, tuple[int, Entry]]
    ) -> None:
        """Use `open`. `tables` are the file's checked tables, `decoded` their entries."""

        from exback_tui.store.storage import InMemoryJSONStorage

        self.path = path
        tables.setdefault(META, {"1": {"schema_version": SCHEMA_VERSION}})
        tables.setdefault(ENTRIES, {})
        self._storage: InMemoryJSONStorage = InMemoryJSONStorage(path, tables)
        self._connect()
        self._doc_ids: dict[str, int] = {i: doc_id for i, (doc_id, _) in decoded.items()}
        self._by_id: dict[str, Entry] = {i: entry for i, (_, entry) in decoded.items()}

    def _connect(self) -> None:
        from tinydb import TinyDB

        self._db = TinyDB(storage=lambda: self._storage)
        self._db.table_class = _in_place_table_class()
        self._table = self._db.table(ENTRIES, cache_size=0)

    def refresh(self, *, force: bool = False) -> bool:
        """Reload the file if another program changed it since; whether it did.

        Reload and merge, by entry id: every entry in the file is kept as
        the file has it, unless this exback saved a later version of it;
        entries this exback saved that the file no longer holds are put
        back. The next save writes the merge, so neither side's saves are
        lost. Raises DamagedFile or NewerSchema (then nothing changes).
        """
        if not force and not self._storage.changed():
            return False
        tables = _load(self.path) or {}
        decoded = _decode_all(self.path, tables)
        tables.setdefault(META, {"1": {"schema_version": SCHEMA_VERSION}})
        rows = tables.setdefault(ENTRIES, {})
        next_id = max((int(key) for key in rows), default=0) + 1
        for entry_id, mine in self._by_id.items():
            found = decoded.get(entry_id)
            if found is None:
                decoded[entry_id] = (next_id, mine)
                rows[str(next_id)] = entry_doc(mine)
                next_id += 1
            elif found[1] != mine and mine.updated > found[1].updated:
                decoded[entry_id] = (found[0], mine)
                rows[str(found[0])] = entry_doc(mine)
        self._storage.reset(tables)
        self._connect()
        self._doc_ids = {i: doc_id for i, (doc_id, _) in decoded.items()}
        self._by_id = {i: entry for i, (_, entry) in decoded.items()}
        return True

    @classmethod
    def open(cls, folder: Path) -> JournalStore:
        """Open the journal in `folder` (created on the first save).

        Raises DamagedFile or NewerSchema and then writes nothing.
        """
        files.ensure_private_dir(folder)
        files.remove_stray_temp_files(folder, JOURNAL_FILE)
        path = folder / JOURNAL_FILE
        tables = _load(path) or {}
        return cls(path, tables, _decode_all(path, tables))

    def entries(self) -> list[Entry]:
        """Every entry as loaded or saved since, including deleted ones (unordered)."""
        return list(self._by_id.values())

    def save(self, entry: Entry) -> None:
        """Add `entry`, or replace the entry with the same id. One atomic write.

        On WriteFailed the journal, in memory and on disk, is as it was.
        """
        doc = entry_doc(entry)
        self._refresh_first()
        doc_id = self._doc_ids.get(entry.id)
        try:
            if doc_id is None:
                doc_id = self._table.insert(doc)
            else:
                self._table.update(doc, doc_ids=[doc_id])
        except FileChanged:
            self.refresh(force=True)
            raise
        except WriteUnconfirmed:
            self._remember([entry], self._doc_ids.get(entry.id) or self._last_doc_id())
            raise
        self._remember([entry], doc_id)

    def add_many(self, entries: Iterable[Entry]) -> int:
        """Add the entries whose ids aren't stored yet, in one write; how many were added."""
        self._refresh_first()
        new: dict[str, Entry] = {}
        for entry in entries:
            if entry.id not in self._doc_ids and entry.id not in new:
                new[entry.id] = entry
        if not new:
            return 0
        docs = [entry_doc(e) for e in new.values()]
        try:
            doc_ids = self._table.insert_multiple(docs)
        except FileChanged:
            self.refresh(force=True)
            raise
        except WriteUnconfirmed:
            self._reindex()
            raise
        for (entry_id, entry), doc_id in zip(new.items(), doc_ids, strict=True):
            self._doc_ids[entry_id] = doc_id
            self._by_id[entry_id] = entry
        return len(new)

    def remove(self, entry_ids: Iterable[str]) -> int:
        """Delete entries for good (after their 30 days), in one write; how many."""
        entry_ids = list(entry_ids)
        self._refresh_first()
        doomed = list(dict.fromkeys(i for i in entry_ids if i in self._doc_ids))
        if not doomed:
            return 0
        try:
            self._table.remove(doc_ids=[self._doc_ids[i] for i in doomed])
        except FileChanged:
            self.refresh(force=True)
            raise
        except WriteUnconfirmed:
            self._forget(doomed)
            raise
        self._forget(doomed)
        return len(doomed)

    def _refresh_first(self) -> None:
        """Before a change: take in what another program wrote to the file since."""
        self.refresh()

    def _remember(self, changed: list[Entry], doc_id: int) -> None:
        for entry in changed:
            self._doc_ids[entry.id] = doc_id
            self._by_id[entry.id] = entry

    def _forget(self, entry_ids: list[str]) -> None:
        for entry_id in entry_ids:
            del self._doc_ids[entry_id]
            del self._by_id[entry_id]

    def _last_doc_id(self) -> int:
        table = (self._storage.read() or {}).get(ENTRIES, {})
        return max(int(key) for key in table)

    def _reindex(self) -> None:
        # After an unconfirmed write the new file is in place: rebuild the
        # index from the tables that now match it.
        decoded = _decode_all(self.path, self._storage.read() or {})
        self._doc_ids = {i: doc_id for i, (doc_id, _) in decoded.items()}
        self._by_id = {i: entry for i, (_, entry) in decoded.items()}

    def tables(self) -> dict[str, Any]:
        """The journal's tables as stored. Do not change them."""
        return self._storage.read() or {}

    def close(self) -> None:
        """Close the database; every change is already on disk."""
        self._db.close()
