"""Issue 10, item 1: the footer lists exactly keys that act where focus is now.

For each screen and focus state: every key the bar lists is pressed (on a
fresh app, so one key's effect doesn't hide the next) and must change
something a person sees (the screen, focus, a value or the text on screen);
keys it does not list are pressed and must change nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.binding import Binding
from textual.widgets import Input

from exback_tui.store.journal.draft import DRAFT_FILE
from exback_tui.widgets.key_bar import KeyBar, types_in_a_field
from exback_tui.widgets.quiz import ChoiceList
from tests.ui.conftest import screen_text, settle

Setup = Callable[[object], Awaitable[None]]


async def today_mood(pilot) -> None:
    await settle(pilot)


async def today_switch(pilot) -> None:
    await settle(pilot)
    await pilot.press("tab", "tab")


async def journal_list(pilot) -> None:
    await settle(pilot)
    await pilot.press("j")
    await settle(pilot)


async def journal_search(pilot) -> None:
    await journal_list(pilot)
    await pilot.press("slash")


async def step_one(pilot) -> None:
    await settle(pilot)
    await pilot.press("s", "1")
    await settle(pilot)


async def editor_text(pilot) -> None:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)


async def faq_search(pilot) -> None:
    await settle(pilot)
    await pilot.press("f")
    await settle(pilot)


async def faq_answers(pilot) -> None:
    await faq_search(pilot)
    await pilot.press("tab")
    await settle(pilot)


async def hard_dates_name(pilot) -> None:
    await settle(pilot)
    await pilot.press("d")
    await settle(pilot)


async def hard_dates_list(pilot) -> None:
    await hard_dates_name(pilot)  # with a date kept (see start), the list has focus


async def urge_message(pilot) -> None:
    await settle(pilot)
    await pilot.press("u")
    await settle(pilot)


async def urge_reasons(pilot) -> None:
    await urge_message(pilot)
    await pilot.press("tab")
    await settle(pilot)


async def questions_overview(pilot) -> None:
    await settle(pilot)
    await pilot.press("b")
    await settle(pilot)


async def question_tick(pilot) -> None:
    await questions_overview(pilot)
    await pilot.press("1")
    await settle(pilot)
    await pilot.press("tab")
    await settle(pilot)


async def _question_tab_to(pilot, number: str, kind: type) -> None:
    """Big question `number`, then Tab until a `kind` widget has focus."""
    await questions_overview(pilot)
    await pilot.press(number)
    await settle(pilot)
    while not isinstance(pilot.app.focused, kind):
        await pilot.press("tab")
        await settle(pilot)


async def question_quiz(pilot) -> None:
    await _question_tab_to(pilot, "2", ChoiceList)


async def question_answer(pilot) -> None:
    await _question_tab_to(pilot, "1", Input)


async def steps_overview(pilot) -> None:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)


async def step_four(pilot) -> None:
    await steps_overview(pilot)
    await pilot.press("4")
    await settle(pilot)


async def settings_field(pilot) -> None:
    await settle(pilot)
    await pilot.app.run_action("settings")
    await settle(pilot)


async def progress_page(pilot) -> None:
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)


async def support_page(pilot) -> None:
    await settle(pilot)
    await pilot.press("exclamation_mark")
    await settle(pilot)


async def onboarding_field(pilot) -> None:
    await settle(pilot)


async def journal_deleted(pilot) -> None:
    service = pilot.app.service
    for entry in service.journal_entries(include_deleted=False):
        service.delete_entry(pilot.app.now(), entry.id)  # so Restore has one to restore
    await journal_list(pilot)
    await pilot.press("r")
    await settle(pilot)


STATES: dict[str, tuple[Setup, list[str]]] = {
    # state: (how to get there, keys the bar must not list and that must do nothing)
    "today, mood": (today_mood, ["x", "k", "7", "9", "y"]),
    "today, contacted?": (today_switch, ["x", "k", "y", "7"]),
    "journal, list": (journal_list, ["x", "k", "y", "7"]),
    "journal, search": (journal_search, []),
    "step 1": (step_one, ["x", "k", "y", "7"]),
    "editor": (editor_text, []),
    "faq, search": (faq_search, []),
    "faq, answers": (faq_answers, ["x", "k", "y", "7"]),
    "hard dates, name": (hard_dates_name, []),
    "hard dates, list": (hard_dates_list, ["k", "y", "7", "9"]),
    "urge box, message": (urge_message, []),
    "urge box, reasons": (urge_reasons, ["x", "k", "y", "7"]),
    "questions overview": (questions_overview, ["x", "k", "y", "5", "9", "0"]),
    "question 1, tick box": (question_tick, ["x", "k", "y", "7"]),
    "question 1, answer": (question_answer, []),
    "question 2, a quiz question": (question_quiz, ["x", "k", "y", "7"]),
    "steps overview": (steps_overview, ["x", "k", "y", "5", "9", "0"]),
    "step 4, locked": (step_four, ["x", "k", "y", "7"]),
    "settings, a field": (settings_field, []),
    "progress": (progress_page, ["x", "k", "y", "7"]),
    "support": (support_page, ["x", "k", "y", "7"]),
    "onboarding, a field": (onboarding_field, []),
    "journal, recently deleted": (journal_deleted, ["x", "k", "y", "7"]),
}


def bar(app) -> KeyBar:
    return next(b for b in app.screen.query(KeyBar) if b.display)


def listed(app) -> list[Binding]:
    return bar(app).shown()


def seen(app) -> tuple[object, ...]:
    """What a person sees: the screen, where focus is, the text, the stored state."""
    focused = app.focused
    value = getattr(focused, "value", None)
    return (
        type(app.screen).__name__,
        focused,
        value,
        screen_text(app),
        app.service.program(),
        tuple(app.service.journal_entries()),
        app.status,
        app.return_code,  # set once the app quits
    )


# States reached before the program has begun (no attempt, no entries).
BEFORE_START = {"onboarding, a field"}


def _a_hard_date(service) -> None:
    """A date kept, so Hard dates opens with focus on the list."""
    if not service.program().hard_dates:
        service.add_hard_date("A birthday", 3, 14)


async def start(make_app, first: bool = False, state: str = ""):
    if state in BEFORE_START:
        return make_app()
    seed = _a_hard_date if state == "hard dates, list" else None
    app = make_app(started_days_ago=12, seed=seed) if first else make_app(seed=seed)
    if first:
        app.service.add_entry(app.now(), "an entry", title="A title", tags="walk")
    return app


@pytest.mark.parametrize("state", list(STATES))
async def test_every_listed_key_acts(make_app, ui_data_dir, state: str) -> None:
    setup, _ = STATES[state]
    app = await start(make_app, first=True, state=state)
    async with app.run_test(size=(160, 30)) as pilot:
        await setup(pilot)
        keys = [b.key for b in listed(app)]
        # Help is always listed: ?, or F1 where a text field takes ?.
        assert {"question_mark", "f1"} & set(keys) or state == "editor"
    app.service.close()
    assert keys, state
    for key in keys:
        (ui_data_dir / DRAFT_FILE).unlink(missing_ok=True)  # what the last key left open
        app = await start(make_app, state=state)
        async with app.run_test(size=(160, 30)) as pilot:
            await setup(pilot)
            before = seen(app)
            await pilot.press(key)
            await settle(pilot)
            assert seen(app) != before, f"{state}: the bar lists {key!r}, which did nothing"
        app.service.close()


@pytest.mark.parametrize("state", list(STATES))
async def test_keys_the_bar_does_not_list_change_nothing(make_app, state: str) -> None:
    setup, quiet = STATES[state]
    app = await start(make_app, first=True, state=state)
    async with app.run_test(size=(160, 30)) as pilot:
        await setup(pilot)
        keys = {b.key for b in listed(app)}
        in_field = isinstance(app.focused, Input) or "TextArea" in type(app.focused).__name__
        if in_field:
            assert not any(types_in_a_field(k) for k in keys), keys
        for key in quiet:
            assert key not in keys
            before = seen(app)
            focused_value = getattr(app.focused, "value", None)
            await pilot.press(key)
            await settle(pilot)
            after = seen(app)
            assert after[:3] == before[:3] and after[4:] == before[4:], f"{state}: {key!r} acted"
            assert getattr(app.focused, "value", None) == focused_value


async def test_the_answers_are_offered_only_from_outside_them(make_app) -> None:
    app = await start(make_app, first=True, state="faq, answers")
    async with app.run_test(size=(160, 30)) as pilot:
        await faq_search(pilot)
        assert "Answers" in [b.description for b in listed(app)]
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#faq-list")
        assert "Answers" not in [b.description for b in listed(app)]
        assert "Search" in [b.description for b in listed(app)]
        await pilot.press("tab")  # on from the answers, as Tab does everywhere
        await settle(pilot)
        assert app.focused is app.screen.query_one("#faq-search")


def test_text_fields_are_told_apart_without_importing_text_area() -> None:
    from textual.widgets import Static, TextArea

    from exback_tui.widgets.key_bar import is_text_field

    assert is_text_field(Input())
    assert is_text_field(TextArea())
    assert not is_text_field(Static())
    assert not is_text_field(None)
