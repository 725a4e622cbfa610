"""Kill a writer with SIGKILL at random instants: every acknowledged save survives, whole.

A real process (writer_proc.py) opens the data folder and saves check-ins,
slips and restarts in a loop, printing "ACK <n>" after each save returns.
After each kill the plan file must parse, hold every acknowledged operation
(and nothing that was never started), and the next open must sweep the
writer's temp files. EXBACK_DEEP=1 kills 500 times instead of 60;
EXBACK_CRASH_SEED replays a run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.plan import Attempt
from exback_tui.service import ExBackService
from exback_tui.store.plan.snapshot import PlanState, read_plan_state
from tests.store import writer_proc as ops
from tests.store.support import PYTHON, WRITER, damaged_copies, mode, subprocess_env, temp_files

DEEP = os.environ.get("EXBACK_DEEP") == "1"
KILLS = 500 if DEEP else 60


def start_writer(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, str(WRITER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    )


def kill(proc: subprocess.Popen) -> tuple[bytes, bytes]:
    os.kill(proc.pid, signal.SIGKILL)
    # Read through the buffered file objects, not communicate(): communicate
    # reads the raw pipes and would drop ACK lines readline() already buffered.
    out = proc.stdout.read()
    err = proc.stderr.read()
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")
    return out, err


def expected_state(applied: list[int]) -> tuple[list[Attempt], list[CheckIn]]:
    """The plan file's content after operations 0 (begin), then `applied`, in order."""
    attempts = [Attempt(ops.op_day(0))]
    checkins = []
    for n in applied:
        today = ops.op_day(n)
        kind = ops.op_kind(n)
        if kind == "checkin":
            checkins.append(CheckIn(today, *ops.op_checkin(n), False))
        else:
            trigger = ops.op_trigger(n) if kind == "slip" else ""
            attempts[-1] = attempts[-1]._replace(end=today, ended_by=kind, trigger=trigger)
            attempts.append(Attempt(today))
    return attempts, checkins


def check_after_kill(folder: Path, acked: list[int], unsure: set[int]) -> PlanState:
    """The file holds every acked op, and of the unacked ones only those that may have landed."""
    state = read_plan_state(folder)  # parses: no DamagedFile
    assert not damaged_copies(folder)
    assert state.plan is not None
    # Which of the operations that were started but never acknowledged landed?
    recorded = {c.on for c in state.checkins} | {a.end for a in state.plan.attempts if a.end}
    landed = sorted(n for n in unsure if ops.op_day(n) in recorded)
    applied = sorted([*acked, *landed])
    attempts, checkins = expected_state(applied)
    assert list(state.plan.attempts) == attempts
    assert list(state.checkins) == checkins
    assert len(state.checkins) >= sum(ops.op_kind(n) == "checkin" for n in acked)
    return state


def test_sigkill_at_random_instants_loses_no_acknowledged_save(data_dir: Path) -> None:
    seed = int(os.environ.get("EXBACK_CRASH_SEED", random.randrange(2**32)))
    rng = random.Random(seed)
    with ExBackService(data_dir).open(for_tui=False) as service:
        service.begin(ops.op_day(0), ops.op_day(0))

    acked: list[int] = []
    unsure: set[int] = set()  # started, never acknowledged: may or may not be on disk
    next_op = 1
    swept = 0
    for run in range(KILLS):
        proc = start_writer("crash", str(data_dir), str(next_op))
        first = proc.stdout.readline()
        if not first:
            _, err = proc.communicate(timeout=30)
            pytest.fail(f"writer died before its first save (seed {seed}):\n{err.decode()}")
        time.sleep(rng.uniform(0, 0.030))
        out, _ = kill(proc)

        lines = (first + out).split(b"\n")
        assert lines[-1] == b"", f"a torn ACK line: {lines[-1]!r}"
        numbers = [int(line.removeprefix(b"ACK ")) for line in lines[:-1]]
        assert numbers == list(range(next_op, next_op + len(numbers))), f"seed {seed}"
        acked.extend(numbers)
        in_flight = next_op + len(numbers)  # was being saved when the kill came
        unsure.add(in_flight)

        context = f"seed {seed}, run {run}, acked up to {numbers[-1]}"
        try:
            state = check_after_kill(data_dir, acked, unsure)
        except AssertionError as error:
            raise AssertionError(f"{context}: {error}") from error

        # A new writer opens cleanly: the lock died with the process, and its
        # temp files are swept.
        swept += bool(temp_files(data_dir))
        with ExBackService(data_dir).open(for_tui=False) as service:
            assert temp_files(data_dir) == [], context
            assert service.store.state() == state, context
        assert mode(data_dir) == 0o700, context
        assert mode(data_dir / "plan.json") == 0o600, context
        assert mode(data_dir / "exback.lock") == 0o600, context
        assert sorted(p.name for p in data_dir.iterdir()) == ["exback.lock", "plan.json"]

        next_op = in_flight + 1

    print(
        f"crash test: seed {seed}, {KILLS} kills, {len(acked)} acked saves, "
        f"{swept} kills left a temp file"
    )


@pytest.mark.parametrize("after", [False, True], ids=["before-rename", "after-rename"])
def test_sigkill_at_the_rename(data_dir: Path, after: bool) -> None:
    """Killed with the complete temp file written: old file before the rename, new after."""
    with ExBackService(data_dir).open(for_tui=False) as service:
        service.begin(ops.op_day(0), ops.op_day(0))
        service.check_in(ops.op_day(1), 1, 1, contacted=False)
    before = (data_dir / "plan.json").read_bytes()

    command = "pause-after-replace" if after else "pause-before-replace"
    proc = start_writer(command, str(data_dir), ops.op_day(2).isoformat())
    line = proc.stdout.readline()
    assert line.startswith(b"PAUSED"), proc.communicate(timeout=30)[1].decode()
    kill(proc)

    state = read_plan_state(data_dir)
    days = [c.on for c in state.checkins]
    # Two temp names: the new content, and the old file's second name, kept
    # until the folder fsync confirms the rename (after it, only the latter).
    temps = temp_files(data_dir)
    assert len(temps) == (1 if after else 2), temps
    for temp in temps:
        assert temp.startswith(".plan.json.")
        assert mode(data_dir / temp) == 0o600
    if after:
        assert days == [ops.op_day(1), ops.op_day(2)]
        assert (data_dir / temps[0]).read_bytes() == before
    else:
        assert (data_dir / "plan.json").read_bytes() == before
        assert days == [ops.op_day(1)]
    with ExBackService(data_dir).open(for_tui=False) as service:
        assert temp_files(data_dir) == []
        assert [c.on for c in service.status(ops.op_day(2)).checkins] == days
