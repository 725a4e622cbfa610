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
from typing import TYPE_CHECKING, Any, NamedTuple

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
from exback_tui.store import fields
from exback_tui.store.errors import NewerSchema
from exback_tui.store.fields import BadRecord

if TYPE_CHECKING:
    from exback_tui.store.fields import Tables

SCHEMA_VERSION = 1
META = "meta"


class Field(NamedTuple):
    """How one field of a record is read from the file and written back."""

    read: Callable[[object, str], Any]  # (stored value, what to call it) -> value, or BadRecord
    write: Callable[[Any], object]


def _same(value: Any) -> object:
    return value


def _iso(value: Any) -> object:
    return value.isoformat()


def _one_of(allowed: tuple[str, ...]) -> Callable[[object, str], str]:
    def read(value: object, what: str) -> str:
        found = fields.text(value, what)
        if found not in allowed:
            raise BadRecord(f"{what} is unknown ({found!r})")
        return found

    return read


def _ticks(value: object, what: str) -> frozenset[str]:
    return frozenset(fields.texts(value, what))


def _quiz_answers(value: object, what: str) -> dict[str, int]:
    if not isinstance(value, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value.values()
    ):
        raise BadRecord(f"{what} are malformed")
    return dict(value)


def _maybe_datetime(value: object, what: str) -> Any:
    return None if value is None else fields.iso_datetime(value, what)


TEXT = Field(fields.text, _same)
WHOLE = Field(fields.whole_number, _same)
YES_NO = Field(fields.yes_no, _same)
DATE = Field(fields.iso_date, _iso)
MOMENT = Field(fields.iso_datetime, _iso)
MAYBE_MOMENT = Field(_maybe_datetime, lambda v: None if v is None else v.isoformat())

# Each table: the record it holds, what to call one in a message, and its fields in the
# record's own order (the file keeps them in that order too).
RECORDS: dict[str, tuple[type[Any], str, dict[str, Field]]] = {
    "answers": (Answer, "an answer", {"key": TEXT, "text": TEXT, "updated": MOMENT}),
    "checklists": (
        ChecklistTake,
        "a checklist take",
        {"checklist": TEXT, "on": DATE, "ticked": Field(_ticks, sorted)},
    ),
    "quizzes": (
        QuizResult,
        "a quiz result",
        {"quiz": TEXT, "on": DATE, "answers": Field(_quiz_answers, _same), "score": WHOLE},
    ),
    "items": (
        Item,
        "a list item",
        {"id": TEXT, "list": TEXT, "text": TEXT, "done": YES_NO, "added": DATE, "extra": TEXT},
    ),
    "stages": (StageDone, "a stage", {"stage": TEXT, "on": DATE}),
    "hard_dates": (
        HardDate,
        "a hard date",
        {"id": TEXT, "name": TEXT, "month": WHOLE, "day": WHOLE},
    ),
    "contacts": (
        Contact,
        "a contact log",
        {
            "id": TEXT,
            "on": DATE,
            "kind": Field(_one_of(CONTACT_KINDS), _same),
            "topic": TEXT,
            "engaged": YES_NO,
            "note": TEXT,
        },
    ),
    "urges": (
        Urge,
        "a kept message",
        {
            "id": TEXT,
            "text": TEXT,
            "written": MOMENT,
            "outcome": Field(_one_of(URGE_OUTCOMES), _same),
            "decided": MAYBE_MOMENT,
        },
    ),
}
SETTINGS = "settings"  # one record: {"allowed_topics": [str, ...], "theme": str | null}
TABLES = (*RECORDS, SETTINGS)


def schema_version(tables: Tables) -> int:
    """The version recorded in the file (0 for a file without one)."""
    for row in fields.rows(tables, META):
        return fields.whole_number(row.get("schema_version"), "the schema version")
    return 0


def check_version(path: str | os.PathLike[str], tables: Tables) -> None:
    """Refuse a file from a newer release (NewerSchema) or of an unknown version."""
    version = schema_version(tables)
    if version > SCHEMA_VERSION:
        raise NewerSchema(path, version, SCHEMA_VERSION)
    if version < 0:
        raise BadRecord(f"the schema version {version} is unknown")


def _decode(tables: Tables, name: str) -> list[Any]:
    kind, what, layout = RECORDS[name]
    return [
        kind(*(field.read(row.get(key), f"the {key} of {what}") for key, field in layout.items()))
        for row in fields.rows(tables, name)
    ]


def _encode(name: str, records: list[Any]) -> dict[str, dict[str, Any]]:
    layout = RECORDS[name][2]
    docs = [{key: field.write(getattr(r, key)) for key, field in layout.items()} for r in records]
    return {str(number): doc for number, doc in enumerate(docs, start=1)}


def _grouped(records: list[Any], key: str) -> dict[str, tuple[Any, ...]]:
    groups: dict[str, list[Any]] = {}
    for record in records:
        groups.setdefault(getattr(record, key), []).append(record)
    return {name: tuple(group) for name, group in groups.items()}


def state_from_tables(tables: Tables) -> ProgramState:
    """Decode every table; BadRecord names the first malformed field."""
    topics: tuple[str, ...] = ()
    theme = None
    for row in fields.rows(tables, SETTINGS):
        topics = fields.texts(row.get("allowed_topics", []), "the allowed topics")
        theme = row.get("theme")
        if theme is not None and not isinstance(theme, str):
            raise BadRecord("the theme is not text")
    return ProgramState(
        answers={answer.key: answer for answer in _decode(tables, "answers")},
        checklists=_grouped(_decode(tables, "checklists"), "checklist"),
        quizzes=_grouped(_decode(tables, "quizzes"), "quiz"),
        items=tuple(_decode(tables, "items")),
        stages={stage.stage: stage for stage in _decode(tables, "stages")},
        hard_dates=tuple(_decode(tables, "hard_dates")),
        contacts=tuple(_decode(tables, "contacts")),
        urges=tuple(_decode(tables, "urges")),
        allowed_topics=topics,
        theme=theme,
    )


def tables_from_state(state: ProgramState) -> Tables:
    """The whole file for `state`."""
    return {
        META: {"1": {"schema_version": SCHEMA_VERSION}},
        "answers": _encode("answers", list(state.answers.values())),
        "checklists": _encode("checklists", [t for ts in state.checklists.values() for t in ts]),
        "quizzes": _encode("quizzes", [r for rs in state.quizzes.values() for r in rs]),
        "items": _encode("items", list(state.items)),
        "stages": _encode("stages", list(state.stages.values())),
        "hard_dates": _encode("hard_dates", list(state.hard_dates)),
        "contacts": _encode("contacts", list(state.contacts)),
        "urges": _encode("urges", list(state.urges)),
        SETTINGS: {"1": {"allowed_topics": list(state.allowed_topics), "theme": state.theme}},
    }
