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
from textual.widgets import Input, TextArea

PINNED_ID = "support"
# "I'm not OK": the app's key for the support page, shown first on every key bar.
SUPPORT_BINDING = Binding(
    "exclamation_mark", "support", "I'm not OK", key_display="!", id=PINNED_ID
)


class KeyBar(Widget):
    """Shows `key description` pairs for the Bindings passed in (those with show=True).

    Pairs that don't fit the width are left out whole, from the end: list the
    most useful keys first. `?` shows them all. SUPPORT_BINDING (the support
    page, "I'm not OK") comes first on every screen, unless focus is in a text
    field, where that key is typed.
    """

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}

    def __init__(
        self, bindings: Iterable[BindingType], *, id: str | None = None, pin: bool = True
    ) -> None:
        super().__init__(id=id)
        self._pin = pin
        self._shown: list[Binding] = []
        self.show_bindings(bindings)

    def show_bindings(self, bindings: Iterable[BindingType]) -> None:
        """Show these bindings instead (a screen whose keys changed)."""
        shown = [b for b in bindings if isinstance(b, Binding) and b.show and b.description]
        self._shown = [b for b in shown if b.id != PINNED_ID]
        self.refresh()

    def _pinned(self) -> list[Binding]:
        """The support key, unless focus is in a text field (which types the key).

        The app refreshes key bars when focus moves (ExBackApp.on_descendant_focus).
        """
        focused = self.screen.focused
        if not self._pin:
            return []
        if isinstance(focused, Input | TextArea) and not getattr(focused, "read_only", False):
            return []
        return [SUPPORT_BINDING]

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        text_style = self.get_visual_style("key-bar--description")
        parts: list[str | Content | tuple[str, str | Style]] = []
        room = self.size.width
        for binding in [*self._pinned(), *self._shown]:
            key = f" {self.app.get_key_display(binding)} "
            description = f"{binding.description} "
            room -= len(key) + len(description)
            if room < 0:
                break
            parts.append((key, key_style))
            parts.append((description, text_style))
        return Content.assemble(*parts)
