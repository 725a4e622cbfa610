"""Reading journal.json a record at a time gives exactly what a whole parse gives.

`_read_by_record` cuts the file exback writes into records without holding
all its bytes; anything it is not sure of goes to the whole parse, so a
damaged file is refused as before (test_journal_store.py) and a file in
another form (another writer, spaces, another table order) still opens.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.journal import new_entry
from exback_tui.store.errors import DamagedFile
from exback_tui.store.journal import store as journal_store
from exback_tui.store.journal.records import entry_doc
from exback_tui.store.journal.store import JournalStore, _NotByRecord, _read_by_record, read_journal
from exback_tui.store.names import JOURNAL_FILE

# Text that looks like the places a record is cut, or like the end of the file.
TRICKY = st.sampled_from(
    ['},"5":{', "}}}", '},"12":{"id":"x"}', '"', "\\", '\\"', "}", ",", "{", "😀", "\n"]
)
texts = st.lists(st.text(max_size=20) | TRICKY, max_size=6).map("".join)
flat_docs = st.fixed_dictionaries(
    {"id": texts, "text": texts},
    optional={"title": texts, "mood": st.none() | st.integers(1, 5), "tags": st.lists(texts)},
)
# A record holding a table of its own, shaped like the entries table: a cut may fall inside it.
nested_docs = st.builds(
    lambda doc, inner: {**doc, "extra": inner},
    flat_docs,
    st.dictionaries(st.integers(0, 99).map(str), flat_docs, max_size=3),
)
record_numbers = st.integers(0, 10**6).map(str)


def journal_bytes(rows: dict[str, dict]) -> bytes:
    """A journal as exback writes it: orjson's compact form, meta first."""
    return orjson.dumps({"meta": {"1": {"schema_version": 1}}, "entries": rows})


def read(path: Path, block: int) -> dict:
    with mock.patch.object(journal_store, "_BLOCK", block):
        return _read_by_record(path)  # type: ignore[return-value]


@given(
    rows=st.dictionaries(record_numbers, flat_docs, max_size=6),
    block=st.integers(1, 300),
)
def test_a_journal_as_exback_writes_it_reads_the_same_by_record(
    tmp_path_factory: pytest.TempPathFactory, rows: dict, block: int
) -> None:
    path = tmp_path_factory.mktemp("journal") / JOURNAL_FILE
    path.write_bytes(journal_bytes(rows))
    assert read(path, block) == orjson.loads(path.read_bytes())


@given(
    rows=st.dictionaries(record_numbers, flat_docs | nested_docs, max_size=5),
    block=st.integers(1, 300),
    edit=st.tuples(st.integers(0, 10**6), st.sampled_from([b"", b"}", b",", b'"', b"{", b" "])),
    cut=st.booleans(),
)
def test_a_changed_or_odd_file_is_either_read_exactly_or_left_to_the_whole_parse(
    tmp_path_factory: pytest.TempPathFactory, rows: dict, block: int, edit: tuple, cut: bool
) -> None:
    raw = journal_bytes(rows)
    at, inserted = edit
    at %= len(raw)
    # One byte replaced, or one inserted: a damaged file or a valid one of another shape.
    raw = raw[:at] + inserted + raw[at + 1 if cut else at :]
    path = tmp_path_factory.mktemp("journal") / JOURNAL_FILE
    path.write_bytes(raw)
    try:
        tables = read(path, block)
    except _NotByRecord:
        return
    assert tables == orjson.loads(raw)


@pytest.mark.parametrize(
    "raw",
    [
        # The same tables, entries first (another writer).
        b'{"entries":{"1":{"id":"a","text":"x"}},"meta":{"1":{"schema_version":1}}}',
        # Spaces and a final newline.
        b'{"meta":{"1":{"schema_version":1}},"entries":{"1":{"id":"a","text":"x"}}}\n',
        b'{"meta": {"1": {"schema_version": 1}}, "entries": {"1": {"id": "a", "text": "x"}}}',
        # A record number written with a leading zero: refused by the whole parse.
        b'{"meta":{"1":{"schema_version":1}},"entries":{"01":{"id":"a","text":"x"}}}',
        # Cut short, and a record that is not a record.
        b'{"meta":{"1":{"schema_version":1}},"entries":{"1":{"id":"a","text":"x"}}',
        b'{"meta":{"1":{"schema_version":1}},"entries":{"1":[1]}}',
        b'{"meta":{"1":{"schema_version":1}},"entries":{}}\n',
    ],
)
def test_other_forms_are_left_to_the_whole_parse(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / JOURNAL_FILE
    path.write_bytes(raw)
    with pytest.raises(_NotByRecord):
        read(path, 16)


def test_an_empty_entries_table_reads_by_record(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILE
    path.write_bytes(journal_bytes({}))
    assert read(path, 4) == {"meta": {"1": {"schema_version": 1}}, "entries": {}}


def entries(count: int) -> list:
    from datetime import datetime, timedelta, timezone

    start = datetime(2026, 1, 1, 7, tzinfo=timezone(timedelta(hours=1)))
    return [
        new_entry(f"id-{n:04d}", start + timedelta(hours=n), f'entry {n} 😀 }},"{n}":{{ ' * 200)
        for n in range(count)
    ]


def test_opening_a_journal_never_reads_the_whole_file(tmp_path: Path) -> None:
    """Bigger than one block: the file is read a block at a time, never whole."""
    folder = tmp_path / "data"
    store = JournalStore.open(folder)
    store.add_many(entries(400))
    store.close()
    assert (folder / JOURNAL_FILE).stat().st_size > 2 * journal_store._BLOCK
    with mock.patch.object(journal_store, "read_plain", side_effect=AssertionError("whole")):
        reopened = JournalStore.open(folder)
        assert sorted(reopened.entries()) == sorted(entries(400))
        assert sorted(read_journal(folder)) == sorted(entries(400))


def test_a_bad_record_read_by_record_is_refused_with_a_copy_of_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    docs = [entry_doc(e) for e in entries(3)]
    docs[1]["mood"] = 9
    raw = journal_bytes({str(n + 1): doc for n, doc in enumerate(docs)})
    (folder / JOURNAL_FILE).write_bytes(raw)
    with pytest.raises(DamagedFile) as refused:
        JournalStore.open(folder)
    assert "mood" in str(refused.value)
    assert refused.value.copy is not None
    assert refused.value.copy.read_bytes() == raw
    assert (folder / JOURNAL_FILE).read_bytes() == raw
