"""The shape the big questions and the steps share: an overview of four pages, then one
page at a time, showing the program's material and the user's state.

`PagedScreen(None, material)` is the overview (a `PageCard` per page);
`1`-`4` open a page, `[` and `]` go to the previous and next, Escape goes
back. Leaving a page (to another, or back) first saves what is typed there
(`keep_unsaved`). The screen follows the app's program, status and day in
its own reactives (the one place it reads them), and its widgets bind to
those; a checklist's ticks are saved here, where they are reported.
A subclass composes its overview and its pages, and lists its key bar.

Each page (and each overview) is built once and kept (`ExBackApp.paged_screen`):
shown again, it takes the app's state it missed while hidden (a hidden page
does no work when a save, a check-in or the day changes it), and opens as a
new one would, at the top with focus where the screen starts (docs/KEYS.md).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.reactive import reactive

from exback_tui import collector
from exback_tui.delays import DEFAULT_DELAYS
from exback_tui.domain.progress import EMPTY_PROGRAM, ProgramState
from exback_tui.domain.status import Status
from exback_tui.screens.kept import KeptScreen
from exback_tui.widgets.checklist import ChecklistView
from exback_tui.widgets.page_card import PageCard

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp
    from exback_tui.material import Material

# Four big questions, four steps: the program's structure, one module of tools per page.
PAGE_COUNT = 4

NAVIGATION: list[Binding] = [
    Binding("1", "open(1)", "Pick", key_display="1-4"),
    Binding("2", "open(2)", "Pick", show=False),
    Binding("3", "open(3)", "Pick", show=False),
    Binding("4", "open(4)", "Pick", show=False),
    Binding("left_square_bracket", "move(-1)", "Previous", key_display="["),
    Binding("right_square_bracket", "move(1)", "Next", key_display="]"),
    Binding("escape", "back", "Back", key_display="esc"),
]


class PagedScreen(KeptScreen):
    """The overview (`number` None) or page `number` (1-4) of a set of four pages."""

    if TYPE_CHECKING:
        app: ExBackApp

    # What one page is called, for the error about a page that does not exist.
    PAGE_NAME: ClassVar[str] = "pages"
    # The class set on the overview and on page N (the stylesheets follow them).
    PAGE_CLASS: ClassVar[str] = "-page"

    # The app's state, followed: what the user saved, the no-contact status, the day.
    program: reactive[ProgramState] = reactive(EMPTY_PROGRAM, init=False, always_update=True)
    status: reactive[Status | None] = reactive(None, init=False, always_update=True)
    today: reactive[date] = reactive(date.min, init=False)

    def __init__(self, number: int | None, material: Material) -> None:
        super().__init__(classes="-overview" if number is None else f"{self.PAGE_CLASS}-{number}")
        if number is not None and not 1 <= number <= PAGE_COUNT:
            raise ValueError(f"There are {PAGE_COUNT} {self.PAGE_NAME}, not {number}.")
        self.number = number
        self.material = material
        self.delays = DEFAULT_DELAYS
        # The app's state changed while this was hidden: taken when it shows again.
        self._behind = False
        # (The overview) every page is built and kept by the app.
        self._pages_built = False
        # Left by a key of its own, which saved what was typed (not again as it hides).
        self._saved_on_leaving = False

    def page(self, number: int) -> PagedScreen:
        """The screen of the same kind showing page `number` (kept by the app)."""
        return self.app.paged_screen(type(self), number)

    def compose(self) -> ComposeResult:
        self._follow_the_app()
        self._classes_for_size()
        yield from self.compose_page()

    def _classes_for_size(self) -> None:
        """Take the breakpoint classes for the app's size now, before anything inside is
        mounted: set by the first Resize instead, they styled the whole page again."""
        breakpoints = self.HORIZONTAL_BREAKPOINTS or []
        if breakpoints:
            wanted = self._get_breakpoint_classes(self.app.size.width, breakpoints)
            self.update_classes({name: name in wanted for _, name in breakpoints})

    def _build_pages_soon(self) -> None:
        """While the overview is read, build its pages one by one, so that each page's key
        shows a page already built (`delays.build_ahead` after it shows, if still shown)."""
        if self.number is not None or self._pages_built:
            return
        if self.delays.build_ahead <= 0:  # (a test's choice: at once)
            self.call_after_refresh(self._build_pages_if_shown)
        else:
            self.set_timer(self.delays.build_ahead, self._build_pages_if_shown)

    def _build_pages_if_shown(self) -> None:
        if self.app.screen is self and not self._pages_built:
            self.run_worker(self._build_pages_ahead(), group="pages-ahead", exclusive=True)

    async def _build_pages_ahead(self) -> None:
        # No collector pass while thousands of objects that live as long as the app are
        # made (at 10k entries, passes took half the time); then out of later passes.
        collector.hold()
        try:
            for number in range(1, PAGE_COUNT + 1):
                # A page opened (`is_current` is true under it too): it goes first.
                if self.app.screen is not self:
                    return
                if self.app.keys_waiting:  # keys first: a key waits for one page at most
                    self._build_pages_soon()
                    return
                await self.app.build_ahead(type(self), number)
            self._pages_built = True
        finally:
            collector.settle()

    def compose_page(self) -> ComposeResult:
        """The overview, or page `number`."""
        yield from ()

    def _follow_the_app(self) -> None:
        """Take the app's state (and its delays) and follow it from now on."""
        app = self.app
        self.delays = app.delays
        self.set_reactive(PagedScreen.program, app.program)
        self.set_reactive(PagedScreen.status, app.status)
        self.set_reactive(PagedScreen.today, app.today)
        self.watch(app, "program", self._take_program, init=False)
        self.watch(app, "status", self._take_status, init=False)
        self.watch(app, "today", self._take_today, init=False)

    def _take_program(self, program: ProgramState) -> None:
        if self.is_current:
            self.program = program
        else:
            self._behind = True

    def _take_status(self, status: Status | None) -> None:
        if self.is_current:
            self.status = status
        else:
            self._behind = True

    def _take_today(self, today: date) -> None:
        if self.is_current:
            self.today = today
        else:
            self._behind = True

    def catch_up(self) -> None:
        """Take the app's state missed while hidden (before the frame that shows it)."""
        if not self._behind:
            return
        self._behind = False
        app = self.app
        self.today = app.today
        self.status = app.status
        self.program = app.program

    def on_screen_resume(self) -> None:
        # Shown again (or a dialog over it closed): never one frame out of date.
        self.catch_up()
        self._build_pages_soon()

    def on_screen_suspend(self) -> None:
        # Put away other than by its own keys (the palette's Today, a dialog over it): what
        # is typed is saved now. A kept page is not closed, and not asked when the app quits.
        if not self._saved_on_leaving:
            self.keep_unsaved()
        self._saved_on_leaving = False

    def opened_again(self) -> None:
        """Shown again by its key: the state it missed, at the top, focus where it starts."""
        self.catch_up()
        for scroll in self.query(ScrollableContainer):
            scroll.scroll_home(animate=False, immediate=True)
        self.focus_start()

    def focus_start(self) -> None:
        """Focus where the screen starts (docs/KEYS.md): the first card on the overview,
        the page's scrolling body on a page."""
        if self.number is None:
            self.query_one(PageCard).focus()
        else:
            self.query_one(self.page_body()).focus()

    def page_body(self) -> str:
        """The selector of the page's scrolling body, where a page starts focused."""
        raise NotImplementedError

    def on_checklist_view_changed(self, event: ChecklistView.Changed) -> None:
        """Save a checklist's ticks as they are when the save runs (the last one wins)."""
        event.stop()
        view, service, today = event.view, self.app.service, self.today
        self.app.saves.program(
            lambda: service.save_checklist(view.save_as, view.ticked, today),
            lambda _: view.saved(),
            lambda error: view.say(str(error), error=True),
        )

    def keep_unsaved(self) -> None:
        """Save what is typed here and not saved yet (leaving the page, or the app quitting)."""

    # Moving ------------------------------------------------------------------------------

    def on_page_card_open(self, event: PageCard.Open) -> None:
        event.stop()
        self.action_open(event.number)

    def action_open(self, number: int) -> None:
        """Open page `number` (from the overview on top of it; from a page in its place)."""
        # Keys typed ahead while a screen opens must not open a second one.
        if number == self.number or not self.is_current:
            return
        self.keep_unsaved()
        self._saved_on_leaving = True
        if self.number is None:
            self.app.push_screen(self.page(number))
        else:
            self.app.switch_screen(self.page(number))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`[` on the first page and `]` on the last would go nowhere: off (and off the bar)."""
        if action == "move" and self.number is not None and parameters:
            step = parameters[0]
            if isinstance(step, int) and not 1 <= self.number + step <= PAGE_COUNT:
                return False
        return True

    def action_move(self, step: int) -> None:
        """The previous (-1) or next (1) page; from the overview, the last or the first."""
        if self.number is None:
            self.action_open(1 if step > 0 else PAGE_COUNT)
            return
        number = self.number + step
        if 1 <= number <= PAGE_COUNT:
            self.action_open(number)

    def action_back(self) -> None:
        """Back to where this was opened from."""
        if not self.is_current:
            return
        self.keep_unsaved()
        self._saved_on_leaving = True
        self.app.pop_screen()
