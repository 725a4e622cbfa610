"""The writer the kill test murders, and the operations it performs. Not a test module.

    python -m tests.reliability.kill_writer serve

starts a fork server: it imports exback once, then for each line
"RUN <folder> <first op>" on stdin forks a child that opens the data folder
(taking the lock, sweeping temp files) and performs operations <first op>,
<first op + 1>, ... forever, writing to stdout, unbuffered:

    PID <pid>        once, first
    BEGIN <n>        before operation n starts
    ACK <n>          after operation n's save returned
    ERROR <text>     if anything raised (then it exits 3)

When the child has died (the test kills it with SIGKILL) the server writes
"DONE <wait status>". Forking from a warm parent makes a fresh writer cost
a few milliseconds instead of an interpreter start, so the test can kill
hundreds of them.

Operations are deterministic functions of their number and of the data in
the folder: even numbers change the journal (insert, edit, soft delete,
purge: the file grows and shrinks), odd numbers save a whole new plan whose
attempts grow and shrink, with a check-in now and then. The test replays
the same functions (`journal_step`, `plan_step`) to know what the files must
hold.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import UTC, date, datetime, timedelta

from exback_tui.domain.checkin import CheckIn
from exback_tui.domain.journal import Entry
from exback_tui.domain.plan import Attempt, NoContactPlan

BASE_DAY = date(2025, 1, 1)
BASE_TIME = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)
MAX_KEPT = 24  # a purge keeps the journal about this size
# Pieces of text that stress the encoders: markup, escapes, NUL, emoji, RTL, quotes.
PIECES = ("[/]", "\x1b[31m", "\x00", "🙂💔", "שלום", "é", "\n", '"\\', "abc ", "\u202e")
# The plan file is 7-bit JSON and keeps even a lone surrogate (a badly encoded
# terminal's); the journal refuses one before it reaches the store.
PLAN_PIECES = (*PIECES, "\udcff")


def text_of(seed: int, length: int, pieces: tuple[str, ...] = PIECES) -> str:
    """A deterministic string of `length` pieces, for entry (or attempt) `seed`."""
    parts = [f"#{seed} "]
    for i in range(length):
        parts.append(pieces[(seed * 31 + i * 7) % len(pieces)])
    return "".join(parts)


def is_journal_op(n: int) -> bool:
    return n % 2 == 0


# The journal --------------------------------------------------------------------------


def journal_step(entries: dict[str, Entry], n: int) -> tuple[str, object]:
    """Operation n on the journal `entries` (by id): ("save", Entry) or ("remove", [ids])."""
    k = n // 2
    when = BASE_TIME + timedelta(minutes=k)
    live = sorted(i for i, e in entries.items() if e.deleted is None)
    kind = k % 5
    if kind in (0, 1) or not live:
        length = (k * 7919) % 700 + 1
        entry = Entry(
            id=f"e{k:07d}",
            created=when,
            updated=when,
            title=text_of(k, k % 4),
            text=text_of(k, length),
            mood=None if k % 6 == 0 else 1 + k % 5,
            tags=tuple(f"t{k % 3}" for _ in range(k % 2)),
            prompt=None,
        )
        return "save", entry
    if kind == 2:  # edit the newest live entry: the text shrinks to a line or grows
        old = entries[live[-1]]
        length = 2 if k % 2 else (k * 13) % 900 + 100
        return "save", old._replace(text=text_of(k, length), updated=when, mood=None)
    if kind == 3:  # soft delete the oldest live entry
        return "save", entries[live[0]]._replace(deleted=when)
    # Purge: the deleted entries, and the oldest beyond MAX_KEPT (the file shrinks).
    doomed = sorted(i for i, e in entries.items() if e.deleted is not None)
    doomed += live[: max(0, len(live) - MAX_KEPT)]
    return "remove", doomed


def apply_journal(entries: dict[str, Entry], n: int) -> dict[str, Entry]:
    """The journal after operation n (a new dict; `entries` is not changed)."""
    kind, arg = journal_step(entries, n)
    after = dict(entries)
    if kind == "save":
        assert isinstance(arg, Entry)
        after[arg.id] = arg
    else:
        assert isinstance(arg, list)
        for entry_id in arg:
            after.pop(entry_id, None)
    return after


# The plan ----------------------------------------------------------------------------------


def plan_step(n: int) -> tuple[NoContactPlan, CheckIn | None]:
    """The whole plan operation n saves, and the check-in it adds (or replaces), if any."""
    p = n // 2
    count = 1 + (p * 7) % 12  # attempts grow and shrink: the file too
    attempts = []
    for i in range(count):
        start = BASE_DAY + timedelta(days=3 * i)
        if i == count - 1:
            attempts.append(Attempt(start))
        else:
            ended_by = "slip" if (p + i) % 2 else "restart"
            trigger = (
                text_of(p + i, (p * 31 + i * 17) % 60, PLAN_PIECES) if ended_by == "slip" else ""
            )
            attempts.append(Attempt(start, start + timedelta(days=3), ended_by, trigger))
    plan = NoContactPlan(21 + p % 50, tuple(attempts), BASE_DAY - timedelta(days=p % 9))
    checkin = None
    if p % 3 == 0:
        checkin = CheckIn(BASE_DAY + timedelta(days=p % 40), 1 + p % 5, p % 11, False)
    return plan, checkin


def initial_plan() -> NoContactPlan:
    """What operation 0 (done by the test before any writer) saves."""
    return NoContactPlan(30, (Attempt(BASE_DAY),), None)


# The writer ---------------------------------------------------------------------------------


def _say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8", "surrogateescape"))


def write_forever(folder: str, first: int) -> None:
    """Open `folder` and perform operations first, first + 1, ... until killed."""
    from pathlib import Path

    from exback_tui.service import ExBackService

    service = ExBackService(Path(folder)).open(for_tui=False)
    journal = service.journal
    plan_store = service.store
    n = first
    while True:
        _say(f"BEGIN {n}")
        if is_journal_op(n):
            kind, arg = journal_step({e.id: e for e in journal.entries()}, n)
            if kind == "save":
                journal.save(arg)  # type: ignore[arg-type]
            elif arg:
                journal.remove(arg)  # type: ignore[arg-type]
            else:  # nothing to purge: no write at all, which is fine
                pass
        else:
            plan, checkin = plan_step(n)
            plan_store.save(plan, *([] if checkin is None else [checkin]))
        _say(f"ACK {n}")
        n += 1


def serve() -> None:
    """The fork server (see the module docstring)."""
    # Everything the writer needs, imported once, before any fork.
    import exback_tui.service  # noqa: F401
    import exback_tui.store.journal.store  # noqa: F401
    import exback_tui.store.plan.store  # noqa: F401
    import exback_tui.store.storage  # noqa: F401

    for line in sys.stdin:
        command, folder, first = line.split()
        assert command == "RUN", command
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                _say(f"PID {os.getpid()}")
                write_forever(folder, int(first))
            except BaseException:
                _say("ERROR " + repr(traceback.format_exc()))
            finally:
                os._exit(3)
        _, status = os.waitpid(pid, 0)
        _say(f"DONE {status}")


if __name__ == "__main__":
    if sys.argv[1:] == ["serve"]:
        serve()
    else:
        raise SystemExit("usage: python -m tests.reliability.kill_writer serve")
