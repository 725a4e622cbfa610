"""The journal file (`journal.json`): a TinyDB database of its own, apart from the plan.

`exback today` never opens it. It is written through InMemoryJSONStorage:
one atomic write per change, from a worker thread in the app. Open it only
while holding the data lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from exback_tui.domain.journal import Entry
from exback_tui.store import files
from exback_tui.store.errors import NewerSchema
from exback_tui.store.storage import InMemoryJSONStorage

JOURNAL_FILE = "journal.json"
JOURNAL_SCHEMA_VERSION = 1
META, ENTRIES = "meta", "entries"


class BadEntry(ValueError):
    """A stored entry that doesn't have the shape this version writes."""


def entry_doc(entry: Entry) -> dict[str, Any]:
    """The stored form of an entry."""
    return {
        "id": entry.id,
        "created": entry.created.isoformat(),
        "updated": entry.updated.isoformat(),
        "title": entry.title,
        "text": entry.text,
        "mood": entry.mood,
        "tags": list(entry.tags),
        "prompt": entry.prompt,
        "deleted": None if entry.deleted is None else entry.deleted.isoformat(),
    }


def _when(value: object, what: str) -> datetime:
    if not isinstance(value, str):
        raise BadEntry(f"{what} is not a date and time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise BadEntry(f"{what} is not a date and time ({value!r})") from None
    if moment.tzinfo is None:
        raise BadEntry(f"{what} has no time zone")
    return moment


def entry_from_doc(doc: dict[str, Any]) -> Entry:
    """An entry from its stored form; BadEntry if malformed."""
    entry_id = doc.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        raise BadEntry("an entry has no id")
    what = f"entry {entry_id}"
    for key in ("title", "text"):
        if not isinstance(doc.get(key), str):
            raise BadEntry(f"the {key} of {what} is not text")
    mood = doc.get("mood")
    if mood is not None and (isinstance(mood, bool) or not isinstance(mood, int)):
        raise BadEntry(f"the mood of {what} is not a number")
    tags = doc.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise BadEntry(f"the tags of {what} are malformed")
    prompt = doc.get("prompt")
    if prompt is not None and not isinstance(prompt, str):
        raise BadEntry(f"the prompt of {what} is malformed")
    deleted = doc.get("deleted")
    return Entry(
        id=entry_id,
        created=_when(doc.get("created"), f"the date of {what}"),
        updated=_when(doc.get("updated"), f"the update date of {what}"),
        title=doc["title"],
        text=doc["text"],
        mood=mood,
        tags=tuple(tags),
        prompt=prompt,
        deleted=None if deleted is None else _when(deleted, f"the deletion date of {what}"),
    )


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
    return tables


class JournalStore:
    """All journal entries, kept in memory, each change saved whole and atomically."""

    def __init__(self, path: Path, tables: dict[str, Any]) -> None:
        self.path = path
        self._storage = InMemoryJSONStorage(path, tables)
        self._db = TinyDB(storage=lambda: self._storage)
        self._entries = self._db.table(ENTRIES, cache_size=0)
        self._doc_ids: dict[str, int] = {}
        self._loaded: list[Entry] = []
        for doc in self._entries.all():
            entry = self._decode(doc)
            self._doc_ids[entry.id] = doc.doc_id
            self._loaded.append(entry)

    def _decode(self, doc: dict[str, Any]) -> Entry:
        try:
            return entry_from_doc(doc)
        except BadEntry as error:
            raise files.damaged(self.path, self.path.read_bytes(), str(error)) from None

    @classmethod
    def open(cls, folder: Path) -> JournalStore:
        """Open the journal in `folder` (created on the first save).

        Raises DamagedFile or NewerSchema and then writes nothing.
        """
        files.ensure_private_dir(folder)
        files.remove_stray_temp_files(folder, JOURNAL_FILE)
        path = folder / JOURNAL_FILE
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            tables: dict[str, Any] = {}
        else:
            tables = _parse(path, raw)
        version = _schema_version(path, tables)
        if version > JOURNAL_SCHEMA_VERSION:
            raise NewerSchema(path, version, JOURNAL_SCHEMA_VERSION)
        tables.setdefault(META, {"1": {"schema_version": JOURNAL_SCHEMA_VERSION}})
        tables.setdefault(ENTRIES, {})
        return cls(path, tables)

    def entries(self) -> list[Entry]:
        """Every entry as loaded or saved since, including deleted ones (unordered)."""
        return list(self._loaded_by_id().values())

    def _loaded_by_id(self) -> dict[str, Entry]:
        return {entry.id: entry for entry in self._loaded}

    def save(self, entry: Entry) -> None:
        """Add `entry`, or replace the entry with the same id. One atomic write."""
        doc = entry_doc(entry)
        doc_id = self._doc_ids.get(entry.id)
        if doc_id is None:
            self._doc_ids[entry.id] = self._entries.insert(doc)
        else:
            self._entries.update(doc, doc_ids=[doc_id])
        self._remember([entry])

    def add_many(self, entries: Iterable[Entry]) -> int:
        """Add the entries whose ids aren't stored yet, in one write; how many were added."""
        new = [e for e in entries if e.id not in self._doc_ids]
        if new:
            doc_ids = self._entries.insert_multiple(entry_doc(e) for e in new)
            self._doc_ids.update(zip((e.id for e in new), doc_ids, strict=True))
            self._remember(new)
        return len(new)

    def remove(self, entry_ids: Iterable[str]) -> int:
        """Delete entries for good (after their 30 days), in one write; how many."""
        doomed = [i for i in entry_ids if i in self._doc_ids]
        if doomed:
            self._entries.remove(doc_ids=[self._doc_ids[i] for i in doomed])
            for entry_id in doomed:
                del self._doc_ids[entry_id]
            gone = set(doomed)
            self._loaded = [e for e in self._loaded if e.id not in gone]
        return len(doomed)

    def _remember(self, changed: list[Entry]) -> None:
        by_id = self._loaded_by_id()
        for entry in changed:
            by_id[entry.id] = entry
        self._loaded = list(by_id.values())

    def tables(self) -> dict[str, Any]:
        """The journal's tables as stored (for the JSON export). Do not change them."""
        return self._storage.read() or {}

    def close(self) -> None:
        """Close the database; every change is already on disk."""
        self._db.close()


def _schema_version(path: Path, tables: dict[str, Any]) -> int:
    for record in tables.get(META, {}).values():
        version = record.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool) and version >= 1:
            return version
        raise files.damaged(path, path.read_bytes(), "its schema version is not a number")
    return JOURNAL_SCHEMA_VERSION
