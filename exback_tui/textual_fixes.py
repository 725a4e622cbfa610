"""Every place exback works around Textual, written for Textual 8.2.8 (TEXTUAL_VERSION).

Each fix reaches into Textual's internals or patches its behaviour, so each
has a test in tests/test_textual_fixes.py that fails when Textual no longer
needs it (then delete it) or when it stops working (then fix it). After a
Textual upgrade, read those tests' failures before anything else.

The Screen and App fixes are mixins: Screen or App subclasses for the type
checker, plain classes at run time (making a Textual class costs time before
the first frame). A screen or app lists them before its Textual base class,
`class X(NoFramesInABatch, Screen[None])`, so that their methods come first
in its MRO. Textual finds their handlers (`on_mount`, `_on_screen_resume`,
`_on_idle`) all the same, in each class of the MRO, and never takes their
names as CSS type names.

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
- `InOrderInputApp`: Textual posts each key to the focused widget's queue
  and runs non-priority bindings (Tab, a screen's keys) only when the key
  has bubbled back to the App, so keys sent back to back (tmux send-keys, a
  fast typist, a paste after a Tab) reach the widget that had focus before
  the earlier keys moved it: "5 Tab 8 Enter" on the check-in gave mood 8.
  Ours hands each key (and paste) along the focus chain in the App's own
  task, one at a time, and lets what it caused (messages, focus callbacks)
  settle before the next one, so every key acts where the keys before it
  left focus. A zero-width joiner (and other joining format characters)
  sent as a key into a text field is handed over as text: Textual's Input
  and TextArea drop it (Key.is_printable is False), splitting ZWJ emoji.
- `KeepsStylesWhileHidden`: Textual styles every widget of a screen again
  each time the screen is shown (`ScreenResume.refresh_styles`, always set
  by `push_screen`), in case the theme or the CSS changed while it was
  hidden. For a screen just built, or kept and shown again with nothing
  changed, that is a second styling pass of every widget and component
  class for nothing: about half the time to open Progress again. Ours skips
  it while the App's CSS generation (its private `_css_update_count`, moved
  on by every theme and CSS change) and the App's classes are those the
  screen was last styled for.
- `LateStylesheetsApp`: Textual reads a screen's own `CSS_PATH` by parsing
  every stylesheet again and restyling every widget of the app, so every
  sheet was read at start-up: about 23 ms of parsing before the first frame,
  of which the dashboard needs 6. Ours parses a screen's sheets alone when a
  screen of that type first opens and restyles that screen only. It takes a
  sheet only if every rule in it starts with one of its screens' types (a
  test checks the shipped ones), so it can style nothing else, whenever it
  comes. Its `AFTER_FIRST_PAINT` sheets (rules for widgets that several
  screens show) are read once the first screen is painted, or before any
  other screen is styled, whichever comes first. Overrides the private
  `App._load_screen_css`.
- `focus_restyles_narrowly`: Textual styles a widget and every widget inside
  it again each time it gains or loses focus (`Widget.watch_has_focus`), in
  case a rule like `X:focus Y` styles what is inside. Our pages focus their
  scrolling body as they open, so the whole page (hundreds of widgets) was
  styled a second time on every page key. For the widgets marked with
  `styled_alone_on_focus` ours styles the subtree only when some rule of
  the stylesheet does depend on the focus of a widget of that kind around
  another one; otherwise the widget alone (its own component classes
  included, as `Y:focus > .y--part` needs). Opt-in: some of Textual's
  widgets (a DataTable sized `auto`) are laid out by that second pass.
- `BreakpointsFromTheStart`: Textual gives a screen its breakpoint classes
  (`-narrow`, `-tall`...) on its first Resize, after every widget has been
  mounted and styled, and a class added to the screen styles all of them
  again: the dashboard's 39 widgets were styled twice before the first
  frame. Ours gives the screen the classes of the terminal's size as it is
  made, so that Resize finds nothing to change. Uses the private
  `Screen._get_breakpoint_classes` to pick them as Textual does.
- `NoFramesInABatch`: while the App starts up it holds updates back (a
  batch update) and `App._display` throws away any frame drawn then; yet a
  layout refresh inside the batch still draws one (`Screen._refresh_layout`
  calls `_compositor_refresh` later in the batch), which also clears what
  was dirty, so the first frame shown after it is partial and a second full
  one follows: the dashboard was drawn whole twice, and in part once,
  before its first whole frame reached the terminal. Ours draws nothing inside a batch and
  the whole screen, once, at the first idle moment after it ends (not at the
  next tick of the screen's update timer, which waited up to 1/60 s with
  nothing to do). Overrides the private `Screen._compositor_refresh` and
  calls the private `Screen._on_timer_update`.
- `OneLayoutPerSize`: a screen lays itself out as it is first shown, and
  that layout posts the screen a Resize of its own, which lays it all out
  again; the App's Resize for the terminal's size, handed on at the next idle
  moment, does it once more. Its widgets, learning their sizes from the
  first layout, also ask for one: the dashboard was laid out three times at
  the same size before its first frame. Ours lays a screen out on a Resize
  only when the size differs from the one it was last laid out at. Its
  widgets' contents, set as it is mounted, ask for a layout too, and those
  requests reach the screen after its first layout has placed them as they
  are: ours lets that first layout answer them (and any request made of the
  screen before a layout). Overrides the private `Screen._screen_resized`,
  `_refresh_layout` and `_on_layout`, and reads `Screen._compositor` and
  `Widget._layout_updates`. With `layout_once`, the dashboard is laid out
  once before its first frame.
- `layout_once`: after a screen's first layout, Textual lays it all out
  again before its first frame, for two requests that layout itself
  answered: every widget, told its size by the layout, sets its virtual
  size from it, a reactive that asks for a layout; and the awaitable of
  the screen's mount, done just after the layout that placed it, asks for
  one too. Ours keeps the virtual size a layout gives without asking for
  another (scroll bars that come or go still ask, as before), and a mount
  asks only if a widget it mounted is not yet placed on its screen. Patches
  the private `Widget._size_updated` and `AwaitMount.__await__`. A widget
  whose height depends on its component styles must ask for a layout when
  they change (Textual only repaints it): see `Countdown.refresh`.
- `mount_hidden`: Textual composes and mounts a screen only as it is pushed
  or switched to. A page built ahead of its key (while its overview is
  read) is mounted without being shown through the private
  `App._get_screen`, which is what `push_screen` calls.
- `private_overrides`: the private Textual methods exback's widgets override
  (SafeInput draws Input's value without control characters; EntryTextArea
  refuses an insertion past its cap before TextArea makes it).
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections import deque
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rich.segment import Segment
from textual import events, messages
from textual._callback import invoke
from textual._context import NoActiveAppError
from textual.app import App
from textual.dom import NoScreen
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import AwaitMount, Widget

from exback_tui.domain.text import printable

if TYPE_CHECKING:
    from collections.abc import Awaitable, Generator, Mapping
    from pathlib import Path

    from textual.dom import DOMNode
    from textual.geometry import Size
    from textual.message_pump import MessagePump
    from textual.screen import Screen

TEXTUAL_VERSION = "8.2.8"

WidgetType = TypeVar("WidgetType", bound=Widget)

# The base of the Screen and App mixins below: the Textual class for the type
# checker, a plain object at run time. Making a subclass of a Textual class
# walks its MRO and dir() (DOMNode, Widget and App.__init_subclass__), about
# 0.3 ms each, and this module is imported before the first frame. List the
# mixins before the Textual class they go with: `class X(Mixin, Screen[None])`.
if TYPE_CHECKING:
    _Screen = Screen[Any]
    _App = App[Any]
else:
    _Screen = _App = object


def private_overrides() -> tuple[tuple[type[Any], str], ...]:
    """The (Textual class, private attribute) pairs exback's widgets override or call.

    A function, so that importing this module does not import the widgets.
    """
    from textual import events
    from textual.screen import Screen
    from textual.scroll_view import ScrollView
    from textual.widget import Widget
    from textual.widgets import Input, TextArea

    return (
        (Input, "_value"),
        (Input, "_position_to_cell"),
        (Input, "_cell_offset_to_index"),
        (Input, "_suggestion"),
        (Input, "_cursor_visible"),
        (TextArea, "_replace_via_keyboard"),
        (App, "_check_bindings"),
        (App, "_load_screen_css"),
        (Widget, "_get_dispatch_methods"),
        (Widget, "_message_queue"),
        (events.Key, "_stop_propagation"),
        (events.Key, "_no_default_action"),
        (events.Key, "_set_forwarded"),
        (Screen, "_clear_tooltip"),
        (Screen, "_on_screen_resume"),
        (Screen, "_get_breakpoint_classes"),
        (Screen, "_compositor_refresh"),
        (Screen, "_on_timer_update"),
        (Screen, "_screen_resized"),
        (Screen, "_refresh_layout"),
        (Screen, "_on_layout"),
        (Widget, "_size_updated"),
        (ScrollView, "_size_updated"),
        (App, "_update_mouse_over"),
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


class KeepsStylesWhileHidden(_Screen):
    """A screen that is styled again when shown only if the styles may have changed."""

    _styled_for: tuple[int, int, frozenset[str]] | None = None

    def _styles_now(self) -> tuple[int, int, frozenset[str]] | None:
        """What the styles depend on outside the screen (None: unknown, always style)."""
        app = self.app
        generation = getattr(app, "_css_update_count", None)
        if generation is None:
            return None
        return (generation, len(app.stylesheet.source), frozenset(app.classes))

    def on_mount(self) -> None:
        # Mounting styled every widget just now with the App's stylesheet; CSS of the
        # screen's own is read only as it is first shown, so then that showing styles.
        if not (self.CSS or self.CSS_PATH):
            self._styled_for = self._styles_now()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual calls this before Screen's own handler (each class's handler in the
        # MRO runs in turn): that one restyles only if `refresh_styles` is still set.
        now = self._styles_now()
        if event.refresh_styles and now is not None and self._styled_for == now:
            event.refresh_styles = False
        self._styled_for = now


class BreakpointsFromTheStart(_Screen):
    """A screen made with the breakpoint classes of the terminal's size (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        try:
            size = self.app.size
        except NoActiveAppError:
            return  # made outside an app: Textual adds them on the first Resize
        self.add_class(*breakpoint_classes(self, size.width, size.height), update=False)


class NoFramesInABatch(_Screen):
    """A screen that draws no frame while the App holds updates back (see the module)."""

    _frame_held = False

    def _compositor_refresh(self) -> None:
        if self.app._batch_count:
            # App._display would throw the frame away: draw it all once the batch ends
            # (a repaint asked for is what brings the first idle moment after it here).
            self._frame_held = True
            self._repaint_required = True
            return
        if self._frame_held:
            # The whole screen now, in this one frame: the repaint is done by it.
            self._frame_held = False
            self._repaint_required = False
            self._compositor.update_widgets({self})
        super()._compositor_refresh()

    async def _on_idle(self, event: events.Idle) -> None:
        # Textual would resume the screen's update timer and draw at its next tick, up
        # to 1/60 s later: the held frame is drawn at the first idle moment instead.
        # (Screen's own `_on_idle` runs after this one and finds nothing left to do.)
        if self._frame_held and self.is_current and not self.app._batch_count:
            self._on_timer_update()


class OneLayoutPerSize(_Screen):
    """A screen laid out on a Resize only when its size changed, and once as it is first
    shown (see the module)."""

    # Each widget's count of layouts asked for, as the screen's first layout placed it.
    _first_layout_took: dict[Widget, int] | None = None

    def _screen_resized(self, size: Size) -> None:
        if self._compositor.size == size:
            return
        super()._screen_resized(size)

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        first = not self._compositor.widgets
        if first:
            took = {widget: widget._layout_updates for widget in self.walk_children(Widget)}
        # A layout asked of the screen before this one is this one (Textual clears the
        # request only after a layout at its update timer's tick, not one as it is shown).
        self._layout_required = False
        super()._refresh_layout(size, scroll)
        self._first_layout_took = took if first else None

    async def _on_layout(self, message: messages.Layout) -> None:
        # A widget's request made before the screen's first layout, arriving after it:
        # that layout placed the widget as it is (nothing was laid out before it).
        took = self._first_layout_took
        widget = message.widget
        if took is not None and took.get(widget, -1) == widget._layout_updates:
            message.stop()
            message.prevent_default()


def breakpoint_classes(screen: Screen[Any], width: int, height: int) -> set[str]:
    """The breakpoint classes Textual gives `screen` at `width` x `height` (Screen._on_resize)."""
    app = screen.app
    across = screen.HORIZONTAL_BREAKPOINTS
    down = screen.VERTICAL_BREAKPOINTS
    across = (app.HORIZONTAL_BREAKPOINTS if across is None else across) or []
    down = (app.VERTICAL_BREAKPOINTS if down is None else down) or []
    return {
        *screen._get_breakpoint_classes(width, across),
        *screen._get_breakpoint_classes(height, down),
    }


def mount_hidden(app: App[Any], screen: Screen[Any]) -> Awaitable[None]:
    """Compose and mount `screen` (installed) without showing it; await it to wait for it
    to be mounted. Shown later, it is laid out and drawn only."""
    _, mounted = app._get_screen(screen)
    return mounted


class LateStylesheetsApp(_App):
    """An App that parses a screen's stylesheets when a screen of its type first opens.

    `LATE_STYLESHEETS` maps a screen's class name (or a base class's) to its
    sheets; every rule in them must start with one of the types that name them.
    """

    LATE_STYLESHEETS: ClassVar[Mapping[str, tuple[Path, ...]]] = {}

    # Read once the first screen is painted (`read_after_first_paint`), or before any
    # screen not named in FIRST_SCREENS is styled, whichever comes first. No rule in
    # them may style a widget of the first screens (a test checks it): those are not
    # styled again when they come.
    AFTER_FIRST_PAINT: ClassVar[tuple[Path, ...]] = ()
    FIRST_SCREENS: ClassVar[frozenset[str]] = frozenset()
    _read_after_first_paint = False

    def _load_screen_css(self, screen: Screen[Any]) -> None:
        if type(screen) is not Screen and type(screen).__name__ not in self.FIRST_SCREENS:
            self.read_after_first_paint()
        load_late_stylesheets(self, screen)
        super()._load_screen_css(screen)

    def read_after_first_paint(self) -> None:
        """Add and parse the AFTER_FIRST_PAINT sheets (once), the last start-up sheet
        kept last, as it was read: its rules still win ties with theirs."""
        if self._read_after_first_paint or not self.AFTER_FIRST_PAINT:
            return
        self._read_after_first_paint = True
        sheet = self.stylesheet
        # Keyed as Stylesheet.read keys it.
        last = os.path.abspath(os.path.expanduser(self.css_path[-1])) if self.css_path else None
        kept = {key: css for key, css in sheet.source.items() if key[0] == last}
        for key in kept:
            del sheet.source[key]
        for path in self.AFTER_FIRST_PAINT:
            sheet.read(path)
        sheet.source.update(kept)
        sheet.parse()


def late_stylesheets_for(app: LateStylesheetsApp, screen: Screen[Any]) -> list[Path]:
    """The sheets `screen`'s type (or a base type) has in `app.LATE_STYLESHEETS`."""
    found: list[Path] = []
    for kind in type(screen).__mro__:
        for path in app.LATE_STYLESHEETS.get(kind.__name__, ()):
            if path not in found:
                found.append(path)
    return found


def load_late_stylesheets(app: LateStylesheetsApp, screen: Screen[Any]) -> None:
    """Add and parse the sheets of `screen` not read yet, then restyle `screen` alone.

    `parse` takes the sheets read before from the stylesheet's cache, so only
    the new ones are parsed. The widgets already shown keep their styles: no
    new rule can match them (each starts with a screen type they are not in).
    """
    sheet = app.stylesheet
    wanted = late_stylesheets_for(app, screen)
    new = [path for path in wanted if not sheet.has_source(str(path), "")]
    if not new:
        return
    for path in new:
        sheet.read(path)
    sheet.parse()
    sheet.update(screen)


TEXTUALS_WATCH_HAS_FOCUS = Widget.watch_has_focus
FOCUS_STYLES_ITSELF = "_exback_focus_styles_itself"


def styled_alone_on_focus(widget: WidgetType) -> WidgetType:
    """Mark `widget` (a page's scrolling body) to be styled alone when its focus changes."""
    setattr(widget, FOCUS_STYLES_ITSELF, True)
    return widget


_ABOVE_FOCUS_CACHE: dict[int, tuple[Any, list[Any]]] = {}


def _focus_selectors_above(stylesheet: Any) -> list[Any]:
    """The selectors with :focus that some rule puts around (not on) the widget it styles,
    component classes (`.x--part`, styled with their widget) left out."""
    rules = stylesheet.rules
    cached = _ABOVE_FOCUS_CACHE.get(id(stylesheet))
    if cached is not None and cached[0] is rules:
        return cached[1]
    found = []
    for rule in rules:
        for selector_set in rule.selector_set:
            *around, last = selector_set.selectors
            if "--" in last.name and len(around) == 1:
                continue  # `Widget:focus > .widget--part`: a part of the widget itself
            found += [s for s in around if s.pseudo_classes & {"focus", "focus-within"}]
    _ABOVE_FOCUS_CACHE.clear()  # one stylesheet per app: keep the latest only
    _ABOVE_FOCUS_CACHE[id(stylesheet)] = (rules, found)
    return found


def _watch_has_focus(self: Widget, _has_focus: bool) -> None:
    if not getattr(self, FOCUS_STYLES_ITSELF, False):
        TEXTUALS_WATCH_HAS_FOCUS(self, _has_focus)
        return
    try:
        app = self.app
    except NoActiveAppError:
        return
    stylesheet = app.stylesheet
    if self._nodes and any(s._check(self) for s in _focus_selectors_above(stylesheet)):
        app.update_styles(self)
    else:
        stylesheet.update_nodes([self], animate=True)


def focus_restyles_narrowly() -> None:
    """For a widget marked with `styled_alone_on_focus`: style only it on a focus change,
    unless a rule styles what is inside it by its focus."""
    Widget.watch_has_focus = _watch_has_focus  # type: ignore[method-assign]


TEXTUALS_SIZE_UPDATED = Widget._size_updated
TEXTUALS_AWAIT_MOUNT = AwaitMount.__await__


def _size_updated(
    self: Widget, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
) -> bool:
    # The virtual size comes from the layout that is calling: kept, with no new layout
    # asked for. (A change of scroll bars still asks for one: `_scroll_update`.)
    return TEXTUALS_SIZE_UPDATED(self, size, virtual_size, container_size, layout=False)


def _await_mount(self: AwaitMount) -> Generator[None, None, None]:
    # Textual's AwaitMount.__await__, but for the layout it asks for.
    async def await_mount() -> None:
        if self._widgets:
            waits: list[asyncio.Task[bool]] = [
                asyncio.create_task(widget._mounted_event.wait(), name="await mount")
                for widget in self._widgets
            ]
            await asyncio.wait(waits)
            parent = self._parent
            try:
                screen = parent.screen
            except NoScreen:
                parent.refresh(layout=True)
                return
            # Placed by a layout since they were mounted (a screen's first, as it is
            # shown): then there is nothing new to lay out.
            if not all(widget in screen._compositor for widget in self._widgets):
                parent.refresh(layout=True)
            parent.app._update_mouse_over(screen)

    return await_mount().__await__()


def layout_once() -> None:
    """Lay a screen out again only for what its last layout has not placed yet."""
    Widget._size_updated = _size_updated  # type: ignore[method-assign]
    AwaitMount.__await__ = _await_mount  # type: ignore[method-assign]


class PrivateTracebackApp(_App):
    """An App whose crash output holds no user text (see exback_tui.crash)."""

    def _fatal_error(self) -> None:
        """Exit after an unhandled exception, showing a traceback without local variables."""
        from rich.text import Text

        from exback_tui.crash import private_crash_report

        self.bell()
        error = sys.exc_info()[1] or self._exception
        self._exit_renderables.append(Text(private_crash_report(error), no_wrap=False))
        self._close_messages_no_wait()


def joins_text(character: str | None) -> bool:
    """Whether `character` is a format character that holds text together (ZWJ, ZWNJ, ...).

    Textual's Key.is_printable is False for them (str.isprintable says so),
    so Input and TextArea drop them: a family emoji (woman ZWJ woman ZWJ girl)
    typed or sent key by key became three separate emoji. Bidi controls are
    format characters too but are not let through: they only change how text
    reads (and `printable` strips them for display anyway).
    """
    import unicodedata

    if character is None or len(character) != 1:
        return False
    return unicodedata.category(character) == "Cf" and character not in _BIDI_CONTROLS


_BIDI_CONTROLS = frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
)


# How many times the next key waits for the last one's consequences to settle
# (a Submitted message moving focus, a pushed screen focusing its first
# field) before it is handled anyway. A bound, so a widget that keeps posting
# (a blinking cursor) never holds the keys up for long.
SETTLE_ROUNDS = 50


class InOrderInputApp(_App):
    """An App that handles keys and pastes strictly one after another (see the module doc).

    Keys and pastes wait in `_held`. One is handled when the app is calm: no
    message waiting in the App's queue (Widget.focus() is a callback there)
    nor in any widget of the current screen. Then the next is let in by a
    callback queued behind whatever that key caused.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: deque[events.Key | events.Paste] = deque()
        self._release_queued = False
        self._rounds = 0

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._held.append(event)
            if not self._release_queued:
                await self._release()
            return
        await super().on_event(event)

    @property
    def keys_waiting(self) -> bool:
        """Whether keys (or pastes) are waiting their turn: work that can wait should."""
        return bool(self._held)

    def _queue_release(self) -> None:
        self._release_queued = True
        self.call_later(self._release)

    async def _release(self) -> None:
        """Handle the next held key if the app is calm, else look again after what is queued."""
        self._release_queued = False
        if not self._held:
            return
        if not self._calm() and self._rounds < SETTLE_ROUNDS:
            self._rounds += 1
            # The App's queue never waits while it has messages, so the widgets'
            # tasks only run if this one yields.
            await asyncio.sleep(0)
            self._queue_release()
            return
        self._rounds = 0
        event = self._held.popleft()
        if isinstance(event, events.Key) and joins_text(event.character):
            event = self._as_typed_text(event)
        if isinstance(event, events.Key):
            await self._handle_key(event)
        else:
            await self._hand_along(event)
        self._queue_release()

    def _as_typed_text(self, key: events.Key) -> events.Key | events.Paste:
        """A joiner typed into a text field, as the text it is (Textual drops it as a key)."""
        from textual.widgets import Input, TextArea

        if isinstance(self.focused, (Input, TextArea)) and key.character is not None:
            return events.Paste(key.character)
        return key

    def _calm(self) -> bool:
        """Nothing waiting: not in the App's queue, nor in the current screen's widgets."""
        if self._message_queue.qsize() or not self.screen_stack:
            return not self.screen_stack
        nodes = self.screen.walk_children(with_self=True)
        return all(node._message_queue.empty() for node in nodes)

    async def _handle_key(self, event: events.Key) -> None:
        """What App.on_event does with a key from the terminal, but handing it along now."""
        if not self.app_focus:
            self.app_focus = True
        maximized = self.screen.maximized is not None
        if maximized and event.key == "escape" and self.escape_to_minimize:
            self.screen.minimize()
            return
        if self.focused is not None:
            self.screen._clear_tooltip()
        if not await self._check_bindings(event.key, priority=True):
            await self._hand_along(event)

    async def _hand_along(self, event: events.Key | events.Paste) -> None:
        """Let the focused widget, then each of its parents, then the App handle `event`.

        What Textual's bubbling does, but now, in this task: the next key
        waits until this one has acted.
        """
        event._set_forwarded()
        node: MessagePump | None = self.focused or self.screen
        while node is not None and node is not self:
            if not node.is_attached:
                return
            event._no_default_action = False
            with node.prevent(*event._prevent):
                for _, method in node._get_dispatch_methods(event.handler_name, event):
                    await invoke(method, event)
            if event._stop_propagation:
                return
            node = node._parent
        event._no_default_action = False
        await self._on_message(event)  # the App's own handlers: its non-priority bindings
