"""A real exback in a real terminal (tmux), killed with SIGKILL mid-entry: the draft survives.

This is the promise in the journal issue: a crash or a closed terminal
loses at most a few seconds of typing, and the next start offers the draft
back. The app runs as its own process on a private tmux server, with a
short autosave interval (EXBACK_AUTOSAVE_SECONDS) so the test doesn't wait
long.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from exback_tui.store.journal.draft import DRAFT_FILE

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

ROOT = Path(__file__).resolve().parents[2]
TYPED = "dear you, I almost wrote back"

WRAPPER = """\
import os, sys
from pathlib import Path

Path(sys.argv[1]).write_text(str(os.getpid()))
from exback_tui.cli import main

sys.exit(main([]))
"""


def wait_for(
    check: Callable[[], object], what: str, timeout: float = 60.0, screen: str = ""
) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(
        f"timed out waiting for {what}" + (f"; the screen:\n{screen}" if screen else "")
    )


class Tmux:
    """A tmux server of our own, so no session of anyone else's is touched."""

    def __init__(self) -> None:
        self.socket = f"exback-test-{uuid.uuid4().hex[:12]}"
        self.socket_path: Path | None = None

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return result.stdout

    def start(self, name: str, command: str) -> None:
        self.run("new-session", "-d", "-s", name, "-x", "100", "-y", "30", command)
        if self.socket_path is None:
            self.socket_path = Path(self.run("display-message", "-p", "#{socket_path}").strip())

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def keys(self, name: str, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", name, *(["-l"] if literal else []), *keys)

    def kill_server(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)
        if self.socket_path is not None and self.socket_path.name == self.socket:
            self.socket_path.unlink(missing_ok=True)


def test_a_killed_app_offers_the_draft_back(tmp_path: Path):
    data_dir = tmp_path / "data"
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "EXBACK_DATA_DIR": str(data_dir),
    }
    subprocess.run(
        [sys.executable, "-m", "exback_tui", "start", "--on", "3 days ago"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=60,
    )
    wrapper = tmp_path / "run_exback.py"
    wrapper.write_text(WRAPPER)
    pid_file = tmp_path / "exback.pid"
    variables = {
        "HOME": env["HOME"],
        "XDG_DATA_HOME": env["XDG_DATA_HOME"],
        "EXBACK_DATA_DIR": str(data_dir),
        "EXBACK_AUTOSAVE_SECONDS": "0.5",
        "PYTHONPATH": str(ROOT),
    }
    prefix = " ".join(f"{k}='{v}'" for k, v in variables.items())
    command = f"cd '{ROOT}' && env {prefix} '{sys.executable}' '{wrapper}' '{pid_file}'"
    draft_path = data_dir / DRAFT_FILE

    tmux = Tmux()
    try:
        tmux.start("first", command)
        wait_for(lambda: "Attempts 1 · Total 3 days" in tmux.screen("first"), "the dashboard")
        tmux.keys("first", "n")
        wait_for(lambda: "^s Save" in tmux.screen("first"), "the editor")
        tmux.keys("first", TYPED, literal=True)
        wait_for(
            lambda: TYPED in tmux.screen("first"), "the typed text", screen=tmux.screen("first")
        )

        def draft_text() -> str:
            try:
                return orjson.loads(draft_path.read_bytes())["text"]
            except (OSError, orjson.JSONDecodeError):
                return ""

        wait_for(
            lambda: draft_text() == TYPED,
            "the autosaved draft",
            screen=repr(draft_text()) + str(sorted(os.listdir(data_dir))) + tmux.screen("first"),
        )
        pid = int(pid_file.read_text())
        os.kill(pid, signal.SIGKILL)
        wait_for(lambda: not _alive(pid), "the app to die")

        draft = orjson.loads(draft_path.read_bytes())
        assert draft["text"] == TYPED
        assert draft["editing"] is None

        pid_file.unlink()
        tmux.start("second", command)
        shown = wait_for(
            lambda: (s := tmux.screen("second")) and "unsaved entry" in s and s,
            "the draft offer",
        )
        assert "You have an unsaved entry from today at" in str(shown)
        assert "It begins: dear you, I almost wrote back" in str(shown)
        tmux.keys("second", "Enter")  # "Open it" has the focus
        wait_for(lambda: "^s Save" in tmux.screen("second"), "the editor")
        wait_for(lambda: TYPED in tmux.screen("second"), "the draft reopened")
    finally:
        tmux.kill_server()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child of tmux may linger as a zombie until tmux reaps it.
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False
