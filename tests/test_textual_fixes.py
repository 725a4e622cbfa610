"""Each workaround in exback_tui.textual_fixes: still needed, and still working.

A test named `..._is_still_needed` fails when Textual has fixed the problem
itself (then delete the workaround); `..._works` fails when the workaround no
longer does its job (then fix it). Both kinds run on every Textual upgrade.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
import textual
from textual import events
from textual.app import App, ComposeResult
from textual.color import Color
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import Input, Static, TextArea

from exback_tui.textual_fixes import (
    TEXTUAL_VERSION,
    TEXTUALS_AWAIT_MOUNT,
    TEXTUALS_SIZE_UPDATED,
    TEXTUALS_WATCH_HAS_FOCUS,
    BreakpointsFromTheStart,
    InOrderInputApp,
    KeepsStylesWhileHidden,
    LateStylesheetsApp,
    NoFramesInABatch,
    OneLayoutPerSize,
    PrivateTracebackApp,
    clear_style_caches,
    focus_restyles_narrowly,
    forget_closed_watchers,
    layout_once,
    private_overrides,
    styled_alone_on_focus,
    without_controls,
)
from exback_tui.widgets.entry_text_area import EntryTextArea
from tests.ui.conftest import send_at_once

HOSTILE = "before\x1b]0;retitled\x07\x1b[31mred\x1b[0m after"


# The Screen and App fixes are plain mixins, not Textual classes --------------------------

MIXINS = (
    KeepsStylesWhileHidden,
    BreakpointsFromTheStart,
    NoFramesInABatch,
    OneLayoutPerSize,
    LateStylesheetsApp,
    PrivateTracebackApp,
    InOrderInputApp,
)
SCREEN_MIXINS = MIXINS[:4]


def test_the_mixins_are_not_textual_classes():
    """Making a Textual class costs time before the first frame (see `_Screen`)."""
    for mixin in MIXINS:
        assert not issubclass(mixin, DOMNode), mixin.__name__
        assert mixin.__mro__ == (mixin, object), mixin.__name__


def _all_subclasses(kind: type) -> set[type]:
    found = set(kind.__subclasses__())
    for sub in list(found):
        found |= _all_subclasses(sub)
    return found


def test_every_screen_and_app_lists_the_mixins_before_its_textual_base():
    """Listed after Screen or App, a mixin comes after it in the MRO: its overrides never run."""
    import exback_tui.app
    import exback_tui.screens

    for module in pkgutil.walk_packages(exback_tui.screens.__path__, "exback_tui.screens."):
        importlib.import_module(module.name)
    users = {user for mixin in MIXINS for user in _all_subclasses(mixin)}
    assert exback_tui.app.ExBackApp in users
    for user in users:
        mro = user.__mro__
        textual_base = Screen if issubclass(user, Screen) else App
        for mixin in MIXINS:
            if mixin in mro:
                assert mro.index(mixin) < mro.index(textual_base), (user, mixin)
        assert not {mixin.__name__ for mixin in MIXINS} & user._css_type_names


class AllScreenFixes(
    BreakpointsFromTheStart,
    NoFramesInABatch,
    OneLayoutPerSize,
    KeepsStylesWhileHidden,
    Screen[None],
):
    pass


def test_textual_finds_the_handlers_of_the_mixins():
    """Textual looks a handler up in each class of the MRO, the mixins too."""
    screen = AllScreenFixes()
    for event, mixin in (
        (events.Mount(), KeepsStylesWhileHidden),
        (events.ScreenResume(), KeepsStylesWhileHidden),
        (events.Idle(), NoFramesInABatch),
    ):
        handlers = screen._get_dispatch_methods(event.handler_name, event)
        assert [kind for kind, _ in handlers][:2] == [mixin, Screen], event


def test_written_for_the_installed_textual():
    """A new Textual: run this file, read each failure, then move TEXTUAL_VERSION on."""
    assert textual.__version__ == TEXTUAL_VERSION


def test_the_private_attributes_the_widgets_override_still_exist():
    for owner, name in private_overrides():
        assert hasattr(owner, name), f"{owner.__name__}.{name} is gone: see textual_fixes"


# Closed widgets that watched a reactive stay in its watcher list ----------------------


class Watched(App[None]):
    value: reactive[int] = reactive(0)

    def compose(self) -> ComposeResult:
        yield Static("here")


class Watcher(Widget):
    def on_mount(self) -> None:
        self.watch(self.app, "value", self.seen, init=False)

    def seen(self, value: int) -> None:
        pass


def _watchers_of(app: App[None]) -> list[object]:
    return [node for node, _ in getattr(app, "__watchers", {}).get("value", [])]


async def _closed_watcher(app: Watched) -> Watcher:
    watcher = Watcher()
    await app.screen.mount(watcher)
    await watcher.remove()
    return watcher


async def test_watchers_of_closed_widgets_are_still_kept_by_textual():
    """Still needed: Textual keeps a removed widget's watcher until the value next changes."""
    app = Watched()
    async with app.run_test() as pilot:
        watcher = await _closed_watcher(app)
        await pilot.pause()
        assert watcher in _watchers_of(app)


async def test_forget_closed_watchers_works():
    app = Watched()
    async with app.run_test() as pilot:
        watcher = await _closed_watcher(app)
        await pilot.pause()
        forget_closed_watchers(app)
        assert watcher not in _watchers_of(app)


# Textual's style cache keeps the widgets' caches after they are gone ------------------


def _style_cache_size() -> int:
    from textual._styles_cache import StylesCache

    return StylesCache.get_inner_outer.cache_info().currsize


async def test_the_style_cache_still_keeps_entries():
    """Still needed: drawing fills an lru_cache that outlives the widgets."""
    app = Watched()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert _style_cache_size() > 0


async def test_clear_style_caches_works():
    app = Watched()
    async with app.run_test() as pilot:
        await pilot.pause()
        clear_style_caches()
        assert _style_cache_size() == 0


# Textual's crash output shows every frame's local variables ---------------------------


def test_textual_still_prints_local_variables_on_a_crash():
    """Still needed: the user's text in a local variable would reach the terminal."""
    assert "show_locals=True" in inspect.getsource(App._fatal_error)


class Crashing(PrivateTracebackApp, App[None]):
    def on_mount(self) -> None:
        secret = "the words I wrote at 3am"
        raise ValueError(f"could not show {secret}")


async def test_the_private_traceback_works(capfd):
    app = Crashing()
    try:
        async with app.run_test() as pilot:
            await pilot.pause()
    except ValueError:
        pass
    out, err = capfd.readouterr()
    shown = out + err
    assert "ValueError" in shown and "on_mount" in shown
    assert "3am" not in shown


# TextArea draws control characters as they are ----------------------------------------


class Areas(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea(HOSTILE, id="plain")
        yield EntryTextArea(HOSTILE, id="ours")


def _drawn(area: TextArea) -> str:
    return "".join(segment.text for segment in area.render_line(0) if not segment.control)


async def test_textarea_still_draws_control_characters():
    """Still needed: an ESC in a TextArea's text reaches the terminal."""
    app = Areas()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "\x1b" in _drawn(app.query_one("#plain", TextArea))


async def test_without_controls_works():
    app = Areas()
    async with app.run_test() as pilot:
        await pilot.pause()
        drawn = _drawn(app.query_one("#ours", EntryTextArea))
        assert "\x1b" not in drawn and "\x07" not in drawn
        assert "before" in drawn and "red" in drawn
        strip = app.query_one("#plain", TextArea).render_line(0)
        assert without_controls(without_controls(strip)) == without_controls(strip)


# Keys sent back to back reach the widget that had focus before a Tab ------------------


class TwoFields(App[None]):
    """Two inputs; Enter in the first moves to the second, as the onboarding does."""

    def compose(self) -> ComposeResult:
        yield Input(id="first", select_on_focus=False)
        yield Input(id="second", select_on_focus=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "first":
            self.query_one("#second", Input).focus()


class TwoFieldsInOrder(InOrderInputApp, TwoFields):
    pass


async def _type_at_once(app: App[None]) -> tuple[str, str]:
    async with app.run_test() as pilot:
        await pilot.pause()
        send_at_once(app, "a", "tab", "b", "tab", "c", "enter", "d")
        for _ in range(20):
            await pilot.pause()
        return app.query_one("#first", Input).value, app.query_one("#second", Input).value


async def test_keys_sent_at_once_still_reach_the_wrong_field():
    """Still needed: Textual hands the key after a Tab or an Enter to the old field."""
    assert await _type_at_once(TwoFields()) != ("ac", "bd")


async def test_in_order_input_works():
    assert await _type_at_once(TwoFieldsInOrder()) == ("ac", "bd")


# Textual styles every widget of a screen again each time it is shown ------------------


class Shown(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("one", id="one")
        yield Static("two")


class ShownKeepingStyles(KeepsStylesWhileHidden, Shown):
    pass


class ShowsAgain(App[None]):
    CSS = "#one { color: $accent; }"  # in the App's stylesheet, as exback's are

    def __init__(self, kept: Screen[None]) -> None:
        super().__init__()
        self.kept = kept


async def _styled_when_shown_again(kept: Screen[None], *, new_theme: bool = False) -> list[str]:
    """The widgets of `kept` styled while it is shown the second time (after a theme change
    while it was hidden, with `new_theme`); and checks its styles are the theme's after."""
    from textual.css.stylesheet import Stylesheet

    app = ShowsAgain(kept)
    styled: list[str] = []
    apply = Stylesheet.apply

    def counting(self, node, **kwargs):  # noqa: ANN001, ANN003, ANN202 - Textual's signature
        if isinstance(node, Widget) and node.screen is kept:
            styled.append(node.id or type(node).__name__)
        return apply(self, node, **kwargs)

    async with app.run_test() as pilot:
        app.install_screen(kept, "kept")
        await app.push_screen(kept)
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        if new_theme:
            app.theme = "textual-light" if app.theme != "textual-light" else "nord"
            await pilot.pause()
        Stylesheet.apply = counting  # type: ignore[method-assign]
        try:
            await app.push_screen(kept)
            await pilot.pause()
        finally:
            Stylesheet.apply = apply  # type: ignore[method-assign]
        accent = Color.parse(app.get_css_variables()["accent"])
        assert kept.query_one("#one", Static).styles.color == accent
    return styled


async def test_textual_still_styles_a_kept_screen_again_when_it_is_shown():
    """Still needed: every widget of a screen shown again is styled again, unchanged or not."""
    assert "one" in await _styled_when_shown_again(Shown())


async def test_keeps_styles_while_hidden_works():
    assert await _styled_when_shown_again(ShownKeepingStyles()) == []


async def test_keeps_styles_while_hidden_styles_again_after_a_theme_change():
    assert "one" in await _styled_when_shown_again(ShownKeepingStyles(), new_theme=True)


# Gaining focus styles everything inside the focused widget again --------------------


class FocusedBody(App[None]):
    """A focusable body with children, focused by the test (not as the app starts)."""

    AUTO_FOCUS = None
    CSS = "#body:focus { background: red; }"

    def compose(self) -> ComposeResult:
        from textual.containers import VerticalScroll

        with styled_alone_on_focus(VerticalScroll(id="body")):
            yield Static("one", id="one")
            yield Static("two", id="two")


class FocusedBodyStylingInside(FocusedBody):
    """A rule styles a child by the body's focus: the children must be styled again."""

    CSS = "#body:focus { background: red; } #body:focus #one { color: green; }"


async def _styled_on_focus(app: FocusedBody) -> tuple[list[str], Color]:
    """The widgets styled as the body gains focus, and the colour of #one after."""
    from textual.css.stylesheet import Stylesheet

    styled: list[str] = []
    apply = Stylesheet.apply

    def counting(self, node, **kwargs):  # noqa: ANN001, ANN003, ANN202 - Textual's signature
        if isinstance(node, Widget):
            styled.append(node.id or type(node).__name__)
        return apply(self, node, **kwargs)

    async with app.run_test() as pilot:
        body = app.query_one("#body")
        Stylesheet.apply = counting  # type: ignore[method-assign]
        try:
            body.focus()
            await pilot.pause()
        finally:
            Stylesheet.apply = apply  # type: ignore[method-assign]
        assert body.styles.background == Color.parse("red")
        return styled, app.query_one("#one").styles.color


async def test_textual_still_styles_everything_inside_a_widget_that_gains_focus(monkeypatch):
    """Still needed: Textual's own watcher styles the children of the focused widget."""
    monkeypatch.setattr(Widget, "watch_has_focus", TEXTUALS_WATCH_HAS_FOCUS)
    styled, _ = await _styled_on_focus(FocusedBody())
    assert "one" in styled and "two" in styled


async def test_focus_restyles_narrowly_styles_the_focused_widget_alone(monkeypatch):
    monkeypatch.setattr(Widget, "watch_has_focus", TEXTUALS_WATCH_HAS_FOCUS)
    focus_restyles_narrowly()
    styled, _ = await _styled_on_focus(FocusedBody())
    assert styled == ["body"]


async def test_focus_restyles_narrowly_styles_inside_when_a_rule_needs_it(monkeypatch):
    monkeypatch.setattr(Widget, "watch_has_focus", TEXTUALS_WATCH_HAS_FOCUS)
    focus_restyles_narrowly()
    styled, colour = await _styled_on_focus(FocusedBodyStylingInside())
    assert "one" in styled
    assert colour == Color.parse("green")


# A screen's breakpoint classes, added on its first Resize, style every widget again ---


class WithBreakpoints(Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]

    def compose(self) -> ComposeResult:
        yield Static("one", id="one")
        yield Static("two", id="two")


class WithBreakpointsFromTheStart(BreakpointsFromTheStart, WithBreakpoints):
    """Listed first, as every mixin of textual_fixes: its methods come before Screen's."""


class OpensWithBreakpoints(App[None]):
    CSS = "WithBreakpoints.-wide #one { color: red; }"

    def __init__(self, kind: type[Screen[None]]) -> None:
        super().__init__()
        self.kind = kind

    def on_mount(self) -> None:
        self.push_screen(self.kind())


async def _styled_as_opened(kind: type[Screen[None]], size: tuple[int, int]) -> list[str]:
    """How often each widget of a `kind` screen is styled until it is shown; checks the
    classes and the style they give are those of `size`."""
    from textual.css.stylesheet import Stylesheet

    styled: list[str] = []
    apply = Stylesheet.apply

    def counting(self, node, **kwargs):  # noqa: ANN001, ANN003, ANN202 - Textual's signature
        if isinstance(node, Static):
            styled.append(node.id or "")
        return apply(self, node, **kwargs)

    app = OpensWithBreakpoints(kind)
    Stylesheet.apply = counting  # type: ignore[method-assign]
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.screen
            wide = size[0] >= 120
            assert screen.has_class("-wide") is wide and screen.has_class("-narrow") is not wide
            assert screen.has_class("-tall") is (size[1] >= 40)
            red = Color.parse("red")
            assert (screen.query_one("#one", Static).styles.color == red) is wide
    finally:
        Stylesheet.apply = apply  # type: ignore[method-assign]
    return styled


class WithoutBreakpoints(WithBreakpoints):
    HORIZONTAL_BREAKPOINTS = []
    VERTICAL_BREAKPOINTS = []


async def _styled_without_breakpoints() -> int:
    """How often #one is styled as a screen without breakpoints opens (the floor)."""
    app = OpensWithBreakpoints(WithoutBreakpoints)
    from textual.css.stylesheet import Stylesheet

    styled: list[str] = []
    apply = Stylesheet.apply

    def counting(self, node, **kwargs):  # noqa: ANN001, ANN003, ANN202 - Textual's signature
        styled.append(node.id or "")
        return apply(self, node, **kwargs)

    Stylesheet.apply = counting  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
    finally:
        Stylesheet.apply = apply  # type: ignore[method-assign]
    return styled.count("one")


async def test_textual_still_styles_a_screen_again_for_its_breakpoints():
    """Still needed: the first Resize adds the classes and styles every widget again."""
    styled = await _styled_as_opened(WithBreakpoints, (100, 30))
    assert styled.count("one") == await _styled_without_breakpoints() + 1


async def test_breakpoints_from_the_start_works():
    floor = await _styled_without_breakpoints()
    for size in ((100, 30), (130, 45)):
        styled = await _styled_as_opened(WithBreakpointsFromTheStart, size)
        assert styled.count("one") == floor and styled.count("two") == floor, size


# Frames drawn while the App holds updates back are thrown away ---------------------


class Opened(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("one", id="one")
        yield Static("two", id="two")


class OpenedWithoutFramesInABatch(NoFramesInABatch, Opened):
    pass


class OpensAtStart(App[None]):
    def __init__(self, kind: type[Screen[None]]) -> None:
        super().__init__()
        self.kind = kind

    def on_mount(self) -> None:
        self.push_screen(self.kind())


# Whether each frame `_frames_as_opened` saw waited for a timer's tick (or for the pilot).
by_timer: list[bool] = []


async def _frames_as_opened(kind: type[Screen[None]]) -> list[tuple[bool, bool]]:
    """(drawn inside a batch update, a full frame) for each frame drawn as the app starts."""
    from textual._compositor import Compositor

    frames: list[tuple[bool, bool]] = []
    drew_it_all: list[bool] = []
    by_timer.clear()
    render_update = Compositor.render_update
    full_update = Compositor.render_full_update

    def noting(self, full=False, screen_stack=None, simplify=False):  # noqa: ANN001, ANN202
        drew_it_all.clear()
        update = render_update(self, full, screen_stack, simplify)
        if update is not None:
            frames.append((bool(app._batch_count), bool(drew_it_all)))
            # A tick of the update timer, or the pilot's pause drawing what is pending.
            waited = ("timer.py", "pilot.py")
            by_timer.append(any(f.filename.endswith(waited) for f in inspect.stack()))
        return update

    def noting_full(self, simplify=False):  # noqa: ANN001, ANN202
        drew_it_all.append(True)
        return full_update(self, simplify)

    app = OpensAtStart(kind)
    Compositor.render_update = noting  # type: ignore[method-assign]
    Compositor.render_full_update = noting_full  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(60, 10)) as pilot:
            await pilot.pause()
            assert "one" in str(app.screen.query_one("#one", Static).render())
    finally:
        Compositor.render_update = render_update  # type: ignore[method-assign]
        Compositor.render_full_update = full_update  # type: ignore[method-assign]
    return frames


async def test_textual_still_draws_frames_it_throws_away_as_the_app_starts():
    """Still needed: a frame is drawn inside the start-up batch, where App._display drops it."""
    frames = await _frames_as_opened(Opened)
    assert any(in_batch for in_batch, _ in frames)


async def test_no_frames_in_a_batch_works():
    frames = await _frames_as_opened(OpenedWithoutFramesInABatch)
    assert frames, "nothing drawn"
    assert not any(in_batch for in_batch, _ in frames)
    assert frames[0][1], "the first frame drawn must be the whole screen"


# A screen is laid out again and again at one size before its first frame ------------------


class LaidOutOncePerSize(OneLayoutPerSize, Opened):
    pass


async def _layouts_as_opened(kind: type[Screen[None]]) -> tuple[list[Size], list[Size]]:
    """The sizes `kind` is laid out at as the app starts, and after the terminal grows."""
    from textual._compositor import Compositor

    sizes: list[Size] = []
    reflow = Compositor.reflow

    def noting(self, parent, size):  # noqa: ANN001, ANN202 - Textual's signature
        if isinstance(parent, kind):
            sizes.append(size)
        return reflow(self, parent, size)

    Compositor.reflow = noting  # type: ignore[method-assign]
    try:
        app = OpensAtStart(kind)
        async with app.run_test(size=(60, 10)) as pilot:
            await pilot.pause()
            assert "one" in str(app.screen.query_one("#one", Static).render())
            opened = list(sizes)
            await pilot.resize_terminal(70, 12)
            await pilot.pause()
            resized = sizes[len(opened) :]
            # A widget that grows is laid out again, whatever the screen's size did.
            app.screen.query_one("#two", Static).update("two\nlines")
            await pilot.pause()
            assert app.screen.query_one("#two").region.height == 2
    finally:
        Compositor.reflow = reflow  # type: ignore[method-assign]
    return opened, resized


@pytest.fixture
def textuals_layout(monkeypatch):
    """Textual's own layout requests, whether or not an ExBackApp made earlier in this
    process installed `layout_once`; `layout_once()` in a test is undone after it."""
    monkeypatch.setattr(Widget, "_size_updated", TEXTUALS_SIZE_UPDATED)
    monkeypatch.setattr(AwaitMount, "__await__", TEXTUALS_AWAIT_MOUNT)


async def test_textual_still_lays_a_screen_out_more_than_once_as_it_opens(textuals_layout):
    """Still needed: the screen's own Resize and the App's lay it out again at one size."""
    sizes, _ = await _layouts_as_opened(Opened)
    assert len(sizes) > 2 and set(sizes) == {Size(60, 10)}


async def test_one_layout_per_size_works(textuals_layout):
    sizes, resized = await _layouts_as_opened(LaidOutOncePerSize)
    # Once as it is shown, and once more that its widgets ask for as they learn their
    # size (see layout_once).
    assert sizes == [Size(60, 10)] * 2
    assert resized and set(resized) == {Size(70, 12)}


async def test_layout_once_works(textuals_layout):
    layout_once()
    sizes, resized = await _layouts_as_opened(LaidOutOncePerSize)
    # Once as it is shown; once at the new size; and (in `_layouts_as_opened`) once more
    # for a widget that grew.
    assert sizes == [Size(60, 10)]
    assert resized and set(resized) == {Size(70, 12)}


class Scrolled(Screen[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll(id="list"):
            yield Static("first")


class OpensScrolled(App[None]):
    CSS = "#list { height: 4; }"

    def on_mount(self) -> None:
        self.push_screen(type("ScrolledOnce", (OneLayoutPerSize, Scrolled), {})())


async def test_layout_once_still_lays_out_what_comes_later(textuals_layout):
    """A widget mounted after the layout is placed; a list that outgrows its height gets
    its scroll bar (virtual sizes are kept without a layout, scroll bars still ask)."""
    layout_once()
    app = OpensScrolled()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        listed = app.screen.query_one("#list", VerticalScroll)
        assert not listed.show_vertical_scrollbar
        await listed.mount_all([Static(f"line {n}") for n in range(8)])
        await pilot.pause()
        last = listed.children[-1]
        assert last in app.screen._compositor and last.size.height == 1
        assert listed.show_vertical_scrollbar and listed.max_scroll_y == 5
        await app.screen.mount(Static("below", id="below"))
        await pilot.pause()
        assert app.screen.query_one("#below").region.height == 1


class OpenedAsTheDashboard(NoFramesInABatch, OneLayoutPerSize, Opened):
    pass


async def test_no_frames_in_a_batch_draws_at_the_first_idle_moment():
    """Not at the next tick of the screen's update timer (the Resize that drew it at
    once before is no longer there to: see OneLayoutPerSize)."""
    frames = await _frames_as_opened(OpenedAsTheDashboard)
    assert frames and frames[0] == (False, True)
    assert by_timer[0] is False, "the first frame waited for a tick of the update timer"


# A screen is composed and mounted only as it is shown -------------------------------------


class Hidden(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("built", id="built")


async def test_textual_still_mounts_an_installed_screen_only_when_it_is_shown():
    """Still needed: installing a screen builds nothing (no public call mounts one hidden)."""
    app = App[None]()
    async with app.run_test() as pilot:
        hidden = Hidden()
        app.install_screen(hidden, "hidden")
        await pilot.pause()
        assert not hidden.is_mounted and not hidden.query("#built")


async def test_mount_hidden_works():
    from exback_tui.textual_fixes import mount_hidden

    app = App[None]()
    async with app.run_test() as pilot:
        shown = app.screen
        hidden = Hidden()
        app.install_screen(hidden, "hidden")
        await mount_hidden(app, hidden)
        assert hidden.is_mounted and hidden.query_one("#built", Static)
        assert app.screen is shown  # built, not shown
        await app.push_screen("hidden")
        await pilot.pause()
        assert app.screen is hidden and str(hidden.query_one("#built", Static).render()) == "built"
