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
