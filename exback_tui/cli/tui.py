"""`exback` with no command: open the app, after checking the files it needs first."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from exback_tui.cli.common import service
from exback_tui.cli.errors import OK, fail, fail_for

if TYPE_CHECKING:
    from pathlib import Path

    from exback_tui.parsed_cache import ParsedCache
    from exback_tui.service import DamagedFile, NewerSchema

NEEDS_A_TERMINAL = (
    "the full-screen app needs a terminal (stdin and stdout);"
    " `exback today` and the other commands work anywhere"
)


# After SIGHUP/SIGTERM the app has this long to exit before the process is ended:
# a terminal that is gone can hang the exit, and with it the data lock.
EXIT_GUARD_SECONDS = 3.0


def run_tui(data_dir: Path) -> int:
    """Open the app on `data_dir`: lock first, then check the files, then start Textual.

    A data file that can't be read (damaged, or written by a newer exback)
    doesn't end it with a bare exit: a small screen says what is wrong and
    where, and offers to start fresh (the file moved aside, whole) or to quit
    (nothing changed). Without a terminal to ask on, the problem is printed.
    Another exback already open ends it before Textual is even imported.
    Each ends with the status `exit_codes` gives its error. Files that open
    well but no terminal on stdin and stdout: one line on stderr saying so, and
    the bad-input status.
    """
    if not data_dir.exists() and not _on_a_terminal():
        return fail(NEEDS_A_TERMINAL)  # nothing there to check: create nothing
    from exback_tui.service import DamagedFile, NewerSchema

    offered: set[Path] = set()
    notes: list[str] = []
    while True:
        opened = service(data_dir)
        try:
            opened.open(for_tui=True)
            # Small, and the app reads it first thing: a damaged one is offered here too.
            opened.program()
        except (DamagedFile, NewerSchema) as problem:
            opened.close()
            if problem.path in offered or not _on_a_terminal():
                raise  # no one to ask, or moved aside yet unreadable again: say it and stop
            offered.add(problem.path)
            aside = _offer_fresh_start(data_dir, problem)
            if aside is None:
                return fail_for(problem)
            from exback_tui.screens.damaged import moved_message

            notes.append(moved_message(problem, aside))
            continue
        break
    if not _on_a_terminal():
        # Textual would draw into a file or a pipe, escape codes and all, and wait for keys.
        opened.close()
        return fail(NEEDS_A_TERMINAL)
    if opened.tightened:
        note = opened.tightened_note().removeprefix("note: ")
        notes.append(note[:1].upper() + note[1:])
        opened.tightened = False  # said in the app; not again on stderr
    app: ExBackApp | None = None
    parsed: ParsedCache | None = None
    try:
        from exback_tui import collector

        collector.hold()  # until the first paint: see `collector`
        from exback_tui.app import ExBackApp
        from exback_tui.parsed_cache import FILE_NAME, ParsedCache, install
        from exback_tui.paths import cache_dir_text

        parsed = ParsedCache(os.path.join(cache_dir_text(), FILE_NAME))
        parsed.read()
        install(parsed)
        app = ExBackApp(opened)
        for note in notes:
            app.notify(note, markup=False, timeout=20)
        app.exit_guard_seconds = EXIT_GUARD_SECONDS
        app.run()
    finally:
        opened.close()
        if app is not None and app.exit_guard is not None:
            app.exit_guard.cancel()
        if parsed is not None:
            parsed.write()  # after the data is closed: what was parsed, for next time
    return app.return_code or OK


def _on_a_terminal() -> bool:
    """Whether a person can answer a question on screen (stdin and stdout are a terminal)."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def _offer_fresh_start(data_dir: Path, problem: DamagedFile | NewerSchema) -> Path | None:
    """Ask, holding the lock, whether to start fresh; where the file went, or None to quit."""
    with service(data_dir).hold_lock(for_tui=True):
        from exback_tui.screens.damaged import DamagedFileApp

        return DamagedFileApp(problem).run()
