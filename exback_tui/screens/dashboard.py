"""Today: the countdown, the check-in, the step's action for today and the attempts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from exback_tui.domain.progress import ProgramState
from exback_tui.domain.status import Status
from exback_tui.screens.dialogs.slip import SlipDialog
from exback_tui.widgets.attempts import AttemptHistory
from exback_tui.widgets.checkin import CheckInForm
from exback_tui.widgets.countdown import Countdown
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.today_action import TodayAction
from exback_tui.widgets.trends import Trends

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp
    from exback_tui.material import Material


class DashboardScreen(Screen[None]):
    """The screen exback opens on every morning."""

    if TYPE_CHECKING:
        app: ExBackApp

    def compose(self) -> ComposeResult:
        material = self.material
        with Horizontal(id="dashboard-top"):
            yield Static("", id="dashboard-hard-date", markup=False)
            yield Static("", id="dashboard-date")
        yield Static("", id="dashboard-clock-note", markup=False)
        with Horizontal(id="dashboard-columns"):
            with Vertical(id="dashboard-left"):
                yield Countdown(material.milestones, id="countdown")
                yield AttemptHistory(material.text["dashboard"]["attempt_none"], id="attempts")
            with Vertical(id="dashboard-right"):
                yield CheckInForm(material.text["checkin"], id="checkin")
                yield TodayAction(material.actions, material.milestones, id="today-in-step")
                yield Trends(id="trends")
        yield KeyBar([*self._key_bar_bindings(), self.app.PALETTE_BINDING])

    AUTO_FOCUS = "#mood"

    BINDINGS = [Binding("d", "app.hard_dates", "Dates", tooltip="Hard dates")]

    def _key_bar_bindings(self) -> list[Binding]:
        """The app's keys with this screen's just before `?`: at 80 columns the bar
        then ends with `? Keys` (the pairs that don't fit are left out from the end)."""
        keys = [b for b in self.app.BINDINGS if isinstance(b, Binding)]
        at = next((i for i, b in enumerate(keys) if b.action == "help"), len(keys))
        here = [b for b in self.BINDINGS if isinstance(b, Binding)]
        return [*keys[:at], *here, *keys[at:]]

    def action_check_in(self) -> None:
        """To the check-in's first answer (from the palette)."""
        self.query_one("#mood").focus()

    def __init__(self, material: Material) -> None:
        super().__init__()
        self.material = material
        # Kept messages already asked about while this dashboard is open ("not now" too).
        self._urges_asked: set[str] = set()
        self._painted = False

    def on_mount(self) -> None:
        self.watch(self.app, "status", self.show_status)
        self.watch(self.app, "journal", self._show_trends, init=False)
        self.query_one("#dashboard-hard-date").display = False
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Hard dates and kept messages: after the first paint, so they never delay it."""
        self._painted = True
        self.watch(self.app, "program", self._show_hard_dates)
        self.watch(self.app, "today", self._show_hard_dates_today, init=False)
        self._offer_due_urges()

    def on_screen_resume(self) -> None:
        if self._painted:
            self._offer_due_urges()

    def _offer_due_urges(self) -> None:
        """Ask about kept messages waiting 24 hours, unless a dialog is already up."""
        if self.is_current and self.app.program.urges:
            from exback_tui.screens.urge import offer_due_urges

            offer_due_urges(self.app, self._urges_asked)

    def _show_hard_dates_today(self, today: object) -> None:
        self._show_hard_dates(self.app.program)

    def _show_hard_dates(self, program: ProgramState) -> None:
        """A calm line three days before a hard date and on the day."""
        line = self.query_one("#dashboard-hard-date", Static)
        text = ""
        if program.hard_dates:
            from exback_tui.domain.hard_dates import upcoming
            from exback_tui.screens.hard_dates import warning_text

            coming = upcoming(program.hard_dates, self.app.today, within=3)
            if coming:
                text = warning_text(coming, self.material.text["hard_dates"])
        line.update(text)
        line.display = bool(text)

    def show_status(self, status: Status) -> None:
        """Redraw everything from `status` (after a save or when the day changes)."""
        if status.plan is None or status.progress is None:
            return
        progress = status.progress
        self.query_one("#dashboard-date", Static).update(status.today.strftime("%A %-d %B %Y"))
        note = self.query_one("#dashboard-clock-note", Static)
        note.display = progress.clock_behind
        if progress.clock_behind:
            note.update(
                self.material.text["dashboard"]["clock_behind"].format(
                    today=status.today.isoformat(), latest=progress.latest_recorded.isoformat()
                )
            )
        self.query_one(Countdown).progress = progress
        self.query_one(AttemptHistory).show(status.plan, status.today)
        self.query_one(TodayAction).show(progress)
        self.query_one(Trends).show(status.checkins, status.today, self.app.journal)
        form = self.query_one(CheckInForm)
        if form.shown_date != status.today or form.shown != status.checkin_today:
            form.show(status.checkin_today, status.today)

    def _show_trends(self, journal: object) -> None:
        status = self.app.status
        if status is not None:
            self.query_one(Trends).show(status.checkins, status.today, self.app.journal)

    def on_check_in_form_submitted(self, event: CheckInForm.Submitted) -> None:
        status = self.app.status
        if status is None:  # the form is only shown once the status is known
            return
        before = status.checkin_today
        if event.contacted and not (before is not None and before.contacted):
            days_done = status.progress.days_done if status.progress else 0
            dialog = SlipDialog(self.material.text["slip"], days_done)
            self.app.push_screen(dialog, lambda trigger: self._after_slip_dialog(event, trigger))
            return
        self._save_check_in(event, "")

    def _after_slip_dialog(self, event: CheckInForm.Submitted, trigger: str | None) -> None:
        if trigger is None:
            self.query_one(CheckInForm).say("Nothing was saved.")
            return
        self._save_check_in(event, trigger)

    def _save_check_in(self, event: CheckInForm.Submitted, trigger: str) -> None:
        today = self.app.today
        service = self.app.service
        updating = self.app.status is not None and self.app.status.checkin_today is not None
        texts = self.material.text["checkin"]

        def saved(status: Status) -> None:
            self.query_one(CheckInForm).say(texts["updated"] if updating else texts["saved"])

        def failed(error: Exception) -> None:
            self.query_one(CheckInForm).say(str(error), error=True)

        self.app.saves.plan(
            lambda: service.check_in(today, event.mood, event.urge, event.contacted, trigger),
            saved,
            failed,
        )
