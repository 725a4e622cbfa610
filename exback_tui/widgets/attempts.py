"""Every attempt so far: when it ran, how long, and how it ended, as the user wrote it."""

from __future__ import annotations

from datetime import date

from rich.style import Style as RichStyle
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual

from exback_tui.domain.plan import ENDED_BY_SLIP, Attempt, NoContactPlan
from exback_tui.domain.text import printable


def _short(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def attempt_line(number: int, attempt: Attempt, today: date) -> str:
    """One attempt as a line of plain text; the trigger is shown without control characters."""
    days = attempt.days_done(today)
    end = "now" if attempt.end is None else _short(attempt.end)
    line = f"{number}. {_short(attempt.start)} – {end} · {days} day{'s' if days != 1 else ''}"
    if not attempt.is_open:
        how = "slip" if attempt.ended_by == ENDED_BY_SLIP else "restarted"
        trigger = printable(attempt.trigger).strip()
        line += f" · {how}" + (f": {trigger}" if trigger else "")
    return line


class AttemptHistory(ScrollView, can_focus=False):
    """Attempts newest first, in one text block: user text is never parsed as markup.

    One widget that wraps and scrolls its own text (the mouse wheel scrolls it when the
    attempts don't fit), drawn as a Static in a VerticalScroll would draw it.
    """

    COMPONENT_CLASSES = {"attempt-history--note"}

    def __init__(self, first_note: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._first_note = first_note
        self._text = Content("")
        self._lines: list[Strip] = []
        self._width = 0  # the width the text is wrapped to
        self._wrap_cache: tuple[Content, int, VisualStyle, list[Strip]] | None = None
        self.border_title = "Attempts"

    def show(self, plan: NoContactPlan, today: date) -> None:
        """Show the attempts of `plan` as of `today`."""
        numbered = list(enumerate(plan.attempts, start=1))
        lines = [Content(attempt_line(n, a, today)) for n, a in reversed(numbered)]
        if len(plan.attempts) == 1:
            note_style = self.get_visual_style("attempt-history--note")
            lines.append(Content.styled(self._first_note, note_style))
        self._text = Content("\n").join(lines)
        self._lay_out()
        self.refresh(layout=self.styles.height is not None and self.styles.height.is_auto)

    def render(self) -> Content:
        """The whole text, unwrapped (the drawing itself is `render_line`'s)."""
        return self._text

    def _wrapped(self, width: int) -> list[Strip]:
        """The text wrapped to `width`, kept until the text, the width or the colours change."""
        if width <= 0:
            return []
        text, style, cache = self._text, self.visual_style, self._wrap_cache
        if cache is None or cache[0] is not text or cache[1:3] != (width, style):
            strips = Visual.to_strips(self, text, width, None, style)
            self._wrap_cache = cache = (text, width, style, strips)
        return cache[3]

    def _lay_out(self, *, layout: bool = True) -> None:
        """Wrap the text to the width it has, less the scroll bar's when it won't fit."""
        width, height = self.content_region.size
        lines = self._wrapped(width)
        if len(lines) > height and self.styles.overflow_y in ("auto", "scroll"):
            width -= self.styles.scrollbar_size_vertical
            lines = self._wrapped(width)
        self._width = width
        size = Size(max(0, width), len(lines))
        if layout:
            self.virtual_size = size
        else:
            self.set_reactive(AttemptHistory.virtual_size, size)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Wrapped to the new size as the screen is laid out, before ScrollView sizes the
        # scroll bar from the virtual size: wrapping on the Resize event that follows
        # would set the virtual size then, and lay the whole screen out again.
        if size != self.size:
            self._lay_out(layout=False)
        return super()._size_updated(size, virtual_size, container_size, layout)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width))

    def render_lines(self, crop: Region) -> list[Strip]:
        # Looked up at each redraw: the colours may have changed since (the theme).
        self._lines = self._wrapped(self._width)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + round(self.scroll_offset.y)
        # Blanks are the background alone, as around a Static in a VerticalScroll.
        line = self._lines[index] if 0 <= index < len(self._lines) else Strip([])
        return line.crop_extend(0, width, RichStyle(bgcolor=self.visual_style.rich_style.bgcolor))
