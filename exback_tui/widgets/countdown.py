"""The no-contact countdown: the day number, the bar to the target and the streaks.

One widget draws all of it (the dashboard starts quicker with fewer widgets).
From the top: "Day" and the day number, as tall as the stylesheet makes
`.countdown--number`; a blank line; the bar to the target with its scale; the
facts (days done and to go, the next milestone, streaks), wrapped to the width.
Each part's look is a component class in `styles/countdown.tcss`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self, cast

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from exback_tui.domain.daily import MilestoneText
from exback_tui.domain.plan import MINIMUM_DAYS, Progress
from exback_tui.widgets.day_number import number_rows
from exback_tui.widgets.milestone_bar import milestone_bar

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.geometry import Region

# Drawn before a plan gives a target (as the bar always was).
_NO_TARGET = 30


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


class Countdown(Widget):
    """Shows a `Progress`. The parent sets `progress`; nothing here reads the clock."""

    COMPONENT_CLASSES = {
        "countdown--label",
        "countdown--number",
        "countdown--bar",
        "countdown--done",
        "countdown--todo",
        "countdown--minimum",
        "countdown--scale",
        "countdown--next",
        "countdown--quiet",
    }

    progress: reactive[Progress | None] = reactive(None, init=False, layout=True)
    # The day number's rows and the gap above the bar, as last laid out.
    _laid_out_for: tuple[int, int] | None = None

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

    @property
    def day_rows(self) -> int:
        """How many rows the day number has: the height `.countdown--number` is given."""
        height = self.get_component_styles("countdown--number").height
        return int(height.cells or 3) if height is not None else 3

    def _gap(self) -> int:
        """The blank lines above the bar: `.countdown--bar`'s top margin."""
        return self.get_component_styles("countdown--bar").margin.top

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not width:
            return 0
        self._laid_out_for = (self.day_rows, self._gap())
        # The rules Textual itself wraps a widget's content by (its styles).
        facts = self._facts(self.progress).get_height(cast("RulesMap", self.styles), width)
        return self.day_rows + self._gap() + 2 + facts

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        # The number's rows and the gap are component styles, which change with the
        # terminal's size: Textual repaints a widget whose component styles changed, but
        # lays it out again only if asked, so ask when they no longer fit its height.
        shape = self._laid_out_for
        if not layout and shape is not None and shape != (self.day_rows, self._gap()):
            layout = True
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_line(self, y: int) -> Strip:
        # A blank line is drawn as the background alone, as the gap between widgets was.
        line = super().render_line(y)
        if any(not segment.text for segment in line):
            return Strip([segment for segment in line if segment.text], line.cell_length)
        return line

    def render(self) -> Content:
        progress = self.progress
        width = self.content_region.width
        lines = [*self._day(progress, width), *[Content("")] * self._gap()]
        lines.extend(
            milestone_bar(
                0 if progress is None else progress.days_done,
                _NO_TARGET if progress is None else progress.target_days,
                width,
                done=self.get_visual_style("countdown--done"),
                todo=self.get_visual_style("countdown--todo"),
                minimum=self.get_visual_style("countdown--minimum"),
                scale=self.get_visual_style("countdown--scale"),
            )
        )
        lines.append(self._facts(progress))
        return Content("\n").join(lines)

    def _day(self, progress: Progress | None, width: int) -> list[Content]:
        """The word "Day" at the foot of its column, and the day number beside it."""
        rows = self.day_rows
        label_styles = self.get_component_styles("countdown--label")
        word = "Day"
        column = label_styles.width.cells if label_styles.width is not None else None
        column = max(len(word), int(column or 0))
        label = self.get_visual_style("countdown--label")
        # The blanks of the column are styled as Textual pads a widget's own content.
        blank = label + Style(reverse=False)
        number = self.get_visual_style("countdown--number")
        value = "" if progress is None else str(progress.day_number)
        drawn = number_rows(value, rows, bold=bool(number.bold)) if value else []
        lines = []
        for row in range(rows):
            text = word if row == rows - 1 else ""
            pad = " " * (column - len(text))
            digits = drawn[row] if row < len(drawn) else ""
            line = Content.assemble((text, label), (pad, blank), (digits, number))
            lines.append(line[:width] if width else line)
        return lines

    def _facts(self, progress: Progress | None) -> Content:
        """The lines under the bar: days done and to go, the next milestone, streaks."""
        if progress is None:
            return Content("")
        next_style = self.get_visual_style("countdown--next")
        quiet = self.get_visual_style("countdown--quiet")
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
