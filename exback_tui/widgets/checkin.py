"""Today's check-in: mood, urge to contact, and whether contact happened."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Label, Static, Switch

from exback_tui.domain.checkin import MOOD_RANGE, URGE_RANGE, CheckIn
from exback_tui.widgets.scale import ScalePicker


class YesNoSwitch(Switch, inherit_bindings=False):
    """A switch that Space or the arrow keys turn, leaving Enter to save the form.

    No letters: on Today `n` is New entry and `y` means nothing, and one key
    never does two things on a screen.
    """

    BINDINGS = [
        Binding("space", "toggle_switch", "Yes / No", key_display="space"),
        Binding("right", "set(True)", "Yes", show=False),
        Binding("left", "set(False)", "No", show=False),
    ]

    def action_set(self, value: bool) -> None:
        self.value = value


class CheckInForm(Vertical):
    """The check-in fields. Enter posts `Submitted`; the screen saves it.

    Once today's check-in exists the form shows its answers, and submitting
    again changes them.
    """

    BINDINGS = [Binding("enter", "submit", "Save check-in", priority=False)]

    @dataclass
    class Submitted(Message):
        """The user asked to save these answers."""

        form: CheckInForm
        mood: int
        urge: int
        contacted: bool

        @property
        def control(self) -> CheckInForm:
            return self.form

    @dataclass
    class PastDayRequested(Message):
        """The user wants to fill in (or correct) an earlier day's check-in."""

        form: CheckInForm

        @property
        def control(self) -> CheckInForm:
            return self.form

    def __init__(self, texts: Mapping[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._texts = texts
        self.border_title = "Today's check-in"
        self.shown: CheckIn | None = None
        self.shown_date: date | None = None
        self.shown_slipped = False

    def compose(self) -> ComposeResult:
        yield Static(self._texts["open"], id="checkin-intro", markup=False)
        with Horizontal(classes="checkin-row"):
            yield Label("Mood", classes="checkin-label")
            yield ScalePicker(*MOOD_RANGE, "Mood", id="mood")
        with Horizontal(classes="checkin-row"):
            yield Label("Urge", classes="checkin-label")
            yield ScalePicker(*URGE_RANGE, "Urge", id="urge")
        with Horizontal(classes="checkin-row"):
            yield Label("Contacted?", classes="checkin-label")
            yield YesNoSwitch(False, id="contacted")
            yield Label("No", id="contacted-answer")
        message = Static("", id="checkin-message", markup=False)
        message.display = False
        yield message
        yield Button(Content(self._texts["past_button"]), id="checkin-past", compact=True)

    def show(self, checkin: CheckIn | None, on: date, *, slipped: bool = False) -> None:
        """Fill the form with the answers saved for `on`, or clear it for a new day.

        `slipped`: a slip is recorded that day (by any path), so "Contacted?" says yes.
        """
        self.shown, self.shown_date, self.shown_slipped = checkin, on, slipped
        mood = self.query_one("#mood", ScalePicker)
        urge = self.query_one("#urge", ScalePicker)
        mood.value = None if checkin is None else checkin.mood
        urge.value = None if checkin is None else checkin.urge
        contacted = slipped or bool(checkin and checkin.contacted)
        self.query_one("#contacted", Switch).value = contacted
        # Set here too: Switch.Changed arrives later, and only if the value changed.
        self.query_one("#contacted-answer", Label).update("Yes" if contacted else "No")
        self.set_class(checkin is not None, "-done")
        self.border_title = "Today's check-in ✓" if checkin is not None else "Today's check-in"
        intro = self._texts["done"] if checkin is not None else self._texts["open"]
        self.query_one("#checkin-intro", Static).update(intro)

    def say(self, message: str, *, error: bool = False) -> None:
        """Show a short message under the fields (an error is styled as one)."""
        line = self.query_one("#checkin-message", Static)
        line.update(message)
        line.set_class(error, "-error")
        line.display = bool(message)

    def on_scale_picker_refused(self, event: ScalePicker.Refused) -> None:
        self.say(event.reason, error=True)

    def on_scale_picker_changed(self, event: ScalePicker.Changed) -> None:
        self.say("")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "checkin-past":
            self.post_message(self.PastDayRequested(self))

    def on_switch_changed(self, event: Switch.Changed) -> None:
        self.query_one("#contacted-answer", Label).update("Yes" if event.value else "No")

    def action_submit(self) -> None:
        mood = self.query_one("#mood", ScalePicker)
        urge = self.query_one("#urge", ScalePicker)
        missing = [p for p in (mood, urge) if p.value is None]
        if missing:
            self.say(f"Pick a number for {missing[0].label.lower()} first.", error=True)
            missing[0].focus()
            return
        assert mood.value is not None and urge.value is not None
        contacted = self.query_one("#contacted", Switch).value
        self.post_message(self.Submitted(self, mood.value, urge.value, contacted))
