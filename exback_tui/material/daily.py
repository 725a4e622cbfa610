"""The daily words: today's action per step, the journal prompts, the milestone messages.

The dashboard needs these for its first paint, so they are the content the
app loads at start (the rest waits for its screen).
"""

from __future__ import annotations

from pathlib import Path

from exback_tui.domain.daily import Action, MilestoneText, Prompt
from exback_tui.domain.plan import FIXED_MILESTONES
from exback_tui.material.errors import ContentError
from exback_tui.material.reading import array, fields, ids, read_toml, unique

# The program's steps, which actions and prompts belong to.
STEPS = range(1, 5)
MILESTONE_KEYS = frozenset({*(f"day-{d}" for d in FIXED_MILESTONES), "target"})


def _check_step(name: str, what: str, entry_id: str, step: int) -> None:
    if step not in STEPS:
        raise ContentError(f"{name}: {what} {entry_id!r} has step outside 1-4")


def load_actions(folder: Path) -> tuple[Action, ...]:
    """The "today in step N" actions: unique ids, steps 1-4, a known `when`, and every
    period covered for each step that has actions."""
    from exback_tui.domain.program import PERIODS, is_valid_when

    name = "actions.toml"
    kinds = {"id": str, "step": int, "text": str, "when": str}
    entries = [
        fields(f"{name}: [[action]] #{n}", entry, kinds)
        for n, entry in enumerate(array(name, read_toml(folder, name), "action"), start=1)
    ]
    ids(name, entries)
    for entry in entries:
        _check_step(name, "action", entry["id"], entry["step"])
        if not is_valid_when(entry["when"]):
            raise ContentError(
                f"{name}: action {entry['id']!r} has when = {entry['when']!r}; use one of "
                f"{', '.join(PERIODS)} or day-N"
            )
    for step in sorted({e["step"] for e in entries}):
        covered = {e["when"] for e in entries if e["step"] == step}
        missing = [period for period in PERIODS if period not in covered]
        if missing:
            raise ContentError(f"{name}: step {step} has no action for {missing[0]}")
    return tuple(Action(e["id"], e["step"], e["text"], e["when"]) for e in entries)


def load_prompts(folder: Path) -> tuple[Prompt, ...]:
    """The journal prompts: unique ids, steps 1-4, at least one prompt per step."""
    name = "prompts.toml"
    kinds = {"id": str, "step": int, "title": str, "text": str}
    entries = [
        fields(f"{name}: [[prompt]] #{n}", entry, kinds)
        for n, entry in enumerate(array(name, read_toml(folder, name), "prompt"), start=1)
    ]
    ids(name, entries)
    for entry in entries:
        _check_step(name, "prompt", entry["id"], entry["step"])
    missing = set(STEPS) - {e["step"] for e in entries}
    if missing:
        raise ContentError(f"{name}: no prompt for step {min(missing)}")
    return tuple(Prompt(e["id"], e["step"], e["title"], e["text"]) for e in entries)


def load_milestones(folder: Path) -> dict[str, MilestoneText]:
    """Milestone words by key; every milestone the plan can reach must have them."""
    name = "milestones.toml"
    kinds = {"key": str, "title": str, "message": str}
    entries = [
        fields(f"{name}: [[milestone]] #{n}", entry, kinds)
        for n, entry in enumerate(array(name, read_toml(folder, name), "milestone"), start=1)
    ]
    keys = [e["key"] for e in entries]
    unique(name, keys, "key")
    if set(keys) != MILESTONE_KEYS:
        raise ContentError(
            f"{name}: keys must be exactly {sorted(MILESTONE_KEYS)}, found {sorted(keys)}"
        )
    return {e["key"]: MilestoneText(e["key"], e["title"], e["message"]) for e in entries}
