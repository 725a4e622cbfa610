"""The unsaved journal entry, autosaved every few seconds to `draft.json`.

A crash or a closed terminal loses at most the last few seconds of typing:
the next start offers the draft back. It is written atomically like every
other file, and deleted once the entry is saved or discarded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exback_tui.store import files

DRAFT_FILE = "draft.json"
DRAFT_FIELDS = {
    "title": str,
    "text": str,
    "tags": str,
    "mood": (int, type(None)),
    "prompt": (str, type(None)),
    "editing": (str, type(None)),
    "saved_at": str,
}


def save_draft(folder: Path, draft: dict[str, Any]) -> None:
    """Replace the draft with `draft` (a dict with DRAFT_FIELDS)."""
    import orjson

    files.atomic_write(folder / DRAFT_FILE, orjson.dumps(draft))


def load_draft(folder: Path) -> dict[str, Any] | None:
    """The saved draft, or None. A draft that can't be read raises DamagedFile (copy kept)."""
    import orjson

    path = folder / DRAFT_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        draft = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise files.damaged(path, raw, f"it is not valid JSON ({error})") from None
    if not isinstance(draft, dict) or set(draft) != set(DRAFT_FIELDS):
        raise files.damaged(path, raw, "it is not a draft entry")
    for key, kind in DRAFT_FIELDS.items():
        value = draft[key]
        if isinstance(value, bool) or not isinstance(value, kind):
            raise files.damaged(path, raw, f"its {key} is malformed")
    return draft


def clear_draft(folder: Path) -> None:
    """Forget the draft (after a save or a discard)."""
    (folder / DRAFT_FILE).unlink(missing_ok=True)
