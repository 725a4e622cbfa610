"""Reading one stored field strictly: the checks every data file's records share.

Each reader returns the value in the type exback uses, or raises BadRecord
saying which field is wrong (`what` names it for a person: "the start of
attempt 2"). A malformed record makes its file count as damaged; the store
turns BadRecord into DamagedFile.

`exback today` decodes the plan through here, so this module imports
nothing that costs time (no typing, no re).
"""

from __future__ import annotations

from exback_tui.domain.datetypes import date, datetime

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    Tables = dict[str, dict[str, dict[str, Any]]]


class BadRecord(ValueError):
    """A record that does not have the shape this version writes."""


def rows(tables: Tables, name: str) -> list[dict[str, Any]]:
    """The records of table `name` (none if it is missing), in record-number order."""
    table = tables.get(name, {})
    if not isinstance(table, dict):
        raise BadRecord(f"the {name} table is not a table")
    try:
        keys = sorted(table, key=int)
    except ValueError:
        raise BadRecord(f"the {name} table has a record without a number") from None
    records = [table[key] for key in keys]
    if not all(isinstance(record, dict) for record in records):
        raise BadRecord(f"the {name} table holds something that is not a record")
    return records


def text(value: object, what: str) -> str:
    """`value` if it is a string."""
    if not isinstance(value, str):
        raise BadRecord(f"{what} is not text")
    return value


def whole_number(value: object, what: str) -> int:
    """`value` if it is an int (a JSON true/false is not one)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRecord(f"{what} is not a whole number")
    return value


def yes_no(value: object, what: str) -> bool:
    """`value` if it is a JSON true or false."""
    if not isinstance(value, bool):
        raise BadRecord(f"{what} is not yes or no")
    return value


def texts(value: object, what: str) -> tuple[str, ...]:
    """`value` as a tuple, if it is a list of strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadRecord(f"{what} is not a list of text")
    return tuple(value)


def iso_date(value: object, what: str) -> date:
    """The date written as ISO text in `value` ("2026-11-15")."""
    if not isinstance(value, str):
        raise BadRecord(f"{what} is not a date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRecord(f"{what} is not a date ({value!r})") from None


def iso_datetime(value: object, what: str) -> datetime:
    """The date and time written as ISO text in `value`, with its time zone if it has one."""
    if not isinstance(value, str):
        raise BadRecord(f"{what} is not a date and time")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise BadRecord(f"{what} is not a date and time ({value!r})") from None


def aware_datetime(value: object, what: str) -> datetime:
    """As `iso_datetime`, and it must carry a time zone (the journal's moments do)."""
    moment = iso_datetime(value, what)
    if moment.tzinfo is None:
        raise BadRecord(f"{what} has no time zone")
    return moment
