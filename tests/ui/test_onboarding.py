"""Onboarding, driven by the keys a new user presses."""

from __future__ import annotations

from datetime import timedelta

from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.onboarding import OnboardingScreen
from exback_tui.store.plan.snapshot import read_plan_state
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import day_shown, screen_text, settle


async def test_first_run_shows_onboarding_with_the_data_folder(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        text = screen_text(app)
        assert "~/.local/share/exback" in text
        assert "Nothing is sent anywhere" in text


async def test_onboarding_then_dashboard_shows_day_12(make_app, ui_data_dir):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"16 days ago", "enter", *"11 days ago", "enter", *"30", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert day_shown(app) == "12"
        assert "11 days done, 19 to your goal" in screen_text(app)
    plan, checkins = read_plan_state(ui_data_dir)
    assert plan is not None
    assert plan.current.start == FIXED_TODAY - timedelta(days=11)
    assert plan.breakup_date == FIXED_TODAY - timedelta(days=16)
    assert plan.target_days == 30
    assert checkins == ()


async def test_blank_answers_mean_today_and_30_days(make_app, ui_data_dir):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    plan, _ = read_plan_state(ui_data_dir)
    assert plan is not None
    assert plan.current.start == FIXED_TODAY
    assert plan.breakup_date is None
    assert plan.target_days == 30


async def test_bad_answers_are_explained_beside_each_field_and_nothing_is_saved(
    make_app, ui_data_dir
):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"03/04/2026", "enter", *"next tuesday", "enter", *"10", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        breakup = str(app.screen.query_one("#breakup-error").render())
        start = str(app.screen.query_one("#start-error").render())
        target = str(app.screen.query_one("#target-error").render())
        assert "could be 3 Apr" in breakup and "4 Mar" in breakup
        assert "Couldn't read" in start
        assert "at least 21" in target
        assert app.focused is app.screen.query_one("#breakup")
    assert not (ui_data_dir / "plan.json").exists()


async def test_start_before_breakup_is_refused(make_app, ui_data_dir):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"3 days ago", "enter", *"5 days ago", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        assert "before the breakup" in str(app.screen.query_one("#start-error").render())
    assert not (ui_data_dir / "plan.json").exists()


async def test_future_start_is_refused(make_app, ui_data_dir):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", *"2099-01-01", "enter", "enter")
        await settle(pilot)
        assert "in the future" in str(app.screen.query_one("#start-error").render())
    assert not (ui_data_dir / "plan.json").exists()


async def test_fixing_a_field_clears_its_message(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "enter", *"abc", "enter")
        await pilot.pause()
        error = app.screen.query_one("#target-error")
        assert error.display and "whole number" in str(error.render())
        await pilot.press("backspace")
        await pilot.pause()
        assert not error.display
