"""The autosaved draft: save, load, clear, and a damaged draft refused with a copy kept."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.errors import InvalidInput
from exback_tui.store.errors import DamagedFile, WriteFailed
from exback_tui.store.files import ensure_private_dir
from exback_tui.store.journal import draft as draft_mod
from exback_tui.store.journal.draft import clear_draft, load_draft, save_draft
from exback_tui.store.names import DRAFT_FILE
from tests.store.support import HOSTILE_TEXTS, mode, temp_files

GOOD = {
    "title": "[bold",
    "text": "\x1b[31mstill\x00 thinking 👨‍👩‍👧 \u202eשלום\n",
    "tags": "#a, b",
    "mood": 3,
    "prompt": None,
    "editing": "abc123",
    "saved_at": "2026-11-26T07:14:00+01:00",
}


@pytest.fixture
def folder(data_dir: Path) -> Path:
    return ensure_private_dir(data_dir)


def test_no_draft(folder: Path) -> None:
    assert load_draft(folder) is None
    clear_draft(folder)  # nothing to clear is fine
    assert list(folder.iterdir()) == []


def test_save_load_clear(folder: Path, umask: int) -> None:
    save_draft(folder, GOOD)
    assert mode(folder / DRAFT_FILE) == 0o600
    assert load_draft(folder) == GOOD
    changed = {**GOOD, "text": "more", "mood": None, "editing": None, "prompt": "step1-letter"}
    save_draft(folder, changed)
    assert load_draft(folder) == changed
    assert temp_files(folder) == []
    clear_draft(folder)
    assert load_draft(folder) is None
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("text", [t for t in HOSTILE_TEXTS if "\udcff" not in t])
def test_hostile_text_is_kept_exactly(folder: Path, text: str) -> None:
    save_draft(folder, {**GOOD, "text": text, "title": text, "tags": text})
    loaded = load_draft(folder)
    assert loaded is not None and loaded["text"] == text and loaded["title"] == text


@given(st.text(), st.text(max_size=30))
def test_any_text_round_trips(text: str, title: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        save_draft(Path(tmp), {**GOOD, "text": text, "title": title})
        assert load_draft(Path(tmp)) == {**GOOD, "text": text, "title": title}


def test_text_with_a_lone_surrogate_is_refused_and_the_old_draft_kept(folder: Path) -> None:
    save_draft(folder, GOOD)
    with pytest.raises(InvalidInput):
        save_draft(folder, {**GOOD, "text": "bad \udcff"})
    assert load_draft(folder) == GOOD


@pytest.mark.parametrize(
    "bad",
    [
        {k: v for k, v in GOOD.items() if k != "mood"},
        {**GOOD, "extra": 1},
        {**GOOD, "mood": True},
        {**GOOD, "text": None},
        {**GOOD, "tags": ["a"]},
    ],
    ids=["missing", "extra", "bool-mood", "no-text", "tags-list"],
)
def test_a_draft_of_the_wrong_shape_is_a_bug(folder: Path, bad: dict) -> None:
    with pytest.raises(ValueError):
        save_draft(folder, bad)
    assert not (folder / DRAFT_FILE).exists()


def test_a_failed_write_keeps_the_previous_draft(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    save_draft(folder, GOOD)

    def refuse(path: Path, data: bytes) -> None:
        raise WriteFailed(path, OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(draft_mod.files, "atomic_write", refuse)
    with pytest.raises(WriteFailed):
        save_draft(folder, {**GOOD, "text": "newer"})
    monkeypatch.undo()
    assert load_draft(folder) == GOOD


DAMAGED = {
    "empty": b"",
    "truncated": orjson.dumps(GOOD)[:-5],
    "garbage": b"\xff\xfe\x00",
    "a-list": b"[]",
    "missing-field": orjson.dumps({k: v for k, v in GOOD.items() if k != "text"}),
    "extra-field": orjson.dumps({**GOOD, "x": 1}),
    "text-number": orjson.dumps({**GOOD, "text": 5}),
    "mood-bool": orjson.dumps({**GOOD, "mood": False}),
    "mood-text": orjson.dumps({**GOOD, "mood": "3"}),
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_draft_is_refused_untouched_with_a_copy(folder: Path, content: bytes) -> None:
    path = folder / DRAFT_FILE
    path.write_bytes(content)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(DamagedFile) as refused:
        load_draft(folder)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    copies = list(folder.glob(f"{DRAFT_FILE}.damaged-*"))
    assert len(copies) == 1 and copies[0].read_bytes() == content
    assert refused.value.copy == copies[0]
    assert mode(copies[0]) == 0o600
    # A damaged draft can still be cleared, so the app can move on.
    clear_draft(folder)
    assert load_draft(folder) is None


def test_clear_syncs_the_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_draft(folder, GOOD)
    synced: list[int] = []
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append(fd)
        real(fd)

    monkeypatch.setattr(draft_mod.os, "fsync", spy)
    clear_draft(folder)
    assert synced, "the delete was not made durable"
    assert not (folder / DRAFT_FILE).exists()
