"""The last 30 days at a glance: mood and urge by day, urges resisted, the latest entry.

Drawn as one widget (a bar character per day, a dot for a day without a
check-in) rather than Sparkline widgets in rows: it keeps the dashboard's
first paint quick, and a gap shows honestly as a gap.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

from exback_tui.domain.checkin import CheckIn, recent
from exback_tui.domain.text import printable

if TYPE_CHECKING:
    from exback_tui.domain.journal import Entry

DAYS = 30
# A wide panel (a terminal of 160 columns or more) shows as many days as fit,
# one cell each, up to MOST_DAYS; narrower ones keep the last 30.
WIDE_DAYS = 60
MOST_DAYS = 180
LABEL = "Mood  "
BARS = "▁▂▃▄▅▆▇█"


def days_for(width: int) -> int:
    """How many days a panel `width` cells wide shows: 30, or the whole width when wide."""
    room = width - len(LABEL)
    return min(MOST_DAYS, room) if room >= WIDE_DAYS else DAYS


def day_bars(
    checkins: tuple[CheckIn, ...], today: date, field: str, high: int, days: int = DAYS
) -> str:
    """One character per day for the last `days` days: a bar for the value, · for none."""
    by_day = {c.on: getattr(c, field) for c in checkins}
    chars = []
    for offset in range(days - 1, -1, -1):
        value = by_day.get(today - timedelta(days=offset))
        if value is None:
            chars.append("·")
        else:
            chars.append(BARS[round(value / high * (len(BARS) - 1))])
    return "".join(chars)


class Trends(Widget):
    """Shows the last 30 days of check-ins and the newest journal entry."""

    COMPONENT_CLASSES = {"trends--label", "trends--mood", "trends--urge", "trends--quiet"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = f"Last {DAYS} days"
        self._checkins: tuple[CheckIn, ...] = ()
        self._all: tuple[CheckIn, ...] = ()
        self._today = date.min
        self._journal: tuple[Entry, ...] | None = None
        self._resisted = 0

    def show(
        self,
        checkins: tuple[CheckIn, ...],
        today: date,
        journal: tuple[Entry, ...] | None,
        resisted: int,
    ) -> None:
        """Redraw from the check-ins up to `today`, the newest entries of `journal` and the
        number of urges resisted so far (`domain.urges.urges_resisted`, the one count)."""
        self._all = checkins
        self._today = today
        self._journal = journal
        self._resisted = resisted
        self._window(self.size.width)
        self.refresh(layout=True)

    def _window(self, width: int) -> int:
        """Keep the check-ins of as many days as `width` shows; the title says how many."""
        days = days_for(width)
        self._checkins = recent(self._all, self._today, days)
        self.border_title = f"Last {days} days"
        return days

    def on_resize(self) -> None:
        self._window(self.size.width)

    def render(self) -> Content:
        label = self.get_visual_style("trends--label")
        quiet = self.get_visual_style("trends--quiet")
        span = days_for(self.size.width)
        days = self._checkins
        count = f"{len(days)} check-in{'s' if len(days) != 1 else ''}"
        mood = day_bars(days, self._today, "mood", 5, span)
        urge = day_bars(days, self._today, "urge", 10, span)
        lines = [
            Content.assemble((LABEL, label), (mood, self.get_visual_style("trends--mood"))),
            Content.assemble(("Urge  ", label), (urge, self.get_visual_style("trends--urge"))),
            Content.styled(f"{count} · urges resisted: {self._resisted}", quiet),
        ]
        # A tall panel lists more of the latest entries (one line each).
        room = max(1, self.size.height - len(lines))
        for line in self.latest_lines(self._journal, room):
            lines.append(
                Content.styled(line, quiet).truncate(max(1, self.size.width), ellipsis=True)
            )
        return Content("\n").join(lines)

    @classmethod
    def latest_lines(cls, journal: tuple[Entry, ...] | None, most: int) -> list[str]:
        """The newest entry's line, then up to `most` - 1 more below it."""
        first = cls.latest_line(journal)
        if journal is None or most <= 1:
            return [first]
        more = [e for e in journal if e.deleted is None][1:most]
        return [
            first,
            *(f"  {e.day.day} {e.day.strftime('%b')}: {printable(e.first_line)}" for e in more),
        ]

    @staticmethod
    def latest_line(journal: tuple[Entry, ...] | None) -> str:
        """The newest entry's date and first line, as plain text."""
        if journal is None:
            return "Latest entry: …"
        newest = next((e for e in journal if e.deleted is None), None)
        if newest is None:
            return "No journal entries yet: press n to write one."
        day = f"{newest.day.day} {newest.day.strftime('%b')}"
        return f"Latest entry, {day}: {printable(newest.first_line)}"
