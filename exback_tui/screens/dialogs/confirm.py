"""A yes/no question in a small box: the one confirmation dialog every screen uses."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from exback_tui.domain.text import printable


class ConfirmDialog(ModalScreen[bool]):
    """Asks `title`; dismisses with True for `yes`, False for `no`.

    Every text is shown literally (never parsed as markup, control characters
    removed), so a body may quote what the user wrote. Escape answers `escape` (False: "no"); with
    `escape=None` Escape does nothing and one of the buttons must be chosen.
    The `default` answer's button has the focus, so Enter on its own picks
    it; the default is "no", the safe choice for "delete?" and "discard?".
    """

    BINDINGS = [
        Binding("escape", "escape", "Cancel"),
        Binding("left,up", "app.focus_previous", "Previous", show=False),
        Binding("right,down", "app.focus_next", "Next", show=False),
    ]

    def __init__(
        self,
        title: str,
        body: str,
        yes: str,
        no: str,
        *,
        default: bool = False,
        escape: bool | None = False,
    ) -> None:
        super().__init__()
        self._title = title
        self._body = body
        self._yes = yes
        self._no = no
        self._default = default
        self._escape = escape

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(printable(self._title), id="confirm-title", markup=False)
            yield Static(printable(self._body, multiline=True), id="confirm-body", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(printable(self._yes)), id="confirm-yes", compact=True)
                yield Button(Content(printable(self._no)), id="confirm-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-yes" if self._default else "#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_escape(self) -> None:
        if self._escape is not None:
            self.dismiss(self._escape)
