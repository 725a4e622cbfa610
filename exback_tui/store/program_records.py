"""How the program file (`program.json`) lays out the user's work in the program.

A TinyDB database with one table per kind of record:

- `meta`: `{"schema_version": 1}`.
- `answers`: `{"key": str, "text": str, "updated": ISO datetime}`.
- `checklists`: one take per checklist and day: `{"checklist": id, "on": ISO, "ticked": [id, ...]}`.
- `quizzes`: `{"quiz": id, "on": ISO, "answers": {question id: option index}, "score": int}`.
- `items`: `{"id": str, "list": str, "text": str, "done": bool, "added": ISO, "extra": str}`.
- `stages`: `{"stage": id, "on": ISO}`.
- `hard_dates`: `{"id": str, "name": str, "month": int, "day": int}`.
- `contacts`: `{"id", "on", "kind": "they"|"necessary", "topic", "engaged": bool, "note"}`.
- `urges`: `{"id", "text", "written": ISO datetime, "outcome", "decided": ISO datetime | null}`.
- `settings`: `{"allowed_topics": [str, ...], "theme": str | null}`.

Records keep their order by record number; every save rewrites the file whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from exback_tui.domain.progress import (
    CONTACT_KINDS,
    URGE_OUTCOMES,
    Answer,
    ChecklistTake,
    Contact,
    HardDate,
    Item,
    ProgramState,
    QuizResult,
    StageDone,
    Urge,
)
from exback_tui.store.errors import NewerSchema
from exback_tui.store.records import BadRecord

Tables = dict[str, dict[str, dict[str, Any]]]

SCHEMA_VERSION = 1
META = "meta"
TABLES = (
    "answers",
    "checklists",
    "quizzes",
    "items",
    "stages",
    "hard_dates",
    "contacts",
    "urges",
    "settings",
)


def _rows(tables: Tables, name: str) -> list[dict[str, Any]]:
    table = tables.get(name, {})
    if not isinstance(table, dict):
        raise BadRecord(f"the {name} table is not a table")
    try:
        keys = sorted(table, key=int)
    except ValueError:
        raise BadRecord(f"the {name} table has a record without a number") from None
    rows = [table[key] for key in keys]
    if not all(isinstance(row, dict) for row in rows):
        raise BadRecord(f"the {name} table holds something that is not a record")
    return rows


def _text(row: dict[str, Any], key: str, what: str) -> str:
    value = row.get(key)
    if not isinstance(value, str):
        raise BadRecord(f"{what} has no {key}")
    return value


def _int(row: dict[str, Any], key: str, what: str) -> int:
    value = row.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRecord(f"{what} has no whole-number {key}")
    return value


def _bool(row: dict[str, Any], key: str, what: str) -> bool:
    value = row.get(key)
    if not isinstance(value, bool):
        raise BadRecord(f"{what} has no yes/no {key}")
    return value


def _parsed(parse: Callable[[str], Any], row: dict[str, Any], key: str, what: str) -> Any:
    raw = _text(row, key, what)
    try:
        return parse(raw)
    except ValueError:
        raise BadRecord(f"{what} has a malformed {key} ({raw!r})") from None


def _date(row: dict[str, Any], key: str, what: str) -> date:
    return _parsed(date.fromisoformat, row, key, what)


def _datetime(row: dict[str, Any], key: str, what: str) -> datetime:
    return _parsed(datetime.fromisoformat, row, key, what)


def _strings(value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadRecord(f"{what} is not a list of text")
    return tuple(value)


def schema_version(tables: Tables) -> int:
    """The version recorded in the file (0 for a file without one)."""
    for row in _rows(tables, META):
        return _int(row, "schema_version", "the schema record")
    return 0


def check_version(path: str | os.PathLike[str], tables: Tables) -> None:
    """Refuse a file from a newer release (NewerSchema) or of an unknown version."""
    version = schema_version(tables)
    if version > SCHEMA_VERSION:
        raise NewerSchema(path, version, SCHEMA_VERSION)
    if version < 0:
        raise BadRecord(f"the schema version {version} is unknown")


def state_from_tables(tables: Tables) -> ProgramState:
    """Decode every table; BadRecord names the first malformed record."""
    answers = {}
    for row in _rows(tables, "answers"):
        key = _text(row, "key", "an answer")
        answers[key] = Answer(key, _text(row, "text", "an answer"), _datetime(row, "updated", key))
    checklists: dict[str, list[ChecklistTake]] = {}
    for row in _rows(tables, "checklists"):
        what = "a checklist take"
        name = _text(row, "checklist", what)
        ticked = frozenset(_strings(row.get("ticked"), f"the ticks of {name}"))
        checklists.setdefault(name, []).append(ChecklistTake(name, _date(row, "on", what), ticked))
    quizzes: dict[str, list[QuizResult]] = {}
    for row in _rows(tables, "quizzes"):
        what = "a quiz result"
        name = _text(row, "quiz", what)
        picks = row.get("answers")
        if not isinstance(picks, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in picks.values()
        ):
            raise BadRecord(f"the answers of quiz {name} are malformed")
        result = QuizResult(name, _date(row, "on", what), dict(picks), _int(row, "score", what))
        quizzes.setdefault(name, []).append(result)
    items = tuple(
        Item(
            _text(row, "id", "a list item"),
            _text(row, "list", "a list item"),
            _text(row, "text", "a list item"),
            _bool(row, "done", "a list item"),
            _date(row, "added", "a list item"),
            _text(row, "extra", "a list item"),
        )
        for row in _rows(tables, "items")
    )
    stages = {}
    for row in _rows(tables, "stages"):
        stage = _text(row, "stage", "a stage")
        stages[stage] = StageDone(stage, _date(row, "on", stage))
    hard_dates = tuple(
        HardDate(
            _text(row, "id", "a hard date"),
            _text(row, "name", "a hard date"),
            _int(row, "month", "a hard date"),
            _int(row, "day", "a hard date"),
        )
        for row in _rows(tables, "hard_dates")
    )
    contacts = []
    for row in _rows(tables, "contacts"):
        what = "a contact log"
        kind = _text(row, "kind", what)
        if kind not in CONTACT_KINDS:
            raise BadRecord(f"{what} has an unknown kind ({kind!r})")
        contacts.append(
            Contact(
                _text(row, "id", what),
                _date(row, "on", what),
                kind,
                _text(row, "topic", what),
                _bool(row, "engaged", what),
                _text(row, "note", what),
            )
        )
    urges = []
    for row in _rows(tables, "urges"):
        what = "a kept message"
        outcome = _text(row, "outcome", what)
        if outcome not in URGE_OUTCOMES:
            raise BadRecord(f"{what} has an unknown outcome ({outcome!r})")
        decided = None if row.get("decided") is None else _datetime(row, "decided", what)
        urges.append(
            Urge(
                _text(row, "id", what),
                _text(row, "text", what),
                _datetime(row, "written", what),
                outcome,
                decided,
            )
        )
    topics: tuple[str, ...] = ()
    theme = None
    for row in _rows(tables, "settings"):
        topics = _strings(row.get("allowed_topics", []), "the allowed topics")
        theme = row.get("theme")
        if theme is not None and not isinstance(theme, str):
            raise BadRecord("the theme is not text")
    return ProgramState(
        answers=answers,
        checklists={name: tuple(takes) for name, takes in checklists.items()},
        quizzes={name: tuple(results) for name, results in quizzes.items()},
        items=items,
        stages=stages,
        hard_dates=hard_dates,
        contacts=tuple(contacts),
        urges=tuple(urges),
        allowed_topics=topics,
        theme=theme,
    )


def _numbered(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(number): row for number, row in enumerate(rows, start=1)}


def tables_from_state(state: ProgramState) -> Tables:
    """The whole file for `state`."""
    takes = [take for name in state.checklists for take in state.checklists[name]]
    results = [result for name in state.quizzes for result in state.quizzes[name]]
    return {
        META: {"1": {"schema_version": SCHEMA_VERSION}},
        "answers": _numbered(
            [
                {"key": a.key, "text": a.text, "updated": a.updated.isoformat()}
                for a in state.answers.values()
            ]
        ),
        "checklists": _numbered(
            [
                {"checklist": t.checklist, "on": t.on.isoformat(), "ticked": sorted(t.ticked)}
                for t in takes
            ]
        ),
        "quizzes": _numbered(
            [
                {"quiz": r.quiz, "on": r.on.isoformat(), "answers": r.answers, "score": r.score}
                for r in results
            ]
        ),
        "items": _numbered(
            [
                {
                    "id": i.id,
                    "list": i.list,
                    "text": i.text,
                    "done": i.done,
                    "added": i.added.isoformat(),
                    "extra": i.extra,
                }
                for i in state.items
            ]
        ),
        "stages": _numbered(
            [{"stage": s.stage, "on": s.on.isoformat()} for s in state.stages.values()]
        ),
        "hard_dates": _numbered(
            [{"id": h.id, "name": h.name, "month": h.month, "day": h.day} for h in state.hard_dates]
        ),
        "contacts": _numbered(
            [
                {
                    "id": c.id,
                    "on": c.on.isoformat(),
                    "kind": c.kind,
                    "topic": c.topic,
                    "engaged": c.engaged,
                    "note": c.note,
                }
                for c in state.contacts
            ]
        ),
        "urges": _numbered(
            [
                {
                    "id": u.id,
                    "text": u.text,
                    "written": u.written.isoformat(),
                    "outcome": u.outcome,
                    "decided": None if u.decided is None else u.decided.isoformat(),
                }
                for u in state.urges
            ]
        ),
        "settings": {"1": {"allowed_topics": list(state.allowed_topics), "theme": state.theme}},
    }
