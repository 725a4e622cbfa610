"""A list the user writes (pros, cons): its lines, a field to add one, a remove button each.

`ItemList` shows the lines of its list in the program it is given (bind it
with `data_bind`) and posts `Added` or `Removed`; the screen that owns it
saves, then calls `added` or `say`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Input, Static

from exback_tui.domain.progress import EMPTY_PROGRAM, MAX_FIELD_CHARS, Item, ProgramState
from exback_tui.domain.text import printable
from exback_tui.widgets.safe_input import SafeInput


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

    # What the user saved: the lines shown are this list's in it.
    program: reactive[ProgramState] = reactive(EMPTY_PROGRAM, init=False)

    @dataclass
    class Added(Message):
        """The user typed a line to add: the owner adds `text` to `item_list.list_name`."""

        item_list: ItemList
        text: str

        @property
        def control(self) -> ItemList:
            return self.item_list

    @dataclass
    class Removed(Message):
        """The user asked to remove the line `item_id`."""

        item_list: ItemList
        item_id: str

        @property
        def control(self) -> ItemList:
            return self.item_list

    def __init__(
        self,
        list_name: str,
        title: str,
        placeholder: str,
        texts: Mapping[str, str],
        *,
        program: ProgramState,
        id: str,
    ) -> None:
        super().__init__(id=id, classes="item-list")
        self.set_reactive(ItemList.program, program)
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
        self._show_items()

    def watch_program(self) -> None:
        self._show_items()

    def _show_items(self) -> None:
        items = self.program.items_in(self.list_name)
        if items == self._shown:
            return
        self._shown = items
        rows = self._rows
        focused = self.screen.focused
        focused_here = focused is not None and rows in focused.ancestors
        rows.remove_children()
        rows.mount_all(ItemRow(item, self.texts["remove"]) for item in items)
        self._empty.display = not items
        if focused_here:
            self._input.focus()

    def say(self, message: str) -> None:
        """Show why a change was refused under the field ("" hides it)."""
        line = self._error
        line.update(message)
        line.display = bool(message)

    def added(self, text: str) -> None:
        """The owner added `text`: clear the field, unless something else was typed since."""
        self.say("")
        if self._input.value == text:
            self._input.value = ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(self.Added(self, event.value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        row = next((a for a in event.button.ancestors if isinstance(a, ItemRow)), None)
        if row is not None:
            self.post_message(self.Removed(self, row.item.id))
