"""The keys, listed from the app's own bindings so the list can't drift."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static


class HelpScreen(ModalScreen[None]):
    """A table of keys and what they do. Escape, ? or q closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self._keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("Keys", id="help-title")
            table: DataTable[str] = DataTable(id="help-keys", cursor_type="none", show_header=False)
            table.add_columns("key", "what it does")
            for key, description in self._keys:
                table.add_row(key, description)
            yield table
            yield Static("Escape closes this.", id="help-hint")

    def action_close(self) -> None:
        self.dismiss()
