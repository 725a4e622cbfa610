"""The no-contact plan: day math, milestones, streaks, attempts, clock going back, time zones.

Expected values are derived independently of `plan.py`: by hand from a
calendar (with the working in a comment), by stepping one day at a time, or
with `civil_days`, a separate day-number algorithm (Howard Hinnant's
days_from_civil) that does not use `datetime` arithmetic at all.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.plan import (
    DEFAULT_TARGET_DAYS,
    ENDED_BY_RESTART,
    ENDED_BY_SLIP,
    MAX_TARGET_DAYS,
    MINIMUM_DAYS,
    Attempt,
    Milestone,
    NoContactPlan,
    check_breakup_date,
    milestones,
    refuse_if_clock_behind,
    validate_target,
)

ONE_DAY = timedelta(days=1)


def civil_days(day: date) -> int:
    """Days since 1970-01-01 for a proleptic Gregorian date, without datetime arithmetic."""
    y, m, d = day.year, day.month, day.day
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def calendar_difference(earlier: date, later: date) -> int:
    return civil_days(later) - civil_days(earlier)


def test_reference_day_count_agrees_with_known_calendar_facts():
    assert civil_days(date(1970, 1, 1)) == 0
    assert civil_days(date(1970, 1, 2)) == 1
    assert civil_days(date(1969, 12, 31)) == -1
    # 2000 was a leap year (divisible by 400): 28 Feb -> 1 Mar is two days.
    assert calendar_difference(date(2000, 2, 28), date(2000, 3, 1)) == 2
    # 1900 was not (divisible by 100 but not 400): one day.
    assert calendar_difference(date(1900, 2, 28), date(1900, 3, 1)) == 1
    assert calendar_difference(date(2026, 1, 1), date(2027, 1, 1)) == 365
    assert calendar_difference(date(2028, 1, 1), date(2029, 1, 1)) == 366


# --- Day math -------------------------------------------------------------------------------


def test_start_day_is_day_one_with_nothing_done_yet():
    start = date(2026, 11, 26)
    progress = NoContactPlan.begin(start, start).progress(start)
    assert progress.start == start
    assert progress.today == start
    assert progress.day_number == 1
    assert progress.days_done == 0
    assert progress.current_streak == 0
    assert progress.longest_streak == 0
    assert progress.total_days == 0
    assert progress.attempts == 1
    assert progress.target_days == 30
    assert progress.days_to_target == 30
    assert progress.days_to_minimum == 21
    assert not progress.minimum_met
    assert not progress.target_met
    assert progress.milestone_today is None
    assert progress.next_milestone == Milestone(1, "day-1")
    assert not progress.clock_behind


def test_example_from_the_design_document():
    # "Day 12 of no contact: 11 days done, 19 to your 30-day goal (10 to the 21-day minimum)."
    # Started on 15 Nov; 26 Nov is the 12th calendar day counting 15 Nov as the first.
    plan = NoContactPlan.begin(date(2026, 11, 15), date(2026, 11, 26))
    progress = plan.progress(date(2026, 11, 26))
    assert (progress.day_number, progress.days_done) == (12, 11)
    assert progress.days_to_target == 19
    assert progress.days_to_minimum == 10


def test_default_target_is_thirty_days():
    plan = NoContactPlan.begin(date(2026, 1, 1), date(2026, 1, 1))
    assert DEFAULT_TARGET_DAYS == 30
    assert plan.target_days == 30
    assert plan.progress(date(2026, 1, 1)).target_days == 30


@pytest.mark.parametrize("target", [21, 30, 45, 365])
def test_walking_day_by_day_counts_up_and_meets_minimum_and_target_on_time(target):
    start = date(2026, 10, 20)
    plan = NoContactPlan.begin(start, start, target_days=target)
    today = start
    for steps in range(0, target + 40):
        progress = plan.progress(today)
        assert progress.days_done == steps
        assert progress.day_number == steps + 1
        assert progress.current_streak == steps
        assert progress.days_to_minimum == max(0, 21 - steps)
        assert progress.days_to_target == max(0, target - steps)
        assert progress.minimum_met is (steps >= 21)
        assert progress.target_met is (steps >= target)
        today += ONE_DAY


@pytest.mark.parametrize(
    ("start", "today", "days"),
    [
        # Leap year: 28 Feb, 29 Feb, 1 Mar.
        (date(2028, 2, 28), date(2028, 3, 1), 2),
        # Not a leap year.
        (date(2027, 2, 28), date(2027, 3, 1), 1),
        # 2100 is not a leap year either.
        (date(2100, 2, 28), date(2100, 3, 1), 1),
        (date(2028, 2, 29), date(2028, 3, 1), 1),
        (date(2028, 2, 29), date(2029, 2, 28), 365),
        # Month and year ends.
        (date(2026, 12, 31), date(2027, 1, 1), 1),
        (date(2026, 1, 31), date(2026, 2, 1), 1),
        (date(2026, 4, 30), date(2026, 5, 1), 1),
        (date(2026, 12, 10), date(2027, 1, 9), 30),
        # Across the 2026 DST changes in Europe and the US: still whole calendar days.
        (date(2026, 3, 7), date(2026, 3, 9), 2),
        (date(2026, 10, 24), date(2026, 11, 2), 9),
    ],
)
def test_days_done_across_leap_days_month_and_year_ends(start, today, days):
    progress = NoContactPlan.begin(start, today).progress(today)
    assert progress.days_done == days
    assert progress.day_number == days + 1


# --- Target ---------------------------------------------------------------------------------


@pytest.mark.parametrize("target", [21, 22, 30, 100, 364, 365])
def test_targets_from_21_to_365_are_accepted(target):
    assert validate_target(target) == target
    plan = NoContactPlan.begin(date(2026, 1, 1), date(2026, 1, 1), target_days=target)
    assert plan.target_days == target


@pytest.mark.parametrize("target", [-30, 0, 1, 7, 14, 20, 366, 1000, True, False])
def test_targets_below_21_or_above_365_are_refused(target):
    with pytest.raises(InvalidInput) as caught:
        validate_target(target)
    assert caught.value.field == "target"
    assert str(caught.value)
    with pytest.raises(InvalidInput):
        NoContactPlan.begin(date(2026, 1, 1), date(2026, 1, 1), target_days=target)


def test_target_refusal_messages_name_the_limits():
    with pytest.raises(InvalidInput, match="21"):
        validate_target(20)
    with pytest.raises(InvalidInput, match="365"):
        validate_target(366)
    assert (MINIMUM_DAYS, MAX_TARGET_DAYS) == (21, 365)


def test_restart_with_a_bad_target_changes_nothing():
    plan = NoContactPlan.begin(date(2026, 11, 1), date(2026, 11, 10))
    before = NoContactPlan(plan.target_days, plan.attempts, plan.breakup_date)
    for bad in (20, 366):
        with pytest.raises(InvalidInput) as caught:
            plan.restarted(date(2026, 11, 1), date(2026, 11, 10), target_days=bad)
        assert caught.value.field == "target"
    assert plan == before


# --- Milestones -----------------------------------------------------------------------------


def _expected_marks(target: int) -> list[tuple[int, str]]:
    """From the spec: days 1, 7, 14 and 21, then the target (which takes 21's place if equal)."""
    marks = {1: "day-1", 7: "day-7", 14: "day-14", 21: "day-21"}
    marks[target] = "target"
    return sorted(marks.items())


def test_milestones_for_the_default_target():
    assert [(m.days, m.key) for m in milestones(30)] == [
        (1, "day-1"),
        (7, "day-7"),
        (14, "day-14"),
        (21, "day-21"),
        (30, "target"),
    ]


def test_target_of_21_merges_with_the_minimum_milestone():
    marks = milestones(21)
    assert [m.days for m in marks] == [1, 7, 14, 21]
    assert marks[-1].key == "target"
    assert "day-21" not in {m.key for m in marks}


@given(st.integers(min_value=21, max_value=365))
def test_milestones_for_any_target(target):
    marks = milestones(target)
    assert [(m.days, m.key) for m in marks] == _expected_marks(target)
    assert marks[-1] == Milestone(target, "target")
    days = [m.days for m in marks]
    assert days == sorted(set(days))


@pytest.mark.parametrize("target", [21, 22, 30, 60])
def test_next_milestone_and_milestone_today_day_by_day(target):
    start = date(2027, 12, 20)  # runs over a year end and into February
    plan = NoContactPlan.begin(start, start, target_days=target)
    expected = _expected_marks(target)
    today = start
    for done in range(0, target + 10):
        progress = plan.progress(today)
        reached = [Milestone(d, k) for d, k in expected if d == done]
        ahead = [Milestone(d, k) for d, k in expected if d > done]
        assert progress.milestone_today == (reached[0] if reached else None)
        assert progress.next_milestone == (ahead[0] if ahead else None)
        today += ONE_DAY


def test_every_milestone_is_met_exactly_once_in_an_unbroken_run():
    start = date(2026, 11, 1)
    plan = NoContactPlan.begin(start, start, target_days=30)
    seen = []
    for offset in range(0, 60):
        hit = plan.progress(start + timedelta(days=offset)).milestone_today
        if hit is not None:
            seen.append(hit.key)
    assert seen == ["day-1", "day-7", "day-14", "day-21", "target"]


# --- Streaks, totals and attempts -----------------------------------------------------------


def test_history_after_two_slips():
    # 1 Oct -> slip 11 Oct (10 days) -> slip 14 Oct (3 days) -> today 20 Oct (6 days running).
    plan = NoContactPlan.begin(date(2026, 10, 1), date(2026, 10, 1))
    plan = plan.with_slip(date(2026, 10, 11), "saw their story")
    plan = plan.with_slip(date(2026, 10, 14), "birthday")
    progress = plan.progress(date(2026, 10, 20))
    assert progress.attempts == 3
    assert progress.current_streak == 6
    assert progress.days_done == 6
    assert progress.day_number == 7
    assert progress.longest_streak == 10
    assert progress.total_days == 19
    assert progress.start == date(2026, 10, 14)
    assert [a.start for a in plan.attempts] == [
        date(2026, 10, 1),
        date(2026, 10, 11),
        date(2026, 10, 14),
    ]
    assert [a.end for a in plan.attempts] == [date(2026, 10, 11), date(2026, 10, 14), None]
    assert [a.ended_by for a in plan.attempts] == [ENDED_BY_SLIP, ENDED_BY_SLIP, None]
    assert [a.is_open for a in plan.attempts] == [False, False, True]


def test_current_run_becomes_the_longest_once_it_passes_the_old_record():
    plan = NoContactPlan.begin(date(2026, 1, 1), date(2026, 1, 1)).with_slip(date(2026, 1, 6))
    # The first attempt lasted 5 days (1 Jan -> 6 Jan).
    assert plan.progress(date(2026, 1, 9)).longest_streak == 5
    assert plan.progress(date(2026, 1, 11)).longest_streak == 5
    assert plan.progress(date(2026, 1, 12)).longest_streak == 6
    assert plan.progress(date(2026, 1, 12)).current_streak == 6


def test_slip_keeps_the_past_and_restarts_the_count_today():
    plan = NoContactPlan.begin(date(2026, 11, 1), date(2026, 11, 1), target_days=45)
    slipped = plan.with_slip(date(2026, 11, 9), "2am text")
    assert plan.attempts == (Attempt(date(2026, 11, 1)),)  # the original is untouched
    assert slipped.target_days == 45
    assert slipped.attempts[0] == Attempt(
        date(2026, 11, 1), date(2026, 11, 9), ENDED_BY_SLIP, "2am text"
    )
    assert slipped.attempts[1] == Attempt(date(2026, 11, 9))
    progress = slipped.progress(date(2026, 11, 9))
    assert progress.day_number == 1
    assert progress.days_done == 0
    assert progress.total_days == 8
    assert progress.longest_streak == 8


def test_slip_on_the_start_day_is_an_attempt_of_zero_days():
    today = date(2026, 11, 26)
    plan = NoContactPlan.begin(today, today).with_slip(today, "called")
    progress = plan.progress(today)
    assert progress.attempts == 2
    assert progress.total_days == 0
    assert progress.longest_streak == 0
    assert plan.attempts[0].days_done(today) == 0


HOSTILE_TRIGGERS = [
    "[/]",
    "[bold",
    "[@click=app.quit]x[/]",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;new title\x07",
    "\x00\x7f\x9b",
    "texted them 😭👩\u200d❤\ufe0f\u200d👨",
    "שלום, مرحبا",
    "\u202eevil\u202c",
    "  spaces kept  ",
    "line one\nline two\r\n",
    "\ud800 lone surrogate",
    "",
    "x" * 5000,
]


@pytest.mark.parametrize("trigger", HOSTILE_TRIGGERS)
def test_slip_keeps_the_trigger_exactly_as_typed(trigger):
    plan = NoContactPlan.begin(date(2026, 11, 1), date(2026, 11, 1))
    slipped = plan.with_slip(date(2026, 11, 5), trigger)
    assert slipped.attempts[0].trigger == trigger
    assert len(slipped.attempts[0].trigger) == len(trigger)
    assert slipped.attempts[-1].trigger == ""


def test_restart_later_ends_the_running_attempt_as_a_restart():
    plan = NoContactPlan.begin(date(2026, 10, 1), date(2026, 10, 1))
    restarted = plan.restarted(date(2026, 10, 10), date(2026, 10, 15))
    assert restarted.attempts == (
        Attempt(date(2026, 10, 1), date(2026, 10, 10), ENDED_BY_RESTART, ""),
        Attempt(date(2026, 10, 10)),
    )
    progress = restarted.progress(date(2026, 10, 15))
    assert progress.attempts == 2
    assert progress.days_done == 5  # 10 Oct -> 15 Oct
    assert progress.longest_streak == 9  # 1 Oct -> 10 Oct
    assert progress.total_days == 14
    assert restarted.target_days == plan.target_days


def test_restart_today_with_a_new_target():
    plan = NoContactPlan.begin(date(2026, 10, 1), date(2026, 10, 1))
    restarted = plan.restarted(date(2026, 10, 15), date(2026, 10, 15), target_days=60)
    assert restarted.target_days == 60
    assert restarted.current == Attempt(date(2026, 10, 15))
    assert restarted.progress(date(2026, 10, 15)).days_to_target == 60


def test_restart_on_the_same_start_only_changes_the_target():
    plan = NoContactPlan.begin(date(2026, 10, 1), date(2026, 10, 1)).with_slip(
        date(2026, 10, 4), "x"
    )
    changed = plan.restarted(date(2026, 10, 4), date(2026, 10, 20), target_days=40)
    assert changed.attempts == plan.attempts
    assert changed.target_days == 40
    assert changed.progress(date(2026, 10, 20)).attempts == 2
    same = plan.restarted(date(2026, 10, 4), date(2026, 10, 20))
    assert same == plan


def test_correcting_the_first_start_to_an_earlier_day():
    plan = NoContactPlan.begin(date(2026, 10, 10), date(2026, 10, 12))
    corrected = plan.restarted(date(2026, 10, 5), date(2026, 10, 12))
    assert corrected.attempts == (Attempt(date(2026, 10, 5)),)
    progress = corrected.progress(date(2026, 10, 12))
    assert progress.attempts == 1
    assert progress.days_done == 7


def test_correcting_the_start_keeps_the_trigger_free_history_of_earlier_attempts():
    plan = NoContactPlan.begin(date(2026, 10, 1), date(2026, 10, 1)).with_slip(
        date(2026, 10, 8), "[bold"
    )
    # The running attempt began on the slip day; it can't move before the previous end.
    with pytest.raises(InvalidInput) as caught:
        plan.restarted(date(2026, 10, 7), date(2026, 10, 12))
    assert caught.value.field == "start"
    assert "2026-10-08" in str(caught.value)
    assert plan.attempts[0].trigger == "[bold"


def test_start_before_a_previous_attempts_end_is_refused_after_a_restart():
    plan = NoContactPlan.begin(date(2026, 9, 1), date(2026, 9, 1))
    plan = plan.restarted(date(2026, 9, 20), date(2026, 9, 25))
    before = NoContactPlan(plan.target_days, plan.attempts, plan.breakup_date)
    for start in (date(2026, 9, 19), date(2026, 9, 2), date(2026, 8, 1)):
        with pytest.raises(InvalidInput) as caught:
            plan.restarted(start, date(2026, 9, 25))
        assert caught.value.field == "start"
    assert plan == before


def test_start_in_the_future_is_refused():
    today = date(2026, 11, 26)
    with pytest.raises(InvalidInput) as caught:
        NoContactPlan.begin(today + ONE_DAY, today)
    assert caught.value.field == "start"
    assert "2026-11-27" in str(caught.value)
    plan = NoContactPlan.begin(today, today)
    with pytest.raises(InvalidInput) as caught:
        plan.restarted(today + ONE_DAY, today)
    assert caught.value.field == "start"
    assert plan.attempts == (Attempt(today),)


def test_start_before_the_breakup_is_refused():
    breakup = date(2026, 11, 10)
    today = date(2026, 11, 26)
    with pytest.raises(InvalidInput) as caught:
        NoContactPlan.begin(breakup - ONE_DAY, today, breakup_date=breakup)
    assert caught.value.field == "start"
    assert "2026-11-10" in str(caught.value)
    plan = NoContactPlan.begin(breakup, today, breakup_date=breakup)
    assert plan.breakup_date == breakup
    assert plan.progress(today).days_done == 16
    with pytest.raises(InvalidInput):
        plan.restarted(breakup - ONE_DAY, today)
    assert plan.current.start == breakup


def test_breakup_date_check():
    today = date(2026, 11, 26)
    assert check_breakup_date(today, today) == today
    assert check_breakup_date(date(2025, 1, 1), today) == date(2025, 1, 1)
    with pytest.raises(InvalidInput) as caught:
        check_breakup_date(today + ONE_DAY, today)
    assert caught.value.field == "breakup"


# --- The clock going backwards --------------------------------------------------------------


def test_today_before_the_start_never_gives_negative_days():
    plan = NoContactPlan.begin(date(2026, 11, 10), date(2026, 11, 10))
    for back in range(1, 40):
        progress = plan.progress(date(2026, 11, 10) - timedelta(days=back))
        assert progress.clock_behind
        assert progress.days_done == 0
        assert progress.day_number == 1
        assert progress.current_streak == 0
        assert progress.total_days == 0
        assert progress.longest_streak == 0
        assert progress.days_to_target == 30
        assert progress.days_to_minimum == 21


def test_today_before_the_latest_checkin_is_noticed():
    plan = NoContactPlan.begin(date(2026, 11, 1), date(2026, 11, 1))
    behind = plan.progress(date(2026, 11, 19), latest_checkin=date(2026, 11, 20))
    assert behind.clock_behind
    assert behind.latest_recorded == date(2026, 11, 20)
    assert behind.days_done == 18
    level = plan.progress(date(2026, 11, 20), latest_checkin=date(2026, 11, 20))
    assert not level.clock_behind
    later_today = plan.progress(date(2026, 11, 20), latest_checkin=date(2026, 11, 2))
    assert not later_today.clock_behind
    assert later_today.latest_recorded == date(2026, 11, 2)
    # A check-in older than the history does not move "latest recorded" back.
    slipped = plan.with_slip(date(2026, 11, 10))
    older_checkin = slipped.progress(date(2026, 11, 12), latest_checkin=date(2026, 11, 5))
    assert older_checkin.latest_recorded == date(2026, 11, 10)
    assert not older_checkin.clock_behind


def test_today_before_a_recorded_slip_is_noticed_and_counts_stay_non_negative():
    plan = NoContactPlan.begin(date(2026, 11, 1), date(2026, 11, 1))
    plan = plan.with_slip(date(2026, 11, 10)).with_slip(date(2026, 11, 15))
    for day in range(1, 15):
        progress = plan.progress(date(2026, 11, day))
        assert progress.clock_behind
        assert progress.days_done == 0
        assert progress.current_streak == 0
        assert progress.longest_streak >= 0
        assert progress.total_days >= 0
    assert not plan.progress(date(2026, 11, 15)).clock_behind


def _copy(plan: NoContactPlan) -> NoContactPlan:
    return NoContactPlan(plan.target_days, tuple(plan.attempts), plan.breakup_date)


def test_slip_with_the_clock_behind_is_refused_and_changes_nothing():
    plan = NoContactPlan.begin(date(2026, 11, 1), date(2026, 11, 1)).with_slip(date(2026, 11, 10))
    before = _copy(plan)
    with pytest.raises(InvalidInput) as caught:
        plan.with_slip(date(2026, 11, 9), "typed while the clock was wrong")
    assert caught.value.field == "clock"
    assert "2026-11-09" in str(caught.value)
    assert "2026-11-10" in str(caught.value)
    assert plan == before


def test_restart_with_the_clock_behind_is_refused_and_changes_nothing():
    plan = NoContactPlan.begin(date(2026, 11, 1), date(2026, 11, 1)).with_slip(date(2026, 11, 10))
    before = _copy(plan)
    for start, today in [
        (date(2026, 11, 5), date(2026, 11, 8)),  # start fine, today behind history
        (date(2026, 11, 8), date(2026, 11, 8)),
        (date(2026, 11, 10), date(2026, 11, 9)),
    ]:
        with pytest.raises(InvalidInput):
            plan.restarted(start, today)
        with pytest.raises(InvalidInput):
            plan.restarted(start, today, target_days=50)
    assert plan == before


def test_refuse_if_clock_behind_allows_equal_and_later_days():
    refuse_if_clock_behind(date(2026, 11, 10), date(2026, 11, 10))
    refuse_if_clock_behind(date(2026, 11, 11), date(2026, 11, 10))
    with pytest.raises(InvalidInput) as caught:
        refuse_if_clock_behind(date(2026, 11, 9), date(2026, 11, 10))
    assert caught.value.field == "clock"


# --- Properties -----------------------------------------------------------------------------

# Dates near leap days, month ends and year ends are drawn often, not left to chance.
_EDGE_DAYS = st.sampled_from(
    [
        date(2024, 2, 28),
        date(2024, 2, 29),
        date(2024, 3, 1),
        date(2025, 2, 28),
        date(2025, 3, 1),
        date(2025, 12, 31),
        date(2026, 1, 1),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 12, 31),
        date(2027, 1, 1),
        date(2028, 2, 29),
        date(2100, 2, 28),
        date(2100, 3, 1),
        date(2000, 2, 29),
        date(1999, 12, 31),
    ]
)
DAYS = st.one_of(_EDGE_DAYS, st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
TARGETS = st.integers(min_value=21, max_value=365)


@given(start=DAYS, today=DAYS, target=TARGETS)
def test_single_attempt_day_math_matches_the_calendar(start, today, target):
    assume(start <= today)
    progress = NoContactPlan.begin(start, today, target_days=target).progress(today)
    expected = calendar_difference(start, today)
    assert progress.days_done == expected
    assert progress.day_number == progress.days_done + 1
    assert progress.days_to_target + min(progress.days_done, target) == target
    assert progress.days_to_minimum + min(progress.days_done, 21) == 21
    assert progress.current_streak == progress.longest_streak == progress.total_days == expected
    assert not progress.clock_behind


@given(start=DAYS, today=DAYS)
def test_a_day_before_the_start_is_clock_behind_never_negative(start, today):
    assume(today < start)
    plan = NoContactPlan.begin(start, start)
    progress = plan.progress(today)
    assert progress.clock_behind
    assert progress.days_done == 0
    assert progress.day_number == 1
    with pytest.raises(InvalidInput):
        plan.with_slip(today)


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["slip", "restart", "target", "wait"]),
        st.integers(min_value=0, max_value=40),  # days to move today forward
        st.integers(min_value=0, max_value=60),  # for a restart: how many days before today
        st.one_of(st.sampled_from(HOSTILE_TRIGGERS), st.text(max_size=12)),
        TARGETS,
    ),
    max_size=25,
)


class _Model:
    """The spec's rules for a history, kept as plain lists to compare the plan against."""

    def __init__(self, start: date, breakup: date | None, target: int) -> None:
        self.attempts = [[start, None, None, ""]]
        self.breakup = breakup
        self.target = target
        self.latest = start

    def slip(self, today: date, trigger: str) -> bool:
        if today < self.latest:
            return False
        for attempt in self.attempts:
            if attempt[1] == today and attempt[2] == ENDED_BY_SLIP:
                # A second slip on one day is kept with the first: no empty attempt.
                first = attempt[3]
                attempt[3] = (
                    trigger
                    if not first
                    else first
                    if trigger in ("", first)
                    else (f"{first}; {trigger}")
                )
                return True
        self.attempts[-1][1:] = [today, ENDED_BY_SLIP, trigger]
        self.attempts.append([today, None, None, ""])
        self.latest = today
        return True

    def restart(self, start: date, today: date, target: int) -> bool:
        if start > today or (self.breakup and start < self.breakup) or today < self.latest:
            return False
        current = self.attempts[-1]
        if start > current[0]:
            current[1:] = [start, ENDED_BY_RESTART, ""]
            self.attempts.append([start, None, None, ""])
            self.latest = start
        elif start < current[0]:
            if len(self.attempts) > 1 and start < self.attempts[-2][1]:
                return False
            current[0] = start
        self.target = target
        return True

    def total(self, today: date) -> int:
        return sum(
            max(0, calendar_difference(s, e if e is not None else today))
            for s, e, _, _ in self.attempts
        )


@given(
    first=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    lead=st.integers(min_value=0, max_value=30),
    breakup_gap=st.one_of(st.none(), st.integers(min_value=0, max_value=20)),
    target=TARGETS,
    operations=OPERATIONS,
)
def test_random_histories_keep_their_invariants(first, lead, breakup_gap, target, operations):
    breakup = None if breakup_gap is None else first - timedelta(days=breakup_gap)
    today = first + timedelta(days=lead)
    plan = NoContactPlan.begin(first, today, target_days=target, breakup_date=breakup)
    model = _Model(first, breakup, target)
    last_total = plan.progress(today).total_days
    for kind, forward, back, trigger, new_target in operations:
        today += timedelta(days=forward)
        before = _copy(plan)
        if kind == "slip":
            assert model.slip(today, trigger)
            plan = plan.with_slip(today, trigger)
        elif kind == "restart":
            start = today - timedelta(days=back)
            if model.restart(start, today, new_target):
                plan = plan.restarted(start, today, target_days=new_target)
            else:
                with pytest.raises(InvalidInput):
                    plan.restarted(start, today, target_days=new_target)
                assert plan == before
        elif kind == "target":
            assert model.restart(plan.current.start, today, new_target)
            plan = plan.restarted(plan.current.start, today, target_days=new_target)

        assert [tuple(a) for a in plan.attempts] == [tuple(a) for a in model.attempts]
        assert plan.target_days == model.target
        # Only the last attempt is open, and attempts follow each other in time.
        assert [a.is_open for a in plan.attempts] == [False] * (len(plan.attempts) - 1) + [True]
        for earlier, later in itertools.pairwise(plan.attempts):
            assert earlier.start <= earlier.end <= later.start
        assert plan.attempts[0].start >= (breakup or date.min)

        progress = plan.progress(today)
        lengths = [max(0, calendar_difference(a.start, a.end or today)) for a in plan.attempts]
        assert progress.total_days == sum(lengths) == model.total(today)
        assert progress.longest_streak == max(lengths) >= progress.current_streak
        assert progress.current_streak == lengths[-1] == progress.days_done
        assert progress.attempts == len(plan.attempts)
        assert progress.day_number == progress.days_done + 1
        assert not progress.clock_behind
        # Total no-contact days never go down as time moves on, whatever happened.
        assert progress.total_days >= last_total
        last_total = progress.total_days
        later = plan.progress(today + timedelta(days=forward + 1))
        assert later.total_days >= progress.total_days
        assert later.current_streak >= progress.current_streak


@given(start=DAYS, gaps=st.lists(st.integers(min_value=0, max_value=100), max_size=10))
def test_slips_only_add_attempts_and_keep_the_total(start, gaps):
    plan = NoContactPlan.begin(start, start)
    today = start
    number = 1
    for gap in gaps:
        today += timedelta(days=gap)
        total_before = plan.progress(today).total_days
        already = plan.slipped_on(today)
        plan = plan.with_slip(today, f"slip {number}")
        # A second slip on the same day is kept with the first: no empty attempt.
        number += 0 if already else 1
        progress = plan.progress(today)
        assert progress.attempts == number
        assert progress.total_days == total_before
        assert progress.days_done == 0
    assert plan.progress(today).total_days == calendar_difference(start, today)


# --- Local calendar days, DST and time zones ------------------------------------------------

ALL_ZONES = sorted(available_timezones())
# Local wall times to try on each side of a transition (some won't exist; they're skipped).
WALL_TIMES = [(0, 0), (0, 30), (1, 30), (2, 15), (2, 45), (3, 30), (12, 0), (23, 45)]


@cache
def _transitions(name: str, year: int) -> tuple[datetime, ...]:
    """UTC instants in `year` when the zone's offset from UTC changes (to the minute)."""
    zone = ZoneInfo(name)
    found = []
    probe = datetime(year, 1, 1, tzinfo=UTC)
    offset = probe.astimezone(zone).utcoffset()
    for _ in range(366):
        following = probe + ONE_DAY
        new_offset = following.astimezone(zone).utcoffset()
        if new_offset != offset:
            low, high = probe, following
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            found.append(high)
        probe, offset = following, new_offset
    return tuple(found)


def _day_count(start_instant: datetime, now_instant: datetime, zone: ZoneInfo) -> int:
    """What the app shows: days done between the local calendar dates of two instants."""
    start_day = start_instant.astimezone(zone).date()
    today = now_instant.astimezone(zone).date()
    return NoContactPlan.begin(start_day, today).progress(today).days_done


def _naive_day_count(start_day: date, now_instant: datetime, zone: ZoneInfo) -> int:
    """The tempting wrong way: seconds since local midnight of the start day, / 86,400."""
    midnight = datetime(start_day.year, start_day.month, start_day.day, tzinfo=zone)
    return int((now_instant - midnight).total_seconds() // 86400)


def _real_wall_instants(zone: ZoneInfo, days: list[date]) -> list[tuple]:
    """(wall date, wall time, UTC instant, local date of the instant, offset) per real wall time."""
    found = []
    for day in days:
        for hour, minute in WALL_TIMES:
            local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
            instant = local.astimezone(UTC)
            back = instant.astimezone(zone)
            if back.replace(tzinfo=None) != local.replace(tzinfo=None):
                continue  # skipped by a spring-forward gap
            found.append((day, (hour, minute), instant, back.date(), back.utcoffset()))
    return found


def test_zone_database_is_available():
    assert len(ALL_ZONES) > 300
    assert {"America/New_York", "Australia/Lord_Howe", "Pacific/Chatham"} <= set(ALL_ZONES)
    assert len(_transitions("America/New_York", 2026)) == 2
    assert len(_transitions("Asia/Kolkata", 2026)) == 0


def test_every_zone_counts_local_calendar_days_around_its_transitions():
    """For every zone: day counts follow the wall calendar, across DST and at year end."""
    disagreements = set()
    zones_with_transitions = 0
    counts: dict[tuple[date, date], int] = {}
    pairs_checked = 0
    for name in ALL_ZONES:
        zone = ZoneInfo(name)
        transitions = _transitions(name, 2026)
        zones_with_transitions += bool(transitions)
        pivots = {t.astimezone(zone).date() for t in transitions} | {date(2026, 12, 31)}
        for pivot in sorted(pivots):
            days = [pivot + timedelta(days=k) for k in (-1, 0, 1)]
            walls = _real_wall_instants(zone, days)
            midnights = {d: datetime(d.year, d.month, d.day, tzinfo=zone) for d in days}
            for day1, wall1, start, start_local, _ in walls:
                midnight = midnights[day1]
                for day2, wall2, now, today, now_offset in walls:
                    if (day1, wall1) > (day2, wall2) or start > now:
                        continue
                    pairs_checked += 1
                    # What the wall calendar says, worked out without the zone or datetime.
                    expected = calendar_difference(day1, day2)
                    key = (start_local, today)
                    if key not in counts:
                        counts[key] = NoContactPlan.begin(*key).progress(today).days_done
                    assert counts[key] == expected, (name, start, now)
                    naive = int((now - midnight).total_seconds() // 86400)
                    if midnight.utcoffset() == now_offset:
                        # Without an offset change in between, seconds would have worked...
                        assert naive == expected, (name, day1, now)
                    elif naive != expected:
                        # ...but across a DST change they are off by one.
                        assert abs(naive - expected) == 1
                        disagreements.add(name)
    assert pairs_checked > 100_000
    assert zones_with_transitions > 50
    assert {"America/New_York", "Australia/Lord_Howe", "Pacific/Chatham"} <= disagreements


NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")


@pytest.mark.parametrize(
    ("zone", "start_local", "now_local", "calendar_days", "naive_days"),
    [
        # Spring forward, New York, 8 Mar 2026: Sunday is 23 hours long. Started at midnight
        # on the 8th; just after midnight on the 9th is Day 2 (1 day done), but only
        # 23h15m have passed, so seconds / 86,400 still says 0.
        (NEW_YORK, (2026, 3, 8, 0, 0), (2026, 3, 9, 0, 15), 1, 0),
        # Fall back, New York, 1 Nov 2026: Sunday is 25 hours long. Late on the 1st it is
        # still the start day (0 done), but 24h30m have passed: seconds say 1.
        (NEW_YORK, (2026, 11, 1, 0, 0), (2026, 11, 1, 23, 30), 0, 1),
        # Lord Howe moves its clocks by 30 minutes (4 Oct 2026 and 5 Apr 2026).
        (LORD_HOWE, (2026, 10, 4, 0, 0), (2026, 10, 5, 0, 10), 1, 0),
        (LORD_HOWE, (2026, 4, 5, 0, 0), (2026, 4, 5, 23, 50), 0, 1),
        # Chatham: +12:45 in winter, +13:45 in summer (27 Sep 2026).
        (ZoneInfo("Pacific/Chatham"), (2026, 9, 27, 0, 0), (2026, 9, 28, 0, 30), 1, 0),
        # Odd offsets without DST agree either way: Kathmandu +5:45 over a year end.
        (ZoneInfo("Asia/Kathmandu"), (2026, 12, 31, 0, 0), (2027, 1, 1, 0, 5), 1, 1),
        (ZoneInfo("Australia/Eucla"), (2026, 2, 28, 0, 0), (2026, 3, 1, 23, 59), 1, 1),
    ],
)
def test_named_dst_cases_show_why_calendar_dates_are_used(
    zone, start_local, now_local, calendar_days, naive_days
):
    start = datetime(*start_local, tzinfo=zone)
    now = datetime(*now_local, tzinfo=zone).astimezone(UTC)  # a real instant, as a clock gives
    assert calendar_difference(date(*start_local[:3]), date(*now_local[:3])) == calendar_days
    assert _day_count(start, now, zone) == calendar_days
    assert _naive_day_count(start.date(), now, zone) == naive_days


def test_the_same_instant_is_a_different_day_on_each_side_of_the_date_line():
    # 10:30 UTC on 31 Dec 2026 is already 1 Jan in Kiritimati (+14) and still 30 Dec at -12.
    instant = datetime(2026, 12, 31, 10, 30, tzinfo=UTC)
    start = date(2026, 12, 1)
    east = instant.astimezone(ZoneInfo("Pacific/Kiritimati")).date()
    west = instant.astimezone(ZoneInfo("Etc/GMT+12")).date()
    assert (east, west) == (date(2027, 1, 1), date(2026, 12, 30))
    plan = NoContactPlan.begin(start, west)
    assert plan.progress(east).days_done == 31
    assert plan.progress(west).days_done == 29


@given(
    moment=st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2040, 12, 31),
        timezones=st.sampled_from(ALL_ZONES).map(ZoneInfo),
        allow_imaginary=False,
    ),
    elapsed=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=90)),
)
def test_any_zone_any_moment_day_count_is_the_local_calendar_difference(moment, elapsed):
    zone = moment.tzinfo
    start_instant = moment.astimezone(UTC)
    now_instant = start_instant + elapsed
    start_day = start_instant.astimezone(zone).date()
    today = now_instant.astimezone(zone).date()
    assume(start_day <= today)  # a fall-back across midnight can briefly repeat a date
    assert _day_count(start_instant, now_instant, zone) == calendar_difference(start_day, today)
