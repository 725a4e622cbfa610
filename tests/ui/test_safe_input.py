"""SafeInput keeps the value as typed and never draws a control character."""

from __future__ import annotations

import unicodedata

import pytest
from textual import events
from textual.app import App, ComposeResult

from exback_tui.domain.text import printable
from exback_tui.widgets.safe_input import SafeInput, display_map
from tests.ui.conftest import HOSTILE_TEXTS

CONTROLS = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x00\x7f\u202eevil\u2066x\u2069\tend\r\n"


class OneInput(App[None]):
    def __init__(self, value: str = "") -> None:
        super().__init__()
        self._value = value

    def compose(self) -> ComposeResult:
        yield SafeInput(self._value, id="field")


def drawn(widget: SafeInput) -> tuple[str, list]:
    strip = widget.render_line(0)
    segments = list(strip)
    return "".join(s.text for s in segments if not s.control), segments


BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def assert_clean(text: str) -> None:
    bad = [c for c in text if unicodedata.category(c) in ("Cc", "Cs") or c in BIDI_CONTROLS]
    assert not bad, f"drawn text has control characters: {bad!r}"


@pytest.mark.parametrize("text", [*HOSTILE_TEXTS, CONTROLS, "a\udc80b", "\x1b"])
async def test_the_value_is_kept_and_drawn_without_controls(text):
    app = OneInput(text)
    async with app.run_test(size=(120, 5)) as pilot:
        field = app.query_one(SafeInput)
        field.focus()
        await pilot.pause()
        assert field.value == text
        shown, segments = drawn(field)
        assert_clean(shown)
        assert shown.rstrip().startswith(printable(text).rstrip()[:50])
        for segment in segments:
            style = segment.style
            assert style is None or (not style.link and "@click" not in (style.meta or {}))


async def test_pasted_controls_are_kept_in_the_value_but_not_drawn():
    app = OneInput()
    async with app.run_test(size=(120, 5)) as pilot:
        field = app.query_one(SafeInput)
        field.focus()
        field.post_message(events.Paste("hi \x1b[31mred\x1b[0m \u202eevil\nsecond line"))
        await pilot.pause()
        assert field.value == "hi \x1b[31mred\x1b[0m \u202eevil"
        shown, _ = drawn(field)
        assert shown.startswith("hi [31mred[0m evil")
        assert_clean(shown)


async def test_cursor_and_clicks_line_up_with_what_is_drawn():
    text = "ab\x1b\x1bcd"
    app = OneInput(text)
    async with app.run_test(size=(40, 5)) as pilot:
        field = app.query_one(SafeInput)
        field.focus()
        field.cursor_position = 4  # just before "c"
        await pilot.pause()
        assert field._cursor_offset == 2  # "ab" drawn before it
        field.cursor_position = len(text)
        assert field._cursor_offset == 5  # after "abcd", plus the end cell
        assert field._cell_offset_to_index(2) == 4  # clicking on "c"
        assert field._cell_offset_to_index(99) == len(text)
        # Typing keeps working: the value grows as typed.
        await pilot.press("x")
        assert field.value == text + "x"
        assert drawn(field)[0].startswith("abcdx")


def test_display_map_is_per_character():
    shown, starts = display_map("a\x1bb\tc\udc80")
    assert shown == "ab c\ufffd"
    assert starts == (0, 1, 1, 2, 3, 4, 5)
