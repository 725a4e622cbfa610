"""Today's check-in: mood, urge to contact, and whether contact happened.

Its Messages have a plain `__init__`, not `@dataclass`: the classes are made
before the dashboard's first frame, and making a dataclass costs 0.4 ms.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rich.color import Color
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Click, Leave, MouseMove
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from exback_tui.domain.checkin import MOOD_RANGE, URGE_RANGE, CheckIn
from exback_tui.widgets.scale import ScalePicker

# How long a pressed link shows as pressed (as Textual's Button does).
PRESSED_SECONDS = 0.2
# The switch's face: as wide as Textual's Switch draws it.
SWITCH_WIDTH = 4


class YesNoToggle(Widget, can_focus=True):
    """A yes/no switch with its answer written after it ("Yes" or "No").

    Space turns it, right is yes, left is no; no letters (as `yes_no_switch.YesNoSwitch`).
    Looks like Textual's Switch, without being one: the dashboard then needs
    none of Switch's styles at start-up.
    """

    BINDINGS = [
        Binding("space", "flip", "Yes / No", key_display="space"),
        Binding("right", "set(True)", "Yes", show=False),
        Binding("left", "set(False)", "No", show=False),
    ]
    COMPONENT_CLASSES = {"yes-no-toggle--slider"}
    ALLOW_SELECT = False

    value: reactive[bool] = reactive(False, init=False)
    _slider_position: reactive[float] = reactive(0.0)

    class Changed(Message):
        """The answer changed."""

        def __init__(self, toggle: YesNoToggle, value: bool) -> None:
            super().__init__()
            self.toggle = toggle
            self.value = value

        @property
        def control(self) -> YesNoToggle:
            return self.toggle

    def __init__(self, value: bool = False, *, id: str | None = None) -> None:
        super().__init__(id=id)
        if value:
            self._slider_position = 1.0
            self.set_reactive(YesNoToggle.value, value)

    @property
    def answer(self) -> str:
        """What the toggle says after the switch."""
        return "Yes" if self.value else "No"

    def watch_value(self, value: bool) -> None:
        self.animate("_slider_position", 1.0 if value else 0.0, duration=0.3, level="basic")
        self.refresh(layout=True)  # "Yes" is wider than "No"
        self.post_message(self.Changed(self, value))

    def watch__slider_position(self, position: float) -> None:
        self.set_class(position == 1, "-on")

    def render_line(self, y: int) -> Strip:
        """The switch's face as Textual's Switch draws it, then the answer on the form."""
        width = self.content_region.width
        if y != 0 or width <= 0:
            return Strip.blank(width)
        slider = self.get_component_rich_style("yes-no-toggle--slider")
        face = ScrollBarRender.render_bar(
            size=SWITCH_WIDTH,
            virtual_size=100,
            window_size=50,
            position=self._slider_position * 50,
            thickness=1,
            vertical=False,
            back_color=slider.bgcolor or Color.parse("#555555"),
            bar_color=slider.color or Color.parse("bright_magenta"),
        )
        # As a widget's own style lies under what it renders (Textual's Switch included).
        base = self.visual_style.rich_style
        cells = [Segment(s.text, base + s.style) for s in face.segments if s.text != "\n"]
        # The answer sits on the form, as if a label of its own: no face behind it.
        behind, _ = self.background_colors
        form = RichStyle(bgcolor=behind.rich_color)
        answer = RichStyle(bgcolor=behind.rich_color, color=base.color)
        cells += [Segment(" ", form), Segment(self.answer, answer)]
        return Strip(cells).adjust_cell_length(width, form)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return SWITCH_WIDTH + 1 + len(self.answer)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1

    def on_mouse_move(self, event: MouseMove) -> None:
        # Only the switch itself lights up under the pointer, not the answer after it.
        self.set_class(event.x < self.gutter.left + SWITCH_WIDTH, "-over")

    def on_leave(self, event: Leave) -> None:
        self.remove_class("-over")

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_flip()

    def action_flip(self) -> None:
        self.value = not self.value

    def action_set(self, value: bool) -> None:
        self.value = value


class PastDayLink(Widget, can_focus=True):
    """A one-line button: Enter, Space or a click posts `Pressed`.

    Looks like Textual's compact Button, without being one: the dashboard then
    needs none of Button's styles at start-up.
    """

    BINDINGS = [Binding("enter,space", "press", "Press", show=False)]
    ALLOW_SELECT = False

    class Pressed(Message):
        """The link was pressed."""

        def __init__(self, link: PastDayLink) -> None:
            super().__init__()
            self.link = link

        @property
        def control(self) -> PastDayLink:
            return self.link

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = Content(label)

    def render(self) -> Content:
        return self.label

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.label.cell_length + 2  # a space each side, as Button leaves

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_press()

    def action_press(self) -> None:
        if self.has_class("-pressed"):
            return
        self.add_class("-pressed")
        self.set_timer(PRESSED_SECONDS, lambda: self.remove_class("-pressed"))
        self.post_message(self.Pressed(self))


class CheckInFields(Widget):
    """The three fields one under the other, each with its name drawn beside it.

    The names are this container's own text: the fields stand to their right
    (see checkin.tcss), so no widget is needed for a name.
    """

    NAMES = "Mood\nUrge\nContacted?"

    def render(self) -> Content:
        return Content(self.NAMES)


class CheckInForm(Vertical):
    """The check-in fields. Enter posts `Submitted`; the screen saves it.

    Once today's check-in exists the form shows its answers, and submitting
    again changes them.
    """

    BINDINGS = [Binding("enter", "submit", "Save check-in", priority=False)]

    class Submitted(Message):
        """The user asked to save these answers."""

        def __init__(self, form: CheckInForm, mood: int, urge: int, contacted: bool) -> None:
            super().__init__()
            self.form = form
            self.mood = mood
            self.urge = urge
            self.contacted = contacted

        @property
        def control(self) -> CheckInForm:
            return self.form

    class PastDayRequested(Message):
        """The user wants to fill in (or correct) an earlier day's check-in."""

        def __init__(self, form: CheckInForm) -> None:
            super().__init__()
            self.form = form

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
        with CheckInFields(id="checkin-fields"):
            yield ScalePicker(*MOOD_RANGE, "Mood", id="mood")
            yield ScalePicker(*URGE_RANGE, "Urge", id="urge")
            yield YesNoToggle(False, id="contacted")
        # The message line (see `say`) is mounted the first time there is one to show.
        yield PastDayLink(self._texts["past_button"], id="checkin-past")

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
        self.query_one("#contacted", YesNoToggle).value = contacted
        self.set_class(checkin is not None, "-done")
        self.border_title = "Today's check-in ✓" if checkin is not None else "Today's check-in"
        intro = self._texts["done"] if checkin is not None else self._texts["open"]
        self.query_one("#checkin-intro", Static).update(intro)

    def say(self, message: str, *, error: bool = False) -> None:
        """Show a short message under the fields (an error is styled as one)."""
        lines = self.query("#checkin-message").results(Static)
        line = next(lines, None)
        if line is None:
            if not message:
                return
            line = Static(id="checkin-message", markup=False)
            self.mount(line, before=self.query_one(PastDayLink))
        line.update(message)
        line.set_class(error, "-error")
        line.display = bool(message)

    def on_scale_picker_refused(self, event: ScalePicker.Refused) -> None:
        self.say(event.reason, error=True)

    def on_scale_picker_changed(self, event: ScalePicker.Changed) -> None:
        self.say("")

    def on_past_day_link_pressed(self, event: PastDayLink.Pressed) -> None:
        event.stop()
        self.post_message(self.PastDayRequested(self))

    def action_submit(self) -> None:
        mood = self.query_one("#mood", ScalePicker)
        urge = self.query_one("#urge", ScalePicker)
        missing = [p for p in (mood, urge) if p.value is None]
        if missing:
            self.say(f"Pick a number for {missing[0].label.lower()} first.", error=True)
            missing[0].focus()
            return
        assert mood.value is not None and urge.value is not None
        contacted = self.query_one("#contacted", YesNoToggle).value
        self.post_message(self.Submitted(self, mood.value, urge.value, contacted))
