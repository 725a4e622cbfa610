"""Today: the countdown, the check-in, the step's action for today and the attempts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen

from exback_tui.domain.plan import ENDED_BY_SLIP, Attempt
from exback_tui.domain.progress import ProgramState
from exback_tui.domain.status import Status
from exback_tui.textual_fixes import (
    BreakpointsFromTheStart,
    KeepsStylesWhileHidden,
    NoFramesInABatch,
    OneLayoutPerSize,
)
from exback_tui.widgets.attempts import AttemptHistory
from exback_tui.widgets.checkin import CheckInForm
from exback_tui.widgets.countdown import Countdown
from exback_tui.widgets.dashboard_lines import DashboardLines
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.today_action import TodayAction
from exback_tui.widgets.trends import Trends

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp
    from exback_tui.material import Material
    from exback_tui.screens.dialogs.past_checkin import PastCheckIn


class DashboardScreen(
    BreakpointsFromTheStart,
    NoFramesInABatch,
    OneLayoutPerSize,
    KeepsStylesWhileHidden,
    Screen[None],
):
    """The screen exback opens on every morning."""

    if TYPE_CHECKING:
        app: ExBackApp

    def compose(self) -> ComposeResult:
        material = self.material
        yield DashboardLines(id="dashboard-top")
        # The two columns side by side, straight on the screen (styles/dashboard.tcss).
        with Vertical(id="dashboard-left"):
            yield Countdown(material.milestones, id="countdown")
            yield AttemptHistory(material.text["dashboard"]["attempt_none"], id="attempts")
        with Vertical(id="dashboard-right"):
            yield CheckInForm(material.text["checkin"], id="checkin")
            yield TodayAction(material.actions, material.milestones, id="today-in-step")
            yield Trends(id="trends")
        yield KeyBar([*self._key_bar_bindings(), self.app.PALETTE_BINDING])

    AUTO_FOCUS = "#mood"

    # A terminal with room to spare gets a larger day number (styles/countdown.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (160, "-wide"), (200, "-wider")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (45, "-tall"), (58, "-taller")]

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
        # Through the App: a screen's own call_after_refresh made while the App starts up
        # (inside its batch update) runs at once, before anything is drawn.
        self.app.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Hard dates and kept messages: after the first paint, so they never delay it."""
        self._painted = True
        self.watch(self.app, "program", self._show_hard_dates)
        self.watch(self.app, "program", self._show_trends, init=False)
        self.watch(self.app, "today", self._show_hard_dates_today, init=False)
        if self.app.status is not None:
            self._show_care(self.app.status)
        self._offer_due_urges()

    def on_screen_resume(self) -> None:
        if self._painted:
            self._offer_due_urges()
            self._offer_review()

    def _offer_due_urges(self) -> None:
        """Ask about kept messages waiting 24 hours, unless a dialog is already up."""
        if self.is_current and self.app.program.urges:
            from exback_tui.screens.urge import offer_due_urges

            offer_due_urges(self.app, self._urges_asked)

    def _show_hard_dates_today(self, today: object) -> None:
        self._show_hard_dates(self.app.program)

    def _offer_review(self) -> None:
        """Say the weekly review is ready, once its day has come (and the journal is loaded)."""
        if self._painted:
            from exback_tui.screens.review import review_is_due

            # A hard date's warning needs the whole line; the review can wait a day or two.
            lines = self.query_one(DashboardLines)
            due = not lines.warning and review_is_due(self.app)
            # Its words are read only once it is shown, not at first paint.
            lines.review = self.material.text["review"]["ready"] if due else ""

    def _show_hard_dates(self, program: ProgramState) -> None:
        """A calm line three days before a hard date and on the day."""
        text = ""
        if program.hard_dates:
            from exback_tui.domain.hard_dates import upcoming
            from exback_tui.screens.hard_dates import warning_text

            coming = upcoming(program.hard_dates, self.app.today, within=3)
            if coming:
                text = warning_text(coming, self.material.text["hard_dates"])
        self.query_one(DashboardLines).warning = text
        self._offer_review()

    def show_status(self, status: Status) -> None:
        """Redraw everything from `status` (after a save or when the day changes)."""
        if status.plan is None or status.progress is None:
            return
        progress = status.progress
        lines = self.query_one(DashboardLines)
        lines.date = status.today.strftime("%A %-d %B %Y")
        lines.clock = (
            self.material.text["dashboard"]["clock_behind"].format(
                today=status.today.isoformat(), latest=progress.latest_recorded.isoformat()
            )
            if progress.clock_behind
            else ""
        )
        self.query_one(Countdown).progress = progress
        self.query_one(AttemptHistory).show(status.plan, status.today)
        self.query_one(TodayAction).show(progress)
        self._show_trends(None)
        form = self.query_one(CheckInForm)
        slipped = status.plan.slipped_on(status.today)
        if (form.shown_date, form.shown, form.shown_slipped) != (
            status.today,
            status.checkin_today,
            slipped,
        ):
            form.show(status.checkin_today, status.today, slipped=slipped)
        if self._painted:
            self._show_care(status)

    def _show_care(self, status: Status) -> None:
        """A gentle line with the support key after a run of low check-ins (rule in content).

        After the first paint: the care rule is not read before the count is on screen.
        """
        from exback_tui.domain.care import low_run

        material = self.material
        low = low_run(material.care, status.checkins, status.today)
        self.query_one(DashboardLines).care = material.text["support"]["low_run"] if low else ""

    def _show_trends(self, changed: object) -> None:
        from exback_tui.domain.urges import urges_resisted

        status = self.app.status
        if status is not None:
            resisted = urges_resisted(self.app.program.urges)
            self.query_one(Trends).show(status.checkins, status.today, self.app.journal, resisted)
        self._offer_review()

    def on_check_in_form_submitted(self, event: CheckInForm.Submitted) -> None:
        status = self.app.status
        if status is None:  # the form is only shown once the status is known
            return
        before = status.checkin_today
        already = (before is not None and before.contacted) or (
            status.plan is not None and status.plan.slipped_on(status.today)
        )
        if event.contacted and not already:
            days_done = status.progress.days_done if status.progress else 0
            from exback_tui.screens.dialogs.slip import SlipDialog  # not needed to paint

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
            said = texts["updated"] if updating else texts["saved"]
            if not event.contacted and status.plan is not None and status.plan.slipped_on(today):
                said = texts["slip_kept"]  # "no" can't hide a slip; say how to take it back
            self.query_one(CheckInForm).say(said)

        def failed(error: Exception) -> None:
            self.query_one(CheckInForm).say(str(error), error=True)

        self.app.saves.plan(
            lambda: service.check_in(today, event.mood, event.urge, event.contacted, trigger),
            saved,
            failed,
        )

    # A missed day ----------------------------------------------------------------------

    def on_check_in_form_past_day_requested(self, event: CheckInForm.PastDayRequested) -> None:
        """Offer the last 7 days (none before no contact started) to fill in or correct."""
        from exback_tui.domain.checkin import MAX_DAYS_LATE
        from exback_tui.screens.dialogs.past_checkin import PastCheckInDialog

        status, texts = self.app.status, self.material.text["checkin"]
        if status is None or status.plan is None:
            return
        first = status.plan.attempts[0].start
        days = [
            day
            for back in range(1, MAX_DAYS_LATE + 1)
            if (day := status.today - timedelta(days=back)) >= first
        ]
        if not days:
            self.query_one(CheckInForm).say(texts["past_none"])
            return
        saved = {c.on: c for c in status.checkins if c.on in days}
        slip_days = frozenset(
            a.end for a in status.plan.attempts if a.ended_by == ENDED_BY_SLIP and a.end
        )
        dialog = PastCheckInDialog(texts, days, status.today, saved, slip_days)
        self.app.push_screen(dialog, self._after_past_dialog)

    def _after_past_dialog(self, answers: PastCheckIn | None) -> None:
        """Show what a 'contacted' answer changes in the history and ask; then save."""
        from exback_tui.domain.errors import InvalidInput
        from exback_tui.domain.history import history_difference
        from exback_tui.screens.dialogs.confirm import ConfirmDialog

        if answers is None:
            return
        texts, today = self.material.text["checkin"], self.app.today
        try:
            before, after = self.app.service.preview_check_in(
                today, answers.on, answers.contacted, answers.trigger
            )
        except InvalidInput as error:
            self.query_one(CheckInForm).say(str(error), error=True)
            return
        if before == after:
            self._save_past(answers)
            return
        removed, added = history_difference(before.attempts, after.attempts)
        lines = [texts["past_change_intro"].format(day=_short_day(answers.on))]
        lines += [
            texts["past_change_removed"].format(attempt=_attempt_text(a, today, texts))
            for a in removed
        ]
        lines += [
            texts["past_change_added"].format(attempt=_attempt_text(a, today, texts)) for a in added
        ]
        dialog = ConfirmDialog(
            texts["past_change_title"],
            "\n".join(lines),
            texts["past_change_yes"],
            texts["past_change_no"],
        )
        self.app.push_screen(dialog, lambda yes: self._save_past(answers) if yes else None)

    def _save_past(self, answers: PastCheckIn) -> None:
        service, today = self.app.service, self.app.today
        texts = self.material.text["checkin"]
        form = self.query_one(CheckInForm)

        def saved(status: Status) -> None:
            form.say(texts["past_saved"].format(day=_short_day(answers.on)))

        def failed(error: Exception) -> None:
            form.say(str(error), error=True)

        self.app.saves.plan(
            lambda: service.check_in(
                today,
                answers.mood,
                answers.urge,
                answers.contacted,
                answers.trigger,
                on=answers.on,
            ),
            saved,
            failed,
        )


def _short_day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _attempt_text(attempt: Attempt, today: date, texts: Mapping[str, str]) -> str:
    """One attempt in the words of `texts` (past_attempt_*)."""
    days = attempt.days_done(today)
    length = texts["past_length_one"] if days == 1 else texts["past_length_many"].format(days=days)
    start = _short_day(attempt.start)
    if attempt.end is None:
        return texts["past_attempt_running"].format(start=start, length=length)
    key = "past_attempt_ended" if attempt.ended_by == ENDED_BY_SLIP else "past_attempt_restarted"
    return texts[key].format(start=start, end=_short_day(attempt.end), length=length)
