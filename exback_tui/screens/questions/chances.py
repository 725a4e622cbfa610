"""Big question 2, can you get them back: the signs, and the quizzes (no guarantee)."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult

from exback_tui.domain.progress import ProgramState
from exback_tui.material import Material
from exback_tui.widgets.checklist import ChecklistView
from exback_tui.widgets.quiz import QuizView


def compose_tools(
    material: Material, texts: Mapping[str, str], program: ProgramState
) -> ComposeResult:
    """What the user does in big question 2: the signs, and the quizzes."""
    yield ChecklistView(material.checklists["signs"], material.text["checklist"], id="signs")
    for quiz in material.quizzes:
        yield QuizView(quiz, texts, id=f"quiz-{quiz.id}")
