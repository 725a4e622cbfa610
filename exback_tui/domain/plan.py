"""The no-contact plan: attempts, day counts, streaks and milestones.

Day arithmetic is on local calendar dates only. The start day is Day 1;
"days done" is `(today - start).days`; the 21-day minimum and the target are
met when days done reaches them.
"""

from __future__ import annotations

from exback_tui.domain.datetypes import date
from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.record import Record

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

MINIMUM_DAYS = 21
DEFAULT_TARGET_DAYS = 30
MAX_TARGET_DAYS = 365
FIXED_MILESTONES = (1, 7, 14, MINIMUM_DAYS)

ENDED_BY_SLIP = "slip"
ENDED_BY_RESTART = "restart"


class Attempt(Record, fields="start end ended_by trigger", defaults=(None, None, "")):
    """One run of no contact. `end` is the day it ended (a slip or a restart)."""

    __slots__ = ()

    if TYPE_CHECKING:
        start: date
        end: date | None
        ended_by: str | None
        trigger: str

    @property
    def is_open(self) -> bool:
        """True for the attempt that is still running."""
        return self.end is None

    def days_done(self, today: date) -> int:
        """Whole days of no contact in this attempt, never negative.

        An open attempt counts up to `today`; if the clock says a day before
        the start, it counts 0 rather than inventing negative days.
        """
        last = today if self.end is None else self.end
        return max(0, (last - self.start).days)


class Milestone(Record, fields="days key"):
    """A number of days done worth marking. `key` names its message in content."""

    __slots__ = ()

    if TYPE_CHECKING:
        days: int
        key: str


class Progress(
    Record,
    fields="today start day_number days_done target_days days_to_target days_to_minimum"
    " current_streak longest_streak total_days attempts next_milestone milestone_today"
    " latest_recorded",
):
    """Everything the countdown shows, computed for one day."""

    __slots__ = ()

    if TYPE_CHECKING:
        today: date
        start: date
        day_number: int
        days_done: int
        target_days: int
        days_to_target: int
        days_to_minimum: int
        current_streak: int
        longest_streak: int
        total_days: int
        attempts: int
        next_milestone: Milestone | None
        milestone_today: Milestone | None
        latest_recorded: date

    @property
    def clock_behind(self) -> bool:
        """`today` is earlier than something already recorded: the clock went back."""
        return self.today < self.latest_recorded

    @property
    def minimum_met(self) -> bool:
        """The 21-day minimum has been reached in this attempt."""
        return self.days_to_minimum == 0

    @property
    def target_met(self) -> bool:
        """The user's own target has been reached in this attempt."""
        return self.days_to_target == 0


def validate_target(days: int) -> int:
    """Return `days` if it is a target the program allows, else raise InvalidInput."""
    if days < MINIMUM_DAYS:
        raise InvalidInput(
            f"The target must be at least {MINIMUM_DAYS} days; the program needs that long.",
            "target",
        )
    if days > MAX_TARGET_DAYS:
        raise InvalidInput(f"The target can be at most {MAX_TARGET_DAYS} days.", "target")
    return days


def milestones(target_days: int) -> tuple[Milestone, ...]:
    """The milestones for a target: days 1, 7, 14 and 21, then the target itself."""
    marks = [Milestone(d, f"day-{d}") for d in FIXED_MILESTONES if d < target_days]
    marks.append(Milestone(target_days, "target"))
    return tuple(marks)


class NoContactPlan(
    Record, fields="target_days attempts breakup_date review_weekday", defaults=(None, None)
):
    """The user's plan: a target, an optional breakup date and every attempt, oldest first.

    A plan always has at least one attempt, and only the last may be open.
    `review_weekday` (0 = Monday) is the day of the weekly review the person
    chose; None means the default, `weekly_review_weekday`.
    """

    __slots__ = ()

    if TYPE_CHECKING:
        target_days: int
        attempts: tuple[Attempt, ...]
        breakup_date: date | None
        review_weekday: int | None

    @property
    def weekly_review_weekday(self) -> int:
        """The weekday of the weekly review (0 = Monday): the chosen one, else the default.

        The default is the weekday on which the first week of no contact is
        done (seven days after the first attempt started: the same weekday).
        """
        if self.review_weekday is not None:
            return int(self.review_weekday)
        return default_review_weekday(self.attempts[0].start)

    @classmethod
    def begin(
        cls,
        start: date,
        today: date,
        target_days: int = DEFAULT_TARGET_DAYS,
        breakup_date: date | None = None,
    ) -> NoContactPlan:
        """A new plan whose first attempt starts on `start` (refused if in the future)."""
        validate_target(target_days)
        _check_start(start, today, breakup_date)
        return cls(target_days, (Attempt(start),), breakup_date)

    @property
    def current(self) -> Attempt:
        """The attempt that is running now."""
        return self.attempts[-1]

    def last_recorded_date(self) -> date:
        """The latest date the history itself mentions (a start or an end)."""
        latest = self.current.start
        for attempt in self.attempts:
            if attempt.end is not None and attempt.end > latest:
                latest = attempt.end
        return latest

    def slipped_on(self, day: date) -> bool:
        """Whether a slip was already recorded on `day`.

        Contact is a slip once a day: a check-in that says yes again after an
        edit to no, or after `exback slip`, must not end a second, zero-day attempt.
        """
        return any(a.end == day and a.ended_by == ENDED_BY_SLIP for a in self.attempts)

    def progress(self, today: date, latest_checkin: date | None = None) -> Progress:
        """The countdown for `today`.

        `clock_behind` is set when `today` is earlier than anything already
        recorded (the attempt's start, an attempt's end, or the latest
        check-in): the clock went back, and nothing should be written.
        """
        current = self.current
        done = current.days_done(today)
        target = self.target_days
        longest = 0
        total = 0
        for attempt in self.attempts:
            days = attempt.days_done(today)
            longest = max(longest, days)
            total += days
        marks = milestones(target)
        upcoming = next((m for m in marks if m.days > done), None)
        reached_today = next((m for m in marks if m.days == done), None)
        latest = self.last_recorded_date()
        if latest_checkin is not None and latest_checkin > latest:
            latest = latest_checkin
        return Progress(
            today=today,
            start=current.start,
            day_number=done + 1,
            days_done=done,
            target_days=target,
            days_to_target=max(0, target - done),
            days_to_minimum=max(0, MINIMUM_DAYS - done),
            current_streak=done,
            longest_streak=longest,
            total_days=total,
            attempts=len(self.attempts),
            next_milestone=upcoming,
            milestone_today=reached_today,
            latest_recorded=latest,
        )

    def with_slip(self, today: date, trigger: str = "") -> NoContactPlan:
        """Record contact on `today`: the running attempt ends, a new one starts today.

        The past is kept: the ended attempt stays in `attempts` with its trigger.
        A second slip on the same day adds its trigger to the first's (see
        `domain.history.changed_history`, which every change to attempts goes through).
        """
        from exback_tui.domain.history import Contact, changed_history

        self._refuse_if_clock_behind(today)
        return changed_history(self, Contact(today, trigger), today)

    def restarted(self, start: date, today: date, target_days: int | None = None) -> NoContactPlan:
        """Start again on `start`, keeping history.

        - `start` on the current start: only the target changes.
        - `start` after the current start: the running attempt ends there as a
          restart and a new one begins.
        - `start` before the current start: the current start is corrected,
          as long as it stays after every earlier attempt.
        """
        from exback_tui.domain.history import MoveStart, Restart, changed_history

        target = self.target_days if target_days is None else validate_target(target_days)
        _check_start(start, today, self.breakup_date)
        self._refuse_if_clock_behind(today)
        current = self.current
        plan = self._replace(target_days=target)
        if start == current.start:
            return plan
        change = Restart(start) if start > current.start else MoveStart(start)
        return changed_history(plan, change, today)

    def _refuse_if_clock_behind(self, today: date) -> None:
        refuse_if_clock_behind(today, self.last_recorded_date())


def default_review_weekday(first_start: date) -> int:
    """The default weekly review day (0 = Monday) for no contact that started on `first_start`."""
    return date.fromordinal(first_start.toordinal() + 7).weekday()


def validate_weekday(day: int) -> int:
    """Return `day` if it is a weekday number (0 = Monday .. 6 = Sunday), else raise."""
    if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
        raise InvalidInput("Pick a day of the week.", "review_weekday")
    return day


def refuse_if_clock_behind(today: date, latest: date) -> None:
    """Raise InvalidInput if `today` is before `latest`: writing then would rewrite history."""
    if today < latest:
        raise InvalidInput(
            f"Your computer's date is {today.isoformat()}, earlier than your history "
            f"({latest.isoformat()}). Check the clock; nothing was changed.",
            "clock",
        )


def _check_start(start: date, today: date, breakup_date: date | None) -> None:
    if start > today:
        raise InvalidInput(
            f"{start.isoformat()} is in the future. No contact starts today or earlier.",
            "start",
        )
    if breakup_date is not None and start < breakup_date:
        raise InvalidInput(
            f"No contact can't start before the breakup ({breakup_date.isoformat()}).",
            "start",
        )


def check_breakup_date(breakup: date, today: date) -> date:
    """Return `breakup` if it is not in the future, else raise InvalidInput."""
    if breakup > today:
        raise InvalidInput(
            f"{breakup.isoformat()} is in the future. Enter the day you broke up.", "breakup"
        )
    return breakup
