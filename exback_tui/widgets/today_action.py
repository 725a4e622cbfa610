"""Today in step N: one concrete thing to do, and a milestone message on the day."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from exback_tui.domain.material import Action, MilestoneText
from exback_tui.domain.plan import Progress
from exback_tui.domain.program import action_for_day


class TodayAction(Vertical):
    """The action of the day for the current step (step 1 until later steps exist)."""

    def __init__(
        self,
        actions: tuple[Action, ...],
        milestones: dict[str, MilestoneText],
        step: int = 1,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._actions = tuple(a for a in actions if a.step == step)
        self._milestones = milestones
        self.border_title = f"Today in step {step}"

    def compose(self) -> ComposeResult:
        yield Static("", id="today-milestone")
        yield Static("", id="today-action")

    def show(self, progress: Progress) -> None:
        """Pick the action and any milestone message for this progress."""
        action = action_for_day(self._actions, progress.days_done, progress.target_days)
        self.query_one("#today-action", Static).update(action.text)
        milestone = self.query_one("#today-milestone", Static)
        reached = progress.milestone_today
        milestone.display = reached is not None
        if reached is not None:
            text = self._milestones[reached.key]
            milestone.update(f"{text.title}: {text.message}")
