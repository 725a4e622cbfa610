"""The exback App: screens, keys, theme and the stylesheet list. Nothing else lives here."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.journal import Entry
from exback_tui.domain.progress import EMPTY_PROGRAM, ProgramState
from exback_tui.domain.status import status_for
from exback_tui.material import Material, shipped_material
from exback_tui.resources import styles_dir
from exback_tui.service import DamagedFile, ExBackService, NewerSchema, Status, StoreError

if TYPE_CHECKING:
    from textual.command import Provider

T = TypeVar("T")

STYLESHEETS = (
    "app.tcss",
    "onboarding.tcss",
    "dashboard.tcss",
    "countdown.tcss",
    "checkin.tcss",
    "dialogs.tcss",
    "editor.tcss",
    "confirm.tcss",
    "journal.tcss",
    "questions.tcss",
    "steps.tcss",
    "faq.tcss",
    "urge.tcss",
    "hard_dates.tcss",
    "damaged.tcss",
)

PALETTE_BINDING = Binding("ctrl+p", "command_palette", "Palette")

# The date is compared on this wall-clock tick rather than by sleeping until
# midnight: Textual's timers use the monotonic clock, which stops during suspend.
DAY_CHECK_SECONDS = 30.0


def _local_now() -> datetime:
    """The current local time, with its UTC offset."""
    return datetime.now().astimezone()


def _program_commands() -> type[Provider]:
    """The palette's screens and actions, imported when the palette first opens."""
    from exback_tui.commands import ProgramCommands

    return ProgramCommands


def _shown_path(path: Path) -> str:
    """`path` with the home folder written as ~, as people read it."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except ValueError:
        return str(path)


class ExBackApp(App[None]):
    """The full-screen coach. `clock` gives today's local date; tests pass a fixed one."""

    TITLE = "exback"
    CSS_PATH = [styles_dir() / name for name in STYLESHEETS]
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_program_commands}
    PALETTE_BINDING = PALETTE_BINDING
    BINDINGS = [
        Binding("b", "questions", "Questions", tooltip="The four big questions"),
        Binding("s", "steps", "Steps", tooltip="The four steps"),
        Binding("j", "journal", "Journal"),
        Binding("n", "new_entry", "New entry"),
        Binding("u", "urge", "Urge", tooltip="I want to contact them"),
        Binding("f", "faq", "FAQ", tooltip="Common questions", show=False),
        Binding("question_mark", "help", "Keys"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+l", "hide", "Hide", priority=True),
        Binding("t", "today", "Today", show=False),
    ]

    today: reactive[date] = reactive(date.min, init=False)
    status: reactive[Status | None] = reactive(None, init=False, always_update=True)
    # Every journal entry (deleted ones too), newest first; None until loaded.
    journal: reactive[tuple[Entry, ...] | None] = reactive(None, init=False, always_update=True)
    # The user's answers, ticks, quiz results and logs in the program.
    program: reactive[ProgramState] = reactive(EMPTY_PROGRAM, init=False, always_update=True)

    def __init__(
        self,
        service: ExBackService,
        *,
        clock: Callable[[], date] = date.today,
        day_check_seconds: float = DAY_CHECK_SECONDS,
        now: Callable[[], datetime] | None = None,
        material: Material | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.now = now if now is not None else _local_now
        self._journal_requested = False
        # The program's content; each kind is read on first use.
        self.material = material if material is not None else shipped_material()
        self._program_problem: StoreError | None = None
        self._day_check_seconds = day_check_seconds
        self._save_lock = threading.Lock()
        today = clock()
        self.set_reactive(ExBackApp.today, today)
        self.set_reactive(ExBackApp.status, service.status(today))
        try:
            program = service.program()
        except StoreError as error:  # shown once the screen is up; every save will refuse too
            self._program_problem = error
        else:
            self.set_reactive(ExBackApp.program, program)
            if program.theme in self.available_themes:
                self.theme = program.theme

    def on_mount(self) -> None:
        self.set_interval(self._day_check_seconds, self.check_day, name="day-check")
        if self._program_problem is not None:
            self._report_store_problem(self._program_problem)
        if self.status is not None and self.status.plan is None:
            from exback_tui.screens.onboarding import OnboardingScreen

            texts = self.material.text["onboarding"]
            self.push_screen(OnboardingScreen(texts, _shown_path(self.service.data_dir)))
        else:
            self._push_dashboard()

    def _push_dashboard(self) -> None:
        from exback_tui.screens.dashboard import DashboardScreen

        self.push_screen(DashboardScreen())
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Work that must not delay the first paint: the journal, and any unsaved draft."""
        from exback_tui.screens.dialogs.draft_offer import offer_draft

        self.load_journal()
        offer_draft(self)

    def load_journal(self) -> None:
        """Open the journal off the UI thread, once; `journal` is set when it is ready."""
        if self._journal_requested:
            return
        self._journal_requested = True
        today, service = self.today, self.service

        def load() -> tuple[Entry, ...]:
            service.purge_expired(today)
            return tuple(service.journal_entries())

        def failed(error: Exception) -> None:
            self._journal_requested = False
            if isinstance(error, (DamagedFile, NewerSchema)):
                from exback_tui.screens.damaged import offer_fresh_start

                offer_fresh_start(self, error)
                return
            self.notify(
                str(error),
                title="The journal can't be opened",
                severity="error",
                markup=False,
                timeout=30,
            )

        self.run_save(load, self._set_journal, failed)

    def _set_journal(self, entries: tuple[Entry, ...]) -> None:
        self.journal = entries

    def entry_changed(self, entry: Entry) -> None:
        """Show a saved, deleted or restored entry everywhere (call on the UI thread)."""
        from exback_tui.domain.journal import newest_first

        current = self.journal or ()
        self.journal = tuple(newest_first([*(e for e in current if e.id != entry.id), entry]))

    def entries_removed(self, entry_ids: set[str]) -> None:
        """Forget entries deleted for good."""
        self.journal = tuple(e for e in (self.journal or ()) if e.id not in entry_ids)

    def show_dashboard(self, status: Status) -> None:
        """Leave onboarding for the dashboard, showing `status`."""
        from exback_tui.screens.dashboard import DashboardScreen

        self.status = status
        self.switch_screen(DashboardScreen())
        self.call_after_refresh(self.load_journal)

    def check_day(self) -> None:
        """Move to the new day if the wall-clock date has changed."""
        today = self.clock()
        if today != self.today:
            self.today = today
        self._forget_closed_watchers()

    def _forget_closed_watchers(self) -> None:
        """Let go of closed screens and widgets that watched the app's reactives.

        Textual drops a watcher of a closed widget only when the reactive next
        changes, so each journal visit (watching `journal`) and each editor
        (its TextArea watches `theme`, holding the entry's whole text) stayed
        in memory until then. Pruned here, on the day-check tick.
        """
        for watchers in getattr(self, "__watchers", {}).values():
            watchers[:] = [
                (node, callback)
                for node, callback in watchers
                if not (getattr(node, "_closing", False) or getattr(node, "_closed", False))
            ]
        # Textual 8's StylesCache.get_inner_outer is an lru_cache on a method: it
        # keeps the last 1,024 widgets' style caches, rendered lines and all,
        # alive after the widgets are gone. Emptying it costs a few Style objects.
        from textual._styles_cache import StylesCache

        cache_clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
        if cache_clear is not None:
            cache_clear()

    async def on_event(self, event: events.Event) -> None:
        # The tick runs on the monotonic clock, which stops while the machine
        # sleeps: after waking, a key pressed before the next tick would
        # otherwise act on yesterday (a check-in replacing yesterday's). So the
        # date is brought up to date before any key, click or paste is handled.
        if isinstance(event, (events.Key, events.MouseDown, events.Paste)):
            self.check_day()
        await super().on_event(event)

    def watch_today(self, today: date) -> None:
        if self.status is not None:
            self.status = status_for(self.status.plan, self.status.checkins, today)

    # Privacy (REL2) -----------------------------------------------------------------

    def _fatal_error(self) -> None:
        """Exit after an unhandled exception, showing a traceback that holds no user text.

        Textual's own (a Rich traceback with show_locals=True) would print the
        local variables of every frame, journal text included; see exback_tui.crash.
        """
        import sys

        from rich.text import Text

        from exback_tui.crash import private_crash_report

        self.bell()
        error = sys.exc_info()[1] or self._exception
        self._exit_renderables.append(Text(private_crash_report(error), no_wrap=False))
        self._close_messages_no_wait()

    # ---------------------------------------------------------------------------------

    def run_save(
        self,
        call: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """Run a save off the UI thread, one at a time; report back on the UI thread.

        Refused input and storage errors go to `failed` (shown beside the
        field); anything else is a bug and ends the app with a traceback.
        """

        def work() -> None:
            with self._save_lock:
                try:
                    result = call()
                except (InvalidInput, StoreError) as error:
                    self.call_from_thread(failed, error)
                    return
            self.call_from_thread(done, result)

        self.run_worker(work, thread=True, group="save", name="save")

    def save_program(
        self,
        call: Callable[[], ProgramState],
        done: Callable[[ProgramState], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run a program change off the UI thread; `program` follows the saved state.

        Without `failed`, a refused change is shown as a notification.
        """

        def saved(state: ProgramState) -> None:
            self.program = state
            if done is not None:
                done(state)

        self.run_save(call, saved, failed if failed is not None else self._report_store_problem)

    def save_now(self, call: Callable[[], ProgramState]) -> None:
        """Save on this thread, in turn with the worker saves: for a screen that is closing."""
        with self._save_lock:
            self.program = call()

    async def action_quit(self) -> None:
        """Quit once every screen has saved what was typed and not yet saved."""
        for screen in reversed(self.screen_stack):
            keep = getattr(screen, "keep_unsaved", None)
            if keep is not None:
                keep()
        await self.workers.wait_for_complete()
        self.exit()

    def _report_store_problem(self, error: Exception) -> None:
        self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=30)

    def watch_theme(self, theme: str) -> None:
        """Remember the theme for next time (once the app is running)."""
        if self.is_running and theme != self.program.theme and self._program_problem is None:
            self.save_program(lambda: self.service.set_theme(theme))

    def action_help(self) -> None:
        from exback_tui.screens.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self._global_keys(), self.material.text["help"]))

    def get_system_commands(self, screen):  # noqa: ANN001, ANN201 - Textual's signature
        """Of Textual's own palette commands keep only the theme picker; ours cover the rest."""
        for command in super().get_system_commands(screen):
            if command.title == "Theme":
                yield command

    def _global_keys(self) -> list[tuple[str, str]]:
        """The app's and the current screen's keys as (keys, description), one row per action."""
        screen_keys = [b for b in self.screen.BINDINGS if isinstance(b, Binding) and b.show]
        by_action: dict[str, tuple[list[str], str]] = {}
        for binding in [*self.BINDINGS, *screen_keys]:
            assert isinstance(binding, Binding)
            described = binding.tooltip or binding.description
            keys, _ = by_action.setdefault(binding.action, ([], described))
            keys.append(self.get_key_display(binding))
        rows = [(" / ".join(keys), description) for keys, description in by_action.values()]
        rows.append((self.get_key_display(PALETTE_BINDING), "Every screen and action"))
        return rows

    def action_hide(self) -> None:
        from exback_tui.screens.hide import HideScreen

        if not isinstance(self.screen, HideScreen):
            self.push_screen(HideScreen(self.material.text["hide"]["text"]))

    def _started(self) -> bool:
        return self.status is not None and self.status.plan is not None

    def action_journal(self) -> None:
        """Open the journal (after onboarding)."""
        from exback_tui.screens.journal import JournalScreen

        if self._started() and not isinstance(self.screen, JournalScreen):
            self.load_journal()
            self.push_screen(JournalScreen())

    def action_new_entry(self) -> None:
        """Start a new journal entry from anywhere (after onboarding)."""
        from exback_tui.screens.entry_editor import EntryEditorScreen

        if self._started() and not isinstance(self.screen, EntryEditorScreen):
            self.load_journal()
            self.push_screen(EntryEditorScreen())

    def _open(self, screen_type: type, *args: object) -> None:
        """Show a program screen (after onboarding), unless it is already showing."""
        if self._started() and not isinstance(self.screen, screen_type):
            self.push_screen(screen_type(*args))

    def action_questions(self, number: int | None = None) -> None:
        """The four big questions (or one of them)."""
        from exback_tui.screens.questions import QuestionsScreen

        self._open_numbered(QuestionsScreen, number)

    def action_steps(self, number: int | None = None) -> None:
        """The four steps (or one of them)."""
        from exback_tui.screens.steps import StepsScreen

        self._open_numbered(StepsScreen, number)

    def _open_numbered(self, screen_type: type, number: int | None) -> None:
        """Open the overview or one page of it; already there, move to that page."""
        if isinstance(self.screen, screen_type):
            if number is not None and number != self.screen.number:
                self.screen.action_open(number)
            return
        self._open(screen_type, number)

    def action_faq(self) -> None:
        """The common questions."""
        from exback_tui.screens.faq import FaqScreen

        self._open(FaqScreen)

    def action_urge(self) -> None:
        """ "I want to contact them": the cooling-off box instead of the phone."""
        from exback_tui.screens.urge import UrgeScreen

        self._open(UrgeScreen)

    def action_hard_dates(self) -> None:
        """Birthdays, anniversaries and holidays that will be hard."""
        from exback_tui.screens.hard_dates import HardDatesScreen

        self._open(HardDatesScreen)

    def action_today(self) -> None:
        """Go back to the dashboard, closing the screens opened on top of it."""
        from exback_tui.screens.dashboard import DashboardScreen

        if not self._started():
            return
        if not any(isinstance(screen, DashboardScreen) for screen in self.screen_stack):
            self.switch_screen(DashboardScreen())
            return
        while not isinstance(self.screen, DashboardScreen):
            self.pop_screen()
