"""Big question 2, can you get them back: the signs, and the quizzes (no guarantee)."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult

from exback_tui.screens.paged import PagedScreen
from exback_tui.widgets.checklist import ChecklistView
from exback_tui.widgets.quiz import QuizView


def compose_tools(screen: PagedScreen, texts: Mapping[str, str]) -> ComposeResult:
    """What the user does in big question 2: the signs, and the quizzes."""
    material, program, today = screen.material, screen.program, screen.today
    signs = material.checklists["signs"]
    yield ChecklistView(
        signs, material.text["checklist"], program=program, today=today, id="signs"
    ).data_bind(PagedScreen.program, PagedScreen.today)
    for quiz in material.quizzes:
        yield QuizView(
            quiz,
            texts,
            program=program,
            support_offer=screen.material.text["support"]["answer_offer"],
            id=f"quiz-{quiz.id}",
        ).data_bind(PagedScreen.program)
