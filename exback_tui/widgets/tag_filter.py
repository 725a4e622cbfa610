"""The journal's tag filter: `Tag all` or `Tag #name`, stepped through the tags in use."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from exback_tui.domain.text import printable


class TagFilter(Widget, can_focus=True):
    """`Tag all` or `Tag #name`; Enter, Space, → or a click moves to the next tag, ← back."""

    BINDINGS = [
        Binding("enter,space,right", "step(1)", "Next tag", show=False),
        Binding("left", "step(-1)", "Previous tag", show=False),
    ]
    COMPONENT_CLASSES = {"tag-filter--label"}

    tag: reactive[str | None] = reactive(None)

    @dataclass
    class Step(Message):
        """Move the tag filter by `step` through the tags in use (the screen knows them)."""

        tag_filter: TagFilter
        step: int

        @property
        def control(self) -> TagFilter:
            return self.tag_filter

    def render(self) -> Content:
        label = self.get_visual_style("tag-filter--label")
        shown = "all" if self.tag is None else f"#{printable(self.tag)}"
        return Content.assemble(("Tag ", label), shown)

    def action_step(self, step: int) -> None:
        self.post_message(self.Step(self, step))

    def on_click(self) -> None:
        self.post_message(self.Step(self, 1))
