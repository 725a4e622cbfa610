"""`exback week`, `exback report` and `exback calendar`: how far you have come, from the shell.

All three read without the lock (a running app doesn't stop them) and write
only their own output file, 0600, through the same path as `exback export`.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from exback_tui.cli.common import date_arg, service, shown, text_arg
from exback_tui.cli.errors import OK, UsageError

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from exback_tui.domain.figures import Review


def _words(screen: str) -> Any:
    from exback_tui.material import shipped_material

    return shipped_material().text[screen]


def _review_for(data_dir: Path, today: date) -> Review:
    from exback_tui.domain.figures import REVIEW_TAG, weekly_review
    from exback_tui.domain.plan import NoContactPlan

    svc = service(data_dir)
    status = svc.read_status(today)
    if status.plan is None:
        from exback_tui.domain.errors import InvalidInput

        raise InvalidInput("No contact hasn't been started yet. Run: exback start", "plan")
    plan: NoContactPlan = status.plan
    entries = [e for e in svc.read_entries() if e.deleted is None]
    program = svc.read_program()
    return weekly_review(
        plan,
        today,
        status.checkins,
        [e.day for e in entries],
        [e.day for e in entries if REVIEW_TAG in e.tags],
        program.hard_dates,
        program.urges,
    )


def week(args: argparse.Namespace, data_dir: Path) -> int:
    """Print the last seven days against the seven before (the weekly review's figures)."""
    today = date.today()
    review = _review_for(data_dir, today)
    if args.json:
        # ASCII only: a hard date's name can't steer the terminal (C1 controls, bidi
        # overrides are written as \u escapes), and the JSON still reads back the same.
        print(json.dumps(review.as_dict(), ensure_ascii=True, indent=2))
        return OK
    from exback_tui.report import review_lines

    print("\n".join(review_lines(_words("review"), review)))
    return OK


def report(args: argparse.Namespace, data_dir: Path) -> int:
    """Write the report to share (Markdown or self-contained HTML), or print it."""
    today = date.today()
    since = None if args.since is None else date_arg(args.since, today, "--since")
    tag = None if args.with_entries is None else text_arg(args.with_entries, "--with-entries")
    if tag is not None and not tag.strip():
        raise UsageError("--with-entries needs a tag name")
    data = build_report(data_dir, today, args.format, since, tag.strip() if tag else None)
    if args.output is None or args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return OK
    target = write_output(data_dir, args.output, data)
    print(str(_words("report")["report_written"]).format(path=shown(target)))
    return OK


def build_report(
    data_dir: Path, today: date, report_format: str, since: date | None, tag: str | None
) -> bytes:
    """The report's bytes for the data in `data_dir` (read without the lock)."""
    from exback_tui.material import shipped_material
    from exback_tui.report import write_report_for

    svc = service(data_dir)
    status = svc.read_status(today)
    entries = svc.read_entries()
    urges = svc.read_program().urges
    return write_report_for(
        shipped_material(),
        status.plan,
        status.checkins,
        entries,
        urges,
        today,
        report_format,
        since,
        tag,
    )


def calendar(args: argparse.Namespace, data_dir: Path) -> int:
    """Write the hard dates and the coming milestones as an iCalendar file."""
    from datetime import UTC, datetime

    from exback_tui.calendar_file import calendar_ics
    from exback_tui.domain.figures import coming_milestones
    from exback_tui.material import shipped_material

    today = date.today()
    svc = service(data_dir)
    plan = svc.read_status(today).plan
    titles = shipped_material().milestones
    coming = []
    if plan is not None:
        keys = {days: key for days, key in _milestone_keys(plan.target_days)}
        coming = [
            (days, on, titles[keys[days]].title) for days, on in coming_milestones(plan, today)
        ]
    data, events = calendar_ics(
        svc.read_program().hard_dates, coming, _words("report"), today, datetime.now(UTC)
    )
    if args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return OK
    target = write_output(data_dir, args.output, data)
    print(str(_words("report")["calendar_written"]).format(count=events, path=shown(target)))
    return OK


def _milestone_keys(target_days: int) -> list[tuple[int, str]]:
    from exback_tui.domain.plan import milestones

    return [(mark.days, mark.key) for mark in milestones(target_days)]


def write_output(data_dir: Path, output: str, data: bytes) -> Path:
    """Write `data` to the file the person named, through the export's safe write.

    Private (0600), replaced whole or not at all; a FIFO, a device or
    `/dev/stdout` is written into, never replaced; a target in the data
    folder, by any name, is refused (`ExBackService.write_export`).
    """
    from pathlib import Path

    from exback_tui.service import WriteFailed, WriteUnconfirmed

    target = Path(text_arg(output, "--output")).expanduser()
    if target.is_dir():
        raise UsageError(f"--output: {shown(target)} is a folder; give a file name")
    if os.path.realpath(target).startswith(os.path.realpath(data_dir).rstrip(os.sep) + os.sep):
        raise UsageError(
            f"--output: {shown(target)} is in exback's data folder; choose another place"
        )
    try:
        service(data_dir).write_export(target, data)
    except WriteUnconfirmed:
        raise UsageError(f"Wrote {shown(target)}, but the disk did not confirm it.") from None
    except WriteFailed as error:
        reason = error.error.strerror or str(error.error)
        raise UsageError(
            f"Couldn't write {shown(target)}: {reason}. Nothing was written."
        ) from None
    return target
