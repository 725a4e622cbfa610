"""Everything in the data folder as one JSON document, and reading it back.

The export lists records, not TinyDB's numbered tables, so exporting,
importing into an empty folder and exporting again gives the same bytes.
"""

from __future__ import annotations

from typing import Any

from exback_tui.domain.journal import Entry
from exback_tui.store import records
from exback_tui.store.journal_store import (
    JOURNAL_SCHEMA_VERSION,
    BadEntry,
    entry_doc,
    entry_from_doc,
)

EXPORT_FORMAT = "exback-export"
EXPORT_VERSION = 1


class BadExport(ValueError):
    """A file that is not an exback JSON export this version can read."""


def build_export(plan_tables: records.Tables | None, entries: list[Entry]) -> bytes:
    """The JSON export of a plan's tables and journal entries (deleted ones included)."""
    import orjson

    plan = plan_tables or {}
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "plan": {
            "schema_version": records.SCHEMA_VERSION,
            "settings": _records(plan, records.SETTINGS),
            "attempts": _records(plan, records.ATTEMPTS),
            "checkins": sorted(_records(plan, records.CHECKINS), key=lambda c: c["on"]),
        },
        "journal": {
            "schema_version": JOURNAL_SCHEMA_VERSION,
            "entries": [entry_doc(e) for e in sorted(entries, key=lambda e: (e.created, e.id))],
        },
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def _records(tables: records.Tables, name: str) -> list[dict[str, Any]]:
    table = tables.get(name, {})
    return [table[key] for key in sorted(table, key=int)]


def parse_export(raw: bytes) -> tuple[records.Tables | None, list[Entry]]:
    """The plan tables (None if the export has no plan) and entries in an export.

    Raises BadExport with a message saying what is wrong.
    """
    import orjson

    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise BadExport(f"it is not valid JSON ({error})") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise BadExport("it is not an exback export")
    if document.get("version") != EXPORT_VERSION:
        raise BadExport(f"it is export version {document.get('version')!r}; this exback reads 1")
    plan, journal = document.get("plan"), document.get("journal")
    if not isinstance(plan, dict) or not isinstance(journal, dict):
        raise BadExport("it has no plan or no journal section")
    if plan.get("schema_version") != records.SCHEMA_VERSION:
        raise BadExport("its plan is from a different version of exback")
    if journal.get("schema_version") != JOURNAL_SCHEMA_VERSION:
        raise BadExport("its journal is from a different version of exback")
    tables: records.Tables = {records.META: {"1": {"schema_version": records.SCHEMA_VERSION}}}
    for name in (records.SETTINGS, records.ATTEMPTS, records.CHECKINS):
        rows = plan.get(name)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise BadExport(f"its plan {name} are malformed")
        tables[name] = {str(number): row for number, row in enumerate(rows, start=1)}
    try:
        has_plan = records.plan_from_tables(tables) is not None
        records.checkins_from_tables(tables)
    except records.BadRecord as error:
        raise BadExport(f"its plan is malformed: {error}") from None
    rows = journal.get("entries")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise BadExport("its journal entries are malformed")
    try:
        entries = [entry_from_doc(row) for row in rows]
    except BadEntry as error:
        raise BadExport(f"its journal is malformed: {error}") from None
    if len({e.id for e in entries}) != len(entries):
        raise BadExport("two of its journal entries have the same id")
    return (tables if has_plan else None), entries
