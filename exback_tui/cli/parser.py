"""The argparse parser for every subcommand (all but the lean `exback today` path).

Each command's page says what it does (its description), which DATE forms it
takes where it takes a date, and one example (its epilog); `exback --help`
ends with the exit statuses from `exit_codes`. The same parser feeds the
shell completion scripts (`exback completion`).
"""

from __future__ import annotations

import argparse
import textwrap
from typing import Any, NoReturn

from exback_tui import __version__, exit_codes
from exback_tui.cli.errors import UsageError

SHELLS = ("bash", "zsh", "fish")  # what `exback completion` writes scripts for (with shtab)

WIDTH = 79  # descriptions are wrapped here; argparse wraps the option lists itself
# Each form `domain.dates.parse_date` reads, as the pages show it (a test parses each).
DATE_EXAMPLES = ("2026-11-15", "today", "yesterday", "3 days ago", "15 Nov", "Nov 15 2026")


def _quoted(form: str) -> str:
    return f"'{form}'" if " " in form else form


DATE_FORMS = (
    f"DATE can be {', '.join(map(_quoted, DATE_EXAMPLES[:-1]))} or {_quoted(DATE_EXAMPLES[-1])}.\n"
    "A numeric date that could be read two ways (03/04/2026), a two-digit year or a\n"
    "date in the future is refused, with a message saying what to type."
)

COMMANDS: dict[str, tuple[str, str]] = {
    # name: (what it does, its page's example)
    "today": (
        "Print the no-contact day count in one line (fast enough for a shell prompt).",
        "exback today --short       # NC 12/30, for a tmux status line",
    ),
    "start": (
        "Start no contact, or start again: the count restarts, every earlier attempt is kept.",
        "exback start --on '3 days ago' --target 30 --breakup 'Nov 2 2026'",
    ),
    "slip": (
        "Record that you contacted them: today is Day 1 again; the days you did stay in "
        "your history. A second slip on the same day adds its trigger to the first. "
        "--undo takes back today's slip if it was recorded by mistake.",
        "exback slip --trigger 'saw the photos from the trip'",
    ),
    "checkin": (
        "Save today's check-in: mood 1-5, urge to contact 0-10, and whether you contacted "
        "them (which records a slip). A second check-in on a day replaces the first. "
        "--on fills in or corrects one of the last 7 days (marked as added later); "
        "contact on a past day ends the attempt running then, so the change is shown "
        "and made only with --yes.",
        "exback checkin --on '3 days ago' --mood 2 --urge 6",
    ),
    "settings": (
        "Show or change your settings: the target, the breakup date, the start of the "
        "current attempt (if it was entered wrong; earlier attempts are kept), the "
        "topics where contact is allowed, the theme and the day of the weekly review. "
        "With no option it shows them.",
        "exback settings --target 45 --review-day sunday",
    ),
    "journal": (
        "Write and read the journal: add an entry, list entries, search them.",
        "exback journal add 'Walked past the cafe. Kept going.' --tag urge",
    ),
    "export": (
        "Print the journal as one Markdown document, or everything as JSON (a backup "
        "that exback import reads back).",
        "exback export --format json --output backup.json",
    ),
    "import": (
        "Read a JSON export back in: entries not already here are added, and the plan "
        "only into a folder that has none yet. A file that can't be imported changes nothing.",
        "exback import backup.json",
    ),
    "week": (
        "Print the last seven days against the seven before: check-ins, average mood and "
        "urge, urges resisted, slips and journal entries, and the hard dates in the coming "
        "week (the figures of the weekly review).",
        "exback week --json",
    ),
    "report": (
        "Write a report to share with a counsellor or a friend: the day count, the attempts "
        "and what ended them, the check-ins week by week. HTML is one file that works "
        "offline and prints well. Journal text is left out unless you name a tag to include. "
        "The file is readable only by you.",
        "exback report --format html --output report.html --since '30 days ago'",
    ),
    "calendar": (
        "Write your hard dates (every year, with a reminder the day before) and the coming "
        "milestones of this attempt as an iCalendar file any calendar app imports. The file "
        "is readable only by you.",
        "exback calendar --output exback.ics",
    ),
    "check": (
        "Check a draft first message to your ex against what the program says to avoid, "
        "and say why. If the message sounds like you may be in danger, it shows where to "
        "find help instead. Nothing is saved. Exit status 0: nothing flagged; 1: something "
        "flagged, or a message that sounds like a crisis.",
        "exback check 'hey, saw a dog just like Biscuit today'",
    ),
    "completion": (
        "Print the shell completion script for bash, zsh or fish, made from these very "
        "commands. Load it from your shell's start-up file (see the README for zsh and fish).",
        "source <(exback completion bash)     # in ~/.bashrc",
    ),
}

JOURNAL_ACTIONS: dict[str, tuple[str, str]] = {
    "add": (
        "Save a new journal entry (up to 200,000 characters). TEXT - reads it from "
        "standard input, which must be UTF-8.",
        "echo 'A hard evening, and I did not text.' | exback journal add - --mood 2",
    ),
    "list": (
        "List journal entries, newest first: date and time, the title or first line, the tags.",
        "exback journal list --tag urge --since '7 days ago'",
    ),
    "search": (
        "List the entries that contain every word (in the title, the text or a tag), "
        "ignoring case.",
        "exback journal search beach thinking",
    ),
}


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are exback's one-line errors, not argparse's usage dump.

    Descriptions and epilogs are printed as written (examples keep their lines).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: {self.prog} --help)")


def _page(example: str, *, dates: bool = False) -> str:
    """A command page's epilog: the DATE forms (if it takes a date) and its example."""
    parts = [DATE_FORMS] if dates else []
    parts.append(f"example:\n  {example}")
    return "\n\n".join(parts)


def _command(
    commands: argparse._SubParsersAction[Parser],
    name: str,
    pages: dict[str, tuple[str, str]],
    parents: list[Parser],
    *,
    summary: str,
    dates: bool = False,
) -> Parser:
    description, example = pages[name]
    return commands.add_parser(
        name,
        parents=parents,
        help=summary,
        description=textwrap.fill(description, WIDTH),
        epilog=_page(example, dates=dates),
    )


def build_parser() -> Parser:
    """The parser for `exback` and every subcommand."""
    data_dir = Parser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where exback keeps its data (default: $EXBACK_DATA_DIR or your user data folder)",
    )
    shared = [data_dir]
    parser = Parser(
        prog="exback",
        description=textwrap.fill(
            "A calm coach for the no-contact program. With no command, opens the app; "
            "the commands below work from the shell without it.",
            WIDTH,
        ),
        epilog=(
            "examples:\n"
            "  exback                      # open the app\n"
            "  exback today                # Day 12 of no contact: 11 days done, ...\n"
            "  exback COMMAND --help       # what COMMAND does, with an example\n\n"
            + exit_codes.help_text()
        ),
        parents=shared,
    )
    parser.add_argument("--version", action="version", version=f"exback {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    today = _command(
        commands, "today", COMMANDS, shared, summary="print the no-contact day count in one line"
    )
    shape = today.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print the figures as JSON")
    shape.add_argument("--short", action="store_true", help="print e.g. 'NC 12/30'")

    start = _command(
        commands, "start", COMMANDS, shared, summary="start (or restart) no contact", dates=True
    )
    start.add_argument("--on", metavar="DATE", help="the first day (default: today)")
    start.add_argument(
        "--target",
        metavar="DAYS",
        type=_target_type,
        help="days to aim for (21 or more; 30 by default)",
    )
    start.add_argument("--breakup", metavar="DATE", help="the day you broke up (first start only)")

    slip = _command(
        commands,
        "slip",
        COMMANDS,
        shared,
        summary="record that you contacted them (the count restarts)",
    )
    slip.add_argument(
        "--trigger", "--note", metavar="TEXT", help="what led to it, kept in your history"
    )
    slip.add_argument(
        "--undo", action="store_true", help="take back today's slip (recorded by mistake)"
    )

    checkin = _command(
        commands, "checkin", COMMANDS, shared, summary="today's check-in", dates=True
    )
    checkin.add_argument("--mood", metavar="N", required=True, help="how you feel, 1 to 5")
    checkin.add_argument("--urge", metavar="N", required=True, help="urge to contact, 0 to 10")
    checkin.add_argument(
        "--contacted", action="store_true", help="you contacted them today (records a slip)"
    )
    checkin.add_argument("--trigger", metavar="TEXT", help="with --contacted: what led to it")
    checkin.add_argument("--on", metavar="DATE", help="the day, up to 7 days back (default: today)")
    checkin.add_argument(
        "--yes",
        action="store_true",
        help="with --on and --contacted: make the change to your history it shows",
    )

    settings = _command(
        commands, "settings", COMMANDS, shared, summary="show or change your settings", dates=True
    )
    settings.add_argument(
        "--target", metavar="DAYS", type=_target_type, help="days to aim for (21 or more)"
    )
    settings.add_argument(
        "--breakup", metavar="DATE", help="the day you broke up ('none' to clear it)"
    )
    settings.add_argument(
        "--start",
        metavar="DATE",
        help="correct the current attempt's first day (not before the previous one ended)",
    )
    settings.add_argument(
        "--topics",
        metavar="LIST",
        help="topics where contact is allowed, separated by commas ('' for none)",
    )
    settings.add_argument("--theme", metavar="NAME", help="dark or light")
    settings.add_argument(
        "--review-day",
        metavar="DAY",
        help="the weekly review's day (monday ... sunday, or 'default')",
    )
    settings.add_argument("--json", action="store_true", help="print the settings as JSON")

    journal = _command(commands, "journal", COMMANDS, shared, summary="write and read the journal")
    actions = journal.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    add = _command(actions, "add", JOURNAL_ACTIONS, shared, summary="save a new entry")
    add.add_argument("text", metavar="TEXT", help="the entry (- reads it from standard input)")
    add.add_argument("--title", metavar="T", help="a one-line title")
    add.add_argument("--mood", metavar="N", help="how you feel, 1 to 5")
    add.add_argument(
        "--tag", metavar="TAG", action="append", help="a tag (repeat, or separate with commas)"
    )
    listing = _command(
        actions, "list", JOURNAL_ACTIONS, shared, summary="list entries, newest first", dates=True
    )
    listing.add_argument("--tag", metavar="T", help="only entries with this tag")
    listing.add_argument("--since", metavar="DATE", help="only entries written on or after DATE")
    listing.add_argument("--json", action="store_true", help="print the full entries as JSON")
    search = _command(
        actions, "search", JOURNAL_ACTIONS, shared, summary="entries containing all the words"
    )
    search.add_argument("words", metavar="WORDS", nargs="+", help="words to look for")
    search.add_argument("--json", action="store_true", help="print the full entries as JSON")

    export = _command(
        commands,
        "export",
        COMMANDS,
        shared,
        summary="the journal as Markdown, or everything as JSON",
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

    importing = _command(commands, "import", COMMANDS, shared, summary="read a JSON export back in")
    importing.add_argument("file", metavar="FILE", help="a file from exback export --format json")

    week = _command(
        commands, "week", COMMANDS, shared, summary="this week against last (the weekly review)"
    )
    week.add_argument("--json", action="store_true", help="print the figures as JSON")

    report = _command(commands, "report", COMMANDS, shared, summary="a report to share", dates=True)
    report.add_argument(
        "--format",
        choices=("md", "html"),
        default="md",
        help="md: Markdown (default); html: one self-contained page with charts",
    )
    report.add_argument("--since", metavar="DATE", help="only from DATE on (default: all)")
    report.add_argument(
        "--output", metavar="FILE", help="write to FILE (private to you) instead of the screen"
    )
    report.add_argument(
        "--with-entries",
        metavar="TAG",
        help="include the text of the journal entries tagged TAG (left out otherwise)",
    )

    calendar = _command(
        commands, "calendar", COMMANDS, shared, summary="hard dates and milestones as .ics"
    )
    calendar.add_argument(
        "--output",
        metavar="FILE",
        required=True,
        help="the .ics file to write (private to you); - prints it",
    )

    check = _command(
        commands, "check", COMMANDS, shared, summary="check a draft first message to your ex"
    )
    check.add_argument(
        "text",
        metavar="TEXT",
        nargs="?",
        help="the message (- or nothing reads it from standard input)",
    )
    check.add_argument("--json", action="store_true", help="print the findings as JSON")

    completion = _command(
        commands, "completion", COMMANDS, shared, summary="print a shell completion script"
    )
    completion.add_argument("shell", choices=SHELLS, help="the shell: bash, zsh or fish")
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


def refuse_lost_values(namespace: argparse.Namespace) -> None:
    """Refuse an option whose value argparse lost.

    Python 3.11's argparse drops a value of exactly "--" (`--mood=--`), leaving
    an empty list where a string belongs, and skips the option's type check.
    """
    for name, value in vars(namespace).items():
        if isinstance(value, list) and (not value or any(isinstance(v, list) for v in value)):
            option = "WORDS" if name == "words" else "--" + name.replace("_", "-")
            raise UsageError(f"{option} needs a value (see: exback --help)")
