"""Settings (from the palette and `?`): the goal, the breakup date, the start of this
attempt, the allowed-contact topics, the theme and the weekly review's day.

Every field is checked as onboarding checks it, and a refusal is said on the
line under that field. The plan's changes go through the service in one write
(the start correction through the one history function), so the history is
never touched; the topics and the theme are kept in the program file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.plan import NoContactPlan
from exback_tui.domain.settings import THEMES, WEEKDAYS, theme_label
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp

# The weekly review picker's value for "the default day".
DEFAULT_DAY = -1
# Each field, in order: its id and the words of its label and hint.
FIELDS = ("target", "breakup", "start", "topics", "theme", "review")
# Which field a refusal from the domain belongs to, by the field it names.
ERROR_FIELDS = {
    "target": "target",
    "breakup": "breakup",
    "start": "start",
    "day": "start",
    "attempts": "start",
    "topics": "topics",
    "review_weekday": "review",
}


class SettingsScreen(Screen[None]):
    """The settings form. Enter in a field, ctrl+s or Save keeps every change at once."""

    if TYPE_CHECKING:
        app: ExBackApp

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, texts: Mapping[str, Any]) -> None:
        super().__init__()
        self.texts = texts

    def compose(self) -> ComposeResult:
        texts = self.texts
        yield Static(texts["title"], id="settings-title", markup=False)
        with VerticalScroll(id="settings-form"):
            yield Static(texts["intro"], id="settings-intro", markup=False)
            for field in FIELDS:
                with Vertical(classes="settings-field"):
                    with Horizontal(classes="settings-row"):
                        yield Label(texts[f"{field}_label"], classes="settings-label")
                        yield self._editor(field)
                        if f"{field}_hint" in texts:
                            yield Static(
                                texts[f"{field}_hint"], classes="settings-hint", markup=False
                            )
                    yield Static("", id=f"settings-{field}-error", classes="settings-error")
            with Horizontal(id="settings-actions"):
                yield Button(Content(texts["save_button"]), id="settings-save", compact=True)
                yield Static("", id="settings-message", markup=False)
        yield KeyBar([*self.BINDINGS, *self.app.BINDINGS])

    def _editor(self, field: str) -> Input | Select[Any]:
        texts = self.texts
        if field == "theme":
            return Select[str](
                [(texts["theme_dark"], "dark"), (texts["theme_light"], "light")],
                allow_blank=False,
                id="settings-theme",
                compact=True,
            )
        if field == "review":
            default = self._plan._replace(review_weekday=None).weekly_review_weekday
            days = [
                (texts["review_default"].format(weekday=_day_name(default)), DEFAULT_DAY),
                *((_day_name(n), n) for n in range(7)),
            ]
            return Select[int](days, allow_blank=False, id="settings-review", compact=True)
        return SafeInput(id=f"settings-{field}", compact=True, max_length=400)

    def on_mount(self) -> None:
        for line in self.query(".settings-error"):
            line.display = False
        self._fill()
        self.query_one("#settings-target").focus()

    # Showing ----------------------------------------------------------------------

    @property
    def _plan(self) -> NoContactPlan:
        status = self.app.status
        assert status is not None and status.plan is not None  # opened after onboarding
        return status.plan

    def _fill(self) -> None:
        """Put the saved settings in the fields."""
        plan, program = self._plan, self.app.program
        self._input("target").value = str(plan.target_days)
        breakup = plan.breakup_date
        self._input("breakup").value = "" if breakup is None else breakup.isoformat()
        self._input("start").value = plan.current.start.isoformat()
        self._input("topics").value = ", ".join(program.allowed_topics)
        self.query_one("#settings-theme", Select).value = theme_label(self.app.theme)
        review: Select[int] = self.query_one("#settings-review", Select)
        review.value = DEFAULT_DAY if plan.review_weekday is None else plan.review_weekday

    def _input(self, field: str) -> Input:
        return self.query_one(f"#settings-{field}", Input)

    def _say(self, field: str | None, message: str) -> None:
        """A refusal under `field` (None: the line by the Save button, not an error)."""
        for name in FIELDS:
            line = self.query_one(f"#settings-{name}-error", Static)
            text = message if name == field else ""
            line.update(Content(text))
            line.display = bool(text)
        note = self.query_one("#settings-message", Static)
        note.update(Content(message if field is None else ""))

    # Saving -----------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one("#settings-message", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "settings-save":
            self.action_save()

    def action_save(self) -> None:
        """Check every field; save the changes at once, or say where one is refused."""
        try:
            changes = self._changes()
        except _Refused as refused:
            self._say(refused.field, refused.message)
            self.query_one(f"#settings-{refused.field}").focus()
            return
        plan_changes, topics, theme = changes
        if not plan_changes and topics is None and theme is None:
            self._say(None, self.texts["unchanged"])
            return
        if theme is not None:
            self.app.theme = theme  # the app remembers it (ExBackApp.watch_theme)
        service, today = self.app.service, self.app.today

        def saved(result: object) -> None:
            if self.is_attached:
                self._fill()
                self._say(None, self.texts["saved"])

        def failed(error: Exception) -> None:
            if self.is_attached:
                field = getattr(error, "field", None)
                self._say(ERROR_FIELDS.get(field or "", "target"), str(error))

        if plan_changes:
            self.app.saves.plan(
                lambda: service.change_plan_settings(today, **plan_changes),
                saved if topics is None else None,
                failed,
            )
        if topics is not None:
            self.app.saves.program(lambda: service.set_allowed_topics(topics), saved, failed)
        elif not plan_changes:
            saved(None)

    def _changes(self) -> tuple[dict[str, Any], list[str] | None, str | None]:
        """(the plan's changes for `change_plan_settings`, new topics, new theme), each
        checked the way onboarding checks it; _Refused naming the field otherwise."""
        from exback_tui.domain import settings as rules

        plan, today = self._plan, self.app.today
        changes: dict[str, Any] = {}
        checked = plan
        typed_target = self._input("target").value.strip()
        if not typed_target.isdigit():
            raise _Refused("target", self.texts["target_number"])
        target = int(typed_target)
        if target != plan.target_days:
            checked = _checked("target", lambda: rules.with_target(checked, target))
            changes["target_days"] = target
        breakup = _date_field(self._input("breakup").value, today, "breakup", optional=True)
        if breakup != plan.breakup_date:
            checked = _checked("breakup", lambda: rules.with_breakup_date(checked, breakup, today))
            changes["breakup"] = breakup
        start = _date_field(self._input("start").value, today, "start", optional=False)
        if start is not None and start != plan.current.start:
            checked = _checked("start", lambda: rules.with_start_corrected(checked, start, today))
            changes["start"] = start
        review = self.query_one("#settings-review", Select).value
        weekday = None if review == DEFAULT_DAY or not isinstance(review, int) else review
        if weekday != plan.review_weekday:
            changes["review_weekday"] = weekday
        typed_topics = [t.strip() for t in self._input("topics").value.split(",") if t.strip()]
        topics = None if tuple(typed_topics) == self.app.program.allowed_topics else typed_topics
        chosen = self.query_one("#settings-theme", Select).value
        theme = THEMES.get(chosen) if isinstance(chosen, str) else None
        if theme == self.app.theme:
            theme = None
        return changes, topics, theme

    def action_back(self) -> None:
        self.dismiss()


class _Refused(Exception):
    """A field that can't be saved as typed, and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _checked(field: str, change: Callable[[], NoContactPlan]) -> NoContactPlan:
    try:
        return change()
    except InvalidInput as error:
        raise _Refused(field, str(error)) from None


def _date_field(typed: str, today: date, field: str, *, optional: bool) -> date | None:
    """The date typed in `field` (empty: None if optional), read like every date in exback."""
    from exback_tui.domain.dates import parse_date

    if not typed.strip() and optional:
        return None
    try:
        return parse_date(typed, today, field=field)
    except InvalidInput as error:
        raise _Refused(field, str(error)) from None


def _day_name(weekday: int) -> str:
    return WEEKDAYS[weekday].capitalize()
