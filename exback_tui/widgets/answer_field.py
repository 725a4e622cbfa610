"""One question to answer in the user's own words, with its hint and whether it is saved."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import DescendantBlur
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea

from exback_tui.delays import DEFAULT_DELAYS
from exback_tui.domain.material import Question
from exback_tui.domain.progress import MAX_FIELD_CHARS
from exback_tui.widgets.entry_text_area import EntryTextArea


class AnswerField(Vertical):
    """One question, with its hint and the user's saved answer.

    The field asks for its answer to be saved (posts `Changed`) when it loses
    focus and when the typing pauses for `idle_seconds` (0: at once); the
    owner saves `pending` and calls `saved` or `refused`. The line under it
    says whether what is shown is saved; a refused save keeps the text in the
    field and says why beside it.
    """

    @dataclass
    class Changed(Message):
        """The answer typed differs from the saved one: the owner saves `field.pending`."""

        field: AnswerField

        @property
        def control(self) -> AnswerField:
            return self.field

    def __init__(
        self,
        number: int,
        question: Question,
        texts: Mapping[str, str],
        saved: str,
        *,
        key: str,
        idle_seconds: float = DEFAULT_DELAYS.answer_idle,
    ) -> None:
        super().__init__(classes="answer-field")
        self.number = number
        self.question = question
        self.texts = texts
        self.key = key
        self.saved_text = saved
        self.pending = saved
        self._idle_seconds = idle_seconds
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
            self._idle = None
        if not self.dirty:
            return
        if self._idle_seconds <= 0:
            self.request_save()
        else:
            self._idle = self.set_timer(self._idle_seconds, self.request_save)

    def on_entry_text_area_refused(self, event: EntryTextArea.Refused) -> None:
        event.stop()
        self._error = True
        self._show_state(
            self.texts["answer_too_long"].format(limit=f"{MAX_FIELD_CHARS:,}"), error=True
        )

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        self.request_save()

    def take_unsaved(self) -> str | None:
        """The text to save now (kept as `pending`), or None if what is shown is saved."""
        if self._idle is not None:
            self._idle.stop()
            self._idle = None
        if not self.dirty:
            if self._error:
                self._error = False
                self._show_state()
            return None
        self.pending = self.area.text
        return self.pending

    def request_save(self) -> None:
        """Ask the owner to save what the field shows, unless it is saved already."""
        if self.take_unsaved() is not None:
            self.post_message(self.Changed(self))

    def saved(self, text: str) -> None:
        """The owner saved `text` as this answer."""
        self.saved_text = text
        self._error = False
        if self.is_attached:
            self._show_state()

    def show_saved(self, text: str) -> None:
        """The answer saved now is `text` (saved elsewhere): show it, unless the field
        holds typing not saved yet, which stays."""
        if text == self.saved_text or self.dirty or self._idle is not None:
            return
        self.saved_text = self.pending = text
        self.area.load_text(text)
        if self.is_attached:
            self._show_state()

    def refused(self, reason: str) -> None:
        """The owner could not save the answer: say why beside it (the text stays)."""
        self._error = True
        if self.is_attached:
            self._show_state(reason, error=True)
