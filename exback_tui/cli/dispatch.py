"""`main`: the lean `exback today` path when it applies, else argparse and a handler.

Importing this module costs next to nothing: everything past `exback today`
is imported once it is known to be needed.
"""

from __future__ import annotations

import sys

from exback_tui.cli.errors import OK, UsageError, fail, fail_for
from exback_tui.exit_codes import INTERRUPTED

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from pathlib import Path

    Handler = Callable[[argparse.Namespace, Path], int]


def main(argv: list[str] | None = None) -> int:
    """Run exback with `argv` (default: the process's arguments); return the exit status."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        from exback_tui.cli.today import quick_today_args, run_today

        quick = quick_today_args(args)
        if quick is not None:
            return run_today(*quick)
        return _dispatch(args)
    except UsageError as error:
        return fail(str(error))
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`exback today --json | head -1`): not an error.
        # Point stdout at /dev/null so the interpreter's final flush stays quiet.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return OK


def _dispatch(args: list[str]) -> int:
    opened = _app_only(args)
    if opened is not None:
        return _open_app(opened[0])
    from exback_tui.cli import check, completion, journal, plan, progress, settings, transfer
    from exback_tui.cli.common import say_if_tightened
    from exback_tui.cli.parser import build_parser, refuse_lost_values
    from exback_tui.paths import resolve_data_dir

    namespace = build_parser().parse_args(args)
    refuse_lost_values(namespace)
    data_dir = resolve_data_dir(getattr(namespace, "data_dir", None))
    handlers: dict[str, Handler] = {
        "start": plan.start,
        "slip": plan.slip,
        "checkin": plan.checkin,
        "settings": settings.settings,
        "export": transfer.export,
        "import": transfer.import_,
        "week": progress.week,
        "report": progress.report,
        "calendar": progress.calendar,
        "completion": completion.print_script,
        "check": check.run_check,
        "journal add": journal.add,
        "journal list": journal.list_entries,
        "journal search": journal.search,
    }
    try:
        return _run(namespace, data_dir, handlers)
    finally:
        say_if_tightened()


def _app_only(args: list[str]) -> tuple[str | None] | None:
    """For `exback` alone or `exback --data-dir DIR`: (DIR or None); else None.

    Only these plain spellings: anything else (an abbreviated option, a value
    starting with `-`) goes through the parser, which has the last word.
    """
    if not args:
        return (None,)
    if len(args) == 2 and args[0] == "--data-dir" and not args[1].startswith("-"):
        return (args[1],)
    if len(args) == 1 and args[0].startswith("--data-dir="):
        return (args[0].removeprefix("--data-dir="),)
    return None


def _open_app(data_dir_arg: str | None) -> int:
    """The app, without building the parser and importing every subcommand (about
    8 ms of the first paint) only to learn that there is none."""
    from exback_tui.cli import tui
    from exback_tui.cli.common import say_if_tightened
    from exback_tui.paths import resolve_data_dir

    data_dir = resolve_data_dir(data_dir_arg)
    try:
        return _guarded(lambda: tui.run_tui(data_dir), data_dir)
    finally:
        say_if_tightened()


def _run(namespace: argparse.Namespace, data_dir: Path, handlers: dict[str, Handler]) -> int:
    from exback_tui.cli import tui
    from exback_tui.cli.today import run_today

    def run() -> int:
        if namespace.command is None:
            return tui.run_tui(data_dir)
        if namespace.command == "today":
            output = "json" if namespace.json else "short" if namespace.short else "text"
            return run_today(data_dir, output)
        if namespace.command == "journal":
            if namespace.action is None:
                raise UsageError("journal needs add, list or search (see: exback journal --help)")
            return handlers[f"journal {namespace.action}"](namespace, data_dir)
        return handlers[namespace.command](namespace, data_dir)

    return _guarded(run, data_dir)


def _guarded(run: Callable[[], int], data_dir: Path) -> int:
    """`run()`'s status; a refused input or an unreadable file said on stderr instead."""
    from exback_tui.domain.errors import InvalidInput
    from exback_tui.service import StoreError

    try:
        return run()
    except (InvalidInput, StoreError) as error:
        return fail_for(error)
    except BrokenPipeError:
        raise  # a reader that went away is not an error: main() ends quietly
    except OSError as error:
        return fail(f"{error.filename or data_dir}: {error.strerror or error}")
