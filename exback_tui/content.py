"""Loads and checks the program's text from `content/`.

A mistake in content (an unknown key, a missing field, a duplicate id) is
reported with the file and the entry, so adding an action or a message is a
content edit that can't silently break a screen.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from exback_tui.domain.plan import FIXED_MILESTONES
from exback_tui.resources import content_dir


class ContentError(ValueError):
    """Shipped content that does not have the expected shape."""


class Action(NamedTuple):
    """One concrete thing to do today in a step."""

    id: str
    step: int
    text: str


class Prompt(NamedTuple):
    """A journal prompt for one step of the program."""

    id: str
    step: int
    title: str
    text: str


class MilestoneText(NamedTuple):
    """The words for one milestone."""

    key: str
    title: str
    message: str


MILESTONE_KEYS = frozenset({*(f"day-{d}" for d in FIXED_MILESTONES), "target"})


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{path.name}: {error}") from None


def _entries(path: Path, array: str, fields: dict[str, type]) -> list[dict[str, Any]]:
    data = _read(path)
    unknown = set(data) - {array}
    if unknown:
        raise ContentError(f"{path.name}: unknown top-level keys {sorted(unknown)}")
    entries = data.get(array)
    if not isinstance(entries, list) or not entries:
        raise ContentError(f"{path.name}: needs at least one [[{array}]]")
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name}: [[{array}]] #{number}"
        if not isinstance(entry, dict):
            raise ContentError(f"{where}: must be a table of keys")
        extra = set(entry) - set(fields)
        if extra:
            raise ContentError(f"{where}: unknown keys {sorted(extra)}")
        for name, kind in fields.items():
            if name not in entry:
                raise ContentError(f"{where}: missing {name!r}")
            value = entry[name]
            empty = isinstance(value, str) and not value.strip()
            if not isinstance(value, kind) or isinstance(value, bool) or empty:
                raise ContentError(f"{where}: {name!r} must be a non-empty {kind.__name__}")
    return entries


def _unique(path: Path, values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ContentError(f"{path.name}: duplicate {what} {value!r}")
        seen.add(value)


def load_actions(folder: Path) -> tuple[Action, ...]:
    """The "today in step N" actions, checked."""
    path = folder / "actions.toml"
    entries = _entries(path, "action", {"id": str, "step": int, "text": str})
    _unique(path, [e["id"] for e in entries], "id")
    for entry in entries:
        if not 1 <= entry["step"] <= 4:
            raise ContentError(f"{path.name}: action {entry['id']!r} has step outside 1-4")
    return tuple(Action(e["id"], e["step"], e["text"]) for e in entries)


def load_prompts(folder: Path) -> tuple[Prompt, ...]:
    """The journal prompts, checked: unique ids, steps 1-4, at least one prompt per step."""
    path = folder / "prompts.toml"
    entries = _entries(path, "prompt", {"id": str, "step": int, "title": str, "text": str})
    _unique(path, [e["id"] for e in entries], "id")
    for entry in entries:
        if not 1 <= entry["step"] <= 4:
            raise ContentError(f"{path.name}: prompt {entry['id']!r} has step outside 1-4")
    missing = {1, 2, 3, 4} - {e["step"] for e in entries}
    if missing:
        raise ContentError(f"{path.name}: no prompt for step {min(missing)}")
    return tuple(Prompt(e["id"], e["step"], e["title"], e["text"]) for e in entries)


def load_milestones(folder: Path) -> dict[str, MilestoneText]:
    """Milestone words by key; every milestone the program knows must have them."""
    path = folder / "milestones.toml"
    entries = _entries(path, "milestone", {"key": str, "title": str, "message": str})
    keys = [e["key"] for e in entries]
    _unique(path, keys, "key")
    if set(keys) != MILESTONE_KEYS:
        raise ContentError(
            f"{path.name}: keys must be exactly {sorted(MILESTONE_KEYS)}, found {sorted(keys)}"
        )
    return {e["key"]: MilestoneText(e["key"], e["title"], e["message"]) for e in entries}


UI_FIELDS = {
    "onboarding": ("title", "intro", "privacy"),
    "slip": ("title", "body", "trigger_prompt"),
    "checkin": ("done", "open", "saved", "updated"),
    "dashboard": ("clock_behind", "new_day", "attempt_none"),
    "hide": ("text",),
    "help": ("title", "checkin_title", "checkin_keys", "closing"),
    "editor": (
        "new_heading",
        "edit_heading",
        "title_placeholder",
        "tags_placeholder",
        "prompt_none",
        "paste_too_long",
        "text_full",
        "saved",
        "draft_failed",
        "discard_title",
        "discard_body",
        "discard_yes",
        "discard_no",
    ),
    "draft": ("title", "body", "preview", "open", "discard", "discarded"),
    "journal": (
        "loading",
        "empty",
        "no_match",
        "deleted_empty",
        "deleted_header",
        "restore_note",
        "confirm_title",
        "confirm_body",
        "confirm_yes",
        "confirm_no",
        "deleted_done",
        "restored_done",
        "bad_range",
    ),
}


def load_ui(folder: Path) -> dict[str, dict[str, Any]]:
    """Screen prose by section and key, checked against UI_FIELDS."""
    path = folder / "ui.toml"
    data = _read(path)
    if set(data) != set(UI_FIELDS):
        raise ContentError(f"{path.name}: sections must be exactly {sorted(UI_FIELDS)}")
    for section, keys in UI_FIELDS.items():
        table = data[section]
        if not isinstance(table, dict) or set(table) != set(keys):
            raise ContentError(f"{path.name}: [{section}] must have exactly {sorted(keys)}")
        for key in keys:
            value = table[key]
            if isinstance(value, list):
                if not value or not all(_is_text_pair(item) for item in value):
                    raise ContentError(
                        f"{path.name}: [{section}].{key} must list [key, text] pairs"
                    )
            elif not isinstance(value, str) or not value.strip():
                raise ContentError(f"{path.name}: [{section}].{key} must be non-empty text")
    return data


def _is_text_pair(item: object) -> bool:
    return (
        isinstance(item, list)
        and len(item) == 2
        and all(isinstance(part, str) and part.strip() for part in item)
    )


class Content(NamedTuple):
    """All the content the screens use, loaded once."""

    actions: tuple[Action, ...]
    milestones: dict[str, MilestoneText]
    ui: dict[str, dict[str, Any]]
    prompts: tuple[Prompt, ...] = ()


def load_content(folder: Path) -> Content:
    """Load and check every content file in `folder`."""
    return Content(
        load_actions(folder), load_milestones(folder), load_ui(folder), load_prompts(folder)
    )


@cache
def shipped_content() -> Content:
    """The content shipped with exback (loaded once per process)."""
    return load_content(content_dir())
