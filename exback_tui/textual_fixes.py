"""Every place exback works around Textual, written for Textual 8.2.8 (TEXTUAL_VERSION).

Each fix reaches into Textual's internals or patches its behaviour, so each
has a test in tests/test_textual_fixes.py that fails when Textual no longer
needs it (then delete it) or when it stops working (then fix it). After a
Textual upgrade, read those tests' failures before anything else.

- `forget_closed_watchers`: Textual drops a watcher of a closed widget only
  when the watched reactive next changes; until then the closed screen (and
  an editor's whole text) stays in memory. Prunes Textual's private
  `__watchers` lists.
- `clear_style_caches`: Textual's `StylesCache.get_inner_outer` (in the
  private `textual._styles_cache`) is an lru_cache on a method that keeps the
  last 1,024 widgets' style caches alive after they are gone.
- `PrivateTracebackApp`: Textual's `App._fatal_error` prints a Rich traceback
  with show_locals=True, which would put the user's journal text on the
  terminal after a crash; ours prints `exback_tui.crash.private_crash_report`.
- `without_controls`: TextArea draws its text as it is, so an ESC or OSC
  sequence pasted into it would reach the terminal.
- `private_overrides`: the private Textual methods exback's widgets override
  (SafeInput draws Input's value without control characters; EntryTextArea
  refuses an insertion past its cap before TextArea makes it).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TypeVar

from rich.segment import Segment
from textual.app import App
from textual.strip import Strip

from exback_tui.domain.text import printable

if TYPE_CHECKING:
    from textual.dom import DOMNode

TEXTUAL_VERSION = "8.2.8"

ReturnType = TypeVar("ReturnType")


def private_overrides() -> tuple[tuple[type[Any], str], ...]:
    """The (Textual class, private attribute) pairs exback's widgets override or call.

    A function, so that importing this module does not import the widgets.
    """
    from textual.widgets import Input, TextArea

    return (
        (Input, "_value"),
        (Input, "_position_to_cell"),
        (Input, "_cell_offset_to_index"),
        (Input, "_suggestion"),
        (Input, "_cursor_visible"),
        (TextArea, "_replace_via_keyboard"),
    )


def forget_closed_watchers(node: DOMNode) -> None:
    """Let go of closed screens and widgets that watch `node`'s reactives."""
    watchers: dict[str, list[tuple[Any, Any]]] = getattr(node, "__watchers", {})
    for found in watchers.values():
        found[:] = [
            (watcher, callback)
            for watcher, callback in found
            if not (getattr(watcher, "_closing", False) or getattr(watcher, "_closed", False))
        ]


def clear_style_caches() -> None:
    """Let go of the style caches (rendered lines and all) of widgets that are gone."""
    from textual._styles_cache import StylesCache

    cache_clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if cache_clear is not None:
        cache_clear()


def without_controls(strip: Strip) -> Strip:
    """`strip` with terminal control characters taken out of its text.

    Control characters take no cells, so removing them moves nothing on screen.
    """
    if all(segment.control or segment.text.isprintable() for segment in strip):
        return strip
    return Strip(
        [
            segment
            if segment.control
            else Segment(printable(segment.text, multiline=True), segment.style)
            for segment in strip
        ]
    )


class PrivateTracebackApp(App[ReturnType]):
    """An App whose crash output holds no user text (see exback_tui.crash)."""

    def _fatal_error(self) -> None:
        """Exit after an unhandled exception, showing a traceback without local variables."""
        from rich.text import Text

        from exback_tui.crash import private_crash_report

        self.bell()
        error = sys.exc_info()[1] or self._exception
        self._exit_renderables.append(Text(private_crash_report(error), no_wrap=False))
        self._close_messages_no_wait()
