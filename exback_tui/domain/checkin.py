"""The daily check-in: mood 1-5, urge to contact 0-10, and whether they made contact."""

from __future__ import annotations

from exback_tui.domain.datetypes import date
from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.record import Record

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

MOOD_RANGE = (1, 5)
URGE_RANGE = (0, 10)


class CheckIn(Record, fields="on mood urge contacted added_later", defaults=(False, False)):
    """One day's answers. There is at most one per date; a second one replaces it.

    `added_later` marks a check-in filled in (or corrected) on a later day.
    """

    __slots__ = ()

    if TYPE_CHECKING:
        on: date
        mood: int
        urge: int
        contacted: bool
        added_later: bool


def _in_range(value: int, bounds: tuple[int, int], field: str, label: str) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{label} is a whole number from {low} to {high}.", field)
    return value


def validate_mood(value: int) -> int:
    """Return `value` if it is a mood from 1 to 5, else raise InvalidInput."""
    return _in_range(value, MOOD_RANGE, "mood", "Mood")


def validate_urge(value: int) -> int:
    """Return `value` if it is an urge from 0 to 10, else raise InvalidInput."""
    return _in_range(value, URGE_RANGE, "urge", "Urge")


def make_checkin(
    on: date, mood: int, urge: int, contacted: bool, added_later: bool = False
) -> CheckIn:
    """A validated check-in for the date `on`."""
    return CheckIn(on, validate_mood(mood), validate_urge(urge), bool(contacted), bool(added_later))


# A missed check-in can be filled in for this many days before today.
MAX_DAYS_LATE = 7


def check_fill_in_day(on: date, today: date, first_start: date) -> date:
    """Return `on` if a check-in may be added or corrected for it, else raise InvalidInput.

    Today or one of the last 7 days, never before no contact started.
    """
    if on > today:
        raise InvalidInput(f"{on.isoformat()} is in the future; pick today or earlier.", "on")
    if (today - on).days > MAX_DAYS_LATE:
        raise InvalidInput(
            f"{on.isoformat()} is more than {MAX_DAYS_LATE} days ago; a check-in can be "
            f"filled in for the last {MAX_DAYS_LATE} days only.",
            "on",
        )
    if on < first_start:
        raise InvalidInput(
            f"{on.isoformat()} is before no contact started ({first_start.isoformat()}).", "on"
        )
    return on


def agreeing_with_slips(
    checkins: tuple[CheckIn, ...], slip_days: frozenset[date] | set[date]
) -> tuple[CheckIn, ...]:
    """The check-ins with "contacted" set exactly on the days a slip is recorded.

    The plan's attempts are the one record of contact; a check-in shows it.
    """
    return tuple(
        c if c.contacted == (c.on in slip_days) else c._replace(contacted=c.on in slip_days)
        for c in checkins
    )


def upsert(checkins: tuple[CheckIn, ...], new: CheckIn) -> tuple[CheckIn, ...]:
    """The check-ins with `new` in place of any earlier one on the same date, by date."""
    kept = [c for c in checkins if c.on != new.on]
    kept.append(new)
    kept.sort(key=lambda c: c.on)
    return tuple(kept)


def for_date(checkins: tuple[CheckIn, ...], on: date) -> CheckIn | None:
    """The check-in recorded on `on`, if any."""
    for checkin in checkins:
        if checkin.on == on:
            return checkin
    return None


def recent(checkins: tuple[CheckIn, ...], today: date, days: int = 30) -> tuple[CheckIn, ...]:
    """The check-ins of the `days` days up to and including `today`, oldest first."""
    first = date.fromordinal(today.toordinal() - days + 1)
    return tuple(c for c in checkins if first <= c.on <= today)
