"""`exback today`, `--version`, `--help`, data-folder selection and import budgets.

Every test runs the real command in a subprocess (see tests/cli/conftest.py).
"""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

import exback_tui
from exback_tui.exit_codes import DAMAGED
from tests.cli.conftest import Cli, FileState, assert_one_line_error
from tests.conftest import FIXED_TODAY

DAY_12 = "Day 12 of no contact: 11 days done, 19 to your 30-day goal (10 to the 21-day minimum)."

# Imports `exback today` must never make (see DESIGN.md, Budgets).
TODAY_FORBIDDEN = (
    "textual",
    "tinydb",
    "dateutil",
    "argparse",
    "platformdirs",
    "dataclasses",
    "typing",
    "pathlib",
    "shtab",
    "exback_tui.service",
)


def _has(modules: frozenset[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


# Before any start ---------------------------------------------------------------


def test_today_before_start_text(cli: Cli) -> None:
    result = cli.ok("today")
    assert result.stdout == "No contact hasn't started yet. Open exback, or run: exback start\n"
    assert result.stderr == ""


def test_today_before_start_short(cli: Cli) -> None:
    result = cli.ok("today", "--short")
    assert result.stdout == "NC -\n"
    assert result.stderr == ""


def test_today_before_start_json(cli: Cli) -> None:
    data = json.loads(cli.ok("today", "--json").stdout)
    assert data["started"] is False
    assert data["today"] == FIXED_TODAY.isoformat()


def test_today_before_start_creates_nothing(cli: Cli) -> None:
    for fmt in ((), ("--json",), ("--short",)):
        cli.ok("today", *fmt)
    assert not cli.data_dir.exists()


# Day 12 of 30 --------------------------------------------------------------------


def test_start_eleven_days_ago_then_today(cli: Cli) -> None:
    started = cli.start("11 days ago")
    assert started.stdout.splitlines() == [
        "No contact started on 2026-11-15.",
        DAY_12,
    ]
    result = cli.ok("today")
    assert result.stdout == DAY_12 + "\n"
    assert result.stderr == ""


def test_today_json_figures(cli: Cli) -> None:
    cli.start("11 days ago")
    data = json.loads(cli.ok("today", "--json").stdout)
    assert data["started"] is True
    assert data["today"] == "2026-11-26"
    assert data["start"] == "2026-11-15"
    assert data["day"] == 12
    assert data["days_done"] == 11
    assert data["days_to_target"] == 19
    assert data["days_to_minimum"] == 10
    assert data["target_days"] == 30
    assert data["minimum_days"] == 21
    assert data["attempts"] == 1
    assert data["clock_behind"] is False


def test_today_short(cli: Cli) -> None:
    cli.start("11 days ago")
    result = cli.ok("today", "--short")
    assert result.stdout == "NC 12/30\n"


def test_today_same_numbers_on_every_path(cli: Cli) -> None:
    """The quick path and argparse give the same answer (e.g. with `--data-dir=`)."""
    cli.start("11 days ago")
    quick = cli.ok(
        "today",
        data_dir=False,
        how="wrapper",
        freeze="travel",
        env={"EXBACK_DATA_DIR": str(cli.data_dir)},
    )
    equals = cli.ok(f"--data-dir={cli.data_dir}", "today", data_dir=False)
    assert quick.stdout == equals.stdout == DAY_12 + "\n"


def test_json_and_short_together_is_an_error(cli: Cli) -> None:
    cli.start("11 days ago")
    before = FileState.of(cli.plan_path)
    assert_one_line_error(cli.run("today", "--json", "--short"))
    assert FileState.of(cli.plan_path) == before


# Wording ---------------------------------------------------------------------------


def test_singular_one_day_done(cli: Cli) -> None:
    cli.start("yesterday")
    result = cli.ok("today")
    assert result.stdout == (
        "Day 2 of no contact: 1 day done, 29 to your 30-day goal (20 to the 21-day minimum).\n"
    )


def test_day_one(cli: Cli) -> None:
    cli.start("today")
    assert cli.ok("today").stdout == (
        "Day 1 of no contact: 0 days done, 30 to your 30-day goal (21 to the 21-day minimum).\n"
    )
    assert cli.ok("today", "--short").stdout == "NC 1/30\n"


def test_minimum_reached_wording(cli: Cli) -> None:
    cli.start("21 days ago")
    assert cli.ok("today").stdout == (
        "Day 22 of no contact: 21 days done, 9 to your 30-day goal (21-day minimum reached).\n"
    )
    data = json.loads(cli.ok("today", "--json").stdout)
    assert data["days_to_minimum"] == 0
    assert data["days_to_target"] == 9


def test_target_reached_wording(cli: Cli) -> None:
    cli.start("30 days ago")
    assert cli.ok("today").stdout == (
        "Day 31 of no contact: 30 days done, your 30-day goal is reached.\n"
    )
    assert cli.ok("today", "--short").stdout == "NC 31/30\n"
    data = json.loads(cli.ok("today", "--json").stdout)
    assert data["days_to_target"] == 0
    assert data["days_to_minimum"] == 0


def test_past_target_stays_reached(cli: Cli) -> None:
    cli.start("45 days ago")
    assert cli.ok("today").stdout == (
        "Day 46 of no contact: 45 days done, your 30-day goal is reached.\n"
    )


def test_twenty_one_day_target_wording(cli: Cli) -> None:
    cli.start("5 days ago", "--target", "21")
    assert cli.ok("today").stdout == ("Day 6 of no contact: 5 days done, 16 to your 21-day goal.\n")
    assert cli.ok("today", "--short").stdout == "NC 6/21\n"


def test_count_moves_with_the_calendar(cli: Cli) -> None:
    cli.start("2026-11-15")
    next_week = FIXED_TODAY + timedelta(days=7)
    assert cli.ok("today", "--short", today=next_week).stdout == "NC 19/30\n"


def test_clock_behind_notes_on_stderr(cli: Cli) -> None:
    cli.start("2026-11-15")
    result = cli.ok("today", "--short", today=date(2026, 11, 10))
    assert result.stdout == "NC 1/30\n"
    assert "earlier than your history" in result.stderr
    assert len(result.stderr_lines) == 1


# Where the data lives ----------------------------------------------------------------


def test_data_dir_before_and_after_subcommand(cli: Cli) -> None:
    cli.start("11 days ago")
    after = cli.ok("today", "--data-dir", str(cli.data_dir), data_dir=False)
    assert after.stdout == DAY_12 + "\n"
    after_short = cli.ok("today", "--short", "--data-dir", str(cli.data_dir), data_dir=False)
    assert after_short.stdout == "NC 12/30\n"
    before = cli.ok("--data-dir", str(cli.data_dir), "today", "--json", data_dir=False)
    assert json.loads(before.stdout)["day"] == 12


def test_data_dir_after_subcommand_for_writers(cli: Cli) -> None:
    cli.ok("start", "--on", "11 days ago", "--data-dir", str(cli.data_dir), data_dir=False)
    assert cli.plan_path.exists()
    assert cli.ok("today", "--short").stdout == "NC 12/30\n"


def test_env_override(cli: Cli, tmp_path: Path) -> None:
    cli.start("11 days ago")
    env = {"EXBACK_DATA_DIR": str(cli.data_dir)}
    assert cli.ok("today", data_dir=False, env=env).stdout == DAY_12 + "\n"
    assert cli.ok("today", "--short", data_dir=False, env=env).stdout == "NC 12/30\n"


def test_data_dir_beats_env(cli: Cli, tmp_path: Path) -> None:
    cli.start("11 days ago")
    other = tmp_path / "other"
    result = cli.ok("today", "--short", data_dir=cli.data_dir, env={"EXBACK_DATA_DIR": str(other)})
    assert result.stdout == "NC 12/30\n"
    assert not other.exists()


def test_env_override_for_writers(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "from-env"
    cli.ok("start", "--on", "11 days ago", data_dir=False, env={"EXBACK_DATA_DIR": str(folder)})
    assert (folder / "plan.json").exists()
    assert not cli.data_dir.exists()


def test_default_data_dir_is_xdg(cli: Cli, tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    cli.ok("start", "--on", "11 days ago", data_dir=False, env={"XDG_DATA_HOME": str(xdg)})
    assert (xdg / "exback" / "plan.json").exists()
    result = cli.ok("today", "--short", data_dir=False, env={"XDG_DATA_HOME": str(xdg)})
    assert result.stdout == "NC 12/30\n"


# --version and --help -------------------------------------------------------------------


@pytest.mark.parametrize("how", ["module", "script", "wrapper"])
def test_version(cli: Cli, how: str) -> None:
    result = cli.run("--version", data_dir=False, how=how)
    assert result.rc == 0, str(result)
    assert result.stdout == f"exback {exback_tui.__version__}\n"
    assert result.stderr == ""


@pytest.mark.parametrize(
    "command", [(), ("today",), ("start",), ("slip",), ("checkin",)], ids=lambda c: "-".join(c)
)
def test_help(cli: Cli, command: tuple[str, ...]) -> None:
    result = cli.run(*command, "--help", data_dir=False, how="module")
    assert result.rc == 0, str(result)
    assert result.stdout.startswith("usage: exback"), str(result)
    assert "--data-dir" in result.stdout
    assert result.stderr == ""


def test_help_lists_subcommands(cli: Cli) -> None:
    text = cli.ok("--help", data_dir=False, how="module").stdout
    for name in ("today", "start", "slip", "checkin"):
        assert name in text


def test_today_help_mentions_formats(cli: Cli) -> None:
    text = cli.ok("today", "--help", data_dir=False).stdout
    assert "--json" in text and "--short" in text


# Unknown subcommand or option --------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("bogus",),
        ("--bogus",),
        ("today", "--bogus"),
        ("today", "extra"),
        ("start", "--bogus"),
        ("slip", "--bogus"),
        ("checkin", "--mood", "3", "--urge", "2", "--bogus"),
        ("checkin", "--mood", "3"),
    ],
    ids=lambda a: " ".join(a),
)
def test_unknown_subcommand_or_option(cli: Cli, args: tuple[str, ...]) -> None:
    cli.start("11 days ago")
    before = FileState.of(cli.plan_path)
    result = cli.run(*args)
    assert_one_line_error(result)
    assert FileState.of(cli.plan_path) == before


# Damaged file ------------------------------------------------------------------------------


def _damage(cli: Cli) -> bytes:
    raw = cli.plan_path.read_bytes()
    cli.plan_path.write_bytes(raw[: len(raw) // 2])
    return cli.plan_path.read_bytes()


@pytest.mark.parametrize(
    "args",
    [("today",), ("today", "--json"), ("today", "--short"), ("slip",), ()],
    ids=lambda a: " ".join(a) or "the app",
)
def test_damaged_plan_file(cli: Cli, args: tuple[str, ...]) -> None:
    cli.start("11 days ago")
    _damage(cli)
    before = FileState.of(cli.plan_path)
    # With no command exback opens the app: it must refuse before the screen starts.
    result = cli.run(*args, stdin=subprocess.DEVNULL, timeout=30)
    assert_one_line_error(result, DAMAGED)
    assert str(cli.plan_path) in result.stderr
    assert FileState.of(cli.plan_path) == before
    copies = sorted(cli.data_dir.glob("plan.json.damaged-*"))
    assert len(copies) == 1, copies
    assert copies[0].read_bytes() == before.data
    assert copies[0].stat().st_mode & 0o777 == 0o600
    assert str(copies[0]) in result.stderr


def test_damaged_file_is_not_copied_twice(cli: Cli) -> None:
    cli.start("11 days ago")
    _damage(cli)
    for args in (("today",), ("today", "--short"), ("slip",), ("today", "--json")):
        assert cli.run(*args).rc == DAMAGED
    assert len(list(cli.data_dir.glob("plan.json.damaged-*"))) == 1


def test_not_json_at_all(cli: Cli) -> None:
    cli.start("11 days ago")
    cli.plan_path.write_bytes(b"\xff\xfe not text")
    before = FileState.of(cli.plan_path)
    result = cli.run("today", "--short")
    assert_one_line_error(result, DAMAGED)
    assert str(cli.plan_path) in result.stderr
    assert FileState.of(cli.plan_path) == before


# Import budget ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [(), ("--json",), ("--short",)], ids=["text", "json", "short"])
def test_today_import_budget_started(cli: Cli, fmt: tuple[str, ...]) -> None:
    cli.start("11 days ago")
    result = cli.run("today", *fmt, freeze="light", modules=True)
    assert result.rc == 0, str(result)
    assert result.modules, "the wrapper did not report sys.modules"
    assert "exback_tui.cli" in result.modules
    loaded = [name for name in TODAY_FORBIDDEN if _has(result.modules, name)]
    assert loaded == [], f"exback today {' '.join(fmt)} imported {loaded}"


@pytest.mark.parametrize("fmt", [(), ("--json",), ("--short",)], ids=["text", "json", "short"])
def test_today_import_budget_not_started(cli: Cli, fmt: tuple[str, ...]) -> None:
    result = cli.run("today", *fmt, freeze="light", modules=True)
    assert result.rc == 0, str(result)
    assert result.modules
    loaded = [name for name in TODAY_FORBIDDEN if _has(result.modules, name)]
    assert loaded == []


@pytest.mark.parametrize("placement", ["before", "after", "env"])
def test_today_import_budget_with_data_dir_anywhere(cli: Cli, placement: str) -> None:
    cli.start("11 days ago")
    folder = str(cli.data_dir)
    if placement == "before":
        result = cli.run(
            "--data-dir", folder, "today", "--short", data_dir=False, freeze="light", modules=True
        )
    elif placement == "after":
        result = cli.run(
            "today", "--short", "--data-dir", folder, data_dir=False, freeze="light", modules=True
        )
    else:
        result = cli.run(
            "today",
            "--short",
            data_dir=False,
            env={"EXBACK_DATA_DIR": folder},
            freeze="light",
            modules=True,
        )
    assert result.rc == 0 and result.stdout == "NC 12/30\n", str(result)
    assert result.modules
    loaded = [name for name in TODAY_FORBIDDEN if _has(result.modules, name)]
    assert loaded == []


def test_today_damaged_import_budget(cli: Cli) -> None:
    """Even the error path of `exback today` stays off the heavy imports."""
    cli.start("11 days ago")
    _damage(cli)
    result = cli.run("today", "--short", freeze="light", modules=True)
    assert result.rc == DAMAGED
    assert result.modules
    for name in ("textual", "tinydb", "dateutil"):
        assert not _has(result.modules, name), name


def test_light_wrapper_really_freezes(cli: Cli) -> None:
    """The import-budget runs freeze the date too (so their numbers are meaningful)."""
    cli.start("11 days ago")
    assert cli.ok("today", "--short", freeze="light").stdout == "NC 12/30\n"
    later = FIXED_TODAY + timedelta(days=3)
    assert cli.ok("today", "--short", freeze="light", today=later).stdout == "NC 15/30\n"


def test_a_closed_pipe_is_not_an_error(cli: Cli) -> None:
    cli.start("11 days ago")
    command = cli.command(["today", "--json"])
    # `exback today --json | head -0`: the reader is gone before anything is written.
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli.env(), cwd=cli.workdir
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    code = proc.wait(timeout=30)
    assert "Traceback" not in stderr
    assert code == 0
