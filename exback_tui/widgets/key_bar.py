"""A one-line list of the keys that act where focus is now (the footer).

Textual's Footer rebuilds a widget per key whenever focus or bindings change,
which cost about 60 ms of exback's start-up; this bar draws one line of text
and redraws it when focus moves. The model it follows is docs/KEYS.md:

- first the keys of the focused widget and its containers (shown ones only),
- then the screen's keys, Escape where it goes back, and `?`,
- then the app's keys, as many as fit (the rest are in `?`),
- never a key that would not act: a printable key while a text field has
  focus (it types), or a key whose action the screen has turned off.

A key in the bar can be clicked: it runs the same action.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

if TYPE_CHECKING:
    from collections.abc import Mapping

    from textual.binding import ActiveBinding

# Keys the bar always keeps room for: going back, and every key (`?`, or F1
# where a text field takes `?`).
ALWAYS_SHOWN = ("escape", "question_mark", "f1")

# Named keys that type a character into a text field.
_TYPED_NAMES = {
    "space",
    "question_mark",
    "slash",
    "exclamation_mark",
    "left_square_bracket",
    "right_square_bracket",
    "minus",
    "plus",
}


PINNED_ID = "support"
# "I'm not OK": the app's key for the support page, shown first on every key bar
# (unless focus is in a text field, where `!` types; the palette has it there).
SUPPORT_BINDING = Binding(
    "exclamation_mark", "support", "I'm not OK", key_display="!", id=PINNED_ID
)


def types_in_a_field(key: str) -> bool:
    """Whether `key` (a binding's key) would type a character in a focused text field."""
    return len(key) == 1 or key in _TYPED_NAMES


def is_text_field(widget: Widget | None) -> bool:
    """Whether `widget` keeps every printable key (an Input or a TextArea).

    TextArea is not imported to ask: it costs about 5 ms, and the dashboard's
    first paint draws this bar before any screen with one has been opened. Until
    its module is loaded, no widget can be a TextArea.
    """
    from textual.widgets import Input

    if isinstance(widget, Input):
        return True
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


class KeyBar(Widget):
    """Shows `key description` pairs: the focused widget's, then those passed in.

    The bindings passed in are the screen's bar in order (the screen's own and
    the app's); Escape and `?` are moved before the app's keys so they show at
    80 columns. Pairs that don't fit are left out whole, from the end.
    """

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}

    def __init__(
        self, bindings: Iterable[BindingType], *, id: str | None = None, pin: bool = True
    ) -> None:
        """`pin`: show SUPPORT_BINDING first (not on the support page itself)."""
        super().__init__(id=id)
        self._pin = pin
        self._given: list[Binding] = []
        # (first cell, last cell, binding) of each pair drawn, for clicks.
        self._spans: list[tuple[int, int, Binding]] = []
        self.show_bindings(bindings)

    def show_bindings(self, bindings: Iterable[BindingType]) -> None:
        """Show these bindings instead (a screen whose keys changed)."""
        self._given = [b for b in bindings if isinstance(b, Binding) and b.show and b.description]
        self.refresh()

    @property
    def given(self) -> list[Binding]:
        """The bindings this bar was given (what `?` lists for the screen)."""
        return list(self._given)

    def on_mount(self) -> None:
        # Textual publishes this whenever focus moves or the bindings change.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_updated)

    def _bindings_updated(self, _screen: object) -> None:
        self.refresh()

    def shown(self) -> list[Binding]:
        """The bindings that act where focus is now, in the order the bar lists them."""
        focused = self.screen.focused
        in_field = is_text_field(focused)
        app_keys = {id(b) for b in self.app.BINDINGS if isinstance(b, Binding)}
        chain: list[Binding] = []
        node: Widget | None = focused
        while node is not None and node is not self.screen:
            for bindings in node._bindings.key_to_bindings.values():
                chain.extend(b for b in bindings if b.show and b.description)
            node = node.parent if isinstance(node.parent, Widget) else None
        given = [b for b in self._given if b not in chain and b.id != PINNED_ID]
        if self._pin and not in_field:
            chain.insert(0, SUPPORT_BINDING)
        screen_keys = [b for b in given if id(b) not in app_keys]
        leading = [b for b in screen_keys if b.key not in ("escape", "question_mark")]
        back_and_help = [b for b in given if b.key in ("escape", "question_mark")]
        app_rest = [b for b in given if id(b) in app_keys and b not in back_and_help]
        ordered = [*chain, *leading, *back_and_help, *app_rest]
        help_key = "f1" if in_field else "question_mark"
        app_help = [b for b in self.app.BINDINGS if isinstance(b, Binding) and b.key == help_key]
        if in_field:
            # `?` types here; the help key that still acts takes its place.
            ordered = [app_help[0] if b.key == "question_mark" and app_help else b for b in ordered]
        if app_help and not any(b.key in ("question_mark", "f1") for b in ordered):
            # Help is always listed, also where the screen's bar leaves it out.
            ordered.append(app_help[0])
        seen: set[str] = set()
        result = []
        # Textual builds this map anew on every read, walking the focus chain: once here.
        active = self.screen.active_bindings
        for binding in ordered:
            if binding.key in seen:
                continue
            if in_field and types_in_a_field(binding.key) and binding not in chain:
                continue
            if not _acts(binding, active):
                continue
            seen.add(binding.key)
            result.append(binding)
        return result

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        text_style = self.get_visual_style("key-bar--description")
        shown = self.shown()
        widths = [self._width(binding) for binding in shown]
        # Escape (back) and `?` always show: the room they need is kept for them.
        kept = sum(w for b, w in zip(shown, widths, strict=True) if b.key in ALWAYS_SHOWN)
        room = self.size.width - kept
        fitting = []
        for binding, width in zip(shown, widths, strict=True):
            if binding.key in ALWAYS_SHOWN:
                fitting.append(binding)
            elif width <= room:
                room -= width
                fitting.append(binding)
        parts: list[str | Content | tuple[str, str | Style]] = []
        self._spans = []
        at = 0
        for binding in fitting:
            key = f" {self.app.get_key_display(binding)} "
            description = f"{binding.description} "
            parts.append((key, key_style))
            parts.append((description, text_style))
            width = len(key) + len(description)
            self._spans.append((at, at + width, binding))
            at += width
        return Content.assemble(*parts)

    def _width(self, binding: Binding) -> int:
        return len(f" {self.app.get_key_display(binding)} {binding.description} ")

    async def on_click(self, event: events.Click) -> None:
        """A click on a pair runs its key's action, as pressing the key would."""
        for start, end, binding in self._spans:
            if start <= event.x < end:
                event.stop()
                await self._press(binding)
                return

    async def _press(self, binding: Binding) -> None:
        active = self.screen.active_bindings.get(binding.key)
        if active is not None and active.enabled:
            await self.app.run_action(active.binding.action, active.node)
        elif not binding.action:
            # A hint with no action of its own (Enter: next field): act as the key would.
            self.app.simulate_key(binding.key)


def _acts(binding: Binding, active: Mapping[str, ActiveBinding]) -> bool:
    """Whether pressing the key now would run `binding`, given the screen's `active`
    bindings (or, for a hint with no action of its own, whether the screen says so)."""
    if not binding.action:
        return True
    now = active.get(binding.key)
    if now is None:
        return False
    return now.enabled and now.binding.action == binding.action
