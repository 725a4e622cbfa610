"""Content is the source: what a content folder holds is what the screens show, no code
change needed, and the dashboard reads no more content than its first paint uses."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from exback_tui.material import Material, shipped_material
from exback_tui.resources import content_dir
from exback_tui.screens.faq import FaqScreen
from exback_tui.screens.questions import QuestionsScreen
from exback_tui.widgets.quiz import ChoiceList, QuizView
from tests.material.toml_writer import change_toml
from tests.ui.conftest import screen_text, settle

SIZE = (100, 30)
NEW_SIGN = "They still wear the jacket you gave them."
NEW_QUESTION = "When they hear your name, what happens?"
NEW_FAQ = "Is it normal to dream about them?"


def _add_sign(data: dict[str, Any]) -> None:
    signs = next(entry for entry in data["checklist"] if entry["id"] == "signs")
    signs["item"].append({"id": "wears-the-jacket", "text": NEW_SIGN})
    max(signs["band"], key=lambda band: band["high"])["high"] = len(signs["item"])


def _add_quiz_question(data: dict[str, Any]) -> None:
    quiz = data["quiz"][0]
    options = [
        {"text": "They change the subject", "score": 0},
        {"text": "They ask how you are", "score": 1},
        {"text": "They smile", "score": 2},
    ]
    quiz["question"].append({"id": "your-name", "text": NEW_QUESTION, "option": options})
    max(quiz["band"], key=lambda band: band["high"])["high"] += 2


def edited_content(tmp_path: Path) -> Path:
    """A copy of the shipped content with a sign, a quiz question and a common question more."""
    folder = tmp_path / "content"
    shutil.copytree(content_dir(), folder)
    change_toml(folder, "checklists.toml", _add_sign)
    change_toml(folder, "quizzes.toml", _add_quiz_question)
    with (folder / "faq.md").open("a", encoding="utf-8") as faq:
        faq.write(f"\n## {NEW_FAQ}\n\nVery. A dream is the mind sorting, not a sign.\n")
    return folder


async def test_a_new_sign_quiz_question_and_faq_entry_show_without_code(make_app, tmp_path):
    material = Material(edited_content(tmp_path))
    app = make_app(started_days_ago=10, material=material)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "2")
        await settle(pilot)
        assert isinstance(app.screen, QuestionsScreen)
        shown = screen_text(app)
        assert NEW_SIGN in shown
        assert NEW_QUESTION in shown
        quiz = app.screen.query_one(f"#quiz-{material.quizzes[0].id}", QuizView)
        assert len(quiz.query(ChoiceList)) == len(material.quizzes[0].questions)
        # One more than the shipped quiz, which has the most the old loader allowed.
        assert (
            len(material.quizzes[0].questions) == len(shipped_material().quizzes[0].questions) + 1
        )

        await pilot.press("escape", "escape", "f")
        await settle(pilot)
        assert isinstance(app.screen, FaqScreen)
        shown = screen_text(app)
        assert NEW_FAQ in shown
        assert f"All {len(material.faq)} questions" in shown
        await pilot.press(*"dream")
        await settle(pilot)
        assert "1 of 7 questions match" in screen_text(app)


async def test_the_dashboard_reads_only_the_content_its_first_paint_shows(make_app):
    material = Material(content_dir())
    app = make_app(started_days_ago=3, material=material)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert set(material.loaded) <= {
            "actions",
            "milestones",
            "screens/dashboard",
            "screens/checkin",
            "care",  # the low check-in rule: read just after the first paint, not before
        }, material.loaded
        await pilot.press("n")
        await settle(pilot)
        assert "prompts" in material.loaded  # the editor reads its prompts when it opens
