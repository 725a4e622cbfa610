"""Every change to the attempts goes through `changed_history`, with one rule for overlaps.

The changes:

- `Contact(day, trigger)`: the person contacted them on `day` (today, or a past
  day being filled in). The attempt running that day ends there as a slip, and
  the days after it become a new attempt, which ends as the old one did.
  Contact on a day whose slip is already recorded is kept with that slip (its
  trigger is added to the first one's): a second slip never makes an empty attempt.
- `UndoContact(day)`: the slip recorded on `day` was a mistake. The attempt it
  ended and the one it began become one again, exactly as before the slip.
- `MoveStart(day)`: the running attempt's start was entered wrong; it moves to `day`.
- `Restart(day)`: start again on `day`, after the running attempt's start; that
  attempt ends there as a restart.

The one rule (`check_history`): attempts are in date order, none starts or
ends after today, each ends on or after its start, each starts on or after
the previous one's end (a slip's day is the end of one and the start of the
next), and only the last is still running.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.plan import ENDED_BY_RESTART, ENDED_BY_SLIP, Attempt

if TYPE_CHECKING:
    from exback_tui.domain.plan import NoContactPlan

# How a second trigger on the same day is kept beside the first.
TRIGGER_JOIN = "; "


class Contact(NamedTuple):
    """Contact on `day`: a slip, with what led to it."""

    day: date
    trigger: str = ""


class UndoContact(NamedTuple):
    """Take back the slip recorded on `day`."""

    day: date


class MoveStart(NamedTuple):
    """Correct the running attempt's start to `day`."""

    day: date


class Restart(NamedTuple):
    """Start again on `day` (after the running attempt's start)."""

    day: date


HistoryChange = Contact | UndoContact | MoveStart | Restart


def changed_history(plan: NoContactPlan, change: HistoryChange, today: date) -> NoContactPlan:
    """`plan` with `change` made to its attempts; InvalidInput (nothing changed) if it can't be.

    Nothing may be dated after `today`, and the result always keeps the rule
    of `check_history`.
    """
    if change.day > today:
        raise InvalidInput(
            f"{change.day.isoformat()} is in the future; pick today or an earlier day.", "day"
        )
    if isinstance(change, Contact):
        attempts = _with_contact(plan.attempts, change)
    elif isinstance(change, UndoContact):
        attempts = _without_contact(plan.attempts, change.day)
    elif isinstance(change, MoveStart):
        attempts = _with_start_moved(plan, change.day)
    else:
        attempts = _restarted(plan.attempts, change.day)
    check_history(attempts, today)
    return plan._replace(attempts=attempts)


def check_history(attempts: tuple[Attempt, ...], today: date) -> None:
    """Raise InvalidInput unless `attempts` keep the one rule (see the module's docstring)."""
    if not attempts:
        raise InvalidInput("A plan always has at least one attempt.", "attempts")
    for number, attempt in enumerate(attempts, start=1):
        if attempt.start > today or (attempt.end is not None and attempt.end > today):
            raise InvalidInput(f"Attempt {number} would be in the future.", "attempts")
        if attempt.end is not None and attempt.end < attempt.start:
            raise InvalidInput(f"Attempt {number} would end before it starts.", "attempts")
        if attempt.end is None and number != len(attempts):
            raise InvalidInput(f"Attempt {number} would be left running.", "attempts")
    for earlier, later in zip(attempts, attempts[1:], strict=False):
        assert earlier.end is not None  # checked above: only the last is open
        if later.start < earlier.end:
            raise InvalidInput(
                f"Two attempts would overlap: one ends on {earlier.end.isoformat()}, "
                f"the next starts on {later.start.isoformat()}.",
                "attempts",
            )


def slip_on(attempts: tuple[Attempt, ...], day: date) -> int | None:
    """The index of the attempt a slip on `day` ended, if a slip was recorded that day."""
    for index, attempt in enumerate(attempts):
        if attempt.end == day and attempt.ended_by == ENDED_BY_SLIP:
            return index
    return None


def joined_trigger(first: str, second: str) -> str:
    """Two triggers of one day as one: the first kept, the second added after it."""
    if not first:
        return second
    if not second or second == first:
        return first
    return f"{first}{TRIGGER_JOIN}{second}"


def _with_contact(attempts: tuple[Attempt, ...], contact: Contact) -> tuple[Attempt, ...]:
    day = contact.day
    if day < attempts[0].start:
        raise InvalidInput(
            f"{day.isoformat()} is before no contact started ({attempts[0].start.isoformat()}).",
            "day",
        )
    already = slip_on(attempts, day)
    if already is not None:
        ended = attempts[already]
        kept = ended._replace(trigger=joined_trigger(ended.trigger, contact.trigger))
        return (*attempts[:already], kept, *attempts[already + 1 :])
    index = max(i for i, a in enumerate(attempts) if a.start <= day)
    running = attempts[index]
    if running.end is not None and day >= running.end:
        raise InvalidInput(
            f"No attempt was running on {day.isoformat()}: one ended on "
            f"{running.end.isoformat()} and the next started later.",
            "day",
        )
    ended = Attempt(running.start, day, ENDED_BY_SLIP, contact.trigger)
    after = Attempt(day, running.end, running.ended_by, running.trigger)
    return (*attempts[:index], ended, after, *attempts[index + 1 :])


def _without_contact(attempts: tuple[Attempt, ...], day: date) -> tuple[Attempt, ...]:
    index = slip_on(attempts, day)
    if index is None or index + 1 >= len(attempts) or attempts[index + 1].start != day:
        raise InvalidInput(f"No slip was recorded on {day.isoformat()}.", "day")
    ended, after = attempts[index], attempts[index + 1]
    whole = Attempt(ended.start, after.end, after.ended_by, after.trigger)
    return (*attempts[:index], whole, *attempts[index + 2 :])


def _with_start_moved(plan: NoContactPlan, day: date) -> tuple[Attempt, ...]:
    attempts = plan.attempts
    if plan.breakup_date is not None and day < plan.breakup_date:
        raise InvalidInput(
            f"No contact can't start before the breakup ({plan.breakup_date.isoformat()}).",
            "start",
        )
    if len(attempts) > 1:
        previous_end = attempts[-2].end
        assert previous_end is not None
        if day < previous_end:
            raise InvalidInput(
                f"Your previous attempt ended on {previous_end.isoformat()}; "
                "this one can't start earlier than that.",
                "start",
            )
    return (*attempts[:-1], attempts[-1]._replace(start=day))


def _restarted(attempts: tuple[Attempt, ...], day: date) -> tuple[Attempt, ...]:
    current = attempts[-1]
    if day <= current.start:
        raise InvalidInput(
            f"A new start must be after the current one ({current.start.isoformat()}).", "start"
        )
    ended = current._replace(end=day, ended_by=ENDED_BY_RESTART)
    return (*attempts[:-1], ended, Attempt(day))


def history_difference(
    before: tuple[Attempt, ...], after: tuple[Attempt, ...]
) -> tuple[tuple[Attempt, ...], tuple[Attempt, ...]]:
    """(the attempts `before` has and `after` doesn't, the attempts only `after` has)."""
    return (
        tuple(a for a in before if a not in after),
        tuple(a for a in after if a not in before),
    )
