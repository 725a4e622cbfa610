"""Step 3, respect: the readiness checklist, and what step 4 still waits for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from exback_tui.domain.gates import safety_level
from exback_tui.domain.progress import READINESS_CHECKLIST, ProgramState
from exback_tui.domain.status import Status
from exback_tui.screens.steps.tools import StepsTools, count_text, gate_days_line
from exback_tui.widgets.checklist import ChecklistView


class RespectTools(StepsTools):
    """Step 3: the readiness checklist, and what step 4 still waits for."""

    def compose(self) -> ComposeResult:
        material = self.material
        yield ChecklistView(
            material.checklists[READINESS_CHECKLIST],
            material.text["checklist"],
            program=self.program,
            today=self.today,
            id="steps-readiness",
        ).data_bind(StepsTools.program, StepsTools.today)
        with Vertical(id="steps-gate", classes="steps-box") as box:
            box.border_title = self.texts["gate_title"]
            yield Static("", id="steps-gate-lines", markup=False)

    def show(self, program: ProgramState, status: Status | None) -> None:
        material, texts = self.material, self.texts
        if safety_level(material.concerns, program) == "stop":
            lines = [texts["progress_4_stop"]]
        else:
            gate = self.step4_gate(program, status)
            if gate.open:
                lines = [texts["gate_open"]]
            else:
                lines = [gate_days_line(gate, texts)]
                missing = len(gate.missing)
                if missing:
                    lines.append(count_text(texts, "gate_items", missing))
                else:
                    lines.append(texts["gate_items_none"])
        self.query_one("#steps-gate-lines", Static).update(Content("\n".join(lines)))
