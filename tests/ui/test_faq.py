"""Common questions (f): the six answers, filtered as the user types."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, Markdown

from exback_tui.domain.material import FaqEntry
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.faq import FaqScreen, matches, search_words
from tests.ui.conftest import HOSTILE_TEXTS, screen_text


async def open_faq(pilot) -> FaqScreen:
    await pilot.press("f")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, FaqScreen)
    return screen


def visible_questions(screen: FaqScreen) -> list[str]:
    return [
        str(entry.query_one(".faq-question").render())
        for entry in screen.query(".faq-entry")
        if entry.display
    ]


def a_word_only_in(entries, index: int) -> str:
    """A word of entry `index`'s question found in no other entry (from the shipped content)."""
    others = " ".join(
        f"{e.question} {e.answer}" for i, e in enumerate(entries) if i != index
    ).casefold()
    for word in entries[index].question.split():
        word = word.strip("?.,!'\"").casefold()
        if len(word) > 3 and word not in others:
            return word
    pytest.skip("no word unique to one question in the shipped FAQ")


async def test_f_shows_the_six_questions_with_the_search_focused(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_faq(pilot)
        assert len(visible_questions(screen)) == 6
        assert [q for q in visible_questions(screen)] == [e.question for e in app.material.faq]
        assert len(screen.query(Markdown)) == 6
        assert app.focused is screen.query_one("#faq-search", Input)
        assert "All 6 questions" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_typing_filters_as_you_type_case_insensitively(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_faq(pilot)
        entries = app.material.faq
        word = a_word_only_in(entries, 1)
        await pilot.press(*word.upper())
        await pilot.pause()
        assert visible_questions(screen) == [entries[1].question]
        assert "1 of 6 questions match" in screen_text(app)
        # Clearing the search shows them all again.
        for _ in word:
            await pilot.press("backspace")
        await pilot.pause()
        assert len(visible_questions(screen)) == 6


async def test_answers_are_searched_too(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_faq(pilot)
        entries = app.material.faq
        # A word from an answer that is not in its question.
        answer_words = [w.strip(".,:;!?").casefold() for w in entries[0].answer.split()]
        word = next(
            w for w in answer_words if len(w) > 4 and w not in entries[0].question.casefold()
        )
        await pilot.press(*word)
        await pilot.pause()
        assert entries[0].question in visible_questions(screen)
        assert len(visible_questions(screen)) == sum(matches(e, [word]) for e in entries)


async def test_no_match_says_so(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_faq(pilot)
        await pilot.press(*"qzxv")
        await pilot.pause()
        assert visible_questions(screen) == []
        assert screen.query_one("#faq-no-match").display
        assert app.material.text["faq"]["no_match"] in screen_text(app)


async def test_global_letters_type_into_the_search(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_faq(pilot)
        await pilot.press(*"bsujnq")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#faq-search", Input).value == "bsujnq"


async def test_enter_moves_to_the_answers_and_slash_back_to_the_search(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_faq(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is screen.query_one("#faq-list")
        await pilot.press("pagedown")
        await pilot.pause()
        assert screen.query_one("#faq-list").scroll_y > 0
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is screen.query_one("#faq-search")


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
async def test_hostile_search_is_searched_as_typed(make_app, hostile):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_faq(pilot)
        app.post_message(events.Paste(hostile))
        await pilot.pause()
        field = screen.query_one("#faq-search", Input)
        assert field.value == hostile.replace("\n", " ") or field.value == hostile
        assert app.screen is screen
        assert visible_questions(screen) == [
            e.question for e in app.material.faq if matches(e, search_words(hostile))
        ]


def test_matching_needs_every_word():
    entry = FaqEntry("x", "They contact me. What now?", "Keep it short and kind.")
    assert matches(entry, search_words("CONTACT kind"))
    assert not matches(entry, search_words("contact jealous"))
    assert matches(entry, search_words("   "))


async def test_f_again_shows_the_same_screen_as_new_search_cleared_and_focused(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await open_faq(pilot)
        entries = app.material.faq
        await pilot.press(*a_word_only_in(entries, 1))
        await pilot.pause()
        assert visible_questions(first) == [entries[1].question]
        await pilot.press("tab")  # into the answers
        await pilot.pause()
        assert app.focused is first.query_one("#faq-list")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        again = await open_faq(pilot)
        assert again is first  # built once: not composed, mounted and styled again
        search = again.query_one("#faq-search", Input)
        assert search.value == ""
        assert app.focused is search
        assert visible_questions(again) == [e.question for e in entries]
        assert "All 6 questions" in screen_text(app)
        assert again.query_one("#faq-list").scroll_y == 0


async def test_f_after_a_theme_change_shows_the_new_theme(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await open_faq(pilot)
        title = first.query_one("#faq-title")
        before = title.rich_style
        await pilot.press("escape")
        await pilot.pause()
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        again = await open_faq(pilot)
        await pilot.pause()
        assert again is first
        assert title.rich_style != before
