"""files.py: atomic writes, stray temp files, and the JSON reader."""

from __future__ import annotations

import errno
import json
import math
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.store import files, reading
from exback_tui.store.errors import WriteFailed, WriteUnconfirmed
from tests.store.support import temp_files

# --- atomic_write --------------------------------------------------------------------


def test_atomic_write_creates_the_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    files.atomic_write(target, b'{"a": 1}')
    assert target.read_bytes() == b'{"a": 1}'
    assert temp_files(tmp_path) == []


def test_atomic_write_replaces_the_content_whole(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    files.atomic_write(target, b"x" * 100_000)
    files.atomic_write(target, b"short")
    assert target.read_bytes() == b"short"  # no tail of the longer old content
    files.atomic_write(target, b"")
    assert target.read_bytes() == b""
    big = os.urandom(3_000_000)
    files.atomic_write(target, big)
    assert target.read_bytes() == big
    assert temp_files(tmp_path) == []


def test_atomic_write_never_writes_into_the_old_file(tmp_path: Path) -> None:
    """A reader holding the old file keeps seeing the old bytes: a new inode replaces it."""
    target = tmp_path / "plan.json"
    files.atomic_write(target, b"old content")
    with target.open("rb") as old:
        old_inode = os.fstat(old.fileno()).st_ino
        files.atomic_write(target, b"new")
        assert old.read() == b"old content"
    assert target.stat().st_ino != old_inode
    assert target.read_bytes() == b"new"


def test_atomic_write_fsyncs_the_temp_file_then_renames_then_fsyncs_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")
    events: list[tuple] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        kind = "dir" if stat.S_ISDIR(info.st_mode) else "file"
        events.append(("fsync", kind, info.st_ino))
        real_fsync(fd)

    def replace(src, dst) -> None:
        src, dst = Path(src), Path(dst)
        assert src.parent == dst.parent == tmp_path  # temp file in the same folder
        assert src.read_bytes() == b"new data"  # complete before the rename
        events.append(("replace", "", src.stat().st_ino))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    files.atomic_write(target, b"new data")

    kinds = [e[:2] for e in events]
    assert kinds == [("fsync", "file"), ("replace", ""), ("fsync", "dir")]
    assert events[0][2] == events[1][2]  # the fsynced file is the one renamed
    assert events[2][2] == tmp_path.stat().st_ino
    assert target.read_bytes() == b"new data"


FAILURES = [
    pytest.param("fsync", errno.ENOSPC, id="fsync-ENOSPC"),
    pytest.param("fsync", errno.EIO, id="fsync-EIO"),
    pytest.param("replace", errno.ENOSPC, id="replace-ENOSPC"),
    pytest.param("replace", errno.EIO, id="replace-EIO"),
    pytest.param("write", errno.ENOSPC, id="write-ENOSPC"),
    pytest.param("write", errno.EIO, id="write-EIO"),
]


def _inject(monkeypatch: pytest.MonkeyPatch, name: str, code: int) -> None:
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    if name == "write":
        real_write = os.write

        def partial_then_fail(fd, data):  # half the bytes land, then the disk is full
            real_write(fd, bytes(data[: max(1, len(data) // 2)]))
            fail()

        monkeypatch.setattr(os, "write", partial_then_fail)
    else:
        monkeypatch.setattr(os, name, fail)


@pytest.mark.parametrize(("name", "code"), FAILURES)
def test_failed_write_keeps_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: int
) -> None:
    target = tmp_path / "plan.json"
    old = b'{"meta": {"1": {"schema_version": 1}}}' * 50
    target.write_bytes(old)
    before = sorted(p.name for p in tmp_path.iterdir())
    _inject(monkeypatch, name, code)

    with pytest.raises(WriteFailed) as caught:
        files.atomic_write(target, b"new content that must not land" * 100)
    monkeypatch.undo()

    assert target.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temp file remains
    assert str(target) in str(caught.value)
    assert os.strerror(code) in str(caught.value)
    assert caught.value.path == target
    assert caught.value.error.errno == code
    assert isinstance(caught.value.__cause__, OSError)


@pytest.mark.parametrize(("name", "code"), FAILURES)
def test_failed_first_write_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: int
) -> None:
    target = tmp_path / "plan.json"
    _inject(monkeypatch, name, code)
    with pytest.raises(WriteFailed, match="plan.json"):
        files.atomic_write(target, b"data")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_temp_names_are_unique_and_beside_the_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    names = {files.temp_path_for(target) for _ in range(200)}
    assert len(names) == 200
    for name in names:
        assert name.parent == tmp_path
        assert name.name.startswith(".plan.json.")
        assert name.name.endswith(".tmp")


# --- stray temp files ------------------------------------------------------------------


def test_remove_stray_temp_files_removes_only_that_files_temps(tmp_path: Path) -> None:
    plan_temps = [
        files.temp_path_for(tmp_path / "plan.json"),
        files.temp_path_for(tmp_path / "plan.json"),
        tmp_path / ".plan.json.99999.0123abcd.tmp",  # a killed writer's, another pid
    ]
    others = [
        tmp_path / "plan.json",
        tmp_path / "plan.json.damaged-0123456789ab",
        files.temp_path_for(tmp_path / "journal.json"),
        files.temp_path_for(tmp_path / "plan.json.damaged-0123456789ab"),
        files.temp_path_for(tmp_path / "plan.json.bak"),
        tmp_path / "exback.lock",
        tmp_path / "notes.tmp",
    ]
    for path in plan_temps + others:
        path.write_bytes(b"x")

    removed = files.remove_stray_temp_files(tmp_path, "plan.json")

    assert sorted(removed) == sorted(plan_temps)
    assert sorted(tmp_path.iterdir()) == sorted(others)
    assert files.remove_stray_temp_files(tmp_path, "plan.json") == []


def test_remove_stray_temp_files_leaves_a_temp_of_a_failed_write_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If even the clean-up unlink fails, the next start sweeps the temp file."""
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")

    def fail_replace(*args):
        raise OSError(errno.EIO, "I/O error")

    def fail_unlink(self, missing_ok=False):
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "replace", fail_replace)
    monkeypatch.setattr(Path, "unlink", fail_unlink)
    with pytest.raises(WriteFailed):
        files.atomic_write(target, b"new")
    monkeypatch.undo()
    assert len(temp_files(tmp_path)) == 1
    files.remove_stray_temp_files(tmp_path, "plan.json")
    assert temp_files(tmp_path) == []
    assert target.read_bytes() == b"old"


def test_read_json_tables_of_a_missing_file_is_none(tmp_path: Path) -> None:
    assert reading.read_json_tables(tmp_path / "plan.json") is None
    assert list(tmp_path.iterdir()) == []


def test_read_json_tables_reads_tables(tmp_path: Path) -> None:
    tables = {"meta": {"1": {"schema_version": 1}}, "checkins": {}, "x": {"10": {"a": [1]}}}
    (tmp_path / "plan.json").write_text(json.dumps(tables, indent=1))
    assert reading.read_json_tables(tmp_path / "plan.json") == tables


# --- loads ----------------------------------------------------------------------------

SURROGATE_TEXT = st.text(
    alphabet=st.one_of(st.characters(), st.characters(codec=None, categories=["Cs"]))
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**200), max_value=10**200),
    st.floats(allow_nan=False, allow_infinity=False),  # Infinity: see INVALID below
    SURROGATE_TEXT,
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=6),
        st.dictionaries(SURROGATE_TEXT, children, max_size=6),
    ),
    max_leaves=40,
)


def _finite(value) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    return True


def _same(a, b) -> bool:
    """Equality that also tells -0.0 from 0.0 and int from float."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


@given(
    value=JSON_VALUES,
    ensure_ascii=st.booleans(),
    indent=st.sampled_from([None, 0, 1, 4]),
    padding=st.sampled_from(["", " ", "\n", " \t\r\n "]),
)
def test_loads_matches_json_loads(value, ensure_ascii: bool, indent, padding: str) -> None:
    if not _finite(value):
        return
    text = padding + json.dumps(value, ensure_ascii=ensure_ascii, indent=indent) + padding
    expected = json.loads(text)
    assert _same(reading.loads(text), expected)
    assert _same(reading.loads(text), value)


def test_loads_keeps_lone_surrogates_and_big_numbers() -> None:
    text = json.dumps({"t": "\udcff\ud800x", "n": 10**80, "f": 1e308, "m": -0.0})
    value = reading.loads(text)
    assert value["t"] == "\udcff\ud800x"
    assert value["n"] == 10**80 and type(value["n"]) is int
    assert value["f"] == 1e308
    assert math.copysign(1, value["m"]) == -1


INVALID = [
    "",
    "   ",
    "{",
    '{"a": 1',
    '{"a": 1}}',
    '{"a": 1} x',
    '{"a": 1}\x00',
    "[1, 2,]",
    "{'a': 1}",
    '{"a": 01}',
    '"unterminated',
    '"control \x01 char"',
    "NaN",
    "-Infinity",
    "Infinity",
    '{"a": NaN}',
    '{"a": [Infinity]}',
    '{"a": -Infinity}',
    "nan",
    "\ufeff{}",
    "{} {}",
    "1 2",
    "tru",
    "\x0c{}",
]


@pytest.mark.parametrize("text", INVALID, ids=repr)
def test_loads_refuses_what_is_not_strict_json(text: str) -> None:
    with pytest.raises(ValueError):
        reading.loads(text)


@given(value=JSON_VALUES, garbage=st.text(min_size=1).filter(lambda s: s.strip(" \t\r\n")))
def test_loads_refuses_trailing_garbage(value, garbage: str) -> None:
    if not _finite(value):
        return
    text = json.dumps(value) + garbage
    try:
        json.loads(text)
    except ValueError:
        pass
    else:  # e.g. "1" + "2" is just a longer number
        return
    with pytest.raises(ValueError):
        reading.loads(text)


@given(value=JSON_VALUES)
def test_loads_refuses_truncated_documents(value) -> None:
    if not _finite(value):
        return
    text = json.dumps(value)
    for cut in {len(text) // 2, len(text) - 1}:
        prefix = text[:cut]
        try:
            json.loads(prefix)
        except ValueError:
            with pytest.raises(ValueError):
                reading.loads(prefix)
        else:
            assert _same(reading.loads(prefix), json.loads(prefix))


def _failing_folder_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_folder_fsync_failing_after_the_rename_puts_the_old_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")
    _failing_folder_fsync(monkeypatch)
    with pytest.raises(WriteFailed) as caught:
        files.atomic_write(target, b"new")
    assert not isinstance(caught.value, WriteUnconfirmed)
    assert target.read_bytes() == b"old"
    assert "intact" in str(caught.value)
    assert temp_files(tmp_path) == []


def test_folder_fsync_failing_on_the_first_save_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.json"
    _failing_folder_fsync(monkeypatch)
    with pytest.raises(WriteFailed) as caught:
        files.atomic_write(target, b"new")
    assert not isinstance(caught.value, WriteUnconfirmed)
    assert sorted(tmp_path.iterdir()) == []


def test_without_hard_links_a_failed_folder_fsync_says_the_new_file_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    files.atomic_write(target, b"saved without a link")  # a save still works
    assert target.read_bytes() == b"saved without a link"
    _failing_folder_fsync(monkeypatch)
    with pytest.raises(WriteUnconfirmed) as caught:
        files.atomic_write(target, b"new")
    assert isinstance(caught.value, WriteFailed)
    assert target.read_bytes() == b"new"
    assert "Saved to" in str(caught.value) and "intact" not in str(caught.value)
    assert temp_files(tmp_path) == []
