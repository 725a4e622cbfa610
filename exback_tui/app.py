"""The exback App: screens, keys, theme and the stylesheet list. Nothing else lives here."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from exback_tui.content import Content, shipped_content
from exback_tui.domain.errors import InvalidInput
from exback_tui.resources import styles_dir
from exback_tui.service import ExBackService, Status, status_from_state
from exback_tui.store.errors import StoreError
from exback_tui.store.snapshot import PlanState

T = TypeVar("T")

STYLESHEETS = (
    "app.tcss",
    "onboarding.tcss",
    "dashboard.tcss",
    "countdown.tcss",
    "checkin.tcss",
    "dialogs.tcss",
)

PALETTE_BINDING = Binding("ctrl+p", "command_palette", "Palette")

# The date is compared on this wall-clock tick rather than by sleeping until
# midnight: Textual's timers use the monotonic clock, which stops during suspend.
DAY_CHECK_SECONDS = 30.0


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
    PALETTE_BINDING = PALETTE_BINDING
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Keys"),
        Binding("ctrl+l", "hide", "Hide", priority=True),
        Binding("t", "today", "Today", show=False),
    ]

    today: reactive[date] = reactive(date.min, init=False)
    status: reactive[Status | None] = reactive(None, init=False, always_update=True)

    def __init__(
        self,
        service: ExBackService,
        *,
        clock: Callable[[], date] = date.today,
        content: Content | None = None,
        day_check_seconds: float = DAY_CHECK_SECONDS,
    ) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.content = content if content is not None else shipped_content()
        self._day_check_seconds = day_check_seconds
        self._save_lock = threading.Lock()
        today = clock()
        self.set_reactive(ExBackApp.today, today)
        self.set_reactive(ExBackApp.status, service.status(today))

    def on_mount(self) -> None:
        self.set_interval(self._day_check_seconds, self.check_day, name="day-check")
        if self.status is not None and self.status.plan is None:
            from exback_tui.screens.onboarding import OnboardingScreen

            texts = self.content.ui["onboarding"]
            self.push_screen(OnboardingScreen(texts, _shown_path(self.service.data_dir)))
        else:
            self._push_dashboard()

    def _push_dashboard(self) -> None:
        from exback_tui.screens.dashboard import DashboardScreen

        self.push_screen(DashboardScreen())

    def show_dashboard(self, status: Status) -> None:
        """Leave onboarding for the dashboard, showing `status`."""
        from exback_tui.screens.dashboard import DashboardScreen

        self.status = status
        self.switch_screen(DashboardScreen())

    def check_day(self) -> None:
        """Move to the new day if the wall-clock date has changed."""
        today = self.clock()
        if today != self.today:
            self.today = today

    def watch_today(self, today: date) -> None:
        if self.status is not None:
            state = PlanState(self.status.plan, self.status.checkins)
            self.status = status_from_state(state, today)

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

    def action_help(self) -> None:
        from exback_tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self._global_keys(), self.content.ui["help"]))

    def _global_keys(self) -> list[tuple[str, str]]:
        """The app's keys as (keys, description), keys for one action joined."""
        by_action: dict[str, tuple[list[str], str]] = {}
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            keys, _ = by_action.setdefault(binding.action, ([], binding.description))
            keys.append(self.get_key_display(binding))
        rows = [(" / ".join(keys), description) for keys, description in by_action.values()]
        rows.append((self.get_key_display(PALETTE_BINDING), "Every screen and action"))
        return rows

    def action_hide(self) -> None:
        from exback_tui.screens.hide import HideScreen

        if not isinstance(self.screen, HideScreen):
            self.push_screen(HideScreen(self.content.ui["hide"]["text"]))

    def action_today(self) -> None:
        from exback_tui.screens.dashboard import DashboardScreen

        started = self.status is not None and self.status.plan is not None
        if started and not isinstance(self.screen, DashboardScreen):
            self.switch_screen(DashboardScreen())
