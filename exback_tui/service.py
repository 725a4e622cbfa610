"""The one API the command line and the screens both call.

It ties the pure domain to the store: validate with the domain, then save
the whole change in one atomic write. Nothing here reads the clock; every
method that depends on the date takes `today`.

Reads go through `read_status`, `read_entries` and `read_export`, which need
neither the lock nor TinyDB (a running app may hold the lock). Changes need
`open()` first, which takes the data lock. Nothing but this module (and the
lean `exback today` path, cli/today.py) imports the store.

Longer than 400 lines on purpose: being the one door is its job, and each
method is a thin step from the domain to one store. It reads in sections:
reading without the lock, opening, the plan, the program, the journal,
export and import, the draft.
"""

from __future__ import annotations

import _thread
import contextlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from exback_tui.domain import checkin as checkins_mod
from exback_tui.domain.errors import InvalidInput
from exback_tui.domain.plan import (
    DEFAULT_TARGET_DAYS,
    ENDED_BY_SLIP,
    NoContactPlan,
    check_breakup_date,
    refuse_if_clock_behind,
)
from exback_tui.domain.status import Status, status_for
from exback_tui.store.errors import (
    BadExport,
    DamagedFile,
    FileChanged,
    LinkedFile,
    LockHeld,
    NewerSchema,
    StoreError,
    WriteFailed,
    WriteUnconfirmed,
)
from exback_tui.store.names import JOURNAL_FILE, PLAN_FILE, PROGRAM_FILE
from exback_tui.store.plan.snapshot import PlanState, read_plan_state

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import datetime

    from exback_tui.domain.journal import Entry
    from exback_tui.domain.progress import ProgramState
    from exback_tui.store.journal.store import JournalStore
    from exback_tui.store.lock import DataLock
    from exback_tui.store.plan.store import PlanStore
    from exback_tui.store.program.store import ProgramStore


# The store's errors and file names, for the screens and the command line: neither
# imports the store.
__all__ = [
    "JOURNAL_FILE",
    "PLAN_FILE",
    "PROGRAM_FILE",
    "BadExport",
    "DamagedFile",
    "ExBackService",
    "FileChanged",
    "LinkedFile",
    "LockHeld",
    "NewerSchema",
    "Status",
    "StoreError",
    "WriteFailed",
    "WriteUnconfirmed",
    "check_import",
    "entries_json",
    "move_aside",
    "planned_aside",
    "status_from_state",
]


T = TypeVar("T")
P = ParamSpec("P")


def _on_fresh_files(
    change: Callable[Concatenate[ExBackService, P], T],
) -> Callable[Concatenate[ExBackService, P], T]:
    """Make `change` on the files as they are now, never on a stale copy in memory.

    Before the change, every open file another program changed since this
    exback read or wrote it is read again; the change is then worked out
    from that. If a file changes in the moment between (the store refuses
    to overwrite it: FileChanged), it is read again and the change made
    once more, so neither side's saves are lost.
    """
    import functools

    @functools.wraps(change)
    def on_fresh_files(self: ExBackService, *args: P.args, **kwargs: P.kwargs) -> T:
        self.refresh()
        try:
            return change(self, *args, **kwargs)
        except FileChanged:
            self.refresh(force=True)
            return change(self, *args, **kwargs)

    return on_fresh_files


def status_from_state(state: PlanState, today: date) -> Status:
    """Compute the status for `today` from what the plan file holds."""
    return status_for(state.plan, state.checkins, today)


def entries_json(entries: Iterable[Entry]) -> bytes:
    """`entries` as a JSON list of their stored form, safe to print to a terminal.

    Text is kept exactly; the characters that could steer a terminal are
    written as `\\u` escapes, so the JSON still reads back as the same text.
    """
    import orjson

    from exback_tui.store.export import terminal_safe_json
    from exback_tui.store.journal.records import entry_doc

    raw = orjson.dumps([entry_doc(e) for e in entries], option=orjson.OPT_INDENT_2)
    return terminal_safe_json(raw)


def check_import(raw: bytes) -> bool:
    """Whether the export `raw` holds a plan; BadExport saying why if it can't be imported.

    Reads nothing from the data folder, so a command can refuse a bad file
    before it opens (or creates) anything.
    """
    from exback_tui.store.export import parse_export

    tables, _ = parse_export(raw)
    return tables is not None


# Starting fresh after a file that can't be read ------------------------------------


def _aside_label(problem: DamagedFile | NewerSchema) -> str:
    from exback_tui.store.names import DAMAGED_LABEL, NEWER_LABEL

    return NEWER_LABEL if isinstance(problem, NewerSchema) else DAMAGED_LABEL


def planned_aside(problem: DamagedFile | NewerSchema) -> Path:
    """Where `move_aside` will put the file (the damaged copy's own name, if one was kept)."""
    from exback_tui.store.files import aside_name

    if isinstance(problem, DamagedFile) and problem.copy is not None:
        return problem.copy
    try:
        raw = problem.path.read_bytes()
    except OSError:
        raw = b""
    return aside_name(problem.path, raw, _aside_label(problem))


def move_aside(problem: DamagedFile | NewerSchema) -> Path:
    """Start fresh: move the unreadable file aside (whole, renamed) and return its new name.

    Only while holding the data lock (`ExBackService.hold_lock`, or an open
    service). Raises OSError, having moved nothing.
    """
    from exback_tui.store.files import move_aside as move_file_aside

    return move_file_aside(problem.path, _aside_label(problem))


# "Leave this setting as it is" (None means "clear it" for the settings that can be cleared).
KEEP = object()


def _optional_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    raise TypeError(f"expected a date or None, not {value!r}")


class ExBackService:
    """The user's exback data in one folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        # Set once the folder or a file in it was made private again (see `tighten`).
        self.tightened = False
        self.plan_path = data_dir / PLAN_FILE
        self._lock: DataLock | None = None
        self._store: PlanStore | None = None
        self._journal: JournalStore | None = None
        # The app opens the journal off the UI thread; anything else asking for it at the
        # same moment must get that one store, not a second one on the same file.
        self._journal_opening = _thread.allocate_lock()
        self._program: ProgramStore | None = None

    # Reading without the lock -------------------------------------------------

    def tighten(self) -> None:
        """Make the folder 0700 and its files 0600 if others could use them (`tightened` says)."""
        from exback_tui.store.reading import tighten

        self.tightened |= tighten(self.data_dir)

    def tightened_note(self) -> str:
        """What to tell the person once `tightened` is set."""
        from exback_tui.store.reading import tightened_note

        return tightened_note(self.data_dir)

    def read_status(self, today: date) -> Status:
        """The status straight from disk, without taking the lock or creating anything."""
        self.tighten()
        return status_from_state(read_plan_state(self.data_dir), today)

    def read_entries(self) -> list[Entry]:
        """Every journal entry as last saved (deleted ones too, unordered), without the lock.

        Writes nothing, except the copy of a damaged file that DamagedFile points to.
        """
        from exback_tui.store.journal.store import read_journal

        self.tighten()
        return read_journal(self.data_dir)

    def read_program(self) -> ProgramState:
        """The program file as last saved (hard dates, answers, urges, logs), without the lock.

        For `exback week`, `report` and `settings --json`.
        """
        from exback_tui.store.program.store import read_program_state

        return read_program_state(self.data_dir)

    def read_export(self, export_format: str) -> bytes:
        """The folder as last saved, without the lock: "md" (the journal) or "json" (all).

        "md" is the journal as one Markdown document, oldest entry first;
        "json" is everything, deleted entries included, as a backup that
        `import_json` reads back. Raises DamagedFile or NewerSchema.
        """
        self.tighten()
        if export_format == "json":
            from exback_tui.store.export import folder_export

            return folder_export(self.data_dir)
        if export_format == "md":
            from exback_tui.domain.journal import markdown_export

            return markdown_export(self.read_entries()).encode("utf-8")
        raise ValueError(f"unknown export format {export_format!r}")

    # Opening for changes ------------------------------------------------------

    def open(self, *, for_tui: bool, wait: float = 0.0) -> ExBackService:
        """Take the data lock and open the plan file for changes.

        A TUI passes `wait=0` and keeps it open; command-line writers wait a
        moment and close straight after. Raises LockHeld, DamagedFile or
        NewerSchema, having written nothing.
        """
        from exback_tui.store.files import ensure_private_dir
        from exback_tui.store.lock import DataLock
        from exback_tui.store.plan.store import PlanStore

        ensure_private_dir(self.data_dir)
        self.tighten()
        lock = DataLock(self.data_dir, for_tui=for_tui).acquire(wait)
        try:
            self._store = PlanStore.open(self.data_dir)
        except BaseException:
            lock.release()
            raise
        self._lock = lock
        return self

    def hold_lock(self, *, for_tui: bool, wait: float = 0.0) -> DataLock:
        """The data lock alone, no file opened: `with service.hold_lock(for_tui=True): ...`.

        For asking a person what to do about a file that can't be read (and
        moving it aside) while no other exback can open the folder. Raises
        LockHeld like `open`.
        """
        from exback_tui.store.lock import DataLock

        return DataLock(self.data_dir, for_tui=for_tui).acquire(wait)

    def close(self) -> None:
        """Close the data files and release the lock."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        self._program = None
        if self._store is not None:
            self._store.close()
            self._store = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> ExBackService:
        return self

    def refresh(self, *, force: bool = False) -> bool:
        """Read again each open file another program changed since; whether any was.

        With `force`, read them again whatever their identity says.
        """
        changed = False
        if self._store is not None:
            changed |= self._store.refresh(force=force)
        if self._program is not None:
            changed |= self._program.refresh(force=force)
        if self._journal is not None:
            changed |= self._journal.refresh(force=force)
        return changed

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

    @_on_fresh_files
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

    @_on_fresh_files
    def restart(self, today: date, start: date, target_days: int | None = None) -> Status:
        """Start no contact again on `start` (history kept), or change the target."""
        plan = self._require_plan(today, refuse_clock_behind=True)
        self.store.save(plan.restarted(start, today, target_days))
        return self.status(today)

    @_on_fresh_files
    def slip(self, today: date, trigger: str = "") -> Status:
        """Record contact today: the count restarts, the ended attempt keeps `trigger`.

        A second slip today keeps its trigger with the first (no empty attempt);
        today's check-in, if there is one, shows the contact.
        """
        plan = self._require_plan(today, refuse_clock_behind=True)
        return self._save_history(today, plan.with_slip(today, trigger))

    @_on_fresh_files
    def undo_slip(self, today: date) -> Status:
        """Take back today's slip (recorded by mistake): the attempt is as it was before."""
        from exback_tui.domain.history import UndoContact, changed_history

        plan = self._require_plan(today, refuse_clock_behind=True)
        return self._save_history(today, changed_history(plan, UndoContact(today), today))

    @_on_fresh_files
    def correct_start(self, today: date, start: date) -> Status:
        """Correct the running attempt's start (entered wrong); every earlier attempt is kept."""
        from exback_tui.domain.settings import with_start_corrected

        plan = self._require_plan(today, refuse_clock_behind=True)
        return self._save_history(today, with_start_corrected(plan, start, today))

    @_on_fresh_files
    def set_target(self, today: date, days: int) -> Status:
        """Aim for `days` of no contact (21 or more); the attempts are untouched."""
        from exback_tui.domain.settings import with_target

        plan = self._require_plan(today)
        self.store.save(with_target(plan, days))
        return self.status(today)

    @_on_fresh_files
    def set_breakup_date(self, today: date, breakup: date | None) -> Status:
        """Set (or clear, with None) the breakup date; never after no contact first started."""
        from exback_tui.domain.settings import with_breakup_date

        plan = self._require_plan(today)
        self.store.save(with_breakup_date(plan, breakup, today))
        return self.status(today)

    @_on_fresh_files
    def set_review_weekday(self, today: date, weekday: int | None) -> Status:
        """The weekly review's day (0 = Monday), or None for the default."""
        from exback_tui.domain.settings import with_review_weekday

        plan = self._require_plan(today)
        self.store.save(with_review_weekday(plan, weekday))
        return self.status(today)

    @_on_fresh_files
    def change_plan_settings(
        self,
        today: date,
        *,
        target_days: int | None = None,
        breakup: date | None | object = KEEP,
        start: date | None = None,
        review_weekday: int | None | object = KEEP,
    ) -> Status:
        """Make several settings changes in one write, or none if any is refused.

        In this order: the target, the breakup date (None clears it), the start
        correction, the review day (None: the default). `KEEP` leaves one alone.
        """
        from exback_tui.domain import settings as rules

        plan = self._require_plan(today, refuse_clock_behind=start is not None)
        if target_days is not None:
            plan = rules.with_target(plan, target_days)
        if breakup is not KEEP:
            plan = rules.with_breakup_date(plan, _optional_date(breakup), today)
        if start is not None and start != plan.current.start:
            plan = rules.with_start_corrected(plan, start, today)
        if review_weekday is not KEEP:
            weekday = review_weekday
            plan = rules.with_review_weekday(plan, weekday if isinstance(weekday, int) else None)
        return self._save_history(today, plan)

    @_on_fresh_files
    def check_in(
        self,
        today: date,
        mood: int,
        urge: int,
        contacted: bool,
        trigger: str = "",
        on: date | None = None,
    ) -> Status:
        """Save the check-in of `on` (default today), replacing an earlier one that day.

        `on` may be one of the last 7 days (marked as added later), never before
        no contact started. Saying they made contact records a slip on that day
        (once a day) in the same write: for a past day the attempt running then
        ends there and the days after become a new attempt (see
        `preview_check_in`). Callers confirm with the user before passing
        `contacted=True`. A day with a slip always shows as contacted.
        """
        from exback_tui.domain.history import Contact, changed_history

        day = today if on is None else on
        current = self.status(today)
        plan = self._require_plan(today, current)
        if day != today:
            checkins_mod.check_fill_in_day(day, today, plan.attempts[0].start)
        if current.progress is not None:
            refuse_if_clock_behind(today, current.progress.latest_recorded)
        if contacted and not plan.slipped_on(day):
            plan = changed_history(plan, Contact(day, trigger), today)
        new = checkins_mod.make_checkin(
            day, mood, urge, contacted or plan.slipped_on(day), added_later=day != today
        )
        self.store.save(plan, new)
        return self.status(today)

    def preview_check_in(
        self, today: date, on: date, contacted: bool, trigger: str = ""
    ) -> tuple[NoContactPlan, NoContactPlan]:
        """The plan before and after `check_in(today, ..., contacted, trigger, on)`, unsaved.

        InvalidInput (as `check_in` would raise it) if that day can't be filled in.
        """
        from exback_tui.domain.history import Contact, changed_history

        plan = self._require_plan(today, refuse_clock_behind=True)
        if on != today:
            checkins_mod.check_fill_in_day(on, today, plan.attempts[0].start)
        after = plan
        if contacted and not plan.slipped_on(on):
            after = changed_history(plan, Contact(on, trigger), today)
        return plan, after

    def _save_history(self, today: date, plan: NoContactPlan) -> Status:
        """Save a plan whose attempts changed, with every check-in agreeing with its slips."""
        current = self.status(today)
        slip_days = {a.end for a in plan.attempts if a.ended_by == ENDED_BY_SLIP and a.end}
        changed = [
            new
            for old, new in zip(
                current.checkins,
                checkins_mod.agreeing_with_slips(current.checkins, slip_days),
                strict=True,
            )
            if old != new
        ]
        self.store.save(plan, *changed)
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

    # The program: answers, ticks, quiz results and logs ----------------------------

    def program(self) -> ProgramState:
        """Everything the user has done in the program, as last saved."""
        return self._program_store.state

    @property
    def _program_store(self) -> ProgramStore:
        if self._program is None:
            from exback_tui.store.program.store import ProgramStore

            self.store  # noqa: B018 - the lock must be held: open() first
            self._program = ProgramStore.open(self.data_dir)
        return self._program

    def _save_program(self, **changes: Any) -> ProgramState:
        store = self._program_store
        return store.save(store.state._replace(**changes))

    @_on_fresh_files
    def save_answer(self, key: str, text: str, now: datetime) -> ProgramState:
        """Keep the answer to `key` (an empty answer is kept too: it clears it)."""
        from exback_tui.domain.progress import Answer, clean_text

        answers = dict(self.program().answers)
        answers[key] = Answer(key, clean_text(text, key, required=False), now)
        return self._save_program(answers=answers)

    @_on_fresh_files
    def save_checklist(self, checklist_id: str, ticked: Iterable[str], on: date) -> ProgramState:
        """Keep a checklist's ticks: a take on the same day replaces it; a later day adds one."""
        from exback_tui.domain.progress import ChecklistTake

        takes = list(self.program().checklists.get(checklist_id, ()))
        take = ChecklistTake(checklist_id, on, frozenset(ticked))
        if takes and takes[-1].on == on:
            takes[-1] = take
        else:
            takes.append(take)
        checklists = {**self.program().checklists, checklist_id: tuple(takes)}
        return self._save_program(checklists=checklists)

    @_on_fresh_files
    def save_quiz(
        self, quiz_id: str, answers: dict[str, int], score: int, on: date
    ) -> ProgramState:
        """Add a quiz result; earlier ones stay, to show how answers moved."""
        from exback_tui.domain.progress import QuizResult

        quizzes = dict(self.program().quizzes)
        quizzes[quiz_id] = (
            *quizzes.get(quiz_id, ()),
            QuizResult(quiz_id, on, dict(answers), score),
        )
        return self._save_program(quizzes=quizzes)

    @_on_fresh_files
    def add_item(self, list_name: str, text: str, on: date, extra: str = "") -> ProgramState:
        """Add a line to one of the user's lists."""
        import uuid

        from exback_tui.domain.progress import Item, clean_text

        item = Item(
            uuid.uuid4().hex,
            list_name,
            clean_text(text, list_name),
            False,
            on,
            clean_text(extra, list_name, required=False),
        )
        return self._save_program(items=(*self.program().items, item))

    @_on_fresh_files
    def update_item(
        self,
        item_id: str,
        *,
        text: str | None = None,
        done: bool | None = None,
        extra: str | None = None,
    ) -> ProgramState:
        """Change a line's text, tick or second text."""
        from exback_tui.domain.progress import clean_text

        items = list(self.program().items)
        for index, item in enumerate(items):
            if item.id == item_id:
                changes: dict[str, Any] = {}
                if text is not None:
                    changes["text"] = clean_text(text, item.list)
                if extra is not None:
                    changes["extra"] = clean_text(extra, item.list, required=False)
                if done is not None:
                    changes["done"] = done
                items[index] = item._replace(**changes)
                return self._save_program(items=tuple(items))
        raise InvalidInput("That line no longer exists.", "item")

    @_on_fresh_files
    def remove_item(self, item_id: str) -> ProgramState:
        """Remove a line from its list."""
        items = tuple(item for item in self.program().items if item.id != item_id)
        return self._save_program(items=items)

    @_on_fresh_files
    def set_stage(self, stage_id: str, on: date | None) -> ProgramState:
        """Mark a reconnecting stage done on `on`, or not done (None)."""
        from exback_tui.domain.progress import StageDone

        stages = dict(self.program().stages)
        stages.pop(stage_id, None)
        if on is not None:
            stages[stage_id] = StageDone(stage_id, on)
        return self._save_program(stages=stages)

    @_on_fresh_files
    def add_hard_date(self, name: str, month: int, day: int) -> ProgramState:
        """Remember a date that will be hard every year."""
        import uuid

        from exback_tui.domain.hard_dates import validate_hard_date
        from exback_tui.domain.progress import HardDate, clean_text

        validate_hard_date(name, month, day)
        hard_date = HardDate(uuid.uuid4().hex, clean_text(name, "name"), month, day)
        return self._save_program(hard_dates=(*self.program().hard_dates, hard_date))

    @_on_fresh_files
    def remove_hard_date(self, hard_date_id: str) -> ProgramState:
        """Forget a hard date."""
        kept = tuple(h for h in self.program().hard_dates if h.id != hard_date_id)
        return self._save_program(hard_dates=kept)

    @_on_fresh_files
    def log_contact(
        self, on: date, kind: str, *, topic: str = "", engaged: bool = False, note: str = ""
    ) -> ProgramState:
        """Log contact that is not a slip: "they" contacted the user, or "necessary" contact.

        Necessary contact must name one of the allowed topics.
        """
        import uuid

        from exback_tui.domain.progress import CONTACT_KINDS, Contact, clean_text

        if kind not in CONTACT_KINDS:
            raise InvalidInput(f"Unknown kind of contact: {kind!r}.", "kind")
        state = self.program()
        if kind == "necessary" and topic not in state.allowed_topics:
            raise InvalidInput("Pick one of your allowed topics first.", "topic")
        contact = Contact(
            uuid.uuid4().hex, on, kind, topic, engaged, clean_text(note, "note", required=False)
        )
        return self._save_program(contacts=(*state.contacts, contact))

    @_on_fresh_files
    def set_allowed_topics(self, topics: Iterable[str]) -> ProgramState:
        """Name the topics where contact is necessary (children, bills, work...)."""
        from exback_tui.domain.progress import clean_text

        kept: list[str] = []
        for topic in topics:
            topic = clean_text(topic.strip(), "topics", required=False)
            if topic and topic not in kept:
                kept.append(topic)
        return self._save_program(allowed_topics=tuple(kept))

    @_on_fresh_files
    def keep_urge(self, text: str, now: datetime) -> ProgramState:
        """Keep an unsent message in the cooling-off box; it is `state.urges[-1]`."""
        import uuid

        from exback_tui.domain.progress import Urge, clean_text

        urge = Urge(uuid.uuid4().hex, clean_text(text, "message"), now, "waiting", None)
        return self._save_program(urges=(*self.program().urges, urge))

    @_on_fresh_files
    def decide_urge(self, urge_id: str, outcome: str, now: datetime) -> ProgramState:
        """Record what became of a kept message: "let-go" or "sent"."""
        if outcome not in ("let-go", "sent"):
            raise InvalidInput(f"Unknown outcome: {outcome!r}.", "outcome")
        urges = list(self.program().urges)
        for index, urge in enumerate(urges):
            if urge.id == urge_id:
                urges[index] = urge._replace(outcome=outcome, decided=now)
                return self._save_program(urges=tuple(urges))
        raise InvalidInput("That message no longer exists.", "urge")

    @_on_fresh_files
    def set_theme(self, name: str) -> ProgramState:
        """Remember the colour theme (Textual's name for it)."""
        return self._save_program(theme=name)

    # The journal -----------------------------------------------------------------

    @property
    def journal(self) -> JournalStore:
        """The journal, opened on first use (the app does this off the UI thread)."""
        if self._journal is None:
            with self._journal_opening:
                if self._journal is None:
                    from exback_tui.store.journal.store import JournalStore

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

    @_on_fresh_files
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

    @_on_fresh_files
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

    @_on_fresh_files
    def delete_entry(self, now: datetime, entry_id: str) -> Entry:
        """Move an entry to "recently deleted" (restorable for 30 days)."""
        from exback_tui.domain.journal import deleted

        entry = deleted(self._entry(entry_id), now)
        self.journal.save(entry)
        return entry

    @_on_fresh_files
    def restore_entry(self, entry_id: str) -> Entry:
        """Bring an entry back from "recently deleted"."""
        from exback_tui.domain.journal import restored

        entry = restored(self._entry(entry_id))
        self.journal.save(entry)
        return entry

    @_on_fresh_files
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
        """Everything (plan, check-ins, journal, program) as one JSON document."""
        from exback_tui.store.export import build_export

        return build_export(self.store.tables(), self.journal.entries(), self.program())

    def export_markdown(self) -> str:
        """The journal as one readable Markdown document, oldest first."""
        from exback_tui.domain.journal import markdown_export

        return markdown_export(self.journal.entries())

    def write_export(self, target: Path, data: bytes) -> bool:
        """Write an export to `target`, 0600 whatever the umask, replacing it whole or not at all.

        Needs no lock (it writes outside the data). A FIFO, a device or
        /dev/stdout is written into, a link's file replaced (see
        `files.write_output`). A target in the data folder (by any name) is
        refused: InvalidInput. Whether a private (0600) file was written.
        Raises WriteFailed with nothing written, or WriteUnconfirmed if the
        disk did not confirm it.
        """
        from exback_tui.store.files import same_file_in, write_output

        own = same_file_in(self.data_dir, target)
        if own is not None:
            raise InvalidInput(
                f"{target} is exback's own {own.name}, in its data folder; writing the export "
                "there would replace your data. Nothing was written: choose a file outside "
                f"{self.data_dir}.",
                "output",
            )
        return write_output(target, data)

    def import_json(self, raw: bytes) -> tuple[bool, int, int]:
        """Read an export back: (plan imported, entries added, entries already here).

        The plan and the program are imported only into a folder that has none yet; journal
        entries already present (same id) are not duplicated.
        Raises InvalidInput if the file is not an export this version reads.
        """
        from exback_tui.domain.progress import EMPTY_PROGRAM
        from exback_tui.store.export import BadExport, parse_export, parse_program

        try:
            tables, entries = parse_export(raw)
            program = parse_program(raw)
        except BadExport as error:
            raise InvalidInput(f"That file can't be imported: {error}.", "file") from None
        from exback_tui.store.files import AllOrNothing

        journal = self.journal  # a damaged journal must stop the import before any write
        self.refresh()
        self.program()
        files = [self.data_dir / name for name in (PLAN_FILE, PROGRAM_FILE, JOURNAL_FILE)]
        try:
            # All or nothing: a failure at the journal puts the plan and program back.
            with AllOrNothing(files):
                plan_imported = False
                if tables is not None and self.store.state().plan is None:
                    self.store.import_tables(tables)
                    plan_imported = True
                if program is not None and self.program() == EMPTY_PROGRAM:
                    self._program_store.save(program)
                added = journal.add_many(entries)
        except BaseException:
            with contextlib.suppress(StoreError, OSError):
                self.refresh(force=True)  # memory follows the files put back
            raise
        return plan_imported, added, len(entries) - added

    # The unsaved draft --------------------------------------------------------------

    def save_draft(self, draft: dict[str, Any]) -> None:
        """Keep the entry being written, so a crash can't lose it."""
        from exback_tui.store.journal.draft import save_draft

        save_draft(self.data_dir, draft)

    def load_draft(self) -> dict[str, Any] | None:
        """The entry that was being written when exback last stopped, if any."""
        from exback_tui.store.journal.draft import load_draft

        return load_draft(self.data_dir)

    def clear_draft(self) -> None:
        """Forget the draft."""
        from exback_tui.store.journal.draft import clear_draft

        clear_draft(self.data_dir)

    def save_urge_draft(self, text: str, saved_at: datetime) -> None:
        """Keep the message being written in the urge box, so a crash can't lose it."""
        from exback_tui.store.journal.draft import save_urge_draft

        save_urge_draft(self.data_dir, text, saved_at.isoformat())

    def load_urge_draft(self) -> str | None:
        """The message that was being written in the urge box when exback last stopped."""
        from exback_tui.store.journal.draft import load_urge_draft

        return load_urge_draft(self.data_dir)

    def clear_urge_draft(self) -> None:
        """Forget the urge box's draft (the message was kept, or the box left empty)."""
        from exback_tui.store.journal.draft import clear_draft
        from exback_tui.store.names import URGE_DRAFT_FILE

        clear_draft(self.data_dir, URGE_DRAFT_FILE)
