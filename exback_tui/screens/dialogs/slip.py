"""Confirm a slip before the count restarts, and ask what led to it."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from exback_tui.widgets.safe_input import SafeInput


class SlipDialog(ModalScreen[str | None]):
    """Returns the trigger the user typed (maybe empty) to record the slip, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, texts: Mapping[str, str], days_done: int) -> None:
        super().__init__()
        self._texts = texts
        self._days_done = days_done

    def compose(self) -> ComposeResult:
        with Vertical(id="slip-box"):
            yield Static(self._texts["title"], id="slip-title", markup=False)
            yield Static(self._texts["body"], id="slip-body", markup=False)
            yield Static(self._texts["trigger_prompt"], id="slip-prompt", markup=False)
            yield SafeInput(id="slip-trigger", max_length=500)
            with Horizontal(id="slip-buttons"):
                yield Button("Record slip", id="slip-confirm", variant="warning")
                yield Button("Cancel", id="slip-cancel")

    def on_mount(self) -> None:
        self.query_one("#slip-trigger", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "slip-confirm":
            self.dismiss(self.query_one("#slip-trigger", Input).value)
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
