"""One question to answer in the user's own words, with its hint and whether it is saved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import DescendantBlur
from textual.timer import Timer
from textual.widgets import Static, TextArea

from exback_tui.domain.material import Question
from exback_tui.domain.progress import MAX_FIELD_CHARS, ProgramState, decision_key
from exback_tui.widgets.entry_text_area import EntryTextArea

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp

# An answer being typed is saved once the typing pauses this long (and on leaving it).
ANSWER_IDLE_SECONDS = 1.5


class AnswerField(Vertical):
    """One of the seven questions, with its hint and the user's saved answer.

    The answer is saved when the field loses focus, on ctrl+s, and when the
    typing pauses; the line under it says whether what is shown is saved.
    A refused save keeps the text in the field and says why beside it.
    """

    if TYPE_CHECKING:
        app: ExBackApp

    def __init__(
        self, number: int, question: Question, texts: Mapping[str, str], saved: str
    ) -> None:
        super().__init__(classes="answer-field")
        self.number = number
        self.question = question
        self.texts = texts
        self.key = decision_key(question.id)
        self.saved_text = saved
        self._pending = saved
        self._idle: Timer | None = None
        self._error = False
        # Kept, not queried: a save may finish after the screen has gone.
        self.area = EntryTextArea(saved, max_chars=MAX_FIELD_CHARS, id=f"answer-{number}")
        self._state = Static("", classes="answer-state", markup=False)

    def compose(self) -> ComposeResult:
        yield Static(
            self.texts["answer_question"].format(number=self.number, text=self.question.text),
            classes="answer-question",
            markup=False,
        )
        yield Static(self.question.hint, classes="answer-hint", markup=False)
        yield self.area
        yield self._state

    def on_mount(self) -> None:
        self._show_state()

    @property
    def dirty(self) -> bool:
        """Whether the field shows text that is not saved."""
        return self.area.text != self.saved_text

    def _show_state(self, message: str | None = None, *, error: bool = False) -> None:
        line = self._state
        if message is None:
            if self.dirty:
                message = self.texts["answer_unsaved"]
            elif self.saved_text:
                message = self.texts["answer_saved"]
            else:
                message = ""
        line.update(message)
        line.set_class(error, "-error")
        line.set_class(not error and self.dirty, "-unsaved")
        line.display = bool(message)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self._error:  # a refusal stays in view until a save goes through
            self._show_state()
        if self._idle is not None:
            self._idle.stop()
        self._idle = self.set_timer(ANSWER_IDLE_SECONDS, self.save) if self.dirty else None

    def on_entry_text_area_refused(self, event: EntryTextArea.Refused) -> None:
        event.stop()
        self._error = True
        self._show_state(
            self.texts["answer_too_long"].format(limit=f"{MAX_FIELD_CHARS:,}"), error=True
        )

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        self.save()

    def save(self) -> None:
        """Save what the field shows, unless it is saved already."""
        if self._idle is not None:
            self._idle.stop()
            self._idle = None
        if not self.dirty:
            if self._error:
                self._error = False
                self._show_state()
            return
        self._pending = self.area.text
        app, key = self.app, self.key
        service, now = app.service, app.now()

        def call() -> ProgramState:
            # The newest text when the save runs: saves go one at a time, the last wins.
            return service.save_answer(key, self._pending, now)

        def done(state: ProgramState) -> None:
            self.saved_text = state.answer(key)
            self._error = False
            if self.is_attached:
                self._show_state()

        def failed(error: Exception) -> None:
            if self.is_attached:
                self._error = True
                self._show_state(str(error), error=True)
            else:
                app.notify(
                    str(error), title=self.texts["not_saved"], severity="error", markup=False
                )

        app.save_program(call, done, failed)
