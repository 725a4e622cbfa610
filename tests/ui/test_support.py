"""The "I'm not OK" page: `!` where focus is not in a text field, the palette from
anywhere, Escape back to exactly where the person was."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown, Static, TextArea

from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.entry_editor import EntryEditorScreen
from exback_tui.screens.journal import JournalScreen
from exback_tui.screens.support import SupportScreen
from exback_tui.widgets.key_bar import KeyBar
from tests.ui.conftest import settle, top_line
from tests.ui.test_commands import run_command


def shown_text(screen) -> str:
    parts = [str(static.render()) for static in screen.query(Static)]
    parts += [markdown.source for markdown in screen.query(Markdown)]
    return "\n".join(parts)


async def press_support_and_back(pilot, expected_type) -> None:
    before = pilot.app.screen
    assert isinstance(before, expected_type)
    focused = pilot.app.focused
    await pilot.press("exclamation_mark")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SupportScreen)
    text = shown_text(screen)
    assert "I'm not OK" in text
    assert "emergency number" in text
    await pilot.press("escape")
    await settle(pilot)
    assert pilot.app.screen is before
    assert pilot.app.focused is focused


async def test_from_the_dashboard_and_back(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_support_and_back(pilot, DashboardScreen)


async def test_from_a_step_and_back(make_app):
    from exback_tui.screens.steps import StepsScreen

    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s", "2")
        await settle(pilot)
        assert app.screen.number == 2
        await press_support_and_back(pilot, StepsScreen)
        assert app.screen.number == 2


async def test_from_the_journal_list_and_back(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("down")  # from the search field to the list
        await settle(pilot)
        await press_support_and_back(pilot, JournalScreen)


async def test_in_a_text_field_the_key_is_typed_and_the_palette_opens_it(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EntryEditorScreen)
        area = editor.query_one("#editor-text", TextArea)
        area.focus()
        await pilot.press(*"so tired!")
        await settle(pilot)
        assert isinstance(app.screen, EntryEditorScreen)
        assert area.text == "so tired!"
        await run_command(pilot, "I'm not OK")
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is editor
        assert app.focused is area
        assert area.text == "so tired!"


async def test_the_locale_country_comes_first(make_app):
    app = make_app(started_days_ago=5)
    app.support_country = "NZ"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        lines = str(app.screen.query_one("#support-lines", Static).render()).splitlines()
        assert lines[0].startswith("New Zealand") and "1737" in lines[0]
        assert lines[1] == "New Zealand, emergency: 111"


@pytest.mark.parametrize("keys", [(), ("j", "down"), ("s", "1"), ("f", "tab")])
async def test_every_key_bar_starts_with_the_support_key(make_app, keys):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        assert str(bar.render()).startswith(" ! I'm not OK ")


async def test_the_help_screen_lists_it(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        from exback_tui.screens.dialogs.help import HelpScreen

        # The help screen lists the rows of _global_keys (test_help.svg shows it drawn).
        assert isinstance(app.screen, HelpScreen)
        assert app._global_keys()[0] == ("!", "I'm not OK")


async def test_in_a_text_field_the_key_bar_leaves_the_support_key_out(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f")  # the search field has focus
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        assert "I'm not OK" not in str(bar.render())
        await pilot.press("tab")
        await settle(pilot)
        assert str(bar.render()).startswith(" ! I'm not OK ")


async def test_a_crisis_draft_in_the_checker_gets_support_before_any_rule(make_app):
    from exback_tui.widgets.checker import MessageChecker
    from tests.ui.conftest import INSTANT
    from tests.ui.test_steps import open_step, ready_and_waited, wait_for_check

    app = make_app(started_days_ago=25, seed=ready_and_waited, delays=INSTANT)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_step(pilot, 4)
        await pilot.press("m")
        await pilot.pause()
        checker = app.screen.query_one(MessageChecker)
        await pilot.press(*"I miss you and I just want to die")
        await wait_for_check(pilot)
        shown = str(app.screen.query_one("#checker-findings", Static).render())
        words = app.material.text["support"]
        assert shown.startswith(words["draft_crisis"])
        assert "emergency number" in shown
        assert words["draft_crisis_key"] in shown
        assert checker.findings == ()
        assert "Saying you miss them" not in shown
        # The palette opens the page from inside the draft; Escape comes back to it.
        steps, area = app.screen, app.focused
        await run_command(pilot, "I'm not OK")
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is steps and app.focused is area
        assert checker.text == "I miss you and I just want to die"


async def test_a_crisis_message_in_the_urge_box_gets_support(make_app):
    from tests.ui.conftest import INSTANT
    from tests.ui.test_urge import open_urge

    app = make_app(started_days_ago=5, delays=INSTANT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_urge(pilot)
        await pilot.press(*"i cant do this anymore")
        await settle(pilot)
        message = screen.query_one("#urge-message", Static)
        words = app.material.text["support"]
        assert message.display
        assert str(message.render()).startswith(words["draft_crisis"])
        assert screen.crisis
        await pilot.press(*" or not")  # still a crisis: the words stay
        await settle(pilot)
        assert screen.crisis


def _low_days(*days_ago: int):
    from datetime import timedelta

    from tests.conftest import FIXED_TODAY

    def seed(service) -> None:
        for ago in sorted(days_ago, reverse=True):  # oldest first, as they happened
            service.check_in(FIXED_TODAY - timedelta(days=ago), mood=1, urge=5, contacted=False)

    return seed


async def test_three_mood_1_days_in_the_last_five_put_a_gentle_line_on_today(make_app):
    app = make_app(started_days_ago=10, seed=_low_days(0, 2, 4))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        line = top_line(app, "care")
        assert line == app.material.text["support"]["low_run"]
        assert "press !" in line


async def test_two_low_days_leave_today_as_it_was(make_app):
    app = make_app(started_days_ago=10, seed=_low_days(0, 5, 6))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert top_line(app, "care") == ""
        assert app.screen.query_one("#dashboard-top").region.height == 1  # the date alone


async def test_ticking_a_crisis_answer_offers_the_support_page_beside_it(make_app):
    from tests.ui.test_questions import open_question, tick

    app = make_app(started_days_ago=10)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_question(pilot, 1)
        view = app.screen.query_one("#reasons")
        offers = list(view.query(".checklist-crisis-offer"))
        assert len(offers) == 1 and not offers[0].display
        await tick(pilot, "reasons", "never-happy")
        assert offers[0].display
        assert str(offers[0].render()) == app.material.text["support"]["answer_offer"]
        await tick(pilot, "reasons", "never-happy")  # unticked: the offer goes
        assert not offers[0].display


async def test_the_lowest_about_you_result_offers_the_support_page(make_app):
    from exback_tui.domain.assess import offered
    from exback_tui.material import shipped_material
    from tests.ui.test_questions import answer_quiz, open_question

    quiz = shipped_material().quizzes[0]
    lowest = [
        min(range(len(offered(q))), key=lambda i, q=q: offered(q)[i][1].score)
        for q in quiz.questions
    ]
    app = make_app(started_days_ago=10)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_question(pilot, 2)
        await answer_quiz(pilot, quiz.id, lowest)
        view = app.screen.query_one(f"#quiz-{quiz.id}")
        result = str(view.query_one(".quiz-result", Static).render())
        assert app.material.text["support"]["answer_offer"] in result
