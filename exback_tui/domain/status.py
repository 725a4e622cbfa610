"""The user's day at a glance: the plan, its progress and today's check-in."""

from __future__ import annotations

from exback_tui.domain import checkin as checkins_mod
from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.datetypes import date
from exback_tui.domain.plan import NoContactPlan, Progress
from exback_tui.domain.record import Record

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False


class Status(Record, fields="today plan progress checkin_today checkins"):
    """Everything the dashboard and `exback today` show for one day."""

    __slots__ = ()

    if TYPE_CHECKING:
        today: date
        plan: NoContactPlan | None
        progress: Progress | None
        checkin_today: CheckIn | None
        checkins: tuple[CheckIn, ...]


def status_for(plan: NoContactPlan | None, checkins: tuple[CheckIn, ...], today: date) -> Status:
    """The status on `today` of a plan (None before onboarding) and its check-ins."""
    latest_checkin = checkins[-1].on if checkins else None
    progress = None if plan is None else plan.progress(today, latest_checkin)
    return Status(today, plan, progress, checkins_mod.for_date(checkins, today), checkins)
