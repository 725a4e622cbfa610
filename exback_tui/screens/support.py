"""The "I'm not OK" page (`!`, or the palette from anywhere): where to find help now.

Warm, short and direct: the support page from content, then the help lines
with the locale's country first and every emergency number. It never blocks
and never diagnoses: Escape returns to exactly where the person was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static

from exback_tui.domain.material import Page
from exback_tui.widgets.key_bar import KeyBar


class SupportScreen(Screen[None]):
    """The support page, the help lines and a way back (also the "keeping yourself safe"
    page, which has no lines of its own)."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
        Binding("pagedown", "scroll('page_down')", "Page down", show=False),
    ]

    def __init__(self, page: Page, lines: Sequence[str], words: Mapping[str, Any]) -> None:
        super().__init__()
        self._page = page
        self._lines = tuple(lines)
        self._words = words

    def compose(self) -> ComposeResult:
        words = self._words
        with VerticalScroll(id="support-body"):
            yield Static(self._page.title, id="support-title", markup=False)
            yield Markdown(self._page.body, id="support-page", open_links=False)
            if self._lines:
                yield Static(words["lines_title"], id="support-lines-title", markup=False)
                yield Static("\n".join(self._lines), id="support-lines", markup=False)
                yield Static(words["elsewhere"], id="support-elsewhere", markup=False)
            yield Static(words["back"], id="support-back", markup=False)
        yield KeyBar(self.BINDINGS, pin=False)  # already here

    def on_mount(self) -> None:
        self.query_one("#support-body", VerticalScroll).focus()

    def action_back(self) -> None:
        """Back to where they were."""
        self.dismiss()

    def action_scroll(self, how: str) -> None:
        body = self.query_one("#support-body", VerticalScroll)
        if how == "page_up":
            body.scroll_page_up()
        else:
            body.scroll_page_down()
