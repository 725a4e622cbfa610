"""The day number, drawn as large as the room the stylesheet gives it.

At three rows it is Textual's 3×3 digits font, cell for cell. Given more rows
(the dashboard gives 5 at 160×45 and 7 at 200×58, in `styles/countdown.tcss`),
each line-drawing cell of the font is stretched: its corner or joint stays
where it was, and its lines to the right and downwards are drawn on to the
next cell, so the glyphs stay joined at any size.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.renderables.digits import Digits as DigitsFont

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


def font_rows(value: str, *, bold: bool = False) -> list[str]:
    """`value` in the 3×3 font (its bold set if `bold`, as Textual's `Digits` picks it)."""
    rows: list[str] = [""]
    for segment in DigitsFont(value).render(Style(bold=bold)):
        if not isinstance(segment, Segment):
            continue
        if segment.text == "\n":
            rows.append("")
        else:
            rows[-1] += segment.text
    return rows[:3]


def number_rows(value: str, rows: int, *, bold: bool = False) -> list[str]:
    """`value` drawn for `rows` rows: the font stretched by `scale_for(rows)`."""
    return stretch(font_rows(value, bold=bold), scale_for(rows))
