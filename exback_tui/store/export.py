"""Everything in the data folder as one JSON document, and reading it back.

The export lists records, not TinyDB's numbered tables, so exporting,
importing into an empty folder and exporting again gives the same bytes.

Text is exported exactly as typed. JSON already escapes the C0 controls
(ESC, NUL); the other characters that can steer a terminal (DEL, the C1
controls such as CSI U+009B, bidi overrides) are written as `\\uXXXX`
escapes too, so `exback export --format json` can go straight to a terminal
and still reads back as the same text.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.journal import (
    Entry,
    check_mood,
    check_text,
    check_title,
    normalise_tags,
)
from exback_tui.domain.progress import EMPTY_PROGRAM, ProgramState
from exback_tui.store.errors import BadExport
from exback_tui.store.fields import BadRecord
from exback_tui.store.journal import records as journal_records
from exback_tui.store.journal.records import entry_doc, entry_from_doc
from exback_tui.store.journal.store import read_journal
from exback_tui.store.plan import records as plan_records
from exback_tui.store.program import records as program_records

if TYPE_CHECKING:
    from exback_tui.store.fields import Tables

EXPORT_FORMAT = "exback-export"
EXPORT_VERSION = 1


def build_export(
    plan_tables: Tables | None,
    entries: list[Entry],
    program: ProgramState | None = None,
) -> bytes:
    """The JSON export of a plan's tables, journal entries (deleted ones included) and program."""
    import orjson

    plan = plan_tables or {}
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "plan": {
            "schema_version": plan_records.SCHEMA_VERSION,
            "settings": _records(plan, plan_records.SETTINGS),
            "attempts": _records(plan, plan_records.ATTEMPTS),
            "checkins": sorted(_records(plan, plan_records.CHECKINS), key=lambda c: c["on"]),
        },
        "journal": {
            "schema_version": journal_records.SCHEMA_VERSION,
            "entries": [entry_doc(e) for e in sorted(entries, key=lambda e: (e.created, e.id))],
        },
    }
    if program is not None and program != EMPTY_PROGRAM:
        tables = program_records.tables_from_state(program)
        document["program"] = {
            "schema_version": program_records.SCHEMA_VERSION,
            **{name: _records(tables, name) for name in program_records.TABLES},
        }
    try:
        raw = orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        raw = _dumps_with_lone_surrogates(document)
    return terminal_safe_json(raw + b"\n")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _dumps_with_lone_surrogates(document: dict[str, Any]) -> bytes:
    """The export of a plan holding a lone surrogate, which orjson refuses to write.

    The plan file keeps such text exactly (a trigger typed in a badly
    encoded terminal); here it becomes a `\\udcXX` escape, which is valid
    JSON, and `parse_export` reads it back as the same string. Strings hold
    the only non-ASCII characters of the document, so the substitution is exact.
    """
    import json

    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text).encode("utf-8")


# DEL, C1 controls (U+0080-U+009F), bidi embeddings/overrides (U+202A-U+202E)
# and isolates (U+2066-U+2069), as UTF-8 byte sequences.
_UNSAFE = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def _escape(match: re.Match[bytes]) -> bytes:
    return f"\\u{ord(match[0].decode('utf-8')):04x}".encode("ascii")


def terminal_safe_json(raw: bytes) -> bytes:
    """UTF-8 JSON `raw` with DEL, C1 controls and bidi controls written as \\u escapes.

    Outside strings JSON holds only ASCII, and each of these characters is a
    whole UTF-8 sequence whose lead byte can't occur inside another one, so
    the replacement is exact: the document decodes to the same values.
    """
    return _UNSAFE.sub(_escape, raw)


def folder_export(folder: str | os.PathLike[str]) -> bytes:
    """The JSON export of `folder`, read without the lock and without writing anything.

    Files are replaced atomically, so each one is read whole as of some save.
    Raises DamagedFile or NewerSchema like the stores do.
    """
    from exback_tui.store import reading
    from exback_tui.store.names import PLAN_FILE
    from exback_tui.store.plan.snapshot import state_from_tables, upgraded_tables
    from exback_tui.store.program.store import read_program_state

    plan_path = os.path.join(folder, PLAN_FILE)
    tables = reading.read_json_tables(plan_path)
    if tables is not None:
        tables, _ = upgraded_tables(plan_path, tables)
        state_from_tables(plan_path, tables)  # refuse a malformed plan, as the store does
    return build_export(tables, read_journal(Path(folder)), read_program_state(Path(folder)))


def parse_program(raw: bytes) -> ProgramState | None:
    """The program section of an export `parse_export` accepted (None if it has none).

    Raises BadExport if the section is malformed.
    """
    import json

    document = json.loads(raw.decode("utf-8", "surrogatepass"))
    section = document.get("program")
    if section is None:
        return None
    if not isinstance(section, dict) or section.get("schema_version") != 1:
        raise BadExport("its program section is from a different version of exback")
    tables: Tables = {}
    for name in program_records.TABLES:
        rows = section.get(name, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise BadExport(f"its program {name} are malformed")
        tables[name] = {str(number): row for number, row in enumerate(rows, start=1)}
    try:
        return program_records.state_from_tables(tables)
    except BadRecord as error:
        raise BadExport(f"its program is malformed: {error}") from None


def _records(tables: Tables, name: str) -> list[dict[str, Any]]:
    table = tables.get(name, {})
    return [table[key] for key in sorted(table, key=int)]


def parse_export(raw: bytes) -> tuple[Tables | None, list[Entry]]:
    """The plan tables (None if the export has no plan) and entries in an export.

    Raises BadExport with a message saying what is wrong.
    """
    import orjson

    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        document = _loads_with_lone_surrogates(raw, error)
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise BadExport("it is not an exback export")
    if document.get("version") != EXPORT_VERSION:
        raise BadExport(f"it is export version {document.get('version')!r}; this exback reads 1")
    plan, journal = document.get("plan"), document.get("journal")
    if not isinstance(plan, dict) or not isinstance(journal, dict):
        raise BadExport("it has no plan or no journal section")
    plan_version = plan.get("schema_version")
    # An export from an earlier version is upgraded like an older plan file.
    if (
        not isinstance(plan_version, int)
        or isinstance(plan_version, bool)
        or not 1 <= plan_version <= plan_records.SCHEMA_VERSION
    ):
        raise BadExport("its plan is from a different version of exback")
    if journal.get("schema_version") != journal_records.SCHEMA_VERSION:
        raise BadExport("its journal is from a different version of exback")
    tables: Tables = {plan_records.META: {"1": {"schema_version": plan_version}}}
    for name in (plan_records.SETTINGS, plan_records.ATTEMPTS, plan_records.CHECKINS):
        rows = plan.get(name)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise BadExport(f"its plan {name} are malformed")
        tables[name] = {str(number): row for number, row in enumerate(rows, start=1)}
    try:
        tables, _ = plan_records.upgrade("export", tables)
        plan = plan_records.plan_from_tables(tables)
        checkins = plan_records.checkins_from_tables(tables)
    except BadRecord as error:
        raise BadExport(f"its plan is malformed: {error}") from None
    has_plan = plan is not None
    plan_dates: list[date | None] = [c.on for c in checkins]
    if plan is not None:
        plan_dates.append(plan.breakup_date)
        plan_dates += [day for a in plan.attempts for day in (a.start, a.end)]
    for day in plan_dates:
        if day is not None and not EARLIEST <= day <= LATEST:
            raise BadExport(f"its plan has a date out of range ({day})")
    rows = journal.get("entries")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise BadExport("its journal entries are malformed")
    try:
        entries = [_checked(entry_from_doc(row)) for row in rows]
    except BadRecord as error:
        raise BadExport(f"its journal is malformed: {error}") from None
    if len({e.id for e in entries}) != len(entries):
        raise BadExport("two of its journal entries have the same id")
    return (tables if has_plan else None), entries


def _loads_with_lone_surrogates(raw: bytes, error: Exception) -> object:
    """Read an export orjson refused for a `\\udcXX` escape (see _dumps_with_lone_surrogates)."""
    import json

    if b"\\ud" not in raw.lower():
        raise BadExport(f"it is not valid JSON ({error})")
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise BadExport(f"it is not valid JSON ({error})") from None


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _checked(entry: Entry) -> Entry:
    """`entry` if exback could have written it (sizes, mood, tags); BadRecord if not."""
    try:
        check_text(entry.text)
        check_title(entry.title)
        check_mood(entry.mood)
        tags = normalise_tags(entry.tags)
    except InvalidInput as error:
        raise BadRecord(f"entry {entry.id}: {error}") from None
    if tags != entry.tags:
        raise BadRecord(f"the tags of entry {entry.id} are malformed")
    for when in (entry.created, entry.updated, entry.deleted):
        if when is not None and not EARLIEST <= when.date() <= LATEST:
            raise BadRecord(f"entry {entry.id} has a date out of range ({when.date()})")
    import orjson

    try:
        orjson.dumps(entry_doc(entry))
    except orjson.JSONEncodeError:
        # A lone surrogate (an id or a text from a badly encoded file): the journal can't hold it.
        raise BadRecord("an entry holds characters that aren't valid Unicode") from None
    return entry


# The dates an entry or the plan may carry: later ones overflow date arithmetic (year 9999).
EARLIEST = date(1900, 1, 1)
LATEST = date(9000, 12, 31)
