"""The journal's entries, one per row, drawing only the rows on screen.

ListView, DataTable and OptionList build every row up front (1.7-43 s for
10,000 entries); this formats a row only when `render_line` asks for it, so
opening and scrolling cost the same at any size. The screen owns the
filtered entries and sets `entries`; the list reports the cursor with
`Highlighted` and Enter or a click with `Selected`.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from exback_tui.domain.journal import Entry, restore_deadline
from exback_tui.domain.text import printable

DATE_CELLS = 11
GAP = 2
MOOD_CELLS = 6
DEADLINE_CELLS = 12
MIN_TITLE_CELLS = 12
# A first line longer than this is cut before it is cleaned and measured.
LONGEST_SHOWN = 400


def short_date(day: date) -> str:
    """`day` as ` 3 Nov 2026`: always 11 cells, so the titles line up."""
    return f"{day.day:>2} {day.strftime('%b %Y')}"


def fit(text: str, cells: int) -> str:
    """`text` cut to at most `cells` terminal cells, ending in … if it was cut."""
    if cells <= 0:
        return ""
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, cells - 1).rstrip() + "…"


def row_parts(entry: Entry, width: int, *, deleted_view: bool = False) -> list[tuple[str, str]]:
    """One row as (text, part) pairs filling exactly `width` cells.

    Parts are "date", "title", "tags", "mood" and "gap". User text (title,
    first line, tags) has its control characters removed and is never markup.
    """
    date_text = short_date(entry.day)
    title = printable(entry.first_line[:LONGEST_SHOWN]).strip()
    if deleted_view:
        deadline = restore_deadline(entry)
        right = f"until {deadline.day} {deadline:%b}" if deadline else ""
        right_cells = DEADLINE_CELLS
    else:
        right = f"mood {entry.mood}" if entry.mood is not None else ""
        right_cells = MOOD_CELLS
    tags = printable(" ".join(f"#{tag}" for tag in entry.tags))

    parts: list[tuple[str, str]] = []
    used = 0
    if width >= DATE_CELLS + GAP + MIN_TITLE_CELLS:
        parts += [(date_text, "date"), (" " * GAP, "gap")]
        used += DATE_CELLS + GAP
    show_right = width - used >= MIN_TITLE_CELLS + GAP + right_cells
    if show_right:
        used += GAP + right_cells
    room = width - used
    tag_cells = min(cell_len(tags), max(0, room // 3))
    if tag_cells < min(6, cell_len(tags)):  # "#a…" says nothing; leave it to the title
        tag_cells = 0
    title_cells = room - (tag_cells + GAP if tag_cells else 0)
    shown_title = fit(title, title_cells)
    parts.append((shown_title + " " * (title_cells - cell_len(shown_title)), "title"))
    if tag_cells:
        shown_tags = fit(tags, tag_cells)
        padding = " " * (tag_cells - cell_len(shown_tags))
        parts += [(" " * GAP + padding, "gap"), (shown_tags, "tags")]
    if show_right:
        parts += [(" " * GAP, "gap"), (right.rjust(right_cells), "mood")]
    return parts


class EntryList(ScrollView, can_focus=True):
    """Entries newest first with a cursor; only the rows on screen are formatted."""

    DEFAULT_CSS = """
    EntryList {
        overflow-x: hidden;
    }
    """

    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Read", show=False),
    ]

    COMPONENT_CLASSES = {
        "entry-list--date",
        "entry-list--title",
        "entry-list--tags",
        "entry-list--mood",
        "entry-list--cursor",
        "entry-list--placeholder",
    }

    entries: reactive[tuple[Entry, ...]] = reactive((), always_update=True, init=False)
    """The entries to list, in order (the screen filters them)."""
    cursor: reactive[int] = reactive(0, init=False)
    """Index of the highlighted entry."""
    placeholder: reactive[str] = reactive("")
    """Shown when there are no entries (plain text)."""
    deleted_view: reactive[bool] = reactive(False)
    """Show when each entry can be restored instead of its mood."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to `entry` (None: the list is empty)."""

        entry_list: EntryList
        entry: Entry | None

        @property
        def control(self) -> EntryList:
            return self.entry_list

    @dataclass
    class Selected(Message):
        """Enter was pressed on `entry`, or it was clicked."""

        entry_list: EntryList
        entry: Entry

        @property
        def control(self) -> EntryList:
            return self.entry_list

    @property
    def highlighted(self) -> Entry | None:
        """The entry under the cursor."""
        if not self.entries:
            return None
        return self.entries[self.cursor]

    def watch_entries(self, old: tuple[Entry, ...], new: tuple[Entry, ...]) -> None:
        previous = old[self.cursor] if old and 0 <= self.cursor < len(old) else None
        index = self.cursor
        if previous is not None:
            # Keep the cursor on the same entry if it is still listed.
            for position, entry in enumerate(new):
                if entry.id == previous.id:
                    index = position
                    break
        index = max(0, min(index, len(new) - 1))
        self.set_reactive(EntryList.cursor, index)
        self.virtual_size = Size(0, len(new))
        self.refresh()
        self.call_after_refresh(self._scroll_to_cursor)
        self.post_message(self.Highlighted(self, self.highlighted))

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.entries) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.highlighted))

    def watch_placeholder(self) -> None:
        self.refresh()

    def watch_deleted_view(self) -> None:
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        if not self.is_mounted or not self.entries:
            return
        self.scroll_to_region(
            Region(0, self.cursor, self.scrollable_content_region.width, 1),
            animate=False,
            force=True,
            immediate=True,
        )

    # Keys and mouse -----------------------------------------------------------

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self._page()

    def action_page_down(self) -> None:
        self.cursor += self._page()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.entries) - 1

    def action_select(self) -> None:
        entry = self.highlighted
        if entry is not None:
            self.post_message(self.Selected(self, entry))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + self.scroll_offset.y
        if 0 <= row < len(self.entries):
            self.cursor = row
            self.action_select()

    # Drawing ---------------------------------------------------------------------

    def _style(self, part: str, on_cursor: bool) -> Style:
        classes = [f"entry-list--{part}"] if part != "gap" else []
        if on_cursor:
            classes.append("entry-list--cursor")
        return self.get_visual_style(*classes).rich_style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = y + self.scroll_offset.y
        if not self.entries:
            lines = textwrap.wrap(printable(self.placeholder), max(1, width - 1))
            if y < len(lines):
                style = self._style("placeholder", False)
                text = fit(lines[y], width)
                return Strip([Segment(text, style)]).extend_cell_length(width, style)
            return Strip.blank(width, self.rich_style)
        if row >= len(self.entries):
            return Strip.blank(width, self.rich_style)
        on_cursor = row == self.cursor
        parts = row_parts(self.entries[row], width, deleted_view=self.deleted_view)
        segments = [Segment(text, self._style(part, on_cursor)) for text, part in parts]
        return Strip(segments).crop_extend(0, width, self._style("gap", on_cursor))
