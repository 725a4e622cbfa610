"""Run the real `exback` in a real terminal: tmux for a screen to read and keys to send,
`script` for a pty whose raw output can be checked. Not a test module.

Each `Tmux` has a server of its own (its own socket), so tests never see or
touch any other tmux; `close()` ends that server and what runs in it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.store.support import REPO_ROOT


def exback_env(home: Path) -> dict[str, str]:
    """The environment a person's terminal would give exback, with `home` as HOME."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "TMUX", "EXBACK_"))
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        TERM="xterm-256color",
        COLORTERM="truecolor",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")])),
        PYTHONDONTWRITEBYTECODE="1",
        LANG="C.UTF-8",
    )
    env.pop("TEXTUAL", None)
    env.pop("NO_COLOR", None)
    return env


def exback_command(data_dir: Path, *args: str) -> list[str]:
    """`exback --data-dir DIR ARGS` as this checkout's interpreter runs it."""
    return [sys.executable, "-m", "exback_tui", "--data-dir", str(data_dir), *args]


class Tmux:
    """A private tmux server running commands in 80x24 windows."""

    def __init__(self, workdir: Path, home: Path, size: tuple[int, int] = (80, 24)) -> None:
        assert shutil.which("tmux"), "tmux is needed for the terminal tests (apt-get install tmux)"
        self.socket = f"exback-test-{os.getpid()}-{os.urandom(3).hex()}"
        self.size = size
        self.env = exback_env(home)
        self.config = workdir / "tmux.conf"
        self.config.write_text("set -g remain-on-exit on\nset -g status off\n")
        self.workdir = workdir
        self._started = False

    def _tmux(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=20,
            cwd=self.workdir,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"tmux {args[0]} failed: {proc.stderr}")
        return proc.stdout

    def run(self, name: str, command: list[str]) -> None:
        """Start `command` in a new window called `name`."""
        # The exit status goes to a file: tmux can be slow to see a pane's process end.
        status = self.workdir / f"{name}.status"
        status.unlink(missing_ok=True)
        shell = " ".join(_quote(part) for part in command)
        done, part = _quote(str(status)), _quote(f"{status}.part")
        shell = f"{shell}; echo $? > {part}; mv {part} {done}"
        width, height = self.size
        if not self._started:
            self._tmux(
                "new-session",
                "-d",
                "-s",
                "t",
                "-n",
                name,
                "-x",
                str(width),
                "-y",
                str(height),
                shell,
            )
            self._started = True
        else:
            self._tmux("new-window", "-d", "-t", "t", "-n", name, shell)
            self._tmux("resize-window", "-t", f"t:{name}", "-x", str(width), "-y", str(height))

    def screen(self, name: str, *, history: bool = False) -> str:
        """What window `name` shows now (with `history`, the lines scrolled off above too)."""
        extra = ("-S", "-", "-J") if history else ()
        return self._tmux("capture-pane", "-p", *extra, "-t", f"t:{name}")

    def send(self, name: str, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", f"t:{name}", key)
            time.sleep(0.15)

    def wait_for(self, name: str, *texts: str, timeout: float = 20.0) -> str:
        """The screen once it shows every one of `texts`; AssertionError after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen(name)
            if all(text in " ".join(shown.split()) for text in texts):
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen never showed {texts!r}:\n{shown}")
            time.sleep(0.1)

    def exit_status(self, name: str, timeout: float = 20.0) -> int:
        """The exit status of window `name`'s command, once it has ended."""
        status = self.workdir / f"{name}.status"
        deadline = time.monotonic() + timeout
        while not status.exists():
            if time.monotonic() > deadline:
                raise AssertionError(f"{name} is still running:\n{self.screen(name)}")
            time.sleep(0.05)
        return int(status.read_text())

    def close(self) -> None:
        if self._started:
            self._tmux("kill-server", check=False)


def _quote(part: str) -> str:
    import shlex

    return shlex.quote(part)


def run_in_pty(command: list[str], home: Path, timeout: float = 30.0) -> tuple[int, bytes]:
    """Run `command` on a real pty (util-linux `script`): its exit status and raw output."""
    import shlex

    proc = subprocess.run(
        ["script", "-qefc", " ".join(shlex.quote(p) for p in command), "/dev/null"],
        capture_output=True,
        env=exback_env(home),
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )
    return proc.returncode, proc.stdout
