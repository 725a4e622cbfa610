"""Hard dates: the next time each falls, which are close, and what counts as a date.

Expected days are worked out by hand from a calendar (the working is in the
comments) or by stepping one day at a time.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.hard_dates import (
    WARN_DAYS,
    Upcoming,
    is_leap,
    next_occurrence,
    occurrence,
    upcoming,
    validate_hard_date,
)
from exback_tui.domain.progress import HardDate

ONE_DAY = timedelta(days=1)


def hard(month: int, day: int, name: str = "") -> HardDate:
    return HardDate(name or f"{month}-{day}", name or f"{day}/{month}", month, day)


def days_until(hard_date: HardDate, today: date) -> list[int]:
    return [u.days_until for u in upcoming([hard_date], today) if u.hard_date == hard_date]


# --- Upcoming --------------------------------------------------------------------------------


def test_three_days_ahead_and_on_the_day():
    birthday = hard(11, 29)
    assert upcoming([birthday], date(2026, 11, 25)) == ()
    assert upcoming([birthday], date(2026, 11, 26)) == (Upcoming(birthday, date(2026, 11, 29), 3),)
    assert days_until(birthday, date(2026, 11, 28)) == [1]
    assert upcoming([birthday], date(2026, 11, 29)) == (Upcoming(birthday, date(2026, 11, 29), 0),)
    # The day after, it is a year away again.
    assert upcoming([birthday], date(2026, 11, 30)) == ()
    assert WARN_DAYS == 3


def test_year_wrap_from_30_december():
    # 30 Dec 2026 -> 2 Jan 2027: 31 Dec, 1 Jan, 2 Jan = 3 days.
    today = date(2026, 12, 30)
    new_year, second, third = hard(1, 1), hard(1, 2), hard(1, 3)
    eve = hard(12, 31)
    found = upcoming([third, second, new_year, eve], today)
    assert found == (
        Upcoming(eve, date(2026, 12, 31), 1),
        Upcoming(new_year, date(2027, 1, 1), 2),
        Upcoming(second, date(2027, 1, 2), 3),
    )


def test_29_february_falls_on_28_february_in_other_years():
    leap_day = hard(2, 29)
    # 2027 is not a leap year: 25 Feb -> 28 Feb is 3 days.
    assert upcoming([leap_day], date(2027, 2, 25)) == (Upcoming(leap_day, date(2027, 2, 28), 3),)
    assert upcoming([leap_day], date(2027, 2, 28)) == (Upcoming(leap_day, date(2027, 2, 28), 0),)
    # Once 28 Feb 2027 has passed, the next one is 29 Feb 2028, a year away.
    assert upcoming([leap_day], date(2027, 3, 1)) == ()
    assert next_occurrence(2, 29, date(2027, 3, 1)) == date(2028, 2, 29)
    # 2028 is a leap year: on 28 Feb it is tomorrow, not today.
    assert upcoming([leap_day], date(2028, 2, 28)) == (Upcoming(leap_day, date(2028, 2, 29), 1),)
    assert upcoming([leap_day], date(2028, 2, 29)) == (Upcoming(leap_day, date(2028, 2, 29), 0),)


def test_29_february_in_century_years():
    assert not is_leap(2100) and is_leap(2000) and is_leap(2028) and not is_leap(2027)
    assert occurrence(2, 29, 2100) == date(2100, 2, 28)
    assert occurrence(2, 29, 2000) == date(2000, 2, 29)


def test_28_february_is_not_moved_in_a_leap_year():
    assert occurrence(2, 28, 2028) == date(2028, 2, 28)
    # 26 Feb 2028 -> 1 Mar 2028: 27, 28, 29 Feb, 1 Mar = 4 days.
    assert upcoming([hard(3, 1)], date(2028, 2, 26)) == ()
    assert days_until(hard(3, 1), date(2028, 2, 27)) == [3]


def test_soonest_first_and_same_day_in_the_given_order():
    today = date(2026, 6, 10)
    a, b, c, d = hard(6, 12, "a"), hard(6, 10, "b"), hard(6, 12, "c"), hard(6, 11, "d")
    found = upcoming([a, b, c, d], today)
    assert [u.hard_date.name for u in found] == ["b", "d", "a", "c"]
    assert [u.days_until for u in found] == [0, 1, 2, 2]


@pytest.mark.parametrize(("within", "names"), [(0, ["today"]), (1, ["today", "tomorrow"])])
def test_within_sets_how_far_ahead(within, names):
    today = date(2026, 6, 10)
    dates = [hard(6, 11, "tomorrow"), hard(6, 10, "today"), hard(6, 20, "later")]
    assert [u.hard_date.name for u in upcoming(dates, today, within)] == names
    assert len(upcoming(dates, today, within=10)) == 3


def test_negative_within_finds_nothing():
    assert upcoming([hard(6, 10)], date(2026, 6, 10), within=-1) == ()


def test_no_dates():
    assert upcoming([], date(2026, 6, 10)) == ()


def test_the_last_day_the_calendar_has():
    last = date.max
    assert upcoming([hard(1, 1), hard(12, 31)], last) == (Upcoming(hard(12, 31), last, 0),)
    assert next_occurrence(1, 1, last) is None


VALID = st.integers(1, 12).flatmap(
    lambda month: st.tuples(
        st.just(month), st.integers(1, (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1])
    )
)


@given(
    st.lists(VALID, max_size=8),
    st.dates(max_value=date(9998, 12, 31)),
    st.integers(-3, 400),
)
def test_upcoming_stays_within_the_window_and_misses_nothing(month_days, today, within):
    dates = [HardDate(str(n), str(n), m, d) for n, (m, d) in enumerate(month_days)]
    found = upcoming(dates, today, within)
    assert all(0 <= u.days_until <= within for u in found)
    assert all(u.on - today == timedelta(days=u.days_until) for u in found)
    assert [u.days_until for u in found] == sorted(u.days_until for u in found)
    for u in found:
        assert u.on.month == u.hard_date.month
        assert u.on.day == u.hard_date.day or (u.hard_date.day, u.on.day) == (29, 28)
    # Step through the window a day at a time: every date that falls in it is found, once,
    # on its first day in the window (a window longer than a year can hold a date twice).
    expected: dict[str, int] = {}
    day = today
    for offset in range(max(within, -1) + 1):
        for hard_date in dates:
            if (day.month, day.day) == (hard_date.month, hard_date.day) or (
                (hard_date.month, hard_date.day) == (2, 29)
                and (day.month, day.day) == (2, 28)
                and not is_leap(day.year)
            ):
                expected.setdefault(hard_date.id, offset)
        day += ONE_DAY
    assert expected == {u.hard_date.id: u.days_until for u in found}
    assert len(found) == len(expected)


# --- Validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(("month", "day"), [(1, 1), (2, 29), (4, 30), (12, 31), (2, 28)])
def test_real_days_are_accepted(month, day):
    assert validate_hard_date("Their birthday", month, day) is None


@pytest.mark.parametrize(
    ("name", "month", "day", "field"),
    [
        ("", 1, 1, "name"),
        ("   ", 1, 1, "name"),
        ("\n\t", 1, 1, "name"),
        ("x", 0, 1, "date"),
        ("x", 13, 1, "date"),
        ("x", -1, 1, "date"),
        ("x", 1, 0, "date"),
        ("x", 1, 32, "date"),
        ("x", 2, 30, "date"),
        ("x", 4, 31, "date"),
        ("x", 11, 31, "date"),
        ("x", True, 1, "date"),
        ("x", 1, 1.0, "date"),
        ("x", "1", 1, "date"),
    ],
)
def test_impossible_dates_are_refused(name, month, day, field):
    with pytest.raises(InvalidInput) as caught:
        validate_hard_date(name, month, day)
    assert caught.value.field == field
    message = str(caught.value)
    assert message.endswith(".") and "\n" not in message and len(message) < 60


def test_the_name_is_checked_first():
    with pytest.raises(InvalidInput) as caught:
        validate_hard_date("", 13, 40)
    assert caught.value.field == "name"


@given(st.integers(-5, 20), st.integers(-5, 40))
def test_validation_agrees_with_the_calendar_of_a_leap_year(month, day):
    try:
        date(2028, month, day)
    except ValueError:
        with pytest.raises(InvalidInput):
            validate_hard_date("A day", month, day)
    else:
        validate_hard_date("A day", month, day)
