"""A list the user writes (pros, cons): its lines, a field to add one, a remove button each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from exback_tui.domain.progress import MAX_FIELD_CHARS, Item, ProgramState
from exback_tui.domain.text import printable
from exback_tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp


class ItemRow(Horizontal):
    """One line of a list (a pro, a con) with its remove button."""

    def __init__(self, item: Item, remove_label: str) -> None:
        super().__init__(classes="item-row")
        self.item = item
        self._remove_label = remove_label

    def compose(self) -> ComposeResult:
        yield Static(printable(self.item.text), classes="item-text", markup=False)
        yield Button(Content(self._remove_label), classes="item-remove", compact=True)


class ItemList(Vertical):
    """A list the user writes (pros or cons): the lines, a field to add one, remove buttons."""

    if TYPE_CHECKING:
        app: ExBackApp

    def __init__(
        self, list_name: str, title: str, placeholder: str, texts: Mapping[str, str], *, id: str
    ) -> None:
        super().__init__(id=id, classes="item-list")
        self.list_name = list_name
        self.title = title
        self.placeholder = placeholder
        self.texts = texts
        self._shown: tuple[Item, ...] | None = None
        # Kept, not queried: a save may finish after the screen has gone.
        self._rows = Vertical(classes="item-rows")
        self._empty = Static(texts["list_empty"], classes="item-empty", markup=False)
        self._input = SafeInput(placeholder=placeholder, max_length=MAX_FIELD_CHARS)
        self._error = Static("", classes="item-error field-error", markup=False)

    def compose(self) -> ComposeResult:
        yield Static(self.title, classes="item-list-title", markup=False)
        yield self._rows
        yield self._empty
        yield self._input
        yield self._error

    def on_mount(self) -> None:
        self._error.display = False
        self.watch(self.app, "program", self._show_items)

    def _show_items(self, program: ProgramState) -> None:
        items = program.items_in(self.list_name)
        if items == self._shown:
            return
        self._shown = items
        rows = self._rows
        focused_here = self.app.focused is not None and rows in self.app.focused.ancestors
        rows.remove_children()
        rows.mount_all(ItemRow(item, self.texts["remove"]) for item in items)
        self._empty.display = not items
        if focused_here:
            self._input.focus()

    def _say(self, message: str) -> None:
        line = self._error
        line.update(message)
        line.display = bool(message)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if not text.strip():
            return
        service, today, list_name = self.app.service, self.app.today, self.list_name
        field = event.input

        def done(state: ProgramState) -> None:
            self._say("")
            if field.value == text:
                field.value = ""

        self.app.save_program(
            lambda: service.add_item(list_name, text, today), done, lambda e: self._say(str(e))
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        row = next((a for a in event.button.ancestors if isinstance(a, ItemRow)), None)
        if row is None:
            return
        service, item_id = self.app.service, row.item.id
        self.app.save_program(
            lambda: service.remove_item(item_id),
            lambda _: self._say(""),
            lambda e: self._say(str(e)),
        )
