"""The command palette (ctrl+p): every screen and action, found by typing."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from exback_tui.commands import program_commands
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.dialogs.help import HelpScreen
from exback_tui.screens.faq import FaqScreen
from exback_tui.screens.hard_dates import HardDatesScreen
from exback_tui.screens.hide import HideScreen
from exback_tui.screens.journal import JournalScreen
from exback_tui.screens.urge import UrgeScreen
from tests.ui.conftest import settle, wait_until


async def run_command(pilot, typed: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*typed)
    # The palette searches in the background; wait for the hits to arrive.
    hits = pilot.app.screen.query_one("CommandList")
    await wait_until(pilot, lambda: hits.option_count, "the palette's hits")
    await pilot.press("enter")
    await settle(pilot)


async def test_steps_2_from_the_palette(make_app):
    from exback_tui.screens.steps import StepsScreen

    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_command(pilot, "steps 2")
        screen = app.screen
        assert isinstance(screen, StepsScreen)
        assert screen.number == 2


async def test_big_question_3_from_the_palette(make_app):
    from exback_tui.screens.questions import QuestionsScreen

    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_command(pilot, "big questions 3")
        assert isinstance(app.screen, QuestionsScreen)
        assert app.screen.number == 3


@pytest.mark.parametrize(
    ("typed", "screen_type"),
    [
        ("common questions", FaqScreen),
        ("urge", UrgeScreen),
        ("hard dates", HardDatesScreen),
        ("journal", JournalScreen),
        ("keys and help", HelpScreen),
        ("hide the screen", HideScreen),
    ],
)
async def test_screens_from_the_palette(make_app, typed, screen_type):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_command(pilot, typed)
        assert isinstance(app.screen, screen_type)


async def test_today_closes_what_is_open(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("tab")  # out of the search field
        await run_command(pilot, "today")
        assert isinstance(app.screen, DashboardScreen)


async def test_theme_toggle_is_remembered_by_a_new_app(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.current_theme.dark
        await run_command(pilot, "toggle dark")
        assert app.theme == "textual-light"
        await settle(pilot)
    assert app.service.program().theme == "textual-light"
    app.service.close()
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"
        await run_command(pilot, "toggle dark")
        assert again.theme == "textual-dark"


async def test_quit_from_the_palette(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_command(pilot, "quit exback")
        assert app._exit


async def test_every_command_has_a_name_and_help_and_names_are_unique(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        commands = list(program_commands(app))
        names = [c.name for c in commands]
        assert (
            len(names) == len(set(names)) == 32
        )  # on Today: the journal's own three are not listed
        assert all(c.name.strip() and c.help.strip() for c in commands)


async def test_before_onboarding_only_the_app_wide_actions(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        texts = app.material.text["commands"]
        names = [c.name for c in program_commands(app)]
        assert names == [
            texts["support"],  # "I'm not OK" is there from the first screen
            texts["keeping_safe"],
            texts["help"],
            texts["hide"],
            texts["theme"],
            texts["quit"],
        ]


async def test_undo_todays_slip_from_the_palette(make_app, ui_data_dir):
    from exback_tui.screens.dialogs.confirm import ConfirmDialog
    from exback_tui.store.plan.snapshot import read_plan_state
    from tests.conftest import FIXED_TODAY

    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_command(pilot, "undo today's slip")
        texts = app.material.text["slip"]
        assert any(texts["undo_none"] in str(n.message) for n in app._notifications)
        app.service.slip(FIXED_TODAY, "by mistake")
        app.status = app.service.status(FIXED_TODAY)
        await run_command(pilot, "undo today's slip")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert any(texts["undo_done"] in str(n.message) for n in app._notifications)
    assert len(read_plan_state(ui_data_dir).plan.attempts) == 1


async def test_the_palette_has_the_check_in_the_logs_and_recently_deleted(make_app):
    from exback_tui.screens.dialogs.slip import SlipDialog

    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_command(pilot, "i contacted them")
        assert isinstance(app.screen, SlipDialog)
        await pilot.press("escape")
        await settle(pilot)
        await run_command(pilot, "recently deleted")
        assert isinstance(app.screen, JournalScreen)
        assert "Recently deleted" in str(app.screen.query_one("#journal-heading").render())
        await run_command(pilot, "check-in")
        assert isinstance(app.screen, DashboardScreen)
        assert app.focused is app.screen.query_one("#mood")


async def test_on_the_journal_the_palette_edits_deletes_and_restores(make_app):
    app = make_app(started_days_ago=5)
    app.service.add_entry(app.now(), "an entry")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        names = [c.name for c in program_commands(app)]
        assert {"Journal › Edit this entry", "Journal › Delete this entry"} <= set(names)
        await run_command(pilot, "delete this entry")
        assert type(app.screen).__name__ == "ConfirmDialog"
