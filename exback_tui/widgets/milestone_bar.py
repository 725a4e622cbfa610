"""A progress bar toward the target, with the 21-day minimum marked on it."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget

from exback_tui.domain.plan import MINIMUM_DAYS


class MilestoneBar(Widget):
    """Two lines: the bar (done / to go, a mark at day 21) and a scale under it."""

    COMPONENT_CLASSES = {
        "milestone-bar--done",
        "milestone-bar--todo",
        "milestone-bar--minimum",
        "milestone-bar--scale",
    }

    days_done: reactive[int] = reactive(0)
    target_days: reactive[int] = reactive(30)

    def render(self) -> Content:
        width = max(10, self.content_region.width)
        target = max(1, self.target_days)
        filled = round(min(self.days_done, target) / target * width)
        mark = min(width - 1, round(MINIMUM_DAYS / target * width) - 1)
        done = self.get_visual_style("milestone-bar--done")
        todo = self.get_visual_style("milestone-bar--todo")
        minimum = self.get_visual_style("milestone-bar--minimum")
        scale_style = self.get_visual_style("milestone-bar--scale")
        show_minimum = target > MINIMUM_DAYS
        parts: list[str | Content | tuple[str, str | Style]] = []
        for column in range(width):
            if show_minimum and column == mark:
                parts.append(("┃", minimum))
            elif column < filled:
                parts.append(("━", done))
            else:
                parts.append(("─", todo))
        scale = [" "] * width
        self._place(scale, 0, "0")
        if show_minimum:
            self._place(scale, mark - 1, str(MINIMUM_DAYS))
        self._place(scale, width - len(str(target)), str(target))
        return Content.assemble(*parts, "\n", ("".join(scale), scale_style))

    @staticmethod
    def _place(line: list[str], start: int, label: str) -> None:
        start = max(0, min(len(line) - len(label), start))
        for offset, char in enumerate(label):
            line[start + offset] = char
