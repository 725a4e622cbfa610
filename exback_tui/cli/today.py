"""`exback today`: the day count in one line, fast enough for a shell prompt.

Its budget is 1.6x a bare `python -c pass`, so this path imports neither
argparse nor the service (which pulls in `typing`, hence `re`), TinyDB,
dateutil, `dataclasses` or `pathlib`: it reads the small plan file through
the store's lean reader (`store.plan.snapshot`) and prints one line. This
module is the one exception to "only the service imports the store"
(tests/test_layers.py names it).
"""

from __future__ import annotations

import sys

from exback_tui.cli.errors import CLOCK_WRONG, OK, UsageError, fail, fail_for
from exback_tui.domain.datetypes import date
from exback_tui.paths import data_dir_text

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    import os

    from exback_tui.domain.plan import Progress

OUTPUTS = ("text", "json", "short")


def quick_today_args(args: list[str]) -> tuple[str, str] | None:
    """(data dir, output) for a plain `exback today` line, or None to use argparse."""
    if not args or "today" not in args:
        return None
    data_dir: str | None = None
    output = "text"
    rest = list(args)
    rest.remove("today")
    while rest:
        arg = rest.pop(0)
        if arg == "--data-dir" and rest:
            data_dir = rest.pop(0)
        elif arg.startswith("--data-dir="):
            data_dir = arg.partition("=")[2]
        elif arg in ("--json", "--short") and output == "text":
            output = arg[2:]
        else:
            return None
    if args.index("today") != _subcommand_index(args):
        return None
    return data_dir_text(data_dir), output


def _subcommand_index(args: list[str]) -> int:
    index = 0
    while index < len(args) and args[index].startswith("-"):
        index += 2 if args[index] == "--data-dir" else 1
    return index


def run_today(data_dir: str | os.PathLike[str], output: str) -> int:
    """Print today's line for the plan in `data_dir` ("text", "json" or "short"); the status."""
    from exback_tui.domain.status import status_for
    from exback_tui.store.errors import StoreError
    from exback_tui.store.plan.snapshot import read_plan_state
    from exback_tui.store.reading import tighten, tightened_note

    try:
        today = date.today()
    except (OverflowError, OSError, ValueError):  # a clock past 2262 (see errors.today)
        raise UsageError(CLOCK_WRONG) from None
    if tighten(data_dir):
        print(f"exback: {tightened_note(data_dir)}", file=sys.stderr)
    try:
        plan, checkins = read_plan_state(data_dir)
    except StoreError as error:
        return fail_for(error)
    except OSError as error:  # the data folder is a file, or can't be read
        return fail(f"{error.filename or data_dir}: {error.strerror or error}")
    status = status_for(plan, checkins, today)
    progress = status.progress
    if progress is None:
        if output == "json":
            print_json({"started": False, "today": today.isoformat()})
        elif output == "short":
            print("NC -")
        else:
            print("No contact hasn't started yet. Open exback, or run: exback start")
        return OK
    if output == "json":
        print_json(progress_json(progress))
    elif output == "short":
        print(f"NC {progress.day_number}/{progress.target_days}")
    else:
        print(today_line(progress))
    if progress.clock_behind:
        print(
            f"exback: note: today's date ({today.isoformat()}) is earlier than your history "
            f"({progress.latest_recorded.isoformat()}); check the computer's clock.",
            file=sys.stderr,
        )
    return OK


def days(count: int) -> str:
    """ "1 day", "2 days"."""
    return f"{count} day" if count == 1 else f"{count} days"


def today_line(progress: Progress) -> str:
    """The one-line summary `exback today` prints."""
    head = f"Day {progress.day_number} of no contact: {days(progress.days_done)} done"
    target = progress.target_days
    if progress.target_met:
        return f"{head}, your {target}-day goal is reached."
    if progress.minimum_met:
        return (
            f"{head}, {progress.days_to_target} to your {target}-day goal (21-day minimum reached)."
        )
    if target == 21:
        return f"{head}, {progress.days_to_target} to your 21-day goal."
    return (
        f"{head}, {progress.days_to_target} to your {target}-day goal "
        f"({progress.days_to_minimum} to the 21-day minimum)."
    )


def progress_json(progress: Progress) -> dict[str, object]:
    """The figures `exback today --json` prints."""
    upcoming = progress.next_milestone
    return {
        "started": True,
        "today": progress.today.isoformat(),
        "start": progress.start.isoformat(),
        "day": progress.day_number,
        "days_done": progress.days_done,
        "target_days": progress.target_days,
        "days_to_target": progress.days_to_target,
        "minimum_days": 21,
        "days_to_minimum": progress.days_to_minimum,
        "current_streak": progress.current_streak,
        "longest_streak": progress.longest_streak,
        "total_days": progress.total_days,
        "attempts": progress.attempts,
        "next_milestone": None if upcoming is None else upcoming.days,
        "clock_behind": progress.clock_behind,
    }


def print_json(data: dict[str, object]) -> None:
    """Print `data` as indented JSON."""
    import json

    print(json.dumps(data, indent=2))
