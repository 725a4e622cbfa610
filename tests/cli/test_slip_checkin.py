"""`exback slip` and `exback checkin`: history kept, refusals, the lock, hostile text."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from exback_tui.exit_codes import LOCKED
from exback_tui.store.plan.snapshot import read_plan_state
from tests.cli.conftest import (
    Cli,
    FileState,
    assert_one_line_error,
    folder_state,
    running_holder,
)
from tests.conftest import FIXED_TODAY

# slip ------------------------------------------------------------------------------------


def test_slip_restarts_and_keeps_history(cli: Cli) -> None:
    cli.start("11 days ago")
    result = cli.ok("slip", "--trigger", "saw a photo")
    assert result.stdout == (
        "Recorded. The 11 days you did are kept in your history; today is Day 1 again.\n"
    )
    data = json.loads(cli.ok("today", "--json").stdout)
    assert (data["day"], data["days_done"], data["attempts"]) == (1, 0, 2)
    assert data["longest_streak"] == 11
    assert data["total_days"] == 11
    plan = read_plan_state(cli.data_dir).plan
    assert plan is not None
    ended = plan.attempts[-2]
    assert (ended.start, ended.end, ended.ended_by, ended.trigger) == (
        date(2026, 11, 15),
        FIXED_TODAY,
        "slip",
        "saw a photo",
    )
    assert plan.current.start == FIXED_TODAY and plan.current.end is None


def test_slip_note_is_an_alias_for_trigger(cli: Cli) -> None:
    cli.start("11 days ago")
    cli.ok("slip", "--note", "late night")
    plan = read_plan_state(cli.data_dir).plan
    assert plan is not None and plan.attempts[-2].trigger == "late night"


def test_slip_singular_wording(cli: Cli) -> None:
    cli.start("yesterday")
    result = cli.ok("slip")
    assert result.stdout.startswith("Recorded. The 1 day you did are kept")


@pytest.mark.parametrize(
    "args",
    [("slip",), ("slip", "--trigger", "x"), ("checkin", "--mood", "3", "--urge", "2")],
    ids=lambda a: " ".join(a),
)
def test_change_before_start_is_refused_and_creates_nothing(
    cli: Cli, args: tuple[str, ...]
) -> None:
    result = cli.run(*args)
    assert_one_line_error(result)
    assert "exback start" in result.stderr
    # Not even the data folder or its lock file is left behind.
    assert not cli.data_dir.exists()


def test_slip_before_start_in_an_existing_folder_changes_nothing(cli: Cli) -> None:
    cli.data_dir.mkdir(mode=0o700)
    (cli.data_dir / "unrelated.txt").write_text("keep me")
    before = folder_state(cli.data_dir)
    assert_one_line_error(cli.run("slip"))
    assert folder_state(cli.data_dir) == before
    assert not cli.plan_path.exists()


def test_slip_with_clock_behind_is_refused(cli: Cli) -> None:
    cli.start("11 days ago")
    before = FileState.of(cli.plan_path)
    result = cli.run("slip", today=date(2026, 11, 1))
    assert_one_line_error(result)
    assert FileState.of(cli.plan_path) == before


# checkin ---------------------------------------------------------------------------------


def test_checkin_saved_then_updated(cli: Cli) -> None:
    cli.start("11 days ago")
    first = cli.ok("checkin", "--mood", "3", "--urge", "7")
    assert first.stdout == "Check-in saved for 2026-11-26: mood 3, urge 7.\n"
    second = cli.ok("checkin", "--mood", "4", "--urge", "2")
    assert "updated" in second.stdout
    assert second.stdout == "Check-in updated for 2026-11-26: mood 4, urge 2.\n"
    state = read_plan_state(cli.data_dir)
    assert [(c.on, c.mood, c.urge, c.contacted) for c in state.checkins] == [
        (FIXED_TODAY, 4, 2, False)
    ]
    # No slip from a check-in without contact.
    assert json.loads(cli.ok("today", "--json").stdout)["attempts"] == 1


def test_checkin_next_day_is_saved_not_updated(cli: Cli) -> None:
    cli.start("11 days ago")
    cli.ok("checkin", "--mood", "3", "--urge", "7")
    tomorrow = FIXED_TODAY + timedelta(days=1)
    result = cli.ok("checkin", "--mood", "5", "--urge", "1", today=tomorrow)
    assert result.stdout == "Check-in saved for 2026-11-27: mood 5, urge 1.\n"
    assert len(read_plan_state(cli.data_dir).checkins) == 2


def test_checkin_bounds_are_accepted(cli: Cli) -> None:
    cli.start("11 days ago")
    cli.ok("checkin", "--mood", "1", "--urge", "0")
    cli.ok("checkin", "--mood", "5", "--urge", "10")
    (checkin,) = read_plan_state(cli.data_dir).checkins
    assert (checkin.mood, checkin.urge) == (5, 10)


def test_checkin_contacted_records_one_slip_per_day(cli: Cli) -> None:
    cli.start("11 days ago")
    first = cli.ok("checkin", "--mood", "2", "--urge", "9", "--contacted", "--trigger", "birthday")
    assert "slip" in first.stdout
    data = json.loads(cli.ok("today", "--json").stdout)
    assert (data["attempts"], data["day"]) == (2, 1)
    plan = read_plan_state(cli.data_dir).plan
    assert plan is not None and plan.attempts[-2].trigger == "birthday"

    again = cli.ok("checkin", "--mood", "1", "--urge", "10", "--contacted")
    assert "updated" in again.stdout
    assert "slip" not in again.stdout
    assert json.loads(cli.ok("today", "--json").stdout)["attempts"] == 2

    # Taking "contacted" back and saying it again the same day is still one slip.
    cli.ok("checkin", "--mood", "3", "--urge", "5")
    again = cli.ok("checkin", "--mood", "3", "--urge", "5", "--contacted")
    assert "slip" not in again.stdout
    assert json.loads(cli.ok("today", "--json").stdout)["attempts"] == 2

    # The next day it counts again.
    tomorrow = FIXED_TODAY + timedelta(days=1)
    next_day = cli.ok("checkin", "--mood", "3", "--urge", "5", "--contacted", today=tomorrow)
    assert "slip" in next_day.stdout
    data = json.loads(cli.ok("today", "--json", today=tomorrow).stdout)
    assert (data["attempts"], data["day"]) == (3, 1)


def test_checkin_contacted_after_slip_same_day_is_not_a_second_slip(cli: Cli) -> None:
    cli.start("11 days ago")
    cli.ok("slip", "--trigger", "called")
    result = cli.ok("checkin", "--mood", "2", "--urge", "8", "--contacted")
    assert "saved" in result.stdout and "slip" not in result.stdout
    data = json.loads(cli.ok("today", "--json").stdout)
    assert data["attempts"] == 2
    plan = read_plan_state(cli.data_dir).plan
    assert plan is not None and plan.attempts[-2].trigger == "called"


def test_checkin_contacted_twice_same_day_is_one_slip(cli: Cli) -> None:
    cli.start("11 days ago")
    cli.ok("checkin", "--mood", "2", "--urge", "9", "--contacted")
    cli.ok("checkin", "--mood", "2", "--urge", "9", "--contacted")
    cli.ok("checkin", "--mood", "2", "--urge", "9", "--contacted")
    assert json.loads(cli.ok("today", "--json").stdout)["attempts"] == 2
    tomorrow = FIXED_TODAY + timedelta(days=1)
    cli.ok("checkin", "--mood", "2", "--urge", "9", "--contacted", today=tomorrow)
    assert json.loads(cli.ok("today", "--json", today=tomorrow).stdout)["attempts"] == 3


BAD_CHECKINS = [
    ("checkin", "--mood", "9", "--urge", "2"),
    ("checkin", "--mood", "x", "--urge", "2"),
    ("checkin", "--mood", "3", "--urge", "11"),
    ("checkin", "--mood", "0", "--urge", "2"),
    ("checkin", "--mood", "3", "--urge", "-1"),
    ("checkin", "--mood", "3.5", "--urge", "2"),
    ("checkin", "--mood", "", "--urge", "2"),
    ("checkin", "--urge", "2"),
    ("checkin",),
]


@pytest.mark.parametrize("args", BAD_CHECKINS, ids=lambda a: " ".join(a))
def test_bad_checkin_changes_nothing(cli: Cli, args: tuple[str, ...]) -> None:
    cli.start("11 days ago")
    before_plan = FileState.of(cli.plan_path)
    before_folder = folder_state(cli.data_dir)
    result = cli.run(*args)
    assert_one_line_error(result)
    assert FileState.of(cli.plan_path) == before_plan
    assert folder_state(cli.data_dir) == before_folder


def test_bad_checkin_with_contacted_records_no_slip(cli: Cli) -> None:
    cli.start("11 days ago")
    before = FileState.of(cli.plan_path)
    assert_one_line_error(cli.run("checkin", "--mood", "9", "--urge", "2", "--contacted"))
    assert FileState.of(cli.plan_path) == before


# The lock -------------------------------------------------------------------------------

HOLD_LOCK = """
import sys, time
from pathlib import Path
from exback_tui.store.lock import DataLock
DataLock(Path(sys.argv[1]), for_tui=True).acquire()
print("ready", flush=True)
time.sleep(30)
"""


@pytest.fixture
def lock_holder(cli: Cli) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the data lock, as a running TUI would."""
    cli.start("11 days ago")
    with running_holder(cli, HOLD_LOCK) as holder:
        yield holder


def test_slip_while_locked_is_refused(cli: Cli, lock_holder: subprocess.Popen[str]) -> None:
    before_folder = folder_state(cli.data_dir)
    started = time.monotonic()
    result = cli.run("slip", "--trigger", "text")
    elapsed = time.monotonic() - started
    assert_one_line_error(result, LOCKED)
    assert "open in another terminal" in result.stderr
    assert elapsed < 10, f"took {elapsed:.1f} s to give up on the lock"
    assert folder_state(cli.data_dir) == before_folder
    assert lock_holder.poll() is None


@pytest.mark.parametrize(
    "args",
    [("checkin", "--mood", "3", "--urge", "2"), ("start", "--on", "yesterday")],
    ids=lambda a: a[0],
)
def test_writers_while_locked_are_refused(
    cli: Cli, lock_holder: subprocess.Popen[str], args: tuple[str, ...]
) -> None:
    before_folder = folder_state(cli.data_dir)
    result = cli.run(*args)
    assert_one_line_error(result, LOCKED)
    assert folder_state(cli.data_dir) == before_folder


def test_today_works_while_locked(cli: Cli, lock_holder: subprocess.Popen[str]) -> None:
    before_folder = folder_state(cli.data_dir)
    assert cli.ok("today").stdout.startswith("Day 12 of no contact")
    assert cli.ok("today", "--short").stdout == "NC 12/30\n"
    assert json.loads(cli.ok("today", "--json").stdout)["day"] == 12
    assert folder_state(cli.data_dir) == before_folder


@pytest.mark.parametrize("how", ["module", "script"])
def test_second_tui_exits_cleanly(cli: Cli, lock_holder: subprocess.Popen[str], how: str) -> None:
    before_folder = folder_state(cli.data_dir)
    before_names = sorted(p.name for p in cli.data_dir.iterdir())
    result = cli.run(how=how, stdin=subprocess.DEVNULL, timeout=30)
    assert_one_line_error(result, LOCKED)
    assert "already open" in result.stderr
    assert folder_state(cli.data_dir) == before_folder
    assert sorted(p.name for p in cli.data_dir.iterdir()) == before_names


def test_writer_succeeds_once_the_lock_is_released(cli: Cli) -> None:
    cli.start("11 days ago")
    with running_holder(cli, HOLD_LOCK):
        assert cli.run("slip").rc == LOCKED
    cli.ok("slip")
    assert json.loads(cli.ok("today", "--json").stdout)["attempts"] == 2


# Hostile text ---------------------------------------------------------------------------

HOSTILE = [
    "[/]",
    "[bold",
    "[@click=app.quit]x[/]",
    "\x1b[31mred\x1b[0m",
    "\U0001f469\u200d\u2764\ufe0f\u200d\U0001f468 family "
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "\u202eevil\u202c override",
    "tab\there",
    "  spaces kept  ",
    "--looks-like-an-option",
]


@pytest.mark.parametrize("trigger", HOSTILE, ids=lambda t: repr(t))
def test_hostile_trigger_is_stored_exactly(cli: Cli, trigger: str) -> None:
    cli.start("11 days ago")
    result = cli.run("slip", f"--trigger={trigger}")
    assert result.rc == 0, str(result)
    assert "\x1b" not in result.stdout
    plan = read_plan_state(cli.data_dir).plan
    assert plan is not None
    assert plan.attempts[-2].trigger == trigger


@pytest.mark.parametrize("trigger", HOSTILE[:6], ids=lambda t: repr(t))
def test_hostile_trigger_as_separate_argument(cli: Cli, trigger: str) -> None:
    cli.start("11 days ago")
    result = cli.run("slip", "--trigger", trigger)
    assert result.rc == 0, str(result)
    plan = read_plan_state(cli.data_dir).plan
    assert plan is not None and plan.attempts[-2].trigger == trigger


@pytest.mark.parametrize(
    "args",
    [
        ("slip", "--trigger", b"\xff"),
        ("slip", "--trigger", b"caf\xe9"),
        ("checkin", "--mood", "2", "--urge", "9", "--contacted", "--trigger", b"\xff"),
    ],
    ids=["slip-ff", "slip-latin1", "checkin-ff"],
)
def test_invalid_utf8_trigger_is_refused(cli: Cli, args: tuple[str | bytes, ...]) -> None:
    cli.start("11 days ago")
    before = folder_state(cli.data_dir)
    result = cli.run(*args)
    assert_one_line_error(result)
    assert "UTF-8" in result.stderr
    assert folder_state(cli.data_dir) == before


def test_hostile_trigger_survives_json_output(cli: Cli) -> None:
    cli.start("11 days ago")
    cli.ok("slip", "--trigger", "[bold")
    # The plan file itself is valid JSON with the text as typed.
    raw = json.loads(Path(cli.plan_path).read_text(encoding="utf-8"))
    assert "[bold" in json.dumps(raw, ensure_ascii=False)
    assert cli.ok("today", "--short").stdout == "NC 1/30\n"
