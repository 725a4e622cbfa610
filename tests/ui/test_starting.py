"""Issue 10, item 6: bare `exback` without a terminal, and the app built with no arguments."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from exback_tui.app import ExBackApp
from exback_tui.cli.tui import NEEDS_A_TERMINAL
from exback_tui.exit_codes import BAD_INPUT


def _bare_exback(data_dir: Path, out: Path) -> subprocess.CompletedProcess[bytes]:
    with out.open("wb") as stdout:
        return subprocess.run(
            [sys.executable, "-m", "exback_tui", "--data-dir", str(data_dir)],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )


def test_without_a_terminal_exback_says_so_and_writes_nothing_to_stdout(tmp_path: Path) -> None:
    out = tmp_path / "out"
    data = tmp_path / "data"
    result = _bare_exback(data, out)
    assert result.returncode == BAD_INPUT
    assert out.read_bytes() == b""
    assert result.stderr.decode() == f"exback: {NEEDS_A_TERMINAL}\n"
    assert "exback today" in NEEDS_A_TERMINAL
    assert not data.exists()  # refused: nothing created


def test_without_a_terminal_a_started_exback_says_the_same(tmp_path: Path) -> None:
    data = tmp_path / "data"
    subprocess.run(
        [sys.executable, "-m", "exback_tui", "--data-dir", str(data), "start", "--on", "today"],
        check=True,
        capture_output=True,
    )
    before = (data / "plan.json").read_bytes()
    out = tmp_path / "out"
    result = _bare_exback(data, out)
    assert result.returncode == BAD_INPUT
    assert out.read_bytes() == b""
    assert b"needs a terminal" in result.stderr
    assert (data / "plan.json").read_bytes() == before


async def test_the_app_with_no_arguments_opens_the_default_data_folder() -> None:
    """What `textual run --dev exback_tui.app:ExBackApp` does: no service passed in."""
    app = ExBackApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "OnboardingScreen"
        assert app.service.data_dir == Path.home() / ".local" / "share" / "exback"
    # Closed with the app: another one can take the lock.
    again = ExBackApp()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(again.screen).__name__ == "OnboardingScreen"
