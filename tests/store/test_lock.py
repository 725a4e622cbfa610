"""The data lock: one exback at a time, in this process or another."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from exback_tui.service import ExBackService
from exback_tui.store.errors import LockHeld
from exback_tui.store.lock import DataLock
from tests.store.support import PYTHON, WRITER, subprocess_env

TODAY = date(2026, 3, 1)


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


class Holder:
    """Another process that holds the data lock until `release()`."""

    def __init__(self, folder: Path) -> None:
        self.proc = subprocess.Popen(
            [PYTHON, str(WRITER), "hold", str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=subprocess_env(),
        )
        line = self.proc.stdout.readline()
        assert line.strip() == "LOCKED", self.proc.stderr.read()

    def release(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
            self.proc.stdout.close()
            self.proc.stderr.close()


@pytest.fixture
def holder(data_dir: Path):
    data_dir.mkdir(mode=0o700)
    started = Holder(data_dir)
    yield started
    started.release()


def test_a_second_lock_in_the_same_process_is_refused(tmp_path: Path) -> None:
    first = DataLock(tmp_path, for_tui=True).acquire()
    second = DataLock(tmp_path, for_tui=True)
    with pytest.raises(LockHeld) as caught:
        second.acquire()
    assert "already open" in str(caught.value)
    assert caught.value.lock_path == tmp_path / "exback.lock"
    assert first.held and not second.held
    first.release()
    assert not first.held
    second.acquire()
    assert second.held
    second.release()


def test_the_command_line_message_says_nothing_was_changed(tmp_path: Path) -> None:
    with DataLock(tmp_path, for_tui=True), pytest.raises(LockHeld) as caught:
        DataLock(tmp_path, for_tui=False).acquire()
    assert "wasn't made" in str(caught.value)
    assert "already open" not in str(caught.value)


def test_a_lock_held_by_another_process_is_refused(holder: Holder, data_dir: Path) -> None:
    with pytest.raises(LockHeld, match="already open"):
        DataLock(data_dir, for_tui=True).acquire()
    holder.release()
    with DataLock(data_dir, for_tui=True) as lock:
        assert lock.held


def test_another_process_is_refused_while_this_one_holds_the_lock(tmp_path: Path) -> None:
    def try_from_child() -> str:
        return subprocess.run(
            [PYTHON, str(WRITER), "try", str(tmp_path)],
            capture_output=True,
            text=True,
            env=subprocess_env(),
            timeout=30,
            check=True,
        ).stdout.strip()

    with DataLock(tmp_path, for_tui=True):
        assert try_from_child().startswith("LOCKHELD exback is already open")
    assert try_from_child() == "ACQUIRED"


def test_the_lock_of_a_killed_process_is_free(data_dir: Path, holder: Holder) -> None:
    holder.proc.kill()
    holder.proc.wait(timeout=10)
    DataLock(data_dir, for_tui=True).acquire().release()


def test_waiting_retries_for_the_given_time_then_fails(tmp_path: Path) -> None:
    with DataLock(tmp_path, for_tui=False):
        started = time.monotonic()
        with pytest.raises(LockHeld):
            DataLock(tmp_path, for_tui=False).acquire(wait=0.3)
        waited = time.monotonic() - started
    assert 0.3 <= waited < 3


def test_no_wait_fails_at_once(tmp_path: Path) -> None:
    with DataLock(tmp_path, for_tui=False):
        started = time.monotonic()
        with pytest.raises(LockHeld):
            DataLock(tmp_path, for_tui=False).acquire()
        assert time.monotonic() - started < 0.2


def test_waiting_succeeds_when_the_holder_lets_go(tmp_path: Path) -> None:
    first = DataLock(tmp_path, for_tui=True).acquire()
    timer = threading.Timer(0.25, first.release)
    timer.start()
    try:
        started = time.monotonic()
        second = DataLock(tmp_path, for_tui=False).acquire(wait=5)
        waited = time.monotonic() - started
    finally:
        timer.cancel()
        first.release()
    assert second.held
    assert 0.2 <= waited < 4
    second.release()


def test_waiting_succeeds_when_another_process_lets_go(holder: Holder, data_dir: Path) -> None:
    timer = threading.Timer(0.3, holder.release)
    timer.start()
    lock = DataLock(data_dir, for_tui=False).acquire(wait=10)
    timer.join()
    assert lock.held
    lock.release()


def test_refusals_do_not_leak_file_descriptors(tmp_path: Path) -> None:
    with DataLock(tmp_path, for_tui=True):
        before = open_fds()
        for _ in range(50):
            with pytest.raises(LockHeld):
                DataLock(tmp_path, for_tui=True).acquire()
        assert open_fds() == before


def test_release_closes_the_descriptor_and_keeps_the_lock_file(tmp_path: Path) -> None:
    before = open_fds()
    lock = DataLock(tmp_path, for_tui=True).acquire()
    assert open_fds() == before + 1
    lock.release()
    lock.release()  # twice is harmless
    assert open_fds() == before
    assert (tmp_path / "exback.lock").exists()  # never deleted


def test_locks_can_be_taken_again_and_again(tmp_path: Path) -> None:
    lock = DataLock(tmp_path, for_tui=True)
    for _ in range(20):
        with lock:
            assert lock.held
            with pytest.raises(LockHeld):
                DataLock(tmp_path, for_tui=True).acquire()
        assert not lock.held


# --- through the service -------------------------------------------------------------


def test_service_open_fails_while_another_process_holds_the_lock(data_dir: Path) -> None:
    with ExBackService(data_dir).open(for_tui=False) as service:
        service.begin(TODAY, date(2026, 2, 20))
        service.check_in(TODAY, 3, 3, contacted=False)
    plan = data_dir / "plan.json"
    before = plan.read_bytes()
    names = sorted(p.name for p in data_dir.iterdir())

    again = Holder(data_dir)
    try:
        started = time.monotonic()
        with pytest.raises(LockHeld, match="wasn't made"):
            ExBackService(data_dir).open(for_tui=False, wait=0.2)
        assert time.monotonic() - started >= 0.2
        with pytest.raises(LockHeld, match="already open"):
            ExBackService(data_dir).open(for_tui=True)
        assert plan.read_bytes() == before
        assert sorted(p.name for p in data_dir.iterdir()) == names
        # Reading needs no lock.
        assert ExBackService(data_dir).read_status(TODAY).checkin_today is not None
    finally:
        again.release()

    with ExBackService(data_dir).open(for_tui=False, wait=0.2) as service:
        service.slip(TODAY, "after")
    assert plan.read_bytes() != before


def test_a_second_service_in_the_same_process_is_refused(data_dir: Path) -> None:
    first = ExBackService(data_dir).open(for_tui=True)
    first.begin(TODAY, TODAY)
    before = (data_dir / "plan.json").read_bytes()
    with pytest.raises(LockHeld):
        ExBackService(data_dir).open(for_tui=True)
    with pytest.raises(LockHeld):
        ExBackService(data_dir).open(for_tui=False, wait=0.1)
    assert (data_dir / "plan.json").read_bytes() == before
    first.check_in(TODAY, 2, 2, contacted=False)  # the first one still works
    first.close()
    with ExBackService(data_dir).open(for_tui=True) as second:
        assert second.status(TODAY).checkin_today is not None


def test_service_close_releases_the_lock(data_dir: Path) -> None:
    with ExBackService(data_dir).open(for_tui=True):
        pass
    DataLock(data_dir, for_tui=True).acquire().release()
    service = ExBackService(data_dir).open(for_tui=True)
    service.close()
    service.close()
    DataLock(data_dir, for_tui=True).acquire().release()
