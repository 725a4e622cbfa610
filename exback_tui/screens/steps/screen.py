"""The four steps: an overview with the user's progress, then one screen per step.

`StepsScreen(None)` lists the four steps; `1`-`4` open one, `[` and `]` go to
the previous and next, escape goes back (the shared `PagedScreen`). A step
shows its page (content/steps/N.md) on the left and, beside it, what the
user does there: its tools, one module per step in this package.

Every word that is not the material's own comes from content/screens/steps.toml.
User text is shown literally (printable, never markup).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from exback_tui.domain.gates import step4_state
from exback_tui.domain.progress import READINESS_CHECKLIST
from exback_tui.domain.step_progress import StepProgress, step_progress
from exback_tui.screens.paged import NAVIGATION, PAGE_COUNT, PagedScreen
from exback_tui.screens.steps.focus import FocusTools
from exback_tui.screens.steps.no_contact import NoContactTools
from exback_tui.screens.steps.reconnect import ReconnectTools
from exback_tui.screens.steps.respect import RespectTools
from exback_tui.screens.steps.tools import StepsTools, count_text
from exback_tui.textual_fixes import styled_alone_on_focus
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.page import PageView
from exback_tui.widgets.page_card import PageCard

if TYPE_CHECKING:
    from exback_tui.material import Material

TOOLS: dict[int, type[StepsTools]] = {
    1: NoContactTools,
    2: FocusTools,
    3: RespectTools,
    4: ReconnectTools,
}


def step_progress_line(number: int, progress: StepProgress, texts: Mapping[str, str]) -> str:
    """One line of the user's progress in step `number`, in the screen's words."""
    if number == 1:
        running = progress.no_contact
        if running is None:
            return texts["missing_no_plan"]
        key = "progress_1_goal" if running.target_met else "progress_1"
        return texts[key].format(
            done=running.days_done, target=running.target_days, attempt=running.attempts
        )
    if number == 2:
        if not progress.plan_lines and not progress.reframes:
            return texts["progress_2_empty"]
        return texts["progress_2"].format(
            done=progress.plan_done, lines=progress.plan_lines, reframes=progress.reframes
        )
    if number == 3:
        return texts["progress_3"].format(ticked=progress.ready_ticked, total=progress.ready_total)
    if progress.step4 == "stop":
        return texts["progress_4_stop"]
    if progress.step4 == "open":
        return texts["progress_4_open"].format(
            done=progress.stages_done, total=progress.stages_total
        )
    gate = progress.gate
    missing = []
    if gate.no_plan:
        missing.append(texts["missing_no_plan"])
    elif gate.days_left > 0:
        missing.append(count_text(texts, "missing_days", gate.days_left))
    if gate.missing:
        missing.append(count_text(texts, "missing_items", len(gate.missing)))
    return texts["progress_4_locked"].format(missing=texts["missing_join"].join(missing))


class StepsScreen(PagedScreen):
    """The four steps (`number` None) or one of them (1-4)."""

    PAGE_NAME = "steps"
    PAGE_CLASS = "-step"
    BINDINGS = [
        Binding("c", "contacted", "I contacted them"),
        Binding("r", "they_contacted", "They contacted me"),
        Binding("a", "necessary", "Necessary contact"),
        Binding("m", "checker", "Check a message"),
        *NAVIGATION,
    ]
    # Actions that belong to one step only.
    STEP_ACTIONS = {"contacted": 1, "they_contacted": 1, "necessary": 1, "checker": 4}

    def __init__(self, number: int | None, material: Material) -> None:
        super().__init__(number, material)
        self.texts: Mapping[str, str] = {}

    def compose_page(self) -> ComposeResult:
        material = self.material
        self.texts = texts = material.text["steps"]
        if self.number is None:
            yield Static(texts["header_overview"], id="steps-header", markup=False)
            with VerticalScroll(id="steps-overview"):
                yield Static(texts["overview_intro"], id="steps-intro", markup=False)
                for number in range(1, PAGE_COUNT + 1):
                    yield PageCard(number, id=f"step-card-{number}", classes="step-card")
        else:
            header = texts["header_step"].format(number=self.number)
            yield Static(header, id="steps-header", markup=False)
            with Horizontal(id="steps-columns"):
                with styled_alone_on_focus(VerticalScroll(id="steps-page")):
                    yield PageView(material.steps_pages[self.number - 1])
                with VerticalScroll(id="steps-tools"):
                    tools = TOOLS[self.number](
                        texts,
                        material,
                        program=self.program,
                        status=self.status,
                        today=self.today,
                        delays=self.delays,
                        id=f"steps-tools-{self.number}",
                    )
                    yield tools.data_bind(
                        PagedScreen.program, PagedScreen.status, PagedScreen.today
                    )
        yield KeyBar(self._key_bindings(), id="steps-keys")

    def _key_bindings(self) -> list[Binding]:
        shown = [
            b
            for b in self.BINDINGS
            if isinstance(b, Binding) and self._applies(b.action.partition("(")[0])
        ]
        today = Binding("t", "today", "Today")
        kept = (b for b in self.app.BINDINGS if isinstance(b, Binding) and b.key not in ("s", "t"))
        return [*shown, today, *kept]

    def _applies(self, action: str) -> bool:
        step = self.STEP_ACTIONS.get(action)
        if step is None:
            return True
        if step != self.number:
            return False
        if action == "checker":
            return self._step4_state() == "open"
        return True

    def _step4_state(self) -> str:
        material, status = self.material, self.status
        progress = status.progress if status is not None else None
        return step4_state(
            material.concerns,
            material.checklists[READINESS_CHECKLIST],
            self.program,
            None if progress is None else progress.days_done,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._applies(action) and super().check_action(action, parameters)

    def on_mount(self) -> None:
        if self.number is None:
            self._show_overview()
        self.focus_start()

    def page_body(self) -> str:
        return "#steps-page"

    def opened_again(self) -> None:
        super().opened_again()
        tools = self.tools
        if tools is not None:
            tools.opened_again()

    @property
    def tools(self) -> StepsTools | None:
        """The step's tools (None on the overview)."""
        found = self.query(StepsTools)
        return found.first() if found else None

    def on_reconnect_tools_rebuilt(self, event: ReconnectTools.Rebuilt) -> None:
        """Step 4 opened (or closed): its keys change with it."""
        event.stop()
        self.query_one("#steps-keys", KeyBar).show_bindings(self._key_bindings())
        self.refresh_bindings()

    def watch_program(self) -> None:
        self._show_overview()

    def watch_status(self) -> None:
        self._show_overview()

    def _show_overview(self) -> None:
        """The overview's cards (a step's tools follow the state themselves)."""
        if self.number is not None:
            return
        material, texts, status = self.material, self.texts, self.status
        progress = step_progress(
            self.program,
            status.progress if status is not None else None,
            plan_areas=material.plan_areas,
            readiness=material.checklists[READINESS_CHECKLIST],
            stages=material.stages,
            concerns=material.concerns,
        )
        for card in self.query(PageCard):
            number = card.number
            line = step_progress_line(number, progress, texts)
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

    # Leaving ------------------------------------------------------------------------------

    def keep_unsaved(self) -> None:
        """Save the draft and notes typed (leaving the step, or the app quitting)."""
        tools = self.tools
        if tools is not None:
            tools.flush()
