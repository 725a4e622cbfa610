"""Step 4, reconnect: not advised (the safety gate), locked (saying what is missing), or
the stage tracker, the message checker and notes for the talk."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea

from exback_tui.domain.progress import (
    CHECKER_DRAFT,
    MAX_FIELD_CHARS,
    TALK_NOTES,
    ProgramState,
)
from exback_tui.domain.status import Status
from exback_tui.screens.steps.tools import StepsTools, gate_days_line
from exback_tui.widgets.bullet_list import BulletList
from exback_tui.widgets.checker import MessageChecker, crisis_lines
from exback_tui.widgets.entry_text_area import EntryTextArea
from exback_tui.widgets.stages import StageTracker


class ReconnectTools(StepsTools):
    """Step 4: not advised, locked (with what is missing), or the stages, checker and notes."""

    @dataclass
    class Rebuilt(Message):
        """Step 4's state changed, and the tools were composed anew for it."""

        tools: ReconnectTools

        @property
        def control(self) -> ReconnectTools:
            return self.tools

    # What the tools were composed for: "stop", "locked" or "open".
    state = ""
    _notes_idle: Timer | None = None
    _answers_left: dict[str, str] = {}  # noqa: RUF012 - replaced, never changed in place

    def _state(self, program: ProgramState, status: Status | None) -> str:
        return self.step4_state(program, status)

    def compose(self) -> ComposeResult:
        texts, material, program = self.texts, self.material, self.program
        self.state = self._state(program, self.status)
        if self.state == "stop":
            with Vertical(id="steps-stop", classes="steps-box") as box:
                box.border_title = texts["stop_title"]
                yield Static(texts["stop_text"], markup=False)
            return
        if self.state == "locked":
            with Vertical(id="steps-locked", classes="steps-box") as box:
                box.border_title = texts["locked_title"]
                yield Static(texts["locked_intro"], classes="steps-intro", markup=False)
                yield Static("", id="steps-locked-days", classes="steps-locked-line", markup=False)
                yield Static("", id="steps-locked-items", classes="steps-locked-line", markup=False)
                yield BulletList(id="steps-locked-missing")
                yield Static(texts["locked_outro"], classes="steps-outro", markup=False)
            return
        with Vertical(id="steps-stages-box", classes="steps-box") as box:
            box.border_title = texts["stages_title"]
            yield Static(texts["stages_intro"], classes="steps-intro", markup=False)
            yield StageTracker(material.stages, texts, program.stages, id="steps-stages")
            yield Static("", id="steps-stages-message", classes="steps-message", markup=False)
        with Vertical(id="steps-checker-box", classes="steps-box") as box:
            box.border_title = texts["checker_title"]
            yield MessageChecker(
                material.rules,
                texts,
                program.answer(CHECKER_DRAFT),
                check_after=self.delays.check_draft,
                crisis_patterns=material.care.crisis_patterns,
                crisis_lines=crisis_lines(material),
                id="steps-checker",
            )
            yield Static("", id="steps-checker-message", classes="steps-message", markup=False)
        with Vertical(id="steps-notes-box", classes="steps-box") as box:
            box.border_title = texts["notes_title"]
            yield Static(texts["notes_intro"], classes="steps-intro", markup=False)
            yield EntryTextArea(
                program.answer(TALK_NOTES), max_chars=MAX_FIELD_CHARS, id="steps-notes"
            )
            yield Static("", id="steps-notes-message", classes="steps-message", markup=False)

    def on_mount(self) -> None:
        self._hide_messages()

    def _hide_messages(self) -> None:
        for line in self.query(".steps-message"):
            line.display = False

    def show(self, program: ProgramState, status: Status | None) -> None:
        state = self._state(program, status)
        if state != self.state:
            # Step 4 opened, locked again or became not advised: build it anew, once
            # what is typed here is on its way to the file.
            self.flush()
            self.call_next(self._rebuild)
            return
        if state == "locked":
            gate = self.step4_gate(program, status)
            texts = self.texts
            self.query_one("#steps-locked-days", Static).update(gate_days_line(gate, texts))
            items = texts["locked_missing"] if gate.missing else texts["locked_ready"]
            self.query_one("#steps-locked-items", Static).update(items)
            self.query_one(BulletList).lines = tuple(item.text for item in gate.missing)
        elif state == "open":
            self.query_one(StageTracker).show(program.stages)

    async def _rebuild(self) -> None:
        """Compose the tools for step 4's state now (show may ask more than once)."""
        if self._state(self.program, self.status) != self.state:
            await self.recompose()
            self._hide_messages()
            self.post_message(self.Rebuilt(self))
        self.show(self.program, self.status)

    def focus_checker(self) -> None:
        """Put the cursor in the draft of the message checker."""
        for area in self.query("#checker-draft"):
            area.focus()

    def on_stage_tracker_marked(self, event: StageTracker.Marked) -> None:
        event.stop()
        from exback_tui.domain.step_progress import earlier_stages_not_done

        service, stage_id = self.app.service, event.stage_id
        on = self.today if event.done else None
        stages = self.material.stages

        def said(state: ProgramState) -> str:
            if on is None:
                return ""
            skipped = earlier_stages_not_done(stages, state.stages, stage_id)
            if not skipped:
                return ""
            return self.texts["stage_out_of_order"].format(first=skipped[0].title)

        self.save(lambda: service.set_stage(stage_id, on), "#steps-stages-message", said)

    def on_message_checker_checked(self, event: MessageChecker.Checked) -> None:
        event.stop()
        self._save_answer(CHECKER_DRAFT, event.text, "#steps-checker-message")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "steps-notes":
            return
        event.stop()
        if self._notes_idle is not None:
            self._notes_idle.stop()
            self._notes_idle = None
        # Saved once the typing pauses (and on leaving); with no pause set, at once.
        if self.delays.notes_idle <= 0:
            self._save_notes()
        else:
            self._notes_idle = self.set_timer(self.delays.notes_idle, self._save_notes)

    def _save_notes(self) -> None:
        if self._notes_idle is not None:
            self._notes_idle.stop()
            self._notes_idle = None
        for notes in self.query("#steps-notes").results(TextArea):
            self._save_answer(TALK_NOTES, notes.text, "#steps-notes-message")

    def _save_answer(self, key: str, text: str, message_line: str) -> None:
        if text == self.program.answer(key):
            return
        service, now = self.app.service, self.app.now()
        self.save(lambda: service.save_answer(key, text, now), message_line, lambda state: "")

    def opened_again(self) -> None:
        """Shown again: a draft or notes saved elsewhere since it was left show here (what
        was typed here and could not be saved stays)."""
        super().opened_again()
        for key, selector in ((CHECKER_DRAFT, "#checker-draft"), (TALK_NOTES, "#steps-notes")):
            saved = self.program.answer(key)
            for area in self.query(selector).results(TextArea):
                if saved != area.text and saved != self._answers_left.get(key, saved):
                    area.load_text(saved)

    def flush(self) -> None:
        # The saved answers as they were on leaving: one that differs when shown again
        # was saved elsewhere (ours, once saved, is what the field shows).
        self._answers_left = {key: self.program.answer(key) for key in (CHECKER_DRAFT, TALK_NOTES)}
        for checker in self.query(MessageChecker):
            self._save_answer(CHECKER_DRAFT, checker.text, "#steps-checker-message")
        self._save_notes()
