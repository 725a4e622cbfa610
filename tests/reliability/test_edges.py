"""Issue 12, items 12-15: the command line at its edges, as real `exback` processes.

- 13: a closed pipe (`exback journal list | head -1`) is exit 0 and silent, for
  every command that prints;
- 14: a relative XDG_DATA_HOME is ignored, as the XDG spec asks, so the data
  folder never depends on the working folder;
- 12: a clock past 2262 (where CPython's clock overflows, as under faketime)
  says the clock looks wrong and exits 2, changing nothing;
- 15: a typo, "open elsewhere" and "a damaged file" end with different
  statuses, each listed in `--help`.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest

from exback_tui.exit_codes import BAD_INPUT, DAMAGED, LOCKED, OK
from tests.cli.conftest import Cli, assert_one_line_error, folder_state, running_holder
from tests.store.support import REPO_ROOT

# Commands that print enough to fill a pipe's first line and more.
PRINTING = (
    ("journal", "list"),
    ("journal", "list", "--json"),
    ("journal", "search", "entry"),
    ("journal", "search", "entry", "--json"),
    ("export",),
    ("export", "--format", "md"),
    ("today",),
    ("today", "--json"),
    ("--help",),
    ("completion", "bash"),
)


@pytest.fixture
def filled(cli: Cli) -> Cli:
    """A started plan and 400 entries: more than a pipe's buffer holds."""
    from datetime import datetime

    from exback_tui.service import ExBackService

    cli.start()
    with ExBackService(cli.data_dir).open(for_tui=False) as service:
        now = datetime(2026, 11, 20, 9, tzinfo=UTC)
        for number in range(400):
            service.add_entry(now, f"entry number {number}\nwith a second line " + "x" * 200)
    return cli


@pytest.mark.parametrize("args", PRINTING, ids=lambda a: " ".join(a))
def test_a_closed_pipe_is_exit_0_and_silent(filled: Cli, args: tuple[str, ...]) -> None:
    """Before the fix: `journal list | head -1` exited 2 with "exback: <datadir>: Broken pipe"."""
    command = filled.command(["--data-dir", str(filled.data_dir), *args])
    proc = subprocess.Popen(
        command,
        cwd=filled.workdir,
        env=filled.env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first byte, as `head -0` would be
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == OK, stderr
    assert stderr == b""


def test_a_closed_pipe_through_a_shell(filled: Cli) -> None:
    """The real thing: a pipe into `head -1`, the shell reporting exback's status."""
    command = " ".join(f"'{part}'" for part in filled.command(["--data-dir", str(filled.data_dir)]))
    for args in ("journal list", "journal list --json", "export"):
        proc = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {command} {args} | head -c 1 >/dev/null"],
            capture_output=True,
            env=filled.env(),
            cwd=filled.workdir,
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == b""


def test_a_relative_xdg_data_home_is_ignored(cli: Cli, tmp_path: Path) -> None:
    """Before the fix: the data folder was <working folder>/rel/exback."""
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_DATA_HOME": "rel"}
    result = cli.run("start", data_dir=False, env=env)
    assert result.rc == OK, str(result)
    assert not (cli.workdir / "rel").exists()
    assert (home / ".local" / "share" / "exback" / "plan.json").is_file()
    # And the lean `today` path agrees.
    today = cli.run("today", data_dir=False, env=env)
    assert today.rc == OK and today.stdout.startswith("Day 1 of no contact"), str(today)


# CPython's clock holds nanoseconds in 64 bits: past April 2262 every clock read
# raises OverflowError, as it does under faketime. This stands in for that clock.
PAST_2262 = r"""
import datetime, sys, time

def overflow(*args, **kwargs):
    raise OverflowError("timestamp too large to convert to C _PyTime_t")

time.time = time.time_ns = overflow

class Date(datetime.date):
    today = classmethod(overflow)

class DateTime(datetime.datetime):
    now = classmethod(overflow)
    today = classmethod(overflow)
    utcnow = classmethod(overflow)

datetime.date = Date
datetime.datetime = DateTime
from exback_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    "args",
    [
        ("today",),
        ("today", "--json"),
        ("checkin", "--mood", "5", "--urge", "3"),
        ("slip",),
        ("journal", "add", "an entry"),
        ("journal", "list", "--since", "3 days ago"),
        ("start",),
    ],
    ids=lambda a: " ".join(a),
)
def test_a_clock_past_2262_says_the_clock_looks_wrong(cli: Cli, args: tuple[str, ...]) -> None:
    """Before the fix: an OverflowError traceback, exit 1."""
    cli.start()
    cli.ok("journal", "add", "kept")
    before = folder_state(cli.data_dir)
    proc = subprocess.run(
        [sys.executable, "-c", PAST_2262, "--data-dir", str(cli.data_dir), *args],
        capture_output=True,
        text=True,
        env={**cli.env(), "PYTHONPATH": str(REPO_ROOT)},
        cwd=cli.workdir,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert proc.returncode == BAD_INPUT, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("exback: The computer's clock looks wrong"), proc.stderr
    assert folder_state(cli.data_dir) == before


HOLD_LOCK = r"""
import sys
from pathlib import Path
from exback_tui.service import ExBackService
service = ExBackService(Path(sys.argv[1])).open(for_tui=True)
print("ready", flush=True)
sys.stdin.read() if sys.stdin else None
import time
time.sleep(600)
"""


def test_a_script_can_tell_a_typo_from_open_elsewhere_from_damaged(cli: Cli) -> None:
    cli.start()
    typo = cli.run("checkin", "--mood", "eleven", "--urge", "3")
    assert_one_line_error(typo, BAD_INPUT)
    with running_holder(cli, HOLD_LOCK):
        locked = cli.run("journal", "add", "while open", env={})
    assert_one_line_error(locked, LOCKED)
    cli.plan_path.write_text("{ not json")
    damaged = cli.run("today")
    assert_one_line_error(damaged, DAMAGED)
    assert len({BAD_INPUT, LOCKED, DAMAGED}) == 3
    helped = cli.ok("--help").stdout
    for status in (BAD_INPUT, LOCKED, DAMAGED):
        assert f"\n  {status}  " in helped
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for status in (BAD_INPUT, LOCKED, DAMAGED):
        assert f"| {status} |" in readme or f"`{status}`" in readme, status
