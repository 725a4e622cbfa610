"""The unsaved journal entry, autosaved every few seconds to `draft.json`.

A crash or a closed terminal loses at most the last few seconds of typing:
the next start offers the draft back. It is written atomically like every
other file, and deleted once the entry is saved or discarded.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from exback_tui.store import files
from exback_tui.store.names import DRAFT_FILE, URGE_DRAFT_FILE
from exback_tui.store.reading import read_plain

# Each field of a draft and the type(s) its value may have.
DRAFT_FIELDS: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "text": str,
    "tags": str,
    "mood": (int, type(None)),
    "prompt": (str, type(None)),
    "editing": (str, type(None)),
    "saved_at": str,
}


def _shape_problem(draft: object) -> str | None:
    """What makes `draft` not a draft entry, or None if it is one."""
    if not isinstance(draft, dict) or set(draft) != set(DRAFT_FIELDS):
        return "it is not a draft entry"
    for key, kind in DRAFT_FIELDS.items():
        value = draft[key]
        if isinstance(value, bool) or not isinstance(value, kind):
            return f"its {key} is malformed"
    return None


def _encoded(draft: dict[str, Any], field: str) -> bytes:
    """`draft` as JSON; InvalidInput for `field` if its text can't be written as UTF-8."""
    import orjson

    from exback_tui.domain.errors import InvalidInput

    try:
        return orjson.dumps(draft)
    except orjson.JSONEncodeError:
        raise InvalidInput(
            "The text holds bytes that aren't valid characters, so the draft can't be kept.",
            field,
        ) from None


def _read(path: Path) -> tuple[bytes, Any] | None:
    """The bytes of the draft at `path` and what they hold; None if there is none.

    Bytes that aren't JSON raise DamagedFile (a copy is kept).
    """
    import orjson

    raw = read_plain(path)
    if raw is None:
        return None
    try:
        return raw, orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise files.damaged(path, raw, f"it is not valid JSON ({error})") from None


def save_draft(folder: Path, draft: dict[str, Any]) -> None:
    """Replace the draft with `draft` (a dict with DRAFT_FIELDS), atomically.

    A draft whose text can't be written as UTF-8 raises InvalidInput and the
    previous draft stays; a dict of the wrong shape is a bug (ValueError).
    """
    problem = _shape_problem(draft)
    if problem is not None:
        raise ValueError(f"not a draft: {problem}")
    raw = _encoded(draft, "text")
    files.atomic_write(folder / DRAFT_FILE, raw)


def load_draft(folder: Path) -> dict[str, Any] | None:
    """The saved draft, or None. A draft that can't be read raises DamagedFile (copy kept)."""
    path = folder / DRAFT_FILE
    read = _read(path)
    if read is None:
        return None
    raw, draft = read
    problem = _shape_problem(draft)
    if problem is not None:
        raise files.damaged(path, raw, problem)
    return draft


def clear_draft(folder: Path, name: str = DRAFT_FILE) -> None:
    """Forget the draft (after a save or a discard), durably.

    The folder is synced after the delete: otherwise a power cut soon after
    could bring back the draft of an entry that was already saved.
    """
    path = folder / name
    try:
        path.unlink()
    except FileNotFoundError:
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# The urge box's draft: the message being written there, until it is kept unsent.


def save_urge_draft(folder: Path, text: str, saved_at: str) -> None:
    """Replace the urge box's draft with `text`, atomically (InvalidInput if not UTF-8)."""
    raw = _encoded({"text": text, "saved_at": saved_at}, "message")
    files.atomic_write(folder / URGE_DRAFT_FILE, raw)


def load_urge_draft(folder: Path) -> str | None:
    """The urge box's draft text, or None. One that can't be read raises DamagedFile."""
    path = folder / URGE_DRAFT_FILE
    read = _read(path)
    if read is None:
        return None
    raw, draft = read
    if not isinstance(draft, dict) or not isinstance(draft.get("text"), str):
        raise files.damaged(path, raw, "it is not a draft message")
    return draft["text"]
