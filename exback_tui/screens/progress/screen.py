"""Progress (`p`): every attempt, the check-in calendar and the week-by-week trends.

Imported only when `p` is first pressed, so the dashboard's start-up pays
nothing for it. The figures come from `domain.figures`, the same functions
`exback week` and `exback report` use. One scrolling column: readable at
80x24, and at 160x48 the calendar and the trends use the whole width.

Built once per app and shown again on every `p` (the app keeps it): opening
it again costs no composing, mounting or styling of its widgets. While it is
not showing, a change of the status, the program or the journal only marks
it out of date; it draws again when it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from exback_tui.domain.figures import (
    attempt_bars,
    history_start,
    triggers_ranked,
    weekly_series,
)
from exback_tui.domain.text import printable
from exback_tui.screens.kept import KeptScreen
from exback_tui.screens.progress.charts import (
    AttemptTimeline,
    CheckinCalendar,
    TriggerList,
    WeeklyTrends,
)
from exback_tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp
    from exback_tui.domain.journal import Entry


class ProgressScreen(KeptScreen):
    """How far the person has come; Escape goes back."""

    if TYPE_CHECKING:
        app: ExBackApp

    AUTO_FOCUS = "#progress-body"

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("pagedown", "scroll('page_down')", "Page down"),
        Binding("pageup", "scroll('page_up')", "Page up"),
        Binding("home", "scroll('home')", "Top", show=False),
        Binding("end", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self, texts: Mapping[str, Any]) -> None:
        super().__init__()
        self._texts = texts
        self._out_of_date = False

    def compose(self) -> ComposeResult:
        texts = self._texts
        yield Static(texts["title"], id="progress-title", markup=False)
        with VerticalScroll(id="progress-body"):
            yield Static(texts["intro"], id="progress-intro", markup=False)
            yield Static("", id="progress-summary", markup=False)
            # Each section's heading and legend are drawn by its chart: fewer widgets.
            yield AttemptTimeline(
                id="progress-timeline",
                heading=texts["timeline_title"],
                legend=texts["timeline_legend"],
            )
            yield CheckinCalendar(
                id="progress-calendar",
                heading=texts["calendar_title"],
                legend=texts["calendar_legend"],
            )
            yield WeeklyTrends(
                id="progress-trends", heading=texts["trends_title"], legend=texts["trends_legend"]
            )
            yield TriggerList(id="progress-triggers", heading=texts["triggers_title"])
        yield KeyBar([*self.BINDINGS, *self.app.BINDINGS])

    def on_mount(self) -> None:
        self.watch(self.app, "status", lambda _: self._changed(), init=False)
        self.watch(self.app, "journal", lambda _: self._changed(), init=False)
        self.watch(self.app, "program", lambda _: self._changed(), init=False)
        self.show_history()
        self.app.load_journal()

    def _changed(self) -> None:
        """What it shows changed: draw now if showing, else when it is shown again."""
        if self.is_current:
            self.show_history()
        else:
            self._out_of_date = True

    def on_screen_resume(self) -> None:
        # Before the frame that shows it, so it never shows figures out of date.
        if self._out_of_date:
            self.show_history()

    def opened_again(self) -> None:
        """Shown again by its key: back at the top, as a new screen would be."""
        self.query_one("#progress-body", VerticalScroll).scroll_home(animate=False)

    def show_history(self) -> None:
        """Draw everything from the app's status and journal (entries once it is loaded)."""
        self._out_of_date = False
        texts = self._texts
        status = self.app.status
        plan = None if status is None else status.plan
        summary = self.query_one("#progress-summary", Static)
        if status is None or plan is None:
            summary.update(texts["no_plan"])
            return
        today = status.today
        checkins = status.checkins
        journal: tuple[Entry, ...] = self.app.journal or ()
        entry_days = [e.day for e in journal if e.deleted is None]
        first = history_start(plan, checkins)
        progress = plan.progress(today)
        summary.update(
            str(texts["summary"]).format(
                day=progress.day_number,
                attempts=progress.attempts,
                longest=progress.longest_streak,
                total=progress.total_days,
                checkins=len(checkins),
            )
        )
        self.query_one(AttemptTimeline).show(
            attempt_bars(plan, today), plan.target_days, texts["trigger_unnamed"]
        )
        self.query_one(CheckinCalendar).show(checkins, first, today)
        weeks = weekly_series(
            first, today, checkins, plan.attempts, entry_days, self.app.program.urges
        )
        labels = (texts["mood_row"], texts["urge_row"], texts["resisted_row"], texts["entries_row"])
        self.query_one(WeeklyTrends).show(weeks, labels)
        ranked = triggers_ranked(plan.attempts)
        lines = []
        for trigger in ranked:
            name = printable(trigger.text) or texts["trigger_unnamed"]
            key = "trigger_times_one" if trigger.times == 1 else "trigger_times_many"
            lines.append(f"{texts[key].format(times=trigger.times):>9}  {name}")
        self.query_one(TriggerList).show("\n".join(lines) if lines else texts["triggers_none"])

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#progress-body", VerticalScroll)
        if where == "page_down":
            body.scroll_page_down(animate=False)
        elif where == "page_up":
            body.scroll_page_up(animate=False)
        elif where == "home":
            body.scroll_home(animate=False)
        else:
            body.scroll_end(animate=False)

    def action_back(self) -> None:
        self.dismiss()
