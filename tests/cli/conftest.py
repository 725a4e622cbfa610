"""Run the real `exback` command in a subprocess, with "today" frozen.

The command line reads `date.today()`. To control it in a child process the
`cli` fixture runs a tiny wrapper (`python -c WRAPPER ...`) that freezes the
date, then calls `exback_tui.cli.main` with the remaining arguments:

- `freeze="travel"` (the default) uses `time_machine.travel(..., tick=False)`.
- `freeze="light"` swaps `exback_tui.cli.today.date` (the lean `exback today`
  path's clock) for a subclass whose `today()` is fixed. Import-budget tests
  use it, because importing time_machine itself pulls in dateutil, argparse,
  dataclasses and pytest, which would hide what the command imports.
- `how="module"` / `how="script"` run `python -m exback_tui` or the installed
  `exback` command as they are, on the real clock.

With `modules_file`, the wrapper writes `sorted(sys.modules)` there once the
command is done (even if it ended by SystemExit, as --help does).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from exback_tui.exit_codes import BAD_INPUT
from tests.conftest import FIXED_TODAY

WRAPPER = r"""
import sys

freeze, when, modules_file, *argv = sys.argv[1:]


def _dump():
    if modules_file:
        with open(modules_file, "w", encoding="utf-8") as out:
            out.write("\n".join(sorted(sys.modules)))


if freeze == "travel":
    import datetime as _dt

    # time_machine imports pytest (for its plugin) when it can: about 0.3 s a
    # run that this wrapper does not need. Hide pytest while it loads.
    sys.modules["pytest"] = None
    import time_machine

    del sys.modules["pytest"]

    _day = _dt.date.fromisoformat(when)
    # Local noon, so the local calendar date is `when` whatever the time zone.
    _noon = _dt.datetime.combine(_day, _dt.time(12)).astimezone()
    time_machine.travel(_noon, tick=False).start()
    import exback_tui.cli as _cli
elif freeze == "light":
    from datetime import date as _date

    import exback_tui.cli as _cli
    import exback_tui.cli.today as _today

    _fixed = _date.fromisoformat(when)

    class _FrozenDate(_date):
        @classmethod
        def today(cls):
            return _fixed

    _today.date = _FrozenDate
else:
    import exback_tui.cli as _cli

try:
    _status = _cli.main(argv)
except SystemExit as _exit:
    _dump()
    raise
_dump()
sys.stdout.flush()
sys.exit(_status)
"""

RunArg = str | bytes | os.PathLike


@dataclass
class Result:
    """What a finished `exback` run left behind."""

    rc: int
    stdout: str
    stderr: str
    modules: frozenset[str] | None = None

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()

    def __str__(self) -> str:  # shown by pytest when an assertion fails
        return f"rc={self.rc}\n--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"


@dataclass(frozen=True)
class FileState:
    """A file's bytes and modification time, to prove a command left it alone."""

    data: bytes
    mtime_ns: int
    mode: int

    @classmethod
    def of(cls, path: Path) -> FileState:
        stat = path.stat()
        return cls(path.read_bytes(), stat.st_mtime_ns, stat.st_mode)


def folder_state(folder: Path) -> dict[str, FileState]:
    """Every file in `folder` (not recursive) with its bytes and mtime."""
    return {p.name: FileState.of(p) for p in sorted(folder.iterdir()) if p.is_file()}


class Cli:
    """Runs exback against one data folder; see the module docstring."""

    def __init__(self, data_dir: Path, workdir: Path) -> None:
        self.data_dir = data_dir
        self.workdir = workdir
        self.today: date = FIXED_TODAY

    @property
    def plan_path(self) -> Path:
        return self.data_dir / "plan.json"

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("EXBACK_DATA_DIR", None)
        env["PYTHONUTF8"] = "1"
        env.pop("PYTHONSTARTUP", None)
        if extra:
            env.update(extra)
        return env

    def command(
        self,
        args: Sequence[RunArg],
        *,
        how: str = "wrapper",
        freeze: str = "travel",
        today: date | None = None,
        modules_file: Path | None = None,
    ) -> list[RunArg]:
        if how == "module":
            return [sys.executable, "-m", "exback_tui", *args]
        if how == "script":
            script = Path(sys.executable).with_name("exback")
            if not script.exists():
                found = shutil.which("exback")
                assert found, "the exback command is not installed"
                script = Path(found)
            return [str(script), *args]
        assert how == "wrapper", how
        when = (today or self.today).isoformat()
        return [
            sys.executable,
            "-c",
            WRAPPER,
            freeze,
            when,
            str(modules_file or ""),
            *args,
        ]

    def run(
        self,
        *args: RunArg,
        data_dir: Path | None | bool = True,
        env: dict[str, str] | None = None,
        how: str = "wrapper",
        freeze: str = "travel",
        today: date | None = None,
        modules: bool = False,
        stdin: int | None = subprocess.DEVNULL,
        timeout: float = 60,
    ) -> Result:
        """Run `exback ARGS`; `--data-dir` goes first unless `data_dir` is False/None.

        `data_dir=True` means this fixture's folder; a Path means that folder.
        """
        full: list[RunArg] = list(args)
        if data_dir is True:
            full = ["--data-dir", str(self.data_dir), *full]
        elif isinstance(data_dir, Path):
            full = ["--data-dir", str(data_dir), *full]
        modules_file = None
        if modules:
            assert how == "wrapper"
            modules_file = self.workdir / f"modules-{os.urandom(4).hex()}.txt"
        cmd = self.command(full, how=how, freeze=freeze, today=today, modules_file=modules_file)
        proc = subprocess.run(
            cmd,
            cwd=self.workdir,
            env=self.env(env),
            stdin=stdin,
            capture_output=True,
            timeout=timeout,
        )
        loaded = None
        if modules_file is not None and modules_file.exists():
            loaded = frozenset(modules_file.read_text(encoding="utf-8").split("\n"))
        return Result(
            proc.returncode,
            proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"),
            loaded,
        )

    def ok(self, *args: RunArg, **kwargs) -> Result:
        """Run and require exit status 0."""
        result = self.run(*args, **kwargs)
        assert result.rc == 0, str(result)
        return result

    def start(self, on: str = "11 days ago", *extra: str, **kwargs) -> Result:
        """`exback start --on ON`, which must succeed."""
        return self.ok("start", "--on", on, *extra, **kwargs)


@pytest.fixture
def cli(data_dir: Path, tmp_path: Path) -> Cli:
    """Runs exback in subprocesses against `data_dir`, with today frozen at FIXED_TODAY."""
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    return Cli(data_dir, workdir)


def assert_one_line_error(result: Result, status: int = BAD_INPUT) -> None:
    """Exit `status` (bad input unless said), nothing on stdout, one `exback:` line on stderr."""
    assert result.rc == status, str(result)
    assert result.stdout == "", str(result)
    lines = result.stderr_lines
    assert len(lines) == 1, str(result)
    assert lines[0].startswith("exback:"), str(result)
    assert "Traceback" not in result.stderr


@contextmanager
def running_holder(cli: Cli, script: str) -> Iterator[subprocess.Popen[str]]:
    """Run `script` (given the data folder) until it prints "ready"; kill it afterwards.

    Used to stand in for a running app that holds the data lock.
    """
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(cli.data_dir)],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=cli.workdir,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        yield holder
    finally:
        holder.kill()
        holder.wait(timeout=10)
        if holder.stdout is not None:
            holder.stdout.close()
