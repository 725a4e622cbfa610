"""A checklist the user ticks, with the verdict shown live.

`ChecklistView` shows a content checklist (reasons, signs, mistakes,
readiness...) as `TickBox`es and posts `ChecklistView.Changed` on each tick;
the screen that owns it saves the ticks (a take on the same day replaces it,
a later day adds a retake) and says how it went with `say`. It is given the
program and today (bind them with `data_bind`), and says how the answers
moved since the last take on an earlier day.

Words come in through `texts` (content/screens/checklist.toml): saved,
last_time, last_checked, moved, unchanged, date (a format with {day}
{month} {year}).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from exback_tui.domain.material import Checklist, ChecklistItem
from exback_tui.domain.progress import EMPTY_PROGRAM, ChecklistTake, ProgramState
from exback_tui.domain.text import printable

BOX_ON = "[✓] "
BOX_OFF = "[ ] "
BOX_WIDTH = 4


def long_date(day: date, texts: Mapping[str, str]) -> str:
    """`day` the way the program screens write it (the format is in content)."""
    return texts["date"].format(day=day.day, month=day.strftime("%B"), year=day.year)


class TickBox(Widget, can_focus=True):
    """One line to tick: a box and its text, the text wrapped under itself.

    Space, Enter or a click toggles it and posts `Changed`; ↑/↓ move to the
    previous or next field. The text is shown literally (never parsed as markup).
    """

    BINDINGS = [
        Binding("space", "tick", "Tick"),
        Binding("enter", "tick", "Tick", show=False),
        Binding("down", "app.focus_next", "Next", show=False),
        Binding("up", "app.focus_previous", "Previous", show=False),
    ]
    COMPONENT_CLASSES = {"tick-box--box", "tick-box--text"}

    value: reactive[bool] = reactive(False)

    @dataclass
    class Changed(Message):
        """The box was ticked or unticked."""

        tick_box: TickBox
        value: bool

        @property
        def control(self) -> TickBox:
            return self.tick_box

    def __init__(
        self, text: str, value: bool = False, *, name: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, classes=classes)
        self.text = printable(text)
        self.set_reactive(TickBox.value, value)
        self.set_class(value, "-on")

    def _lines(self, width: int) -> list[Content]:
        return Content(self.text).wrap(max(1, width - BOX_WIDTH))

    def render(self) -> Content:
        box_style = self.get_visual_style("tick-box--box")
        text_style = self.get_visual_style("tick-box--text")
        box = BOX_ON if self.value else BOX_OFF
        lines = self._lines(self.content_size.width) or [Content("")]
        rows = [Content.assemble((box, box_style), lines[0].stylize_before(text_style))]
        rows.extend(
            Content(" " * BOX_WIDTH) + line.stylize_before(text_style) for line in lines[1:]
        )
        return Content("\n").join(rows)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return BOX_WIDTH + cell_len(self.text)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._lines(width)))

    def watch_value(self, value: bool) -> None:
        self.set_class(value, "-on")

    def action_tick(self) -> None:
        self.value = not self.value
        self.post_message(self.Changed(self, self.value))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.focus()
        self.action_tick()


class ChecklistView(Vertical):
    """A checklist: title, intro, the items (grouped), the live verdict and its history.

    The ticks belong to `save_as` (default: the checklist's id); those shown at
    first are the newest take's in `program`. `group_titles` puts a heading
    above each group that has one.
    """

    # What the user saved, and the day: the history line follows both.
    program: reactive[ProgramState] = reactive(EMPTY_PROGRAM, init=False)
    today: reactive[date] = reactive(date.min, init=False)

    @dataclass
    class Changed(Message):
        """The ticks changed: the owner saves `view.ticked` (read when the save runs)."""

        view: ChecklistView
        ticked: frozenset[str]

        @property
        def control(self) -> ChecklistView:
            return self.view

    def __init__(
        self,
        checklist: Checklist,
        texts: Mapping[str, str],
        *,
        program: ProgramState,
        today: date,
        save_as: str | None = None,
        group_titles: Mapping[str, str] | None = None,
        crisis_offer: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(ChecklistView.program, program)
        self.set_reactive(ChecklistView.today, today)
        self.checklist = checklist
        self.texts = texts
        self.save_as = save_as or checklist.id
        self.group_titles = dict(group_titles or {})
        self.ticked: frozenset[str] = frozenset()
        self._boxes: dict[str, TickBox] = {}
        # Beside each crisis item: the offer of the support page, shown while it is ticked.
        self._crisis_offer = crisis_offer
        self._offers: dict[str, Static] = {}
        # Kept, not queried: a save may finish after the screen has gone.
        self._verdict = Static("", classes="checklist-verdict")
        self._history = Static("", classes="checklist-history", markup=False)
        self._status = Static("", classes="checklist-status", markup=False)

    # Drawing ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.ticked = self.program.latest_ticks(self.save_as) & self._item_ids()
        yield Static(self.checklist.title, classes="checklist-title", markup=False)
        yield Static(self.checklist.intro, classes="checklist-intro", markup=False)
        for group, items in self._groups().items():
            title = self.group_titles.get(group)
            if title:
                yield Static(title, classes="checklist-group", markup=False)
            for item in items:
                box = TickBox(item.text, item.id in self.ticked, name=item.id)
                self._boxes[item.id] = box
                yield box
                if item.crisis and self._crisis_offer:
                    offer = Static(
                        self._crisis_offer, classes="checklist-crisis-offer", markup=False
                    )
                    self._offers[item.id] = offer
                    yield offer
        yield self._verdict
        yield self._history
        yield self._status

    def on_mount(self) -> None:
        self._status.display = False
        self._show_verdict()
        self._show_history()

    def watch_program(self) -> None:
        self._show_history()

    def watch_today(self) -> None:
        self._show_history()

    def _item_ids(self) -> frozenset[str]:
        return frozenset(item.id for item in self.checklist.items)

    def _groups(self) -> dict[str, list[ChecklistItem]]:
        groups: dict[str, list[ChecklistItem]] = {}
        for item in self.checklist.items:
            groups.setdefault(item.group, []).append(item)
        return groups

    def verdict(self, ticked: frozenset[str]) -> Content:
        """What the ticks mean: each group's band, title first."""
        from exback_tui.domain.assess import checklist_verdict

        parts = [
            Content.assemble((band.title, "bold"), "\n", band.text)
            for _, band in checklist_verdict(self.checklist, ticked)
        ]
        return Content("\n\n").join(parts)

    def verdict_class(self, ticked: frozenset[str]) -> str:
        """A class for the verdict's look ("" for the plain one)."""
        return ""

    def summary(self, ticked: frozenset[str]) -> str:
        """A one-line verdict, for the history line."""
        from exback_tui.domain.assess import checklist_verdict

        return " · ".join(band.title for _, band in checklist_verdict(self.checklist, ticked))

    def _show_offers(self) -> None:
        for item_id, offer in self._offers.items():
            offer.display = item_id in self.ticked

    def _show_verdict(self) -> None:
        self._show_offers()
        verdict = self._verdict
        verdict.update(self.verdict(self.ticked))
        for name in ("-stop", "-caution", "-warning"):
            verdict.remove_class(name)
        look = self.verdict_class(self.ticked)
        if look:
            verdict.add_class(look)

    def _show_history(self) -> None:
        takes: tuple[ChecklistTake, ...] = self.program.checklists.get(self.save_as, ())
        today = self.today
        earlier = [take for take in takes if take.on < today]
        history = self._history
        if not earlier:
            history.update("")
            history.display = False
            return
        previous = earlier[-1]
        when = long_date(previous.on, self.texts)
        if takes[-1] is previous:
            # Nothing ticked today yet: what is shown is that take.
            line = self.texts["last_checked"].format(date=when)
        else:
            from exback_tui.domain.assess import ticks_changed

            before = previous.ticked & self._item_ids()
            change = ticks_changed(self.checklist, before, self.ticked)
            moved = (
                self.texts["moved"].format(added=len(change.added), removed=len(change.removed))
                if change.added or change.removed
                else self.texts["unchanged"]
            )
            line = self.texts["last_time"].format(date=when, summary=self.summary(before))
            line = f"{line} {moved}"
        history.update(line)
        history.display = True

    def say(self, message: str, *, error: bool = False) -> None:
        """Show a short state line under the checklist ("Saved.", or why not)."""
        status = self._status
        status.update(message)
        status.set_class(error, "-error")
        status.display = bool(message)

    # Ticking ------------------------------------------------------------------

    def on_tick_box_changed(self, event: TickBox.Changed) -> None:
        event.stop()
        item_id = event.tick_box.name
        if item_id is None:
            return
        if event.value:
            self.ticked = self.ticked | {item_id}
        else:
            self.ticked = self.ticked - {item_id}
        self._show_verdict()
        self.post_message(self.Changed(self, self.ticked))

    def saved(self) -> None:
        """The owner saved the ticks."""
        self.say(self.texts["saved"])

    def set_ticks(self, ticked: frozenset[str]) -> None:
        """Show `ticked` (without saving): for a screen that reloads the checklist."""
        self.ticked = ticked & self._item_ids()
        for item_id, box in self._boxes.items():
            box.value = item_id in self.ticked
        self._show_verdict()
