"""How far the person has come: weekly figures, the weekly review, triggers, the calendar.

The Progress screen, the weekly review on Today, `exback week`, `exback
report` and `exback calendar` all take their figures from here, so the
screen and the command line can't disagree. Pure: "today" is passed in,
journal entries arrive as the days they were written.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.hard_dates import next_occurrence
from exback_tui.domain.plan import ENDED_BY_SLIP, Attempt, NoContactPlan, milestones
from exback_tui.domain.progress import HardDate, Urge
from exback_tui.domain.urges import urges_resisted

WEEK = 7
REVIEW_AFTER_DAYS = 7  # the first review comes this many days after no contact started
HIGH_URGE = 7  # an urge this strong or stronger is marked on the calendar
REVIEW_TAG = "review"


class WeekFigures(NamedTuple):
    """One week's figures (`start` to `end`, both included)."""

    start: date
    end: date
    checkins: int
    mood_average: float | None  # None: no check-in that week
    urge_average: float | None
    urges_resisted: int
    slips: int
    entries: int

    def as_dict(self) -> dict[str, object]:
        """The figures as JSON-ready values (dates as ISO strings, averages to one decimal)."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "checkins": self.checkins,
            "mood_average": _rounded(self.mood_average),
            "urge_average": _rounded(self.urge_average),
            "urges_resisted": self.urges_resisted,
            "slips": self.slips,
            "entries": self.entries,
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _average(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def slip_days(attempts: Iterable[Attempt]) -> list[date]:
    """The days an attempt ended in a slip (contact), oldest first."""
    return sorted(a.end for a in attempts if a.end is not None and a.ended_by == ENDED_BY_SLIP)


def urge_day(urge: Urge) -> date:
    """The day an urge counts for: the day its message was written."""
    return urge.written.date()


def week_figures(
    start: date,
    checkins: Iterable[CheckIn],
    attempts: Iterable[Attempt],
    entry_days: Iterable[date],
    urges: Iterable[Urge],
    days: int = WEEK,
) -> WeekFigures:
    """The figures of the `days` days from `start`.

    Urges resisted are `urges.urges_resisted` (the one definition, the count
    the dashboard and the urge box give) over the urges written in those days.
    """
    end = start + timedelta(days=days - 1)
    week = tuple(c for c in checkins if start <= c.on <= end)
    return WeekFigures(
        start=start,
        end=end,
        checkins=len(week),
        mood_average=_average([c.mood for c in week]),
        urge_average=_average([c.urge for c in week]),
        urges_resisted=urges_resisted(u for u in urges if start <= urge_day(u) <= end),
        slips=sum(1 for day in slip_days(attempts) if start <= day <= end),
        entries=sum(1 for day in entry_days if start <= day <= end),
    )


def week_start(day: date) -> date:
    """The Monday of the week `day` is in (the Progress screen's weeks run Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


def weekly_series(
    first: date,
    today: date,
    checkins: Sequence[CheckIn],
    attempts: Sequence[Attempt],
    entry_days: Sequence[date],
    urges: Sequence[Urge],
) -> tuple[WeekFigures, ...]:
    """Every Monday-to-Sunday week from the one holding `first` to the one holding `today`.

    Work is one pass over each input, so two years of history stays quick.
    Urges resisted per week: `urges.urges_resisted` over the urges written that week.
    """
    if today < first:
        return ()
    origin = week_start(first)
    count = (week_start(today) - origin).days // WEEK + 1

    def index(day: date) -> int | None:
        slot = (day - origin).days // WEEK
        return slot if 0 <= slot < count else None

    moods: list[list[int]] = [[] for _ in range(count)]
    urge_levels: list[list[int]] = [[] for _ in range(count)]
    kept: list[list[Urge]] = [[] for _ in range(count)]
    slips = [0] * count
    entries = [0] * count
    for checkin in checkins:
        slot = index(checkin.on)
        if slot is not None:
            moods[slot].append(checkin.mood)
            urge_levels[slot].append(checkin.urge)
    for urge in urges:
        slot = index(urge_day(urge))
        if slot is not None:
            kept[slot].append(urge)
    for day in slip_days(attempts):
        slot = index(day)
        if slot is not None:
            slips[slot] += 1
    for day in entry_days:
        slot = index(day)
        if slot is not None:
            entries[slot] += 1
    return tuple(
        WeekFigures(
            start=origin + timedelta(days=WEEK * i),
            end=origin + timedelta(days=WEEK * i + WEEK - 1),
            checkins=len(moods[i]),
            mood_average=_average(moods[i]),
            urge_average=_average(urge_levels[i]),
            urges_resisted=urges_resisted(kept[i]),
            slips=slips[i],
            entries=entries[i],
        )
        for i in range(count)
    )


# The weekly review ------------------------------------------------------------------


def first_review_day(plan: NoContactPlan) -> date:
    """The day of the first weekly review: seven days after no contact first started."""
    return plan.attempts[0].start + timedelta(days=REVIEW_AFTER_DAYS)


def latest_review_day(plan: NoContactPlan, today: date, weekday: int | None = None) -> date | None:
    """The latest review day on or before `today` (None before the first one).

    Review days: the first one, then every `weekday` after it; without `weekday`,
    the plan's (`NoContactPlan.weekly_review_weekday`: the one chosen in settings,
    else the first review's weekday).
    """
    first = first_review_day(plan)
    if today < first:
        return None
    day = plan.weekly_review_weekday if weekday is None else weekday
    latest = today - timedelta(days=(today.weekday() - day) % WEEK)
    return latest if latest >= first else first


def review_due(
    plan: NoContactPlan,
    today: date,
    review_entry_days: Iterable[date],
    weekday: int | None = None,
) -> bool:
    """Whether Today should offer the review: a review day has come and none was saved since."""
    latest = latest_review_day(plan, today, weekday)
    if latest is None:
        return False
    return not any(latest <= day <= today for day in review_entry_days)


class Review(NamedTuple):
    """The weekly review's figures: the last seven days against the seven before."""

    today: date
    this_week: WeekFigures
    last_week: WeekFigures
    hard_dates: tuple[tuple[HardDate, date], ...]  # in the coming week, soonest first
    due: bool

    def as_dict(self) -> dict[str, object]:
        """The review as JSON-ready values (what `exback week --json` prints)."""
        return {
            "today": self.today.isoformat(),
            "this_week": self.this_week.as_dict(),
            "last_week": self.last_week.as_dict(),
            "hard_dates": [
                {"name": hard.name, "on": on.isoformat()} for hard, on in self.hard_dates
            ],
            "review_due": self.due,
        }


def hard_dates_within(
    dates: Iterable[HardDate], today: date, days: int
) -> tuple[tuple[HardDate, date], ...]:
    """The hard dates falling from `today` to `days` days after it, soonest first."""
    found: list[tuple[HardDate, date]] = []
    for hard in dates:
        on = next_occurrence(hard.month, hard.day, today)
        if on is not None and (on - today).days <= days:
            found.append((hard, on))
    found.sort(key=lambda pair: pair[1])
    return tuple(found)


def weekly_review(
    plan: NoContactPlan,
    today: date,
    checkins: Sequence[CheckIn],
    entry_days: Sequence[date],
    review_entry_days: Iterable[date],
    hard_dates: Iterable[HardDate],
    urges: Sequence[Urge],
    weekday: int | None = None,
) -> Review:
    """The review for `today`: this week is the seven days up to today, last week the seven
    before; hard dates in the coming seven days; urges resisted from the kept messages."""
    this_start = today - timedelta(days=WEEK - 1)
    last_start = this_start - timedelta(days=WEEK)
    return Review(
        today=today,
        this_week=week_figures(this_start, checkins, plan.attempts, entry_days, urges),
        last_week=week_figures(last_start, checkins, plan.attempts, entry_days, urges),
        hard_dates=hard_dates_within(hard_dates, today, WEEK),
        due=review_due(plan, today, review_entry_days, weekday),
    )


# Triggers, attempts and milestones ------------------------------------------------------


class Trigger(NamedTuple):
    """A trigger as the person first typed it, and how many attempts it ended."""

    text: str  # "" for slips whose trigger was not named
    times: int
    last: date


def triggers_ranked(attempts: Iterable[Attempt]) -> tuple[Trigger, ...]:
    """Triggers by how many attempts they ended (most first, then most recent first).

    The same words with other spacing or case count as one trigger, shown as
    first typed.
    """
    shown: dict[str, str] = {}
    counts: dict[str, int] = {}
    last: dict[str, date] = {}
    for attempt in attempts:
        if attempt.ended_by != ENDED_BY_SLIP or attempt.end is None:
            continue
        key = " ".join(attempt.trigger.split()).casefold()
        shown.setdefault(key, attempt.trigger.strip())
        counts[key] = counts.get(key, 0) + 1
        last[key] = max(last.get(key, attempt.end), attempt.end)
    ranked = [Trigger(shown[key], counts[key], last[key]) for key in shown]
    ranked.sort(key=lambda t: (-t.times, -t.last.toordinal()))
    return tuple(ranked)


class AttemptBar(NamedTuple):
    """An attempt as the timeline draws it."""

    start: date
    end: date  # the day it ended, or today for the running one
    days: int
    running: bool
    slip: bool
    trigger: str


def attempt_bars(plan: NoContactPlan, today: date) -> tuple[AttemptBar, ...]:
    """Every attempt, oldest first, with its length in days."""
    return tuple(
        AttemptBar(
            start=a.start,
            end=today if a.end is None else a.end,
            days=a.days_done(today),
            running=a.is_open,
            slip=a.ended_by == ENDED_BY_SLIP,
            trigger=a.trigger,
        )
        for a in plan.attempts
    )


def coming_milestones(plan: NoContactPlan, today: date) -> tuple[tuple[int, date], ...]:
    """The current attempt's milestones still ahead: (days done, the day it is reached)."""
    start = plan.current.start
    done = plan.current.days_done(today)
    return tuple(
        (mark.days, start + timedelta(days=mark.days))
        for mark in milestones(plan.target_days)
        if mark.days > done
    )


# The check-in calendar ------------------------------------------------------------------


class Month(NamedTuple):
    """A month of the calendar: its weeks (Monday first), None outside the month."""

    year: int
    month: int
    weeks: tuple[tuple[date | None, ...], ...]


def calendar_months(first: date, last: date) -> tuple[Month, ...]:
    """Every month from the one holding `first` to the one holding `last`, oldest first."""
    if last < first:
        return ()
    months: list[Month] = []
    year, month = first.year, first.month
    grid = calendar.Calendar(firstweekday=0)
    while (year, month) <= (last.year, last.month):
        weeks = tuple(
            tuple(date(year, month, d) if d else None for d in week)
            for week in grid.monthdayscalendar(year, month)
        )
        months.append(Month(year, month, weeks))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def history_start(plan: NoContactPlan, checkins: Sequence[CheckIn]) -> date:
    """The first day the history covers: the first start or the first check-in."""
    first = plan.attempts[0].start
    if checkins and checkins[0].on < first:
        return checkins[0].on
    return first
