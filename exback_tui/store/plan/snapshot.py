"""Read the plan without TinyDB and without the lock: the path `exback today` takes.

Atomic writes mean a reader sees either the previous save or the next one,
so no lock is needed to read. Nothing here writes the plan file.
"""

from __future__ import annotations

import os

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.plan import NoContactPlan
from exback_tui.domain.record import Record
from exback_tui.store import reading
from exback_tui.store.names import PLAN_FILE
from exback_tui.store.plan import records

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False


class PlanState(Record, fields="plan checkins"):
    """What the plan file holds: the plan (None before onboarding) and the check-ins."""

    __slots__ = ()

    if TYPE_CHECKING:
        plan: NoContactPlan | None
        checkins: tuple[CheckIn, ...]


def state_from_tables(path: str | os.PathLike[str], tables: records.Tables) -> PlanState:
    """Decode upgraded tables; a malformed record makes the file count as damaged."""
    try:
        return PlanState(records.plan_from_tables(tables), records.checkins_from_tables(tables))
    except records.BadRecord as error:
        raise _damaged(path, str(error)) from None


def upgraded_tables(
    path: str | os.PathLike[str], tables: records.Tables
) -> tuple[records.Tables, bool]:
    """`records.upgrade`, with a malformed version counting as a damaged file."""
    try:
        return records.upgrade(path, tables)
    except records.BadRecord as error:
        raise _damaged(path, str(error)) from None


def read_plan_state(folder: str | os.PathLike[str]) -> PlanState:
    """The plan state in `folder`, upgraded in memory if it is an older version."""
    path = os.path.join(folder, PLAN_FILE)
    tables = reading.read_json_tables(path)
    if tables is None:
        return PlanState(None, ())
    tables, _ = upgraded_tables(path, tables)
    return state_from_tables(path, tables)


def _damaged(path: str | os.PathLike[str], reason: str) -> Exception:
    from exback_tui.store.files import damaged

    with open(path, "rb") as handle:
        return damaged(path, handle.read(), reason)
