"""The argparse parser for every subcommand (all but the lean `exback today` path)."""

from __future__ import annotations

import argparse
from typing import NoReturn

from exback_tui import __version__, exit_codes
from exback_tui.cli.errors import UsageError


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are exback's one-line errors, not argparse's usage dump."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: {self.prog} --help)")


def build_parser() -> Parser:
    """The parser for `exback` and every subcommand."""
    data_dir = Parser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where exback keeps its data (default: $EXBACK_DATA_DIR or your user data folder)",
    )
    parser = Parser(
        prog="exback",
        description="A calm coach for the no-contact program. With no command, opens the app.",
        epilog=exit_codes.help_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
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


def refuse_lost_values(namespace: argparse.Namespace) -> None:
    """Refuse an option whose value argparse lost.

    Python 3.11's argparse drops a value of exactly "--" (`--mood=--`), leaving
    an empty list where a string belongs, and skips the option's type check.
    """
    for name, value in vars(namespace).items():
        if isinstance(value, list) and (not value or any(isinstance(v, list) for v in value)):
            option = "WORDS" if name == "words" else "--" + name.replace("_", "-")
            raise UsageError(f"{option} needs a value (see: exback --help)")
