"""`exback start`, `exback slip` and `exback checkin`: changes to the plan file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exback_tui.cli.common import (
    date_arg,
    int_arg,
    open_for_write,
    require_started,
    service,
    text_arg,
)
from exback_tui.cli.errors import OK, UsageError
from exback_tui.cli.errors import today as clock_today
from exback_tui.cli.today import days, today_line

if TYPE_CHECKING:
    import argparse
    from pathlib import Path


def start(args: argparse.Namespace, data_dir: Path) -> int:
    """Start no contact (the first time, or again: the history is kept)."""
    today = clock_today()
    first_day = today if args.on is None else date_arg(args.on, today, "--on")
    breakup = None if args.breakup is None else date_arg(args.breakup, today, "--breakup")
    if service(data_dir).read_status(today).plan is None:
        # A first start is checked before the data folder is opened (or created),
        # so a refused one leaves no folder or lock file behind.
        from exback_tui.domain.plan import DEFAULT_TARGET_DAYS, NoContactPlan, check_breakup_date

        if breakup is not None:
            check_breakup_date(breakup, today)
        NoContactPlan.begin(first_day, today, args.target or DEFAULT_TARGET_DAYS, breakup)
    with open_for_write(data_dir) as opened:
        if opened.status(today).plan is None:
            from exback_tui.domain.plan import DEFAULT_TARGET_DAYS

            target = args.target or DEFAULT_TARGET_DAYS
            status = opened.begin(today, first_day, target, breakup)
        elif breakup is not None:
            raise UsageError("--breakup can only be given when starting for the first time")
        else:
            status = opened.restart(today, first_day, args.target)
    assert status.progress is not None
    print(f"No contact started on {status.progress.start.isoformat()}.")
    print(today_line(status.progress))
    return OK


def slip(args: argparse.Namespace, data_dir: Path) -> int:
    """Record that the user contacted them: the count restarts, the history is kept."""
    today = clock_today()
    trigger = text_arg(args.trigger or "", "--trigger")
    require_started(data_dir, today)
    with open_for_write(data_dir) as opened:
        before = opened.status(today)
        status = opened.slip(today, trigger)
    assert status.progress is not None and before.progress is not None
    print(
        f"Recorded. The {days(before.progress.days_done)} you did are kept in your history; "
        "today is Day 1 again."
    )
    return OK


def checkin(args: argparse.Namespace, data_dir: Path) -> int:
    """Save today's check-in (contact recorded as a slip)."""
    from exback_tui.domain.checkin import validate_mood, validate_urge

    today = clock_today()
    trigger = text_arg(args.trigger or "", "--trigger")
    mood, urge = int_arg(args.mood, "--mood"), int_arg(args.urge, "--urge")
    validate_mood(mood)
    validate_urge(urge)
    require_started(data_dir, today)
    with open_for_write(data_dir) as opened:
        before = opened.status(today)
        status = opened.check_in(today, mood, urge, args.contacted, trigger)
    verb = "updated" if before.checkin_today is not None else "saved"
    print(f"Check-in {verb} for {today.isoformat()}: mood {mood}, urge {urge}.")
    slipped = (
        status.progress is not None
        and before.progress is not None
        and status.progress.attempts > before.progress.attempts
    )
    if slipped:
        print("Contact recorded as a slip: your count starts again today; your history is kept.")
    return OK
