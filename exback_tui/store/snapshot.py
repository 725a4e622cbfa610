"""Read the plan without TinyDB and without the lock: the path `exback today` takes.

Atomic writes mean a reader sees either the previous save or the next one,
so no lock is needed to read. Nothing here writes the plan file.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.plan import NoContactPlan
from exback_tui.store import files, records

PLAN_FILE = "plan.json"


class PlanState(NamedTuple):
    """What the plan file holds: the plan (None before onboarding) and the check-ins."""

    plan: NoContactPlan | None
    checkins: tuple[CheckIn, ...]


def state_from_tables(path: Path, tables: records.Tables) -> PlanState:
    """Decode upgraded tables; a malformed record makes the file count as damaged."""
    try:
        return PlanState(records.plan_from_tables(tables), records.checkins_from_tables(tables))
    except records.BadRecord as error:
        raise files.damaged(path, path.read_bytes(), str(error)) from None


def read_plan_state(folder: Path) -> PlanState:
    """The plan state in `folder`, upgraded in memory if it is an older version."""
    path = folder / PLAN_FILE
    tables = files.read_json_tables(path)
    if tables is None:
        return PlanState(None, ())
    try:
        tables, _ = records.upgrade(path, tables)
    except records.BadRecord as error:
        raise files.damaged(path, path.read_bytes(), str(error)) from None
    return state_from_tables(path, tables)
