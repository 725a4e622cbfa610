"""Step 1, no contact: the count and the attempts (the dashboard's widgets), logging
contact (a slip, "they contacted me", necessary contact under the user's allowed
topics) and the recent log."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from exback_tui.domain.progress import Contact, ProgramState
from exback_tui.domain.status import Status
from exback_tui.domain.text import printable
from exback_tui.screens.dialogs.slip import SlipDialog
from exback_tui.screens.dialogs.they_contacted import TheyContactedDialog
from exback_tui.screens.steps.tools import MAX_LINE_CHARS, StepsTools, short_date
from exback_tui.widgets.attempts import AttemptHistory
from exback_tui.widgets.countdown import Countdown
from exback_tui.widgets.safe_input import SafeInput

# How many logged contacts step 1 shows, newest first.
RECENT_CONTACTS = 6


def contact_line(contact: Contact, texts: Mapping[str, str]) -> str:
    """One logged contact as a plain line (user text without control characters)."""
    if contact.kind == "necessary":
        what = texts["recent_necessary"].format(topic=printable(contact.topic))
    elif contact.engaged:
        what = texts["recent_they_engaged"]
    else:
        what = texts["recent_they_not_engaged"]
    line = f"{short_date(contact.on)} · {what}"
    note = printable(contact.note).strip()
    return f"{line} · {note}" if note else line


class NoContactTools(StepsTools):
    """Step 1: the count, the attempts, logging contact and the recent log."""

    # The topics the picker offers (set again only when they change).
    _topics_shown: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        texts, status = self.texts, self.status
        yield Countdown(
            self.material.milestones,
            status.progress if status is not None else None,
            id="steps-countdown",
        )
        yield AttemptHistory(self.material.text["dashboard"]["attempt_none"], id="steps-attempts")
        with Vertical(id="steps-log", classes="steps-box") as box:
            box.border_title = texts["log_title"]
            yield Static(texts["log_intro"], classes="steps-intro", markup=False)
            with Horizontal(classes="steps-buttons"):
                yield Button(Content(texts["contacted_button"]), id="steps-contacted", compact=True)
                yield Button(Content(texts["they_button"]), id="steps-they", compact=True)
            # On a line of its own: beside the two above it is cut off at 100 columns.
            with Horizontal(id="steps-undo-row", classes="steps-buttons"):
                yield Button(Content(texts["undo_button"]), id="steps-undo-slip", compact=True)
            yield Static("", id="steps-log-message", classes="steps-message", markup=False)
        with Vertical(id="steps-necessary", classes="steps-box") as box:
            box.border_title = texts["necessary_title"]
            yield Static(texts["necessary_intro"], classes="steps-intro", markup=False)
            yield Select[str]([], prompt=texts["topic_prompt"], id="steps-topic")
            yield SafeInput(
                placeholder=texts["necessary_note_placeholder"],
                id="steps-necessary-note",
                max_length=MAX_LINE_CHARS,
            )
            yield Button(Content(texts["necessary_button"]), id="steps-necessary-log", compact=True)
            yield Static("", id="steps-necessary-message", classes="steps-message", markup=False)
            yield Static(texts["topics_label"], classes="steps-label", markup=False)
            yield SafeInput(
                ", ".join(self.program.allowed_topics),
                placeholder=texts["topics_placeholder"],
                id="steps-topics",
                max_length=MAX_LINE_CHARS,
            )
        with Vertical(id="steps-recent", classes="steps-box") as box:
            box.border_title = texts["recent_title"]
            yield Static("", id="steps-recent-lines", markup=False)
        with Vertical(id="steps-runin", classes="steps-box") as box:
            box.border_title = texts["runin_title"]
            yield Static(texts["runin_text"], markup=False)

    def on_mount(self) -> None:
        for line in self.query(".steps-message"):
            line.display = False

    def show(self, program: ProgramState, status: Status | None) -> None:
        # Taking back a slip is offered only on the day it was recorded.
        self.query_one("#steps-undo-row").display = self._slipped_today()
        if status is not None and status.plan is not None:
            self.query_one(Countdown).progress = status.progress
            self.query_one(AttemptHistory).show(status.plan, status.today)
        self._show_topics(program.allowed_topics)
        contacts = program.contacts[-RECENT_CONTACTS:][::-1]
        lines = [contact_line(c, self.texts) for c in contacts] or [self.texts["recent_none"]]
        self.query_one("#steps-recent-lines", Static).update(Content("\n".join(lines)))

    def _show_topics(self, topics: tuple[str, ...]) -> None:
        if topics == self._topics_shown:
            return
        self._topics_shown = topics
        select: Select[str] = self.query_one("#steps-topic", Select)
        chosen = select.value
        select.set_options((Content(printable(topic)), topic) for topic in topics)
        if isinstance(chosen, str) and chosen in topics:
            select.value = chosen

    # I contacted them: a slip --------------------------------------------------------

    def _slipped_today(self) -> bool:
        status = self.status
        return (
            status is not None and status.plan is not None and status.plan.slipped_on(status.today)
        )

    def contacted(self) -> None:
        """Ask to confirm the slip and what led to it; record it with service.slip.

        A second time the same day adds no attempt: the box says the count is
        already at Day 1, and what the person writes is kept with today's slip.
        """
        progress = self.status.progress if self.status is not None else None
        days_done = progress.days_done if progress else 0
        if self._slipped_today():
            texts = self.texts
            again = {
                "title": texts["slip_again_title"],
                "body": texts["slip_again_body"],
                "trigger_prompt": texts["slip_again_prompt"],
            }
            dialog = SlipDialog(again, days_done)
            self.app.push_screen(dialog, lambda t: self._record_slip(t, "slip_again_saved"))
            return
        dialog = SlipDialog(self.material.text["slip"], days_done)
        self.app.push_screen(dialog, self._record_slip)

    def _record_slip(self, trigger: str | None, message_key: str = "slip_saved") -> None:
        if trigger is None:
            self.say("#steps-log-message", self.texts["slip_cancelled"])
            return
        app = self.app
        service, today = app.service, self.today

        def saved(status: Status) -> None:
            if self.is_attached:
                self.say("#steps-log-message", self.texts[message_key])

        def failed(error: Exception) -> None:
            if self.is_attached:
                self.say("#steps-log-message", str(error), error=True)

        app.saves.plan(lambda: service.slip(today, trigger), saved, failed)

    def undo_slip(self) -> None:
        """Take back today's slip, after asking (it was recorded by mistake)."""
        from exback_tui.screens.dialogs.slip import offer_undo_slip

        def said(message: str, error: bool) -> None:
            if self.is_attached:
                self.say("#steps-log-message", message, error=error)

        offer_undo_slip(self.app, said)

    # They contacted me: logged, a slip only if the user says so ------------------

    def they_contacted(self) -> None:
        """Ask whether the user engaged; log it (not a slip unless they say so)."""
        self.app.push_screen(TheyContactedDialog(self.texts), self._log_they)

    def _log_they(self, result: tuple[bool, str] | None) -> None:
        if result is None:
            self.say("#steps-log-message", self.texts["slip_cancelled"])
            return
        engaged, note = result
        service, today = self.app.service, self.today

        def done(state: ProgramState) -> str | None:
            if not engaged:
                return self.texts["they_saved_not_engaged"]
            self._ask_if_slip()
            return None

        self.save(
            lambda: service.log_contact(today, "they", engaged=engaged, note=note),
            "#steps-log-message",
            done,
        )

    def _ask_if_slip(self) -> None:
        texts = self.texts
        if self._slipped_today():
            self.say("#steps-log-message", f"{texts['they_saved_engaged']} {texts['slip_already']}")
            return
        progress = self.status.progress if self.status is not None else None
        dialog = SlipDialog(
            {
                "title": texts["engaged_slip_title"],
                "body": texts["engaged_slip_body"],
                "trigger_prompt": texts["engaged_slip_prompt"],
            },
            progress.days_done if progress else 0,
        )

        def answered(trigger: str | None) -> None:
            if trigger is None:
                self.say("#steps-log-message", texts["they_saved_engaged"])
            else:
                self._record_slip(trigger, "they_saved_slip")

        self.app.push_screen(dialog, answered)

    # Necessary contact: under an allowed topic, never a slip -------------------------

    def focus_necessary(self) -> None:
        """Go to the topic to log necessary contact under (or to the topics, if none)."""
        if self.program.allowed_topics:
            self.query_one("#steps-topic", Select).focus()
        else:
            self.query_one("#steps-topics", Input).focus()

    def log_necessary(self) -> None:
        """Log necessary contact under the chosen topic; refused without one."""
        texts = self.texts
        if not self.program.allowed_topics:
            self.say("#steps-necessary-message", texts["necessary_no_topics"], error=True)
            self.query_one("#steps-topics", Input).focus()
            return
        select: Select[str] = self.query_one("#steps-topic", Select)
        topic = select.value
        if not isinstance(topic, str):
            self.say("#steps-necessary-message", texts["necessary_no_topic"], error=True)
            select.focus()
            return
        note_input = self.query_one("#steps-necessary-note", Input)
        note = note_input.value
        service, today = self.app.service, self.today

        def done(state: ProgramState) -> str:
            if note_input.value == note:
                note_input.value = ""
            return texts["necessary_saved"].format(topic=topic)

        self.save(
            lambda: service.log_contact(today, "necessary", topic=topic, note=note),
            "#steps-necessary-message",
            done,
        )

    def save_topics(self, value: str) -> None:
        """Keep the allowed topics typed as a comma-separated list."""
        topics = [part.strip() for part in value.split(",")]
        service = self.app.service
        field = self.query_one("#steps-topics", Input)

        def done(state: ProgramState) -> str:
            field.value = ", ".join(state.allowed_topics)
            return self.texts["topics_saved" if state.allowed_topics else "topics_cleared"]

        self.save(lambda: service.set_allowed_topics(topics), "#steps-necessary-message", done)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "steps-contacted":
            self.contacted()
        elif event.button.id == "steps-they":
            self.they_contacted()
        elif event.button.id == "steps-undo-slip":
            self.undo_slip()
        elif event.button.id == "steps-necessary-log":
            self.log_necessary()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "steps-topics":
            self.save_topics(event.value)
        elif event.input.id == "steps-necessary-note":
            self.log_necessary()
