"""The program's simple lists: the stages of step 4, the plan areas of step 2, the
questions to answer before deciding and the concerns of the safety gate.

Each is one `[[entry]]` array with unique ids: as many as the file holds.
"""

from __future__ import annotations

from pathlib import Path

from exback_tui.domain.material import Concern, PlanArea, Question, Stage
from exback_tui.material.errors import ContentError
from exback_tui.material.reading import TEXTS, simple

# The safety gate's two answers (domain.gates.safety); the gate needs both.
CONCERN_LEVELS = ("stop", "caution")


def load_stages(folder: Path) -> tuple[Stage, ...]:
    """The stages of reconnecting, in order."""
    kinds = {"id": str, "title": str, "text": str, "dos": TEXTS, "donts": TEXTS}
    entries = simple(folder, "stages.toml", "stage", kinds)
    return tuple(
        Stage(e["id"], e["title"], e["text"], tuple(e["dos"]), tuple(e["donts"])) for e in entries
    )


def load_plan_areas(folder: Path) -> tuple[PlanArea, ...]:
    """The areas of the personal plan."""
    entries = simple(folder, "plan.toml", "area", {"id": str, "title": str, "hint": str})
    return tuple(PlanArea(e["id"], e["title"], e["hint"]) for e in entries)


def load_decision_questions(folder: Path) -> tuple[Question, ...]:
    """The questions to answer before deciding."""
    entries = simple(folder, "decision.toml", "question", {"id": str, "text": str, "hint": str})
    return tuple(Question(e["id"], e["text"], e["hint"]) for e in entries)


def load_concerns(folder: Path) -> tuple[Concern, ...]:
    """The safety gate: each concern is a "stop" or a "caution"; both kinds are needed."""
    name = "safety.toml"
    entries = simple(
        folder,
        name,
        "concern",
        {"id": str, "text": str, "level": str},
        {"advice": (str, "")},
    )
    for entry in entries:
        if entry["level"] not in CONCERN_LEVELS:
            raise ContentError(
                f"{name}: concern {entry['id']!r} has level {entry['level']!r};"
                f" it must be one of {list(CONCERN_LEVELS)}"
            )
    for level in CONCERN_LEVELS:
        if not any(entry["level"] == level for entry in entries):
            raise ContentError(f"{name}: needs at least one concern with level {level!r}")
    return tuple(Concern(e["id"], e["text"], e["level"], e["advice"]) for e in entries)
