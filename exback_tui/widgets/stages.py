"""The stage tracker of step 4: the stages of reconnecting, in order, each marked done on a day.

Each stage is one row: a box, its number and title, and the day it was done.
Enter opens it to show its text and its do's and don'ts; Space (or a click on
the box) marks it done, or clears it. The tracker only shows and asks: the
screen saves on `StageTracker.Marked` and calls `show` with what was saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget

from exback_tui.domain.material import Stage
from exback_tui.domain.progress import StageDone

BOX_ON = "[✓] "
BOX_OFF = "[ ] "
INDENT = len(BOX_OFF)
BULLET = "• "


class StageRow(Widget, can_focus=True):
    """One stage: `[✓] 3. Title · done 2 Dec`, and when open its text, do's and don'ts."""

    BINDINGS = [
        Binding("space", "mark", "Done"),
        Binding("enter", "open", "Open"),
    ]
    COMPONENT_CLASSES = {
        "stage-row--box",
        "stage-row--title",
        "stage-row--date",
        "stage-row--heading",
        "stage-row--text",
    }

    done_on: reactive[str] = reactive("", layout=True)
    expanded: reactive[bool] = reactive(False, layout=True)

    @dataclass
    class Toggled(Message):
        """Space or a click on the box: the user wants this stage marked (or cleared)."""

        row: StageRow

    def __init__(self, number: int, stage: Stage, texts: Mapping[str, str]) -> None:
        super().__init__(name=stage.id, id=f"stage-{stage.id}")
        self.number = number
        self.stage = stage
        self._texts = texts

    def _lines(self, width: int) -> list[Content]:
        width = max(1, width)
        box_style = self.get_visual_style("stage-row--box")
        title_style = self.get_visual_style("stage-row--title")
        date_style = self.get_visual_style("stage-row--date")
        heading_style = self.get_visual_style("stage-row--heading")
        text_style = self.get_visual_style("stage-row--text")
        box = BOX_ON if self.done_on else BOX_OFF
        head = Content.styled(f"{self.number}. {self.stage.title}", title_style)
        if self.done_on:
            head = head + Content.styled(f" · {self.done_on}", date_style)
        lines = self._hang(Content.styled(box, box_style), head, width)
        if not self.expanded:
            return lines
        pad = Content(" " * INDENT)
        lines.extend(pad + line for line in self._wrap(self.stage.text, width - INDENT, text_style))
        for heading, entries in (
            (self._texts["stage_dos"], self.stage.dos),
            (self._texts["stage_donts"], self.stage.donts),
        ):
            if not entries:
                continue
            lines.append(pad + Content.styled(heading, heading_style))
            for entry in entries:
                item = self._hang(
                    Content(BULLET), Content.styled(entry, text_style), width - INDENT
                )
                lines.extend(pad + line for line in item)
        return lines

    @staticmethod
    def _wrap(text: str, width: int, style: Style) -> list[Content]:
        return Content.styled(text, style).wrap(max(1, width))

    @staticmethod
    def _hang(lead: Content, text: Content, width: int) -> list[Content]:
        """`lead` then `text` wrapped, later lines indented under the text."""
        indent = cell_len(lead.plain)
        wrapped = text.wrap(max(1, width - indent)) or [Content("")]
        first = lead + wrapped[0]
        return [first, *(Content(" " * indent) + line for line in wrapped[1:])]

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._lines(width)))

    def on_mount(self) -> None:
        self.set_class(bool(self.done_on), "-done")

    def watch_done_on(self, done_on: str) -> None:
        self.set_class(bool(done_on), "-done")

    def action_mark(self) -> None:
        self.post_message(self.Toggled(self))

    def action_open(self) -> None:
        self.expanded = not self.expanded

    def on_click(self, event: Click) -> None:
        event.stop()
        self.focus()
        if event.x < INDENT and event.y == 0:
            self.action_mark()
        else:
            self.action_open()


class StageTracker(Vertical):
    """The stages in order; the first one not done starts open.

    `texts` holds stage_done_on ({day} {month}), stage_dos and stage_donts.
    """

    @dataclass
    class Marked(Message):
        """Mark `stage_id` done today (`done` True) or not done."""

        tracker: StageTracker
        stage_id: str
        done: bool

        @property
        def control(self) -> StageTracker:
            return self.tracker

    def __init__(
        self,
        stages: Sequence[Stage],
        texts: Mapping[str, str],
        done: Mapping[str, StageDone],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._stages = tuple(stages)
        self._texts = texts
        self._done = dict(done)

    def compose(self) -> ComposeResult:
        first_open = next((s.id for s in self._stages if s.id not in self._done), None)
        for number, stage in enumerate(self._stages, start=1):
            row = StageRow(number, stage, self._texts)
            row.set_reactive(StageRow.done_on, self._date(stage.id))
            row.set_reactive(StageRow.expanded, stage.id == first_open)
            yield row

    def _date(self, stage_id: str) -> str:
        found = self._done.get(stage_id)
        if found is None:
            return ""
        day = found.on
        return self._texts["stage_done_on"].format(day=day.day, month=day.strftime("%b"))

    def show(self, done: Mapping[str, StageDone]) -> None:
        """Show which stages are done, and when."""
        self._done = dict(done)
        for row in self.query(StageRow):
            row.done_on = self._date(row.stage.id)

    def on_stage_row_toggled(self, event: StageRow.Toggled) -> None:
        event.stop()
        stage_id = event.row.stage.id
        self.post_message(self.Marked(self, stage_id, stage_id not in self._done))
