"""One journal entry, to read: title, when, mood, tags and the whole text, scrollable.

Everything the user wrote is shown as plain text with control characters
removed; it is never parsed as markup. The text itself is wrapped once per
width and drawn line by line (`EntryText`), so a 200,000-character entry
opens and scrolls without re-wrapping on every frame as a Static would.
"""

from __future__ import annotations

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from exback_tui.domain.journal import Entry
from exback_tui.domain.text import printable

TAB = "    "


def when_written(entry: Entry) -> str:
    """`Thursday 26 November 2026, 07:30`, with the day it was last edited if later."""
    shown = entry.created.strftime("%A %-d %B %Y, %H:%M")
    if entry.updated.date() != entry.created.date():
        shown += f" · edited {entry.updated.day} {entry.updated:%b %Y}"
    elif entry.updated != entry.created:
        shown += " · edited"
    return shown


def entry_details(entry: Entry) -> str:
    """The line under the title: when, mood and tags, as plain text."""
    details = [when_written(entry)]
    if entry.mood is not None:
        details.append(f"mood {entry.mood}/5")
    if entry.tags:
        details.append(printable(" ".join(f"#{tag}" for tag in entry.tags)))
    return " · ".join(details)


def entry_body(entry: Entry) -> str:
    """The text as it will be shown: control characters removed, tabs as spaces."""
    return printable(entry.text, multiline=True).replace("\t", TAB).rstrip("\n")


def wrap_text(text: str, width: int) -> list[str]:
    """`text` (no control characters but newlines) as lines of at most `width` cells.

    Lines break at spaces where they can, inside a word only when it is longer
    than a line; line breaks in the text are kept.
    """
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if paragraph.isascii():
            _wrap_ascii(paragraph, width, lines)
        else:
            _wrap_cells(paragraph, width, lines)
    return lines


def _wrap_ascii(paragraph: str, width: int, lines: list[str]) -> None:
    start = 0
    end = len(paragraph)
    while end - start > width:
        cut = paragraph.rfind(" ", start, start + width + 1)
        if cut <= start:
            lines.append(paragraph[start : start + width])
            start += width
        else:
            lines.append(paragraph[start:cut])
            start = cut + 1
    lines.append(paragraph[start:])


def _wrap_cells(paragraph: str, width: int, lines: list[str]) -> None:
    line, used = "", 0
    for word in paragraph.split(" "):
        cells = cell_len(word)
        if used and used + 1 + cells <= width:
            line, used = f"{line} {word}", used + 1 + cells
            continue
        if used or line:
            lines.append(line)
        if cells <= width:
            line, used = word, cells
            continue
        *full, line = chop_cells(word, width)
        lines.extend(full)
        used = cell_len(line)
    lines.append(line)


class EntryText(Widget):
    """Plain text drawn line by line from a wrap kept per width."""

    DEFAULT_CSS = """
    EntryText {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self._wrapped: tuple[int, list[str]] | None = None

    def set_text(self, text: str) -> None:
        """Show `text` (already made printable)."""
        if text != self.text:
            self.text = text
            self._wrapped = None
            self.refresh(layout=True)

    def lines(self, width: int) -> list[str]:
        """The text wrapped to `width` cells."""
        if self._wrapped is None or self._wrapped[0] != width:
            self._wrapped = (width, wrap_text(self.text, width))
        return self._wrapped[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.rich_style
        lines = self.lines(width)
        text = lines[y] if 0 <= y < len(lines) else ""
        return Strip([Segment(text, style)]).crop_extend(0, width, style)


class EntryView(VerticalScroll, can_focus=True):
    """Shows one entry (or a quiet placeholder); the screen decides which."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entry: Entry | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="entry-view-title", markup=False)
        yield Static("", id="entry-view-details", markup=False)
        yield Static("", id="entry-view-note", markup=False)
        yield EntryText(id="entry-view-text")

    def show(self, entry: Entry | None, *, note: str = "", placeholder: str = "") -> None:
        """Show `entry` with an optional `note` above its text; `placeholder` if None."""
        changed = entry != self.entry
        self.entry = entry
        title = self.query_one("#entry-view-title", Static)
        details = self.query_one("#entry-view-details", Static)
        note_line = self.query_one("#entry-view-note", Static)
        text = self.query_one(EntryText)
        note_line.display = bool(note)
        note_line.update(Content(note))
        if entry is None:
            title.display = details.display = False
            text.set_text(printable(placeholder, multiline=True))
            text.set_class(True, "-placeholder")
        else:
            title.display = details.display = True
            title.update(Content(printable(entry.title).strip() or "Untitled"))
            title.set_class(not entry.title.strip(), "-untitled")
            details.update(Content(entry_details(entry)))
            text.set_text(entry_body(entry))
            text.set_class(False, "-placeholder")
        if changed:
            self.scroll_home(animate=False, immediate=True)

    @property
    def shown_text(self) -> str:
        """Everything shown, as plain text before wrapping (for tests and screen readers)."""
        parts = [str(s.render()) for s in self.query(Static) if s.display]
        return "\n".join([*parts, self.query_one(EntryText).text])
