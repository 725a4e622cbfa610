"""The Progress screen's pictures, each drawn line by line (`render_line`) for its width.

Every chart lays itself out as lines of (text, component class) pieces once
per width and then hands out Strips; the colours come from the component
classes in `styles/progress.tcss`, so dark and light themes both read well.
Text a person typed (triggers) goes into a Segment as plain text, with its
control characters removed: never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.figures import (
    HIGH_URGE,
    AttemptBar,
    WeekFigures,
    calendar_months,
    week_start,
)
from exback_tui.domain.plan import MINIMUM_DAYS
from exback_tui.domain.text import printable

Piece = tuple[str, str]  # text and its component classes, space-separated ("" for none)
Line = list[Piece]

BARS = "▁▂▃▄▅▆▇█"
LATER = "□"  # a check-in added later, on the calendar
LABEL_WIDTH = 9


def wrapped(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken as a Static breaks it."""
    return [line.plain for line in Content(text).wrap(max(width, 1))]


class LinesChart(Widget):
    """A chart that is a list of lines, laid out again only when its width changes.

    Above its lines it can draw its section's heading and legend (wrapped as a
    Static wraps them), in the component classes HEAD_CLASSES names: one widget
    for the three, so opening the screen mounts, styles and lays out fewer.
    """

    can_focus = False
    HEAD_CLASSES = ("", "")  # the heading's and the legend's component classes

    def __init__(
        self,
        *,
        id: str | None = None,
        classes: str | None = None,
        heading: str = "",
        legend: str = "",
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._heading, self._legend = heading, legend
        self._width = -1
        self._lines: list[Line] = []
        self._head_height = 0

    def lay_out(self, width: int) -> list[Line]:
        """The chart's lines for `width` cells."""
        raise NotImplementedError

    def redraw(self) -> None:
        """Lay out again (the data changed) and repaint."""
        self._width = -1
        self.refresh(layout=True)

    def text(self) -> str:
        """What the chart shows at its current width (without its heading and legend)."""
        lines = self._lines_for(self.size.width)[self._head_height :]
        return "\n".join("".join(text for text, _ in line) for line in lines)

    def head_text(self) -> str:
        """The heading and the legend as shown at the current width."""
        lines = self._lines_for(self.size.width)[: self._head_height]
        return "\n".join("".join(text for text, _ in line) for line in lines)

    def _head(self, width: int) -> list[Line]:
        heading_class, legend_class = self.HEAD_CLASSES
        lines: list[Line] = []
        for text, part in ((self._heading, heading_class), (self._legend, legend_class)):
            if text:
                lines += [[(line, part)] for line in wrapped(text, width)]
        return lines

    def _lines_for(self, width: int) -> list[Line]:
        if width != self._width:
            head = self._head(width)
            self._lines = head + self.lay_out(max(width, 20))
            self._head_height = len(head)
            self._width = width
        return self._lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines_for(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._lines_for(width)
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        segments = []
        for text, parts in lines[y]:
            style = base
            if parts:
                # The first class colours the piece; the others add only what they set
                # (a full component style would bring back the default colour).
                first, *more = parts.split()
                style += self.get_component_rich_style(first)
                for part in more:
                    style += self.get_component_rich_style(part, partial=True)
            segments.append(Segment(text, style))
        return Strip(segments).crop_extend(0, width, base)


class AttemptTimeline(LinesChart):
    """Every attempt as a bar, all starting at the left edge: length is days.

    A `|` column marks the 21-day minimum, a `:` column the goal; a slip ends
    its bar with `x` and the trigger as typed, the running attempt with `>`.
    """

    HEAD_CLASSES = ("timeline--heading", "timeline--quiet")
    COMPONENT_CLASSES = {
        "timeline--heading",
        "timeline--date",
        "timeline--bar",
        "timeline--running",
        "timeline--slip",
        "timeline--mark",
        "timeline--quiet",
    }

    def __init__(self, *, id: str | None = None, heading: str = "", legend: str = "") -> None:
        super().__init__(id=id, heading=heading, legend=legend)
        self._bars: tuple[AttemptBar, ...] = ()
        self._target = MINIMUM_DAYS
        self._unnamed = ""

    def show(self, bars: Sequence[AttemptBar], target: int, unnamed: str) -> None:
        """Draw these attempts against `target`; `unnamed` stands for a slip without a trigger."""
        self._bars, self._target, self._unnamed = tuple(bars), target, unnamed
        self.redraw()

    def lay_out(self, width: int) -> list[Line]:
        if not self._bars:
            return []
        longest = max([self._target, *(bar.days for bar in self._bars)])
        room = max(10, min(width - 19, 100))
        scale = room / longest

        def column(days: int) -> int:
            return min(room - 1, round(days * scale))

        minimum, goal = column(MINIMUM_DAYS), column(self._target)
        lines: list[Line] = []
        for bar in self._bars:
            filled = max(1, column(bar.days)) if bar.days else 0
            end_mark = ">" if bar.running else "x" if bar.slip else "|"
            end_class = "timeline--running" if bar.running else "timeline--slip"
            bar_class = "timeline--running" if bar.running else "timeline--bar"
            pieces: Line = [(f"{bar.start.isoformat()} ", "timeline--date")]
            for cell in range(room):
                if cell in (minimum, goal) and cell != filled:
                    # The marks show through the bars: one line down the whole timeline.
                    pieces.append(("|" if cell == minimum else ":", "timeline--mark"))
                elif cell < filled:
                    pieces.append(("█", bar_class))
                elif cell == filled:
                    pieces.append((end_mark, end_class))
                else:
                    pieces.append((" ", ""))
            pieces.append((f" {bar.days:>4} d", "timeline--date"))
            lines.append(pieces)
            if bar.slip:
                trigger = printable(bar.trigger).strip() or self._unnamed
                lines.append([(" " * 11 + "x ", "timeline--slip"), (trigger, "timeline--quiet")])
        return lines


class CheckinCalendar(LinesChart):
    """One cell per day, a column per week (Monday at the top), months labelled above.

    The cell's colour is the mood; `!` marks an urge of 7 or more; `□` a
    check-in added later (filled in or corrected on a later day; an added `!`
    keeps its `!`, in the added-later style); `·` is a day without a
    check-in; blank is before the history or after today. Wide histories wrap
    into bands of as many weeks as the width holds.
    """

    HEAD_CLASSES = ("calendar--heading", "calendar--label")
    COMPONENT_CLASSES = {
        "calendar--heading",
        "calendar--label",
        "calendar--gap",
        "calendar--later",
        *(f"calendar--mood-{mood}" for mood in range(1, 6)),
    }

    def __init__(self, *, id: str | None = None, heading: str = "", legend: str = "") -> None:
        super().__init__(id=id, heading=heading, legend=legend)
        self._by_day: dict[date, CheckIn] = {}
        self._first = date.min
        self._today = date.min

    def show(self, checkins: Sequence[CheckIn], first: date, today: date) -> None:
        """Draw every day from `first` to `today`."""
        self._by_day = {c.on: c for c in checkins}
        self._first, self._today = first, today
        self.redraw()

    def _cell(self, day: date) -> Piece:
        if day < self._first or day > self._today:
            return (" ", "")
        found = self._by_day.get(day)
        if found is None:
            return ("·", "calendar--gap")
        mood = f"calendar--mood-{found.mood}"
        if found.urge >= HIGH_URGE:
            return ("!", f"{mood} calendar--later" if found.added_later else mood)
        if found.added_later:
            return (LATER, f"{mood} calendar--later")
        return ("■", mood)

    def _month_names(
        self, origin: date, band: range, months: set[tuple[int, int]], room: int
    ) -> list[tuple[int, str]]:
        """Where each month's name goes on a band's label row: above the week its 1st
        falls in, moved left if it would run off the end. A band that starts well
        into a month names that month first, so every band says which month it shows."""
        starts: list[tuple[int, str]] = []
        for column, index in enumerate(band):
            monday = origin + timedelta(days=7 * index)
            for offset in range(7):
                day = monday + timedelta(days=offset)
                if day.day == 1 and (day.year, day.month) in months:
                    starts.append((column, day.strftime("%b")))
        if not starts or starts[0][0] >= 4:
            first_shown = max(self._first, origin + timedelta(days=7 * band.start))
            starts.insert(0, (0, first_shown.strftime("%b")))
        placed: list[tuple[int, str]] = []
        free_from = 0
        for column, name in starts:
            at = max(free_from, min(column, room - len(name)))
            if at + len(name) <= room:
                placed.append((at, name))
                free_from = at + len(name) + 1
        return placed

    def lay_out(self, width: int) -> list[Line]:
        if self._today < self._first:
            return []
        origin = week_start(self._first)
        weeks = (week_start(self._today) - origin).days // 7 + 1
        gutter = 5  # "Mo   ", or the band's year on the month row
        per_band = max(4, width - gutter)
        lines: list[Line] = []
        months = {(m.year, m.month) for m in calendar_months(self._first, self._today)}
        for band_start in range(0, weeks, per_band):
            band = range(band_start, min(weeks, band_start + per_band))
            # The label row may run past a short last band, into the room beside it.
            label = [" "] * (gutter + per_band)
            year = str((origin + timedelta(days=7 * band.start + 6)).year)
            label[0:4] = list(year)
            for at, name in self._month_names(origin, band, months, per_band):
                label[gutter + at : gutter + at + len(name)] = list(name)
            text = "".join(label).rstrip().ljust(gutter + len(band))
            lines.append([(text, "calendar--label")])
            for weekday, day_name in enumerate(("Mo", "", "We", "", "Fr", "", "Su")):
                row: Line = [(f"{day_name:<{gutter}}", "calendar--label")]
                for index in band:
                    day = origin + timedelta(days=7 * index + weekday)
                    row.append(self._cell(day))
                lines.append(row)
            lines.append([])
        return lines[:-1]


class WeeklyTrends(LinesChart):
    """Weekly averages of mood and urge, urges resisted and entries: a column per week.

    The most recent weeks that fit are shown (all of them on a wide screen).
    """

    HEAD_CLASSES = ("weekly--heading", "weekly--quiet")
    COMPONENT_CLASSES = {
        "weekly--heading",
        "weekly--label",
        "weekly--mood",
        "weekly--urge",
        "weekly--resisted",
        "weekly--entries",
        "weekly--quiet",
    }

    def __init__(self, *, id: str | None = None, heading: str = "", legend: str = "") -> None:
        super().__init__(id=id, heading=heading, legend=legend)
        self._weeks: tuple[WeekFigures, ...] = ()
        self._labels: tuple[str, str, str, str] = ("", "", "", "")

    def show(self, weeks: Sequence[WeekFigures], labels: tuple[str, str, str, str]) -> None:
        """Draw `weeks` (oldest first) with the row `labels` (mood, urge, resisted, entries)."""
        self._weeks, self._labels = tuple(weeks), labels
        self.redraw()

    @staticmethod
    def _bar(value: float | None, high: float) -> str:
        if value is None:
            return "·"
        if high <= 0 or value <= 0:
            return BARS[0]
        return BARS[min(len(BARS) - 1, round(value / high * (len(BARS) - 1)))]

    def lay_out(self, width: int) -> list[Line]:
        if not self._weeks:
            return []
        room = max(4, width - LABEL_WIDTH)
        weeks = self._weeks[-room:]
        most_resisted = max(w.urges_resisted for w in weeks)
        most_entries = max(w.entries for w in weeks)
        rows = (
            ("weekly--mood", [self._bar(w.mood_average, 5) for w in weeks]),
            ("weekly--urge", [self._bar(w.urge_average, 10) for w in weeks]),
            ("weekly--resisted", [self._bar(w.urges_resisted, most_resisted) for w in weeks]),
            ("weekly--entries", [self._bar(w.entries, most_entries) for w in weeks]),
        )
        lines: list[Line] = [
            [
                (" " * LABEL_WIDTH, ""),
                (f"{weeks[0].start.isoformat()} - {weeks[-1].end.isoformat()}", "weekly--quiet"),
            ]
        ]
        for label, (part, cells) in zip(self._labels, rows, strict=True):
            lines.append([(f"{label[: LABEL_WIDTH - 1]:<{LABEL_WIDTH}}", "weekly--label")])
            lines[-1].append(("".join(cells), part))
        return lines


class TriggerList(LinesChart):
    """What ended attempts, most often first: one line each (wrapped), under the heading."""

    HEAD_CLASSES = ("triggers--heading", "")
    COMPONENT_CLASSES = {"triggers--heading"}

    def __init__(self, *, id: str | None = None, heading: str = "") -> None:
        super().__init__(id=id, heading=heading)
        self._text = ""

    def show(self, text: str) -> None:
        """Show `text` (its lines are printable already)."""
        self._text = text
        self.redraw()

    def lay_out(self, width: int) -> list[Line]:
        return [[(line, "")] for line in wrapped(self._text, width)]
