"""A TextArea for the user's own words: a cap on length, and no control character drawn.

Used by the journal editor, the urge box, the big questions' answers, the
message checker and the notes for the talk.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location

from exback_tui.domain.journal import MAX_TEXT_CHARS
from exback_tui.textual_fixes import without_controls

_NEWLINES = ("\r\n", "\n", "\r")


class EntryTextArea(TextArea):
    """A TextArea that refuses, whole, any insertion that would go past `max_chars`.

    Typing, Enter, pastes from the terminal and ctrl+v all insert through
    `_replace_via_keyboard` (a private method of Textual's: see
    exback_tui.textual_fixes); an insertion that would make the text longer
    than the cap (and longer than it is) is not made, and `Refused` is
    posted instead. Deleting is always allowed. Control characters in the
    text are kept but not drawn (`textual_fixes.without_controls`).
    """

    @dataclass
    class Refused(Message):
        """An insertion of `inserting` characters was refused: the text has `current`."""

        text_area: EntryTextArea
        inserting: int
        current: int

        @property
        def control(self) -> EntryTextArea:
            return self.text_area

    def __init__(self, text: str = "", *, max_chars: int = MAX_TEXT_CHARS, id: str) -> None:
        super().__init__(
            text,
            id=id,
            soft_wrap=True,
            show_line_numbers=False,
            language=None,
            tab_behavior="focus",
        )
        self.max_chars = max_chars

    def _inserted_length(self, insert: str) -> int:
        """How long `insert` will be in the document (its line breaks become the document's)."""
        lines = insert.splitlines()
        if insert.endswith(_NEWLINES):
            lines.append("")
        breaks = max(0, len(lines) - 1)
        return sum(map(len, lines)) + breaks * len(self.document.newline)

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        if insert and not self.read_only:
            current = len(self.document.text)
            replaced = len(self.get_text_range(start, end)) if start != end else 0
            after = current - replaced + self._inserted_length(insert)
            if after > self.max_chars and after > current:
                self.post_message(self.Refused(self, len(insert), current))
                return None
        return super()._replace_via_keyboard(insert, start, end)

    def render_line(self, y: int) -> Strip:
        return without_controls(super().render_line(y))
