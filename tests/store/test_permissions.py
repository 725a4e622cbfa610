"""Privacy: folder 0700, every file (data, temp, lock, damaged copy) 0600, whatever the umask."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from exback_tui.service import ExBackService
from exback_tui.store import files
from exback_tui.store.errors import DamagedFile
from exback_tui.store.lock import DataLock
from exback_tui.store.plan.snapshot import read_plan_state
from exback_tui.store.plan.store import PlanStore
from tests.store.support import damaged_copies, mode

TODAY = date(2026, 2, 1)


def test_atomic_write_makes_a_0600_file(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "plan.json"
    files.atomic_write(target, b"{}")
    assert mode(target) == 0o600


def test_atomic_write_tightens_a_file_that_was_readable_by_others(
    tmp_path: Path, umask: int
) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"{}")
    target.chmod(0o666)
    files.atomic_write(target, b"[]")
    assert mode(target) == 0o600


def test_the_temp_file_is_0600_before_it_is_renamed(
    tmp_path: Path, umask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temp file holds the user's data too: it must never be readable by others."""
    seen: list[int] = []
    real_replace = os.replace

    def replace(src, dst):
        seen.append(mode(Path(src)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    files.atomic_write(tmp_path / "plan.json", b"secret")
    assert seen == [0o600]


def test_the_temp_file_is_0600_while_it_is_written(
    tmp_path: Path, umask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    real_write = os.write

    def write(fd, data):
        seen.append(os.fstat(fd).st_mode & 0o777)
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    files.atomic_write(tmp_path / "plan.json", b"secret")
    monkeypatch.undo()
    assert seen and set(seen) == {0o600}


def test_ensure_private_dir_creates_0700(tmp_path: Path, umask: int) -> None:
    folder = tmp_path / "a" / "b" / "exback"
    assert files.ensure_private_dir(folder) == folder
    assert folder.is_dir()
    assert mode(folder) == 0o700


@pytest.mark.parametrize("start_mode", [0o755, 0o777, 0o750, 0o701], ids=oct)
def test_ensure_private_dir_tightens_an_existing_folder(
    tmp_path: Path, umask: int, start_mode: int
) -> None:
    folder = tmp_path / "exback"
    folder.mkdir()
    folder.chmod(start_mode)
    (folder / "plan.json").write_bytes(b"keep")
    files.ensure_private_dir(folder)
    assert mode(folder) == 0o700
    assert (folder / "plan.json").read_bytes() == b"keep"


def test_lock_file_is_0600(tmp_path: Path, umask: int) -> None:
    with DataLock(tmp_path, for_tui=True) as lock:
        assert mode(lock.path) == 0o600


def test_an_existing_lock_file_is_tightened(tmp_path: Path, umask: int) -> None:
    lock_path = tmp_path / "exback.lock"
    lock_path.write_bytes(b"")
    lock_path.chmod(0o666)
    with DataLock(tmp_path, for_tui=False):
        assert mode(lock_path) == 0o600


def test_damaged_copy_is_0600(data_dir: Path, umask: int) -> None:
    data_dir.mkdir()
    (data_dir / "plan.json").write_bytes(b'{"meta": ')
    (data_dir / "plan.json").chmod(0o644)
    with pytest.raises(DamagedFile):
        read_plan_state(data_dir)
    [copy] = damaged_copies(data_dir)
    assert mode(copy) == 0o600
    assert mode(data_dir / "plan.json") == 0o644  # the damaged file is left exactly as it is


def test_service_creates_a_private_folder_and_files(data_dir: Path, umask: int) -> None:
    with ExBackService(data_dir).open(for_tui=True) as service:
        service.begin(TODAY, date(2026, 1, 20))
        service.check_in(TODAY, 3, 4, contacted=False)
    assert mode(data_dir) == 0o700
    assert sorted(p.name for p in data_dir.iterdir()) == ["exback.lock", "plan.json"]
    assert mode(data_dir / "plan.json") == 0o600
    assert mode(data_dir / "exback.lock") == 0o600


def test_service_tightens_an_existing_public_folder_and_plan(data_dir: Path, umask: int) -> None:
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    with ExBackService(data_dir).open(for_tui=False) as service:
        service.begin(TODAY, TODAY)
    (data_dir / "plan.json").chmod(0o644)
    with ExBackService(data_dir).open(for_tui=False) as service:
        assert mode(data_dir) == 0o700
        service.slip(TODAY, "x")
    assert mode(data_dir / "plan.json") == 0o600


def test_plan_store_migration_write_is_0600(data_dir: Path, umask: int) -> None:
    data_dir.mkdir()
    v0 = {
        "settings": {"1": {"target_days": 30, "breakup_date": None}},
        "attempts": {"1": {"start": "2026-01-01", "end": None, "ended_by": None, "trigger": ""}},
    }
    (data_dir / "plan.json").write_text(json.dumps(v0))
    (data_dir / "plan.json").chmod(0o644)
    PlanStore.open(data_dir).close()
    assert mode(data_dir / "plan.json") == 0o600
    assert mode(data_dir) == 0o700


@pytest.mark.parametrize("strict", [0o077, 0o277, 0o777], ids=lambda m: f"umask{m:03o}")
def test_a_umask_that_removes_owner_bits_still_gives_0600_and_0700(
    data_dir: Path, strict: int
) -> None:
    """'Whatever the umask': even one that would leave the owner unable to read."""
    old = os.umask(strict)
    try:
        with ExBackService(data_dir).open(for_tui=False) as service:
            service.begin(TODAY, TODAY)
        extra = data_dir / "export.json"
        files.atomic_write(extra, b"{}")
    finally:
        os.umask(old)
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "plan.json") == 0o600
    assert mode(data_dir / "exback.lock") == 0o600
    assert mode(extra) == 0o600
    assert read_plan_state(data_dir).plan is not None
