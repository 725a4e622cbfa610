"""Big question 4, the steps: the four steps, the user's progress in each, a way into each."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Static

from exback_tui.domain.progress import EMPTY_PROGRAM, READINESS_CHECKLIST, ProgramState
from exback_tui.domain.status import Status
from exback_tui.domain.step_progress import StepProgress, step_progress
from exback_tui.material import Material
from exback_tui.screens.paged import PAGE_COUNT, PagedScreen
from exback_tui.screens.questions.words import days_text


def compose_tools(screen: PagedScreen, texts: Mapping[str, str]) -> ComposeResult:
    """What the user does in big question 4: see the steps and go into one."""
    overview = StepsOverview(
        screen.material, texts, screen.program, screen.status, id="steps-overview"
    )
    yield overview.data_bind(PagedScreen.program, PagedScreen.status)


class StepRow(Horizontal):
    """One step in the overview of big question 4: its progress and a way in."""

    def __init__(self, number: int, open_label: str) -> None:
        super().__init__(classes="step-row")
        self.number = number
        self._open_label = open_label

    def compose(self) -> ComposeResult:
        yield Static("", classes="step-text")
        yield Button(Content(self._open_label), classes="step-open", compact=True)


def step_lines(
    material: Material, program: ProgramState, status: Status | None, texts: Mapping[str, str]
) -> list[str]:
    """The user's progress in each of the four steps, one line each."""
    progress = step_progress(
        program,
        status.progress if status is not None else None,
        plan_areas=material.plan_areas,
        readiness=material.checklists[READINESS_CHECKLIST],
        stages=material.stages,
        concerns=material.concerns,
    )
    running = progress.no_contact
    if running is None:
        step1 = texts["step1_not_started"]
    else:
        step1 = texts["step1"].format(
            days=days_text(running.days_done, texts), target=running.target_days
        )
    if progress.plan_lines:
        step2 = texts["step2"].format(done=progress.plan_done, total=progress.plan_lines)
    else:
        step2 = texts["step2_empty"]
    step3 = texts["step3"].format(ticked=progress.ready_ticked, total=progress.ready_total)
    step4 = texts["step4"].format(done=progress.stages_done, total=progress.stages_total)
    return [step1, step2, step3, f"{step4} {step4_note(progress, texts)}"]


def step4_note(progress: StepProgress, texts: Mapping[str, str]) -> str:
    """Whether step 4 is open, locked (and what is missing) or not advised."""
    if progress.step4 == "stop":
        return texts["step4_not_advised"]
    if progress.step4 == "open":
        return texts["step4_open"]
    gate = progress.gate
    missing = []
    if gate.no_plan:
        missing.append(texts["step4_no_plan"])
    elif gate.days_left:
        missing.append(texts["step4_days_left"].format(days=days_text(gate.days_left, texts)))
    if gate.missing:
        missing.append(texts["step4_missing"].format(count=len(gate.missing)))
    return texts["step4_locked"].format(missing=", ".join(missing))


class StepsOverview(Vertical):
    """Big question 4's tools: the four steps, the user's progress in each, a way into each.

    Shows the program and status it is given; a step's button posts `OpenStep`.
    """

    program: reactive[ProgramState] = reactive(EMPTY_PROGRAM, init=False)
    status: reactive[Status | None] = reactive(None, init=False)

    @dataclass
    class OpenStep(Message):
        """Open step `number` (of the four steps)."""

        overview: StepsOverview
        number: int

        @property
        def control(self) -> StepsOverview:
            return self.overview

    def __init__(
        self,
        material: Material,
        texts: Mapping[str, str],
        program: ProgramState,
        status: Status | None,
        *,
        id: str,
    ) -> None:
        super().__init__(id=id)
        self.material = material
        self.texts = texts
        self.set_reactive(StepsOverview.program, program)
        self.set_reactive(StepsOverview.status, status)

    def compose(self) -> ComposeResult:
        yield Static(self.texts["steps_title"], classes="section-title", markup=False)
        for number in range(1, PAGE_COUNT + 1):
            yield StepRow(number, self.texts["open_step"].format(number=number))

    def on_mount(self) -> None:
        self._refresh_lines()

    def watch_program(self) -> None:
        self._refresh_lines()

    def watch_status(self) -> None:
        self._refresh_lines()

    def _refresh_lines(self) -> None:
        material = self.material
        lines = step_lines(material, self.program, self.status, self.texts)
        for row, line in zip(self.query(StepRow), lines, strict=True):
            title = material.steps_pages[row.number - 1].title
            text = Content.assemble(
                (self.texts["step_heading"].format(number=row.number, title=title), "bold"),
                "\n",
                line,
            )
            row.query_one(".step-text", Static).update(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        row = next((a for a in event.button.ancestors if isinstance(a, StepRow)), None)
        if row is not None:
            self.post_message(self.OpenStep(self, row.number))
