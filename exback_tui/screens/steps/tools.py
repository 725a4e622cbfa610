"""What every step's tools share: the panel beside the step's page, its message lines,
its saves, and the words that count ("1 day", "3 days")."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from exback_tui.delays import DEFAULT_DELAYS, Delays
from exback_tui.domain.gates import Step4Gate, Step4State, step4_gate_for, step4_state
from exback_tui.domain.progress import EMPTY_PROGRAM, READINESS_CHECKLIST, ProgramState
from exback_tui.domain.status import Status
from exback_tui.domain.text import printable

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp
    from exback_tui.material import Material

# Longest one-line entry (a topic list, a note, a plan line, a thought).
MAX_LINE_CHARS = 2_000


def short_date(day: date) -> str:
    """`day` as "3 Dec"."""
    return f"{day.day} {day.strftime('%b')}"


def count_text(texts: Mapping[str, str], key: str, number: int, **fields: object) -> str:
    """`key_one` for 1, else `key_many`, formatted with `number` as days and count."""
    name = f"{key}_one" if number == 1 else f"{key}_many"
    return texts[name].format(days=number, count=number, **fields)


def gate_days_line(gate: Step4Gate, texts: Mapping[str, str]) -> str:
    """Where the 21-day minimum stands for step 4."""
    if gate.no_plan:
        return texts["locked_no_plan"]
    if gate.days_left > 0:
        return count_text(texts, "locked_days", gate.days_left)
    return texts["locked_days_met"]


class StepsTools(Vertical):
    """What the user does in one step, beside its page.

    It is given the material and the user's state, and follows the state
    (the screen binds `program`, `status` and `today` to its own): `show`
    redraws it after a save or when the day changes.
    """

    if TYPE_CHECKING:
        app: ExBackApp

    program: reactive[ProgramState] = reactive(EMPTY_PROGRAM, init=False)
    status: reactive[Status | None] = reactive(None, init=False)
    today: reactive[date] = reactive(date.min, init=False)

    def __init__(
        self,
        texts: Mapping[str, str],
        material: Material,
        *,
        program: ProgramState,
        status: Status | None,
        today: date,
        delays: Delays = DEFAULT_DELAYS,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.texts = texts
        self.material = material
        self.delays = delays
        self.set_reactive(StepsTools.program, program)
        self.set_reactive(StepsTools.status, status)
        self.set_reactive(StepsTools.today, today)

    def watch_program(self) -> None:
        self.show(self.program, self.status)

    def watch_status(self) -> None:
        self.show(self.program, self.status)

    def show(self, program: ProgramState, status: Status | None) -> None:
        """Show the saved state (after a save, or when the day changes)."""

    def step4_gate(self, program: ProgramState, status: Status | None) -> Step4Gate:
        """Step 4's gate for this program and status."""
        progress = status.progress if status is not None else None
        return step4_gate_for(
            self.material.checklists[READINESS_CHECKLIST],
            program,
            None if progress is None else progress.days_done,
        )

    def step4_state(self, program: ProgramState, status: Status | None) -> Step4State:
        """Step 4 for this program and status: "stop", "locked" or "open"."""
        material = self.material
        progress = status.progress if status is not None else None
        return step4_state(
            material.concerns,
            material.checklists[READINESS_CHECKLIST],
            program,
            None if progress is None else progress.days_done,
        )

    def opened_again(self) -> None:
        """The step is shown again: no message left from the last visit."""
        for line in self.query(".steps-message"):
            line.display = False

    def flush(self) -> None:
        """Save whatever is typed but not saved yet (the screen is closing)."""

    def say(self, selector: str, message: str, *, error: bool = False) -> None:
        """Put a short message (or why something was refused) in the line `selector`."""
        # After the screen has closed (a save finishing late) there is no line to say it in.
        for line in self.query(selector).results(Static):
            line.update(printable(message))
            line.set_class(error, "-error")
            line.display = bool(message)

    def save(
        self,
        call: Callable[[], ProgramState],
        message_line: str,
        done: Callable[[ProgramState], str | None],
    ) -> None:
        """Save through the app; `done` returns the message to show (or None)."""

        def saved(state: ProgramState) -> None:
            message = done(state)
            if message is not None and self.is_attached:
                self.say(message_line, message)

        def failed(error: Exception) -> None:
            if self.is_attached:
                self.say(message_line, str(error), error=True)
            else:
                self.app.notify(str(error), severity="error", markup=False)

        self.app.saves.program(call, saved, failed)
