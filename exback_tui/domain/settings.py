"""Settings: changes to the plan that onboarding asked for, checked the way onboarding checks them.

The target, the breakup date, the weekly review's day and the running
attempt's start (corrected through `domain.history`, like every change to
attempts). The theme and the allowed-contact topics live in the program file;
their names are checked here too, so the command line and the screen agree.
"""

from __future__ import annotations

from datetime import date

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.plan import NoContactPlan, check_breakup_date, validate_target

# The themes a person can pick, by the name the settings use, and Textual's name for each.
THEMES = {"dark": "textual-dark", "light": "textual-light"}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def with_target(plan: NoContactPlan, days: int) -> NoContactPlan:
    """`plan` aiming for `days` (at least 21); the attempts are untouched."""
    return plan._replace(target_days=validate_target(days))


def with_breakup_date(plan: NoContactPlan, breakup: date | None, today: date) -> NoContactPlan:
    """`plan` with the breakup on `breakup` (None: not given): never in the future, and
    never after no contact first started."""
    if breakup is not None:
        check_breakup_date(breakup, today)
        first_start = plan.attempts[0].start
        if breakup > first_start:
            raise InvalidInput(
                f"No contact started on {first_start.isoformat()}; the breakup can't be "
                "after that.",
                "breakup",
            )
    return plan._replace(breakup_date=breakup)


def with_review_weekday(plan: NoContactPlan, weekday: int | None) -> NoContactPlan:
    """`plan` with the weekly review on `weekday` (0 = Monday; None: the default day)."""
    if weekday is not None and (
        isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6
    ):
        raise InvalidInput("Pick a day of the week.", "review_weekday")
    return plan._replace(review_weekday=weekday)


def with_start_corrected(plan: NoContactPlan, start: date, today: date) -> NoContactPlan:
    """`plan` with the running attempt's start corrected to `start`, history kept.

    Never in the future, never before the previous attempt's end or the breakup.
    """
    from exback_tui.domain.history import MoveStart, changed_history

    return changed_history(plan, MoveStart(start), today)


def parse_weekday(text: str) -> int:
    """The weekday `text` names ("monday", "Mon", "1" = Monday .. "7" = Sunday)."""
    cleaned = text.strip().lower()
    if cleaned.isdigit() and 1 <= int(cleaned) <= 7:
        return int(cleaned) - 1
    if len(cleaned) >= 2:
        found = [n for n, name in enumerate(WEEKDAYS) if name.startswith(cleaned)]
        if len(found) == 1:
            return found[0]
    raise InvalidInput(
        f"{text!r} is not a day of the week; type one like monday or sun.", "review_weekday"
    )


def theme_name(text: str) -> str:
    """The theme `text` names ("dark" or "light", or Textual's own name for one)."""
    cleaned = text.strip().lower()
    if cleaned in THEMES:
        return THEMES[cleaned]
    if cleaned in THEMES.values():
        return cleaned
    raise InvalidInput(f"{text!r} is not a theme; pick {' or '.join(THEMES)}.", "theme")


def theme_label(name: str | None) -> str:
    """The settings' name ("dark", "light") for a stored theme name (None: the default)."""
    for label, stored in THEMES.items():
        if stored == name:
            return label
    return "dark"
