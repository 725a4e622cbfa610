"""First run: the breakup date, the no-contact start and the target, and where data lives."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.plan import DEFAULT_TARGET_DAYS, validate_target
from exback_tui.domain.status import Status
from exback_tui.widgets.key_bar import KeyBar
from exback_tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from exback_tui.app import ExBackApp

FIELDS = ("breakup", "start", "target")
ONBOARDING_KEYS = [
    Binding("enter", "", "Next / Start"),
    Binding("tab", "", "Move"),
    Binding("ctrl+l", "", "Hide"),
    Binding("ctrl+q", "", "Quit"),
]


class OnboardingScreen(Screen[None]):
    """Asks three questions; Enter moves on, and on the last field (or Start) saves."""

    if TYPE_CHECKING:
        app: ExBackApp

    def __init__(self, texts: Mapping[str, str], data_dir: str) -> None:
        super().__init__()
        self._texts = texts
        self._data_dir = data_dir

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="onboarding-box"):
            yield Static(self._texts["title"], id="onboarding-title", markup=False)
            yield Static(self._texts["intro"], id="onboarding-intro", markup=False)
            yield from self._field(
                "breakup", "When did you break up?", "e.g. 2 Nov or 16 days ago (optional)"
            )
            yield from self._field("start", "When did no contact start?", "today")
            yield from self._field(
                "target", "How many days will you aim for?", f"{DEFAULT_TARGET_DAYS} (21 or more)"
            )
            privacy = self._texts["privacy"].format(data_dir=self._data_dir)
            yield Static(privacy, id="onboarding-privacy", markup=False)
            with Horizontal(id="onboarding-buttons"):
                yield Button("Start", id="onboarding-start", variant="primary", compact=True)
        yield KeyBar(ONBOARDING_KEYS)

    def _field(self, name: str, question: str, placeholder: str) -> ComposeResult:
        with Vertical(classes="onboarding-field", id=f"field-{name}"):
            yield Label(question, classes="onboarding-question")
            yield SafeInput(placeholder=placeholder, id=name, max_length=40, compact=True)
            error = Static("", id=f"{name}-error", classes="field-error", markup=False)
            error.display = False
            yield error

    def on_mount(self) -> None:
        self.query_one("#breakup", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.input.id
        if name != FIELDS[-1]:
            self.query_one(f"#{FIELDS[FIELDS.index(name) + 1]}", Input).focus()
        else:
            self.submit()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._set_error(event.input.id or "", "")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    def _set_error(self, name: str, message: str) -> None:
        if name in FIELDS:
            error = self.query_one(f"#{name}-error", Static)
            error.update(message)
            error.display = bool(message)
            self.query_one(f"#field-{name}").set_class(bool(message), "-invalid")

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def submit(self) -> None:
        """Check every answer; show what is wrong beside it, or save and move on."""
        from exback_tui.domain.dates import parse_date

        today = self.app.today
        errors: dict[str, str] = {}
        breakup = start = None
        target = DEFAULT_TARGET_DAYS
        try:
            breakup = parse_date(self._value("breakup"), today) if self._value("breakup") else None
        except InvalidInput as error:
            errors["breakup"] = str(error)
        try:
            start = parse_date(self._value("start") or "today", today)
        except InvalidInput as error:
            errors["start"] = str(error)
        try:
            raw = self._value("target")
            target = validate_target(int(raw)) if raw else DEFAULT_TARGET_DAYS
        except InvalidInput as error:
            errors["target"] = str(error)
        except ValueError:
            errors["target"] = "Type a whole number of days, like 30."
        if not errors and breakup is not None and start is not None and start < breakup:
            errors["start"] = "No contact can't start before the breakup."
        for name in FIELDS:
            self._set_error(name, errors.get(name, ""))
        if errors:
            self.query_one(f"#{next(n for n in FIELDS if n in errors)}", Input).focus()
            return
        assert start is not None
        service = self.app.service
        self.app.saves.run(
            lambda: service.begin(today, start, target, breakup), self._saved, self._failed
        )

    def _saved(self, status: Status) -> None:
        self.app.show_dashboard(status)

    def _failed(self, error: Exception) -> None:
        field = getattr(error, "field", "")
        self._set_error(field if field in FIELDS else "start", str(error))
