"""How the big-question screens look, at a fixed size and a fixed date.

Review the HTML report before `--snapshot-update`: a changed snapshot is a
changed look.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import TextArea

from exback_tui.material import shipped_material
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import quiet_cursors

SMALL = (80, 24)
LARGE = (160, 48)


async def _quiet(pilot) -> None:
    await pilot.pause()
    quiet_cursors(pilot.app)
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _opening(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await _quiet(pilot)

    return run_before


def _seeded(service) -> None:
    """Some answers, ticks and a quiz result, as after a few days of use."""
    material = shipped_material()
    earlier = FIXED_TODAY - timedelta(days=5)
    service.save_checklist("reasons", {"miss-them", "lonely"}, earlier)
    service.save_checklist("reasons", {"miss-them", "love-them"}, FIXED_TODAY)
    first = material.decision_questions[0]
    service.save_answer(f"decision:{first.id}", "[bold] We drifted.", _noon(FIXED_TODAY))
    service.add_item("pros", "We laugh at the same things", earlier)
    service.add_item("cons", "[@click=app.quit]x[/] we never planned", earlier)
    quiz = material.quizzes[0]
    answers = {q.id: 0 for q in quiz.questions}
    service.save_quiz(quiz.id, answers, sum(q.options[0].score for q in quiz.questions), earlier)


def _noon(day):
    from datetime import UTC, datetime, time

    return datetime.combine(day, time(12), UTC)


@pytest.mark.parametrize("number", [None, 1, 2, 3, 4])
def test_question_screens(snap_compare, make_app, number):
    keys = ["b"] if number is None else ["b", str(number)]
    assert snap_compare(
        make_app(started_days_ago=10, seed=_seeded),
        terminal_size=SMALL,
        run_before=_opening(*keys),
    )


@pytest.mark.parametrize("number", [None, 1, 2])
def test_question_screens_wide(snap_compare, make_app, number):
    keys = ["b"] if number is None else ["b", str(number)]
    assert snap_compare(
        make_app(started_days_ago=10, seed=_seeded),
        terminal_size=LARGE,
        run_before=_opening(*keys),
    )


def test_reasons_verdict_with_desperation(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("b", "1")
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "tab", "tab", "tab", "space", "tab", "space")
        await _quiet(pilot)

    assert snap_compare(
        make_app(started_days_ago=10, seed=_seeded), terminal_size=SMALL, run_before=run_before
    )


def test_safety_gate_stop(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("b", "1")
        await pilot.pause()
        gate = pilot.app.screen.query_one("#safety")
        gate.query("TickBox").first().focus()
        await pilot.press("space")
        await _quiet(pilot)
        gate.query_one(".checklist-verdict").scroll_visible(animate=False)
        await _quiet(pilot)

    assert snap_compare(
        make_app(started_days_ago=10, seed=_seeded), terminal_size=SMALL, run_before=run_before
    )


def test_quiz_result_with_an_earlier_one(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("b", "2")
        await pilot.pause()
        quiz = pilot.app.screen.query_one("QuizView")
        quiz.query("ChoiceList").first().focus()
        await pilot.pause()
        for _ in quiz.query("ChoiceList"):
            await pilot.press("down", "space", "tab")
        await pilot.press("enter")
        await _quiet(pilot)
        quiz.query_one(".quiz-earlier").scroll_visible(animate=False, top=False)
        await _quiet(pilot)

    assert snap_compare(
        make_app(started_days_ago=10, seed=_seeded), terminal_size=SMALL, run_before=run_before
    )
