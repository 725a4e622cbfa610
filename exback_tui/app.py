"""The exback App: screens, keys, theme and the stylesheet list. Nothing else lives here.

What the app shows and keeps current (today, the status, the program, the
journal, the save queue) is in `exback_tui.state`; the workarounds for Textual
are in `exback_tui.textual_fixes`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from exback_tui.resources import styles_dir
from exback_tui.saving import KeepsUnsaved
from exback_tui.service import DamagedFile, NewerSchema, Status
from exback_tui.state import ProgramApp

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.command import Provider
    from textual.screen import Screen

    from exback_tui.screens.paged import PagedScreen

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
    "focus.tcss",
)

PALETTE_BINDING = Binding("ctrl+p", "command_palette", "Palette")


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


class ExBackApp(ProgramApp):
    """The full-screen coach: which screen opens first, the keys, and the screens they open.

    `service`, `clock`, `now`, `material` and `day_check_seconds` go to
    `ProgramApp`; tests pass a fixed clock and their own content folder.
    """

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
        # In a text field ? types: F1 is the help key there (the footer shows it).
        Binding("f1", "help", "Keys", show=False, priority=True),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+l", "hide", "Hide", priority=True),
        Binding("t", "today", "Today", show=False),
    ]

    def on_mount(self) -> None:
        super().on_mount()
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

        self.load_journal()
        offer_draft(self)

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
        """Quit once every screen has saved what was typed and not yet saved."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, KeepsUnsaved):
                screen.keep_unsaved()
        await self.workers.wait_for_complete()
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
        rows = [(" / ".join(keys), description) for keys, description in by_action.values()]
        rows.append((self.get_key_display(PALETTE_BINDING), "Every screen and action"))
        return rows

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
        self._open(screen_type, lambda: screen_type(number, self.material))

    def action_faq(self) -> None:
        """The common questions."""
        from exback_tui.screens.faq import FaqScreen

        self._open(FaqScreen, lambda: FaqScreen(self.material.faq, self.material.text["faq"]))

    def action_urge(self) -> None:
        """ "I want to contact them": the cooling-off box instead of the phone."""
        from exback_tui.screens.urge import UrgeScreen

        self._open(UrgeScreen, lambda: UrgeScreen(self.material))

    def action_hard_dates(self) -> None:
        """Birthdays, anniversaries and holidays that will be hard."""
        from exback_tui.screens.hard_dates import HardDatesScreen

        texts = self.material.text["hard_dates"]
        self._open(HardDatesScreen, lambda: HardDatesScreen(texts))

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
