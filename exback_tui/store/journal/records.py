"""How the journal file (`journal.json`) lays out entries, and how one is read back.

A TinyDB database with two tables:

- `meta`: `{"schema_version": 1}`.
- `entries`: one record per entry, deleted ones included (until purged):
  `{"id", "created": ISO datetime, "updated": ISO datetime, "title", "text",
  "mood": 1-5 | null, "tags": [str, ...], "prompt": str | null, "deleted": ISO datetime | null}`.

Every moment is stored with its time zone.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from exback_tui.domain.journal import Entry
from exback_tui.store.fields import BadRecord, aware_datetime

SCHEMA_VERSION = 1
META, ENTRIES = "meta", "entries"


def _iso(moment: datetime, what: str) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        # Stored without a zone, the journal could not be read back.
        raise ValueError(f"{what} must be timezone-aware")
    return moment.isoformat()


def entry_doc(entry: Entry) -> dict[str, Any]:
    """The stored form of an entry."""
    return {
        "id": entry.id,
        "created": _iso(entry.created, "created"),
        "updated": _iso(entry.updated, "updated"),
        "title": entry.title,
        "text": entry.text,
        "mood": entry.mood,
        "tags": list(entry.tags),
        "prompt": entry.prompt,
        "deleted": None if entry.deleted is None else _iso(entry.deleted, "deleted"),
    }


def entry_from_doc(doc: dict[str, Any]) -> Entry:
    """An entry from its stored form; BadRecord if malformed."""
    from exback_tui.domain.journal import MOOD_RANGE

    if not isinstance(doc, dict):
        raise BadRecord("an entry is not a record")
    entry_id = doc.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        raise BadRecord("an entry has no id")
    what = f"entry {entry_id}"
    for key in ("title", "text"):
        if not isinstance(doc.get(key), str):
            raise BadRecord(f"the {key} of {what} is not text")
    mood = doc.get("mood")
    if mood is not None and (
        isinstance(mood, bool)
        or not isinstance(mood, int)
        or not MOOD_RANGE[0] <= mood <= MOOD_RANGE[1]
    ):
        raise BadRecord(f"the mood of {what} is not a number from 1 to 5")
    tags = doc.get("tags", [])
    # A tuple: a document this module read before (it shares the entry's tags).
    if not isinstance(tags, (list, tuple)) or not all(isinstance(t, str) for t in tags):
        raise BadRecord(f"the tags of {what} are malformed")
    prompt = doc.get("prompt")
    if prompt is not None and not isinstance(prompt, str):
        raise BadRecord(f"the prompt of {what} is malformed")
    deleted = doc.get("deleted")
    when_deleted = f"the deletion date of {what}"
    created = _shared(aware_datetime(doc.get("created"), f"the date of {what}"))
    if doc.get("updated") == doc.get("created"):
        updated = created  # never edited: one object (and one string in the document)
        doc["updated"] = doc["created"]
    else:
        updated = _shared(aware_datetime(doc.get("updated"), f"the update date of {what}"))
    # The document and the entry share the tags (orjson writes a tuple as a list) and
    # every entry shares each tag's text: a journal has a handful of tags, used often.
    shared_tags = tuple(_TAGS.setdefault(tag, tag) for tag in tags) if tags else ()
    doc["tags"] = shared_tags
    return Entry(
        id=entry_id,
        created=created,
        updated=updated,
        title=doc["title"],
        text=doc["text"],
        mood=mood,
        tags=shared_tags,
        prompt=prompt,
        deleted=None if deleted is None else _shared(aware_datetime(deleted, when_deleted)),
    )


# Read from ISO text, every moment gets a time zone object of its own (80 of its
# 128 bytes); a journal written in one or two zones needs one or two of them.
_ZONES: dict[tzinfo, tzinfo] = {}
_TAGS: dict[str, str] = {}


def _shared(moment: datetime) -> datetime:
    """`moment` with the one time zone object kept for its offset."""
    zone = moment.tzinfo
    assert zone is not None  # aware_datetime refuses a moment without one
    kept = _ZONES.setdefault(zone, zone)
    return moment if kept is zone else moment.replace(tzinfo=kept)
