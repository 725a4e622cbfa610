"""Issue 5, item 4: two exbacks at once, as real processes in real terminals.

- A second app, started while the first is open (tmux), says exback is
  already open and exits with status 3 (LOCKED) before Textual even starts (no
  alternate screen on its pty), leaving every file as it was, bytes and
  times.
- A command-line write while the app is open waits briefly (WRITE_LOCK_WAIT)
  then fails with one clear line (status 3), changing nothing; the app goes
  on saving; after it closes the same command succeeds. Nothing is lost and
  nothing is stored twice; no "Document with ID ... already exists" anywhere.
- A command-line write started while the app is open goes through once the
  app closes within the wait.
- Many command-line writers at once: each one's entry lands exactly once.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from exback_tui.cli.common import WRITE_LOCK_WAIT
from exback_tui.exit_codes import LOCKED
from exback_tui.store.journal.store import read_journal
from exback_tui.store.plan.snapshot import read_plan_state
from tests.reliability.terminal import Tmux, exback_command, exback_env, run_in_pty

APP_READY = ("Today's check-in", "? Keys")
ALREADY_OPEN = "exback is already open in another terminal"
CLI_REFUSED = "exback is open in another terminal, so this change wasn't made"
DUPLICATE_ID = "already exists"


@pytest.fixture
def folder(tmp_path: Path, home: Path) -> Path:
    """A data folder with a plan started 10 days ago and one journal entry."""
    data = tmp_path / "exback-data"
    for args in (("start", "--on", "10 days ago"), ("journal", "add", "the first entry")):
        run_exback(data, home, *args).check_returncode()
    return data


@pytest.fixture
def tmux(tmp_path: Path, home: Path) -> Iterator[Tmux]:
    terminal = Tmux(tmp_path, home)
    yield terminal
    terminal.close()


def run_exback(data: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        exback_command(data, *args),
        env=exback_env(home),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def folder_state(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's bytes, modification time and mode."""
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
        for p in sorted(folder.iterdir())
    }


def open_app(tmux: Tmux, folder: Path, name: str = "first") -> None:
    tmux.run(name, exback_command(folder))
    tmux.wait_for(name, *APP_READY)


def write_in_app(tmux: Tmux, name: str, text: str) -> None:
    """Write a journal entry in the app with the keys a person would press."""
    tmux.send(name, "n")
    tmux.wait_for(name, "New entry")
    tmux.send(name, text, "C-s")
    tmux.wait_for(name, "Saved")


def texts(folder: Path) -> list[str]:
    return sorted(entry.text for entry in read_journal(folder))


def test_a_second_app_says_exback_is_already_open_and_touches_nothing(
    tmux: Tmux, folder: Path, home: Path
) -> None:
    open_app(tmux, folder)
    before = folder_state(folder)
    started = time.monotonic()
    status, output = run_in_pty(exback_command(folder), home)
    took = time.monotonic() - started
    shown = output.decode("utf-8", "replace")
    assert status == LOCKED, shown
    assert ALREADY_OPEN in " ".join(shown.split()), shown
    assert b"\x1b[?1049h" not in output, "the second exback started its full screen"
    assert "Traceback" not in shown
    assert folder_state(folder) == before
    assert took < 10

    # The first one is unharmed: it saves, and quits cleanly.
    write_in_app(tmux, "first", "written in the first app")
    tmux.send("first", "q")
    assert tmux.exit_status("first") == 0
    assert texts(folder) == ["the first entry", "written in the first app"]


def test_a_command_line_write_while_the_app_is_open_waits_then_fails_clearly(
    tmux: Tmux, folder: Path, home: Path
) -> None:
    export = folder.parent / "export.json"
    run_exback(folder, home, "export", "--format", "json", "--output", str(export))
    open_app(tmux, folder)
    before = folder_state(folder)
    for args in (
        ("journal", "add", "from the command line"),
        ("checkin", "--mood", "3", "--urge", "4"),
        ("import", str(export)),
    ):
        started = time.monotonic()
        result = run_exback(folder, home, *args)
        took = time.monotonic() - started
        assert result.returncode == LOCKED, (args, result.stderr)
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert line.startswith("exback: ") and CLI_REFUSED in line, (args, line)
        assert took >= WRITE_LOCK_WAIT * 0.9, (args, took)
        assert folder_state(folder) == before, args

    # Reading needs no lock: a list and an export work while the app is open.
    listed = run_exback(folder, home, "journal", "list")
    assert listed.returncode == 0 and "the first entry" in listed.stdout

    write_in_app(tmux, "first", "written in the app")
    tmux.send("first", "q")
    assert tmux.exit_status("first") == 0
    assert DUPLICATE_ID not in tmux.screen("first")

    again = run_exback(folder, home, "journal", "add", "from the command line")
    assert again.returncode == 0, again.stderr
    assert texts(folder) == ["from the command line", "the first entry", "written in the app"]


def test_a_command_line_write_goes_through_once_the_app_closes(
    tmux: Tmux, folder: Path, home: Path
) -> None:
    open_app(tmux, folder)
    write_in_app(tmux, "first", "written in the app")
    waiting = subprocess.Popen(
        exback_command(folder, "checkin", "--mood", "2", "--urge", "8"),
        env=exback_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    time.sleep(WRITE_LOCK_WAIT / 4)
    tmux.send("first", "q")  # the app closes while the command waits for the lock
    assert tmux.exit_status("first") == 0
    out, err = waiting.communicate(timeout=30)
    assert waiting.returncode == 0, err
    assert "Check-in saved" in out
    assert texts(folder) == ["the first entry", "written in the app"]
    assert [(c.mood, c.urge) for c in read_plan_state(folder).checkins] == [(2, 8)]


def test_many_command_line_writers_at_once_each_land_once(folder: Path, home: Path) -> None:
    writers = [
        subprocess.Popen(
            exback_command(folder, "journal", "add", f"writer {n}"),
            env=exback_env(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        for n in range(8)
    ]
    landed = ["the first entry"]
    for n, writer in enumerate(writers):
        out, err = writer.communicate(timeout=60)
        assert DUPLICATE_ID not in err and "Traceback" not in err
        if writer.returncode == 0:
            landed.append(f"writer {n}")
        else:  # waited WRITE_LOCK_WAIT and gave up: allowed, and then said clearly
            assert writer.returncode == LOCKED and CLI_REFUSED in err, err
    assert texts(folder) == sorted(landed)
    assert len(landed) > 1
    print(f"\n8 command-line writers at once: {len(landed) - 1} landed once each, none twice")
