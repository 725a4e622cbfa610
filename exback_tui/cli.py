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

    from exback_tui.domain.journal import Entry
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
    from exback_tui.store.plan.snapshot import read_plan_state

    today = date.today()
    try:
        plan, checkins = read_plan_state(data_dir)
    except StoreError as error:
        return _fail(str(error))
    except OSError as error:  # the data folder is a file, or can't be read
        return _fail(f"{error.filename or data_dir}: {error.strerror or error}")
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
    if _service(data_dir).read_status(today).plan is None:
        # A first start is checked before the data folder is opened (or created),
        # so a refused one leaves no folder or lock file behind.
        from exback_tui.domain.plan import DEFAULT_TARGET_DAYS, NoContactPlan, check_breakup_date

        if breakup is not None:
            check_breakup_date(breakup, today)
        NoContactPlan.begin(start, today, args.target or DEFAULT_TARGET_DAYS, breakup)
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


# The journal ---------------------------------------------------------------------

LIST_TITLE_CELLS = 60


def _journal_add(args: argparse.Namespace, data_dir: Path) -> int:
    from datetime import datetime

    from exback_tui.domain.errors import InvalidInput
    from exback_tui.domain.journal import check_mood, check_text, check_title, normalise_tags

    text = _stdin_text() if args.text == "-" else _text_arg(args.text, "TEXT")
    title = _text_arg(args.title or "", "--title")
    tags = [_text_arg(tag, "--tag") for tag in args.tag or ()]
    mood = None if args.mood is None else _int_arg(args.mood, "--mood")
    # Everything is checked before the data folder is opened (or created).
    check_text(text)
    check_title(title)
    check_mood(mood)
    normalise_tags(tags)
    if not text.strip() and not title.strip():
        raise InvalidInput("The entry is empty, so nothing was saved.", "text")
    now = datetime.now().astimezone()
    with _open_for_write(data_dir) as service:
        entry = service.add_entry(now, text, title=title, mood=mood, tags=tags)
    when = entry.created
    print(f"Saved entry of {when.day} {when:%b %Y, %H:%M}.")
    return EXIT_OK


def _stdin_text() -> str:
    """The entry text on standard input, which must be UTF-8."""
    from exback_tui.domain.journal import MAX_TEXT_CHARS

    # Read no more than the longest text allowed could take, so a runaway pipe
    # is refused without being held in memory.
    limit = 4 * MAX_TEXT_CHARS + 4
    raw = sys.stdin.buffer.read(limit + 1) if sys.stdin is not None else b""
    if len(raw) > limit:
        raise UsageError(
            f"An entry can hold up to {MAX_TEXT_CHARS:,} characters; the text on standard "
            "input is longer. Nothing was saved: split it into two entries."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UsageError(
            f"the text on standard input is not valid UTF-8 (byte {error.start}); nothing was saved"
        ) from None
    return text.removeprefix("\ufeff")


def _read_entries(data_dir: Path) -> list[Entry]:
    """Every journal entry, read without the lock (a running app may hold it)."""
    from exback_tui.store.journal.store import read_journal

    return read_journal(data_dir)


def _journal_list(args: argparse.Namespace, data_dir: Path) -> int:
    from exback_tui.domain.journal import newest_first, normalise_tags, select

    today = date.today()
    tag = None
    if args.tag is not None:
        tags = normalise_tags([_text_arg(args.tag, "--tag")])
        if len(tags) != 1:
            raise UsageError("--tag takes one tag")
        tag = tags[0]
    since = None if args.since is None else _parse_date_arg(args.since, today, "--since")
    chosen = select(newest_first(_read_entries(data_dir)), tag=tag, since=since)
    return _print_entries(chosen, as_json=args.json, none="No journal entries yet.")


def _journal_search(args: argparse.Namespace, data_dir: Path) -> int:
    from exback_tui.domain.journal import newest_first, select

    query = " ".join(_text_arg(word, "WORDS") for word in args.words)
    if not query.strip():
        raise UsageError("journal search needs at least one word")
    chosen = select(newest_first(_read_entries(data_dir)), query=query)
    return _print_entries(chosen, as_json=args.json, none="No entries match.")


def _print_entries(entries: list[Entry], *, as_json: bool, none: str) -> int:
    if as_json:
        import orjson

        from exback_tui.store.export import terminal_safe_json
        from exback_tui.store.journal.records import entry_doc

        raw = orjson.dumps([entry_doc(e) for e in entries], option=orjson.OPT_INDENT_2)
        sys.stdout.flush()
        sys.stdout.buffer.write(terminal_safe_json(raw) + b"\n")
        sys.stdout.buffer.flush()
        return EXIT_OK
    if not entries:
        print(none)
        return EXIT_OK
    if hasattr(sys.stdout, "reconfigure"):
        # A terminal that can't show an emoji gets "?" rather than a traceback.
        sys.stdout.reconfigure(errors="replace")
    print("\n".join(entry_line(entry) for entry in entries))
    return EXIT_OK


def entry_line(entry: Entry) -> str:
    """One entry as a line for `exback journal list`: when, title or first line, tags.

    User text has its control characters removed and is cut to a readable length.
    """
    from exback_tui.domain.text import printable

    when = entry.created.strftime("%Y-%m-%d %H:%M")
    title = shorten(printable(entry.first_line[: 4 * LIST_TITLE_CELLS]).strip(), LIST_TITLE_CELLS)
    line = f"{when}  {title or '(empty)'}"
    if entry.tags:
        tags = " ".join(f"#{tag}" for tag in entry.tags)
        line += "  " + shorten(printable(tags).strip(), LIST_TITLE_CELLS // 2)
    return line


def _char_cells(char: str) -> int:
    import unicodedata

    if unicodedata.combining(char) or char in "\u200d\ufe0e\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def shorten(text: str, cells: int) -> str:
    """`text` cut to at most about `cells` terminal cells, ending in "…" if it was cut."""
    if sum(_char_cells(c) for c in text) <= cells:
        return text
    used = 0
    kept = []
    for char in text:
        width = _char_cells(char)
        if used + width > cells - 1:
            break
        kept.append(char)
        used += width
    # A joiner left at the cut would glue the "…" to a half emoji.
    return "".join(kept).rstrip("\u200d\ufe0e\ufe0f ") + "…"


# Export and import -----------------------------------------------------------------


def _export(args: argparse.Namespace, data_dir: Path) -> int:
    # Read without the lock, so a running app doesn't stop an export.
    if args.format == "json":
        from exback_tui.store.export import folder_export

        data = folder_export(data_dir)
    else:
        from exback_tui.domain.journal import markdown_export

        data = markdown_export(_read_entries(data_dir)).encode("utf-8")
    if args.output is None or args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    from pathlib import Path

    from exback_tui.store.errors import WriteFailed, WriteUnconfirmed
    from exback_tui.store.files import atomic_write

    target = Path(_text_arg(args.output, "--output")).expanduser()
    if target.is_dir():
        raise UsageError(f"--output: {target} is a folder; give a file name")
    try:
        # A private temp file renamed into place: 0600 whatever the umask, and
        # an existing file is replaced whole or not at all.
        atomic_write(target, data)
    except WriteUnconfirmed:
        raise UsageError(f"Wrote {target}, but the disk did not confirm it.") from None
    except WriteFailed as error:
        reason = error.error.strerror or str(error.error)
        raise UsageError(f"Couldn't write {target}: {reason}. Nothing was written.") from None
    print(f"Exported to {_shown(target)} (readable only by you).")
    return EXIT_OK


def _shown(path: object) -> str:
    from exback_tui.domain.text import printable

    return printable(str(path))


def _import(args: argparse.Namespace, data_dir: Path) -> int:
    from pathlib import Path

    from exback_tui.store.export import BadExport, parse_export

    source = _text_arg(args.file, "FILE")
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).expanduser().read_bytes()
    except OSError as error:
        raise UsageError(f"Can't read {source}: {error.strerror or error}") from None
    # Checked before the data folder is opened (or created): a bad file changes nothing.
    try:
        tables, entries = parse_export(raw)
    except BadExport as error:
        raise UsageError(f"{source} can't be imported: {error}. Nothing was changed.") from None
    with _open_for_write(data_dir) as service:
        service.journal  # noqa: B018 - a damaged journal stops the import before the plan is written
        plan_imported, added, present = service.import_json(raw)
    print(f"Imported {_count(added, 'journal entry', 'journal entries')}", end="")
    print(f" ({present} already here)." if present else ".")
    if plan_imported:
        print("Imported the no-contact plan and check-ins.")
    elif tables is not None:
        print("The plan in the file was not imported: this folder already has one.")
    return EXIT_OK


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one}" if number == 1 else f"{number} {many}"


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

    journal = commands.add_parser("journal", parents=[data_dir], help="write and read the journal")
    actions = journal.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    add = actions.add_parser("add", parents=[data_dir], help="save a new entry")
    add.add_argument("text", metavar="TEXT", help="the entry (- reads it from standard input)")
    add.add_argument("--title", metavar="T", help="a one-line title")
    add.add_argument("--mood", metavar="N", help="how you feel, 1 to 5")
    add.add_argument("--tag", metavar="TAG", action="append", help="a tag (repeat for more)")
    listing = actions.add_parser("list", parents=[data_dir], help="list entries, newest first")
    listing.add_argument("--tag", metavar="T", help="only entries with this tag")
    listing.add_argument("--since", metavar="DATE", help="only entries written on or after DATE")
    listing.add_argument("--json", action="store_true", help="print the full entries as JSON")
    search = actions.add_parser(
        "search", parents=[data_dir], help="entries containing all the words"
    )
    search.add_argument("words", metavar="WORDS", nargs="+", help="words to look for")
    search.add_argument("--json", action="store_true", help="print the full entries as JSON")

    export = commands.add_parser(
        "export", parents=[data_dir], help="the journal as Markdown, or everything as JSON"
    )
    export.add_argument(
        "--format",
        choices=("md", "json"),
        default="md",
        help="md: the journal as one readable document (default); json: everything",
    )
    export.add_argument(
        "--output", metavar="FILE", help="write to FILE (private to you) instead of the screen"
    )

    importing = commands.add_parser("import", parents=[data_dir], help="read a JSON export back in")
    importing.add_argument("file", metavar="FILE", help="a file from exback export --format json")
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


def _refuse_lost_values(namespace: argparse.Namespace) -> None:
    """Refuse an option whose value argparse lost.

    Python 3.11's argparse drops a value of exactly "--" (`--mood=--`), leaving
    an empty list where a string belongs, and skips the option's type check.
    """
    for name, value in vars(namespace).items():
        if isinstance(value, list) and (not value or any(isinstance(v, list) for v in value)):
            option = "WORDS" if name == "words" else "--" + name.replace("_", "-")
            raise UsageError(f"{option} needs a value (see: exback --help)")


def _dispatch(args: list[str]) -> int:
    from exback_tui.domain.errors import InvalidInput
    from exback_tui.store.errors import StoreError

    namespace = build_parser().parse_args(args)
    _refuse_lost_values(namespace)
    data_dir = resolve_data_dir(getattr(namespace, "data_dir", None))
    handlers = {
        "start": _start,
        "slip": _slip,
        "checkin": _checkin,
        "export": _export,
        "import": _import,
        "journal add": _journal_add,
        "journal list": _journal_list,
        "journal search": _journal_search,
    }
    try:
        if namespace.command is None:
            return run_tui(data_dir)
        if namespace.command == "today":
            output = "json" if namespace.json else "short" if namespace.short else "text"
            return _today(data_dir, output)
        if namespace.command == "journal":
            if namespace.action is None:
                raise UsageError("journal needs add, list or search (see: exback journal --help)")
            return handlers[f"journal {namespace.action}"](namespace, data_dir)
        return handlers[namespace.command](namespace, data_dir)
    except (InvalidInput, StoreError) as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(f"{error.filename or data_dir}: {error.strerror or error}")


def run_tui(data_dir: Path) -> int:
    """Open the app on `data_dir`: lock first, then check the files, then start Textual.

    A data file that can't be read (damaged, or written by a newer exback)
    doesn't end it with a bare exit: a small screen says what is wrong and
    where, and offers to start fresh (the file moved aside, whole) or to quit
    (status 2, nothing changed). Without a terminal to ask on, the problem
    is printed and the status is 2. Another exback already open ends it with
    status 2 before Textual is even imported.
    """
    from exback_tui.store.errors import DamagedFile, NewerSchema

    offered: set[Path] = set()
    notes: list[str] = []
    while True:
        service = _service(data_dir)
        try:
            service.open(for_tui=True)
            # Small, and the app reads it first thing: a damaged one is offered here too.
            service.program()
        except (DamagedFile, NewerSchema) as problem:
            service.close()
            if problem.path in offered or not _on_a_terminal():
                raise  # no one to ask, or moved aside yet unreadable again: say it and stop
            offered.add(problem.path)
            aside = _offer_fresh_start(data_dir, problem)
            if aside is None:
                return _fail(str(problem))
            from exback_tui.screens.damaged import moved_message

            notes.append(moved_message(problem, aside))
            continue
        break
    try:
        from exback_tui.app import ExBackApp

        app = ExBackApp(service)
        for note in notes:
            app.notify(note, markup=False, timeout=20)
        app.run()
    finally:
        service.close()
    return app.return_code or EXIT_OK


def _on_a_terminal() -> bool:
    """Whether a person can answer a question on screen (stdin and stdout are a terminal)."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def _offer_fresh_start(data_dir: Path, problem: Exception) -> Path | None:
    """Ask, holding the lock, whether to start fresh; where the file went, or None to quit."""
    from exback_tui.store.lock import DataLock

    with DataLock(data_dir, for_tui=True).acquire():
        from exback_tui.screens.damaged import DamagedFileApp

        return DamagedFileApp(problem).run()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
