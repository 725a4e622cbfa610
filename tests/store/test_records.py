"""Damaged and hostile plan files: every reader refuses them, keeps them, keeps a copy.

Readers: `read_plan_state` (the `exback today` path), `PlanStore.open`,
`ExBackService.read_status` and `ExBackService.open`.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from exback_tui.service import ExBackService
from exback_tui.store.errors import DamagedFile, NewerSchema
from exback_tui.store.lock import DataLock
from exback_tui.store.plan import records
from exback_tui.store.plan.snapshot import read_plan_state
from exback_tui.store.plan.store import PlanStore
from tests.store.support import damaged_copies, mode, temp_files

TODAY = date(2026, 1, 20)

VALID = {
    "meta": {"1": {"schema_version": 2}},
    "settings": {"1": {"target_days": 30, "breakup_date": "2025-12-20", "review_weekday": None}},
    "attempts": {
        "1": {"start": "2026-01-01", "end": "2026-01-05", "ended_by": "slip", "trigger": "[/]"},
        "2": {"start": "2026-01-05", "end": None, "ended_by": None, "trigger": ""},
    },
    "checkins": {
        "1": {"on": "2026-01-04", "mood": 3, "urge": 6, "contacted": False, "added_later": False},
        "2": {"on": "2026-01-05", "mood": 1, "urge": 9, "contacted": True, "added_later": True},
    },
}
VALID_BYTES = json.dumps(VALID, indent=1).encode()


def edited(change: Callable[[dict], object]) -> bytes:
    tables = copy.deepcopy(VALID)
    change(tables)
    return json.dumps(tables, indent=1).encode()


def _set(path: tuple, value) -> Callable[[dict], None]:
    def change(tables: dict) -> None:
        target = tables
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _delete(path: tuple) -> Callable[[dict], None]:
    def change(tables: dict) -> None:
        target = tables
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def _rekey(table: str, old: str, new: str) -> Callable[[dict], None]:
    def change(tables: dict) -> None:
        tables[table][new] = tables[table].pop(old)

    return change


DAMAGED = {
    # Not JSON at all.
    "truncated-half": VALID_BYTES[: len(VALID_BYTES) // 2],
    "truncated-last-byte": VALID_BYTES[:-1],
    "trailing-garbage": VALID_BYTES + b"\ngarbage",
    "trailing-brace": VALID_BYTES + b"}",
    "two-documents": VALID_BYTES + VALID_BYTES,
    "trailing-nul-bytes": VALID_BYTES + b"\x00" * 512,
    "all-nul-bytes": b"\x00" * 4096,
    "empty": b"",
    "whitespace-only": b" \n\t\n",
    "not-utf8": b"\xff\xfe" + VALID_BYTES,
    "not-utf8-inside-a-string": VALID_BYTES.replace(b'"[/]"', b'"\xc3\x28"'),
    "utf16": json.dumps(VALID).encode("utf-16"),
    "nan": VALID_BYTES.replace(b'"target_days": 30', b'"target_days": NaN'),
    "infinity": VALID_BYTES.replace(b'"mood": 3', b'"mood": Infinity'),
    "single-quotes": VALID_BYTES.replace(b'"meta"', b"'meta'"),
    # JSON of the wrong shape.
    "a-list": b"[]",
    "a-list-of-tables": json.dumps([VALID]).encode(),
    "a-string": b'"plan"',
    "a-number": b"1",
    "null": b"null",
    "table-is-a-list": edited(_set(("checkins",), [VALID["checkins"]["1"]])),
    "table-is-a-string": edited(_set(("attempts",), "none")),
    "record-is-a-list": edited(_set(("checkins", "1"), [1, 2])),
    "record-is-null": edited(_set(("settings", "1"), None)),
    "record-key-not-a-number": edited(_rekey("checkins", "1", "first")),
    "record-key-empty": edited(_rekey("attempts", "1", "")),
    "record-key-negative": edited(_rekey("attempts", "1", "-1")),
    "record-key-superscript-digit": edited(_rekey("checkins", "1", "\u00b2")),
    "record-key-arabic-digit": edited(_rekey("checkins", "1", "\u0661")),
    "record-key-leading-zero": edited(_rekey("checkins", "1", "01")),
    "record-key-5000-digits": edited(_rekey("checkins", "1", "9" * 5000)),
    # Records of the wrong types.
    "start-not-a-date": edited(_set(("attempts", "1", "start"), "yesterday")),
    "start-a-number": edited(_set(("attempts", "1", "start"), 20260101)),
    "start-missing": edited(_delete(("attempts", "2", "start"))),
    "end-not-a-date": edited(_set(("attempts", "1", "end"), "2026-02-30")),
    "earlier-attempt-not-ended": edited(_set(("attempts", "1", "end"), None)),
    "trigger-a-number": edited(_set(("attempts", "1", "trigger"), 7)),
    "ended-by-a-list": edited(_set(("attempts", "1", "ended_by"), ["slip"])),
    "mood-a-string": edited(_set(("checkins", "1", "mood"), "3")),
    "mood-a-float": edited(_set(("checkins", "1", "mood"), 3.0)),
    "mood-a-bool": edited(_set(("checkins", "1", "mood"), True)),
    "urge-missing": edited(_delete(("checkins", "2", "urge"))),
    "mood-out-of-range": edited(_set(("checkins", "1", "mood"), 99)),
    "urge-negative": edited(_set(("checkins", "2", "urge"), -1)),
    "target-below-the-minimum": edited(_set(("settings", "1", "target_days"), 5)),
    "contacted-a-string": edited(_set(("checkins", "1", "contacted"), "no")),
    "checkin-date-null": edited(_set(("checkins", "1", "on"), None)),
    "target-a-string": edited(_set(("settings", "1", "target_days"), "30")),
    "breakup-not-a-date": edited(_set(("settings", "1", "breakup_date"), "last week")),
    "settings-without-attempts": edited(_set(("attempts",), {})),
    "attempts-without-settings": edited(_set(("settings",), {})),
    "schema-version-a-string": edited(_set(("meta", "1", "schema_version"), "1")),
    "schema-version-a-bool": edited(_set(("meta", "1", "schema_version"), True)),
    "schema-version-missing": edited(_set(("meta", "1"), {})),
    "schema-version-negative": edited(_set(("meta", "1", "schema_version"), -1)),
}

NEWER = {
    "version-next": edited(_set(("meta", "1", "schema_version"), records.SCHEMA_VERSION + 1)),
    "version-huge": edited(_set(("meta", "1", "schema_version"), 10**30)),
    "version-next-new-shape": edited(
        lambda t: (
            _set(("meta", "1", "schema_version"), records.SCHEMA_VERSION + 1)(t),
            _set(("attempts", "1"), {})(t),
        )
    ),
}


def _read_plan_state(folder: Path) -> None:
    read_plan_state(folder)


def _plan_store_open(folder: Path) -> None:
    PlanStore.open(folder).close()


def _read_status(folder: Path) -> None:
    ExBackService(folder).read_status(TODAY)


def _service_open(folder: Path) -> None:
    ExBackService(folder).open(for_tui=True).close()


READERS = [
    pytest.param(_read_plan_state, id="read_plan_state"),
    pytest.param(_plan_store_open, id="PlanStore.open"),
    pytest.param(_read_status, id="read_status"),
    pytest.param(_service_open, id="ExBackService.open"),
]


def put(folder: Path, data: bytes) -> Path:
    folder.mkdir(mode=0o700)
    path = folder / "plan.json"
    path.write_bytes(data)
    path.chmod(0o600)
    return path


def test_the_valid_base_file_reads(data_dir: Path) -> None:
    """The damaged cases are small edits of this file, which itself is fine."""
    put(data_dir, VALID_BYTES)
    state = read_plan_state(data_dir)
    assert len(state.plan.attempts) == 2 and len(state.checkins) == 2
    _plan_store_open(data_dir)
    _service_open(data_dir)
    assert (data_dir / "plan.json").read_bytes() == VALID_BYTES


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("case", list(DAMAGED))
def test_damaged_file_is_refused_kept_and_copied(data_dir: Path, reader, case: str) -> None:
    data = DAMAGED[case]
    path = put(data_dir, data)
    stat_before = path.stat()

    with pytest.raises(DamagedFile) as caught:
        reader(data_dir)

    error = caught.value
    assert str(path) in str(error)
    assert error.path == path
    # The damaged file is untouched: same bytes, same inode, same mode.
    assert path.read_bytes() == data
    stat_after = path.stat()
    assert (stat_after.st_ino, stat_after.st_mtime_ns) == (
        stat_before.st_ino,
        stat_before.st_mtime_ns,
    )
    # One private copy with identical bytes, named by a hash, beside it.
    [kept] = damaged_copies(data_dir)
    assert re.fullmatch(r"plan\.json\.damaged-[0-9a-f]{6,}", kept.name)
    assert kept.read_bytes() == data
    assert mode(kept) == 0o600
    assert error.copy == kept
    assert str(kept) in str(error)
    assert temp_files(data_dir) == []

    # Reading again (by any reader) neither changes the file nor adds a copy.
    for again in (_read_plan_state, _plan_store_open, _read_status, reader):
        with pytest.raises(DamagedFile):
            again(data_dir)
    assert damaged_copies(data_dir) == [kept]
    assert kept.read_bytes() == data
    assert path.read_bytes() == data
    assert temp_files(data_dir) == []


def test_different_damage_gets_a_different_copy(data_dir: Path) -> None:
    path = put(data_dir, DAMAGED["truncated-half"])
    with pytest.raises(DamagedFile):
        read_plan_state(data_dir)
    path.write_bytes(DAMAGED["trailing-garbage"])
    with pytest.raises(DamagedFile):
        read_plan_state(data_dir)
    copies = damaged_copies(data_dir)
    assert sorted(c.read_bytes() for c in copies) == sorted(
        [DAMAGED["truncated-half"], DAMAGED["trailing-garbage"]]
    )


def test_service_open_releases_the_lock_when_the_file_is_damaged(data_dir: Path) -> None:
    put(data_dir, DAMAGED["empty"])
    with pytest.raises(DamagedFile):
        ExBackService(data_dir).open(for_tui=True)
    with DataLock(data_dir, for_tui=True):  # not left held
        pass


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("case", list(NEWER))
def test_newer_schema_is_refused_and_left_alone(data_dir: Path, reader, case: str) -> None:
    data = NEWER[case]
    path = put(data_dir, data)
    for _ in range(2):
        with pytest.raises(NewerSchema) as caught:
            reader(data_dir)
        assert str(path) in str(caught.value)
        assert "newer version" in str(caught.value)
        assert caught.value.path == path
    assert path.read_bytes() == data
    assert damaged_copies(data_dir) == []
    assert temp_files(data_dir) == []


def test_a_damaged_copy_that_cannot_be_written_still_reports_the_damage(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    path = put(data_dir, DAMAGED["empty"])

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(DamagedFile) as caught:
        read_plan_state(data_dir)
    monkeypatch.undo()
    assert caught.value.copy is None
    assert str(path) in str(caught.value)
    assert damaged_copies(data_dir) == []
    assert temp_files(data_dir) == []


# --- records.py on its own --------------------------------------------------------------


def test_schema_version_of_tables() -> None:
    assert records.schema_version({}) == 0
    assert records.schema_version({"meta": {}}) == 0
    assert records.schema_version({"meta": {"1": {"schema_version": 1}}}) == 1
    for bad in ("1", 1.0, None, True, [1]):
        with pytest.raises(records.BadRecord):
            records.schema_version({"meta": {"1": {"schema_version": bad}}})


def test_upgrade_of_a_current_file_changes_nothing(tmp_path: Path) -> None:
    tables = copy.deepcopy(VALID)
    upgraded, changed = records.upgrade(tmp_path / "plan.json", tables)
    assert not changed
    assert upgraded == VALID


def test_upgrade_does_not_mutate_its_input(tmp_path: Path) -> None:
    tables = {k: v for k, v in copy.deepcopy(VALID).items() if k != "meta"}
    snapshot = copy.deepcopy(tables)
    upgraded, changed = records.upgrade(tmp_path / "plan.json", tables)
    assert changed
    assert tables == snapshot
    assert upgraded["meta"] == {"1": {"schema_version": records.SCHEMA_VERSION}}


# A plan file as version 1 wrote it: no review day, no "added later" marks.
VERSION_1 = {
    "meta": {"1": {"schema_version": 1}},
    "settings": {"1": {"target_days": 45, "breakup_date": None}},
    "attempts": {"1": {"start": "2026-01-01", "end": None, "ended_by": None, "trigger": ""}},
    "checkins": {"1": {"on": "2026-01-04", "mood": 3, "urge": 6, "contacted": False}},
}


def test_a_version_1_file_is_upgraded_and_keeps_everything(data_dir: Path) -> None:
    put(data_dir, json.dumps(VERSION_1).encode())
    state = read_plan_state(data_dir)
    assert state.plan.target_days == 45
    assert state.plan.review_weekday is None
    # The default review day: the weekday a week after the first start (a Thursday).
    assert state.plan.weekly_review_weekday == date(2026, 1, 8).weekday() == 3
    assert state.checkins[0].added_later is False
    assert (state.checkins[0].mood, state.checkins[0].urge) == (3, 6)
    _service_open(data_dir)
    upgraded = json.loads((data_dir / "plan.json").read_bytes())
    assert upgraded["meta"] == {"1": {"schema_version": records.SCHEMA_VERSION}}
    assert upgraded["settings"]["1"]["review_weekday"] is None
    assert upgraded["checkins"]["1"]["added_later"] is False
    assert read_plan_state(data_dir) == state


@pytest.mark.parametrize("bad", [7, -1, "monday", True])
def test_a_review_day_outside_the_week_is_a_damaged_file(data_dir: Path, bad: object) -> None:
    put(data_dir, edited(_set(("settings", "1", "review_weekday"), bad)))
    with pytest.raises(DamagedFile):
        read_plan_state(data_dir)


def test_upgrade_refuses_unknown_versions(tmp_path: Path) -> None:
    with pytest.raises(NewerSchema):
        records.upgrade(tmp_path / "p", {"meta": {"1": {"schema_version": 99}}})
    with pytest.raises(records.BadRecord):
        records.upgrade(tmp_path / "p", {"meta": {"1": {"schema_version": -5}}})


def test_no_plan_and_no_checkins_is_a_fresh_file() -> None:
    assert records.plan_from_tables({"meta": {"1": {"schema_version": 1}}}) is None
    assert records.checkins_from_tables({}) == ()


def test_attempts_are_read_in_record_number_order() -> None:
    tables = copy.deepcopy(VALID)
    tables["attempts"] = {
        "10": {"start": "2026-01-05", "end": None, "ended_by": None, "trigger": ""},
        "9": {"start": "2026-01-01", "end": "2026-01-05", "ended_by": "slip", "trigger": "x"},
    }
    plan = records.plan_from_tables(tables)
    assert [a.start for a in plan.attempts] == [date(2026, 1, 1), date(2026, 1, 5)]
