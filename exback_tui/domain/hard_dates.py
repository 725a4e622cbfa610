"""Hard dates: days that come back every year, and which of them are close.

A date is a month and a day. 29 February falls on 28 February in the years
without one, so it is never skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import MAXYEAR, date
from typing import NamedTuple

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.progress import HardDate

WARN_DAYS = 3
# Days in each month of a leap year: 29 February is a date you can keep.
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap(year: int) -> bool:
    """Whether `year` has a 29 February (Gregorian rules)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


class Upcoming(NamedTuple):
    """A hard date's next day on or after today, and how many days away it is (0 = today)."""

    hard_date: HardDate
    on: date
    days_until: int


def occurrence(month: int, day: int, year: int) -> date:
    """The day in `year` for a yearly date (29 February -> 28 February in other years)."""
    if month == 2 and day == 29 and not is_leap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def next_occurrence(month: int, day: int, today: date) -> date | None:
    """The first day on or after `today` that the yearly date falls on (None past year 9999)."""
    this_year = occurrence(month, day, today.year)
    if this_year >= today:
        return this_year
    if today.year == MAXYEAR:
        return None
    return occurrence(month, day, today.year + 1)


def upcoming(
    dates: Iterable[HardDate], today: date, within: int = WARN_DAYS
) -> tuple[Upcoming, ...]:
    """The hard dates falling today or in the next `within` days, soonest first.

    Dates on the same day keep the order they were given in.
    """
    found: list[Upcoming] = []
    for hard_date in dates:
        on = next_occurrence(hard_date.month, hard_date.day, today)
        if on is None:
            continue
        days = (on - today).days
        if 0 <= days <= within:
            found.append(Upcoming(hard_date, on, days))
    found.sort(key=lambda item: item.days_until)
    return tuple(found)


def validate_hard_date(name: str, month: int, day: int) -> None:
    """Raise InvalidInput unless `name` has words and month/day is a day of the calendar.

    29 February is allowed (it falls on 28 February in other years).
    """
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput("Give the date a name.", "name")
    for value in (month, day):
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidInput("Type the day and the month as numbers.", "date")
    if not 1 <= month <= 12:
        raise InvalidInput("A month is a number from 1 to 12.", "date")
    longest = _MONTH_DAYS[month - 1]
    if not 1 <= day <= longest:
        raise InvalidInput(f"That month has days 1 to {longest}.", "date")
