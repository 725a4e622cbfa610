"""Hard dates (`d` on the dashboard): birthdays, anniversaries, holidays to be warned about.

The list shows each date and how soon it comes; a name and a date (the day
and the month in words: "14 Feb", "Feb 14") add one; `x` removes the
highlighted one after asking. The dashboard warns three days ahead and on
the day (`warning_text`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.progress import HardDate, ProgramState
from exback_tui.domain.text import printable
from exback_tui.screens.dialogs.confirm import ConfirmDialog
from exback_tui.textual_fixes import KeepsStylesWhileHidden
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp
    from exback_tui.domain.hard_dates import Upcoming

# A leap year's last day: every day of the year, 29 February too, is on or before it.
_EVERY_DAY = date(2000, 12, 31)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WORD = r"[^\W\d_]+\.?"
_DAY_MONTH = re.compile(rf"({_DAY})\s+(?:of\s+)?({_WORD})|({_WORD})\s+({_DAY})")
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})")
_YEAR = re.compile(r"\d{3,}")
# Longest name shown in the dashboard's one-line warning.
WARNING_NAME_CHARS = 40
MAX_NAME_CHARS = 200


def read_month_day(typed: str, texts: Mapping[str, str]) -> tuple[int, int]:
    """(month, day) from "14 Feb", "Feb 14th", "14 February"; InvalidInput otherwise.

    Numeric forms are refused (3/4 could be March or April), and so is a
    year (the date comes back every year).
    """
    from exback_tui.domain.dates import parse_date

    shown = " ".join(printable(typed).split())
    cleaned = shown.casefold().replace(",", " ")
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        raise InvalidInput(texts["date_empty"], "date")
    if match := _NUMERIC.fullmatch(cleaned):
        first, second = int(match[1]), int(match[2])
        key = "date_ambiguous" if 1 <= first <= 12 and 1 <= second <= 12 else "date_unreadable"
        raise InvalidInput(texts[key].format(typed=shown), "date")
    if _YEAR.search(cleaned):
        raise InvalidInput(texts["date_with_year"], "date")
    match = _DAY_MONTH.fullmatch(cleaned)
    if match is None:
        raise InvalidInput(texts["date_unreadable"].format(typed=shown), "date")
    day_token, month_token = (match[1], match[2]) if match[1] else (match[4], match[3])
    day = re.match(r"\d+", day_token)
    assert day is not None
    try:
        parse_date(f"1 {month_token}", _EVERY_DAY)
    except InvalidInput:
        raise InvalidInput(texts["date_unreadable"].format(typed=shown), "date") from None
    try:
        found = parse_date(f"{day[0]} {month_token}", _EVERY_DAY)
    except InvalidInput:
        raise InvalidInput(texts["date_not_real"].format(typed=shown), "date") from None
    return found.month, found.day


def day_label(month: int, day: int) -> str:
    """ "14 Feb": the day and the month, as the list shows them."""
    return f"{day} {date(2000, month, day):%b}"


def _short_name(name: str, limit: int) -> str:
    shown = " ".join(printable(name).split())
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def when_text(days_until: int, texts: Mapping[str, str]) -> str:
    """ "today", "tomorrow" or "in 5 days"."""
    if days_until == 0:
        return texts["today"]
    if days_until == 1:
        return texts["tomorrow"]
    return texts["in_days"].format(days=days_until)


def warning_text(coming: tuple[Upcoming, ...], texts: Mapping[str, str]) -> str:
    """The dashboard's line about the soonest hard date (and how many more), or ""."""
    if not coming:
        return ""
    first = coming[0]
    name = _short_name(first.hard_date.name, WARNING_NAME_CHARS)
    if first.days_until == 0:
        line = texts["warn_today"].format(name=name)
    elif first.days_until == 1:
        line = texts["warn_tomorrow"].format(name=name)
    else:
        line = texts["warn_days"].format(name=name, days=first.days_until)
    if len(coming) > 1:
        line += texts["warn_more"].format(count=len(coming) - 1)
    return line


class HardDatesScreen(KeepsStylesWhileHidden, Screen[None]):
    """The user's hard dates, soonest first, and a form to add one."""

    if TYPE_CHECKING:
        app: ExBackApp

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("a", "add", "Add"),
        Binding("x,delete", "remove", "Remove", key_display="x"),
    ]

    def __init__(self, texts: Mapping[str, str]) -> None:
        super().__init__()
        self.texts = texts
        self._shown: list[HardDate] = []

    def compose(self) -> ComposeResult:
        texts = self.texts
        yield Static(texts["title"], id="hard-dates-title", markup=False)
        yield Static(texts["intro"], id="hard-dates-intro", markup=False)
        yield OptionList(id="hard-dates-list")
        yield Static(texts["empty"], id="hard-dates-empty", markup=False)
        with Vertical(id="hard-dates-form"):
            yield Static(texts["add_title"], id="hard-dates-add-title", markup=False)
            with Horizontal(id="hard-dates-fields"):
                yield Label(texts["name_label"], classes="hard-dates-label")
                yield SafeInput(
                    placeholder=texts["name_placeholder"],
                    id="hard-date-name",
                    max_length=MAX_NAME_CHARS,
                    compact=True,
                )
                yield Label(texts["date_label"], classes="hard-dates-label")
                yield SafeInput(
                    placeholder=texts["date_placeholder"],
                    id="hard-date-day",
                    max_length=40,
                    compact=True,
                )
            yield Static("", id="hard-dates-error", markup=False)
            yield Static("", id="hard-dates-message", markup=False)
        yield KeyBar([*self.BINDINGS, *self.app.BINDINGS])

    def on_mount(self) -> None:
        self.query_one("#hard-dates-error").display = False
        self.query_one("#hard-dates-message").display = False
        self.watch(self.app, "program", self._show, init=False)
        self.watch(self.app, "today", self._show_today, init=False)
        self._show(self.app.program)
        first = "#hard-dates-list" if self._shown else "#hard-date-name"
        self.query_one(first).focus()

    def _show_today(self, today: date) -> None:
        self._show(self.app.program)

    def _show(self, program: ProgramState) -> None:
        from exback_tui.domain.hard_dates import upcoming

        texts = self.texts
        coming = upcoming(program.hard_dates, self.app.today, within=366)
        options = self.query_one("#hard-dates-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        self._shown = [item.hard_date for item in coming]
        for item in coming:
            hard_date = item.hard_date
            line = Content.assemble(
                (printable(hard_date.name), "bold"),
                " · ",
                day_label(hard_date.month, hard_date.day),
                " · ",
                when_text(item.days_until, texts),
            )
            options.add_option(Option(line, id=hard_date.id))
        if self._shown:
            options.highlighted = min(highlighted or 0, len(self._shown) - 1)
        options.display = bool(self._shown)
        self.query_one("#hard-dates-empty").display = not self._shown

    def _say(self, selector: str, message: str) -> None:
        line = self.query_one(selector, Static)
        line.update(Content(message))
        line.display = bool(message)

    # Adding ---------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._say("#hard-dates-error", "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "hard-date-name":
            self.query_one("#hard-date-day").focus()
        else:
            self._add()

    def action_add(self) -> None:
        """Go to the form (or add, from the date field)."""
        self.query_one("#hard-date-name").focus()

    def _add(self) -> None:
        name = self.query_one("#hard-date-name", Input).value
        typed = self.query_one("#hard-date-day", Input).value
        texts = self.texts
        self._say("#hard-dates-message", "")
        try:
            month, day = read_month_day(typed, texts)
        except InvalidInput as error:
            self._say("#hard-dates-error", str(error))
            return
        service = self.app.service

        def added(state: ProgramState) -> None:
            self.query_one("#hard-date-name", Input).value = ""
            self.query_one("#hard-date-day", Input).value = ""
            self._say("#hard-dates-error", "")
            self._say(
                "#hard-dates-message",
                texts["added"].format(name=_short_name(name, WARNING_NAME_CHARS)),
            )
            self.query_one("#hard-date-name").focus()

        def failed(error: Exception) -> None:
            self._say("#hard-dates-error", str(error))

        self.app.saves.program(lambda: service.add_hard_date(name, month, day), added, failed)

    # Removing -------------------------------------------------------------------

    def action_remove(self) -> None:
        """Remove the highlighted date, after asking."""
        options = self.query_one("#hard-dates-list", OptionList)
        if self.focused is not options or options.highlighted is None or not self._shown:
            return
        hard_date = self._shown[options.highlighted]
        texts = self.texts
        name = _short_name(hard_date.name, WARNING_NAME_CHARS)
        body = texts["remove_body"].format(name=name, day=day_label(hard_date.month, hard_date.day))
        dialog = ConfirmDialog(texts["remove_title"], body, texts["remove_yes"], texts["remove_no"])

        def answered(remove: bool | None) -> None:
            if remove:
                self._remove(hard_date, name)

        self.app.push_screen(dialog, answered)

    def _remove(self, hard_date: HardDate, name: str) -> None:
        service = self.app.service

        def removed(state: ProgramState) -> None:
            self._say("#hard-dates-message", self.texts["removed"].format(name=name))
            if not self._shown:
                self.query_one("#hard-date-name").focus()

        self.app.saves.program(lambda: service.remove_hard_date(hard_date.id), removed)

    def action_back(self) -> None:
        self.dismiss()
