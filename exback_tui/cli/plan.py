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
    from datetime import date
    from pathlib import Path

    from exback_tui.domain.plan import Attempt


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
    if args.undo and args.trigger is not None:
        raise UsageError("--undo takes back today's slip; it takes no --trigger")
    require_started(data_dir, today)
    if args.undo:
        with open_for_write(data_dir) as opened:
            status = opened.undo_slip(today)
        assert status.progress is not None
        print("Today's slip is taken back; your attempt is as it was.")
        print(today_line(status.progress))
        return OK
    with open_for_write(data_dir) as opened:
        before = opened.status(today)
        status = opened.slip(today, trigger)
    assert status.progress is not None and before.progress is not None
    if status.progress.attempts == before.progress.attempts:
        print("Recorded with today's earlier slip; today is still Day 1.")
        return OK
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
    on = today if args.on is None else date_arg(args.on, today, "--on")
    validate_mood(mood)
    validate_urge(urge)
    require_started(data_dir, today)
    with open_for_write(data_dir) as opened:
        before = opened.status(today)
        if on != today and args.contacted:
            old, new = opened.preview_check_in(today, on, True, trigger)
            if old != new:
                print_history_change(old.attempts, new.attempts, today)
                if not args.yes:
                    raise UsageError("nothing was changed; add --yes to make this change")
        had = any(c.on == on for c in before.checkins)
        status = opened.check_in(today, mood, urge, args.contacted, trigger, on=on)
    verb = "updated" if had else "saved"
    later = " (added later)" if on != today else ""
    print(f"Check-in {verb} for {on.isoformat()}{later}: mood {mood}, urge {urge}.")
    slipped = (
        status.progress is not None
        and before.progress is not None
        and status.progress.attempts > before.progress.attempts
    )
    if slipped and on == today:
        print("Contact recorded as a slip: your count starts again today; your history is kept.")
    elif slipped:
        print(f"Contact recorded as a slip on {on.isoformat()}; your history is kept.")
        assert status.progress is not None
        print(today_line(status.progress))
    return OK


def print_history_change(
    before: tuple[Attempt, ...], after: tuple[Attempt, ...], today: date
) -> None:
    """Print which attempts a change replaces, and with what."""
    from exback_tui.domain.history import history_difference

    removed, added = history_difference(before, after)
    print("This changes your history:")
    for attempt in removed:
        print(f"  - {attempt_line(attempt, today)}")
    for attempt in added:
        print(f"  + {attempt_line(attempt, today)}")


def attempt_line(attempt: Attempt, today: date) -> str:
    """One attempt as plain text: its dates, its days, and how it ended."""
    from exback_tui.domain.text import printable

    length = days(attempt.days_done(today))
    if attempt.end is None:
        return f"from {attempt.start.isoformat()}, running ({length} so far)"
    how = "ended by contact" if attempt.ended_by == "slip" else "ended by a restart"
    trigger = f": {printable(attempt.trigger)}" if attempt.trigger else ""
    return f"{attempt.start.isoformat()} to {attempt.end.isoformat()} ({length}), {how}{trigger}"
