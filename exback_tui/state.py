"""What the whole app shows, kept current: today, the status, the program and the journal.

`ProgramApp` holds them as reactives that the screens follow (a screen
watches them in one place and passes them down to its widgets). It moves
to a new day at local midnight (checking the wall-clock date on a tick and
before every key), opens the journal off the UI thread once the first
screen is painted, and owns the save queue, whose saves update the state.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.reactive import reactive

from exback_tui import collector
from exback_tui.delays import DEFAULT_DELAYS, Delays
from exback_tui.domain.progress import EMPTY_PROGRAM, ProgramState
from exback_tui.domain.status import status_for
from exback_tui.material import Material, shipped_material
from exback_tui.saving import SaveQueue
from exback_tui.service import DamagedFile, ExBackService, NewerSchema, Status, StoreError
from exback_tui.textual_fixes import (
    InOrderInputApp,
    PrivateTracebackApp,
    clear_style_caches,
    forget_closed_watchers,
)

# Dialogs that open by themselves (not at a key press) wait their turn, one at
# a time, in this order: a file that can't be read, a draft to recover, a kept
# message coming back after 24 hours, a hard date.
DIALOG_ORDER = ("damaged", "draft", "urge", "hard_date")

if TYPE_CHECKING:
    from textual.screen import Screen

    from exback_tui.domain.journal import Entry

# The date is compared on this wall-clock tick rather than by sleeping until
# midnight: Textual's timers use the monotonic clock, which stops during suspend.
DAY_CHECK_SECONDS = 30.0


def _local_now() -> datetime:
    """The current local time, with its UTC offset."""
    return datetime.now().astimezone()


def _default_service() -> ExBackService:
    """The service on the default data folder (or EXBACK_DATA_DIR), opened as the app's."""
    from exback_tui.paths import resolve_data_dir

    return ExBackService(resolve_data_dir(None)).open(for_tui=True)


class ProgramApp(InOrderInputApp, PrivateTracebackApp, App[None]):
    """The app's state. `clock` gives today's local date and `now` the time; tests fix both,
    and may pass shorter `delays`."""

    today: reactive[date] = reactive(date.min, init=False)
    status: reactive[Status | None] = reactive(None, init=False, always_update=True)
    # Every journal entry (deleted ones too), newest first; None until loaded.
    journal: reactive[tuple[Entry, ...] | None] = reactive(None, init=False, always_update=True)
    # The user's answers, ticks, quiz results and logs in the program.
    program: reactive[ProgramState] = reactive(EMPTY_PROGRAM, init=False, always_update=True)

    def __init__(
        self,
        service: ExBackService | None = None,
        *,
        clock: Callable[[], date] = date.today,
        day_check_seconds: float = DAY_CHECK_SECONDS,
        now: Callable[[], datetime] | None = None,
        material: Material | None = None,
        delays: Delays = DEFAULT_DELAYS,
    ) -> None:
        super().__init__()
        # With no service (`textual run --dev exback_tui.app:ExBackApp`), the
        # default data folder is opened here and closed when the app ends.
        self._owns_service = service is None
        if service is None:
            service = _default_service()
        self.service = service
        self.clock = clock
        self.now = now if now is not None else _local_now
        # The program's content; each kind is read on first use.
        self.material = material if material is not None else shipped_material()
        # How long the screens wait on typing before they act (tests pass shorter ones).
        self.delays = delays
        self.saves = SaveQueue(
            self,
            on_program=self._set_program,
            on_status=self._set_status,
            refused=self.report_store_problem,
        )
        self._journal_requested = False
        # (rank, arrival, screen, callback) of dialogs waiting; whether one is showing.
        self._dialogs: list[tuple[int, int, Screen[Any], Callable[[Any], None] | None]] = []
        self._dialog_arrivals = 0
        self._dialog_showing = False
        self._program_problem: StoreError | None = None
        self._day_check_seconds = day_check_seconds
        today = clock()
        self.set_reactive(ProgramApp.today, today)
        self.set_reactive(ProgramApp.status, service.status(today))
        try:
            program = service.program()
        except StoreError as error:  # shown once the screen is up; every save will refuse too
            self._program_problem = error
        else:
            self.set_reactive(ProgramApp.program, program)
            if program.theme in self.available_themes:
                self.theme = program.theme

    def on_unmount(self) -> None:
        if self._owns_service:
            self.service.close()

    def queue_dialog(
        self, kind: str, screen: Screen[Any], callback: Callable[[Any], None] | None = None
    ) -> None:
        """Show a dialog that opened by itself once no other such dialog is up, in
        DIALOG_ORDER (dialogs asked for in the same moment are sorted first)."""
        self._dialog_arrivals += 1
        self._dialogs.append((DIALOG_ORDER.index(kind), self._dialog_arrivals, screen, callback))
        self._dialogs.sort(key=lambda waiting: waiting[:2])
        self.call_after_refresh(self._next_dialog)

    def _next_dialog(self) -> None:
        if self._dialog_showing or not self._dialogs:
            return
        _, _, screen, callback = self._dialogs.pop(0)
        self._dialog_showing = True

        def closed(result: Any) -> None:
            self._dialog_showing = False
            if callback is not None:
                callback(result)
            self.call_after_refresh(self._next_dialog)

        self.push_screen(screen, closed)

    @property
    def program_problem(self) -> StoreError | None:
        """Why the program file could not be read at start, if it could not."""
        return self._program_problem

    def on_mount(self) -> None:
        self.set_interval(self._day_check_seconds, self.check_day, name="day-check")
        if self._program_problem is not None:
            self.report_store_problem(self._program_problem)

    def started(self) -> bool:
        """Whether no contact has been set up (onboarding is done)."""
        return self.status is not None and self.status.plan is not None

    def report_store_problem(self, error: Exception) -> None:
        """Say that a change was not saved, and why."""
        self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=30)

    def _set_program(self, state: ProgramState) -> None:
        self.program = state

    def _set_status(self, status: Status) -> None:
        self.status = status

    # The journal ---------------------------------------------------------------------

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
                self.journal_damaged(error)
                return
            self.notify(
                str(error),
                title="The journal can't be opened",
                severity="error",
                markup=False,
                timeout=30,
            )

        self.saves.run(load, self._set_journal, failed)

    def journal_damaged(self, problem: DamagedFile | NewerSchema) -> None:
        """The journal file can't be read as it is (the app offers what to do)."""
        self.notify(
            str(problem), title="The journal can't be opened", severity="error", markup=False
        )

    def _set_journal(self, entries: tuple[Entry, ...]) -> None:
        self.journal = entries
        collector.settle()  # the entries live as long as the app: keep them out of gc passes

    def entry_changed(self, entry: Entry) -> None:
        """Show a saved, deleted or restored entry everywhere (call on the UI thread)."""
        from exback_tui.domain.journal import newest_first

        current = self.journal or ()
        self.journal = tuple(newest_first([*(e for e in current if e.id != entry.id), entry]))

    def entries_removed(self, entry_ids: set[str]) -> None:
        """Forget entries deleted for good."""
        self.journal = tuple(e for e in (self.journal or ()) if e.id not in entry_ids)

    # The day -------------------------------------------------------------------------

    def check_day(self) -> None:
        """Move to the new day if the wall-clock date has changed (and tidy memory)."""
        today = self.clock()
        if today != self.today:
            self.today = today
        forget_closed_watchers(self)
        clear_style_caches()

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
