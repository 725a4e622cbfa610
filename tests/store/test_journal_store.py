"""JournalStore and read_journal: round trips, failures, damaged files, and SIGKILL mid-save."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tinydb import TinyDB

from exback_tui.domain.journal import (
    MAX_TITLE_CHARS,
    Entry,
    deleted,
    edited,
    new_entry,
    restored,
)
from exback_tui.store import storage as storage_mod
from exback_tui.store.errors import DamagedFile, NewerSchema, WriteFailed, WriteUnconfirmed
from exback_tui.store.export import build_export, parse_export
from exback_tui.store.files import atomic_write
from exback_tui.store.journal.records import entry_doc
from exback_tui.store.journal.store import JournalStore, read_journal
from exback_tui.store.names import JOURNAL_FILE
from tests.store.support import HOSTILE_TEXTS, PYTHON, mode, subprocess_env, temp_files

ZONE = timezone(timedelta(hours=-5))
START = datetime(2026, 11, 1, 8, 30, tzinfo=ZONE)
STORABLE_HOSTILE = [t for t in HOSTILE_TEXTS if "\udcff" not in t]


def make(number: int, text: str | None = None, **fields) -> Entry:
    when = START + timedelta(hours=number)
    body = f"entry {number}: {STORABLE_HOSTILE[number % len(STORABLE_HOSTILE)]}"
    return new_entry(f"id-{number:04d}", when, body if text is None else text, **fields)


def by_id(entries: list[Entry]) -> dict[str, Entry]:
    return {e.id: e for e in entries}


def journal_path(folder: Path) -> Path:
    return folder / JOURNAL_FILE


def disk(folder: Path) -> dict:
    return orjson.loads(journal_path(folder).read_bytes())


def state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# Round trips ------------------------------------------------------------------------


def test_open_creates_a_private_folder_but_no_file(data_dir: Path) -> None:
    store = JournalStore.open(data_dir)
    assert store.entries() == []
    store.close()
    assert mode(data_dir) == 0o700
    assert list(data_dir.iterdir()) == []
    assert read_journal(data_dir) == []


def test_read_journal_of_a_missing_folder_creates_nothing(data_dir: Path) -> None:
    assert read_journal(data_dir) == []
    assert not data_dir.exists()


def test_save_and_reload_every_hostile_text(data_dir: Path, umask: int) -> None:
    store = JournalStore.open(data_dir)
    written = []
    for number, text in enumerate(STORABLE_HOSTILE):
        entry = make(number, text, title=text.replace("\n", " ")[:50], mood=number % 5 + 1)
        entry = entry._replace(tags=(text.split()[0],) if text.split() else ())
        store.save(entry)
        written.append(entry)
    assert by_id(store.entries()) == by_id(written)
    store.close()
    assert mode(journal_path(data_dir)) == 0o600
    assert mode(data_dir) == 0o700
    for loaded in (read_journal(data_dir), JournalStore.open(data_dir).entries()):
        assert by_id(loaded) == by_id(written)
        for entry in loaded:  # code point for code point
            assert list(entry.text) == list(by_id(written)[entry.id].text)


def test_the_file_is_a_tinydb_database_with_a_schema_version(data_dir: Path) -> None:
    store = JournalStore.open(data_dir)
    store.save(make(1))
    store.save(make(2))
    store.close()
    raw = disk(data_dir)
    assert raw["meta"] == {"1": {"schema_version": 1}}
    assert sorted(raw["entries"]) == ["1", "2"]
    db = TinyDB(journal_path(data_dir), access_mode="r")
    try:
        docs = db.table("entries").all()
    finally:
        db.close()
    assert sorted(d["id"] for d in docs) == ["id-0001", "id-0002"]
    assert docs[0] == entry_doc(make(1))


def test_saving_an_existing_id_replaces_it(data_dir: Path) -> None:
    store = JournalStore.open(data_dir)
    first = make(1)
    store.save(first)
    store.save(make(2))
    changed = edited(first, START + timedelta(days=3), text="new", title="T", mood=5, tags="x")
    store.save(changed)
    assert by_id(store.entries())["id-0001"] == changed
    assert len(store.entries()) == 2
    store.close()
    assert len(disk(data_dir)["entries"]) == 2
    assert by_id(read_journal(data_dir))["id-0001"] == changed


def test_delete_restore_and_remove(data_dir: Path) -> None:
    store = JournalStore.open(data_dir)
    for number in range(4):
        store.save(make(number))
    gone = deleted(make(1), START + timedelta(days=2))
    store.save(gone)
    assert by_id(read_journal(data_dir))["id-0001"].deleted == gone.deleted
    store.save(restored(gone))
    assert by_id(read_journal(data_dir))["id-0001"].deleted is None
    assert store.remove(["id-0002", "id-0002", "missing", "id-0003"]) == 2
    assert sorted(by_id(store.entries())) == ["id-0000", "id-0001"]
    assert store.remove(["missing"]) == 0
    store.close()
    assert sorted(by_id(read_journal(data_dir))) == ["id-0000", "id-0001"]
    # A later session adds after removals without clashing.
    store = JournalStore.open(data_dir)
    store.save(make(9))
    store.remove(["id-0000"])
    store.save(make(10))
    store.close()
    assert sorted(by_id(read_journal(data_dir))) == ["id-0001", "id-0009", "id-0010"]


def test_add_many_skips_ids_already_there_and_repeats(data_dir: Path) -> None:
    store = JournalStore.open(data_dir)
    store.save(make(1, "kept as it is"))
    batch = [make(1, "would overwrite"), make(2), make(3), make(2, "repeat in the batch")]
    assert store.add_many(batch) == 2
    entries = by_id(store.entries())
    assert entries["id-0001"].text == "kept as it is"
    assert entries["id-0002"] == make(2)
    store.close()
    assert by_id(read_journal(data_dir)) == entries
    before = state(journal_path(data_dir))
    store = JournalStore.open(data_dir)
    assert store.add_many([make(1), make(2)]) == 0
    assert store.add_many([]) == 0
    store.close()
    assert state(journal_path(data_dir)) == before  # nothing new, nothing written


def test_each_change_is_one_atomic_write(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    real = storage_mod.atomic_write

    def counting(path: Path, data: Iterable[bytes | memoryview]) -> None:
        whole = b"".join(data)  # the journal is written in pieces
        calls.append(whole)
        real(path, whole)

    monkeypatch.setattr(storage_mod, "atomic_write", counting)
    store = JournalStore.open(data_dir)
    store.save(make(1))
    store.save(make(1, "again"))
    store.add_many([make(2), make(3), make(4)])
    store.remove(["id-0002", "id-0003"])
    assert len(calls) == 4
    assert orjson.loads(calls[-1]) == disk(data_dir)


def test_open_sweeps_temp_files_and_read_journal_does_not(data_dir: Path) -> None:
    store = JournalStore.open(data_dir)
    store.save(make(1))
    store.close()
    stray = data_dir / f".{JOURNAL_FILE}.4242.0badc0de.tmp"
    stray.write_bytes(b'{"half')
    other = data_dir / ".plan.json.4242.0badc0de.tmp"
    other.write_bytes(b"{")
    assert len(read_journal(data_dir)) == 1
    assert stray.exists()
    JournalStore.open(data_dir).close()
    assert not stray.exists()
    assert other.exists()  # another file's temp file is not the journal's business


def test_naive_times_are_never_written(data_dir: Path) -> None:
    store = JournalStore.open(data_dir)
    naive = make(1)._replace(created=datetime(2026, 11, 1, 8, 30))
    with pytest.raises(ValueError):
        store.save(naive)
    assert store.entries() == []
    assert not journal_path(data_dir).exists()


# Failed writes ----------------------------------------------------------------------------


def failing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, data: bytes) -> None:
        raise WriteFailed(path, OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(storage_mod, "atomic_write", refuse)


@pytest.mark.parametrize("change", ["insert", "update", "delete", "remove", "add_many"])
def test_a_failed_write_leaves_memory_and_disk_at_the_last_save(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    store = JournalStore.open(data_dir)
    store.add_many([make(1), make(2)])
    before_disk = state(journal_path(data_dir))
    before_entries = by_id(store.entries())
    before_tables = orjson.loads(orjson.dumps(store.tables()))

    failing(monkeypatch)
    with pytest.raises(WriteFailed):
        if change == "insert":
            store.save(make(3))
        elif change == "update":
            store.save(make(1, "changed"))
        elif change == "delete":
            store.save(deleted(make(1), START + timedelta(days=1)))
        elif change == "remove":
            store.remove(["id-0001"])
        else:
            store.add_many([make(3), make(4)])
    assert state(journal_path(data_dir)) == before_disk
    assert by_id(store.entries()) == before_entries
    assert store.tables() == before_tables
    assert temp_files(data_dir) == []

    monkeypatch.undo()
    store.save(make(5))
    expected = {**before_entries, "id-0005": make(5)}
    assert by_id(store.entries()) == expected
    store.close()
    assert by_id(read_journal(data_dir)) == expected


def test_a_failed_first_save_keeps_the_schema_version(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = JournalStore.open(data_dir)
    failing(monkeypatch)
    with pytest.raises(WriteFailed):
        store.save(make(1))
    assert not journal_path(data_dir).exists()
    assert store.entries() == []
    monkeypatch.undo()
    store.save(make(2))
    store.close()
    raw = disk(data_dir)
    assert raw["meta"] == {"1": {"schema_version": 1}}
    assert [d["id"] for d in raw["entries"].values()] == ["id-0002"]


def test_a_failing_disk_through_the_real_atomic_write(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exback_tui.store import files

    store = JournalStore.open(data_dir)
    store.save(make(1))
    before = state(journal_path(data_dir))
    real_fsync = os.fsync

    def broken_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files.os, "fsync", broken_fsync)
    with pytest.raises(WriteFailed) as failed:
        store.save(make(2))
    assert "Input/output error" in str(failed.value)
    monkeypatch.setattr(files.os, "fsync", real_fsync)
    assert state(journal_path(data_dir)) == before
    assert temp_files(data_dir) == []
    assert by_id(store.entries()) == {"id-0001": make(1)}
    store.save(make(3))
    assert sorted(by_id(read_journal(data_dir))) == ["id-0001", "id-0003"]


@pytest.mark.parametrize("change", ["insert", "update", "add_many", "remove"])
def test_an_unconfirmed_write_counts_as_saved(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    store = JournalStore.open(data_dir)
    store.add_many([make(1), make(2)])
    real = storage_mod.atomic_write

    def unconfirmed(path: Path, data: bytes) -> None:
        real(path, data)
        raise WriteUnconfirmed(path, OSError(errno.EIO, "Input/output error"))

    monkeypatch.setattr(storage_mod, "atomic_write", unconfirmed)
    with pytest.raises(WriteUnconfirmed):
        if change == "insert":
            store.save(make(3))
        elif change == "update":
            store.save(make(1, "changed"))
        elif change == "add_many":
            store.add_many([make(3), make(4)])
        else:
            store.remove(["id-0002"])
    monkeypatch.undo()
    # Memory matches the file, and saving the same entries again doesn't duplicate them.
    assert by_id(store.entries()) == by_id(read_journal(data_dir))
    store.save(make(3))
    store.save(make(1, "changed"))
    on_disk = read_journal(data_dir)
    assert len(on_disk) == len(by_id(on_disk)) == len(store.entries())
    assert by_id(store.entries()) == by_id(on_disk)


# Damaged files ------------------------------------------------------------------------------

GOOD_DOC = orjson.loads(orjson.dumps(entry_doc(make(1))))


def file_with(*docs: dict, meta: object = None) -> bytes:
    tables: dict = {"meta": {"1": {"schema_version": 1}} if meta is None else meta}
    tables["entries"] = {str(n): d for n, d in enumerate(docs, start=1)}
    return orjson.dumps(tables)


DAMAGED = {
    "empty": b"",
    "whitespace": b"  \n",
    "truncated": file_with(GOOD_DOC)[:-7],
    "garbage": b"\x00\xffnot json at all",
    "not-utf8": file_with(GOOD_DOC).replace(b"entry 1", b"entry \xff"),
    "a-list": b"[1, 2, 3]",
    "table-not-dict": b'{"entries": [1, 2]}',
    "record-not-dict": b'{"entries": {"1": "text"}}',
    "record-key-not-number": orjson.dumps({"entries": {"abc": GOOD_DOC}}),
    "record-key-leading-zero": orjson.dumps({"entries": {"01": GOOD_DOC}}),
    "no-id": file_with({**GOOD_DOC, "id": ""}),
    "text-not-str": file_with({**GOOD_DOC, "text": 42}),
    "mood-out-of-range": file_with({**GOOD_DOC, "mood": 9}),
    "mood-bool": file_with({**GOOD_DOC, "mood": True}),
    "tags-not-list": file_with({**GOOD_DOC, "tags": "a,b"}),
    "naive-date": file_with({**GOOD_DOC, "created": "2026-11-01T08:30:00"}),
    "not-a-date": file_with({**GOOD_DOC, "updated": "yesterday"}),
    "same-id-twice": file_with(GOOD_DOC, GOOD_DOC),
    "version-not-number": file_with(GOOD_DOC, meta={"1": {"schema_version": "1"}}),
    "version-zero": file_with(GOOD_DOC, meta={"1": {"schema_version": 0}}),
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
@pytest.mark.parametrize("reader", ["open", "read_journal"])
def test_a_damaged_journal_is_refused_untouched_with_a_copy(
    data_dir: Path, content: bytes, reader: str
) -> None:
    data_dir.mkdir(mode=0o700)
    path = journal_path(data_dir)
    path.write_bytes(content)
    before = state(path)
    with pytest.raises(DamagedFile) as refused:
        if reader == "open":
            JournalStore.open(data_dir)
        else:
            read_journal(data_dir)
    assert state(path) == before
    copies = sorted(data_dir.glob(f"{JOURNAL_FILE}.damaged-*"))
    assert len(copies) == 1
    assert copies[0].read_bytes() == content
    assert mode(copies[0]) == 0o600
    assert refused.value.copy == copies[0]
    message = str(refused.value)
    assert str(path) in message and "left exactly as it is" in message
    assert "\n" not in message
    # Reading it again keeps the one copy.
    with pytest.raises(DamagedFile):
        read_journal(data_dir)
    assert len(list(data_dir.glob(f"{JOURNAL_FILE}.damaged-*"))) == 1


def test_a_newer_journal_is_refused_untouched(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    path = journal_path(data_dir)
    path.write_bytes(file_with(GOOD_DOC, meta={"1": {"schema_version": 2}}))
    before = state(path)
    for read in (JournalStore.open, read_journal):
        with pytest.raises(NewerSchema):
            read(data_dir)
    assert state(path) == before
    assert sorted(p.name for p in data_dir.iterdir()) == [JOURNAL_FILE]


def test_unknown_extra_fields_and_tables_are_tolerated(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    tables = orjson.loads(file_with({**GOOD_DOC, "future": 1}))
    tables["other"] = {"x": {"y": 1}}
    journal_path(data_dir).write_bytes(orjson.dumps(tables))
    assert read_journal(data_dir) == [make(1)]


# Any text round-trips ---------------------------------------------------------------------

titles = st.text(max_size=MAX_TITLE_CHARS).filter(lambda t: len(f"{t}x".splitlines()) == 1)


@given(
    texts=st.lists(st.text(), min_size=1, max_size=4),
    title=titles,
    tags=st.lists(st.text(max_size=10), max_size=4),
    mood=st.none() | st.integers(1, 5),
)
def test_any_text_round_trips_through_save_reload_export_and_import(
    texts: list[str], title: str, tags: list[str], mood: int | None
) -> None:
    from exback_tui.domain.errors import InvalidInput

    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp) / "first", Path(tmp) / "second"
        store = JournalStore.open(first)
        written = []
        for number, text in enumerate(texts):
            try:
                entry = make(number, text, title=title, mood=mood, tags=tags)
            except InvalidInput:  # e.g. more than 20 distinct tags, a tag over 40 characters
                entry = make(number, text, title=title, mood=mood)
            store.save(entry)
            written.append(entry)
        store.close()
        reloaded = JournalStore.open(first).entries()
        assert by_id(reloaded) == by_id(written)
        assert by_id(read_journal(first)) == by_id(written)

        exported = build_export(None, reloaded)
        _, parsed = parse_export(exported)
        assert by_id(parsed) == by_id(written)
        target = JournalStore.open(second)
        assert target.add_many(parsed) == len(written)
        target.close()
        again = read_journal(second)
        assert by_id(again) == by_id(written)
        for entry in again:
            assert entry.text == by_id(written)[entry.id].text
        assert build_export(None, again) == exported


# SIGKILL mid-save ------------------------------------------------------------------------

DEEP = os.environ.get("EXBACK_DEEP") == "1"
KILLS = 300 if DEEP else 30

# Operation n inserts entry n, except every fourth, which edits entry n-1.
WRITER = r"""
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from exback_tui.domain.journal import new_entry
from exback_tui.store.files import ensure_private_dir
from exback_tui.store.journal.store import JournalStore
from exback_tui.store.lock import DataLock

folder, n = Path(sys.argv[1]), int(sys.argv[2])
ensure_private_dir(folder)
lock = DataLock(folder, for_tui=False).acquire(5)
store = JournalStore.open(folder)
start = datetime(2026, 11, 1, 8, tzinfo=timezone(timedelta(hours=2)))
current = {e.id: e for e in store.entries()}
while True:
    if n % 4 == 3:
        old = current[f"e{n - 1:06d}"]
        entry = old._replace(text=f"edited by op {n} \x1b[31m [/] \u202e")
    else:
        word = f"op {n} [bold \x9b \U0001f469\u200d\U0001f467 \u05e9\u05dc\u05d5\u05dd "
        body = word * (20 + n % 50)
        entry = new_entry(f"e{n:06d}", start + timedelta(minutes=n), body, tags=["t"])
    store.save(entry)
    current[entry.id] = entry
    sys.stdout.write(f"ACK {n}\n")
    sys.stdout.flush()
    n += 1
"""


def op_is_edit(n: int) -> bool:
    return n % 4 == 3


def check_journal(folder: Path, acked: list[int], in_flight: int) -> None:
    entries = by_id(read_journal(folder))  # parses: no DamagedFile
    assert not list(folder.glob(f"{JOURNAL_FILE}.damaged-*"))
    inserted = {n for n in acked if not op_is_edit(n)}
    if not op_is_edit(in_flight) and f"e{in_flight:06d}" in entries:
        inserted.add(in_flight)  # landed before the kill
    assert set(entries) == {f"e{n:06d}" for n in inserted}
    for n in acked:
        if op_is_edit(n):
            assert entries[f"e{n - 1:06d}"].text.startswith(f"edited by op {n} ")
        elif not any(op_is_edit(m) and m - 1 == n for m in [*acked, in_flight]):
            assert entries[f"e{n:06d}"].text.startswith(f"op {n} [bold")


def test_sigkill_mid_save_loses_no_acknowledged_entry(data_dir: Path) -> None:
    seed = int(os.environ.get("EXBACK_CRASH_SEED", random.randrange(2**32)))
    rng = random.Random(seed)
    acked: list[int] = []
    next_op = 0
    left_temp = 0
    started = time.monotonic()
    for run in range(KILLS):
        proc = subprocess.Popen(
            [PYTHON, "-c", WRITER, str(data_dir), str(next_op)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=subprocess_env(),
        )
        first = proc.stdout.readline()
        if not first:
            _, err = proc.communicate(timeout=30)
            pytest.fail(f"writer died before its first save (seed {seed}):\n{err.decode()}")
        time.sleep(rng.uniform(0, 0.025))
        os.kill(proc.pid, signal.SIGKILL)
        # Read the rest through the same buffered reader: readline() may already
        # hold more ACK lines, which communicate() (reading the raw pipe) would drop.
        out = proc.stdout.read()
        err = proc.stderr.read()
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")

        lines = (first + out).split(b"\n")
        assert lines[-1] == b"", f"a torn ACK line: {lines[-1]!r}"
        numbers = [int(line.removeprefix(b"ACK ")) for line in lines[:-1]]
        assert numbers == list(range(next_op, next_op + len(numbers))), f"seed {seed}"
        acked.extend(numbers)
        in_flight = next_op + len(numbers)
        context = f"seed {seed}, run {run}, acked up to {numbers[-1]}"
        try:
            check_journal(data_dir, acked, in_flight)
        except AssertionError as error:
            raise AssertionError(f"{context}: {error}") from error

        left_temp += bool(temp_files(data_dir))
        store = JournalStore.open(data_dir)  # sweeps the killed writer's temp file
        store.close()
        assert temp_files(data_dir) == [], context
        assert mode(journal_path(data_dir)) == 0o600, context
        # The next writer carries on after the in-flight operation if it landed,
        # or does it again if it didn't.
        entries = by_id(read_journal(data_dir))
        if op_is_edit(in_flight):
            edited_text = entries[f"e{in_flight - 1:06d}"].text
            landed = edited_text.startswith(f"edited by op {in_flight} ")
        else:
            landed = f"e{in_flight:06d}" in entries
        if landed:
            acked.append(in_flight)
        next_op = in_flight + 1 if landed else in_flight
    print(
        f"journal crash test: seed {seed}, {KILLS} kills, {len(acked)} saves, "
        f"{left_temp} kills left a temp file, {time.monotonic() - started:.1f} s"
    )


def test_atomic_write_is_what_the_store_uses() -> None:
    # The crash test relies on every journal write going through atomic_write.
    assert storage_mod.atomic_write is atomic_write
