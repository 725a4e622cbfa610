"""They contacted the user: did the user engage? Logged either way, a slip only if they say so."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from exback_tui.widgets.safe_input import SafeInput

# Longest note kept with the log.
MAX_NOTE_CHARS = 2_000


class TheyContactedDialog(ModalScreen[tuple[bool, str] | None]):
    """They contacted the user: did the user engage? Returns (engaged, note) or None.

    Offers the short "I need some space" reply, with a button to copy it.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, texts: Mapping[str, str]) -> None:
        super().__init__()
        self._texts = texts

    def compose(self) -> ComposeResult:
        texts = self._texts
        with Vertical(id="they-box"):
            yield Static(texts["they_title"], id="they-title", markup=False)
            yield Static(texts["they_body"], id="they-body", markup=False)
            yield Static(texts["they_reply_label"], classes="they-label", markup=False)
            with Horizontal(id="they-reply-row"):
                yield Static(texts["space_reply"], id="they-reply", markup=False)
                yield Button(Content(texts["copy_button"]), id="they-copy", compact=True)
            yield Static("", id="they-copied", markup=False)
            yield Static(texts["they_note_prompt"], classes="they-label", markup=False)
            yield SafeInput(id="they-note", max_length=MAX_NOTE_CHARS)
            with Horizontal(id="they-buttons"):
                yield Button(
                    Content(texts["they_not_engaged_button"]),
                    id="they-not-engaged",
                    variant="primary",
                    compact=True,
                )
                yield Button(Content(texts["they_engaged_button"]), id="they-engaged", compact=True)
                yield Button(Content(texts["cancel_button"]), id="they-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#they-note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#they-not-engaged", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        note = self.query_one("#they-note", Input).value
        if event.button.id == "they-copy":
            self.app.copy_to_clipboard(self._texts["space_reply"])
            self.query_one("#they-copied", Static).update(self._texts["copied"])
        elif event.button.id == "they-not-engaged":
            self.dismiss((False, note))
        elif event.button.id == "they-engaged":
            self.dismiss((True, note))
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
