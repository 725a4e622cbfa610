"""The keys: the app's own bindings (so the list can't drift) and the check-in's, and the
way to settings (which have no letter key)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static

from exback_tui.textual_fixes import KeepsStylesWhileHidden


class HelpScreen(KeepsStylesWhileHidden, ModalScreen[None]):
    """Two tables of keys. Escape, ? or q closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, global_keys: list[tuple[str, str]], texts: Mapping[str, Any]) -> None:
        super().__init__()
        self._global_keys = global_keys
        self._texts = texts

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(self._texts["title"], classes="help-title", markup=False)
            yield self._table("help-global", self._global_keys)
            yield Static(self._texts["checkin_title"], classes="help-title", markup=False)
            yield self._table("help-checkin", [tuple(pair) for pair in self._texts["checkin_keys"]])
            yield Static(self._texts["settings_title"], classes="help-title", markup=False)
            yield Static(self._texts["settings_text"], id="help-settings-text", markup=False)
            yield Button(Content(self._texts["settings_button"]), id="help-settings", compact=True)
            yield Static(self._texts["closing"], id="help-hint", markup=False)

    @staticmethod
    def _table(id: str, rows: list[tuple[str, str]]) -> DataTable[str]:
        table: DataTable[str] = DataTable(
            id=id, classes="help-keys", cursor_type="none", show_header=False
        )
        table.add_columns("key", "what it does")
        table.add_rows(rows)
        return table

    def action_close(self) -> None:
        self.dismiss()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Open settings, from where help was opened (settings have no letter key)."""
        event.stop()
        if event.button.id == "help-settings":
            app = self.app
            self.dismiss()
            app.call_later(app.run_action, "settings")
