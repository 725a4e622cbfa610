"""Which action from the program to suggest today: chosen for the day and the step's period."""

from __future__ import annotations

from collections.abc import Sequence

from exback_tui.domain.daily import Action
from exback_tui.domain.plan import MINIMUM_DAYS

FIRST_WEEK = 7
# The periods of an attempt, in order; an action's `when` names one (or a day, "day-N").
PERIODS = ("first-days", "before-minimum", "before-target", "after-target")
DAY_PREFIX = "day-"


def period_for(days_done: int, target_days: int) -> str:
    """The period of the attempt `days_done` days in, for a person aiming at `target_days`."""
    if days_done >= target_days:
        return "after-target"
    if days_done >= MINIMUM_DAYS:
        return "before-target"
    if days_done >= FIRST_WEEK:
        return "before-minimum"
    return "first-days"


def is_valid_when(when: str) -> bool:
    """Whether `when` names a period or a day ("day-7", 1 or more days done)."""
    if when in PERIODS:
        return True
    number = when.removeprefix(DAY_PREFIX)
    return when.startswith(DAY_PREFIX) and number.isdigit() and int(number) >= 1


def action_for_day(actions: Sequence[Action], days_done: int, target_days: int) -> Action:
    """Today's action: the one meant for this very day if there is one, else one of the
    actions of the period the attempt is in, taken in turn day by day.

    So "A week in" is said on day 7 only, and after the target the actions speak
    of what comes after it. With no action for the period (content that skipped
    one), any action not tied to a day is used.
    """
    if not actions:
        raise ValueError("no actions to choose from")
    for action in actions:
        if action.when == f"{DAY_PREFIX}{days_done}":
            return action
    period = period_for(days_done, target_days)
    pool = [a for a in actions if a.when == period]
    if not pool:
        pool = [a for a in actions if not a.when.startswith(DAY_PREFIX)] or list(actions)
    return pool[days_done % len(pool)]
