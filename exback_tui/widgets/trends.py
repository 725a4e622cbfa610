"""The last 30 days at a glance: mood and urge by day, the urges resisted, the latest entry.

Drawn as one widget (a bar character per day, a dot for a day without a
check-in) rather than Sparkline widgets in rows: it keeps the dashboard's
first paint quick, and a gap shows honestly as a gap.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual.content import Content
from textual.widget import Widget

from exback_tui.domain.checkin import CheckIn, recent
from exback_tui.domain.journal import Entry
from exback_tui.domain.text import printable

DAYS = 30
BARS = "▁▂▃▄▅▆▇█"


def day_bars(checkins: tuple[CheckIn, ...], today: date, field: str, high: int) -> str:
    """One character per day for the last DAYS days: a bar for the value, · for no check-in."""
    by_day = {c.on: getattr(c, field) for c in checkins}
    chars = []
    for offset in range(DAYS - 1, -1, -1):
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
        """Redraw from the check-ins up to `today`, the newest entry of `journal` and the
        number of urges resisted so far (`domain.urges.urges_resisted`, the one count)."""
        self._checkins = recent(checkins, today, DAYS)
        self._today = today
        self._journal = journal
        self._resisted = resisted
        self.refresh(layout=True)

    def render(self) -> Content:
        label = self.get_visual_style("trends--label")
        quiet = self.get_visual_style("trends--quiet")
        days = self._checkins
        count = f"{len(days)} check-in{'s' if len(days) != 1 else ''}"
        lines = [
            Content.assemble(
                ("Mood  ", label),
                (day_bars(days, self._today, "mood", 5), self.get_visual_style("trends--mood")),
            ),
            Content.assemble(
                ("Urge  ", label),
                (day_bars(days, self._today, "urge", 10), self.get_visual_style("trends--urge")),
            ),
            Content.styled(f"{count} · urges resisted: {self._resisted}", quiet),
            Content.styled(self.latest_line(self._journal), quiet).truncate(
                max(1, self.size.width), ellipsis=True
            ),
        ]
        return Content("\n").join(lines)

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
