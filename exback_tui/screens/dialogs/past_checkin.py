"""Fill in (or correct) the check-in of one of the last 7 days, from Today's check-in panel.

The dialog returns the answers; the dashboard shows what a "contacted" answer
would change in the history, asks, and saves (marked as added later).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, Switch

from exback_tui.domain.checkin import MOOD_RANGE, URGE_RANGE, CheckIn
from exback_tui.widgets.safe_input import SafeInput
from exback_tui.widgets.scale import ScalePicker
from exback_tui.widgets.yes_no_switch import YesNoSwitch


class PastCheckIn(NamedTuple):
    """The answers given for a past day."""

    on: date
    mood: int
    urge: int
    contacted: bool
    trigger: str


def day_label(day: date, today: date, texts: Mapping[str, Any]) -> str:
    """ "Wed 25 Nov (yesterday)", "Mon 23 Nov (3 days ago)"."""
    back = (today - day).days
    when = texts["past_yesterday"] if back == 1 else texts["past_days_ago"].format(days=back)
    return f"{day:%a} {day.day} {day:%b} ({when})"


class PastCheckInDialog(ModalScreen[PastCheckIn | None]):
    """Pick one of `days` (newest first), answer, save. Escape cancels.

    `saved` holds the check-ins already kept for those days: picking such a
    day shows its answers, to correct them.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
        # As on Today's check-in: Enter on a number or on "Contacted?" saves.
        Binding("enter", "save", "Save", show=False),
    ]

    def __init__(
        self,
        texts: Mapping[str, Any],
        days: Sequence[date],
        today: date,
        saved: Mapping[date, CheckIn],
        slip_days: frozenset[date],
    ) -> None:
        super().__init__()
        self._texts = texts
        self._days = tuple(days)
        self._today = today
        self._saved = saved
        self._slip_days = slip_days

    def compose(self) -> ComposeResult:
        texts = self._texts
        with Vertical(id="past-box"):
            yield Static(texts["past_title"], id="past-title", markup=False)
            yield Static(texts["past_intro"], id="past-intro", markup=False)
            with Horizontal(classes="past-row"):
                yield Label(texts["past_day"], classes="past-label")
                yield Select[date](
                    [(day_label(d, self._today, texts), d) for d in self._days],
                    allow_blank=False,
                    id="past-day",
                    compact=True,
                )
            with Horizontal(classes="past-row"):
                yield Label("Mood", classes="past-label")
                yield ScalePicker(*MOOD_RANGE, "Mood", id="past-mood")
            with Horizontal(classes="past-row"):
                yield Label("Urge", classes="past-label")
                yield ScalePicker(*URGE_RANGE, "Urge", id="past-urge")
            with Horizontal(classes="past-row"):
                yield Label("Contacted?", classes="past-label")
                yield YesNoSwitch(False, id="past-contacted")
                yield Label("No", id="past-contacted-answer")
            yield SafeInput(
                placeholder=texts["past_trigger"], id="past-trigger", compact=True, max_length=400
            )
            yield Static("", id="past-message", markup=False)
            with Horizontal(id="past-buttons"):
                yield Button(Content(texts["past_save"]), id="past-save", compact=True)
                yield Button(Content(texts["past_cancel"]), id="past-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#past-message").display = False
        self._fill(self._days[0])
        self.query_one("#past-day").focus()

    def _fill(self, day: date) -> None:
        saved = self._saved.get(day)
        self.query_one("#past-mood", ScalePicker).value = None if saved is None else saved.mood
        self.query_one("#past-urge", ScalePicker).value = None if saved is None else saved.urge
        contacted = day in self._slip_days or bool(saved and saved.contacted)
        self.query_one("#past-contacted", Switch).value = contacted
        self._show_contacted(contacted)

    def _show_contacted(self, contacted: bool) -> None:
        self.query_one("#past-contacted-answer", Label).update("Yes" if contacted else "No")
        self.query_one("#past-trigger").display = contacted

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, date):
            self._fill(event.value)

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        self._show_contacted(event.value)

    def on_scale_picker_refused(self, event: ScalePicker.Refused) -> None:
        self._say(event.reason)

    def on_scale_picker_changed(self, event: ScalePicker.Changed) -> None:
        self._say("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "past-save":
            self.action_save()
        else:
            self.dismiss(None)

    def _say(self, message: str) -> None:
        line = self.query_one("#past-message", Static)
        line.update(message)
        line.display = bool(message)

    def action_save(self) -> None:
        day = self.query_one("#past-day", Select).value
        mood = self.query_one("#past-mood", ScalePicker)
        urge = self.query_one("#past-urge", ScalePicker)
        for picker in (mood, urge):
            if picker.value is None:
                self._say(self._texts["past_pick"].format(what=picker.label.lower()))
                picker.focus()
                return
        assert isinstance(day, date) and mood.value is not None and urge.value is not None
        contacted = self.query_one("#past-contacted", Switch).value
        trigger = self.query_one("#past-trigger", Input).value if contacted else ""
        self.dismiss(PastCheckIn(day, mood.value, urge.value, contacted, trigger))

    def action_cancel(self) -> None:
        self.dismiss(None)
