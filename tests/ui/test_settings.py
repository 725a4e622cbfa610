"""Settings, from the palette and from ?: each change checked, saved, the history kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input, Select

from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.dialogs.help import HelpScreen
from exback_tui.screens.settings import SettingsScreen
from exback_tui.store.plan.snapshot import read_plan_state
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import screen_text, settle, wait_until
from tests.ui.test_commands import run_command


def days_ago(n: int):
    return FIXED_TODAY - timedelta(days=n)


def with_a_slip(service) -> None:
    service.slip(days_ago(4), "a late text")


async def open_settings(pilot) -> SettingsScreen:
    await run_command(pilot, "settings")
    assert isinstance(pilot.app.screen, SettingsScreen)
    return pilot.app.screen


async def retype(pilot, field: str, text: str) -> None:
    """Focus a field, clear it with real keys and type `text`."""
    pilot.app.screen.query_one(f"#settings-{field}", Input).focus()
    await pilot.pause()
    await pilot.press("end", *["backspace"] * 40, *text)


async def test_the_target_changed_to_45_shows_on_the_dashboard_history_unchanged(
    make_app, ui_data_dir
):
    app = make_app(started_days_ago=12, seed=with_a_slip)
    before = read_plan_state(ui_data_dir).plan
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_settings(pilot)
        assert app.screen.query_one("#settings-target", Input).value == "30"
        await retype(pilot, "target", "45")
        await pilot.press("enter")
        await settle(pilot)
        assert "Saved. Your history is unchanged." in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "4 days done, 41 to your goal" in screen_text(app)
    after = read_plan_state(ui_data_dir).plan
    assert after.target_days == 45
    assert after.attempts == before.attempts


@pytest.mark.parametrize(
    ("field", "typed", "says"),
    [
        ("target", "20", "at least 21 days"),
        ("target", "thirty", "whole number of days"),
        ("breakup", "tomorrow", "Couldn't read"),
        ("breakup", "2 days ago", "the breakup can't be after"),
        ("start", "6 days ago", "previous attempt ended"),
        ("start", "03/04/2026", "whichever you mean"),
    ],
)
async def test_a_refused_change_is_said_under_its_field_and_nothing_is_saved(
    make_app, ui_data_dir, field, typed, says
):
    app = make_app(started_days_ago=12, seed=with_a_slip)
    before = (ui_data_dir / "plan.json").read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_settings(pilot)
        await retype(pilot, field, typed)
        await pilot.press("enter")
        await settle(pilot)
        error = str(app.screen.query_one(f"#settings-{field}-error").render())
        assert says in error
        assert app.focused is app.screen.query_one(f"#settings-{field}")
    assert (ui_data_dir / "plan.json").read_bytes() == before


async def test_start_correction_topics_review_day_and_theme(make_app, ui_data_dir):
    app = make_app(started_days_ago=12, seed=with_a_slip)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_settings(pilot)
        await retype(pilot, "start", "3 days ago")
        await retype(pilot, "topics", "kids, [bold]bills")
        app.screen.query_one("#settings-review", Select).value = 6
        app.screen.query_one("#settings-theme", Select).value = "light"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.program.allowed_topics, "the topics saved")
        assert app.program.allowed_topics == ("kids", "[bold]bills")
        assert app.theme == "textual-light"
        assert "[bold]bills" in app.screen.query_one("#settings-topics", Input).value
    plan = read_plan_state(ui_data_dir).plan
    assert plan.current.start == days_ago(3)
    assert plan.attempts[0].end == days_ago(4)  # the earlier attempt is untouched
    assert plan.review_weekday == 6
    assert app.service.program().theme == "textual-light"


async def test_settings_open_from_the_help_screen(make_app):
    app = make_app(started_days_ago=12)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        button = app.screen.query_one("#help-settings")
        for _ in range(5):  # Tab through the key tables to the button
            if app.focused is button:
                break
            await pilot.press("tab")
        assert app.focused is button
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)


async def test_nothing_changed_says_so(make_app):
    app = make_app(started_days_ago=12)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_settings(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Nothing to save" in screen_text(app)
