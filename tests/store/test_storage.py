"""AtomicJSONStorage under TinyDB: one write per batch, rollback, failure handling."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tinydb import Query, TinyDB
from tinydb.table import Table

from exback_tui.store import storage as storage_mod
from exback_tui.store.errors import WriteFailed, WriteUnconfirmed
from exback_tui.store.files import atomic_write
from exback_tui.store.storage import AtomicJSONStorage
from tests.store.support import temp_files


class Boom(Exception):
    pass


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every atomic_write the storage makes, in order (they still happen)."""
    calls: list[bytes] = []
    real = storage_mod.atomic_write

    def counting(path: Path, data: bytes) -> None:
        calls.append(data)
        real(path, data)

    monkeypatch.setattr(storage_mod, "atomic_write", counting)
    return calls


def open_db(path: Path) -> tuple[TinyDB, AtomicJSONStorage]:
    tables = json.loads(path.read_text()) if path.exists() else None
    storage = AtomicJSONStorage(path, tables, indent=1)
    db = TinyDB(storage=lambda: storage)
    return db, storage


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text())


def test_nothing_is_written_until_something_changes(tmp_path: Path, writes: list) -> None:
    path = tmp_path / "db.json"
    db, storage = open_db(path)
    assert storage.read() is None
    assert db.table("t").all() == []
    assert writes == []
    assert not path.exists()


def test_each_write_outside_a_batch_goes_to_disk_at_once(tmp_path: Path, writes: list) -> None:
    path = tmp_path / "db.json"
    db, _ = open_db(path)
    table = db.table("t", cache_size=0)
    table.insert({"n": 1})
    assert len(writes) == 1
    assert on_disk(path)["t"] == {"1": {"n": 1}}
    table.insert({"n": 2})
    assert len(writes) == 2
    assert on_disk(path)["t"] == {"1": {"n": 1}, "2": {"n": 2}}


def test_batch_writes_once_at_the_end(tmp_path: Path, writes: list) -> None:
    path = tmp_path / "db.json"
    db, storage = open_db(path)
    db.table("t", cache_size=0).insert({"n": 0})
    before = path.read_bytes()
    writes.clear()
    with storage.batch():
        table = db.table("t", cache_size=0)
        table.truncate()
        table.insert_multiple({"n": n} for n in range(1, 6))
        table.update({"seen": True}, Query().n == 3)
        db.table("u", cache_size=0).insert({"x": "y"})
        assert writes == []
        assert path.read_bytes() == before  # nothing on disk mid-batch
        assert len(table.all()) == 5  # reads inside the batch see its changes
    assert len(writes) == 1
    saved = on_disk(path)
    assert [d["n"] for d in saved["t"].values()] == [1, 2, 3, 4, 5]
    assert saved["t"]["3"]["seen"] is True
    assert saved["u"] == {"1": {"x": "y"}}


def test_nested_batches_write_once_at_the_outer_end(tmp_path: Path, writes: list) -> None:
    path = tmp_path / "db.json"
    db, storage = open_db(path)
    with storage.batch():
        db.table("t", cache_size=0).insert({"n": 1})
        with storage.batch():
            db.table("t", cache_size=0).insert({"n": 2})
        assert writes == []
        db.table("t", cache_size=0).insert({"n": 3})
    assert len(writes) == 1
    assert len(on_disk(path)["t"]) == 3


def test_a_batch_without_changes_writes_nothing(tmp_path: Path, writes: list) -> None:
    path = tmp_path / "db.json"
    db, storage = open_db(path)
    with storage.batch():
        db.table("t", cache_size=0).all()
    assert writes == []


def test_batch_rolls_back_on_exception(tmp_path: Path, writes: list) -> None:
    path = tmp_path / "db.json"
    db, storage = open_db(path)
    table = db.table("t", cache_size=0)
    table.insert_multiple([{"n": 1}, {"n": 2}])
    before = path.read_bytes()
    writes.clear()

    with pytest.raises(Boom), storage.batch():
        table.truncate()
        table.insert({"n": 99})
        db.table("other", cache_size=0).insert({"x": 1})
        raise Boom

    assert writes == []
    assert path.read_bytes() == before
    assert [d["n"] for d in table.all()] == [1, 2]  # later reads show the old state
    assert db.table("other", cache_size=0).all() == []
    assert storage.read() == json.loads(before)

    # The next write carries nothing of the rolled-back batch. (A fresh Table:
    # TinyDB caches the next record number per Table object, and that cache
    # does not roll back; PlanStore truncates before it inserts, so it is
    # never misled by it.)
    Table(storage, "t", cache_size=0).insert({"n": 3})
    saved = on_disk(path)
    assert [d["n"] for d in saved["t"].values()] == [1, 2, 3]
    assert saved.get("other", {}) == {}


def test_a_batch_rolled_back_by_keyboard_interrupt_writes_nothing(
    tmp_path: Path, writes: list
) -> None:
    path = tmp_path / "db.json"
    db, storage = open_db(path)
    db.table("t", cache_size=0).insert({"n": 1})
    before = path.read_bytes()
    writes.clear()
    with pytest.raises(KeyboardInterrupt), storage.batch():
        db.table("t", cache_size=0).insert({"n": 2})
        raise KeyboardInterrupt
    assert writes == []
    assert path.read_bytes() == before
    assert len(db.table("t", cache_size=0).all()) == 1


def test_an_exception_in_an_inner_batch_rolls_back_the_whole_change(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db, storage = open_db(path)
    db.table("t", cache_size=0).insert({"n": 1})
    before = path.read_bytes()
    with pytest.raises(Boom), storage.batch():
        db.table("t", cache_size=0).insert({"n": 2})
        with storage.batch():
            db.table("t", cache_size=0).insert({"n": 3})
            raise Boom
    assert path.read_bytes() == before
    assert len(db.table("t", cache_size=0).all()) == 1


def _fail_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", fail)


def test_a_failed_batch_write_keeps_disk_and_memory_at_the_last_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    db, storage = open_db(path)
    db.table("t", cache_size=0).insert({"n": 1})
    before = path.read_bytes()

    _fail_replace(monkeypatch)
    with pytest.raises(WriteFailed, match="db.json"), storage.batch():
        db.table("t", cache_size=0).insert({"n": 2})
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert temp_files(tmp_path) == []
    assert [d["n"] for d in db.table("t", cache_size=0).all()] == [1]
    db.table("t", cache_size=0).insert({"n": 3})
    assert [d["n"] for d in on_disk(path)["t"].values()] == [1, 3]


def test_a_failed_single_write_keeps_memory_at_the_last_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    db, storage = open_db(path)
    db.table("t", cache_size=0).insert({"n": 1})
    before = path.read_bytes()
    _fail_replace(monkeypatch)
    with pytest.raises(WriteFailed):
        db.table("t", cache_size=0).insert({"n": 2})
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [d["n"] for d in db.table("t", cache_size=0).all()] == [1]
    assert storage.read() == json.loads(before)


def test_read_returns_a_fresh_copy(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json", {"t": {"1": {"a": [1]}}})
    first = storage.read()
    first["t"]["1"]["a"].append(2)
    first["t"]["2"] = {}
    assert storage.read() == {"t": {"1": {"a": [1]}}}


def test_the_file_is_ascii_and_round_trips_any_string(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    text = "\udcff \x00 \x1b[31m 🙂 שלום [/]"
    storage = AtomicJSONStorage(path, None)
    storage.write({"t": {"1": {"s": text}}})
    raw = path.read_bytes()
    assert raw.isascii()
    assert json.loads(raw)["t"]["1"]["s"] == text
    assert storage.read()["t"]["1"]["s"] == text


def test_storage_rewrites_the_file_by_path_each_time(tmp_path: Path) -> None:
    """A file replaced behind the storage's back is replaced again, not written through."""
    path = tmp_path / "db.json"
    db, _ = open_db(path)
    db.table("t", cache_size=0).insert({"n": 1})
    first_inode = path.stat().st_ino
    db.table("t", cache_size=0).insert({"n": 2})
    assert path.stat().st_ino != first_inode


def test_unconfirmed_write_keeps_memory_in_step_with_the_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.json"
    storage = AtomicJSONStorage(path, None)
    storage.write({"t": {"1": {"v": 1}}})

    def unconfirmed(target, data: bytes) -> None:
        target.write_bytes(data)
        raise WriteUnconfirmed(target, OSError(errno.EIO, "Input/output error"))

    monkeypatch.setattr(storage_mod, "atomic_write", unconfirmed)
    with pytest.raises(WriteUnconfirmed):
        storage.write({"t": {"1": {"v": 2}}})
    assert storage.read() == {"t": {"1": {"v": 2}}}
    assert json.loads(path.read_text()) == storage.read()


# The journal's storage writes in pieces ---------------------------------------------------


@given(
    tables=st.dictionaries(
        st.text(max_size=5),
        st.dictionaries(
            st.integers(0, 10**4).map(str),
            st.dictionaries(
                st.text(max_size=5), st.text(max_size=8) | st.integers(-(2**63), 2**63 - 1)
            ),
            max_size=40,
        ),
        max_size=3,
    ),
    per_piece=st.integers(1, 8),
)
def test_the_pieces_are_orjsons_bytes_exactly(tables: dict, per_piece: int) -> None:
    with mock.patch.object(storage_mod, "RECORDS_PER_PIECE", per_piece):
        pieces = list(storage_mod.in_pieces(tables))
    assert b"".join(pieces) == orjson.dumps(tables)


def test_a_piece_that_cannot_be_made_leaves_the_file_and_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    path.write_bytes(b'{"old":{}}')

    def pieces() -> Iterator[bytes]:
        yield b'{"new":'
        raise TypeError("not serialisable")

    with pytest.raises(TypeError):
        atomic_write(path, pieces())
    assert path.read_bytes() == b'{"old":{}}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.json"]
