"""A one-line list of the keys that matter on a screen.

Textual's Footer rebuilds itself whenever focus or bindings change, which
cost about 60 ms of exback's start-up; a screen's keys here are few and
fixed, so this draws them once from the bindings it is given.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.style import Style
from textual.widget import Widget


class KeyBar(Widget):
    """Shows `key description` pairs for the Bindings passed in (those with show=True).

    Pairs that don't fit the width are left out whole, from the end: list the
    most useful keys first. `?` shows them all.
    """

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}

    def __init__(self, bindings: Iterable[BindingType], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: list[Binding] = []
        self.show_bindings(bindings)

    def show_bindings(self, bindings: Iterable[BindingType]) -> None:
        """Show these bindings instead (a screen whose keys changed)."""
        self._shown = [b for b in bindings if isinstance(b, Binding) and b.show and b.description]
        self.refresh()

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        text_style = self.get_visual_style("key-bar--description")
        parts: list[str | Content | tuple[str, str | Style]] = []
        room = self.size.width
        for binding in self._shown:
            key = f" {self.app.get_key_display(binding)} "
            description = f"{binding.description} "
            room -= len(key) + len(description)
            if room < 0:
                break
            parts.append((key, key_style))
            parts.append((description, text_style))
        return Content.assemble(*parts)
