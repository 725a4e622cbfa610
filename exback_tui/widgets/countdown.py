"""The no-contact countdown: the day number, the bar to the target and the streaks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Label, Static

from exback_tui.content import MilestoneText
from exback_tui.domain.plan import MINIMUM_DAYS, Progress
from exback_tui.widgets.milestone_bar import MilestoneBar


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


class Countdown(Vertical):
    """Shows a `Progress`. The parent sets `progress`; nothing here reads the clock."""

    progress: reactive[Progress | None] = reactive(None)

    def __init__(self, milestones: dict[str, MilestoneText], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._milestones = milestones
        self.border_title = "No contact"

    def compose(self) -> ComposeResult:
        with Horizontal(id="countdown-day"):
            yield Label("Day", id="countdown-label")
            yield Digits("", id="countdown-number")
        yield MilestoneBar(id="countdown-bar")
        yield Static("", id="countdown-done")
        yield Static("", id="countdown-minimum")
        yield Static("", id="countdown-next")
        yield Static("", id="countdown-streaks")
        yield Static("", id="countdown-attempts")

    def watch_progress(self, progress: Progress | None) -> None:
        if progress is None or not self.is_mounted:
            return
        self.query_one("#countdown-number", Digits).update(str(progress.day_number))
        bar = self.query_one("#countdown-bar", MilestoneBar)
        bar.days_done = progress.days_done
        bar.target_days = progress.target_days
        self.query_one("#countdown-done", Static).update(self._done(progress))
        self.query_one("#countdown-minimum", Static).update(self._minimum(progress))
        self.query_one("#countdown-next", Static).update(self._next(progress))
        self.query_one("#countdown-streaks", Static).update(
            f"Streak {progress.current_streak} · Longest {progress.longest_streak}"
        )
        self.query_one("#countdown-attempts", Static).update(
            f"Attempts {progress.attempts} · Total {_days(progress.total_days)}"
        )

    def on_mount(self) -> None:
        self.watch_progress(self.progress)

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
