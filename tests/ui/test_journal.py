"""The journal screen, pressed for real: find, read, delete, restore, and hostile text."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, time, timedelta

import pytest
from textual.widgets import Input

from exback_tui.delays import DEFAULT_DELAYS
from exback_tui.domain.journal import Entry, select
from exback_tui.screens.dashboard import DashboardScreen
from exback_tui.screens.dialogs.confirm import ConfirmDialog
from exback_tui.screens.journal import JournalScreen
from exback_tui.widgets.entry_list import EntryList
from exback_tui.widgets.entry_view import EntryText, EntryView
from tests.conftest import FIXED_TODAY
from tests.ui.conftest import HOSTILE_TEXTS, INSTANT, settle, wait_until


def written(days_ago: int, hour: int = 9) -> datetime:
    """A fixed moment `days_ago` days before the test's today."""
    return datetime.combine(FIXED_TODAY - timedelta(days=days_ago), time(hour), UTC)


def seed(app, *specs: dict) -> list[Entry]:
    """Add entries through the service, before the app runs (days_ago picks the date)."""
    entries = []
    for spec in specs:
        spec = dict(spec)
        when = written(spec.pop("days_ago", 0), spec.pop("hour", 9))
        entries.append(app.service.add_entry(when, spec.pop("text", ""), **spec))
    return entries


FOUR = (
    {
        "days_ago": 3,
        "title": "First day",
        "text": "Deleted the photos.",
        "tags": "start",
        "mood": 2,
    },
    {"days_ago": 2, "text": "Walked to the river and back.", "tags": "walk outside", "mood": 3},
    {"days_ago": 1, "text": "[bold] still thinking about it", "mood": 3},
    {"days_ago": 0, "title": "Unsent letter", "text": "Dear Sam,\nnot sent.", "tags": "letter"},
)


def list_lines(app) -> list[str]:
    """The rows the entry list draws right now, as plain text."""
    entry_list = app.screen.query_one(EntryList)
    height = entry_list.scrollable_content_region.height
    return [
        "".join(segment.text for segment in entry_list.render_line(y)).rstrip()
        for y in range(height)
    ]


def listed(app) -> list[str]:
    return [line for line in list_lines(app) if line]


def shown(app) -> str:
    return app.screen.query_one(EntryView).shown_text


def body_lines(app) -> list[str]:
    """The lines the entry view draws for the text, as plain text."""
    body = app.screen.query_one(EntryText)
    return [
        "".join(segment.text for segment in body.render_line(y)).rstrip()
        for y in range(body.size.height)
    ]


async def open_journal(pilot) -> None:
    await settle(pilot)  # the journal loads after the first paint
    await pilot.press("j")
    await settle(pilot)
    assert isinstance(pilot.app.screen, JournalScreen)


@pytest.fixture
def make_app(make_app):
    """These apps search and show the entry at once (no debounce): tests wait on state."""
    return functools.partial(make_app, delays=INSTANT)


async def calm(pilot) -> None:
    """Let the entry view catch up with the cursor (it follows at once in these apps)."""
    await pilot.pause()
    await pilot.pause()


async def type_search(pilot, text: str) -> None:
    """Type into the search: / first, unless the search has focus already."""
    if pilot.app.focused is not search_field(pilot.app):
        await pilot.press("slash")
    await pilot.press(*text)
    await pilot.pause()


def search_field(app) -> Input:
    return app.screen.query_one("#journal-search", Input)


async def test_entries_are_listed_newest_first_and_the_newest_is_shown(make_app):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        rows = listed(app)
        assert len(rows) == 4
        assert rows[0].startswith("26 Nov 2026  Unsent letter")
        assert rows[1].startswith("25 Nov 2026  [bold] still thinking about it")
        assert rows[2].startswith("24 Nov 2026  Walked to the river")
        assert rows[3].startswith("23 Nov 2026  First day")
        assert rows[3].endswith("#start  mood 2")
        assert "Unsent letter" in shown(app)
        assert "Dear Sam,\nnot sent." in shown(app)
        assert app.focused is app.screen.query_one(EntryList)  # the person starts on the list


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("letter", ["Unsent letter"]),  # title and tag
        ("outside", ["Walked to the river"]),  # only in a tag
        ("photos", ["First day"]),  # only in the text
        ("RIVER walked", ["Walked to the river"]),  # every word, any case
        ("nothing-like-this", []),
    ],
)
async def test_search_filters_over_title_text_and_tags(make_app, word, expected):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await type_search(pilot, word)
        rows = listed(app)
        if expected:
            assert len(rows) == len(expected)
            for row, title in zip(rows, expected, strict=True):
                assert title in row
            assert f"{len(expected)} of 4 entries" in str(
                app.screen.query_one("#journal-count").render()
            )
        else:
            assert rows == ["No entries match. Escape clears the search."]
            assert shown(app) == ""


async def test_the_done_when_case_is_listed_and_shown_exactly_as_typed(make_app):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await type_search(pilot, "thinking")
        await calm(pilot)
        rows = listed(app)
        assert len(rows) == 1
        assert "[bold] still thinking about it" in rows[0]
        view = shown(app)
        assert "[bold] still thinking about it" in view
        assert "Wednesday 25 November 2026, 09:00 · mood 3/5" in view
        assert body_lines(app) == ["[bold] still thinking about it"]


async def test_narrowing_and_widening_a_search_gives_the_same_as_a_fresh_one(make_app):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await type_search(pilot, "th")
        assert len(listed(app)) == 3  # the, photos/thinking/...: "th" is everywhere but one
        await type_search(pilot, "ink")
        assert len(listed(app)) == 1
        await pilot.press("backspace", "backspace", "backspace")
        await calm(pilot)
        assert len(listed(app)) == 3


async def test_fast_typing_searches_once_when_it_pauses(make_app):
    app = make_app(started_days_ago=3, delays=DEFAULT_DELAYS)  # the real debounce
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        screen = app.screen
        searches = []
        refilter = screen._refilter
        screen._refilter = lambda: (searches.append(1), refilter())
        await pilot.press("slash", *"thinking")
        assert searches == []
        await wait_until(pilot, lambda: searches, "the search")
        assert len(searches) == 1
        assert len(listed(app)) == 1


async def test_global_keys_type_into_the_search_field(make_app):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await pilot.press("slash", *"qjntedru/")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, JournalScreen)
        assert search_field(app).value == "qjntedru/"


async def test_tag_filter_cycles_through_the_tags_in_use(make_app):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        tag = app.screen.query_one("#journal-tag")
        assert str(tag.render()) == "Tag all"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert str(tag.render()) == "Tag #letter"
        assert [r[:11] for r in listed(app)] == ["26 Nov 2026"]
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert str(tag.render()) == "Tag #outside"
        assert "Walked" in listed(app)[0]
        # Search and tag together: both must match.
        await type_search(pilot, "photos")
        assert listed(app) == ["No entries match. Escape clears the search."]
        for _ in range(3):  # outside -> start -> walk -> all
            await pilot.press("ctrl+t")
        await pilot.pause()
        assert str(tag.render()) == "Tag all"
        assert len(listed(app)) == 1  # still searching "photos"


async def test_tag_filter_takes_enter_and_a_click(make_app):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        tag = app.screen.query_one("#journal-tag")
        await pilot.click("#journal-tag")
        await pilot.pause()
        assert str(tag.render()) == "Tag #letter"
        assert app.focused is tag
        await pilot.press("enter")
        await pilot.pause()
        assert str(tag.render()) == "Tag #outside"
        await pilot.press("left", "left")
        await pilot.pause()
        assert str(tag.render()) == "Tag all"


async def test_date_range_filters_and_a_bad_date_changes_nothing(make_app):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        error = app.screen.query_one("#journal-error")
        await pilot.click("#journal-since")
        await pilot.press(*"2026-11-24", "enter")
        await pilot.pause()
        assert [r[:11] for r in listed(app)] == ["26 Nov 2026", "25 Nov 2026", "24 Nov 2026"]
        assert not error.display
        await pilot.click("#journal-until")
        await pilot.press(*"yesterday", "enter")
        await pilot.pause()
        assert [r[:11] for r in listed(app)] == ["25 Nov 2026", "24 Nov 2026"]

        # An ambiguous date is explained beside the fields; the list stays as it was.
        field = app.screen.query_one("#journal-until", Input)
        field.value = "03/04/2026"
        await pilot.press("enter")
        await pilot.pause()
        assert error.display
        assert str(error.render()).startswith("To: ")
        assert "03/04/2026" in str(error.render())
        assert field.has_class("-invalid")
        assert [r[:11] for r in listed(app)] == ["25 Nov 2026", "24 Nov 2026"]

        # From after To: explained, nothing changes.
        field.value = "2026-11-23"
        await pilot.press("enter")
        await pilot.pause()
        assert "From is after To" in str(error.render())
        assert [r[:11] for r in listed(app)] == ["25 Nov 2026", "24 Nov 2026"]

        # Leaving a field applies it too; an empty field means no limit.
        field.value = ""
        await pilot.press("tab")
        await pilot.pause()
        assert not error.display
        assert len(listed(app)) == 3


async def test_escape_clears_the_search_first_then_leaves(make_app):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await type_search(pilot, "river")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.screen.query_one(EntryList).entries == ()
        await pilot.press("escape")  # from the search back to the list, filters kept
        await pilot.pause()
        assert app.focused is app.screen.query_one(EntryList)
        assert search_field(app).value == "river"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert search_field(app).value == ""
        assert str(app.screen.query_one("#journal-tag").render()) == "Tag all"
        assert len(listed(app)) == 4
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_down_enter_and_keys_move_the_cursor_and_show_the_entry(make_app):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        entry_list = app.screen.query_one(EntryList)
        assert app.focused is entry_list
        await pilot.press("slash", "down")  # to the search field and back to the list
        await pilot.pause()
        assert app.focused is entry_list
        assert entry_list.cursor == 0
        await pilot.press("down", "down")
        await calm(pilot)
        assert entry_list.cursor == 2
        assert "Walked to the river and back." in shown(app)
        await pilot.press("end")
        await calm(pilot)
        assert "First day" in shown(app)
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.focused is app.screen.query_one(EntryView)
        assert "Unsent letter" in shown(app)
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is search_field(app)


async def test_clicking_a_row_shows_that_entry(make_app):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await pilot.click(EntryList, offset=(20, 3))  # border, then the third row
        await calm(pilot)
        assert app.screen.query_one(EntryList).cursor == 2
        assert "Walked to the river" in shown(app)


async def _confirm_delete(pilot, answer: bool) -> None:
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmDialog)
    await pilot.click("#confirm-yes" if answer else "#confirm-no")
    await settle(pilot)
    assert isinstance(pilot.app.screen, JournalScreen)


async def test_delete_asks_then_moves_to_recently_deleted_and_restore_brings_it_back(make_app):
    app = make_app(started_days_ago=3)
    entries = seed(app, *FOUR)
    letter = entries[3]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)  # on the list; the cursor is on the newest entry

        await _confirm_delete(pilot, answer=False)
        assert len(listed(app)) == 4

        await _confirm_delete(pilot, answer=True)
        await calm(pilot)
        rows = listed(app)
        assert len(rows) == 3
        assert not any("Unsent letter" in row for row in rows)
        assert "[bold] still thinking" in shown(app)  # the cursor moved to the next one
        message = str(app.screen.query_one("#journal-message").render())
        assert message == "Moved to recently deleted (r shows it)."
        stored = {e.id: e for e in app.service.journal_entries()}
        assert stored[letter.id].deleted is not None

        await pilot.press("r")
        await calm(pilot)
        rows = listed(app)
        assert len(rows) == 1
        assert "Unsent letter" in rows[0] and rows[0].endswith("until 26 Dec")
        assert "can be restored until 26 December 2026" in shown(app)
        assert "Recently deleted" in str(app.screen.query_one("#journal-heading").render())
        await pilot.press("e", "d")  # no edit or delete here
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)

        await pilot.press("z")
        await settle(pilot)
        assert " ".join(listed(app)) == (
            "Nothing here. Deleted entries wait here for 30 days before they are gone for good."
        )
        assert app.service.journal_entries()[0].deleted is None

        await pilot.press("escape")  # out of recently deleted, back to the journal
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        rows = listed(app)
        assert len(rows) == 4 and "Unsent letter" in rows[0]


async def test_edit_opens_the_editor_on_the_highlighted_entry(make_app):
    from exback_tui.screens.entry_editor import EntryEditorScreen

    app = make_app(started_days_ago=3)
    entries = seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await pilot.press("down", "e")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditorScreen)
        assert app.screen.entry == entries[2]


async def test_the_screen_follows_the_journal(make_app):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR[:2])
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        journal = app.journal
        app.journal = None
        await pilot.pause()
        assert listed(app) == ["Opening your journal…"]
        app.journal = journal
        await pilot.pause()
        assert len(listed(app)) == 2
        new = app.service.add_entry(written(0, 12), "Saved from elsewhere", title="Later")
        app.entry_changed(new)
        await pilot.pause()
        assert "Later" in listed(app)[0]


async def test_an_empty_journal_says_how_to_start(make_app):
    app = make_app(started_days_ago=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        assert listed(app) == ["Nothing written yet. Press n to write your first entry."]
        await pilot.press("down", "d", "e", "enter")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)


@pytest.mark.parametrize(("size", "wide"), [((80, 24), False), ((120, 40), True)])
async def test_the_entry_is_beside_the_list_when_wide_and_below_when_narrow(make_app, size, wide):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=size) as pilot:
        await open_journal(pilot)
        entry_list = app.screen.query_one(EntryList)
        view = app.screen.query_one(EntryView)
        if wide:
            assert view.region.x >= entry_list.region.right
            assert view.region.y == entry_list.region.y
        else:
            assert view.region.y >= entry_list.region.bottom
            assert view.region.width == entry_list.region.width


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
async def test_hostile_titles_and_texts_show_without_controls_and_crash_nothing(make_app, hostile):
    app = make_app(started_days_ago=3)
    entries = seed(
        app,
        {"days_ago": 1, "title": hostile, "text": "plain", "tags": "x"},
        {"days_ago": 0, "text": f"{hostile}\nsecond {hostile}", "mood": 1},
    )
    clean = hostile.replace("\x1b", "").replace("\x07", "")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        rows = listed(app)
        for row in rows:
            assert "\x1b" not in row and "\x07" not in row
        visible = clean.strip()[:10]
        assert visible in rows[0] and visible in rows[1]
        view = shown(app)
        assert f"{clean}\nsecond {clean}" in view
        assert "\x1b" not in view
        drawn = "\n".join(body_lines(app))
        assert "\x1b" not in drawn and "\x07" not in drawn
        assert drawn.split("\n")[0] == clean.strip() or hostile.startswith("\x1b")
        await pilot.click(EntryList, offset=(20, 1))
        await pilot.click(EntryView, offset=(5, 3))
        await pilot.click(EntryView, offset=(2, 1))
        await calm(pilot)
        assert app.is_running
        assert isinstance(app.screen, JournalScreen)
        assert "plain" in shown(app) or clean in shown(app)
        # Searching for the hostile text itself crashes nothing either.
        search_field(app).focus()
        search_field(app).insert_text_at_cursor(hostile)
        await calm(pilot)
        assert app.is_running
    stored = {e.id: e for e in app.service.journal_entries()}
    assert stored[entries[0].id].title == hostile
    assert stored[entries[1].id].text == f"{hostile}\nsecond {hostile}"


async def test_a_search_that_hides_the_highlighted_entry_moves_to_the_newest_match(make_app):
    app = make_app(started_days_ago=3)
    seed(app, *FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await pilot.press("down", "end")  # the oldest, "First day"
        await pilot.press("slash")
        await type_search(pilot, "walk")  # keeps "Walked" only: the cursor goes to it
        await calm(pilot)
        assert app.screen.query_one(EntryList).cursor == 0
        assert "Walked to the river" in shown(app)


async def test_a_delete_that_fails_says_why_and_changes_nothing(make_app, monkeypatch):
    from exback_tui.domain.errors import InvalidInput

    app = make_app(started_days_ago=3)
    seed(app, *FOUR)

    def refuse(now, entry_id):
        raise InvalidInput("That entry no longer exists.", "entry")

    monkeypatch.setattr(app.service, "delete_entry", refuse)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await pilot.press("down")
        await _confirm_delete(pilot, answer=True)
        error = app.screen.query_one("#journal-error")
        assert error.display
        assert str(error.render()) == "That entry no longer exists."
        assert len(listed(app)) == 4


async def test_ten_thousand_entries_open_search_and_scroll(make_app):
    from tests.ui.test_entry_list import synthetic

    app = make_app(started_days_ago=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        journal = synthetic(10_000)
        app.journal = journal
        await pilot.press("j")
        await settle(pilot)
        entry_list = app.screen.query_one(EntryList)
        assert len(entry_list.entries) == 10_000
        assert "10,000 entries" in str(app.screen.query_one("#journal-count").render())
        await type_search(pilot, "entry 99")
        assert list(entry_list.entries) == select(journal, query="entry 99")
        await type_search(pilot, "9")  # searches within the last result
        assert list(entry_list.entries) == select(journal, query="entry 999")
        assert len(entry_list.entries) == 19
        await pilot.press("backspace")  # wider again: searches everything
        await calm(pilot)
        assert list(entry_list.entries) == select(journal, query="entry 99")
        await pilot.press("escape", "escape", "end")  # to the list, clear the search, the end
        await calm(pilot)
        assert entry_list.cursor == 9_999
        assert "of entry 9999" in listed(app)[-1]
        assert "Line one of entry 9999" in shown(app)
