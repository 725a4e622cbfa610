"""How far the person has come: weekly figures, the review's day, triggers, the calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.figures import (
    attempt_bars,
    calendar_months,
    coming_milestones,
    first_review_day,
    latest_review_day,
    review_due,
    triggers_ranked,
    week_figures,
    weekly_review,
    weekly_series,
)
from exback_tui.domain.plan import Attempt, NoContactPlan
from exback_tui.domain.progress import HardDate, Urge
from exback_tui.domain.urges import urges_resisted

TODAY = date(2026, 11, 26)  # a Thursday
START = date(2026, 11, 1)  # a Sunday


def urge(day: date, outcome: str, n: int = 0) -> Urge:
    """A kept message written at noon on `day`."""
    written = datetime.combine(day, time(12, 0), tzinfo=UTC)
    return Urge(f"u{day.isoformat()}-{n}", "text", written, outcome, None)


def plan_with(*attempts: Attempt, target: int = 30) -> NoContactPlan:
    return NoContactPlan(target, attempts)


def test_a_week_counts_checkins_averages_resisted_slips_and_entries():
    checkins = (
        CheckIn(date(2026, 11, 20), 2, 8),
        CheckIn(date(2026, 11, 21), 4, 0),
        CheckIn(date(2026, 11, 22), 3, 5, True),
        CheckIn(date(2026, 11, 27), 1, 9),  # after the week
    )
    attempts = (
        Attempt(START, date(2026, 11, 22), "slip", "their birthday"),
        Attempt(date(2026, 11, 22)),
    )
    entries = [date(2026, 11, 20), date(2026, 11, 20), date(2026, 11, 10)]
    urges = (
        urge(date(2026, 11, 19), "let-go"),  # the day before the week
        urge(date(2026, 11, 20), "let-go"),
        urge(date(2026, 11, 21), "waiting"),
        urge(date(2026, 11, 22), "sent"),
        urge(date(2026, 11, 27), "waiting"),  # after the week
    )
    week = week_figures(date(2026, 11, 20), checkins, attempts, entries, urges)
    assert week.end == date(2026, 11, 26)
    assert week.checkins == 3
    assert week.mood_average == 3.0
    assert round(week.urge_average or 0, 2) == 4.33
    # The kept messages of the week that were let go or are waiting; check-ins don't count.
    assert week.urges_resisted == 2
    assert week.slips == 1
    assert week.entries == 2
    assert week.as_dict()["urge_average"] == 4.3


def test_a_week_without_checkins_has_no_averages():
    week = week_figures(TODAY, (), (), (), ())
    assert (week.checkins, week.mood_average, week.urge_average) == (0, None, None)
    assert week.as_dict()["mood_average"] is None


def test_triggers_rank_by_attempts_ended_and_keep_the_first_spelling():
    attempts = (
        Attempt(date(2026, 1, 1), date(2026, 1, 5), "slip", "Saw the photos"),
        Attempt(date(2026, 1, 5), date(2026, 2, 5), "slip", "<script>alert(1)</script>"),
        Attempt(date(2026, 2, 5), date(2026, 3, 5), "slip", "  saw  the PHOTOS "),
        Attempt(date(2026, 3, 5), date(2026, 3, 9), "restart", ""),
        Attempt(date(2026, 3, 9), date(2026, 4, 1), "slip", ""),
        Attempt(date(2026, 4, 1)),
    )
    ranked = triggers_ranked(attempts)
    assert [(t.text, t.times) for t in ranked] == [
        ("Saw the photos", 2),
        ("", 1),  # the most recent of the single ones first
        ("<script>alert(1)</script>", 1),
    ]


def test_the_first_review_is_seven_days_after_the_start_then_weekly():
    plan = plan_with(Attempt(START))
    assert first_review_day(plan) == date(2026, 11, 8)
    assert plan.weekly_review_weekday == START.weekday()
    assert latest_review_day(plan, date(2026, 11, 7)) is None
    assert latest_review_day(plan, date(2026, 11, 8)) == date(2026, 11, 8)
    assert latest_review_day(plan, date(2026, 11, 14)) == date(2026, 11, 8)
    assert latest_review_day(plan, date(2026, 11, 15)) == date(2026, 11, 15)
    # A chosen weekday (Wednesday) takes over after the first review.
    assert latest_review_day(plan, date(2026, 11, 10), weekday=2) == date(2026, 11, 8)
    assert latest_review_day(plan, date(2026, 11, 12), weekday=2) == date(2026, 11, 11)


def test_the_review_is_due_until_a_review_entry_is_saved_on_or_after_its_day():
    plan = plan_with(Attempt(START))
    assert not review_due(plan, date(2026, 11, 7), ())
    assert review_due(plan, date(2026, 11, 8), ())
    assert review_due(plan, date(2026, 11, 9), [date(2026, 11, 7)])
    assert not review_due(plan, date(2026, 11, 9), [date(2026, 11, 8)])
    assert review_due(plan, date(2026, 11, 15), [date(2026, 11, 8)])


def test_the_review_weekday_chosen_in_the_plan_moves_the_review_after_the_first():
    chosen = NoContactPlan(30, (Attempt(START),), None, 2)  # Wednesday
    default = plan_with(Attempt(START))  # Sunday, the first review's weekday
    # The first review stays seven days after the start, whatever the weekday.
    assert latest_review_day(chosen, date(2026, 11, 8)) == date(2026, 11, 8)
    assert latest_review_day(chosen, date(2026, 11, 10)) == date(2026, 11, 8)
    assert latest_review_day(chosen, date(2026, 11, 11)) == date(2026, 11, 11)
    assert not review_due(default, date(2026, 11, 11), [date(2026, 11, 8)])
    assert review_due(chosen, date(2026, 11, 11), [date(2026, 11, 8)])
    assert latest_review_day(default, date(2026, 11, 14)) == date(2026, 11, 8)


def test_the_weekly_review_compares_the_last_seven_days_with_the_seven_before():
    checkins = tuple(CheckIn(TODAY - timedelta(days=n), 1 + n % 5, n % 11) for n in range(20))
    plan = plan_with(Attempt(START))
    birthday = HardDate("h1", "Their birthday", 12, 1)
    far = HardDate("h2", "Anniversary", 6, 1)
    urges = [urge(TODAY, "let-go"), urge(TODAY - timedelta(days=7), "waiting")]
    review = weekly_review(plan, TODAY, checkins, [TODAY], [], [far, birthday], urges)
    assert review.this_week.start == TODAY - timedelta(days=6)
    assert review.this_week.end == TODAY
    assert review.last_week.end == TODAY - timedelta(days=7)
    assert review.this_week.checkins == review.last_week.checkins == 7
    assert review.this_week.entries == 1
    assert review.this_week.urges_resisted == review.last_week.urges_resisted == 1
    assert review.hard_dates == ((birthday, date(2026, 12, 1)),)
    assert review.due
    assert review.as_dict()["hard_dates"] == [{"name": "Their birthday", "on": "2026-12-01"}]


def test_coming_milestones_are_the_days_still_ahead_in_this_attempt():
    plan = plan_with(Attempt(date(2026, 11, 16)))  # 10 days done on TODAY
    assert coming_milestones(plan, TODAY) == (
        (14, date(2026, 11, 30)),
        (21, date(2026, 12, 7)),
        (30, date(2026, 12, 16)),
    )


def test_attempt_bars_give_each_attempt_its_days_and_trigger():
    plan = plan_with(
        Attempt(date(2026, 10, 1), date(2026, 10, 25), "slip", "[bold]x[/]"),
        Attempt(date(2026, 10, 25)),
    )
    first, running = attempt_bars(plan, TODAY)
    assert (first.days, first.slip, first.running, first.trigger) == (24, True, False, "[bold]x[/]")
    assert (running.days, running.running, running.end) == (32, True, TODAY)


DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(first=DAYS, span=st.integers(min_value=0, max_value=800))
def test_the_calendar_holds_every_day_once(first, span):
    last = first + timedelta(days=span)
    days = [d for m in calendar_months(first, last) for week in m.weeks for d in week if d]
    assert days == sorted(set(days))
    assert days[0] <= first and days[-1] >= last
    assert all(len(week) == 7 for m in calendar_months(first, last) for week in m.weeks)


@st.composite
def histories(draw):
    start = draw(DAYS)
    offsets = draw(st.lists(st.integers(min_value=0, max_value=200), unique=True, max_size=60))
    checkins = tuple(
        sorted(
            (
                CheckIn(
                    start + timedelta(days=o),
                    draw(st.integers(1, 5)),
                    draw(st.integers(0, 10)),
                    draw(st.booleans()),
                )
                for o in offsets
            ),
            key=lambda c: c.on,
        )
    )
    ends = sorted(draw(st.lists(st.integers(1, 200), unique=True, max_size=6)))
    attempts, begin = [], start
    for end in ends:
        stop = start + timedelta(days=end)
        attempts.append(Attempt(begin, stop, "slip", draw(st.sampled_from(["a", "A ", "b", ""]))))
        begin = stop
    attempts.append(Attempt(begin))
    entries = [start + timedelta(days=o) for o in draw(st.lists(st.integers(0, 200)))]
    urges = tuple(
        urge(start + timedelta(days=o), draw(st.sampled_from(["waiting", "let-go", "sent"])), n)
        for n, o in enumerate(draw(st.lists(st.integers(0, 200), max_size=30)))
    )
    return start, checkins, tuple(attempts), entries, urges


@given(history=histories())
def test_the_weekly_series_agrees_with_week_figures_and_loses_nothing(history):
    start, checkins, attempts, entries, urges = history
    today = start + timedelta(days=200)
    series = weekly_series(start, today, checkins, attempts, entries, urges)
    for week in series:
        assert week == week_figures(week.start, checkins, attempts, entries, urges)
        assert week.start.weekday() == 0
    assert sum(w.checkins for w in series) == len(checkins)
    assert sum(w.entries for w in series) == len(entries)
    # Week by week, urges resisted add up to the one total the dashboard shows.
    assert sum(w.urges_resisted for w in series) == urges_resisted(urges)
    assert sum(w.slips for w in series) == len(attempts) - 1
    assert all((b.start - a.start).days == 7 for a, b in zip(series, series[1:], strict=False))


@given(history=histories())
def test_triggers_count_every_slip_once_most_first(history):
    _, _, attempts, _, _ = history
    ranked = triggers_ranked(attempts)
    assert sum(t.times for t in ranked) == len(attempts) - 1
    assert [t.times for t in ranked] == sorted((t.times for t in ranked), reverse=True)


@given(start=DAYS, days=st.integers(0, 800), weekday=st.integers(0, 6))
def test_the_latest_review_day_is_never_after_today_nor_a_week_old(start, days, weekday):
    plan = plan_with(Attempt(start))
    today = start + timedelta(days=days)
    latest = latest_review_day(plan, today, weekday)
    if days < 7:
        assert latest is None
        assert not review_due(plan, today, (), weekday)
        return
    assert latest is not None
    assert first_review_day(plan) <= latest <= today
    assert (today - latest).days < 7
    assert latest == first_review_day(plan) or latest.weekday() == weekday
    assert review_due(plan, today, (), weekday)
    assert not review_due(plan, today, [today], weekday)
