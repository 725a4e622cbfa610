"""The dashboard's top lines: the date, and what only some mornings have to say.

One widget draws all of them (the dashboard starts quicker with fewer widgets,
and a line that has nothing to say takes no row and costs nothing). From the top:

- a row with the date on the right and, on its left, a hard date's warning (wrapped
  to the height `.dashboard-lines--warning` allows) or else the weekly review's note;
- the clock note, when the computer's date is earlier than the history;
- the care line, after a run of low check-ins.

Each part's look (colour, padding, how many rows it may take) is a component class
in `styles/dashboard.tcss`. Every text is data: drawn as typed, never parsed as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.css.styles import RenderStyles

# One name per part: its component class is `dashboard-lines--<name>`.
PARTS = ("date", "warning", "review", "clock", "care")


class DashboardLines(Widget):
    """The date and the lines under it. The screen sets the texts; "" hides a part."""

    COMPONENT_CLASSES = {f"dashboard-lines--{part}" for part in PARTS}

    date: reactive[str] = reactive("", layout=True)
    warning: reactive[str] = reactive("", layout=True)
    review: reactive[str] = reactive("", layout=True)
    clock: reactive[str] = reactive("", layout=True)
    care: reactive[str] = reactive("", layout=True)

    _drawn: list[Strip] | None = None
    _height: tuple[tuple[int, str, str, str, str, str], int] | None = None

    def _styles(self, part: str) -> RenderStyles:
        return self.get_component_styles(f"dashboard-lines--{part}")

    def _wrapped(self, part: str, text: str, width: int) -> list[Content]:
        """`text` wrapped to `width` less the part's padding, cut to its `max-height`."""
        styles = self._styles(part)
        inner = width - styles.padding.left - styles.padding.right
        if not text or inner <= 0:
            return []
        lines = Content(text).wrap(inner)
        limit = styles.max_height
        if limit is not None and limit.cells is not None:
            lines = lines[: int(limit.cells)]
        return lines

    def _left(self, width: int) -> tuple[str, list[Content]]:
        """The part on the date's left (a hard date's warning beats the review) and its lines."""
        date_styles = self._styles("date")
        space = width - Content(self.date).cell_length - date_styles.padding.width
        part = "warning" if self.warning else "review"
        return part, self._wrapped(part, self.warning or self.review, space)

    def _rows(self, width: int) -> list[Strip]:
        """Every row, as Textual would draw the same parts in widgets of their own."""
        return self._laid_out(width)[0]

    def placed(self, part: str) -> list[tuple[int, int, str]]:
        """Where `part` is drawn at the present width: (row, column, text) of each of its
        lines; [] when it is not shown."""
        return self._laid_out(self.content_region.width)[1].get(part, [])

    def _laid_out(self, width: int) -> tuple[list[Strip], dict[str, list[tuple[int, int, str]]]]:
        blank = RichStyle(bgcolor=self.visual_style.rich_style.bgcolor)
        placed: dict[str, list[tuple[int, int, str]]] = {}
        rows: list[Strip] = []

        def styled(part: str, line: Content | None, x: int, room: int) -> list[Segment]:
            """`line` in `room` cells: the part's padding, then its text, then blanks."""
            padding = self._styles(part).padding
            text = "" if line is None else line.plain
            used = 0 if line is None else line.cell_length
            segments = [Segment(" " * padding.left, blank)] if padding.left else []
            if text:
                style = self.get_visual_style(f"dashboard-lines--{part}").rich_style
                segments.append(Segment(text, style))
                placed.setdefault(part, []).append((len(rows), x + padding.left, text))
            rest = room - padding.left - used
            if rest > 0:
                segments.append(Segment(" " * rest, blank))
            return segments

        date = Content(self.date)
        date_width = date.cell_length + self._styles("date").padding.width
        part, left = self._left(width)
        for y in range(max(1, len(left))):
            line = left[y] if y < len(left) else None
            segments = styled(part, line, 0, width - date_width)
            segments += styled("date", date if y == 0 else None, width - date_width, date_width)
            rows.append(Strip(segments).crop_extend(0, width, blank))
        for part in ("clock", "care"):
            for line in self._wrapped(part, getattr(self, part), width):
                rows.append(Strip(styled(part, line, 0, width)).crop_extend(0, width, blank))
        return rows, placed

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not width:
            return 0
        # Layout asks more than once for the same texts and width: count the rows once
        # (the parts' padding and row limits are the stylesheet's, fixed while it runs).
        key = (width, self.date, self.warning, self.review, self.clock, self.care)
        if self._height is None or self._height[0] != key:
            self._height = (key, len(self._rows(width)))
        return self._height[1]

    def render(self) -> Content:
        """The text of each part shown, one part a line, unwrapped (the drawing itself,
        wrapped and placed, is `render_line`'s)."""
        shown = [self.warning or self.review, self.date, self.clock, self.care]
        return Content("\n".join(text for text in shown if text))

    def render_lines(self, crop: Region) -> list[Strip]:
        # Every part is laid out once per redraw, not once per row.
        self._drawn = self._rows(self.content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._drawn = None

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        rows = self._drawn if self._drawn is not None else self._rows(width)
        if y < len(rows):
            return rows[y]
        return Strip.blank(width, RichStyle(bgcolor=self.visual_style.rich_style.bgcolor))
