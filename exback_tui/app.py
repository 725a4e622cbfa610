"""The exback App: screens, keys, theme and the stylesheet list. Nothing else lives here.

What the app shows and keeps current (today, the status, the program, the
journal, the save queue) is in `exback_tui.state`; the workarounds for Textual
are in `exback_tui.textual_fixes`.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding

from exback_tui import collector
from exback_tui.resources import styles_dir
from exback_tui.saving import AsksBeforeLosing, KeepsUnsaved, WritesDraftNow
from exback_tui.service import DamagedFile, NewerSchema, Status
from exback_tui.state import ProgramApp
from exback_tui.textual_fixes import LateStylesheetsApp, focus_restyles_narrowly, layout_once
from exback_tui.widgets.key_bar import SUPPORT_BINDING, KeyBar

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.command import Provider
    from textual.screen import Screen

    from exback_tui.domain.journal import Entry
    from exback_tui.screens.kept import KeptScreen
    from exback_tui.screens.paged import PagedScreen

# Read before the first paint: what the dashboard needs. focus.tcss stays last.
STYLESHEETS = (
    "app.tcss",
    "dashboard.tcss",
    "countdown.tcss",
    "checkin.tcss",
    "focus.tcss",
)

# Read once the dashboard is painted, or before any other screen opens: those whose
# rules style widgets more than one screen shows (not scoped by a screen type). None
# of their rules styles a widget of the dashboard (tests/ui/test_late_styles.py).
AFTER_FIRST_PAINT_STYLESHEETS = (
    "journal.tcss",
    "questions.tcss",
    "steps.tcss",
    "progress.tcss",
)

# Read when a screen of the type first opens (`textual_fixes.LateStylesheetsApp`):
# every rule in each starts with one of the types listed for it (tests/test_styles.py).
SCREEN_STYLESHEETS = {
    "OnboardingScreen": "onboarding.tcss",
    "ConfirmDialog": "confirm.tcss",
    "HelpScreen": "dialogs.tcss",
    "HideScreen": "dialogs.tcss",
    "PastCheckInDialog": "dialogs.tcss",
    "SlipDialog": "dialogs.tcss",
    "EntryEditorScreen": "editor.tcss",
    "FaqScreen": "faq.tcss",
    "UrgeScreen": "urge.tcss",
    "UrgeReturnDialog": "urge.tcss",
    "HardDatesScreen": "hard_dates.tcss",
    "DamagedFileScreen": "damaged.tcss",
    "SettingsScreen": "settings.tcss",
    "ReviewScreen": "review.tcss",
    "SupportScreen": "support.tcss",
}

PALETTE_BINDING = Binding("ctrl+p", "command_palette", "Palette", tooltip="Every screen and action")


def _program_commands() -> type[Provider]:
    """The palette's screens and actions, imported when the palette first opens."""
    from exback_tui.commands import ProgramCommands

    return ProgramCommands


# The modules each key's screen needs, imported one at a time while the app is idle once
# the journal shows, so a first press pays for building the screen only (importing the
# FAQ alone was about a third of its first open). Support first: it is the one that must
# never wait.
IMPORTED_AHEAD = (
    "exback_tui.domain.support",
    "exback_tui.screens.support",
    "exback_tui.screens.journal",
    "exback_tui.screens.entry_editor",
    "exback_tui.screens.questions",
    "exback_tui.screens.steps",
    "exback_tui.screens.urge",
    "exback_tui.screens.dialogs.help",
    "exback_tui.screens.faq",
    "exback_tui.screens.progress",
)


def _shown_path(path: Path) -> str:
    """`path` with the home folder written as ~, as people read it."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except ValueError:
        return str(path)


_UNSET = object()


class ExBackApp(LateStylesheetsApp, ProgramApp):
    """The full-screen coach: which screen opens first, the keys, and the screens they open.

    `service`, `clock`, `now`, `material` and `day_check_seconds` go to
    `ProgramApp`; tests pass a fixed clock and their own content folder.
    """

    TITLE = "exback"
    _support_country: object = _UNSET
    CSS_PATH = [styles_dir() / name for name in STYLESHEETS]
    LATE_STYLESHEETS = {kind: (styles_dir() / name,) for kind, name in SCREEN_STYLESHEETS.items()}
    AFTER_FIRST_PAINT = tuple(styles_dir() / name for name in AFTER_FIRST_PAINT_STYLESHEETS)
    FIRST_SCREENS = frozenset({"DashboardScreen"})
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_program_commands}
    PALETTE_BINDING = PALETTE_BINDING
    BINDINGS = [
        SUPPORT_BINDING,
        Binding("b", "questions", "Questions", tooltip="The four big questions"),
        Binding("s", "steps", "Steps", tooltip="The four steps"),
        Binding("j", "journal", "Journal"),
        Binding("n", "new_entry", "New entry"),
        Binding("u", "urge", "Urge", tooltip="I want to contact them"),
        Binding("f", "faq", "FAQ", tooltip="Common questions", show=False),
        Binding("p", "progress", "Progress", tooltip="How far you have come", show=False),
        Binding("question_mark", "help", "Keys"),
        # In a text field ? types: F1 is the help key there (the footer shows it).
        Binding("f1", "help", "Keys", show=False, priority=True),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+l", "hide", "Hide", priority=True),
        Binding("t", "today", "Today", show=False),
    ]

    # Seconds the exit after SIGHUP/SIGTERM may take before the process is ended
    # (None: never, as in tests that run the app inside their own process).
    exit_guard_seconds: float | None = None
    exit_guard: threading.Timer | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        focus_restyles_narrowly()
        layout_once()
        # Screens built once and shown again by their key (see `_show_kept`).
        self._kept_screens: dict[str, KeptScreen] = {}

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(collector.settle)  # after the first paint, whatever screen
        self._on_closing_terminal()
        if not self.started():
            from exback_tui.screens.onboarding import OnboardingScreen

            texts = self.material.text["onboarding"]
            self.push_screen(OnboardingScreen(texts, _shown_path(self.service.data_dir)))
        else:
            self._push_dashboard()

    def _push_dashboard(self) -> None:
        from exback_tui.screens.dashboard import DashboardScreen

        self.push_screen(DashboardScreen(self.material))
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Work that must not delay the first paint: the journal, and any unsaved draft."""
        from exback_tui.screens.dialogs.draft_offer import offer_draft
        from exback_tui.screens.urge import offer_urge_draft

        self.read_after_first_paint()
        self.load_journal()
        offer_urge_draft(self)
        offer_draft(self)

    def _set_journal(self, entries: tuple[Entry, ...]) -> None:
        super()._set_journal(entries)
        # Idle time once the journal shows (the dashboard's start-up is over by then).
        self.call_after_refresh(self._import_ahead, 0)

    def _import_ahead(self, index: int) -> None:
        """Import IMPORTED_AHEAD[index], then the next at the next idle moment (a key
        pressed meanwhile waits for one module at most)."""
        import importlib

        if index < len(IMPORTED_AHEAD):
            importlib.import_module(IMPORTED_AHEAD[index])
            self.call_after_refresh(self._import_ahead, index + 1)

    def _on_closing_terminal(self) -> None:
        """On SIGHUP (the terminal closed) or SIGTERM: keep what is typed, then exit.

        Without this the process ended at once and up to an autosave's worth
        of typing was lost. Nobody is there to answer a question: each screen
        writes its draft (the entry, the urge box) or saves its answers, then
        the app exits with 128 + the signal's number, as a shell reports it.
        """
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self._terminal_closing, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                return  # not the main thread (tests run the app elsewhere), or no signals

    def _terminal_closing(self, signum: int) -> None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, WritesDraftNow):
                screen.write_draft_now()
            if isinstance(screen, KeepsUnsaved):
                screen.keep_unsaved()
        self.run_worker(self._exit_after_saves(128 + signum), name="closing")

    async def _exit_after_saves(self, status: int) -> None:
        import os

        # A dead terminal must not keep a process (and the data lock) alive: if the
        # exit hangs on it, end here; every save is already whole on disk. Only
        # the real `exback` arms this (cli/tui.py), and stops it once `run` returns.
        if self.exit_guard_seconds is not None:
            self.exit_guard = threading.Timer(self.exit_guard_seconds, os._exit, (status,))
            self.exit_guard.daemon = True
            self.exit_guard.start()
        saves = [worker for worker in self.workers if worker.name != "closing"]
        if saves:  # (an empty list would mean "every worker", this one included)
            await self.workers.wait_for_complete(saves)
        self.exit(return_code=status)

    def journal_damaged(self, problem: DamagedFile | NewerSchema) -> None:
        """The journal can't be read: offer to start it fresh (moving the file aside)."""
        from exback_tui.screens.damaged import offer_fresh_start

        offer_fresh_start(self, problem)

    def show_dashboard(self, status: Status) -> None:
        """Leave onboarding for the dashboard, showing `status`."""
        from exback_tui.screens.dashboard import DashboardScreen

        self.status = status
        self.switch_screen(DashboardScreen(self.material))
        self.call_after_refresh(self.load_journal)

    async def action_quit(self) -> None:
        """Quit once every screen has saved what was typed and not yet saved.

        Text that could be kept nowhere (neither saved nor its draft written,
        as on a full disk) is not thrown away unasked: its screen asks first.
        """
        for screen in reversed(self.screen_stack):
            if isinstance(screen, KeepsUnsaved):
                screen.keep_unsaved()
        await self.workers.wait_for_complete()
        for screen in reversed(self.screen_stack):
            if isinstance(screen, AsksBeforeLosing) and not screen.kept_for_quit():
                screen.ask_before_quit(self.exit)
                return
        self.exit()

    def watch_theme(self, theme: str) -> None:
        """Remember the theme for next time (once the app is running)."""
        if self.is_running and theme != self.program.theme and self.program_problem is None:
            service = self.service
            self.saves.program(lambda: service.set_theme(theme))

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
        """Every key of the current screen and the app as (keys, description), one row per
        action: the screen's bindings that apply now, what its key bars list, the app's."""
        from exback_tui.widgets.key_bar import KeyBar

        screen = self.screen
        screen_keys = [
            b
            for b in screen.BINDINGS
            if isinstance(b, Binding) and b.show and screen.check_action(b.action, ()) is not False
        ]
        in_bars = [b for bar in screen.query(KeyBar) for b in bar.given]
        by_action: dict[str, tuple[list[str], str]] = {}
        for binding in [*screen_keys, *in_bars, *self.BINDINGS]:
            assert isinstance(binding, Binding)
            if not binding.action:
                continue
            described = binding.tooltip or binding.description
            keys, _ = by_action.setdefault(binding.action, ([], described))
            shown = self.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
        # "I'm not OK" first, wherever `?` is opened (care comes first).
        ordered = sorted(by_action.items(), key=lambda item: item[0] != "support")
        rows = [(" / ".join(keys), description) for _, (keys, description) in ordered]
        if PALETTE_BINDING.action not in by_action:
            rows.append((self.get_key_display(PALETTE_BINDING), "Every screen and action"))
        return rows

    def on_descendant_focus(self) -> None:
        """Focus moved: key bars show the support key only outside text fields."""
        for bar in self.screen.query(KeyBar):
            bar.refresh()

    def on_descendant_blur(self) -> None:
        self.on_descendant_focus()

    def action_support(self) -> None:
        """ "I'm not OK": the support page, over whatever is showing (Escape comes back)."""
        from exback_tui.domain.support import help_lines
        from exback_tui.screens.support import SupportScreen

        if isinstance(self.screen, SupportScreen):
            return
        material = self.material
        words = material.text["support"]
        lines = help_lines(material.help_lines, self.support_country, words)
        self.push_screen(SupportScreen(material.support_page, lines, words))

    def action_keeping_safe(self) -> None:
        """The "keeping yourself safe" page of the safety gate (Escape comes back)."""
        from exback_tui.screens.support import SupportScreen

        material = self.material
        if isinstance(self.screen, SupportScreen):
            return
        self.push_screen(SupportScreen(material.safety_page, (), material.text["support"]))

    @property
    def support_country(self) -> str | None:
        """The country whose help lines come first: the locale's (tests set their own)."""
        if self._support_country is _UNSET:
            import os

            from exback_tui.domain.care import country_from_locale

            self._support_country = country_from_locale(
                os.environ.get("LC_ALL"), os.environ.get("LC_MESSAGES"), os.environ.get("LANG")
            )
        return self._support_country  # type: ignore[return-value]

    @support_country.setter
    def support_country(self, country: str | None) -> None:
        self._support_country = country

    def action_hide(self) -> None:
        from exback_tui.screens.hide import HideScreen

        if not isinstance(self.screen, HideScreen):
            self.push_screen(HideScreen(self.material.text["hide"]["text"]))

    def action_journal(self) -> None:
        """Open the journal (after onboarding)."""
        from exback_tui.screens.journal import JournalScreen

        if self.started() and not isinstance(self.screen, JournalScreen):
            self.load_journal()
            self.push_screen(JournalScreen(self.material.text["journal"]))

    def action_new_entry(self) -> None:
        """Start a new journal entry from anywhere (after onboarding)."""
        from exback_tui.screens.entry_editor import EntryEditorScreen

        if self.started() and not isinstance(self.screen, EntryEditorScreen):
            self.load_journal()
            self.push_screen(EntryEditorScreen())

    def _open(self, screen: type[Screen[None]], make: Callable[[], Screen[None]]) -> None:
        """Show a screen made by `make` (after onboarding), unless one of its kind is showing."""
        if self.started() and not isinstance(self.screen, screen):
            self.push_screen(make())

    def action_questions(self, number: int | None = None) -> None:
        """The four big questions (or one of them)."""
        from exback_tui.screens.questions import QuestionsScreen

        self._open_numbered(QuestionsScreen, number)

    def action_steps(self, number: int | None = None) -> None:
        """The four steps (or one of them)."""
        from exback_tui.screens.steps import StepsScreen

        self._open_numbered(StepsScreen, number)

    def _open_numbered(self, screen_type: type[PagedScreen], number: int | None) -> None:
        """Open the overview or one page of it; already there, move to that page."""
        current = self.screen
        if isinstance(current, screen_type):
            if number is not None and number != current.number:
                current.action_open(number)
            return
        self._open(screen_type, lambda: self.paged_screen(screen_type, number))

    def paged_screen(self, screen_type: type[PagedScreen], number: int | None) -> PagedScreen:
        """The overview (None) or page `number` of `screen_type`, kept as `_show_kept` keeps
        a screen: built the first time, then told `opened_again`; a new one while the
        kept one is in the stack (under another screen)."""
        name = f"{screen_type.__name__}-{number or 0}"
        kept = self._kept_screens.get(name)
        if kept is None:
            kept = self._kept_screens[name] = screen_type(number, self.material)
            self.install_screen(kept, name)
            # It lives as long as the app: once drawn, out of the collector's later passes.
            self.call_after_refresh(collector.settle)
        elif kept in self.screen_stack:
            return screen_type(number, self.material)
        elif kept.is_mounted:  # (one built ahead may still be mounting: it opens as new)
            kept.opened_again()
        assert isinstance(kept, screen_type)
        return kept

    async def build_ahead(self, screen_type: type[PagedScreen], number: int) -> None:
        """Build and keep page `number` of `screen_type` without showing it (unless kept
        already), so its key shows it at once; returns once it is mounted."""
        from exback_tui.textual_fixes import mount_hidden

        name = f"{screen_type.__name__}-{number}"
        if name in self._kept_screens:
            return
        kept = self._kept_screens[name] = screen_type(number, self.material)
        self.install_screen(kept, name)
        await mount_hidden(self, kept)

    def action_faq(self) -> None:
        """The common questions."""
        from exback_tui.screens.faq import FaqScreen

        if self.started() and not isinstance(self.screen, FaqScreen):
            self._show_kept("faq", lambda: FaqScreen(self.material.faq, self.material.text["faq"]))

    def action_urge(self) -> None:
        """ "I want to contact them": the cooling-off box instead of the phone."""
        from exback_tui.screens.urge import UrgeScreen

        self._open(UrgeScreen, lambda: UrgeScreen(self.material))

    def action_progress(self) -> None:
        """Attempts, the check-in calendar and the trends (imported and built on first use,
        then kept: opening it again shows the same screen, drawn again only if out of date)."""
        from exback_tui.screens.progress import ProgressScreen

        if self.started() and not isinstance(self.screen, ProgressScreen):
            self._show_kept("progress", lambda: ProgressScreen(self.material.text["progress"]))

    def _show_kept(self, name: str, make: Callable[[], KeptScreen]) -> None:
        """Show the screen kept as `name`, built by `make` the first time it is asked for.

        Shown again, it is told `opened_again` first (so it opens as a new one would);
        when it is already open under another screen, a new one is shown instead, since
        a screen can't be in the stack twice.
        """
        kept = self._kept_screens.get(name)
        if kept is None:
            kept = self._kept_screens[name] = make()
            self.install_screen(kept, name)
        elif kept in self.screen_stack:
            self.push_screen(make())
            return
        else:
            kept.opened_again()
        self.push_screen(kept)

    def action_review(self) -> None:
        """The weekly review, whether or not it is due (from the palette)."""
        from exback_tui.screens.review import ReviewScreen

        if self.started():
            self.load_journal()
        self._open(ReviewScreen, lambda: ReviewScreen(self.material.text["review"]))

    def action_write_report(self) -> None:
        """Write the report to share into the home folder, and say where."""
        if not self.started():
            return
        from exback_tui.report import write_report_for

        texts = self.material.text["progress"]
        target = Path.home() / f"exback-report-{self.today.isoformat()}.html"
        service, status, today = self.service, self.status, self.today
        assert status is not None
        material, urges = self.material, self.program.urges

        def write() -> Path:
            entries = service.journal_entries()
            data = write_report_for(material, status.plan, status.checkins, entries, urges, today)
            service.write_export(target, data)
            return target

        def written(path: Path) -> None:
            self.notify(texts["report_written"].format(path=_shown_path(path)), markup=False)

        def failed(error: Exception) -> None:
            self.notify(
                texts["report_failed"].format(reason=str(error)), severity="error", markup=False
            )

        self.saves.run(write, written, failed)

    def action_hard_dates(self) -> None:
        """Birthdays, anniversaries and holidays that will be hard."""
        from exback_tui.screens.hard_dates import HardDatesScreen

        texts = self.material.text["hard_dates"]
        self._open(HardDatesScreen, lambda: HardDatesScreen(texts))

    def action_settings(self) -> None:
        """The settings (from the palette and from ?; no letter key of its own)."""
        from exback_tui.screens.settings import SettingsScreen

        texts = self.material.text["settings"]
        self._open(SettingsScreen, lambda: SettingsScreen(texts))

    def action_undo_slip(self) -> None:
        """Take back today's slip, after asking (from the palette)."""
        from exback_tui.screens.dialogs.slip import offer_undo_slip

        def said(message: str, error: bool) -> None:
            self.notify(message, severity="error" if error else "information", markup=False)

        if self.started():
            offer_undo_slip(self, said)

    def action_today(self) -> None:
        """Go back to the dashboard, closing the screens opened on top of it."""
        from exback_tui.screens.dashboard import DashboardScreen

        if not self.started():
            return
        if not any(isinstance(screen, DashboardScreen) for screen in self.screen_stack):
            self.switch_screen(DashboardScreen(self.material))
            return
        while not isinstance(self.screen, DashboardScreen):
            self.pop_screen()
