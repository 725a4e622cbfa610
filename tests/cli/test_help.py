"""Every `--help` page says what its command does, the DATE forms it takes, and one example."""

from __future__ import annotations

import argparse
import re
import shlex
from datetime import date

import pytest

from exback_tui.cli.parser import DATE_EXAMPLES, DATE_FORMS, build_parser
from exback_tui.domain.dates import parse_date
from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.journal import MAX_TEXT_CHARS
from tests.cli.conftest import Cli
from tests.conftest import FIXED_TODAY


def _pages(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every parser under `parser` by its command path: () for exback itself."""
    pages = {path: parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                pages.update(_pages(sub, (*path, name)))
    return pages


PAGES = _pages(build_parser())
COMMAND_PAGES = [path for path in PAGES if path]


def _takes_a_date(parser: argparse.ArgumentParser) -> bool:
    return any(action.metavar == "DATE" for action in parser._actions)


def _example(parser: argparse.ArgumentParser) -> str:
    help_text = parser.format_help()
    match = re.search(r"^examples?:\n  (.+)$", help_text, re.MULTILINE)
    assert match, help_text
    return match.group(1)


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(path) for path in COMMAND_PAGES}
    assert {"today", "start", "slip", "checkin", "journal", "journal add", "export"} <= names
    assert {"journal list", "journal search", "import", "settings"} <= names


@pytest.mark.parametrize("path", COMMAND_PAGES, ids=" ".join)
def test_each_page_says_what_the_command_does(path: tuple[str, ...]) -> None:
    parser = PAGES[path]
    assert parser.description and parser.description.endswith("."), path
    assert len(parser.description.split()) >= 6, parser.description
    assert parser.description.replace("\n", " ") in " ".join(parser.format_help().split("\n"))


@pytest.mark.parametrize("path", list(PAGES), ids=lambda p: " ".join(p) or "exback")
def test_each_page_has_an_example_that_parses(path: tuple[str, ...]) -> None:
    example = _example(PAGES[path])
    # The exback command in it: `echo ... | exback journal add -`, `source <(exback ...)`.
    command = re.search(r"\bexback\b[^|)>#]*", example)
    assert command, example
    words = shlex.split(command.group(0))
    assert words[1 : 1 + len(path)] == list(path), example
    if "COMMAND" not in words:
        build_parser().parse_args(words[1:])  # a UsageError would fail the test


@pytest.mark.parametrize("path", COMMAND_PAGES, ids=" ".join)
def test_pages_that_take_a_date_list_the_forms(path: tuple[str, ...]) -> None:
    help_text = PAGES[path].format_help()
    assert (DATE_FORMS in help_text) == _takes_a_date(PAGES[path]), path


def test_the_commands_that_take_a_date() -> None:
    assert [p for p in COMMAND_PAGES if _takes_a_date(PAGES[p])] == [
        ("start",),
        ("checkin",),
        ("settings",),
        ("journal", "list"),
        ("report",),
    ]


def test_every_date_form_shown_is_accepted() -> None:
    assert DATE_FORMS.startswith(
        "DATE can be 2026-11-15, today, yesterday, '3 days ago', '15 Nov' or 'Nov 15 2026'."
    )
    for form in DATE_EXAMPLES:
        assert parse_date(form, FIXED_TODAY) <= FIXED_TODAY, form
    assert parse_date("Nov 15 2026", FIXED_TODAY) == date(2026, 11, 15)


@pytest.mark.parametrize("refused", ["03/04/2026", "15 Nov 26", "Dec 25 2026"])
def test_the_forms_said_to_be_refused_are(refused: str) -> None:
    with pytest.raises(InvalidInput):
        parse_date(refused, FIXED_TODAY)


def test_the_entry_limit_on_the_page_is_the_real_one() -> None:
    assert f"{MAX_TEXT_CHARS:,} characters" in PAGES[("journal", "add")].description


@pytest.mark.parametrize("path", COMMAND_PAGES, ids=" ".join)
def test_help_pages_from_the_real_command(cli: Cli, path: tuple[str, ...]) -> None:
    result = cli.run(*path, "--help", data_dir=False, how="module")
    assert result.rc == 0 and result.stderr == "", str(result)
    assert result.stdout.startswith(f"usage: exback {' '.join(path)}")
    assert "example:" in result.stdout and "--data-dir" in result.stdout
