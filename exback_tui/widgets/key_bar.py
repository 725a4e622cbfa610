"""A one-line list of the keys that matter on a screen.

Textual's Footer rebuilds itself whenever focus or bindings change, which
cost about 60 ms of exback's start-up; a screen's keys here are few and
fixed, so this draws them once from the bindings it is given.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget


class KeyBar(Widget):
    """Shows `key description` pairs for the bindings passed in (those with show=True)."""

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}

    def __init__(self, bindings: Iterable[Binding], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._bindings = [b for b in bindings if b.show and b.description]

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        text_style = self.get_visual_style("key-bar--description")
        parts: list[str | tuple[str, object]] = []
        for binding in self._bindings:
            parts.append((f" {self.app.get_key_display(binding)} ", key_style))
            parts.append((f"{binding.description} ", text_style))
        return Content.assemble(*parts)
