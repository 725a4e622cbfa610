"""Issue 5, item 1: SIGKILL at random instants while saving the journal and the plan.

A fork server (kill_writer.py) hands out fresh writer processes; each opens
the data folder and saves journal inserts, edits, soft deletes and purges
(the file grows and shrinks) and whole plans whose attempts grow and shrink,
printing "ACK n" after each save returned. The test kills each writer with
SIGKILL after a random delay (some before its first save, during the open
and the sweep of temp files), then checks:

- both files parse (read without the lock, as `exback today` and
  `exback journal list` do);
- each holds exactly the state after the last acknowledged operation, or
  after the one in flight (never a mix, never less: no acknowledged write
  lost, nothing that was never started);
- the next open sweeps every temp file the killed writer left;
- the folder stays 0700 and every file in it 0600.

300 kills by default (EXBACK_DEEP=1 or --deep: 3,000);
EXBACK_CRASH_SEED replays a run. The figures are printed at the end.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.journal import Entry
from exback_tui.domain.plan import NoContactPlan
from exback_tui.service import ExBackService
from exback_tui.store.errors import StoreError
from exback_tui.store.journal.store import read_journal
from exback_tui.store.plan.snapshot import read_plan_state
from tests.reliability import kill_writer as ops
from tests.reliability.conftest import scaled
from tests.store.support import PYTHON, REPO_ROOT, mode, subprocess_env, temp_files

# A kill campaign in child processes: make test runs it, make test-fast skips it.
pytestmark = pytest.mark.slow

KILLS = scaled(300, 3000)
# Most kills land while saves run back to back; some before the first save.
EARLY_KILL_SHARE = 0.15
MAX_DELAY = 0.012


@dataclass
class Expected:
    """What the files must hold after the operations confirmed so far."""

    done: int = 0  # operations 0..done are on disk
    journal: dict[str, Entry] = field(default_factory=dict)
    plan: NoContactPlan = field(default_factory=ops.initial_plan)
    checkins: dict = field(default_factory=dict)

    def after(self, n: int) -> Expected:
        """The state once operation n (the next one) has landed."""
        assert n == self.done + 1
        if ops.is_journal_op(n):
            return Expected(n, ops.apply_journal(self.journal, n), self.plan, self.checkins)
        plan, checkin = ops.plan_step(n)
        checkins = dict(self.checkins)
        if checkin is not None:
            checkins[checkin.on] = checkin
        return Expected(n, self.journal, plan, checkins)

    def matches(self, journal: dict[str, Entry], plan, checkins: tuple[CheckIn, ...]) -> bool:
        expected_checkins = tuple(self.checkins[day] for day in sorted(self.checkins))
        return journal == self.journal and plan == self.plan and checkins == expected_checkins


class ForkServer:
    """The kill_writer fork server, run for the whole test."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [PYTHON, "-m", "tests.reliability.kill_writer", "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=REPO_ROOT,
            env=subprocess_env(),
            bufsize=0,
        )
        self._buffer = b""

    def line(self, timeout: float = 20.0) -> str:
        """The next line the server or its child wrote."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.proc.stdout], [], [], max(left, 0))
            if not ready:
                raise AssertionError(f"the writer said nothing for {timeout} s")
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError(f"the fork server died: {self.proc.stderr.read()!r}")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode()

    def start(self, folder: Path, first: int) -> int:
        self.proc.stdin.write(f"RUN {folder} {first}\n".encode())
        words = self.line().split()
        assert words[0] == "PID", words
        return int(words[1])

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=10)
        self.proc.stdout.close()
        self.proc.stderr.close()


@pytest.fixture
def server():
    started = ForkServer()
    yield started
    if started.proc.poll() is None:
        started.close()


@dataclass
class Figures:
    kills: int = 0
    in_a_save: int = 0  # killed between BEGIN n and ACK n
    before_first_save: int = 0
    in_flight_landed: int = 0
    temp_files_left: int = 0
    acknowledged: int = 0
    unreadable: int = 0
    lost: int = 0


def read_state(folder: Path) -> tuple[dict[str, Entry], NoContactPlan, tuple[CheckIn, ...]]:
    """Both files as a reader without the lock sees them; StoreError if one doesn't parse."""
    journal = {entry.id: entry for entry in read_journal(folder)}
    state = read_plan_state(folder)
    return journal, state.plan, state.checkins


def test_sigkill_during_journal_and_plan_saves_loses_no_acknowledged_write(
    data_dir: Path, server: ForkServer
) -> None:
    seed = int(os.environ.get("EXBACK_CRASH_SEED", random.randrange(2**32)))
    rng = random.Random(seed)
    with ExBackService(data_dir).open(for_tui=False) as service:  # operation 0
        service.store.save(ops.initial_plan())
    expected = Expected()
    figures = Figures()
    started = time.monotonic()

    for run in range(KILLS):
        first = expected.done + 1
        pid = server.start(data_dir, first)
        lines: list[str] = []
        if rng.random() < EARLY_KILL_SHARE:
            time.sleep(rng.uniform(0, 0.004))  # during the open, the sweep or the first save
        else:
            while not (lines and lines[-1].startswith(("ACK", "ERROR"))):
                lines.append(server.line())
            time.sleep(rng.uniform(0, MAX_DELAY))
        os.kill(pid, signal.SIGKILL)
        while not (lines and lines[-1].startswith("DONE")):
            lines.append(server.line())
        context = f"seed {seed}, run {run}"
        errors = [line for line in lines if line.startswith("ERROR")]
        assert not errors, f"{context}: the writer failed: {errors}"
        status = int(lines[-1].split()[1])
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, context
        figures.kills += 1

        acked = [int(line.split()[1]) for line in lines if line.startswith("ACK")]
        begun = [int(line.split()[1]) for line in lines if line.startswith("BEGIN")]
        assert acked == list(range(first, first + len(acked))), f"{context}: {lines}"
        figures.acknowledged += len(acked)
        if not acked:
            figures.before_first_save += 1
        in_flight = first + len(acked)
        if begun and begun[-1] == in_flight:
            figures.in_a_save += 1

        try:
            on_disk = read_state(data_dir)
        except StoreError as error:
            figures.unreadable += 1
            raise AssertionError(
                f"{context}: a file no longer parses: {error}; {figures}"
            ) from None
        for n in acked:
            expected = expected.after(n)
        if expected.matches(*on_disk):
            pass  # the operation in flight had not landed (or changes nothing)
        else:
            landed = expected.after(in_flight)
            if not landed.matches(*on_disk):
                figures.lost += 1
                raise AssertionError(
                    f"{context}: the files hold neither the state after the last acknowledged "
                    f"operation ({first + len(acked) - 1}) nor the one in flight; {figures}"
                )
            expected = landed
            figures.in_flight_landed += 1

        # The next open sweeps what the killed writer left, and the modes hold.
        figures.temp_files_left += bool(temp_files(data_dir))
        with ExBackService(data_dir).open(for_tui=False) as service:
            service.journal  # noqa: B018 - opening the journal sweeps its temp files
            assert temp_files(data_dir) == [], context
        assert mode(data_dir) == 0o700, context
        for path in data_dir.iterdir():
            assert mode(path) == 0o600, f"{context}: {path.name}"
        names = {p.name for p in data_dir.iterdir()}
        assert names <= {"exback.lock", "journal.json", "plan.json"}, f"{context}: {names}"

    names = sorted(p.name for p in data_dir.iterdir())
    assert names == ["exback.lock", "journal.json", "plan.json"], names
    assert figures.kills >= 200
    assert figures.in_a_save >= figures.kills // 4, f"too few kills landed in a save: {figures}"
    assert figures.unreadable == 0 and figures.lost == 0
    print(
        f"\nSIGKILL during saves (seed {seed}): {figures.kills} kills "
        f"({figures.in_a_save} inside a save, {figures.before_first_save} before the first), "
        f"{figures.acknowledged} acknowledged writes, {figures.unreadable} unreadable files, "
        f"{figures.lost} acknowledged writes lost, {figures.in_flight_landed} in-flight writes "
        f"landed whole, {figures.temp_files_left} kills left temp files (all swept), "
        f"{time.monotonic() - started:.1f} s"
    )
