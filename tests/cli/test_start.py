"""`exback start`: dates, targets, restarts, refusals, and what it imports."""

from __future__ import annotations

import json
import subprocess

import pytest

from exback_tui.store.plan.snapshot import read_plan_state
from tests.cli.conftest import Cli, FileState, assert_one_line_error, folder_state


def _has(modules: frozenset[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


@pytest.mark.parametrize(
    ("on", "start"),
    [
        ("2026-11-15", "2026-11-15"),
        ("today", "2026-11-26"),
        ("yesterday", "2026-11-25"),
        ("11 days ago", "2026-11-15"),
        ("15 Nov", "2026-11-15"),
        ("Nov 15 2026", "2026-11-15"),
        ("15 November 2026", "2026-11-15"),
    ],
)
def test_start_accepts_date_forms(cli: Cli, on: str, start: str) -> None:
    result = cli.start(on)
    assert result.stdout.splitlines()[0] == f"No contact started on {start}."
    assert result.stderr == ""
    assert json.loads(cli.ok("today", "--json").stdout)["start"] == start


def test_start_defaults_to_today_and_30_days(cli: Cli) -> None:
    cli.ok("start")
    data = json.loads(cli.ok("today", "--json").stdout)
    assert data["start"] == "2026-11-26"
    assert data["target_days"] == 30


def test_start_with_target(cli: Cli) -> None:
    cli.start("11 days ago", "--target", "45")
    assert cli.ok("today", "--short").stdout == "NC 12/45\n"


def test_start_creates_private_files(cli: Cli) -> None:
    cli.start("11 days ago")
    assert cli.data_dir.stat().st_mode & 0o777 == 0o700
    assert cli.plan_path.stat().st_mode & 0o777 == 0o600
    leftovers = [p.name for p in cli.data_dir.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_restart_keeps_history(cli: Cli) -> None:
    cli.start("11 days ago")
    cli.start("yesterday")
    data = json.loads(cli.ok("today", "--json").stdout)
    assert data["start"] == "2026-11-25"
    assert data["attempts"] == 2
    assert data["longest_streak"] == 10
    plan = read_plan_state(cli.data_dir).plan
    assert plan is not None
    assert len(plan.attempts) == 2


def test_restart_can_change_target_only(cli: Cli) -> None:
    cli.start("11 days ago")
    cli.start("11 days ago", "--target", "60")
    data = json.loads(cli.ok("today", "--json").stdout)
    assert (data["day"], data["target_days"], data["attempts"]) == (12, 60, 1)


# Refusals: exit 2, one line, nothing changed -----------------------------------------


BAD_STARTS = [
    ("start", "--on", "2099-01-01"),
    ("start", "--on", "03/04/2026"),
    ("start", "--on", "next tuesday"),
    ("start", "--on", "tomorrow"),
    ("start", "--on", "2026-02-30"),
    ("start", "--on", "15 Nov 26"),
    ("start", "--on", ""),
    ("start", "--target", "10"),
    ("start", "--target", "20"),
    ("start", "--target", "abc"),
    ("start", "--target", "1000"),
    ("start", "--target", "-5"),
    ("start", "--breakup", "2026-11-01"),
    ("start", "--on"),
]


@pytest.mark.parametrize("args", BAD_STARTS, ids=lambda a: " ".join(a))
def test_bad_start_changes_nothing(cli: Cli, args: tuple[str, ...]) -> None:
    cli.start("11 days ago")
    before_plan = FileState.of(cli.plan_path)
    before_folder = folder_state(cli.data_dir)
    result = cli.run(*args)
    assert_one_line_error(result)
    assert FileState.of(cli.plan_path) == before_plan
    assert folder_state(cli.data_dir) == before_folder


@pytest.mark.parametrize(
    "args",
    [
        ("start", "--on", "2099-01-01"),
        ("start", "--on", "03/04/2026"),
        ("start", "--target", "10"),
        ("start", "--on", "2026-11-01", "--breakup", "2026-11-10"),
        ("start", "--breakup", "2099-01-01"),
    ],
    ids=lambda a: " ".join(a),
)
def test_bad_first_start_creates_no_plan(cli: Cli, args: tuple[str, ...]) -> None:
    result = cli.run(*args)
    assert_one_line_error(result)
    assert not cli.plan_path.exists()


def test_error_messages_say_what_to_do(cli: Cli) -> None:
    future = cli.run("start", "--on", "2099-01-01")
    assert "future" in future.stderr
    ambiguous = cli.run("start", "--on", "03/04/2026")
    assert "03/04/2026" in ambiguous.stderr
    assert "Apr" in ambiguous.stderr and "Mar" in ambiguous.stderr
    unreadable = cli.run("start", "--on", "next tuesday")
    assert "next tuesday" in unreadable.stderr
    target = cli.run("start", "--target", "10")
    assert "21" in target.stderr
    not_number = cli.run("start", "--target", "abc")
    assert "abc" in not_number.stderr


def test_control_characters_in_a_bad_date_are_not_echoed(cli: Cli) -> None:
    result = cli.run("start", "--on", "\x1b]0;pwned\x07 then")
    assert_one_line_error(result)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


# Imports -----------------------------------------------------------------------------


def test_start_iso_needs_no_dateutil(cli: Cli) -> None:
    result = cli.run("start", "--on", "2026-11-15", freeze="light", modules=True)
    assert result.rc == 0, str(result)
    assert result.modules
    assert "exback_tui.service" in result.modules
    assert not _has(result.modules, "textual")
    assert not _has(result.modules, "dateutil")


@pytest.mark.parametrize("on", ["today", "yesterday", "11 days ago"])
def test_start_relative_dates_need_no_dateutil(cli: Cli, on: str) -> None:
    result = cli.run("start", "--on", on, freeze="light", modules=True)
    assert result.rc == 0, str(result)
    assert result.modules
    assert not _has(result.modules, "dateutil")
    assert not _has(result.modules, "textual")


def test_start_month_name_imports_dateutil(cli: Cli) -> None:
    result = cli.run("start", "--on", "15 Nov", freeze="light", modules=True)
    assert result.rc == 0, str(result)
    assert result.modules
    assert _has(result.modules, "dateutil")
    assert not _has(result.modules, "textual")
    data = json.loads(cli.ok("today", "--json").stdout)
    assert data["start"] == "2026-11-15"


@pytest.mark.parametrize(
    "args",
    [
        ("today",),
        ("today", "--json"),
        ("today", "--short"),
        ("start", "--on", "15 Nov", "--target", "40"),
        ("slip", "--trigger", "saw a photo"),
        ("checkin", "--mood", "3", "--urge", "4"),
        ("checkin", "--mood", "2", "--urge", "9", "--contacted"),
        ("start", "--on", "2099-01-01"),
        ("bogus",),
        ("--help",),
        ("slip", "--help"),
        ("--version",),
    ],
    ids=lambda a: " ".join(a),
)
def test_no_subcommand_imports_textual(cli: Cli, args: tuple[str, ...]) -> None:
    cli.start("11 days ago")
    result = cli.run(*args, freeze="light", modules=True, stdin=subprocess.DEVNULL)
    assert result.rc in (0, 2), str(result)
    assert result.modules, "the wrapper did not report sys.modules"
    assert not _has(result.modules, "textual"), args
    assert not _has(result.modules, "rich"), args
