"""The day number, drawn as large as the room the stylesheet gives it.

At three rows it is Textual's `Digits`, cell for cell. Given more rows (the
dashboard gives 5 at 160×45 and 7 at 200×58, in `styles/countdown.tcss`), each
line-drawing cell of the 3×3 font is stretched: its corner or joint stays
where it was, and its lines to the right and downwards are drawn on to the
next cell, so the glyphs stay joined at any size.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.renderables.digits import Digits as DigitsFont
from textual.widgets import Digits

# The font's line-drawing characters whose lines leave the cell to the right, and
# downwards; `_HEAVY` ones are drawn on in heavy lines (the font's bold set).
_RIGHT = frozenset("─━╶╺┌┏╭└┗╰├┣┬┳┴┻┼╋")
_DOWN = frozenset("│┃╷╻┌┏╭┐┓╮├┣┤┫┬┳┼╋")
_HEAVY = frozenset("━┃╺╻┏┓┗┛┣┫┳┻╋")


def scale_for(rows: int) -> int:
    """How much a number `rows` tall is stretched: 1 up to 4 rows, then one per 2 rows."""
    return max(1, (rows - 1) // 2)


def stretch(lines: list[str], scale: int) -> list[str]:
    """The 3-row `lines` of the font drawn `scale` times as wide and tall.

    A glyph 3 cells wide ends up `3 * scale` wide and `2 * scale + 1` rows
    tall: the cells' far sides carry no line, so the last column of blanks is
    the gap between digits and the rows below the font's last row are dropped.
    """
    if scale == 1:
        return list(lines)
    out: list[str] = []
    for index, line in enumerate(lines):
        top: list[str] = []
        below: list[str] = []
        for char in line:
            across = ("━" if char in _HEAVY else "─") if char in _RIGHT else " "
            top.append(char + across * (scale - 1))
            below.append(("┃" if char in _HEAVY else "│") if char in _DOWN else " ")
            below.append(" " * (scale - 1))
        out.append("".join(top))
        if index < len(lines) - 1:
            out.extend(["".join(below)] * (scale - 1))
    return out


class DayNumber(Digits):
    """`Digits` that grow with the height the stylesheet gives them."""

    def render(self) -> RenderResult:
        scale = scale_for(self.size.height)
        if scale == 1:
            return super().render()
        rows: list[str] = [""]
        for segment in DigitsFont(self.value).render(self.rich_style):
            if not isinstance(segment, Segment):
                continue
            if segment.text == "\n":
                rows.append("")
            else:
                rows[-1] += segment.text
        return Content("\n".join(stretch([row for row in rows if row], scale)))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        scale = scale_for(self.styles.height.cells or 3) if self.styles.height else 1
        return DigitsFont.get_width(self.value) * scale
