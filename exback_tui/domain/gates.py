"""The program's gates: when step 4 opens, what the safety check says, how long to wait.

Dates are passed in; nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal, NamedTuple

from exback_tui.domain.material import Checklist, ChecklistItem, Concern
from exback_tui.domain.plan import MINIMUM_DAYS
from exback_tui.domain.progress import READINESS_CHECKLIST, SAFETY_CHECKLIST, ProgramState

ONE_WEEK = 7
TWO_WEEKS = 14

SafetyLevel = Literal["stop", "caution"]
# Step 4 for one user: not advised (the safety gate said stop), locked, or open.
Step4State = Literal["stop", "locked", "open"]


class Step4Gate(NamedTuple):
    """Whether step 4 (reconnect) is open, and what is still missing if not.

    `days_left`: days of no contact still needed for the minimum (0 once met).
    `missing`: readiness items not ticked, in checklist order.
    `no_plan`: no-contact has not been started, so no days count yet.
    """

    open: bool
    days_left: int
    missing: tuple[ChecklistItem, ...]
    no_plan: bool


def step4_gate(days_done: int | None, readiness: Checklist, ticked: Iterable[str]) -> Step4Gate:
    """Step 4 opens with the 21-day minimum met and every readiness item ticked.

    `days_done` is the running attempt's days of no contact (None: not started;
    a negative count, from a clock gone back, counts as 0).
    """
    chosen = frozenset(ticked)
    missing = tuple(item for item in readiness.items if item.id not in chosen)
    no_plan = days_done is None
    days_left = MINIMUM_DAYS - min(MINIMUM_DAYS, max(0, days_done or 0))
    return Step4Gate(not no_plan and days_left == 0 and not missing, days_left, missing, no_plan)


def safety(concerns: Iterable[Concern], ticked: Iterable[str]) -> SafetyLevel | None:
    """ "stop" if any ticked concern is a stop, else "caution" if any is ticked, else None."""
    chosen = frozenset(ticked)
    levels = {concern.level for concern in concerns if concern.id in chosen}
    if "stop" in levels:
        return "stop"
    if "caution" in levels:
        return "caution"
    return None


def stop_advice(concerns: Iterable[Concern], ticked: Iterable[str]) -> tuple[bool, tuple[str, ...]]:
    """What the gate says for the ticked "stop" concerns: whether the general words (for
    someone who was harmed) apply, and each ticked concern's own kind words, in order."""
    chosen = frozenset(ticked)
    stops = [c for c in concerns if c.level == "stop" and c.id in chosen]
    return any(not c.advice for c in stops), tuple(c.advice for c in stops if c.advice)


def safety_level(concerns: Iterable[Concern], program: ProgramState) -> SafetyLevel | None:
    """What the user's newest answers to the safety gate (big question 1) say."""
    return safety(concerns, program.latest_ticks(SAFETY_CHECKLIST))


def step4_gate_for(readiness: Checklist, program: ProgramState, days_done: int | None) -> Step4Gate:
    """Step 4's gate for the user: `days_done` of the running attempt (None: not started)
    and the newest ticks of the readiness list."""
    return step4_gate(days_done, readiness, program.latest_ticks(READINESS_CHECKLIST))


def step4_state(
    concerns: Iterable[Concern],
    readiness: Checklist,
    program: ProgramState,
    days_done: int | None,
) -> Step4State:
    """Step 4 for the user: "stop" if the safety gate advises against going back (whatever
    else is true), else "open" or "locked" by the gate."""
    if safety_level(concerns, program) == "stop":
        return "stop"
    return "open" if step4_gate_for(readiness, program, days_done).open else "locked"


class WaitAdvice(NamedTuple):
    """How long since the breakup, and how long until one and two weeks have passed (0 = done)."""

    days_since: int
    days_to_one_week: int
    days_to_two_weeks: int


def decision_wait(breakup: date | None, today: date) -> WaitAdvice | None:
    """The wait-1-2-weeks advice for deciding, or None without a breakup date.

    A breakup date after `today` (the clock went back) counts as 0 days since.
    """
    if breakup is None:
        return None
    since = max(0, (today - breakup).days)
    return WaitAdvice(since, max(0, ONE_WEEK - since), max(0, TWO_WEEKS - since))
