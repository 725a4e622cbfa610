"""Issue 10, item 5: ZWJ sequences and combining marks survive every field, key by key.

A terminal (or tmux send-keys) delivers 👩‍👩‍👧 as five keys: three emoji and two
zero-width joiners. Every field must keep all five, and a combining accent.
"""

from __future__ import annotations

from textual.widgets import Input, TextArea

from exback_tui.material import shipped_material
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.store.journal.store import read_journal
from exback_tui.store.program.store import read_program_state
from tests.ui.conftest import send_at_once, settle, wait_until

FAMILY = "👩\u200d👩\u200d👧"
ACCENTED = "e\u0301te\u0301"  # "été" with combining acute accents
TYPED = f"{FAMILY} {ACCENTED}"


def keys_of(text: str) -> list[str]:
    return list(text)


async def test_the_editor_keeps_joined_emoji_in_text_title_and_tags(make_app, ui_data_dir):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        send_at_once(app, *keys_of(TYPED), "shift+tab", "shift+tab", "shift+tab", *keys_of(TYPED))
        await wait_until(pilot, lambda: TYPED in app.screen.query(Input).first().value, "title")
        send_at_once(app, "tab", "tab", *keys_of(FAMILY), "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the save")
        await wait_until(pilot, lambda: read_journal(ui_data_dir), "the stored entry")
    [entry] = read_journal(ui_data_dir)
    assert entry.text == TYPED
    assert entry.title == TYPED
    assert FAMILY in entry.tags[0]


async def test_a_hard_date_name_keeps_joined_emoji(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        send_at_once(app, *keys_of(TYPED), "enter", *"28 Nov", "enter")
        await wait_until(pilot, lambda: app.service.program().hard_dates, "the saved date")
        assert [h.name for h in app.service.program().hard_dates] == [TYPED]


async def test_an_answer_keeps_joined_emoji(make_app, ui_data_dir):
    first = shipped_material().decision_questions[0]
    app = make_app(started_days_ago=10)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "1")
        app.screen.query_one("#answer-1", TextArea).focus()
        await pilot.pause()
        send_at_once(app, *keys_of(TYPED), "ctrl+s")
        await wait_until(
            pilot,
            lambda: read_program_state(ui_data_dir).answer(f"decision:{first.id}"),
            "the answer",
        )
    assert read_program_state(ui_data_dir).answer(f"decision:{first.id}") == TYPED


async def test_the_urge_box_keeps_joined_emoji(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        send_at_once(app, *keys_of(TYPED), "ctrl+s")
        await wait_until(pilot, lambda: app.service.program().urges, "the kept message")
        assert [u.text for u in app.service.program().urges] == [TYPED]


async def test_the_journal_search_keeps_joined_emoji(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        await settle(pilot)
        app.screen.query_one(Input).focus()
        await pilot.pause()
        send_at_once(app, *keys_of(FAMILY))
        search = app.screen.query_one(Input)
        await wait_until(pilot, lambda: search.value == FAMILY, "the search text")


async def test_bidi_controls_typed_as_keys_are_still_dropped(make_app):
    app = make_app(started_days_ago=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        send_at_once(app, "a", "\u202e", "b", "ctrl+s")
        await wait_until(pilot, lambda: app.service.program().urges, "the kept message")
        assert [u.text for u in app.service.program().urges] == ["ab"]
