"""Writing a journal entry: save, discard, the size cap, autosaved drafts and their offer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import orjson
import pytest
from textual import events
from textual.widgets import Input, Static

from exback_tui.domain.journal import MAX_TEXT_CHARS, normalise_tags
from exback_tui.domain.text import printable
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.dialogs.confirm import ConfirmDialog
from exback_tui.screens.entry_editor import EntryEditorScreen
from exback_tui.store.journal.draft import DRAFT_FIELDS, DRAFT_FILE
from exback_tui.widgets.entry_text_area import EntryTextArea
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import HOSTILE_TEXTS, INSTANT, screen_text, settle, wait_until

NOW = datetime(2026, 11, 26, 7, 30, tzinfo=UTC)


async def wait_for_draft(pilot, folder, looks_right) -> None:
    """Wait until the autosave has written a draft that `looks_right`."""

    def written() -> bool:
        path = folder / DRAFT_FILE
        return path.exists() and looks_right(orjson.loads(path.read_bytes()))

    await wait_until(pilot, written, "the autosave")


def text_area(app) -> EntryTextArea:
    return app.screen.query_one(EntryTextArea)


def editor(app) -> EntryEditorScreen:
    screen = app.screen
    assert isinstance(screen, EntryEditorScreen)
    return screen


def message(app, selector: str = "#editor-message") -> str:
    line = app.screen.query_one(selector, Static)
    return str(line.render()) if line.display else ""


def stored(app):
    return app.service.journal_entries()


def a_draft(**changes) -> dict:
    draft = {
        "title": "Morning",
        "text": "I almost texted them.",
        "tags": "urge",
        "mood": 2,
        "prompt": None,
        "editing": None,
        "saved_at": (NOW - timedelta(days=1)).isoformat(),
    }
    draft.update(changes)
    assert set(draft) == set(DRAFT_FIELDS)
    return draft


async def paste(pilot, text: str) -> None:
    """Paste as a terminal does: the app gets the event and hands it to the focused widget."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def open_editor(pilot) -> EntryEditorScreen:
    await pilot.press("n")
    await pilot.pause()
    return editor(pilot.app)


async def test_n_opens_the_editor_with_the_text_focused(make_app):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        screen = await open_editor(pilot)
        assert app.focused is text_area(app)
        assert "New entry" in screen_text(app)
        assert str(screen.query_one("#editor-prompt-title", Static).render()).startswith("None.")


async def test_writing_and_saving_an_entry_stores_it_and_closes(make_app, ui_data_dir):
    app = make_app(started_days_ago=4, now=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await pilot.press(*"Day five", "enter", *"Quiet morning.")
        await pilot.press("shift+tab", "shift+tab", "shift+tab", *"A walk")  # the title
        await pilot.press("tab", "4", "tab", *"walk, morning")  # mood, then tags
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        [entry] = stored(app)
        assert entry.title == "A walk"
        assert entry.text == "Day five\nQuiet morning."
        assert entry.mood == 4
        assert entry.tags == ("walk", "morning")
        assert entry.prompt is None
        assert entry.created == NOW
        assert app.journal is not None and app.journal[0].id == entry.id
        assert not (ui_data_dir / DRAFT_FILE).exists()


async def test_the_mood_starts_at_todays_check_in_and_can_be_cleared(make_app):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "tab", "3", "enter")  # today's check-in: mood 2
        await settle(pilot)
        screen = await open_editor(pilot)
        mood = screen.query_one("#editor-mood")
        assert mood.value == 2
        await pilot.press(*"x", "shift+tab", "shift+tab", "backspace")
        assert app.focused is mood and mood.value is None
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = stored(app)
        assert entry.mood is None


async def test_a_prompt_is_chosen_with_ctrl_n_and_saved_with_the_entry(make_app):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_editor(pilot)
        step_one = [p for p in app.material.prompts if p.step == 1]
        await pilot.press("ctrl+n")
        shown = screen.query_one("#editor-prompt-text", Static)
        assert shown.display and str(shown.render()) == step_one[0].text
        await pilot.press("ctrl+n")
        assert str(shown.render()) == step_one[1].text
        await pilot.press("ctrl+b", "ctrl+b")
        assert not shown.display  # back to no prompt
        await pilot.press("ctrl+b")  # wraps to the last one
        assert str(shown.render()) == step_one[-1].text
        await pilot.press(*"Dear you")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = stored(app)
        assert entry.prompt == step_one[-1].id


async def test_global_keys_are_typed_into_the_text_and_the_fields(make_app):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_editor(pilot)
        await pilot.press("q", "j", "n", "t", "question_mark")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert text_area(app).text == "qjnt?"
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "q", "j", "n")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#editor-title", Input).value == "qjn"


async def test_escape_without_changes_just_closes(make_app, ui_data_dir):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert stored(app) == []
        assert not (ui_data_dir / DRAFT_FILE).exists()


async def test_escape_with_changes_asks_and_no_keeps_writing(make_app):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_editor(pilot)
        await pilot.press(*"keep me")
        await pilot.press("escape")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Throw away this new entry?" in screen_text(app)
        assert app.focused is dialog.query_one("#confirm-no")  # the safe answer by default
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert app.focused is text_area(app)
        await pilot.press(*" going")
        assert text_area(app).text == "keep me going"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # Escape in the dialog means "no" too
        await pilot.pause()
        assert app.screen is screen


async def test_escape_with_changes_and_yes_discards_and_removes_the_draft(make_app, ui_data_dir):
    app = make_app(started_days_ago=4, delays=INSTANT)
    draft = ui_data_dir / DRAFT_FILE
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await pilot.press(*"throw this away")
        await wait_until(pilot, draft.exists, "the autosave")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("left", "enter")  # move to "Discard" and press it
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await wait_until(pilot, lambda: not draft.exists(), "the draft to be forgotten")
        assert stored(app) == []


async def test_changing_then_changing_back_is_no_change(make_app):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await pilot.press("a", "b", "backspace", "backspace", "ctrl+n", "ctrl+b")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_a_paste_over_the_cap_is_refused_whole(make_app):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await pilot.press(*"kept")
        area = text_area(app)
        await paste(pilot, "x" * (MAX_TEXT_CHARS + 1))
        assert area.text == "kept"
        shown = message(app)
        assert "200,001 characters" in shown and "200,000" in shown
        assert "Nothing was pasted" in shown
        # Typing clears the message; a paste that fits exactly goes in whole.
        await pilot.press("backspace")
        assert message(app) == ""
        await paste(pilot, "y" * (MAX_TEXT_CHARS - 3))
        assert len(area.text) == MAX_TEXT_CHARS
        await pilot.press("z")
        assert len(area.text) == MAX_TEXT_CHARS
        assert "reached 200,000 characters" in message(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = stored(app)
        assert entry.text == "kep" + "y" * (MAX_TEXT_CHARS - 3)


async def test_a_paste_replacing_a_selection_counts_what_it_replaces(make_app):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        area = text_area(app)
        await paste(pilot, "a" * MAX_TEXT_CHARS)
        assert len(area.text) == MAX_TEXT_CHARS
        area.select_all()
        await paste(pilot, "short")
        assert area.text == "short"


async def test_an_entry_over_the_cap_is_refused_on_save_with_a_message(make_app):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_editor(pilot)
        # Text put in through the API (not typed) is not capped; saving checks it.
        text_area(app).load_text("w" * (MAX_TEXT_CHARS + 5))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "up to 200,000 characters" in message(app)
        assert "Nothing was saved" in message(app)
        assert stored(app) == []


async def test_a_refused_field_shows_its_message_beside_it_and_nothing_closes(make_app):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_editor(pilot)
        await pilot.press(*"text")
        screen.query_one("#editor-tags", Input).value = "#" + "t" * 41
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "A tag can be up to 40 characters." in message(app, "#meta-error")
        assert message(app) == ""
        assert stored(app) == []
        screen.query_one("#editor-tags", Input).value = "fine"
        await pilot.pause()
        assert message(app, "#meta-error") == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [e.tags for e in stored(app)] == [("fine",)]


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
async def test_hostile_text_is_stored_exactly(make_app, hostile):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_editor(pilot)
        for selector in ("#editor-title", "#editor-tags"):
            field = screen.query_one(selector, Input)
            field.focus()
            await pilot.pause()
            await paste(pilot, hostile)
        text_area(app).focus()
        await pilot.pause()
        await paste(pilot, hostile + "\n" + hostile)
        # Shown without terminal control characters (which would act on the terminal).
        for widget in (*screen.query(Input), text_area(app)):
            drawn = "".join(segment.text for segment in widget.render_line(0))
            assert "\x1b" not in drawn and "\x07" not in drawn
        assert printable(hostile) in "".join(s.text for s in text_area(app).render_line(0))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, DashboardScreen)
        [entry] = stored(app)
        assert entry.title == hostile
        assert entry.text == hostile + "\n" + hostile
        assert entry.tags == normalise_tags(hostile)


async def test_editing_an_entry_changes_it_in_place(make_app):
    app = make_app(started_days_ago=4, now=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        old = app.service.add_entry(NOW - timedelta(days=2), "first words", title="Old", tags="a")
        app.push_screen(EntryEditorScreen(entry=old))
        await pilot.pause()
        screen = editor(app)
        assert "Editing an entry written Tuesday 24 November 2026" in screen_text(app)
        assert text_area(app).text == "first words"
        await pilot.press(*" and more")
        await pilot.press("ctrl+n")  # an entry keeps its prompt: ctrl+n does nothing
        assert not screen.query_one("#editor-prompt-text").display
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = stored(app)
        assert entry.id == old.id
        assert entry.text == "first words and more"
        assert entry.created == old.created and entry.updated == NOW
        assert entry.tags == ("a",)


async def test_saving_an_unchanged_entry_does_not_mark_it_edited(make_app):
    app = make_app(started_days_ago=4, now=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        old = app.service.add_entry(NOW - timedelta(days=2), "first words", title="Old")
        app.push_screen(EntryEditorScreen(entry=old))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EntryEditorScreen)
        assert stored(app) == [old]


async def test_discarding_an_edit_says_the_entry_stays(make_app):
    app = make_app(started_days_ago=4, now=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        old = app.service.add_entry(NOW - timedelta(days=2), "first words", title="Old")
        app.push_screen(EntryEditorScreen(entry=old))
        await pilot.pause()
        await pilot.press(*" and more", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert "Discard your changes?" in text and "stays in your journal" in text
        assert "Discard this entry" not in text
        await pilot.press("left", "enter")
        await settle(pilot)
        assert stored(app) == [old]


async def test_autosave_writes_the_draft_while_typing(make_app, ui_data_dir):
    app = make_app(started_days_ago=4, now=lambda: NOW, delays=INSTANT)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        assert not (ui_data_dir / DRAFT_FILE).exists()
        await pilot.press(*"not lost", "ctrl+n")
        await wait_for_draft(pilot, ui_data_dir, lambda d: d["prompt"] is not None)
        draft = orjson.loads((ui_data_dir / DRAFT_FILE).read_bytes())
        assert draft == {
            "title": "",
            "text": "not lost",
            "tags": "",
            "mood": None,
            "prompt": [p for p in app.material.prompts if p.step == 1][0].id,
            "editing": None,
            "saved_at": NOW.isoformat(),
        }
        await pilot.press(*" at all")
        await wait_for_draft(pilot, ui_data_dir, lambda d: d["text"] == "not lost at all")
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: not (ui_data_dir / DRAFT_FILE).exists(), "the draft to be cleared"
        )
        await settle(pilot)  # and no autosave writes it again
        assert not (ui_data_dir / DRAFT_FILE).exists()


async def test_quitting_keeps_what_the_last_autosave_missed(make_app, ui_data_dir):
    app = make_app(started_days_ago=4, now=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await pilot.press(*"typed just before quitting", "ctrl+q")
        await pilot.pause()
    draft = orjson.loads((ui_data_dir / DRAFT_FILE).read_bytes())
    assert draft["text"] == "typed just before quitting"


async def test_quitting_without_changes_leaves_no_draft(make_app, ui_data_dir):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await pilot.press("a", "backspace", "ctrl+q")
        await pilot.pause()
    assert not (ui_data_dir / DRAFT_FILE).exists()


async def test_autosave_of_an_edit_names_the_entry(make_app, ui_data_dir):
    app = make_app(started_days_ago=4, now=lambda: NOW, delays=INSTANT)
    async with app.run_test(size=(100, 30)) as pilot:
        old = app.service.add_entry(NOW, "abc")
        app.push_screen(EntryEditorScreen(entry=old))
        await pilot.pause()
        await pilot.press("end", "d")
        await wait_for_draft(pilot, ui_data_dir, lambda d: d["text"] == "abcd")
        draft = orjson.loads((ui_data_dir / DRAFT_FILE).read_bytes())
        assert draft["editing"] == old.id and draft["text"] == "abcd"


async def test_a_draft_is_offered_on_start_and_opens(make_app, ui_data_dir):
    app = make_app(started_days_ago=4)
    app.service.save_draft(a_draft(prompt="the-urge"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        shown = screen_text(app)
        assert "You have an unsaved entry from yesterday at 07:30. Open it?" in shown
        assert "It begins: Morning" in shown
        assert app.focused is dialog.query_one("#confirm-yes")
        await pilot.press("enter")
        await pilot.pause()
        screen = editor(app)
        assert screen.query_one("#editor-title", Input).value == "Morning"
        assert text_area(app).text == "I almost texted them."
        assert screen.query_one("#editor-tags", Input).value == "urge"
        assert screen.query_one("#editor-mood").value == 2
        assert "When the urge hits" in str(screen.query_one("#editor-prompt-title").render())
        assert (ui_data_dir / DRAFT_FILE).exists()  # kept until saved or discarded
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = stored(app)
        assert (entry.title, entry.text, entry.prompt) == (
            "Morning",
            "I almost texted them.",
            "the-urge",
        )
        assert not (ui_data_dir / DRAFT_FILE).exists()


async def test_a_reopened_draft_asks_before_escape_discards_it(make_app, ui_data_dir):
    app = make_app(started_days_ago=4)
    app.service.save_draft(a_draft())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        editor(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("left", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert not (ui_data_dir / DRAFT_FILE).exists()


async def test_discarding_the_offered_draft_deletes_it(make_app, ui_data_dir):
    app = make_app(started_days_ago=4)
    app.service.save_draft(a_draft())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert not (ui_data_dir / DRAFT_FILE).exists()
        assert stored(app) == []


async def test_the_offer_needs_an_answer_escape_and_n_do_nothing(make_app, ui_data_dir):
    # A reflex Escape must not lose the draft, and "not now" is no answer either:
    # the next new entry would autosave over it.
    app = make_app(started_days_ago=4)
    app.service.save_draft(a_draft())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        await pilot.press("escape", "n", "j")
        await settle(pilot)
        assert app.screen is dialog
        assert (ui_data_dir / DRAFT_FILE).exists()


async def test_a_draft_of_an_edit_reopens_that_entry(make_app, ui_data_dir):
    app = make_app(started_days_ago=4, now=lambda: NOW)
    old = app.service.add_entry(NOW - timedelta(days=3), "the original", title="Then")
    app.service.save_draft(a_draft(title="Then", text="the original, changed", editing=old.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = editor(app)
        assert screen.entry is not None and screen.entry.id == old.id
        assert text_area(app).text == "the original, changed"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = stored(app)
        assert entry.id == old.id and entry.text == "the original, changed"


async def test_a_draft_of_a_vanished_entry_opens_as_a_new_one(make_app):
    app = make_app(started_days_ago=4, now=lambda: NOW)
    app.service.save_draft(a_draft(editing="no-such-entry"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert editor(app).entry is None
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = stored(app)
        assert entry.text == "I almost texted them."


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
async def test_a_hostile_draft_is_offered_safely(make_app, hostile):
    app = make_app(started_days_ago=4)
    app.service.save_draft(a_draft(title=hostile, text=hostile, tags=hostile))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "\x1b" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = stored(app)
        assert (entry.title, entry.text) == (hostile, hostile)


async def test_a_damaged_draft_is_reported_not_fatal(make_app, ui_data_dir):
    app = make_app(started_days_ago=4)
    (ui_data_dir / DRAFT_FILE).write_bytes(b"{not json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, DashboardScreen)
        [note] = [n for n in app._notifications if n.severity == "error"]
        assert "draft.json" in note.message and "not valid JSON" in note.message


async def test_no_draft_no_question(make_app):
    app = make_app(started_days_ago=4)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert not any(isinstance(s, ConfirmDialog) for s in app.screen_stack)


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
async def test_confirm_dialog_shows_every_text_literally(make_app, hostile):
    app = make_app(started_days_ago=4)
    answers: list[bool] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = ConfirmDialog(hostile, f"body {hostile}", f"yes {hostile}", f"no {hostile}")
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        shown = printable(hostile)  # as typed, without terminal control characters
        assert str(dialog.query_one("#confirm-title", Static).render()) == shown
        assert str(dialog.query_one("#confirm-body", Static).render()) == f"body {shown}"
        assert str(dialog.query_one("#confirm-yes").label) == f"yes {shown}"
        await pilot.press("enter")  # "no" has the focus
        await pilot.pause()
        assert answers == [False]
        app.push_screen(ConfirmDialog("t", "b", "y", "n", default=True), answers.append)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.push_screen(ConfirmDialog("t", "b", "y", "n", default=True), answers.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert answers == [False, True, False]
        assert app.is_running


@pytest.mark.parametrize(
    ("saved_at", "shown"),
    [
        ("2026-11-26T23:59:00+01:00", "today at 23:59"),
        ("2026-11-25T00:05:00+00:00", "yesterday at 00:05"),
        ("2026-11-20T18:00:00-05:00", "Friday 20 November at 18:00"),
        ("2025-12-31T09:00:00+00:00", "Wednesday 31 December 2025 at 09:00"),
        ("not a time", "earlier"),
    ],
)
def test_the_draft_time_reads_as_people_say_it(saved_at, shown):
    from exback_tui.screens.dialogs.draft_offer import _when

    assert _when(saved_at, FIXED_TODAY) == shown


@pytest.mark.parametrize(
    ("value", "seconds"), [("", 2.0), ("0.5", 0.5), ("0", 2.0), ("-1", 2.0), ("soon", 2.0)]
)
def test_the_autosave_interval_can_be_shortened_by_the_environment(monkeypatch, value, seconds):
    from exback_tui.screens.entry_draft import AUTOSAVE_ENV, autosave_seconds

    monkeypatch.setenv(AUTOSAVE_ENV, value)
    assert autosave_seconds() == seconds


async def test_a_storage_error_on_save_is_shown_and_nothing_closes(make_app, monkeypatch):
    from exback_tui.store.errors import WriteFailed

    app = make_app(started_days_ago=4)

    def fail(*args, **kwargs):
        raise WriteFailed(app.service.data_dir / "journal.json", OSError(28, "No space left"))

    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_editor(pilot)
        await pilot.press(*"precious words")
        monkeypatch.setattr(app.service, "add_entry", fail)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "No space left" in message(app) and "intact" in message(app)
        assert text_area(app).text == "precious words"
        monkeypatch.undo()
        await pilot.press("ctrl+s")  # the next try works
        await settle(pilot)
        assert [e.text for e in stored(app)] == ["precious words"]


async def test_a_failed_autosave_says_so_and_tries_again(make_app, ui_data_dir, monkeypatch):
    from exback_tui.store.errors import WriteFailed

    app = make_app(started_days_ago=4, delays=INSTANT)
    real_save_draft = app.service.save_draft

    def fail(draft):
        raise WriteFailed(ui_data_dir / DRAFT_FILE, OSError(13, "Permission denied"))

    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app.service, "save_draft", fail)
        await open_editor(pilot)
        await pilot.press(*"words")
        await wait_until(pilot, lambda: "couldn't be kept safe" in message(app), "the refusal")
        assert "Permission denied" in message(app)
        monkeypatch.setattr(app.service, "save_draft", real_save_draft)
        await wait_for_draft(pilot, ui_data_dir, lambda d: d["text"] == "words")
        assert message(app) == ""


async def test_app_letter_keys_do_not_leave_the_editor_from_the_mood_picker(make_app):
    from exback_tui.screens.entry_editor import EntryEditorScreen
    from exback_tui.widgets.scale import ScalePicker

    app = make_app(started_days_ago=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EntryEditorScreen)
        editor.query_one(ScalePicker).focus()
        await pilot.pause()
        for key in ("q", "t", "j", "n"):
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running and app.screen is editor
