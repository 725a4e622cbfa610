"""How the entry editor and its dialogs look, at a fixed size and a fixed date.

Review the HTML report before `--snapshot-update`: a changed snapshot is a
changed look.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from textual import events
from textual.widgets import TextArea

from exback_tui.domain.journal import MAX_TEXT_CHARS
from exback_tui.screens.entry_editor import EntryEditorScreen
from tests.ui.conftest import quiet_cursors

NOW = datetime(2026, 11, 26, 7, 30, tzinfo=UTC)
SIZES = [(80, 24), (120, 40)]


async def _quiet(pilot) -> None:
    await pilot.pause()
    quiet_cursors(pilot.app)
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


async def _open_editor(pilot) -> None:
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_new_entry(snap_compare, make_app, size):
    assert snap_compare(
        make_app(started_days_ago=11), terminal_size=size, run_before=_open_editor_quietly
    )


async def _open_editor_quietly(pilot) -> None:
    await _open_editor(pilot)
    await _quiet(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_entry_with_a_prompt_and_text(snap_compare, make_app, size):
    async def run_before(pilot) -> None:
        await _open_editor(pilot)
        await pilot.press("ctrl+n")
        await pilot.press(*"I wanted to text you tonight. I didn't.", "enter", "enter")
        await pilot.press(*"[bold] still thinking about it")
        await pilot.press("shift+tab", "shift+tab", "shift+tab", *"[/] a hard evening")
        await pilot.press("tab", "2", "tab", *"urge, evening")
        await pilot.press("tab")
        await _quiet(pilot)

    assert snap_compare(make_app(started_days_ago=11), terminal_size=size, run_before=run_before)


def test_paste_over_the_cap_refused(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await _open_editor(pilot)
        await pilot.press(*"A few words.")
        pilot.app.post_message(events.Paste("x" * (MAX_TEXT_CHARS + 1)))
        await pilot.pause()
        await _quiet(pilot)

    assert snap_compare(
        make_app(started_days_ago=11), terminal_size=(80, 24), run_before=run_before
    )


def test_refused_tag_shown_beside_the_field(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await _open_editor(pilot)
        await pilot.press(*"Text.", "shift+tab", *("t" * 41), "ctrl+s")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await _quiet(pilot)

    assert snap_compare(
        make_app(started_days_ago=11), terminal_size=(80, 24), run_before=run_before
    )


def test_discard_question(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await _open_editor(pilot)
        await pilot.press(*"Something unsaved", "escape")
        await _quiet(pilot)

    assert snap_compare(
        make_app(started_days_ago=11), terminal_size=(80, 24), run_before=run_before
    )


def test_editing_an_entry(snap_compare, make_app):
    app = make_app(started_days_ago=11, now=lambda: NOW)
    entry = app.service.add_entry(
        NOW - timedelta(days=2),
        "Ran into them at the shop. Said hello, kept it short, walked on.",
        title="An accidental run-in",
        mood=3,
        tags="run-in",
        prompt="the-urge",
    )

    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(EntryEditorScreen(entry=entry))
        await _quiet(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_draft_offer(snap_compare, make_app):
    app = make_app(started_days_ago=11)
    app.service.save_draft(
        {
            "title": "",
            "text": "[@click=app.quit]x[/] I almost texted them\nand then I didn't.",
            "tags": "",
            "mood": None,
            "prompt": None,
            "editing": None,
            "saved_at": (NOW - timedelta(days=1, hours=-14)).isoformat(),
        }
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=_quiet)
