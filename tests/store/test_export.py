"""The JSON export: its layout, exact text, terminal safety, lock-free reading and refusals."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.domain.journal import deleted, new_entry
from exback_tui.domain.text import printable
from exback_tui.service import ExBackService
from exback_tui.store.errors import DamagedFile
from exback_tui.store.export import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    BadExport,
    build_export,
    folder_export,
    parse_export,
    terminal_safe_json,
)
from exback_tui.store.journal.records import entry_doc
from exback_tui.store.lock import DataLock
from exback_tui.store.plan import records
from tests.store.support import HOSTILE_TEXTS, sample_plan

ZONE = timezone(timedelta(hours=2))
WHEN = datetime(2026, 11, 20, 21, 5, tzinfo=ZONE)
TEXTS = [t for t in HOSTILE_TEXTS if "\udcff" not in t] + [
    "\x1b]0;title\x07",
    "\x9b31m C1 \x85 \x7f",
    "\u2066isolate\u2069 \u202bembed\u202c",
]


def entries():
    made = [
        new_entry(f"e{n}", WHEN + timedelta(hours=n), text, title="[/]", tags=["x"])
        for n, text in enumerate(TEXTS)
    ]
    made[1] = deleted(made[1], WHEN + timedelta(days=1))
    return made


def filled_folder(folder: Path) -> None:
    plan, checkins = sample_plan()
    with ExBackService(folder).open(for_tui=False) as service:
        service.store.save(plan)
        for checkin in checkins:
            service.store.save(plan, checkin)
        service.journal.add_many(entries())


def test_the_export_layout() -> None:
    plan, checkins = sample_plan()
    with_plan = plan_tables(plan, checkins)
    document = json.loads(build_export(with_plan, entries()))
    assert document["format"] == EXPORT_FORMAT == "exback-export"
    assert document["version"] == EXPORT_VERSION == 1
    assert document["plan"]["schema_version"] == records.SCHEMA_VERSION
    assert document["journal"]["schema_version"] == 1
    assert document["plan"]["settings"] == [records.settings_doc(plan)]
    assert document["plan"]["attempts"] == [records.attempt_doc(a) for a in plan.attempts]
    assert [c["on"] for c in document["plan"]["checkins"]] == sorted(
        c.on.isoformat() for c in checkins
    )
    exported = document["journal"]["entries"]
    assert [e["id"] for e in exported] == [f"e{n}" for n in range(len(TEXTS))]  # oldest first
    assert exported == [orjson.loads(orjson.dumps(entry_doc(e))) for e in entries()]
    assert exported[1]["deleted"] is not None  # deleted entries are in the backup


def plan_tables(plan, checkins) -> records.Tables:
    """The plan file's tables for `plan`, check-ins stored newest first."""
    return {
        records.META: {"1": {"schema_version": records.SCHEMA_VERSION}},
        records.SETTINGS: {"1": records.settings_doc(plan)},
        records.ATTEMPTS: {
            str(n): records.attempt_doc(a) for n, a in enumerate(plan.attempts, start=1)
        },
        records.CHECKINS: {
            str(n): records.checkin_doc(c) for n, c in enumerate(reversed(checkins), start=1)
        },
    }


def test_text_is_exact_and_the_bytes_are_terminal_safe() -> None:
    raw = build_export(None, entries())
    # Exact: every text decodes back code point for code point.
    texts = [e["text"] for e in json.loads(raw)["journal"]["entries"]]
    assert texts == TEXTS
    decoded = raw.decode("utf-8")
    # Nothing a terminal would act on is left raw in the bytes.
    assert printable(decoded, multiline=True) == decoded
    assert "\\u009b" in decoded and "\\u202e" in decoded and "\\u007f" in decoded
    assert "\\u001b" in decoded and "\\u0000" in decoded
    # Ordinary non-ASCII text stays readable.
    assert "👨‍👩‍👧" in decoded and "שלום" in decoded


@given(st.text())
def test_terminal_safe_json_keeps_every_value(text: str) -> None:
    raw = orjson.dumps({"t": text, "k": [text, 1]})
    safe = terminal_safe_json(raw)
    assert orjson.loads(safe) == orjson.loads(raw)
    assert json.loads(safe) == {"t": text, "k": [text, 1]}
    decoded = safe.decode("utf-8")
    assert printable(decoded, multiline=True) == decoded


def test_export_parse_export_is_the_identity() -> None:
    plan, checkins = sample_plan()
    raw = build_export(plan_tables(plan, checkins), entries())
    tables, parsed = parse_export(raw)
    assert parsed == entries()
    assert tables is not None
    assert records.plan_from_tables(tables) == plan
    assert records.checkins_from_tables(tables) == tuple(sorted(checkins, key=lambda c: c.on))
    assert build_export(tables, parsed) == raw


def test_an_export_from_plan_version_1_is_upgraded_on_import() -> None:
    plan, checkins = sample_plan()
    document = json.loads(build_export(plan_tables(plan, checkins), entries()[:1]))
    document["plan"]["schema_version"] = 1
    for row in document["plan"]["settings"]:
        del row["review_weekday"]
    for row in document["plan"]["checkins"]:
        del row["added_later"]
    tables, _ = parse_export(json.dumps(document).encode())
    assert tables is not None
    assert records.plan_from_tables(tables) == plan
    assert records.checkins_from_tables(tables) == tuple(sorted(checkins, key=lambda c: c.on))


def test_an_export_without_a_plan() -> None:
    tables, parsed = parse_export(build_export(None, entries()[:2]))
    assert tables is None
    assert [e.id for e in parsed] == ["e0", "e1"]


def test_folder_export_matches_the_service_and_needs_no_lock(data_dir: Path) -> None:
    filled_folder(data_dir)
    with ExBackService(data_dir).open(for_tui=False) as service:
        expected = service.export_json()
    before = sorted(p.name for p in data_dir.iterdir())
    lock = DataLock(data_dir, for_tui=True).acquire()
    try:
        assert folder_export(data_dir) == expected
    finally:
        lock.release()
    assert sorted(p.name for p in data_dir.iterdir()) == before


def test_folder_export_of_nothing(data_dir: Path) -> None:
    document = json.loads(folder_export(data_dir))
    assert document["journal"]["entries"] == []
    assert document["plan"]["settings"] == []
    assert not data_dir.exists()


def test_folder_export_refuses_a_damaged_plan(data_dir: Path) -> None:
    filled_folder(data_dir)
    (data_dir / "plan.json").write_text('{"settings": {"1": {"target_days": "x"}}}')
    with pytest.raises(DamagedFile):
        folder_export(data_dir)


def _export_with(**changes) -> bytes:
    document = json.loads(build_export(None, entries()[:2]))
    for path, value in changes.items():
        target = document
        *parents, last = path.split("__")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is _DELETE:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return json.dumps(document).encode()


_DELETE = object()
GOOD = json.loads(build_export(None, entries()[:2]))["journal"]["entries"][0]

BAD_EXPORTS = {
    "empty": b"",
    "not-json": b"exback export",
    "truncated": build_export(None, entries())[:-20],
    "not-utf8": build_export(None, entries()).replace(b"[/]", b"[\xff]", 1),
    "a-list": b"[]",
    "no-format": _export_with(format=_DELETE),
    "other-format": _export_with(format="something-else"),
    "newer-version": _export_with(version=2),
    "version-as-text": _export_with(version="1"),
    "no-journal": _export_with(journal=_DELETE),
    "journal-newer": _export_with(journal__schema_version=2),
    "plan-newer": _export_with(plan__schema_version=99),
    "entries-not-list": _export_with(journal__entries={"1": GOOD}),
    "entry-not-object": _export_with(journal__entries=["text"]),
    "entry-no-id": _export_with(journal__entries__0__id=_DELETE),
    "entry-text-number": _export_with(journal__entries__0__text=7),
    "entry-mood-9": _export_with(journal__entries__0__mood=9),
    "entry-naive-date": _export_with(journal__entries__0__created="2026-11-20T21:05:00"),
    "entry-bad-date": _export_with(journal__entries__0__updated="soon"),
    "entry-title-two-lines": _export_with(journal__entries__0__title="a\nb"),
    "entry-text-too-long": _export_with(journal__entries__0__text="x" * 200_001),
    "entry-tags-unnormalised": _export_with(journal__entries__0__tags=["#a", "a"]),
    "entry-lone-surrogate": _export_with(journal__entries__0__text="\udcff"),
    "same-id-twice": _export_with(journal__entries=[GOOD, GOOD]),
    "settings-not-list": _export_with(plan__settings={"target_days": 30}),
    "attempts-bad": _export_with(
        plan__settings=[{"target_days": 30, "breakup_date": None}],
        plan__attempts=[{"start": "not a date", "end": None, "ended_by": None, "trigger": ""}],
    ),
    "target-too-low": _export_with(
        plan__settings=[{"target_days": 3, "breakup_date": None}],
        plan__attempts=[{"start": "2026-11-01", "end": None, "ended_by": None, "trigger": ""}],
    ),
    "checkin-bad": _export_with(
        plan__checkins=[{"on": "2026-11-02", "mood": 9, "urge": 1, "contacted": False}]
    ),
}


@pytest.mark.parametrize("raw", BAD_EXPORTS.values(), ids=BAD_EXPORTS.keys())
def test_bad_exports_are_refused_with_a_reason(raw: bytes) -> None:
    with pytest.raises(BadExport) as refused:
        parse_export(raw)
    message = str(refused.value)
    assert message and "\n" not in message


def test_the_bad_export_fixtures_differ_from_a_good_one_only_where_meant() -> None:
    assert parse_export(_export_with())[1] == entries()[:2]


def test_dates_keep_their_offsets() -> None:
    entry = new_entry("z", datetime(2026, 3, 29, 1, 59, 59, 123456, tzinfo=ZONE), "x")
    _, [parsed] = parse_export(build_export(None, [entry]))
    assert parsed.created == entry.created and parsed.created.utcoffset() == timedelta(hours=2)
    assert parsed.created.isoformat() == "2026-03-29T01:59:59.123456+02:00"
    assert parsed.day == date(2026, 3, 29)


def test_a_plan_trigger_with_a_lone_surrogate_exports_and_reads_back() -> None:
    # The plan file keeps a trigger typed in a badly encoded terminal exactly;
    # orjson can't write it, so the export spells it as a \udcff escape.
    plan, checkins = sample_plan()
    assert any("\udcff" in a.trigger for a in plan.attempts)
    raw = build_export(plan_tables(plan, checkins), entries())
    raw.decode("utf-8")  # still UTF-8
    assert b'"\\udcff"' in raw
    tables, parsed = parse_export(raw)
    assert tables is not None and records.plan_from_tables(tables) == plan
    assert parsed == entries()
    assert build_export(tables, parsed) == raw
    decoded = raw.decode("utf-8")
    assert printable(decoded, multiline=True) == decoded
