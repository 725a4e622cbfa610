"""Quitting straight after typing keeps what was typed: the app saves before it exits."""

from __future__ import annotations


async def test_ctrl_q_right_after_typing_an_answer_keeps_it(make_app):
    app = make_app(started_days_ago=10)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "1")
        await pilot.pause()
        area = app.screen.query_one("#answer-1")
        area.focus()
        await pilot.pause()
        await pilot.press(*"we wanted different things")
        await pilot.press("ctrl+q")
    assert app.service.program().answer("decision:" + app.material.decision_questions[0].id) == (
        "we wanted different things"
    )


async def test_screens_that_hold_typed_text_declare_it(make_app):
    """Quit finds what to save through the KeepsUnsaved protocol, not by probing names."""
    from exback_tui.saving import KeepsUnsaved
    from exback_tui.screens.dashboard import DashboardScreen
    from exback_tui.screens.questions import QuestionsScreen
    from exback_tui.screens.steps import StepsScreen

    app = make_app(started_days_ago=10)
    async with app.run_test(size=(100, 30)):
        assert isinstance(QuestionsScreen(1, app.material), KeepsUnsaved)
        assert isinstance(StepsScreen(4, app.material), KeepsUnsaved)
        assert not isinstance(DashboardScreen(app.material), KeepsUnsaved)


async def test_ctrl_q_right_after_typing_talk_notes_keeps_them(make_app):
    from exback_tui.material import shipped_material
    from tests.conftest import FIXED_TODAY

    def ready(service) -> None:
        readiness = shipped_material().checklists["readiness"]
        service.save_checklist("readiness", [item.id for item in readiness.items], FIXED_TODAY)

    app = make_app(started_days_ago=25, seed=ready)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "4")
        await pilot.pause()
        await pilot.pause()
        app.screen.query_one("#steps-notes").focus()
        await pilot.pause()
        await pilot.press(*"say sorry first")
        await pilot.press("ctrl+q")
    assert app.service.program().answer("talk:notes") == "say sorry first"
