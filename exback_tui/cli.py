"""The `exback` command: the TUI with no arguments, quick subcommands otherwise.

Subcommands never import Textual. `exback today` is meant for shell prompts
and status lines, so it skips argparse (which imports `re`), TinyDB and
dateutil: it reads the small plan file and prints one line.

Errors print one line to stderr and exit with status 2, having changed nothing.
"""

from __future__ import annotations

import sys
from datetime import date

from exback_tui import __version__
from exback_tui.paths import data_dir_text, resolve_data_dir

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    import argparse
    import os
    from pathlib import Path

    from exback_tui.domain.plan import Progress
    from exback_tui.service import ExBackService

EXIT_OK = 0
EXIT_ERROR = 2
WRITE_LOCK_WAIT = 2.0


class UsageError(Exception):
    """A command line that can't be carried out; the message says why."""


def main(argv: list[str] | None = None) -> int:
    """Run exback with `argv` (default: the process's arguments); return the exit status."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        quick = _quick_today_args(args)
        if quick is not None:
            return _today(*quick)
        return _dispatch(args)
    except UsageError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`exback today --json | head -1`): not an error.
        # Point stdout at /dev/null so the interpreter's final flush stays quiet.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _fail(message: str) -> int:
    from exback_tui.domain.text import printable

    print(f"exback: {printable(message)}", file=sys.stderr)
    return EXIT_ERROR


def _quick_today_args(args: list[str]) -> tuple[str, str] | None:
    """(data dir, format) for a plain `exback today` line, or None to use argparse."""
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


# Subcommands ------------------------------------------------------------------


def _service(data_dir: Path) -> ExBackService:
    from exback_tui.service import ExBackService

    return ExBackService(data_dir)


def _today(data_dir: str | os.PathLike[str], output: str) -> int:
    from exback_tui.domain.status import status_for
    from exback_tui.store.errors import StoreError
    from exback_tui.store.snapshot import read_plan_state

    today = date.today()
    try:
        plan, checkins = read_plan_state(data_dir)
    except StoreError as error:
        return _fail(str(error))
    status = status_for(plan, checkins, today)
    progress = status.progress
    if progress is None:
        if output == "json":
            _print_json({"started": False, "today": today.isoformat()})
        elif output == "short":
            print("NC -")
        else:
            print("No contact hasn't started yet. Open exback, or run: exback start")
        return EXIT_OK
    if output == "json":
        _print_json(_progress_json(progress))
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
    return EXIT_OK


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def today_line(progress: Progress) -> str:
    """The one-line summary `exback today` prints."""
    head = f"Day {progress.day_number} of no contact: {_days(progress.days_done)} done"
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


def _progress_json(progress: Progress) -> dict[str, object]:
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


def _print_json(data: dict[str, object]) -> None:
    import json

    print(json.dumps(data, indent=2))


def _open_for_write(data_dir: Path) -> ExBackService:
    return _service(data_dir).open(for_tui=False, wait=WRITE_LOCK_WAIT)


def _require_started(data_dir: Path, today: date) -> None:
    """Refuse a change that needs a plan before creating the data folder or its lock.

    The service checks again under the lock; this only keeps a refused command
    from leaving a new folder and lock file behind.
    """
    from exback_tui.domain.errors import InvalidInput

    if _service(data_dir).read_status(today).plan is None:
        raise InvalidInput("No contact hasn't been started yet. Run: exback start", "plan")


def _parse_date_arg(text: str, today: date, option: str) -> date:
    from exback_tui.domain.dates import parse_date
    from exback_tui.domain.errors import InvalidInput

    try:
        return parse_date(text, today, field=option)
    except InvalidInput as error:
        raise UsageError(f"{option}: {error}") from None


def _start(args: argparse.Namespace, data_dir: Path) -> int:
    today = date.today()
    start = today if args.on is None else _parse_date_arg(args.on, today, "--on")
    breakup = None if args.breakup is None else _parse_date_arg(args.breakup, today, "--breakup")
    with _open_for_write(data_dir) as service:
        if service.status(today).plan is None:
            from exback_tui.domain.plan import DEFAULT_TARGET_DAYS

            status = service.begin(today, start, args.target or DEFAULT_TARGET_DAYS, breakup)
        elif breakup is not None:
            raise UsageError("--breakup can only be given when starting for the first time")
        else:
            status = service.restart(today, start, args.target)
    assert status.progress is not None
    print(f"No contact started on {status.progress.start.isoformat()}.")
    print(today_line(status.progress))
    return EXIT_OK


def _slip(args: argparse.Namespace, data_dir: Path) -> int:
    today = date.today()
    trigger = _text_arg(args.trigger or "", "--trigger")
    _require_started(data_dir, today)
    with _open_for_write(data_dir) as service:
        before = service.status(today)
        status = service.slip(today, trigger)
    assert status.progress is not None and before.progress is not None
    print(
        f"Recorded. The {_days(before.progress.days_done)} you did are kept in your history; "
        "today is Day 1 again."
    )
    return EXIT_OK


def _checkin(args: argparse.Namespace, data_dir: Path) -> int:
    from exback_tui.domain.checkin import validate_mood, validate_urge

    today = date.today()
    trigger = _text_arg(args.trigger or "", "--trigger")
    mood, urge = _int_arg(args.mood, "--mood"), _int_arg(args.urge, "--urge")
    validate_mood(mood)
    validate_urge(urge)
    _require_started(data_dir, today)
    with _open_for_write(data_dir) as service:
        before = service.status(today)
        status = service.check_in(today, mood, urge, args.contacted, trigger)
    verb = "updated" if before.checkin_today is not None else "saved"
    print(f"Check-in {verb} for {today.isoformat()}: mood {mood}, urge {urge}.")
    slipped = (
        status.progress is not None
        and before.progress is not None
        and status.progress.attempts > before.progress.attempts
    )
    if slipped:
        print("Contact recorded as a slip: your count starts again today; your history is kept.")
    return EXIT_OK


def _int_arg(text: str, option: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise UsageError(f"{option} needs a whole number, not {text!r}") from None


def _text_arg(text: str, option: str) -> str:
    # Bytes that are not UTF-8 reach argv as lone surrogates; refuse them
    # rather than store text that no longer means what was typed.
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        raise UsageError(f"{option} is not valid UTF-8 text")
    return text


# Argument parsing ---------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser for every subcommand."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # type: ignore[override]
            raise UsageError(f"{message} (see: {self.prog} --help)")

    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where exback keeps its data (default: $EXBACK_DATA_DIR or your user data folder)",
    )
    parser = Parser(
        prog="exback",
        description="A calm coach for the no-contact program. With no command, opens the app.",
        parents=[data_dir],
    )
    parser.add_argument("--version", action="version", version=f"exback {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    today = commands.add_parser(
        "today", parents=[data_dir], help="print the no-contact day count in one line"
    )
    shape = today.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print the figures as JSON")
    shape.add_argument("--short", action="store_true", help="print e.g. 'NC 12/30'")

    start = commands.add_parser("start", parents=[data_dir], help="start (or restart) no contact")
    start.add_argument("--on", metavar="DATE", help="the first day (default: today)")
    start.add_argument(
        "--target",
        metavar="DAYS",
        type=_target_type,
        help="days to aim for (21 or more; 30 by default)",
    )
    start.add_argument("--breakup", metavar="DATE", help="the day you broke up (first start only)")

    slip = commands.add_parser(
        "slip", parents=[data_dir], help="record that you contacted them (the count restarts)"
    )
    slip.add_argument(
        "--trigger", "--note", metavar="TEXT", help="what led to it, kept in your history"
    )

    checkin = commands.add_parser("checkin", parents=[data_dir], help="today's check-in")
    checkin.add_argument("--mood", metavar="N", required=True, help="how you feel, 1 to 5")
    checkin.add_argument("--urge", metavar="N", required=True, help="urge to contact, 0 to 10")
    checkin.add_argument(
        "--contacted", action="store_true", help="you contacted them today (records a slip)"
    )
    checkin.add_argument("--trigger", metavar="TEXT", help="with --contacted: what led to it")
    return parser


def _target_type(text: str) -> int:
    from exback_tui.domain.errors import InvalidInput
    from exback_tui.domain.plan import validate_target

    try:
        return validate_target(int(text))
    except ValueError as error:
        if isinstance(error, InvalidInput):
            raise UsageError(f"--target: {error}") from None
        raise UsageError(f"--target needs a whole number of days, not {text!r}") from None


def _dispatch(args: list[str]) -> int:
    from exback_tui.domain.errors import InvalidInput
    from exback_tui.store.errors import StoreError

    namespace = build_parser().parse_args(args)
    data_dir = resolve_data_dir(getattr(namespace, "data_dir", None))
    handlers = {"start": _start, "slip": _slip, "checkin": _checkin}
    try:
        if namespace.command is None:
            return run_tui(data_dir)
        if namespace.command == "today":
            output = "json" if namespace.json else "short" if namespace.short else "text"
            return _today(data_dir, output)
        return handlers[namespace.command](namespace, data_dir)
    except (InvalidInput, StoreError) as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(f"{error.filename or data_dir}: {error.strerror or error}")


def run_tui(data_dir: Path) -> int:
    """Open the app on `data_dir`: lock first, then check the files, then start Textual."""
    service = _service(data_dir).open(for_tui=True)
    try:
        from exback_tui.app import ExBackApp

        ExBackApp(service).run()
    finally:
        service.close()
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
