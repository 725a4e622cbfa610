"""How plan data is laid out in the plan file, and how it is upgraded.

The plan file is a TinyDB database with these tables:

- `meta`: one record, `{"schema_version": N}`.
- `settings`: one record, `{"target_days": 30, "breakup_date": "2026-11-01" | null,
  "review_weekday": 0-6 | null}` (the weekly review's day, 0 = Monday; null: the default).
- `attempts`: one record per attempt, oldest first by record number:
  `{"start": ISO, "end": ISO | null, "ended_by": "slip" | "restart" | null, "trigger": str}`.
- `checkins`: one record per date: `{"on": ISO, "mood": 1-5, "urge": 0-10, "contacted": bool,
  "added_later": bool}` (added later: filled in on a later day).

Version 2 added `review_weekday` and `added_later`; a version 1 file is upgraded.

This module does not import TinyDB: `exback today` uses it on a raw read.
"""

from __future__ import annotations

import os

from exback_tui.domain.checkin import CheckIn, make_checkin
from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.plan import Attempt, NoContactPlan, validate_target
from exback_tui.store.errors import NewerSchema
from exback_tui.store.fields import BadRecord, iso_date, rows, whole_number

# typing costs ~12 ms to import (it pulls in re) and exback today can't afford it;
# type checkers read this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from exback_tui.store.fields import Tables

SCHEMA_VERSION = 2
META, SETTINGS, ATTEMPTS, CHECKINS = "meta", "settings", "attempts", "checkins"


def _from_version_0(tables: Tables) -> Tables:
    # Version 0 is a file without a meta table; its other tables already match.
    upgraded = dict(tables)
    upgraded[META] = {"1": {"schema_version": 1}}
    return upgraded


def _from_version_1(tables: Tables) -> Tables:
    # Version 2 names the weekly review's day (null: the default) and marks
    # check-ins filled in later; nothing in a version 1 file was.
    upgraded = dict(tables)
    upgraded[META] = {"1": {"schema_version": 2}}
    upgraded[SETTINGS] = {
        key: {**doc, "review_weekday": None} for key, doc in tables.get(SETTINGS, {}).items()
    }
    upgraded[CHECKINS] = {
        key: {**doc, "added_later": False} for key, doc in tables.get(CHECKINS, {}).items()
    }
    return upgraded


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {0: _from_version_0, 1: _from_version_1}


def schema_version(tables: Tables) -> int:
    """The schema version recorded in `tables` (0 when there is none)."""
    for record in tables.get(META, {}).values():
        version = record.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool):
            return version
        raise BadRecord("the schema version is not a number")
    return 0


def upgrade(path: str | os.PathLike[str], tables: Tables) -> tuple[Tables, bool]:
    """`tables` brought to SCHEMA_VERSION, and whether anything changed.

    Raises NewerSchema for a file from a newer release: it is never rewritten.
    """
    version = schema_version(tables)
    if version > SCHEMA_VERSION:
        raise NewerSchema(path, version, SCHEMA_VERSION)
    changed = False
    while version < SCHEMA_VERSION:
        migrate = MIGRATIONS.get(version)
        if migrate is None:  # a negative version: no exback ever wrote it
            raise BadRecord(f"the schema version {version} is unknown")
        tables = migrate(tables)
        version = schema_version(tables)
        changed = True
    return tables, changed


def plan_from_tables(tables: Tables) -> NoContactPlan | None:
    """The plan stored in `tables`, or None before onboarding. BadRecord if malformed."""
    settings = rows(tables, SETTINGS)
    attempt_docs = rows(tables, ATTEMPTS)
    if not settings and not attempt_docs:
        return None
    if not settings or not attempt_docs:
        raise BadRecord("the settings and the attempts don't match")
    target = whole_number(settings[0].get("target_days"), "the target")
    try:
        validate_target(target)
    except InvalidInput as error:
        raise BadRecord(str(error)) from None
    breakup_raw = settings[0].get("breakup_date")
    breakup = None if breakup_raw is None else iso_date(breakup_raw, "the breakup date")
    weekday_raw = settings[0].get("review_weekday")
    weekday = None if weekday_raw is None else whole_number(weekday_raw, "the review day")
    if weekday is not None and not 0 <= weekday <= 6:
        raise BadRecord("the review day is not a day of the week")
    attempts = []
    for number, doc in enumerate(attempt_docs, start=1):
        what = f"attempt {number}"
        end_raw = doc.get("end")
        trigger = doc.get("trigger", "")
        ended_by = doc.get("ended_by")
        if not isinstance(trigger, str) or not (ended_by is None or isinstance(ended_by, str)):
            raise BadRecord(f"{what} has a malformed ending")
        attempts.append(
            Attempt(
                start=iso_date(doc.get("start"), f"the start of {what}"),
                end=None if end_raw is None else iso_date(end_raw, f"the end of {what}"),
                ended_by=ended_by,
                trigger=trigger,
            )
        )
    if any(a.end is None for a in attempts[:-1]):
        raise BadRecord("an earlier attempt has no end")
    return NoContactPlan(
        target_days=target,
        attempts=tuple(attempts),
        breakup_date=breakup,
        review_weekday=weekday,
    )


def checkins_from_tables(tables: Tables) -> tuple[CheckIn, ...]:
    """The check-ins stored in `tables`, by date. BadRecord if malformed."""
    checkins = []
    for doc in rows(tables, CHECKINS):
        on = iso_date(doc.get("on"), "a check-in date")
        contacted = doc.get("contacted")
        added_later = doc.get("added_later", False)
        if not isinstance(contacted, bool) or not isinstance(added_later, bool):
            raise BadRecord(f"the check-in on {on.isoformat()} is malformed")
        mood = whole_number(doc.get("mood"), "a mood")
        urge = whole_number(doc.get("urge"), "an urge")
        try:
            checkins.append(make_checkin(on, mood, urge, contacted, added_later))
        except InvalidInput as error:
            raise BadRecord(f"the check-in on {on.isoformat()}: {error}") from None
    checkins.sort(key=lambda c: c.on)
    return tuple(checkins)


def settings_doc(plan: NoContactPlan) -> dict[str, Any]:
    """The settings record for `plan`."""
    breakup = None if plan.breakup_date is None else plan.breakup_date.isoformat()
    return {
        "target_days": plan.target_days,
        "breakup_date": breakup,
        "review_weekday": plan.review_weekday,
    }


def attempt_doc(attempt: Attempt) -> dict[str, Any]:
    """The record for one attempt."""
    return {
        "start": attempt.start.isoformat(),
        "end": None if attempt.end is None else attempt.end.isoformat(),
        "ended_by": attempt.ended_by,
        "trigger": attempt.trigger,
    }


def checkin_doc(checkin: CheckIn) -> dict[str, Any]:
    """The record for one check-in."""
    return {
        "on": checkin.on.isoformat(),
        "mood": checkin.mood,
        "urge": checkin.urge,
        "contacted": checkin.contacted,
        "added_later": checkin.added_later,
    }
