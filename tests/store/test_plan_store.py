"""PlanStore: round trips, one write per save, check-in upserts, migration from version 0."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.plan import Attempt, NoContactPlan
from exback_tui.store import storage as storage_mod
from exback_tui.store.errors import WriteFailed
from exback_tui.store.plan import records
from exback_tui.store.plan.snapshot import PlanState, read_plan_state
from exback_tui.store.plan.store import PlanStore
from tests.store.support import HOSTILE_TEXTS, mode, sample_plan, subprocess_env, temp_files


def raw(folder: Path) -> dict:
    return json.loads((folder / "plan.json").read_text())


def save_all(store: PlanStore, plan: NoContactPlan, checkins) -> None:
    store.save(plan)
    for checkin in checkins:
        store.save(plan, checkin)


def test_open_creates_a_private_folder_but_no_plan_file(data_dir: Path) -> None:
    store = PlanStore.open(data_dir)
    assert store.state() == PlanState(None, ())
    store.close()
    assert data_dir.is_dir() and mode(data_dir) == 0o700
    assert list(data_dir.iterdir()) == []


def test_reading_the_plan_imports_no_tinydb_until_a_save(data_dir: Path) -> None:
    """The app reads the plan before its first frame; tinydb (3 ms) waits for a save."""
    store = PlanStore.open(data_dir)
    store.save(sample_plan()[0])
    store.close()
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from pathlib import Path\n"
        "from exback_tui.service import ExBackService\n"
        "service = ExBackService(Path(sys.argv[1]))\n"
        "service.open(for_tui=True)\n"
        "assert service.status(date(2026, 3, 5)).plan is not None\n"
        "print('tinydb' in sys.modules)\n"
        "service.check_in(date(2026, 3, 5), 3, 4, False)\n"
        "print('tinydb' in sys.modules)\n"
        "service.close()\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
        env=subprocess_env(),
    ).stdout.split()
    assert shown == ["False", "True"]


def test_round_trip_with_hostile_triggers(data_dir: Path) -> None:
    plan, checkins = sample_plan()
    assert {a.trigger for a in plan.attempts} >= set(HOSTILE_TEXTS)
    store = PlanStore.open(data_dir)
    save_all(store, plan, checkins)

    expected = PlanState(plan, checkins)
    assert store.state() == expected
    store.close()
    assert read_plan_state(data_dir) == expected
    reopened = PlanStore.open(data_dir)
    assert reopened.state() == expected
    reopened.close()
    # Every trigger exactly as typed, code point for code point.
    for got, want in zip(read_plan_state(data_dir).plan.attempts, plan.attempts, strict=True):
        assert list(got.trigger) == list(want.trigger)
    assert (data_dir / "plan.json").read_bytes().isascii()


def test_the_file_has_the_documented_layout(data_dir: Path) -> None:
    plan, checkins = sample_plan()
    store = PlanStore.open(data_dir)
    save_all(store, plan, checkins)
    store.close()
    tables = raw(data_dir)
    assert tables["meta"] == {"1": {"schema_version": records.SCHEMA_VERSION}}
    assert tables["settings"] == {
        "1": {"target_days": 30, "breakup_date": "2025-12-20", "review_weekday": None}
    }
    assert [d["trigger"] for d in tables["attempts"].values()] == [a.trigger for a in plan.attempts]
    assert len(tables["checkins"]) == len(checkins)


def test_each_save_is_one_atomic_write(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    real = storage_mod.atomic_write
    monkeypatch.setattr(
        storage_mod, "atomic_write", lambda path, data: (calls.append(data), real(path, data))
    )
    plan, checkins = sample_plan()
    store = PlanStore.open(data_dir)
    assert calls == []
    store.save(plan)
    assert len(calls) == 1
    store.save(plan, checkins[0])
    assert len(calls) == 2
    assert json.loads(calls[-1]) == raw(data_dir)


def test_a_save_with_fewer_attempts_replaces_them(data_dir: Path) -> None:
    plan, _ = sample_plan()
    store = PlanStore.open(data_dir)
    store.save(plan)
    shorter = plan._replace(attempts=(Attempt(date(2026, 1, 1)),), target_days=45)
    store.save(shorter)
    assert store.state().plan == shorter
    assert len(raw(data_dir)["attempts"]) == 1
    assert len(raw(data_dir)["settings"]) == 1
    assert len(raw(data_dir)["meta"]) == 1


def test_saving_the_plan_alone_keeps_the_checkins(data_dir: Path) -> None:
    plan, checkins = sample_plan()
    store = PlanStore.open(data_dir)
    save_all(store, plan, checkins)
    store.save(plan._replace(target_days=60))
    assert store.state().checkins == checkins
    assert read_plan_state(data_dir).checkins == checkins


def test_a_checkin_on_the_same_date_is_replaced(data_dir: Path) -> None:
    plan, _ = sample_plan()
    day = date(2026, 1, 25)
    store = PlanStore.open(data_dir)
    store.save(plan, CheckIn(day, 2, 8, False))
    store.save(plan, CheckIn(day, 4, 1, True))
    assert store.state().checkins == (CheckIn(day, 4, 1, True),)
    assert len(raw(data_dir)["checkins"]) == 1
    store.save(plan, CheckIn(day + timedelta(1), 3, 3, False))
    store.save(plan, CheckIn(day, 5, 0, False))
    assert read_plan_state(data_dir).checkins == (
        CheckIn(day, 5, 0, False),
        CheckIn(day + timedelta(1), 3, 3, False),
    )
    assert len(raw(data_dir)["checkins"]) == 2


def test_checkins_come_back_sorted_by_date(data_dir: Path) -> None:
    plan, _ = sample_plan()
    store = PlanStore.open(data_dir)
    days = [date(2026, 1, 9), date(2026, 1, 2), date(2026, 1, 5)]
    for day in days:
        store.save(plan, CheckIn(day, 3, 3, False))
    assert [c.on for c in store.state().checkins] == sorted(days)
    assert [c.on for c in read_plan_state(data_dir).checkins] == sorted(days)


def test_a_failed_save_changes_nothing_on_disk_or_in_memory(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, checkins = sample_plan()
    store = PlanStore.open(data_dir)
    save_all(store, plan, checkins)
    before = (data_dir / "plan.json").read_bytes()
    state = store.state()

    def fail(*args):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", fail)
    new_plan = plan._replace(attempts=(*plan.attempts[:-1], Attempt(date(2026, 2, 2))))
    with pytest.raises(WriteFailed, match="plan.json"):
        store.save(new_plan, CheckIn(date(2026, 2, 2), 1, 10, True))
    monkeypatch.undo()

    assert (data_dir / "plan.json").read_bytes() == before
    assert temp_files(data_dir) == []
    assert store.state() == state
    # The store still works, and the next save holds only what it was given.
    store.save(plan, CheckIn(date(2026, 2, 3), 2, 2, False))
    after = read_plan_state(data_dir)
    assert after.plan == plan
    assert after.checkins == (*checkins, CheckIn(date(2026, 2, 3), 2, 2, False))


def test_open_sweeps_temp_files_a_killed_writer_left(data_dir: Path) -> None:
    plan, checkins = sample_plan()
    store = PlanStore.open(data_dir)
    save_all(store, plan, checkins)
    store.close()
    stray = data_dir / ".plan.json.4242.deadbeef.tmp"
    stray.write_bytes(b'{"half a fi')
    PlanStore.open(data_dir).close()
    assert not stray.exists()
    assert read_plan_state(data_dir) == PlanState(plan, checkins)


# --- round trips of arbitrary text and dates -------------------------------------------

ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec=None),
        st.characters(codec=None, categories=["Cs"]),
        st.sampled_from("[]/@=\x1b\x00\x7f\u202e\u200f"),
    ),
    max_size=40,
)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@st.composite
def plans(draw) -> NoContactPlan:
    starts = sorted(draw(st.lists(DAYS, min_size=1, max_size=6)))
    attempts = []
    for index, start in enumerate(starts):
        if index + 1 < len(starts):
            attempts.append(
                Attempt(
                    start,
                    starts[index + 1],
                    draw(st.sampled_from(["slip", "restart"])),
                    draw(ANY_TEXT),
                )
            )
        else:
            attempts.append(Attempt(start))
    breakup = draw(st.none() | st.just(starts[0] - timedelta(days=draw(st.integers(0, 90)))))
    return NoContactPlan(draw(st.integers(21, 365)), tuple(attempts), breakup)


CHECKINS = st.lists(
    st.builds(CheckIn, DAYS, st.integers(1, 5), st.integers(0, 10), st.booleans()),
    max_size=8,
    unique_by=lambda c: c.on,
)


@given(plan=plans(), checkins=CHECKINS)
def test_any_plan_round_trips(plan: NoContactPlan, checkins: list[CheckIn]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        store = PlanStore.open(folder)
        save_all(store, plan, checkins)
        expected = PlanState(plan, tuple(sorted(checkins, key=lambda c: c.on)))
        assert store.state() == expected
        store.close()
        assert read_plan_state(folder) == expected
        reopened = PlanStore.open(folder)
        assert reopened.state() == expected
        reopened.close()


# --- schema version 0 ------------------------------------------------------------------

V0 = {
    "settings": {"1": {"target_days": 40, "breakup_date": "2025-12-01"}},
    "attempts": {
        "1": {"start": "2025-12-05", "end": "2025-12-10", "ended_by": "slip", "trigger": "[/]"},
        "2": {"start": "2025-12-10", "end": None, "ended_by": None, "trigger": ""},
    },
    "checkins": {"1": {"on": "2025-12-11", "mood": 2, "urge": 7, "contacted": False}},
}
V0_STATE = PlanState(
    NoContactPlan(
        40,
        (
            Attempt(date(2025, 12, 5), date(2025, 12, 10), "slip", "[/]"),
            Attempt(date(2025, 12, 10)),
        ),
        date(2025, 12, 1),
    ),
    (CheckIn(date(2025, 12, 11), 2, 7, False),),
)


def write_v0(folder: Path) -> bytes:
    folder.mkdir(mode=0o700, exist_ok=True)
    data = json.dumps(V0).encode()
    (folder / "plan.json").write_bytes(data)
    (folder / "plan.json").chmod(0o600)
    return data


def test_read_plan_state_upgrades_version_0_in_memory_only(data_dir: Path) -> None:
    data = write_v0(data_dir)
    mtime = (data_dir / "plan.json").stat().st_mtime_ns
    assert read_plan_state(data_dir) == V0_STATE
    assert (data_dir / "plan.json").read_bytes() == data
    assert (data_dir / "plan.json").stat().st_mtime_ns == mtime
    assert sorted(p.name for p in data_dir.iterdir()) == ["plan.json"]


def test_plan_store_open_writes_the_upgrade(data_dir: Path) -> None:
    write_v0(data_dir)
    store = PlanStore.open(data_dir)
    assert store.state() == V0_STATE
    store.close()
    tables = raw(data_dir)
    assert tables["meta"] == {"1": {"schema_version": records.SCHEMA_VERSION}}
    # Every value is kept; version 2 only added the review day and the "added later" marks.
    assert tables["attempts"] == V0["attempts"]
    assert tables["settings"] == {"1": {**V0["settings"]["1"], "review_weekday": None}}
    assert tables["checkins"] == {
        key: {**doc, "added_later": False} for key, doc in V0["checkins"].items()
    }
    assert read_plan_state(data_dir) == V0_STATE
    assert temp_files(data_dir) == []


def test_an_empty_meta_table_is_version_0(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "plan.json").write_text(json.dumps({**V0, "meta": {}}))
    assert read_plan_state(data_dir) == V0_STATE
    PlanStore.open(data_dir).close()
    assert raw(data_dir)["meta"] == {"1": {"schema_version": records.SCHEMA_VERSION}}


def test_a_current_file_is_not_rewritten_on_open(data_dir: Path) -> None:
    plan, checkins = sample_plan()
    store = PlanStore.open(data_dir)
    save_all(store, plan, checkins)
    store.close()
    before = (data_dir / "plan.json").stat()
    PlanStore.open(data_dir).close()
    after = (data_dir / "plan.json").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_the_first_save_after_an_upgrade_keeps_the_version_0_history(data_dir: Path) -> None:
    write_v0(data_dir)
    store = PlanStore.open(data_dir)
    plan = V0_STATE.plan.with_slip(date(2025, 12, 20), "🙂")
    store.save(plan, CheckIn(date(2025, 12, 20), 1, 9, True))
    store.close()
    state = read_plan_state(data_dir)
    assert state.plan == plan
    assert state.checkins == (*V0_STATE.checkins, CheckIn(date(2025, 12, 20), 1, 9, True))
