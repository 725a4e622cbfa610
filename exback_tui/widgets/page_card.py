"""One page in an overview (a big question, a step): its title and the user's progress.

Enter or a click posts `PageCard.Open`; ↑/↓ move to the previous or next card.
The screen that owns the overview sets the text and opens the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.events import Click
from textual.message import Message
from textual.widgets import Static


class PageCard(Static, can_focus=True):
    """Page `number` of an overview; the owner fills in its text with `update`."""

    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("down", "app.focus_next", "Next", show=False),
        Binding("up", "app.focus_previous", "Previous", show=False),
    ]

    @dataclass
    class Open(Message):
        """Open page `number`."""

        card: PageCard
        number: int

        @property
        def control(self) -> PageCard:
            return self.card

    def __init__(self, number: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.number = number

    def action_open(self) -> None:
        self.post_message(self.Open(self, self.number))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_open()
