"""The journal's widgets on their own: 10,000 entries in EntryList with only the visible
rows drawn, rows that always fit, and EntryView's wrapping of long text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult

from exback_tui.domain.journal import Entry
from exback_tui.widgets.entry_list import EntryList, row_parts
from exback_tui.widgets.entry_view import EntryText, EntryView, wrap_text
from tests.ui.conftest import HOSTILE_TEXTS

START = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def synthetic(count: int) -> tuple[Entry, ...]:
    """`count` entries, newest first, one an hour, built directly (no store)."""
    return tuple(
        Entry(
            id=f"{n:05d}",
            created=START - timedelta(hours=n),
            updated=START - timedelta(hours=n),
            title=f"Entry {n}" if n % 3 else "",
            text=f"Line one of entry {n}\nand a second line " * (1 + n % 5),
            mood=1 + n % 5 if n % 4 else None,
            tags=("walk", f"t{n % 7}") if n % 2 else (),
            prompt=None,
        )
        for n in range(count)
    )


class CountingList(EntryList):
    """Counts the rows it is asked to draw."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.drawn = 0

    def render_line(self, y: int):
        self.drawn += 1
        return super().render_line(y)


class ListApp(App[None]):
    """Just the list, with the entries pushed in on mount, recording its messages."""

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        super().__init__()
        self.entries = entries
        self.highlighted: list[Entry | None] = []
        self.selected: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield CountingList()

    def on_mount(self) -> None:
        entry_list = self.query_one(CountingList)
        entry_list.entries = self.entries
        entry_list.focus()

    def on_entry_list_highlighted(self, event: EntryList.Highlighted) -> None:
        self.highlighted.append(event.entry)

    def on_entry_list_selected(self, event: EntryList.Selected) -> None:
        self.selected.append(event.entry)


def row_text(entry_list: EntryList, y: int) -> str:
    return "".join(segment.text for segment in entry_list.render_line(y))


async def test_ten_thousand_entries_draw_only_the_visible_rows_and_scroll_to_the_end():
    entries = synthetic(10_000)
    app = ListApp(entries)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entry_list = app.query_one(CountingList)
        height = entry_list.scrollable_content_region.height
        assert height == 24
        assert entry_list.virtual_size.height == 10_000
        assert entry_list.drawn <= 2 * height
        assert app.highlighted[-1] == entries[0]

        entry_list.drawn = 0
        await pilot.press("end")
        await pilot.pause()
        assert entry_list.cursor == 9_999
        assert app.highlighted[-1] == entries[-1]
        assert entry_list.scroll_offset.y == 10_000 - height
        assert entry_list.drawn <= 2 * height
        assert row_text(entry_list, height - 1).startswith(f"{entries[-1].day.day:>2} ")
        assert "of entry 9999" in row_text(entry_list, height - 1)

        entry_list.drawn = 0
        await pilot.press("home")
        await pilot.pause()
        assert entry_list.cursor == 0 and entry_list.scroll_offset.y == 0
        assert entry_list.drawn <= 2 * height


async def test_cursor_keys_move_by_one_and_by_a_page_and_enter_selects():
    entries = synthetic(100)
    app = ListApp(entries)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        entry_list = app.query_one(EntryList)
        await pilot.press("down", "down", "up")
        assert entry_list.cursor == 1
        await pilot.press("pagedown")
        assert entry_list.cursor == 10
        assert entry_list.scroll_offset.y == 1  # the cursor row is kept on screen
        await pilot.press("pageup", "pageup", "up")
        assert entry_list.cursor == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.selected == [entries[0]]
        await pilot.click(EntryList, offset=(5, 4))
        await pilot.pause()
        assert entry_list.cursor == 4
        assert app.selected[-1] == entries[4]


async def test_new_entries_keep_the_cursor_on_the_same_entry():
    entries = synthetic(50)
    app = ListApp(entries)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        entry_list = app.query_one(EntryList)
        entry_list.cursor = 5
        entry_list.entries = entries[3:]
        await pilot.pause()
        assert entry_list.highlighted == entries[5]
        # The highlighted entry went away: the cursor stays at its place, clamped.
        entry_list.entries = entries[:3]
        await pilot.pause()
        assert entry_list.highlighted == entries[2]
        entry_list.entries = ()
        await pilot.pause()
        assert entry_list.highlighted is None
        assert app.highlighted[-1] is None


@pytest.mark.parametrize("width", [10, 20, 24, 30, 40, 52, 77, 120])
@pytest.mark.parametrize("text", ["", "short", "a" * 500, *HOSTILE_TEXTS, "中文标题" * 30])
def test_a_row_always_fills_its_width_exactly(width, text):
    entry = Entry(
        id="x",
        created=START,
        updated=START,
        title=text,
        text=text,
        mood=3,
        tags=(text[:40] or "tag", "another"),
        prompt=None,
    )
    parts = row_parts(entry, width)
    shown = "".join(part for part, _ in parts)
    assert cell_len(shown) == width
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)
    deleted = row_parts(entry._replace(deleted=START), width, deleted_view=True)
    assert cell_len("".join(part for part, _ in deleted)) == width


def test_a_row_shows_date_title_tags_and_mood():
    entry = Entry("x", START, START, "", "\n\n  first line  \nsecond", 4, ("walk",), None)
    parts = dict((kind, text) for text, kind in row_parts(entry, 60) if kind != "gap")
    assert parts["date"] == "26 Nov 2026"
    assert parts["title"].rstrip() == "first line"
    assert parts["tags"] == "#walk"
    assert parts["mood"] == "mood 4"


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("", 10, [""]),
        ("short", 10, ["short"]),
        ("one two three four", 9, ["one two", "three", "four"]),
        ("abcdefghijkl", 5, ["abcde", "fghij", "kl"]),
        ("a\n\nb", 5, ["a", "", "b"]),
        ("中文中文中文 ab", 4, ["中文", "中文", "中文", "ab"]),
        ("été à la mer", 6, ["été à", "la mer"]),
    ],
)
def test_wrap_text_breaks_at_spaces_and_keeps_line_breaks(text, width, lines):
    assert wrap_text(text, width) == lines


@pytest.mark.parametrize("width", [1, 2, 7, 40])
@pytest.mark.parametrize("text", [*HOSTILE_TEXTS, "word " * 50, "中文" * 40, "x" * 99])
def test_wrapped_lines_fit_and_lose_no_words(text, width):
    from exback_tui.domain.text import printable

    shown = printable(text, multiline=True)
    lines = wrap_text(shown, width)
    widest = max(width, 2)  # a double-width character can't be split
    assert all(cell_len(line) <= widest for line in lines)
    assert "".join(lines).replace(" ", "") == shown.replace(" ", "").replace("\n", "")


class ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield EntryView()


async def test_a_200000_character_entry_is_wrapped_once_and_drawn_a_screen_at_a_time():
    text = ("A line of words that goes on for a while, more or less. " * 20 + "\n") * 175
    entry = Entry("big", START, START, "Big", text[:200_000], 3, (), None)
    app = ViewApp()
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(EntryView)
        body = app.query_one(EntryText)
        drawn = []
        render_line = body.render_line
        body.render_line = lambda y: (drawn.append(y), render_line(y))[1]
        view.show(entry)
        view.focus()
        await pilot.pause()
        assert body.size.height > 2_000
        assert 0 < len(drawn) <= 2 * 24
        drawn.clear()
        await pilot.press("end")
        await pilot.pause()
        assert 0 < len(drawn) <= 2 * 24
        assert min(drawn) > 2_000
