"""The no-contact countdown: the day number, the bar to the target and the streaks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label

from exback_tui.domain.material import MilestoneText
from exback_tui.domain.plan import MINIMUM_DAYS, Progress
from exback_tui.widgets.day_number import DayNumber
from exback_tui.widgets.milestone_bar import MilestoneBar


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


class CountdownFacts(Widget):
    """The lines under the bar: days done and to go, the next milestone, streaks.

    One widget drawing five lines keeps the dashboard quick to start.
    """

    COMPONENT_CLASSES = {"countdown-facts--next", "countdown-facts--quiet"}

    progress: reactive[Progress | None] = reactive(None, layout=True)

    def __init__(self, milestones: dict[str, MilestoneText], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._milestones = milestones

    def render(self) -> Content:
        progress = self.progress
        if progress is None:
            return Content("")
        next_style = self.get_visual_style("countdown-facts--next")
        quiet = self.get_visual_style("countdown-facts--quiet")
        return Content("\n").join(
            [
                Content(self._done(progress)),
                Content(self._minimum(progress)),
                Content.styled(self._next(progress), next_style),
                Content.styled(
                    f"Streak {progress.current_streak} · Longest {progress.longest_streak}", quiet
                ),
                Content.styled(
                    f"Attempts {progress.attempts} · Total {_days(progress.total_days)}", quiet
                ),
            ]
        )

    def _done(self, progress: Progress) -> str:
        done = f"{_days(progress.days_done)} done"
        if progress.target_met:
            return f"{done}: goal reached"
        return f"{done}, {progress.days_to_target} to your goal"

    def _minimum(self, progress: Progress) -> str:
        if progress.minimum_met:
            return f"The {MINIMUM_DAYS}-day minimum is met"
        return f"{progress.days_to_minimum} to the {MINIMUM_DAYS}-day minimum"

    def _next(self, progress: Progress) -> str:
        if progress.milestone_today is not None:
            text = self._milestones[progress.milestone_today.key]
            return f"Today: {text.title}!"
        upcoming = progress.next_milestone
        if upcoming is None:
            return "Every milestone reached. Keep going as long as it helps."
        title = self._milestones[upcoming.key].title
        return f"Next: {title}, in {_days(upcoming.days - progress.days_done)}"


class Countdown(Vertical):
    """Shows a `Progress`. The parent sets `progress`; nothing here reads the clock."""

    progress: reactive[Progress | None] = reactive(None, init=False)

    def __init__(
        self,
        milestones: dict[str, MilestoneText],
        progress: Progress | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._milestones = milestones
        self.set_reactive(Countdown.progress, progress)
        self.border_title = "No contact"

    def compose(self) -> ComposeResult:
        progress = self.progress
        with Horizontal(id="countdown-day"):
            yield Label("Day", id="countdown-label")
            yield DayNumber(
                "" if progress is None else str(progress.day_number), id="countdown-number"
            )
        bar = MilestoneBar(id="countdown-bar")
        facts = CountdownFacts(self._milestones, id="countdown-facts")
        if progress is not None:
            bar.set_reactive(MilestoneBar.days_done, progress.days_done)
            bar.set_reactive(MilestoneBar.target_days, progress.target_days)
            facts.set_reactive(CountdownFacts.progress, progress)
        yield bar
        yield facts

    def watch_progress(self, progress: Progress | None) -> None:
        if progress is None:
            return
        self.query_one("#countdown-number", DayNumber).update(str(progress.day_number))
        bar = self.query_one(MilestoneBar)
        bar.days_done = progress.days_done
        bar.target_days = progress.target_days
        self.query_one(CountdownFacts).progress = progress
