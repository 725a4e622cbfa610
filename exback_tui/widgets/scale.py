"""A number picker for small scales (mood 1-5, urge 0-10): digits or arrow keys.

Its Messages have a plain `__init__`, not `@dataclass`: the classes are made
before the dashboard's first frame, and making a dataclass costs 0.4 ms.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.timer import Timer
from textual.widget import Widget

# After a "1" on a scale that reaches 10, a "0" this soon after makes 10.
TWO_DIGIT_WINDOW = 1.2


class ScalePicker(Widget, can_focus=True):
    """Pick a whole number in [low, high] with digits, left/right, home/end.

    A digit outside the scale posts `Refused` and leaves the value as it was.
    """

    BINDINGS = [
        Binding("left,minus", "step(-1)", "Less", show=False),
        Binding("right,plus", "step(1)", "More", show=False),
        Binding("home", "jump(-1)", "Lowest", show=False),
        Binding("end", "jump(1)", "Highest", show=False),
    ]
    COMPONENT_CLASSES = {"scale-picker--chosen", "scale-picker--other"}

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The value changed."""

        def __init__(self, picker: ScalePicker, value: int) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> ScalePicker:
            return self.picker

    class Refused(Message):
        """A key asked for a value outside the scale; `reason` says what fits."""

        def __init__(self, picker: ScalePicker, reason: str) -> None:
            super().__init__()
            self.picker = picker
            self.reason = reason

        @property
        def control(self) -> ScalePicker:
            return self.picker

    def __init__(
        self, low: int, high: int, label: str, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.low = low
        self.high = high
        self.label = label
        self._tens_timer: Timer | None = None

    def render(self) -> Content:
        chosen = self.get_visual_style("scale-picker--chosen")
        other = self.get_visual_style("scale-picker--other")
        parts: list[str | Content | tuple[str, str | Style]] = []
        for number in range(self.low, self.high + 1):
            text = str(number)
            if number == self.value:
                parts.append((text, chosen))
            else:
                parts.append((text, other))
            parts.append(" ")
        return Content.assemble(" ", *parts)

    def _set(self, number: int) -> None:
        self.value = number
        self.post_message(self.Changed(self, number))

    def action_step(self, delta: int) -> None:
        if self.value is None:
            self._set(self.low)
        else:
            self._set(max(self.low, min(self.high, self.value + delta)))

    def action_jump(self, direction: int) -> None:
        self._set(self.high if direction > 0 else self.low)

    def on_key(self, event: Key) -> None:
        # isdecimal, not isdigit: "²" (a key on French keyboards) is a digit that int() refuses.
        if event.character is None or len(event.character) != 1 or not event.character.isdecimal():
            return
        event.stop()
        event.prevent_default()
        digit = int(event.character)
        if self._tens_timer is not None and digit == 0 and self.high >= 10 and self.value == 1:
            self._clear_tens()
            self._set(10)
            return
        self._clear_tens()
        if not self.low <= digit <= self.high:
            self.post_message(
                self.Refused(self, f"{self.label} goes from {self.low} to {self.high}.")
            )
            return
        self._set(digit)
        if digit == 1 and self.high >= 10:
            self._tens_timer = self.set_timer(TWO_DIGIT_WINDOW, self._clear_tens)

    def _clear_tens(self) -> None:
        if self._tens_timer is not None:
            self._tens_timer.stop()
            self._tens_timer = None
