"""Confirm a slip before the count restarts, and ask what led to it; take back today's."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from exback_tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp


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


def offer_undo_slip(app: ExBackApp, said: Callable[[str, bool], None]) -> None:
    """Ask whether to take back today's slip (recorded by mistake); take it back if so.

    `said(message, is_error)` reports the outcome where the person asked.
    """
    from exback_tui.screens.dialogs.confirm import ConfirmDialog

    texts = app.material.text["slip"]
    status = app.status
    if status is None or status.plan is None or not status.plan.slipped_on(status.today):
        said(texts["undo_none"], True)
        return
    dialog = ConfirmDialog(
        texts["undo_title"], texts["undo_body"], texts["undo_yes"], texts["undo_no"]
    )

    def answered(take_back: bool | None) -> None:
        if not take_back:
            return
        service, today = app.service, app.today
        app.saves.plan(
            lambda: service.undo_slip(today),
            lambda status: said(texts["undo_done"], False),
            lambda error: said(str(error), True),
        )

    app.push_screen(dialog, answered)
