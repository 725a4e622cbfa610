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


STATES: dict[str, tuple[Setup, list[str]]] = {
    # state: (how to get there, keys the bar must not list and that must do nothing)
    "today, mood": (today_mood, ["x", "k", "7", "9", "y"]),
    "today, contacted?": (today_switch, ["x", "k", "y", "7"]),
    "journal, list": (journal_list, ["x", "k", "y", "7"]),
    "journal, search": (journal_search, []),
    "step 1": (step_one, ["x", "k", "y", "7"]),
    "editor": (editor_text, []),
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
    )


async def start(make_app, first: bool = False):
    app = make_app(started_days_ago=12) if first else make_app()
    if first:
        app.service.add_entry(app.now(), "an entry", title="A title", tags="walk")
    return app


@pytest.mark.parametrize("state", list(STATES))
async def test_every_listed_key_acts(make_app, ui_data_dir, state: str) -> None:
    setup, _ = STATES[state]
    app = await start(make_app, first=True)
    async with app.run_test(size=(160, 30)) as pilot:
        await setup(pilot)
        keys = [b.key for b in listed(app)]
        # Help is always listed: ?, or F1 where a text field takes ?.
        assert {"question_mark", "f1"} & set(keys) or state == "editor"
    app.service.close()
    assert keys, state
    for key in keys:
        (ui_data_dir / DRAFT_FILE).unlink(missing_ok=True)  # what the last key left open
        app = await start(make_app)
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
    app = await start(make_app, first=True)
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
