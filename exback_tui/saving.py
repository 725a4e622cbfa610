"""The save queue: every write goes off the UI thread, one at a time, and reports back on it.

A write rewrites a whole file (about 140 ms at 10,000 journal entries), so no
key waits for one. Saves run in order under one lock, so each writes what was
current when it ran, and the last one wins. A refused change (InvalidInput)
or a storage problem (StoreError) goes to `failed`, to be shown beside the
field; anything else is a bug and ends the app with its (private) traceback.

`KeepsUnsaved` is what a screen declares to have what it shows saved when
the app quits (ctrl+q, or the terminal closing).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

from exback_tui.domain.errors import InvalidInput
from exback_tui.service import StoreError

if TYPE_CHECKING:
    from textual.app import App

    from exback_tui.domain.progress import ProgramState
    from exback_tui.domain.status import Status

T = TypeVar("T")
Failed = Callable[[Exception], None]


@runtime_checkable
class KeepsUnsaved(Protocol):
    """A screen holding typed text that is not saved yet: the app calls `keep_unsaved`
    before quitting, then waits for the saves it started."""

    def keep_unsaved(self) -> None:
        """Start saving (through the queue) whatever is typed and not saved yet."""


@runtime_checkable
class WritesDraftNow(Protocol):
    """A screen whose typed text goes to a draft file: the terminal is closing (SIGHUP,
    SIGTERM), so it is written now, on the UI thread, before the app exits."""

    def write_draft_now(self) -> None:
        """Write the draft of what is typed, if the last one kept differs from it."""


@runtime_checkable
class AsksBeforeLosing(Protocol):
    """A screen that may hold typed text nothing could keep (a full disk): the app asks
    it before quitting."""

    def kept_for_quit(self) -> bool:
        """Keep what is typed now (its draft); False if it could not be kept anywhere."""

    def ask_before_quit(self, quit_now: Callable[[], None]) -> None:
        """Ask whether to quit anyway; call `quit_now` if so."""


class SaveQueue:
    """The app's saves. `on_program` and `on_status` receive the state a save left behind."""

    def __init__(
        self,
        app: App[Any],
        *,
        on_program: Callable[[ProgramState], None],
        on_status: Callable[[Status], None],
        refused: Failed,
    ) -> None:
        self._app = app
        self._on_program = on_program
        self._on_status = on_status
        self._refused = refused
        self._lock = threading.Lock()

    def run(self, call: Callable[[], T], done: Callable[[T], None], failed: Failed) -> None:
        """Run `call` off the UI thread, in turn; then `done(result)` or `failed(error)`."""
        app = self._app

        def work() -> None:
            with self._lock:
                try:
                    result = call()
                except (InvalidInput, StoreError) as error:
                    app.call_from_thread(failed, error)
                    return
            app.call_from_thread(done, result)

        app.run_worker(work, thread=True, group="save", name="save")

    def program(
        self,
        call: Callable[[], ProgramState],
        done: Callable[[ProgramState], None] | None = None,
        failed: Failed | None = None,
    ) -> None:
        """Save a change to the program; the app's program follows the saved state.

        Without `failed`, a refused change is shown as a notification.
        """

        def saved(state: ProgramState) -> None:
            self._on_program(state)
            if done is not None:
                done(state)

        self.run(call, saved, failed if failed is not None else self._refused)

    def plan(
        self,
        call: Callable[[], Status],
        done: Callable[[Status], None] | None = None,
        failed: Failed | None = None,
    ) -> None:
        """Save a change to the plan (a slip, a check-in); the app's status follows it."""

        def saved(status: Status) -> None:
            self._on_status(status)
            if done is not None:
                done(status)

        self.run(call, saved, failed if failed is not None else self._refused)

    def now(self, call: Callable[[], ProgramState]) -> None:
        """Save on this thread, in turn with the others: for a screen that is closing."""
        with self._lock:
            self._on_program(call())
