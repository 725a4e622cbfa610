"""Today in step N: one concrete thing to do, and a milestone message on the day."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from exback_tui.domain.daily import Action, MilestoneText
from exback_tui.domain.plan import Progress
from exback_tui.domain.program import action_for_day


class TodayAction(Widget):
    """The action of the day for the current step (step 1 until later steps exist).

    One widget drawing both the milestone message (on the day) and the action keeps
    the dashboard quick to start.
    """

    COMPONENT_CLASSES = {"today-action--milestone"}

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
        self.action_text = ""
        self._milestone_text: str | None = None

    def show(self, progress: Progress) -> None:
        """Pick the action and any milestone message for this progress."""
        self.action_text = action_for_day(
            self._actions, progress.days_done, progress.target_days
        ).text
        reached = progress.milestone_today
        self._milestone_text = None
        if reached is not None:
            text = self._milestones[reached.key]
            self._milestone_text = f"{text.title}: {text.message}"
        self.refresh(layout=True)

    def render(self) -> Content:
        action = Content.from_markup(self.action_text)
        if self._milestone_text is None:
            return action
        style = self.get_visual_style("today-action--milestone")
        milestone = Content.from_markup(self._milestone_text).stylize_before(style)
        return Content("\n\n").join([milestone, action])  # a blank line between
