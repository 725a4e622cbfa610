"""The plan file as a TinyDB database, written through AtomicJSONStorage.

Open it only while holding the data lock (see `lock.DataLock`). Reading
needs no TinyDB: the storage holds the file's tables. The database is made
at the first save, so that importing tinydb (3 ms) waits until then, not
in front of the dashboard's first frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.plan import NoContactPlan
from exback_tui.store import files, reading
from exback_tui.store.names import DRAFT_FILE, PLAN_FILE, URGE_DRAFT_FILE
from exback_tui.store.plan import records
from exback_tui.store.plan.snapshot import PlanState, state_from_tables, upgraded_tables
from exback_tui.store.storage import AtomicJSONStorage

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.table import Table


def _database(storage: AtomicJSONStorage) -> TinyDB:
    from tinydb import TinyDB

    # Query caches are off: the file is small, and a cache could outlive a
    # batch that was rolled back.
    db = TinyDB(storage=lambda: storage)
    db.default_table_name = records.META
    return db


class PlanStore:
    """Reads and saves the plan and the check-ins. Every save is one atomic write."""

    def __init__(self, path: Path, storage: AtomicJSONStorage) -> None:
        self.path = path
        self._storage = storage
        self._db: TinyDB | None = None  # made at the first save

    @classmethod
    def open(cls, folder: Path) -> PlanStore:
        """Open (not create) the plan file in `folder`, upgrading an older version on disk.

        Raises DamagedFile or NewerSchema and then writes nothing at all.
        """
        files.ensure_private_dir(folder)
        files.remove_stray_temp_files(folder, PLAN_FILE)
        # The draft has no store of its own to sweep it; the plan is opened
        # under the lock at every start, before any draft is written.
        files.remove_stray_temp_files(folder, DRAFT_FILE)
        files.remove_stray_temp_files(folder, URGE_DRAFT_FILE)
        path = folder / PLAN_FILE
        tables = reading.read_json_tables(path)
        changed = False
        if tables is not None:
            tables, changed = upgraded_tables(path, tables)
            state_from_tables(path, tables)  # refuse a malformed file before any write
        storage = AtomicJSONStorage(path, tables, indent=1)
        store = cls(path, storage)
        if tables is not None and changed:
            storage.write(tables)
        return store

    def refresh(self, *, force: bool = False) -> bool:
        """Reload the file if another program changed it since this store read or wrote it.

        Whether it did. The next change is then made to the fresh file (see
        `ExBackService`), so nothing the other program saved is overwritten.
        Raises DamagedFile or NewerSchema, having changed nothing.
        """
        if not force and not self._storage.changed():
            return False
        tables = reading.read_json_tables(self.path)
        if tables is not None:
            tables, _ = upgraded_tables(self.path, tables)
            state_from_tables(self.path, tables)
        self._storage.reset(tables)
        self._db = None  # made anew from the fresh tables at the next save
        return True

    def _table(self, name: str) -> Table:
        if self._db is None:
            self._db = _database(self._storage)
        return self._db.table(name, cache_size=0)

    def state(self) -> PlanState:
        """The plan and check-ins as last saved."""
        tables = self._storage.read() or {}
        return state_from_tables(self.path, tables)

    def save(self, plan: NoContactPlan, *checkins: CheckIn) -> None:
        """Save `plan` (and `checkins`, each replacing its date's) in one atomic write."""
        from tinydb import Query

        with self._storage.batch():
            meta = self._table(records.META)
            meta.truncate()
            meta.insert({"schema_version": records.SCHEMA_VERSION})
            settings = self._table(records.SETTINGS)
            settings.truncate()
            settings.insert(records.settings_doc(plan))
            attempts = self._table(records.ATTEMPTS)
            attempts.truncate()
            attempts.insert_multiple(records.attempt_doc(a) for a in plan.attempts)
            table = self._table(records.CHECKINS)
            for checkin in checkins:
                table.upsert(records.checkin_doc(checkin), Query().on == checkin.on.isoformat())

    def tables(self) -> records.Tables:
        """A copy of the plan file's tables, as last saved."""
        return self._storage.read() or {}

    def import_tables(self, tables: records.Tables) -> None:
        """Replace everything with `tables` (already checked) in one atomic write."""
        with self._storage.batch():
            for name in (records.META, records.SETTINGS, records.ATTEMPTS, records.CHECKINS):
                table = self._table(name)
                table.truncate()
                rows = tables.get(name, {})
                table.insert_multiple(rows[key] for key in sorted(rows, key=int))

    def close(self) -> None:
        """Close the database, if a save made one. Every save is already on disk."""
        if self._db is not None:
            self._db.close()
