"""The day number grows with the room: the same font, stretched, and still joined."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.style import Style
from textual.renderables.digits import DIGITS3X3
from textual.renderables.digits import Digits as DigitsFont

from exback_tui.widgets.countdown import Countdown
from exback_tui.widgets.day_number import scale_for, stretch
from tests.ui.conftest import countdown_lines, day_shown

_HORIZONTAL = set("─━")
_VERTICAL = set("│┃")


def font(number: str) -> list[str]:
    rows = [""]
    for segment in DigitsFont(number).render(Style()):
        if segment.text == "\n":
            rows.append("")
        else:
            rows[-1] += segment.text
    return [row for row in rows if row]


numbers = st.integers(min_value=0, max_value=99_999).map(str)
scales = st.integers(min_value=1, max_value=6)


@given(numbers, scales)
def test_stretching_keeps_every_cell_of_the_font_in_place(number, scale):
    lines = font(number)
    big = stretch(lines, scale)
    assert len(big) == 2 * scale + 1
    assert {len(row) for row in big} == {3 * scale * len(number)}
    # Every scale-th row and column is the font itself.
    assert [row[::scale] for row in big[::scale]] == lines


@given(numbers, st.integers(min_value=2, max_value=6))
def test_what_is_added_between_cells_is_only_the_lines_that_join_them(number, scale):
    big = stretch(font(number), scale)
    for y, row in enumerate(big):
        for x, char in enumerate(row):
            if x % scale == 0 and y % scale == 0:
                continue
            assert char in _HORIZONTAL | _VERTICAL | {" "}
            if char in _HORIZONTAL:  # a line across goes on until the next cell's joint
                assert row[x + 1] != " "
            if char in _VERTICAL:
                assert big[y + 1][x] != " "


def test_scale_one_is_the_font_unchanged():
    lines = font("1234567890")
    assert stretch(lines, 1) == lines
    assert lines == ["".join(DIGITS3X3[int(d) * 3 + 3 + row].ljust(3) for d in "1234567890")
                     for row in range(3)]  # fmt: skip


@pytest.mark.parametrize(("rows", "scale"), [(1, 1), (3, 1), (4, 1), (5, 2), (7, 3), (9, 4)])
def test_scale_for_the_rows_given(rows, scale):
    assert scale_for(rows) == scale


@pytest.mark.parametrize(
    ("size", "rows"), [((80, 24), 3), ((100, 30), 3), ((159, 48), 3), ((160, 44), 3),
                       ((160, 48), 5), ((200, 57), 5), ((200, 60), 7)],
)  # fmt: skip
async def test_the_dashboard_gives_the_number_more_rows_when_there_is_room(make_app, size, rows):
    app = make_app(started_days_ago=11)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        countdown = app.screen.query_one(Countdown)
        assert countdown.day_rows == rows
        # What the terminal shows: "Day" at the foot of its column, the font stretched
        # beside it, then a blank line and the bar.
        shown = countdown_lines(app)
        assert [line[:5] for line in shown[:rows]] == [" " * 5] * (rows - 1) + ["Day  "]
        assert [line[5:].rstrip() for line in shown[:rows]] == [
            row.rstrip() for row in stretch(font("12"), scale_for(rows))
        ]
        assert shown[rows].strip() == ""
        assert shown[rows + 1].startswith("━")
        assert day_shown(app) == "12"
        # Still the count, three rows high and nothing cut off, when the terminal shrinks.
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert countdown.day_rows == 3
        shown = countdown_lines(app)
        assert [line[5:].rstrip() for line in shown[:3]] == [row.rstrip() for row in font("12")]
        assert shown[3].strip() == "" and shown[4].startswith("━")
        assert shown[-1].startswith("Attempts 1 · Total 11 days")
