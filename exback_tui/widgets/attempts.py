"""Every attempt so far: when it ran, how long, and how it ended, as the user wrote it."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from exback_tui.domain.plan import ENDED_BY_SLIP, Attempt, NoContactPlan
from exback_tui.domain.text import printable


def _short(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def attempt_line(number: int, attempt: Attempt, today: date) -> str:
    """One attempt as a line of plain text; the trigger is shown without control characters."""
    days = attempt.days_done(today)
    end = "now" if attempt.end is None else _short(attempt.end)
    line = f"{number}. {_short(attempt.start)} – {end} · {days} day{'s' if days != 1 else ''}"
    if not attempt.is_open:
        how = "slip" if attempt.ended_by == ENDED_BY_SLIP else "restarted"
        trigger = printable(attempt.trigger).strip()
        line += f" · {how}" + (f": {trigger}" if trigger else "")
    return line


class AttemptHistory(VerticalScroll, can_focus=False):
    """Attempts newest first, in one text block: user text is never parsed as markup."""

    COMPONENT_CLASSES = {"attempt-history--note"}

    def __init__(self, first_note: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._first_note = first_note
        self.border_title = "Attempts"

    def compose(self) -> ComposeResult:
        yield Static("", id="attempt-lines", markup=False)

    def show(self, plan: NoContactPlan, today: date) -> None:
        """Show the attempts of `plan` as of `today`."""
        numbered = list(enumerate(plan.attempts, start=1))
        lines = [Content(attempt_line(n, a, today)) for n, a in reversed(numbered)]
        if len(plan.attempts) == 1:
            note_style = self.get_visual_style("attempt-history--note")
            lines.append(Content.styled(self._first_note, note_style))
        self.query_one("#attempt-lines", Static).update(Content("\n").join(lines))
