"""An Input that keeps what was typed but never draws a control character.

Textual's Input draws its value as it is: an ESC, a CSI or OSC sequence, a
C1 control or a bidi override pasted into it would reach the terminal and
act on it (move the cursor, retitle the window, reorder the line). SafeInput
keeps `value` exactly as typed or pasted (so it is stored, searched and
copied as typed) and draws it through `printable()`: control characters
are not drawn, tab and line breaks show as a space, a lone surrogate as
U+FFFD. The value is drawn as a rich `Text`, never parsed as markup.

Positions in the value (the cursor, a selection) are translated to
positions in what is drawn, so the cursor and selection stay where they
belong; a cursor resting on an undrawn character shows on the next drawn
one. Mouse clicks map back from cells to positions in the value.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len
from rich.text import Text
from textual.strip import Strip
from textual.widgets import Input

from exback_tui.domain.text import printable

__all__ = ["SafeInput", "display_map"]


@lru_cache(maxsize=64)
def display_map(value: str) -> tuple[str, tuple[int, ...]]:
    """What `value` looks like on screen, and where each of its positions lands there.

    Returns `(shown, starts)`: `shown` is `value` through `printable()`, one
    character at a time (so every character becomes zero or one
    characters), and `starts[i]` is the index in `shown` of value position
    `i` (`starts` has `len(value) + 1` entries).
    """
    shown: list[str] = []
    starts = [0] * (len(value) + 1)
    length = 0
    for index, char in enumerate(value):
        starts[index] = length
        if char.isprintable() and not 0xD800 <= ord(char) <= 0xDFFF:
            shown.append(char)
            length += 1
        else:
            drawn = printable(char)
            shown.append(drawn)
            length += len(drawn)
    starts[len(value)] = length
    return "".join(shown), tuple(starts)


class SafeInput(Input):
    """Input whose value is exactly what was typed, drawn without control characters."""

    @property
    def shown_value(self) -> str:
        """The value as it is drawn (no control characters)."""
        return display_map(self.value)[0]

    def _shown_index(self, position: int) -> int:
        starts = display_map(self.value)[1]
        return starts[max(0, min(position, len(starts) - 1))]

    @property
    def _value(self) -> Text:
        shown = self.shown_value
        if self.password:
            return Text("•" * len(shown), no_wrap=True, overflow="ignore", end="")
        text = Text(shown, no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        return text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(self.shown_value[: self._shown_index(position)])

    def _cell_offset_to_index(self, offset: int) -> int:
        scroll_x, _ = self.scroll_offset
        offset += scroll_x
        cell_offset = 0
        for index, char in enumerate(self.value):
            width = cell_len(display_map(char)[0])
            if cell_offset <= offset < cell_offset + width:
                return index
            cell_offset += width
        return len(self.value) if offset >= cell_offset else 0

    def render_line(self, y: int) -> Strip:
        """Input.render_line (Textual 8.2), with positions translated to what is drawn."""
        if y != 0 or not self.value:
            return super().render_line(y)

        console = self.app.console
        console_options = self.app.console_options
        max_content_width = self.scrollable_content_region.width

        result = self._value
        value_length = len(self.value)
        suggestion = self._suggestion
        show_suggestion = len(suggestion) > value_length and self.has_focus
        if show_suggestion:
            result += Text(
                printable(suggestion[value_length:]),
                self.get_component_rich_style("input--suggestion"),
                end="",
            )

        if self.has_focus:
            if not self.selection.is_empty:
                start, end = sorted(self.selection)
                selection_style = self.get_component_rich_style("input--selection")
                result.stylize_before(
                    selection_style, self._shown_index(start), self._shown_index(end)
                )

            if self._cursor_visible:
                cursor_style = self.get_component_rich_style("input--cursor")
                cursor = self._shown_index(self.cursor_position)
                if not show_suggestion and cursor >= len(self.shown_value):
                    result.pad_right(1)
                result.stylize(cursor_style, cursor, cursor + 1)

        segments = list(console.render(result, console_options.update_width(self.content_width)))
        strip = Strip(segments)
        scroll_x, _ = self.scroll_offset
        strip = strip.crop(scroll_x, scroll_x + max_content_width + 1)
        strip = strip.extend_cell_length(max_content_width + 1)
        return strip.apply_style(self.rich_style)
