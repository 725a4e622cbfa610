"""The question a kept message asks 24 hours later: still want to send this?"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from exback_tui.domain.progress import Urge
from exback_tui.domain.text import printable


class UrgeReturnDialog(ModalScreen[str | None]):
    """Shows a kept message as typed; returns "let-go", "sent", or None (not now)."""

    BINDINGS = [
        Binding("escape", "not_now", "Not now"),
        Binding("left,up", "app.focus_previous", "Previous", show=False),
        Binding("right,down", "app.focus_next", "Next", show=False),
    ]

    def __init__(self, urge: Urge, texts: Mapping[str, Any]) -> None:
        super().__init__()
        self._urge = urge
        self._texts = texts

    def compose(self) -> ComposeResult:
        texts = self._texts
        written = self._urge.written
        when = texts["return_body"].format(
            when=f"{written:%A} {written.day} {written:%B} at {written:%H:%M}"
        )
        with Vertical(id="urge-return-box"):
            yield Static(texts["return_title"], id="urge-return-title", markup=False)
            yield Static(when, id="urge-return-when", markup=False)
            with VerticalScroll(id="urge-return-scroll"):
                yield Static(
                    Content(printable(self._urge.text, multiline=True)),
                    id="urge-return-text",
                    markup=False,
                )
            with Horizontal(id="urge-return-buttons"):
                yield Button(Content(texts["return_let_go"]), id="urge-let-go", compact=True)
                yield Button(Content(texts["return_sent"]), id="urge-sent", compact=True)
                yield Button(Content(texts["return_not_now"]), id="urge-not-now", compact=True)

    def on_mount(self) -> None:
        self.query_one("#urge-let-go", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        answers = {"urge-let-go": "let-go", "urge-sent": "sent"}
        self.dismiss(answers.get(event.button.id or ""))

    def action_not_now(self) -> None:
        self.dismiss(None)
