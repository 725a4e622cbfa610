"""The four steps: an overview with the user's progress, then one screen per step.

`StepsScreen(None)` lists the four steps; `1`-`4` open one, `[` and `]` go to
the previous and next, escape goes back. A step shows its page
(content/steps/N.md) on the left and, beside it, what the user does there:

1. no contact: the countdown and attempts (the dashboard's widgets), logging
   contact (a slip, "they contacted me", necessary contact under the user's
   allowed topics) and the recent log;
2. focus on you: the personal plan and the kinder-thoughts reframer;
3. respect: the readiness checklist, and whether step 4 is open;
4. reconnect: locked (saying what is missing) or not advised (the safety
   gate), else the stage tracker, the message checker and notes for the talk.

Every word that is not the material's own comes from content/screens/steps.toml.
User text is shown literally (printable, never markup).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, TextArea

from exback_tui.domain.progress import MAX_FIELD_CHARS, Contact, ProgramState
from exback_tui.domain.text import printable
from exback_tui.screens.entry_editor import EntryTextArea
from exback_tui.screens.slip import SlipDialog
from exback_tui.widgets.attempts import AttemptHistory
from exback_tui.widgets.checker import MessageChecker
from exback_tui.widgets.checklist import ChecklistView, TickBox
from exback_tui.widgets.countdown import Countdown
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.page import PageView
from exback_tui.widgets.safe_input import SafeInput
from exback_tui.widgets.stages import StageTracker

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp
    from exback_tui.domain.gates import Step4Gate
    from exback_tui.domain.status import Status
    from exback_tui.material import Material

STEP_COUNT = 4
SAFETY_CHECKLIST = "safety"
READINESS_CHECKLIST = "readiness"
REFRAMES = "reframes"
CHECKER_DRAFT = "checker:draft"
TALK_NOTES = "talk:notes"
# Notes for the talk are saved once the typing pauses this long (and on leaving).
NOTES_IDLE_SECONDS = 1.0
# How many logged contacts step 1 shows, newest first.
RECENT_CONTACTS = 6
# Longest one-line entry (a topic list, a note, a plan line, a thought).
MAX_LINE_CHARS = 2_000
BULLET = "• "


def plan_list(area_id: str) -> str:
    """The item list holding one plan area's lines."""
    return f"plan:{area_id}"


def _short_date(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def _count(texts: Mapping[str, str], key: str, number: int, **fields: object) -> str:
    """`key_one` for 1, else `key_many`, formatted with `number` as days and count."""
    name = f"{key}_one" if number == 1 else f"{key}_many"
    return texts[name].format(days=number, count=number, **fields)


# What the program's state means for the steps ---------------------------------------


def safety_level(material: Material, program: ProgramState) -> str | None:
    """The safety gate of big question 1: "stop", "caution" or None."""
    from exback_tui.domain.gates import safety

    return safety(material.concerns, program.latest_ticks(SAFETY_CHECKLIST))


def step4_gate_for(material: Material, program: ProgramState, status: Status | None) -> Step4Gate:
    """Whether step 4 is open: the 21-day minimum and the readiness checklist."""
    from exback_tui.domain.gates import step4_gate

    progress = status.progress if status is not None else None
    return step4_gate(
        None if progress is None else progress.days_done,
        material.checklists[READINESS_CHECKLIST],
        program.latest_ticks(READINESS_CHECKLIST),
    )


def step4_state(material: Material, program: ProgramState, status: Status | None) -> str:
    """Step 4 for this user: "stop" (not advised), "locked" or "open"."""
    if safety_level(material, program) == "stop":
        return "stop"
    return "open" if step4_gate_for(material, program, status).open else "locked"


def gate_days_line(gate: Step4Gate, texts: Mapping[str, str]) -> str:
    """Where the 21-day minimum stands for step 4."""
    if gate.no_plan:
        return texts["locked_no_plan"]
    if gate.days_left > 0:
        return _count(texts, "locked_days", gate.days_left)
    return texts["locked_days_met"]


def step_progress(
    number: int,
    material: Material,
    program: ProgramState,
    status: Status | None,
    texts: Mapping[str, str],
) -> str:
    """One line of the user's progress in step `number`."""
    if number == 1:
        progress = status.progress if status is not None else None
        if progress is None:
            return texts["missing_no_plan"]
        key = "progress_1_goal" if progress.target_met else "progress_1"
        return texts[key].format(
            done=progress.days_done, target=progress.target_days, attempt=progress.attempts
        )
    if number == 2:
        lines = [i for area in material.plan_areas for i in program.items_in(plan_list(area.id))]
        reframes = len(program.items_in(REFRAMES))
        if not lines and not reframes:
            return texts["progress_2_empty"]
        return texts["progress_2"].format(
            done=sum(item.done for item in lines), lines=len(lines), reframes=reframes
        )
    if number == 3:
        readiness = material.checklists[READINESS_CHECKLIST]
        ids = {item.id for item in readiness.items}
        ticked = program.latest_ticks(READINESS_CHECKLIST) & ids
        return texts["progress_3"].format(ticked=len(ticked), total=len(ids))
    if safety_level(material, program) == "stop":
        return texts["progress_4_stop"]
    gate = step4_gate_for(material, program, status)
    if gate.open:
        done = len({stage.id for stage in material.stages} & set(program.stages))
        return texts["progress_4_open"].format(done=done, total=len(material.stages))
    missing = []
    if gate.no_plan:
        missing.append(texts["missing_no_plan"])
    elif gate.days_left > 0:
        missing.append(_count(texts, "missing_days", gate.days_left))
    if gate.missing:
        missing.append(_count(texts, "missing_items", len(gate.missing)))
    return texts["progress_4_locked"].format(missing=texts["missing_join"].join(missing))


class BulletList(Widget):
    """Lines of text as a bulleted list, each wrapped under itself (a hanging indent)."""

    lines: reactive[tuple[str, ...]] = reactive((), layout=True)

    def _rows(self, width: int) -> list[Content]:
        indent = len(BULLET)
        rows: list[Content] = []
        for line in self.lines:
            wrapped = Content(printable(line)).wrap(max(1, width - indent)) or [Content("")]
            rows.append(Content(BULLET) + wrapped[0])
            rows.extend(Content(" " * indent) + rest for rest in wrapped[1:])
        return rows

    def render(self) -> Content:
        return Content("\n").join(self._rows(self.content_size.width))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows(width))


class StepsTools(Vertical):
    """What the user does in one step, beside its page; `show` redraws it from the app's state."""

    if TYPE_CHECKING:
        app: ExBackApp

    def __init__(self, texts: Mapping[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.texts = texts

    def show(self, program: ProgramState, status: Status | None) -> None:
        """Show the saved state (after a save, or when the day changes)."""

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

        self.app.save_program(call, saved, failed)


# Step 1: no contact ------------------------------------------------------------------


class TheyContactedDialog(ModalScreen[tuple[bool, str] | None]):
    """They contacted the user: did the user engage? Returns (engaged, note) or None.

    Offers the short "I need some space" reply, with a button to copy it.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, texts: Mapping[str, str]) -> None:
        super().__init__()
        self._texts = texts

    def compose(self) -> ComposeResult:
        texts = self._texts
        with Vertical(id="they-box"):
            yield Static(texts["they_title"], id="they-title", markup=False)
            yield Static(texts["they_body"], id="they-body", markup=False)
            yield Static(texts["they_reply_label"], classes="they-label", markup=False)
            with Horizontal(id="they-reply-row"):
                yield Static(texts["space_reply"], id="they-reply", markup=False)
                yield Button(Content(texts["copy_button"]), id="they-copy", compact=True)
            yield Static("", id="they-copied", markup=False)
            yield Static(texts["they_note_prompt"], classes="they-label", markup=False)
            yield SafeInput(id="they-note", max_length=MAX_LINE_CHARS)
            with Horizontal(id="they-buttons"):
                yield Button(
                    Content(texts["they_not_engaged_button"]),
                    id="they-not-engaged",
                    variant="primary",
                    compact=True,
                )
                yield Button(Content(texts["they_engaged_button"]), id="they-engaged", compact=True)
                yield Button(Content(texts["cancel_button"]), id="they-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#they-note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#they-not-engaged", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        note = self.query_one("#they-note", Input).value
        if event.button.id == "they-copy":
            self.app.copy_to_clipboard(self._texts["space_reply"])
            self.query_one("#they-copied", Static).update(self._texts["copied"])
        elif event.button.id == "they-not-engaged":
            self.dismiss((False, note))
        elif event.button.id == "they-engaged":
            self.dismiss((True, note))
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def contact_line(contact: Contact, texts: Mapping[str, str]) -> str:
    """One logged contact as a plain line (user text without control characters)."""
    if contact.kind == "necessary":
        what = texts["recent_necessary"].format(topic=printable(contact.topic))
    elif contact.engaged:
        what = texts["recent_they_engaged"]
    else:
        what = texts["recent_they_not_engaged"]
    line = f"{_short_date(contact.on)} · {what}"
    note = printable(contact.note).strip()
    return f"{line} · {note}" if note else line


class NoContactTools(StepsTools):
    """Step 1: the count, the attempts, logging contact and the recent log."""

    def __init__(self, texts: Mapping[str, str], *, id: str | None = None) -> None:
        super().__init__(texts, id=id)
        self._topics_shown: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        app, texts = self.app, self.texts
        status = app.status
        yield Countdown(
            app.material.milestones,
            status.progress if status is not None else None,
            id="steps-countdown",
        )
        yield AttemptHistory(app.material.text["dashboard"]["attempt_none"], id="steps-attempts")
        with Vertical(id="steps-log", classes="steps-box") as box:
            box.border_title = texts["log_title"]
            yield Static(texts["log_intro"], classes="steps-intro", markup=False)
            with Horizontal(classes="steps-buttons"):
                yield Button(Content(texts["contacted_button"]), id="steps-contacted", compact=True)
                yield Button(Content(texts["they_button"]), id="steps-they", compact=True)
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
                ", ".join(app.program.allowed_topics),
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
        status = self.app.status
        return (
            status is not None and status.plan is not None and status.plan.slipped_on(status.today)
        )

    def contacted(self) -> None:
        """Ask to confirm the slip and what led to it; record it with service.slip.

        A second slip the same day would only add an empty attempt, so it is not asked for.
        """
        if self._slipped_today():
            self.say("#steps-log-message", self.texts["slip_already"])
            return
        progress = self.app.status.progress if self.app.status is not None else None
        dialog = SlipDialog(self.app.material.text["slip"], progress.days_done if progress else 0)
        self.app.push_screen(dialog, self._record_slip)

    def _record_slip(self, trigger: str | None, message_key: str = "slip_saved") -> None:
        if trigger is None:
            self.say("#steps-log-message", self.texts["slip_cancelled"])
            return
        app = self.app
        service, today = app.service, app.today

        def saved(status: Status) -> None:
            app.status = status
            if self.is_attached:
                self.say("#steps-log-message", self.texts[message_key])

        def failed(error: Exception) -> None:
            if self.is_attached:
                self.say("#steps-log-message", str(error), error=True)

        app.run_save(lambda: service.slip(today, trigger), saved, failed)

    # They contacted me: logged, a slip only if the user says so ------------------

    def they_contacted(self) -> None:
        """Ask whether the user engaged; log it (not a slip unless they say so)."""
        self.app.push_screen(TheyContactedDialog(self.texts), self._log_they)

    def _log_they(self, result: tuple[bool, str] | None) -> None:
        if result is None:
            self.say("#steps-log-message", self.texts["slip_cancelled"])
            return
        engaged, note = result
        service, today = self.app.service, self.app.today

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
        progress = self.app.status.progress if self.app.status is not None else None
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
        if self.app.program.allowed_topics:
            self.query_one("#steps-topic", Select).focus()
        else:
            self.query_one("#steps-topics", Input).focus()

    def log_necessary(self) -> None:
        """Log necessary contact under the chosen topic; refused without one."""
        texts = self.texts
        if not self.app.program.allowed_topics:
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
        service, today = self.app.service, self.app.today

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
        elif event.button.id == "steps-necessary-log":
            self.log_necessary()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "steps-topics":
            self.save_topics(event.value)
        elif event.input.id == "steps-necessary-note":
            self.log_necessary()


# Step 2: focus on you ----------------------------------------------------------------


class PlanAreaView(Vertical):
    """One area of the personal plan: its title and hint, the user's lines, a field to add one."""

    def __init__(self, area_id: str, title: str, hint: str, placeholder: str) -> None:
        super().__init__(id=f"plan-{area_id}", classes="plan-area")
        self.area_id = area_id
        self._title = title
        self._hint = hint
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Static(self._title, classes="plan-area-title", markup=False)
        yield Static(self._hint, classes="plan-area-hint", markup=False)
        yield Vertical(classes="plan-area-lines")
        yield SafeInput(
            placeholder=self._placeholder,
            classes="plan-area-add",
            name=self.area_id,
            max_length=MAX_LINE_CHARS,
        )
        yield Static("", classes="steps-message plan-area-message", markup=False)

    def show(self, program: ProgramState) -> None:
        """Show the area's lines and their ticks; new lines are added, ticks follow the save."""
        items = program.items_in(plan_list(self.area_id))
        lines = self.query_one(".plan-area-lines", Vertical)
        boxes = list(lines.query(TickBox))
        shown = [box.name for box in boxes]
        if shown != [item.id for item in items[: len(shown)]]:
            lines.remove_children()
            boxes, shown = [], []
        for box, item in zip(boxes, items, strict=False):
            box.value = item.done
        new = [TickBox(item.text, item.done, name=item.id) for item in items[len(shown) :]]
        if new:
            lines.mount_all(new)


class FocusTools(StepsTools):
    """Step 2: the personal plan (a line per area, ticked when done) and the reframer."""

    def compose(self) -> ComposeResult:
        texts, material = self.texts, self.app.material
        with Vertical(id="steps-plan", classes="steps-box") as box:
            box.border_title = texts["plan_title"]
            yield Static(texts["plan_intro"], classes="steps-intro", markup=False)
            for area in material.plan_areas:
                yield PlanAreaView(area.id, area.title, area.hint, texts["plan_add_placeholder"])
        with Vertical(id="steps-reframer", classes="steps-box") as box:
            box.border_title = texts["reframe_title"]
            yield Static(texts["reframe_intro"], classes="steps-intro", markup=False)
            yield SafeInput(
                placeholder=texts["reframe_thought_placeholder"],
                id="reframe-thought",
                max_length=MAX_LINE_CHARS,
            )
            yield SafeInput(
                placeholder=texts["reframe_kinder_placeholder"],
                id="reframe-kinder",
                max_length=MAX_LINE_CHARS,
            )
            yield Button(Content(texts["reframe_button"]), id="reframe-save", compact=True)
            yield Static("", id="reframe-message", classes="steps-message", markup=False)
            yield Static("", id="reframe-list", markup=False)

    def on_mount(self) -> None:
        for line in self.query(".steps-message"):
            line.display = False

    def show(self, program: ProgramState, status: Status | None) -> None:
        for area in self.query(PlanAreaView):
            area.show(program)
        reframes = program.items_in(REFRAMES)[::-1]
        if not reframes:
            shown = Content(self.texts["reframe_none"])
        else:
            blocks = [
                Content.assemble(
                    (self.texts["reframe_was"], "dim"),
                    printable(item.text),
                    "\n",
                    (self.texts["reframe_now"], "bold"),
                    printable(item.extra),
                )
                for item in reframes
            ]
            shown = Content("\n\n").join(blocks)
        self.query_one("#reframe-list", Static).update(shown)

    def add_plan_line(self, field: Input) -> None:
        """Add the typed line to its area's plan."""
        area_id = field.name or ""
        area = self.query_one(f"#plan-{area_id}", PlanAreaView)
        message = area.query_one(".plan-area-message", Static)
        text = field.value
        service, today = self.app.service, self.app.today
        if not text.strip():
            return

        def done(state: ProgramState) -> None:
            if field.value == text:
                field.value = ""
            message.display = False
            return None

        def call() -> ProgramState:
            return service.add_item(plan_list(area_id), text, today)

        def failed(error: Exception) -> None:
            if message.is_attached:
                message.update(str(error))
                message.add_class("-error")
                message.display = True

        self.app.save_program(call, done, failed)

    def save_reframe(self) -> None:
        """Keep the harsh thought and its kinder version together."""
        texts = self.texts
        thought_field = self.query_one("#reframe-thought", Input)
        kinder_field = self.query_one("#reframe-kinder", Input)
        thought, kinder = thought_field.value, kinder_field.value
        if not thought.strip():
            self.say("#reframe-message", texts["reframe_need_thought"], error=True)
            thought_field.focus()
            return
        if not kinder.strip():
            self.say("#reframe-message", texts["reframe_need_kinder"], error=True)
            kinder_field.focus()
            return
        service, today = self.app.service, self.app.today

        def done(state: ProgramState) -> str:
            thought_field.value = ""
            kinder_field.value = ""
            return texts["reframe_saved"]

        self.save(
            lambda: service.add_item(REFRAMES, thought, today, extra=kinder),
            "#reframe-message",
            done,
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.has_class("plan-area-add"):
            self.add_plan_line(event.input)
        elif event.input.id == "reframe-thought":
            self.query_one("#reframe-kinder", Input).focus()
        elif event.input.id == "reframe-kinder":
            self.save_reframe()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "reframe-save":
            self.save_reframe()

    def on_tick_box_changed(self, event: TickBox.Changed) -> None:
        event.stop()
        item_id = event.tick_box.name
        if item_id is None:
            return
        area = next((a for a in event.tick_box.ancestors if isinstance(a, PlanAreaView)), None)
        if area is None:
            return
        message = area.query_one(".plan-area-message", Static)
        service, done_now = self.app.service, event.value

        def failed(error: Exception) -> None:
            if message.is_attached:
                message.update(str(error))
                message.add_class("-error")
                message.display = True

        self.app.save_program(lambda: service.update_item(item_id, done=done_now), failed=failed)


# Step 3: respect --------------------------------------------------------------------------


class RespectTools(StepsTools):
    """Step 3: the readiness checklist, and what step 4 still waits for."""

    def compose(self) -> ComposeResult:
        material = self.app.material
        yield ChecklistView(
            material.checklists[READINESS_CHECKLIST],
            material.text["checklist"],
            id="steps-readiness",
        )
        with Vertical(id="steps-gate", classes="steps-box") as box:
            box.border_title = self.texts["gate_title"]
            yield Static("", id="steps-gate-lines", markup=False)

    def show(self, program: ProgramState, status: Status | None) -> None:
        material, texts = self.app.material, self.texts
        if safety_level(material, program) == "stop":
            lines = [texts["progress_4_stop"]]
        else:
            gate = step4_gate_for(material, program, status)
            if gate.open:
                lines = [texts["gate_open"]]
            else:
                lines = [gate_days_line(gate, texts)]
                missing = len(gate.missing)
                lines.append(
                    _count(texts, "gate_items", missing) if missing else texts["gate_items_none"]
                )
        self.query_one("#steps-gate-lines", Static).update(Content("\n".join(lines)))


# Step 4: reconnect -------------------------------------------------------------------------


class ReconnectTools(StepsTools):
    """Step 4: not advised, locked (with what is missing), or the stages, checker and notes."""

    def __init__(self, texts: Mapping[str, str], *, id: str | None = None) -> None:
        super().__init__(texts, id=id)
        self.state = ""
        self._notes_idle: Timer | None = None

    def _state(self, program: ProgramState, status: Status | None) -> str:
        return step4_state(self.app.material, program, status)

    def compose(self) -> ComposeResult:
        app, texts = self.app, self.texts
        material, program = app.material, app.program
        self.state = self._state(program, app.status)
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
                material.rules, texts, program.answer(CHECKER_DRAFT), id="steps-checker"
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
        for line in self.query(".steps-message"):
            line.display = False

    def show(self, program: ProgramState, status: Status | None) -> None:
        state = self._state(program, status)
        if state != self.state:
            self.flush()
            self.recompose()
            return
        if state == "locked":
            gate = step4_gate_for(self.app.material, program, status)
            texts = self.texts
            self.query_one("#steps-locked-days", Static).update(gate_days_line(gate, texts))
            items = texts["locked_missing"] if gate.missing else texts["locked_ready"]
            self.query_one("#steps-locked-items", Static).update(items)
            self.query_one(BulletList).lines = tuple(item.text for item in gate.missing)
        elif state == "open":
            self.query_one(StageTracker).show(program.stages)

    def focus_checker(self) -> None:
        """Put the cursor in the draft of the message checker."""
        for area in self.query("#checker-draft"):
            area.focus()

    def on_stage_tracker_marked(self, event: StageTracker.Marked) -> None:
        event.stop()
        service, stage_id = self.app.service, event.stage_id
        on = self.app.today if event.done else None
        self.save(
            lambda: service.set_stage(stage_id, on), "#steps-stages-message", lambda state: ""
        )

    def on_message_checker_checked(self, event: MessageChecker.Checked) -> None:
        event.stop()
        self._save_answer(CHECKER_DRAFT, event.text, "#steps-checker-message")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "steps-notes":
            return
        event.stop()
        if self._notes_idle is not None:
            self._notes_idle.stop()
        self._notes_idle = self.set_timer(NOTES_IDLE_SECONDS, self._save_notes)

    def _save_notes(self) -> None:
        if self._notes_idle is not None:
            self._notes_idle.stop()
            self._notes_idle = None
        for notes in self.query("#steps-notes").results(TextArea):
            self._save_answer(TALK_NOTES, notes.text, "#steps-notes-message")

    def _save_answer(self, key: str, text: str, message_line: str) -> None:
        if text == self.app.program.answer(key):
            return
        service, now = self.app.service, self.app.now()
        self.save(lambda: service.save_answer(key, text, now), message_line, lambda state: "")

    def flush(self) -> None:
        for checker in self.query(MessageChecker):
            self._save_answer(CHECKER_DRAFT, checker.text, "#steps-checker-message")
        self._save_notes()


TOOLS: dict[int, type[StepsTools]] = {
    1: NoContactTools,
    2: FocusTools,
    3: RespectTools,
    4: ReconnectTools,
}


# The overview ------------------------------------------------------------------------------


class StepCard(Static, can_focus=True):
    """One step in the overview: its title and the user's progress. Enter or a click opens it."""

    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("down", "app.focus_next", "Next", show=False),
        Binding("up", "app.focus_previous", "Previous", show=False),
    ]

    @dataclass
    class Open(Message):
        """Open step `number`."""

        number: int

    def __init__(self, number: int) -> None:
        super().__init__("", id=f"step-card-{number}", classes="step-card")
        self.number = number

    def action_open(self) -> None:
        self.post_message(self.Open(self.number))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_open()


# The screen ------------------------------------------------------------------------------------


class StepsScreen(Screen[None]):
    """The four steps (`number` None) or one of them (1-4)."""

    if TYPE_CHECKING:
        app: ExBackApp

    BINDINGS = [
        Binding("c", "contacted", "I contacted them"),
        Binding("r", "they_contacted", "They contacted me"),
        Binding("a", "necessary", "Necessary contact"),
        Binding("m", "checker", "Check a message"),
        Binding("1", "open(1)", "Pick", key_display="1-4"),
        Binding("2", "open(2)", "Pick", show=False),
        Binding("3", "open(3)", "Pick", show=False),
        Binding("4", "open(4)", "Pick", show=False),
        Binding("left_square_bracket", "move(-1)", "Previous", key_display="["),
        Binding("right_square_bracket", "move(1)", "Next", key_display="]"),
        Binding("escape", "back", "Back", key_display="esc"),
    ]
    # Actions that belong to one step only.
    STEP_ACTIONS = {"contacted": 1, "they_contacted": 1, "necessary": 1, "checker": 4}

    def __init__(self, number: int | None = None) -> None:
        super().__init__(classes="-overview" if number is None else f"-step-{number}")
        if number is not None and not 1 <= number <= STEP_COUNT:
            raise ValueError(f"There are {STEP_COUNT} steps, not {number}.")
        self.number = number
        self.texts: Mapping[str, str] = {}

    def compose(self) -> ComposeResult:
        material = self.app.material
        self.texts = texts = material.text["steps"]
        if self.number is None:
            yield Static(texts["header_overview"], id="steps-header", markup=False)
            with VerticalScroll(id="steps-overview"):
                yield Static(texts["overview_intro"], id="steps-intro", markup=False)
                for number in range(1, STEP_COUNT + 1):
                    yield StepCard(number)
        else:
            header = texts["header_step"].format(number=self.number)
            yield Static(header, id="steps-header", markup=False)
            with Horizontal(id="steps-columns"):
                with VerticalScroll(id="steps-page"):
                    yield PageView(material.steps_pages[self.number - 1])
                with VerticalScroll(id="steps-tools"):
                    yield TOOLS[self.number](texts, id=f"steps-tools-{self.number}")
        yield KeyBar(self._key_bindings(), id="steps-keys")

    def _key_bindings(self) -> list[Binding]:
        shown = [
            b
            for b in self.BINDINGS
            if isinstance(b, Binding) and self._applies(b.action.partition("(")[0])
        ]
        today = Binding("t", "today", "Today")
        return [*shown, today, *(b for b in self.app.BINDINGS if b.key not in ("s", "t"))]

    def _applies(self, action: str) -> bool:
        step = self.STEP_ACTIONS.get(action)
        if step is None:
            return True
        if step != self.number:
            return False
        if action == "checker":
            return step4_state(self.app.material, self.app.program, self.app.status) == "open"
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._applies(action)

    def on_mount(self) -> None:
        self.watch(self.app, "program", self._show, init=False)
        self.watch(self.app, "status", self._show)
        if self.number is None:
            self.query_one(StepCard).focus()
        else:
            self.query_one("#steps-page").focus()

    @property
    def tools(self) -> StepsTools | None:
        """The step's tools (None on the overview)."""
        found = self.query(StepsTools)
        return found.first() if found else None

    def _show(self, _: object = None) -> None:
        app = self.app
        if self.number is None:
            self._show_overview()
            return
        tools = self.tools
        if tools is not None:
            tools.show(app.program, app.status)

    def _show_overview(self) -> None:
        material, texts, app = self.app.material, self.texts, self.app
        for card in self.query(StepCard):
            number = card.number
            line = step_progress(number, material, app.program, app.status, texts)
            card.update(
                Content.assemble(
                    (f"{number}  ", "bold"),
                    (material.steps_pages[number - 1].title, "bold"),
                    "\n",
                    line,
                )
            )

    # Step actions -----------------------------------------------------------------------

    def action_contacted(self) -> None:
        if isinstance(self.tools, NoContactTools):
            self.tools.contacted()

    def action_they_contacted(self) -> None:
        if isinstance(self.tools, NoContactTools):
            self.tools.they_contacted()

    def action_necessary(self) -> None:
        if isinstance(self.tools, NoContactTools):
            self.tools.focus_necessary()

    def action_checker(self) -> None:
        if isinstance(self.tools, ReconnectTools):
            self.tools.focus_checker()

    # Moving --------------------------------------------------------------------------------

    def on_step_card_open(self, event: StepCard.Open) -> None:
        event.stop()
        self.action_open(event.number)

    def keep_unsaved(self) -> None:
        """The app is quitting: save the draft and notes typed (the app waits for the saves)."""
        self._flush()

    def _flush(self) -> None:
        tools = self.tools
        if tools is not None:
            tools.flush()

    def action_open(self, number: int) -> None:
        if number == self.number:
            return
        self._flush()
        if self.number is None:
            self.app.push_screen(StepsScreen(number))
        else:
            self.app.switch_screen(StepsScreen(number))

    def action_move(self, step: int) -> None:
        if self.number is None:
            self.action_open(1 if step > 0 else STEP_COUNT)
            return
        number = self.number + step
        if 1 <= number <= STEP_COUNT:
            self.action_open(number)

    def action_back(self) -> None:
        self._flush()
        self.app.pop_screen()
