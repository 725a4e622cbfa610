"""A separate process for the lock and crash tests. Not a test module.

    writer_proc.py hold DIR          take the data lock, print LOCKED, hold it until stdin closes
    writer_proc.py try DIR           try the lock once, print ACQUIRED or LOCKHELD <message>
    writer_proc.py crash DIR START   change the plan forever from operation START on,
                                     printing "ACK <n>" after each save returns
    writer_proc.py pause-before-replace DIR DAY
    writer_proc.py pause-after-replace DIR DAY
                                     check in on DAY, stopping (print PAUSED) just
                                     before / just after the rename of the temp file

No clock is read: operation n happens on BASE + n days.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

BASE = date(2026, 1, 1)


def op_kind(n: int) -> str:
    """What operation n does; the crash test checks the same thing."""
    return ("checkin", "slip", "restart")[n % 3]


def op_day(n: int) -> date:
    return BASE + timedelta(days=n)


def op_trigger(n: int) -> str:
    return f"op {n} [/] \x1b[31m \udcff 🙂"


def op_checkin(n: int) -> tuple[int, int]:
    """(mood, urge) of check-in operation n."""
    return 1 + n % 5, n % 11


def crash(folder: Path, start: int) -> None:
    from exback_tui.service import ExBackService

    service = ExBackService(folder).open(for_tui=False)
    n = start
    while True:
        today = op_day(n)
        kind = op_kind(n)
        if kind == "checkin":
            mood, urge = op_checkin(n)
            service.check_in(today, mood, urge, contacted=False)
        elif kind == "slip":
            service.slip(today, op_trigger(n))
        else:
            service.restart(today, today)
        sys.stdout.write(f"ACK {n}\n")
        sys.stdout.flush()
        n += 1


def pause(folder: Path, day: date, *, after: bool) -> None:
    from exback_tui.service import ExBackService

    service = ExBackService(folder).open(for_tui=False)
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if not after:
            print("PAUSED", src, flush=True)
            time.sleep(60)
        real_replace(src, dst, *args, **kwargs)
        print("PAUSED", src, flush=True)
        time.sleep(60)

    os.replace = replace
    service.check_in(day, 3, 4, contacted=False)


def hold(folder: Path) -> None:
    from exback_tui.store.lock import DataLock

    lock = DataLock(folder, for_tui=True).acquire()
    print("LOCKED", flush=True)
    sys.stdin.read()
    lock.release()


def try_lock(folder: Path) -> None:
    from exback_tui.store.errors import LockHeld
    from exback_tui.store.lock import DataLock

    try:
        DataLock(folder, for_tui=True).acquire()
    except LockHeld as error:
        print("LOCKHELD", error, flush=True)
    else:
        print("ACQUIRED", flush=True)


def main(argv: list[str]) -> None:
    command, folder = argv[0], Path(argv[1])
    if command == "crash":
        crash(folder, int(argv[2]))
    elif command in ("pause-before-replace", "pause-after-replace"):
        pause(folder, date.fromisoformat(argv[2]), after=command == "pause-after-replace")
    elif command == "hold":
        hold(folder)
    elif command == "try":
        try_lock(folder)
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
