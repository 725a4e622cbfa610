"""The last 30 days at a glance: mood and urge lines, urges resisted, the latest entry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Sparkline, Static

from exback_tui.domain.checkin import CheckIn, recent, urges_resisted
from exback_tui.domain.journal import Entry
from exback_tui.domain.status import Status
from exback_tui.domain.text import printable


class Trends(Vertical):
    """Shows a status's last 30 days of check-ins, and the newest journal entry."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Last 30 days"

    def compose(self) -> ComposeResult:
        with Horizontal(classes="trend-row"):
            yield Label("Mood", classes="trend-label")
            yield Sparkline([], id="trend-mood")
        with Horizontal(classes="trend-row"):
            yield Label("Urge", classes="trend-label")
            yield Sparkline([], id="trend-urge")
        yield Static("", id="trend-summary", markup=False)
        yield Static("", id="trend-latest", markup=False)

    def show(self, status: Status, journal: tuple[Entry, ...] | None) -> None:
        """Redraw from the check-ins of `status` and the newest entry of `journal`."""
        days: tuple[CheckIn, ...] = recent(status.checkins, status.today)
        self.query_one("#trend-mood", Sparkline).data = [c.mood for c in days]
        self.query_one("#trend-urge", Sparkline).data = [c.urge for c in days]
        resisted = urges_resisted(days)
        checked = f"{len(days)} check-in{'s' if len(days) != 1 else ''}"
        self.query_one("#trend-summary", Static).update(f"{checked} · urges resisted: {resisted}")
        self.query_one("#trend-latest", Static).update(self._latest(journal))

    @staticmethod
    def _latest(journal: tuple[Entry, ...] | None) -> str:
        if journal is None:
            return "Latest entry: …"
        newest = next((e for e in journal if e.deleted is None), None)
        if newest is None:
            return "No journal entries yet: press n to write one."
        return f"Latest entry, {newest.day.day} {newest.day.strftime('%b')}: " + printable(
            newest.first_line
        )
