"""Step 2, focus on you: the personal plan (a line per area, ticked when done) and the
kinder-thoughts reframer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from exback_tui.domain.progress import REFRAMES, ProgramState, plan_list
from exback_tui.domain.status import Status
from exback_tui.domain.text import printable
from exback_tui.screens.steps.tools import MAX_LINE_CHARS, StepsTools
from exback_tui.widgets.checklist import TickBox
from exback_tui.widgets.safe_input import SafeInput


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
        texts, material = self.texts, self.material
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
        service, today = self.app.service, self.today
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

        self.app.saves.program(call, done, failed)

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
        service, today = self.app.service, self.today

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

        self.app.saves.program(lambda: service.update_item(item_id, done=done_now), failed=failed)
