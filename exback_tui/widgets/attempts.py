"""Every attempt so far: when it ran, how long, and how it ended, as the user wrote it."""

from __future__ import annotations

from datetime import date

from textual.containers import VerticalScroll
from textual.widgets import Label

from exback_tui.domain.plan import ENDED_BY_SLIP, NoContactPlan
from exback_tui.domain.text import printable


def _short(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


class AttemptHistory(VerticalScroll):
    """Attempts newest first. Triggers are user text: shown without markup or controls."""

    def __init__(self, first_note: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._first_note = first_note
        self.border_title = "Attempts"
        self.can_focus = False

    def show(self, plan: NoContactPlan, today: date) -> None:
        """Replace the list with the attempts of `plan` as of `today`."""
        lines = []
        count = len(plan.attempts)
        for number, attempt in reversed(list(enumerate(plan.attempts, start=1))):
            days = attempt.days_done(today)
            span = f"{_short(attempt.start)} – " + ("now" if attempt.is_open else _short(attempt.end))
            text = f"{number}. {span} · {days} day{'s' if days != 1 else ''}"
            if not attempt.is_open:
                how = "slip" if attempt.ended_by == ENDED_BY_SLIP else "restarted"
                trigger = printable(attempt.trigger).strip()
                text += f" · {how}" + (f": {trigger}" if trigger else "")
            lines.append(Label(text, markup=False, classes="attempt"))
        if count == 1:
            lines.append(Label(self._first_note, markup=False, classes="attempt -note"))
        self.remove_children()
        self.mount_all(lines)
