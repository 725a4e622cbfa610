"""The exit statuses are listed once (exback_tui.exit_codes); --help and the README follow it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exback_tui import exit_codes
from exback_tui.cli.parser import build_parser
from exback_tui.domain.errors import InvalidInput
from exback_tui.store import errors as store_errors
from tests.cli.conftest import Cli

README = Path(__file__).resolve().parents[2] / "README.md"
ROW = re.compile(r"^\| (\d+) \| (.+?) \|$", re.MULTILINE)


def _readme_table() -> list[tuple[int, str]]:
    text = README.read_text(encoding="utf-8")
    start = text.index("The exit status says how a command ended")
    section = text[start : text.index("\n\n", text.index("|---|", start))]
    return [(int(status), meaning) for status, meaning in ROW.findall(section)]


def test_the_readme_lists_the_same_codes_as_the_code() -> None:
    assert _readme_table() == [(status, meaning) for status, meaning, _ in exit_codes.EXIT_CODES]


def test_the_codes_are_distinct_and_ok_is_zero() -> None:
    statuses = [status for status, _, _ in exit_codes.EXIT_CODES]
    assert len(set(statuses)) == len(statuses)
    assert statuses[0] == exit_codes.OK == 0
    assert exit_codes.BAD_INPUT in statuses


def test_help_ends_with_the_table(cli: Cli) -> None:
    text = cli.ok("--help", data_dir=False, how="module").stdout
    assert text.rstrip().endswith(exit_codes.help_text())
    for status, meaning, _ in exit_codes.EXIT_CODES:
        assert re.search(rf"^  {status} +{re.escape(meaning)}$", text, re.MULTILINE), status


def test_the_help_epilog_ends_with_the_table() -> None:
    epilog = build_parser().epilog
    assert epilog is not None and epilog.endswith("\n\n" + exit_codes.help_text())


def test_every_named_error_is_a_store_error() -> None:
    """A row names errors by class name (the lean today path can't import them): keep them real."""
    for _, _, names in exit_codes.EXIT_CODES:
        for name in names:
            kind = getattr(store_errors, name)
            assert issubclass(kind, store_errors.StoreError), name


@pytest.mark.parametrize(
    "error",
    [
        InvalidInput("no", "field"),
        ValueError("no"),
        store_errors.WriteFailed("/x", OSError(28, "No space left on device")),
    ],
    ids=lambda e: type(e).__name__,
)
def test_anything_unnamed_is_bad_input(error: Exception) -> None:
    assert exit_codes.status_for(error) == exit_codes.BAD_INPUT
