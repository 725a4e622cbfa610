"""The one API the command line and the screens both call.

It ties the pure domain to the store: validate with the domain, then save
the whole change in one atomic write. Nothing here reads the clock; every
method that depends on the date takes `today`.

Reads for `exback today` go through `read_status`, which needs neither the
lock nor TinyDB. Changes need `open()` first, which takes the data lock.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from exback_tui.domain import checkin as checkins_mod
from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.plan import (
    DEFAULT_TARGET_DAYS,
    NoContactPlan,
    check_breakup_date,
    refuse_if_clock_behind,
)
from exback_tui.domain.status import Status, status_for
from exback_tui.store.snapshot import PLAN_FILE, PlanState, read_plan_state

if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any

    from exback_tui.domain.journal import Entry
    from exback_tui.store.journal_store import JournalStore
    from exback_tui.store.lock import DataLock
    from exback_tui.store.plan_store import PlanStore


def status_from_state(state: PlanState, today: date) -> Status:
    """Compute the status for `today` from what the plan file holds."""
    return status_for(state.plan, state.checkins, today)


class ExBackService:
    """The user's exback data in one folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.plan_path = data_dir / PLAN_FILE
        self._lock: DataLock | None = None
        self._store: PlanStore | None = None
        self._journal: JournalStore | None = None

    # Reading without the lock -------------------------------------------------

    def read_status(self, today: date) -> Status:
        """The status straight from disk, without taking the lock or creating anything."""
        return status_from_state(read_plan_state(self.data_dir), today)

    # Opening for changes ------------------------------------------------------

    def open(self, *, for_tui: bool, wait: float = 0.0) -> ExBackService:
        """Take the data lock and open the plan file for changes.

        A TUI passes `wait=0` and keeps it open; command-line writers wait a
        moment and close straight after. Raises LockHeld, DamagedFile or
        NewerSchema, having written nothing.
        """
        from exback_tui.store.files import ensure_private_dir
        from exback_tui.store.lock import DataLock
        from exback_tui.store.plan_store import PlanStore

        ensure_private_dir(self.data_dir)
        lock = DataLock(self.data_dir, for_tui=for_tui).acquire(wait)
        try:
            self._store = PlanStore.open(self.data_dir)
        except BaseException:
            lock.release()
            raise
        self._lock = lock
        return self

    def close(self) -> None:
        """Close the data files and release the lock."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if self._store is not None:
            self._store.close()
            self._store = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> ExBackService:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def store(self) -> PlanStore:
        """The open plan store; `open()` must have been called."""
        if self._store is None:
            raise RuntimeError("ExBackService.open() must be called before changing data")
        return self._store

    def status(self, today: date) -> Status:
        """The status for `today` from the open store."""
        return status_from_state(self.store.state(), today)

    # Changes -------------------------------------------------------------------

    def begin(
        self,
        today: date,
        start: date,
        target_days: int = DEFAULT_TARGET_DAYS,
        breakup_date: date | None = None,
    ) -> Status:
        """Set up the plan for the first time (onboarding), or start over if one exists."""
        current = self.status(today)
        if current.plan is not None:
            return self.restart(today, start, target_days)
        if breakup_date is not None:
            check_breakup_date(breakup_date, today)
        plan = NoContactPlan.begin(start, today, target_days, breakup_date)
        self.store.save(plan)
        return self.status(today)

    def restart(self, today: date, start: date, target_days: int | None = None) -> Status:
        """Start no contact again on `start` (history kept), or change the target."""
        plan = self._require_plan(today, refuse_clock_behind=True)
        self.store.save(plan.restarted(start, today, target_days))
        return self.status(today)

    def slip(self, today: date, trigger: str = "") -> Status:
        """Record contact today: the count restarts, the ended attempt keeps `trigger`."""
        plan = self._require_plan(today, refuse_clock_behind=True)
        self.store.save(plan.with_slip(today, trigger))
        return self.status(today)

    def check_in(
        self, today: date, mood: int, urge: int, contacted: bool, trigger: str = ""
    ) -> Status:
        """Save today's check-in, replacing an earlier one today.

        Saying they made contact records a slip too (once a day), in the same
        write. Callers confirm with the user before passing `contacted=True`.
        """
        current = self.status(today)
        plan = self._require_plan(today, current)
        new = checkins_mod.make_checkin(today, mood, urge, contacted)
        if current.progress is not None:
            refuse_if_clock_behind(today, current.progress.latest_recorded)
        if checkins_mod.needs_slip(current.checkin_today, new) and not plan.slipped_on(today):
            plan = plan.with_slip(today, trigger)
        self.store.save(plan, new)
        return self.status(today)

    def _require_plan(
        self, today: date, current: Status | None = None, *, refuse_clock_behind: bool = False
    ) -> NoContactPlan:
        status = current if current is not None else self.status(today)
        if status.plan is None:
            raise InvalidInput("No contact hasn't been started yet. Run: exback start", "plan")
        if refuse_clock_behind and status.progress is not None:
            # The plan alone only knows its own dates; a later check-in counts too.
            refuse_if_clock_behind(today, status.progress.latest_recorded)
        return status.plan

    # The journal -----------------------------------------------------------------

    @property
    def journal(self) -> JournalStore:
        """The journal, opened on first use (the app does this off the UI thread)."""
        if self._journal is None:
            from exback_tui.store.journal_store import JournalStore

            self.store  # noqa: B018 - the lock must be held: open() first
            self._journal = JournalStore.open(self.data_dir)
        return self._journal

    def journal_entries(self, *, include_deleted: bool = True) -> list[Entry]:
        """Every entry, newest first (deleted ones too unless asked not to)."""
        from exback_tui.domain.journal import newest_first

        entries = self.journal.entries()
        if not include_deleted:
            entries = [e for e in entries if e.deleted is None]
        return newest_first(entries)

    def add_entry(
        self,
        now: datetime,
        text: str,
        *,
        title: str = "",
        mood: int | None = None,
        tags: str | list[str] | tuple[str, ...] = (),
        prompt: str | None = None,
    ) -> Entry:
        """Save a new entry written at `now`; InvalidInput if it can't be stored."""
        import uuid

        from exback_tui.domain.journal import new_entry

        entry = new_entry(
            uuid.uuid4().hex, now, text, title=title, mood=mood, tags=tags, prompt=prompt
        )
        self.journal.save(entry)
        return entry

    def edit_entry(
        self,
        now: datetime,
        entry_id: str,
        *,
        text: str,
        title: str,
        mood: int | None,
        tags: str | list[str] | tuple[str, ...],
    ) -> Entry:
        """Change an entry's content."""
        from exback_tui.domain.journal import edited

        entry = edited(self._entry(entry_id), now, text=text, title=title, mood=mood, tags=tags)
        self.journal.save(entry)
        return entry

    def delete_entry(self, now: datetime, entry_id: str) -> Entry:
        """Move an entry to "recently deleted" (restorable for 30 days)."""
        from exback_tui.domain.journal import deleted

        entry = deleted(self._entry(entry_id), now)
        self.journal.save(entry)
        return entry

    def restore_entry(self, entry_id: str) -> Entry:
        """Bring an entry back from "recently deleted"."""
        from exback_tui.domain.journal import restored

        entry = restored(self._entry(entry_id))
        self.journal.save(entry)
        return entry

    def purge_expired(self, today: date) -> int:
        """Delete for good the entries deleted more than 30 days before `today`."""
        from exback_tui.domain.journal import expired

        return self.journal.remove(e.id for e in self.journal.entries() if expired(e, today))

    def _entry(self, entry_id: str) -> Entry:
        for entry in self.journal.entries():
            if entry.id == entry_id:
                return entry
        raise InvalidInput("That entry no longer exists.", "entry")

    # Export and import ------------------------------------------------------------

    def export_json(self) -> bytes:
        """Everything (plan, check-ins, journal) as one JSON document."""
        from exback_tui.store.export import build_export

        return build_export(self.store.tables(), self.journal.entries())

    def export_markdown(self) -> str:
        """The journal as one readable Markdown document, oldest first."""
        from exback_tui.domain.journal import markdown_export

        return markdown_export(self.journal.entries())

    def import_json(self, raw: bytes) -> tuple[bool, int, int]:
        """Read an export back: (plan imported, entries added, entries already here).

        The plan is imported only into a folder that has none yet; journal
        entries already present (same id) are not duplicated.
        Raises InvalidInput if the file is not an export this version reads.
        """
        from exback_tui.store.export import BadExport, parse_export

        try:
            tables, entries = parse_export(raw)
        except BadExport as error:
            raise InvalidInput(f"That file can't be imported: {error}.", "file") from None
        journal = self.journal  # a damaged journal must stop the import before any write
        plan_imported = False
        if tables is not None and self.store.state().plan is None:
            self.store.import_tables(tables)
            plan_imported = True
        added = journal.add_many(entries)
        return plan_imported, added, len(entries) - added

    # The unsaved draft --------------------------------------------------------------

    def save_draft(self, draft: dict[str, Any]) -> None:
        """Keep the entry being written, so a crash can't lose it."""
        from exback_tui.store.draft import save_draft

        save_draft(self.data_dir, draft)

    def load_draft(self) -> dict[str, Any] | None:
        """The entry that was being written when exback last stopped, if any."""
        from exback_tui.store.draft import load_draft

        return load_draft(self.data_dir)

    def clear_draft(self) -> None:
        """Forget the draft."""
        from exback_tui.store.draft import clear_draft

        clear_draft(self.data_dir)
